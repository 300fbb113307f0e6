import Foundation
import Testing
@testable import PrognosCore

@Suite("Outputs")
struct OutputTests {
    @Test("numbers: Swedish decimal comma and space grouping, English point and comma")
    func numberFormat() {
        #expect(Format.amount(639_500_000, .mnkr, .sv) == "639,5")
        #expect(Format.amount(15_600_000_000, .mnkr, .sv) == "15 600,0")
        #expect(Format.amount(15_600_000_000, .mnkr, .en) == "15,600.0")
        #expect(Format.amount(-7_600_000, .mnkr, .sv) == "-7,6")
        #expect(Format.amount(-40_000, .mnkr, .sv) == "0,0")      // no "-0,0"
        #expect(Format.amount(1_234_567, .tkr, .sv) == "1 235")   // half away from zero
        #expect(Format.amount(nil, .kr, .en) == "–")
    }

    static func seedRun() throws -> ScenarioRun {
        let path = repositoryRoot.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
        return try ScenarioRun.compute(try Scenario.load(path: path))
    }

    @Test("the Swedish table prints the report's rows and totals")
    func swedishTable() throws {
        let text = TableOutput.render(try Self.seedRun(), lang: .sv)
        #expect(text.contains("Driftsammandrag för resultat 31 mars 2024, belopp mnkr"))
        #expect(text.contains("Driftsammandrag för prognos för helår 2024, belopp mnkr"))
        let lines = text.split(separator: "\n").map(String.init)
        func row(_ label: String, after title: String) -> [String]? {
            guard let start = lines.firstIndex(where: { $0.hasPrefix(title) }),
                  let line = lines[start...].first(where: { $0.hasPrefix(label) }) else { return nil }
            return line.dropFirst(label.count).split(separator: " ").map(String.init)
        }
        #expect(row("Summa nettokostnader", after: "Driftsammandrag för resultat") == ["146,6", "160,4", "13,8", "85,6"])
        #expect(row("Summa nettokostnader", after: "Driftsammandrag för prognos") == ["639,5", "650,5", "11,0", "506,9"])
        #expect(row("Verksamhetsstöd och service (VSS)*", after: "Driftsammandrag för resultat") == ["-7,6", "-3,4", "-4,2", "-0,9"])
        #expect(row("Verksamhetsstöd och service (VSS)*", after: "Driftsammandrag för prognos") == ["-5,5", "0,0", "-5,5", "-1,9"])
        #expect(row("varav intäkter", after: "Driftsammandrag för prognos") == ["-50,9", "-50,9", "0,0", "-123,7"])
        #expect(text.contains("Budget hittills: rapporten anger 160,5, radernas summa är 160,4 (avrundningsdifferens)"))   // no rule id for a Swedish reader (issue 16)
    }

    @Test("the English table uses English labels and a decimal point")
    func englishTable() throws {
        let text = TableOutput.render(try Self.seedRun(), lang: .en)
        #expect(text.contains("Operating statement, full-year forecast 2024, amounts in mnkr"))
        #expect(text.contains("Total net cost"))
        #expect(text.contains("639.5"))
        #expect(!text.contains("639,5"))
    }

    @Test("JSON carries the contract's keys in kronor")
    func json() throws {
        let text = try JSONOutput.render(try Self.seedRun())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["unit"] as? String == "mnkr")
        #expect(object["as_of"] as? String == "2024-03-31")
        let operating = try #require(object["operating"] as? [String: Any])
        let total = try #require(operating["total"] as? [String: Any])
        #expect(total["forecast"] as? Double == 639_500_000)
        #expect(total["deviation"] as? Double == 11_000_000)
        #expect(total["budget_ytd"] as? Double == 160_400_000)
        let units = try #require(operating["units"] as? [[String: Any]])
        let unitKeys: Set = ["id", "name", "parent", "reported_as", "actual_ytd", "budget_ytd", "deviation_ytd",
                             "actual_ytd_prior", "budget", "forecast", "deviation", "outcome_prior", "method",
                             "method_value", "adjustments", "band", "band_reason", "methods", "methods_unavailable",
                             "backtest"]
        #expect(unitKeys.isSubset(of: Set(units[0].keys)))
        let vss = try #require(units.first { $0["id"] as? String == "vss" })
        #expect(vss["reported_as"] as? String == "result")
        #expect(vss["deviation_ytd"] as? Double == -4_200_000)
        #expect(vss["band"] is NSNull)
        let methods = try #require(units[0]["methods"] as? [String: Any])
        #expect(Set(methods.keys) == ["run_rate", "budget_remaining", "profile", "trend"])
        let reconciliation = try #require(operating["reconciliation"] as? [[String: Any]])
        let budgetYTD = try #require(reconciliation.first { $0["column"] as? String == "budget_ytd" })
        #expect(budgetYTD["status"] as? String == "rounding")
        #expect(budgetYTD["reported"] as? Double == 160_500_000)
        #expect(budgetYTD["computed"] as? Double == 160_400_000)
        #expect(budgetYTD["difference"] as? Double == -100_000)
        let warnings = try #require(object["warnings"] as? [[String: Any]])   // {code, message, file, line, column} (spec/files.md)
        #expect(warnings.count == 4)   // three operating rounding warnings, one investment (33.7 vs 33.6)
        // Byte-identical on a second run.
        #expect(try JSONOutput.render(try Self.seedRun()) == text)
    }

    @Test("CSV: RFC 4180 with a point, excel-sv with ';', a decimal comma and a BOM")
    func csv() throws {
        let run = try Self.seedRun()
        let rfc = try CSVOutput.render(run, dialect: .rfc4180).split(separator: "\n").map(String.init)
        #expect(rfc[0] == "section,id,name,reported_as,actual_ytd,budget_ytd,deviation_ytd,actual_ytd_prior,forecast,budget,deviation,outcome_prior,method,method_value,adjustments")
        #expect(rfc[1] == "unit,ks,Kommunstyrelsen,net_cost,6800000,7500000,700000,8000000,29200000,30200000,1000000,25500000,manual,29200000,")
        // The statement's total closes its table (the investments' and capital costs' tables follow after a blank line).
        #expect(rfc.contains("total,total,Summa nettokostnader,net_cost,146600000,160400000,13800000,85600000,639500000,650500000,11000000,506900000,,,"))
        #expect(rfc[rfc.firstIndex(of: "total,total,Summa nettokostnader,net_cost,146600000,160400000,13800000,85600000,639500000,650500000,11000000,506900000,,,")! + 1]
                .hasPrefix("section,id,name,unit,kind,group,"))
        let sv = try CSVOutput.render(run, dialect: .excelSV)
        #expect(sv.hasPrefix("\u{FEFF}Linköping KS"))   // UTF-8 BOM first, so Swedish Excel reads å ä ö
        #expect(Array(sv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!rfc[0].hasPrefix("\u{FEFF}"))
        // excel-sv is the printed table (issue 16): mnkr as printed, decimal comma (the seed: VSS −7,6 −3,4 −4,2 −0,9).
        #expect(sv.contains("\nVerksamhetsstöd och service (VSS)*;-7,6;-3,4;-4,2;-0,9\n"))
    }

    @Test("output files are written whole, replacing an old one; an impossible path is exit 73")
    func atomicWrite() throws {
        let dir = try temporaryFiles(["out.txt": "old"])
        let path = dir.appendingPathComponent("out.txt").path
        try OutputFile.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        #expect(throws: InputFailure.self) { try OutputFile.write("x", to: dir.appendingPathComponent("no/such/dir/x.txt").path) }
        do { try OutputFile.write("x", to: "/proc/prognos-cannot-write") } catch { #expect(error.kind == .cannotWriteOutput) }
    }

    @Test("docs/reference.md is the reference generated from the code")
    func referenceDoc() throws {
        let path = repositoryRoot.appendingPathComponent("docs/reference.md").path
        let doc = try String(contentsOfFile: path, encoding: .utf8)
        #expect(doc == Schema.referenceMarkdown(), "regenerate with: swift run prognos reference > docs/reference.md")
        // Every key the operating spec names is declared.
        let declared = Set(Schema.sections.flatMap { $0.keys.map(\.name) })
        for key in ["budget", "budget_ytd", "actual_ytd", "actual_ytd_prior", "outcome_prior", "forecast",
                    "reported_as", "parent", "reported_totals", "gross", "adjustments", "method", "value"] {
            #expect(declared.contains(key), "\(key)")
        }
    }
}
