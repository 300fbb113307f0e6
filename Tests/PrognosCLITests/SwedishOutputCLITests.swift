import Foundation
import Testing
@testable import PrognosCore

/// Issue 16 "Done when": with `--lang sv` no English sentence reaches standard error, a table
/// or the report for any shipped scenario. Every scenario under Scenarios/ is run (`run
/// --check-policy` with the report, `simulate` where it has a simulation, `validate`) and its
/// outputs scanned for the catalogue's English texts and for typical English words.
@Suite("Swedish outputs", .serialized)
struct SwedishOutputCLITests {
    /// Typical words of the engine's English messages (issue 16's examples).
    /// Keys of printed checks (`gross.costs.outcome_prior`, `budget.printed`) count as English:
    /// a Swedish reader sees "brutto (kostnader, fjolårets utfall)" (Västervik's warnings showed the key until 2026-12-04).
    static let englishWords = ["against", "actuals to date", "reported total", "outside", "breach", "rule ", "warning:",
                               "simulated ", "budget_remaining", "run_rate", "hull_white", "share_maturing_12m", "gross.", "budget.printed"]

    /// The fixed parts of every English catalogue text (between placeholders) of 12 characters or more.
    static var englishFragments: [String] {
        MessageCode.allCases.flatMap { code -> [String] in
            let en = MessageCatalogue.template(code, .en), sv = MessageCatalogue.template(code, .sv)
            return en.replacingOccurrences(of: #"\{[0-9]+\}"#, with: "\u{0}", options: .regularExpression)
                .split(separator: "\u{0}").map(String.init)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count >= 12 && !sv.contains($0) }
        }
    }

    /// The shipped scenario files (a top-level `prognos:`; rates-2024.yaml is only a part).
    static var scenarios: [String] {
        let dir = CLITests.root.appendingPathComponent("Scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().filter { name in
            let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.hasPrefix("prognos:") || text.contains("\nprognos:")
        }
    }

    /// Files another shipped scenario includes (`include: [a.yaml, b.yaml]`).
    static var included: Set<String> {
        let dir = CLITests.root.appendingPathComponent("Scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return Set(files.filter { $0.hasSuffix(".yaml") }.flatMap { name -> [String] in
            let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").filter { $0.hasPrefix("include:") }.flatMap { line in
                line.dropFirst("include:".count).split(whereSeparator: { "[], ".contains($0) }).map(String.init)
            }
        })
    }

    /// The English that `text` contains, if any.
    static func english(in text: String) -> [String] {
        (englishWords + englishFragments).filter { text.contains($0) }
    }

    /// The report's visible text: tags and the style sheet dropped.
    static func visible(_ html: String) -> String {
        var s = html
        if let a = s.range(of: "<style"), let b = s.range(of: "</style>") { s.removeSubrange(a.lowerBound..<b.upperBound) }
        return s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    @Test("the scan finds the catalogue's English and the shipped scenarios to run")
    func scanWorks() {
        // A test that cannot fail is no test: the scan must catch the English of issue 16's example.
        #expect(!Self.english(in: "warning: reported total budget_ytd 160.5 mnkr against the rows' sum 160.4").isEmpty)
        #expect(!Self.english(in: "Schedules use unadjusted dates: no business-day adjustment.").isEmpty)
        #expect(Self.english(in: "Rapportens summa för budget hittills, 160,5 mnkr").isEmpty)
        #expect(Self.english(in: "varning: Kommunstyrelse, gross.costs.outcome_prior: rapporten anger -697,8") == ["gross."])
        #expect(Self.englishFragments.count > 40)
        #expect(Self.scenarios == ["angelholm-2021-investeringar.yaml", "frontier-2024.yaml", "internbank-car-2024.yaml", "investments-ks-2024.yaml",
                                   "linkoping-internbank-2024.yaml", "linkoping-kommun-2024.yaml",
                                   "linkoping-ks-2024-03-indikatorer.yaml", "linkoping-ks-2024-03-ledger.yaml", "linkoping-ks-2024-03.yaml",
                                   "portfolio-2024.yaml", "treasury-2024.yaml", "vastervik-2021-drift.yaml"])
        #expect(Self.included.isSuperset(of: ["investments-ks-2024.yaml", "portfolio-2024.yaml", "rates-2024.yaml"]))
    }

    @Test("with --lang sv no English reaches standard error, the tables or the report", arguments: scenarios)
    func swedish(_ name: String) throws {
        let file = "Scenarios/\(name)"
        // A part that does not run alone (investments-ks-2024.yaml has no as_of) is scanned through the scenarios that include it.
        if Self.included.contains(name), try CLITests.prognos(["validate", file]).status != 0 { return }
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(file), encoding: .utf8)
        let report = Scratch.folder.appendingPathComponent("prognos-sv-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        var runs: [(String, [String])] = [
            ("run", ["run", file, "--lang", "sv", "--check-policy", "--report", report.path]),
            ("validate", ["validate", file, "--lang", "sv"]),
        ]
        if text.contains("\nsimulation:") {
            runs = [("simulate", ["simulate", file, "--paths", "2000", "--lang", "sv", "--report", report.path])] + runs
        }
        for (what, args) in runs {
            let r = try CLITests.prognos(args)
            // Västervik's published table has a real 30 mnkr error the checks find (kept as printed): validate says so with 65.
            let allowed: [Int32] = what == "validate" && name == "vastervik-2021-drift.yaml" ? [65] : [0, 1]
            #expect(allowed.contains(r.status), "\(what) \(name): \(r.stderr)")
            for (stream, output) in [("stdout", r.stdout), ("stderr", r.stderr)] {
                let found = Self.english(in: output)
                #expect(found.isEmpty, "\(what) \(name) \(stream): English \(found)")
            }
            if args.contains("--report") {
                let html = try String(contentsOf: report, encoding: .utf8)
                let found = Self.english(in: Self.visible(html))
                #expect(found.isEmpty, "\(what) \(name) report: English \(found)")
            }
        }
    }

    @Test("the seed's warnings and the internal bank's breaches, in Swedish (figures checked by hand)")
    func seedInSwedish() throws {
        // Printed budget_ytd 160.5 (line 102 of the file) against the 8 rows' 160.4; tolerance 8 × 0.05 = 0.4 mnkr (rule O8).
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(r.stderr.contains("Scenarios/linkoping-ks-2024-03.yaml:146:17: varning: Rapportens summa för budget hittills, 160,5 mnkr, "
                                  + "skiljer sig från radernas summa 160,4: en avrundningsdifferens (inom 0,4 för 8 rader)."))
        // The method column by name; the capital costs per unit by the operating units' names, not `kls`/`vss`.
        #expect(r.stdout.contains("Manuell"))
        #expect(r.stdout.contains("Kommunledningsstaben"))
        #expect(!r.stdout.contains("\nkls ") && !r.stdout.contains("\nvss "))
        // The policy's limit for maturing within 12 months is at most 30 % (the file's share_maturing_12m: [0%, 30%]).
        let p = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--check-policy"])
        #expect(p.status == 1)
        #expect(p.stderr.contains("finanspolicyn bryts: Kapitalförfall inom 12 mån per 2024-12-31: "))
        #expect(p.stderr.contains("gränsen är högst 30,0 %"))   // share_maturing_12m: {max: 30%} (line 48 of the file)
        #expect(p.stdout.contains("Finanspolicyn bryts: Kapitalförfall inom 12 mån"))
    }

    @Test("JSON: warnings[] {code, message, file, line, column}, the message in --lang, the code the same")
    func jsonWarnings() throws {
        func warnings(_ lang: String) throws -> [[String: Any]] {
            let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json", "--lang", lang])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require(json["warnings"] as? [[String: Any]])
        }
        let sv = try warnings("sv"), en = try warnings("en")
        #expect(sv.count == en.count && !sv.isEmpty)
        #expect(sv.map { $0["code"] as? String } == en.map { $0["code"] as? String })
        let first = try #require(sv.first { ($0["line"] as? Int) == 146 })
        #expect(first["code"] as? String == "operating.reconciliation_rounding")
        #expect(first["file"] as? String == "Scenarios/linkoping-ks-2024-03.yaml")
        #expect(first["column"] as? Int == 17)
        #expect((first["message"] as? String)?.hasPrefix("Rapportens summa för budget hittills, 160,5 mnkr") == true)
        #expect(Set(sv.flatMap(\.keys)) == ["code", "message", "file", "line", "column"])
    }
}
