import Foundation
import Testing

/// Defects a helper found using the shipped files as a controller and a treasurer (2026-12-03):
/// a what-if that left no trace in the treasury's output, gross lines that no longer added up
/// to a changed budget without a mark, a machine CSV without the investments, and what a
/// committee reader saw in English or by id.
@Suite("What-if traces and what a reader sees", .serialized)
struct WhatIfTraceCLITests {
    @Test("a treasury what-if is an assumption naming the scenario's label, the key and the value, in every view (sv and en)")
    func treasuryWhatIf() throws {
        let set = ["--set", "rates.scenarios[plus100].shift=150bp", "--set", "treasury.internal_bank.margin=0.40%"]
        // linkoping-internbank-2024.yaml has both a +100 scenario and an internal bank.
        let file = "Scenarios/linkoping-internbank-2024.yaml"
        let base = try CLITests.prognos(["run", file, "--format", "json"])
        let changed = try CLITests.prognos(["run", file, "--format", "json"] + set)
        #expect(base.status == 0 && changed.status == 0, "\(changed.stderr)")
        func treasury(_ text: String) throws -> [String: Any] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(json["treasury"] as? [String: Any])
        }
        let before = try #require(try treasury(base.stdout)["assumptions"] as? [String])
        let after = try #require(try treasury(changed.stdout)["assumptions"] as? [String])
        #expect(!before.contains { $0.contains("ändrat från filen") || $0.contains("Ändrat från filen") })
        #expect(after.count == before.count + 2, "\(after)")
        #expect(after.contains("Räntescenariot '+100 punkter' är ändrat från filen (--set eller en körning i en batch): rates.scenarios[plus100].shift = 150bp; beloppen visar ändringen, namnet är filens."),
                "\(after)")
        #expect(after.contains("Ändrat från filen (--set eller en körning i en batch): treasury.internal_bank.margin = 0.40%; beloppen visar ändringen."),
                "\(after)")
        // The file's own value, written another way, is no change and no note (plus100 is +100 bp in the file).
        for same in ["rates.scenarios[plus100].shift=1%", "rates.scenarios[plus100].shift=+100bp", "rates.scenarios[plus100].shift=100bp"] {
            let r = try CLITests.prognos(["run", file, "--format", "json", "--set", same])
            #expect(r.stdout == base.stdout, "\(same)")
        }
        // The figures do change (the note is not a label on the same numbers).
        func plus100(_ text: String) throws -> Double {
            let scenarios = try #require(try treasury(text)["scenarios"] as? [[String: Any]])
            let s = try #require(scenarios.first { $0["name"] as? String == "plus100" })
            let years = try #require(s["years"] as? [[String: Any]])
            return try #require(years.last?["external_interest"] as? Double)
        }
        #expect(try plus100(changed.stdout) > plus100(base.stdout))
        // The table and the English views say it too.
        let table = try CLITests.prognos(["run", file] + set)
        #expect(table.stdout.contains("Räntescenariot '+100 punkter' är ändrat från filen"), "\(table.stdout.suffix(2000))")
        let en = try CLITests.prognos(["run", file, "--lang", "en"] + set)
        #expect(en.stdout.contains("The rate scenario '+100 punkter' is changed from the file (--set or a batch run):"), "\(en.stdout.suffix(1500))")
        // The people's CSV closes with the assumptions, as the workbook's last sheet (it had none).
        let csv = try CLITests.prognos(["run", file, "--format", "csv", "--csv-dialect", "excel-sv"] + set)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex(of: "Antaganden"), "\(csv.stdout.suffix(1500))")
        #expect(lines[at...].contains { $0.contains("Räntescenariot '+100 punkter' är ändrat från filen") }, "\(lines[at...])")
    }

    @Test("a --set of a rate scenario's label is a new name, not a change of figures; with a shift too, the note does not say the name is the file's")
    func treasuryRelabel() throws {
        let file = "Scenarios/linkoping-internbank-2024.yaml"
        func assumptions(_ args: [String]) throws -> [String] {
            let r = try CLITests.prognos(["run", file, "--format", "json"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require((json["treasury"] as? [String: Any])?["assumptions"] as? [String])
        }
        let label = ["--set", "rates.scenarios[plus100].label=+150 punkter"]
        let renamed = try assumptions(label)
        #expect(renamed.contains("Räntescenariots namn är ändrat från filen (--set eller en körning i en batch): rates.scenarios[plus100].label = +150 punkter."),
                "\(renamed)")
        #expect(!renamed.contains { $0.contains("beloppen visar ändringen") }, "\(renamed)")
        let both = try assumptions(label + ["--set", "rates.scenarios[plus100].shift=150bp"])
        #expect(both.contains("Räntescenariot '+150 punkter' är ändrat från filen (--set eller en körning i en batch): rates.scenarios[plus100].shift = 150bp; beloppen visar ändringen."),
                "\(both)")
        #expect(!both.contains { $0.contains("namnet är filens") }, "\(both)")
        // A --set label that another scenario already shows is refused at the option, not printed twice.
        let clash = try CLITests.prognos(["run", file, "--set", "rates.scenarios[plus100].label=base"])
        #expect(clash.status == 65 && clash.stderr.contains("label 'base' of scenario 'plus100' is the name of another scenario"), "\(clash.stderr)")
        // --scenario base runs base only: a change of plus100 is not in the run and makes no note.
        let r = try CLITests.prognos(["run", file, "--format", "json", "--scenario", "base", "--set", "rates.scenarios[plus100].shift=150bp"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("ändrat från filen"), "\(r.stdout.suffix(1500))")
        let plus = try CLITests.prognos(["run", file, "--format", "json", "--scenario", "plus100", "--set", "rates.scenarios[plus100].shift=150bp"])
        #expect(plus.stdout.contains("Räntescenariot '+100 punkter' är ändrat från filen"), "\(plus.stdout.suffix(1500))")
    }

    @Test("a changed budget marks the printed varav lines ‡ and says why, as a changed forecast does (operating.md What-if)")
    func grossBudgetMarked() throws {
        // The seed: budget 650,5 = varav kostnader 701,4 + varav intäkter −50,9. Kommunstyrelsen's budget
        // 30,2 → 31,0 makes the total budget 651,3 (by hand): the varav lines no longer add up to it.
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[ks].budget=31.0"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let costs = try #require(lines.last { $0.hasPrefix("varav kostnader") })
        #expect(costs.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["690,4", "701,4‡", "11,0‡", "630,5"], "\(costs)")
        let income = try #require(lines.last { $0.hasPrefix("varav intäkter") })
        #expect(income.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["-50,9", "-50,9‡", "0,0‡", "-123,7"], "\(income)")
        #expect(r.stdout.contains("varav kostnader + varav intäkter, budget: rapporten anger 650,5, nettobudgeten efter --set är 651,3"))
        #expect(r.stdout.contains("‡ Rapportens tryckta belopp, som inte stämmer med ändringen med --set: hur en ändrad nettoprognos eller nettobudget"))
        let json = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[ks].budget=31.0", "--format", "json"])
        #expect(json.stdout.contains("\"column\":\"gross.budget\"") || json.stdout.contains("\"column\": \"gross.budget\""))
        // The file as written: no mark.
        let plain = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(!plain.stdout.contains("‡"))
    }

    @Test("an operating or investment what-if is in the document: the --set as an assumption, its overridden totals among the warnings (JSON, workbook, CSV)")
    func operatingWhatIfInDocument() throws {
        let file = "Scenarios/linkoping-ks-2024-03.yaml"
        let set = ["--set", "operating.units[ks].budget=31.0", "--set", "investments.projects[simhall].activation.forecast=2025-03-01"]
        let r = try CLITests.prognos(["run", file, "--format", "json"] + set)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // Standard error's warnings, all of them, in its order: the 4 rounding gaps of the file and the
        // 2 totals the budget change moved (650,5 printed against 651,3 and 11,0 against 11,8, by hand: +0,8).
        let warnings = try #require(doc["warnings"] as? [[String: Any]])
        #expect(warnings.compactMap { $0["code"] as? String }.filter { $0 == "operating.reconciliation_overridden" }.count == 2)
        let messages = warnings.compactMap { $0["message"] as? String }
        #expect(messages.contains("Rapportens summa för årsbudget, 650,5 mnkr, skiljer sig från radernas summa 651,3 efter ändring med --set (summan stämde i filen som den är skriven)."))
        let stderrWarnings = r.stderr.split(separator: "\n").filter { $0.contains(": varning: ") }
        #expect(stderrWarnings.count == messages.count, "\(r.stderr)")
        // Each change, key and value as written, among its section's assumptions.
        let operating = try #require((doc["operating"] as? [String: Any])?["assumptions"] as? [String])
        #expect(operating.contains("Ändrat från filen (--set eller en körning i en batch): operating.units[ks].budget = 31.0."), "\(operating)")
        let investments = try #require((doc["investments"] as? [String: Any])?["assumptions"] as? [String])
        #expect(investments.contains("Ändrat från filen (--set eller en körning i en batch): investments.projects[simhall].activation.forecast = 2025-03-01."),
                "\(investments)")
        #expect(!operating.contains { $0.contains("investments.") } && !investments.contains { $0.contains("operating.") })
        // The people's CSV closes with both (the workbook's last sheet is built the same way).
        let csv = try CLITests.prognos(["run", file, "--format", "csv", "--csv-dialect", "excel-sv"] + set)
        #expect(csv.stdout.contains("skiljer sig från radernas summa 651,3 efter ändring med --set"))
        #expect(csv.stdout.contains("Ändrat från filen (--set eller en körning i en batch): operating.units[ks].budget = 31.0."))
        // The file as written: no change notes.
        let plain = try CLITests.prognos(["run", file, "--format", "json"])
        #expect(!plain.stdout.contains("Ändrat från filen") && !plain.stdout.contains("reconciliation_overridden"))
    }

    @Test("a --set that moves a sum by less than rounding is the --set's change (overridden, †), not an 'avrundningsdifferens'")
    func smallWhatIfNotRounding() throws {
        // Kommunstyrelsen's budget 30,2 → 30,5: the rows' budget 650,8 against the printed 650,5 (0,3, within
        // the 0,4 tolerance of 8 rows), which held exactly on the file as written.
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[ks].budget=30.5", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let checks = try #require((doc["operating"] as? [String: Any])?["reconciliation"] as? [[String: Any]])
        let budget = try #require(checks.first { $0["column"] as? String == "budget" && ($0["unit"] == nil || $0["unit"] is NSNull) })
        #expect(budget["status"] as? String == "overridden", "\(budget)")
        #expect(!r.stderr.contains("årsbudget, 650,5 mnkr, skiljer sig från radernas summa 650,8: en avrundningsdifferens"), "\(r.stderr)")
        let table = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[ks].budget=30.5"])
        let total = try #require(table.stdout.split(separator: "\n").last { $0.hasPrefix("Summa nettokostnader") })
        #expect(total.contains("650,8†"), "\(total)")
    }

    @Test("the machine CSV carries the investments and the capital costs (an investments-only file is not an empty table)")
    func investmentsCSV() throws {
        let r = try CLITests.prognos(["run", "Scenarios/angelholm-2021-investeringar.yaml", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("section,id,name,unit,kind,group,spent_ytd,") == true, "\(lines.first ?? "")")
        #expect(!r.stdout.contains("section,id,name,reported_as"))   // no empty operating table
        let projects = lines.filter { $0.hasPrefix("project,") }
        let json = try CLITests.prognos(["run", "Scenarios/angelholm-2021-investeringar.yaml", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let inv = try #require(doc["investments"] as? [String: Any])
        let jsonProjects = try #require(inv["projects"] as? [[String: Any]])
        #expect(projects.count == jsonProjects.count && !projects.isEmpty)
        // The total row's forecast_net (column 11) is the JSON's, and the sum of the project rows'.
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let k = try #require(header.firstIndex(of: "forecast_net"))
        let total = try #require(lines.first { $0.hasPrefix("total,total,") }?.split(separator: ",", omittingEmptySubsequences: false))
        let rowSum = projects.compactMap { line -> Double? in
            // Names may be quoted with commas: read the row with the header's count from the right.
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return Double(cells[cells.count - (header.count - k)])
        }.reduce(0, +)
        let jsonTotal = try #require((inv["total"] as? [String: Any])?["forecast_net"] as? Double)
        #expect(Double(total[k]) == jsonTotal)
        #expect(abs(rowSum - jsonTotal) < 0.5, "\(rowSum) vs \(jsonTotal)")
        // The seed's KS file: the statement first, then its seven projects and the capital costs by unit name.
        let ks = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "csv"])
        #expect(ks.stdout.hasPrefix("section,id,name,reported_as,"))
        #expect(ks.stdout.split(separator: "\n").filter { $0.hasPrefix("project,") }.count == 7)
        #expect(ks.stdout.contains("\ntotal,total,Summa investeringar,,,,33600000,0,380000000,0,380000000,"))
        #expect(ks.stdout.contains("\ncapital_cost,kls,Kommunledningsstaben,"))
    }

    @Test("a blank budget is named by the unit's name in the assumption, not its id")
    func blankByName() throws {
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[ks].budget=null", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let assumptions = try #require((doc["operating"] as? [String: Any])?["assumptions"] as? [String])
        let blank = try #require(assumptions.first { $0.hasPrefix("Tomma celler") }, "\(assumptions)")
        #expect(blank.hasSuffix("för Kommunstyrelsen räknas som 0 i summorna."), "\(blank)")
    }

    @Test("compare says what the change is without placeholder file names, and the policy breach line names the table's row")
    func wordsAReaderSees() throws {
        let dir = CLITests.temp("words")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let a = dir + "/a.json", b = dir + "/b.json"
        #expect(try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json", "--output", a]).status == 0)
        #expect(try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json", "--output", b,
                                      "--set", "operating.units[ks].budget=31.0"]).status == 0)
        let c = try CLITests.prognos(["compare", a, b])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("Förändring = jämförelse − bas.") && !c.stdout.contains("JÄMFÖRELSE.json"))
        #expect(!c.stdout.contains("Ombudget-"))
        let policy = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        #expect(policy.stdout.contains("Finanspolicyn bryts: Kapitalförfall inom 12 mån"))
        #expect(policy.stdout.contains("Kapitalförfall inom 12 mån"))
        #expect(!policy.stdout.contains("Andel förfall"))
    }
}
