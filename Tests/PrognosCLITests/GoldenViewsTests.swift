import Foundation
import Testing

/// The text tables (sv, en) and the CSV (both dialects) of every shipped scenario, written with
/// the code from before the views rendered from the result document (scripts/golden-views.sh,
/// commit "golden text tables and CSV"), regenerated here and compared byte for byte (issue 15:
/// the views render from `ResultDocument`, their bytes unchanged).
@Suite("golden text tables and CSV", .serialized)
struct GoldenViewsTests {
    /// (golden name, command line without the format options), as in scripts/golden-views.sh.
    static let scenarios: [(String, [String])] = [
        ("linkoping-ks-2024-03", ["run", "Scenarios/linkoping-ks-2024-03.yaml"]),
        ("linkoping-ks-2024-03-ledger", ["run", "Scenarios/linkoping-ks-2024-03-ledger.yaml"]),
        ("linkoping-ks-2024-03-indikatorer", ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml"]),
        ("linkoping-ks-2024-03-indikatorer.assess",
         ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml", "--set", "indicators.assess=true"]),
        ("linkoping-internbank-2024", ["run", "Scenarios/linkoping-internbank-2024.yaml"]),
        ("portfolio-2024", ["run", "Scenarios/portfolio-2024.yaml"]),
        ("treasury-2024", ["run", "Scenarios/treasury-2024.yaml"]),
        ("internbank-car-2024", ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "2000"]),
        ("internbank-car-2024.vasicek",
         ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "2000", "--set", "simulation.model=vasicek",
          "--set", "simulation.long_run=2.5%"]),
    ]

    /// (golden file, full command line): four views per scenario, and the backtest table.
    static let cases: [(String, [String])] = {
        var out: [(String, [String])] = []
        for (name, args) in scenarios {
            out.append(("\(name).table.sv.txt", args + ["--format", "table", "--lang", "sv"]))
            out.append(("\(name).table.en.txt", args + ["--format", "table", "--lang", "en"]))
            out.append(("\(name).rfc4180.csv", args + ["--format", "csv", "--csv-dialect", "rfc4180"]))
            out.append(("\(name).excel-sv.csv", args + ["--format", "csv", "--csv-dialect", "excel-sv"]))
        }
        for lang in ["sv", "en"] {
            out.append(("linkoping-ks-2024-03-ledger.backtest.\(lang).txt",
                        ["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--lang", lang]))
        }
        return out
    }()

    @Test("every shipped scenario's tables and CSV are byte-identical to their golden files", arguments: cases.map(\.0))
    func golden(_ file: String) throws {
        let args = Self.cases.first { $0.0 == file }!.1
        // Decoded without dropping the excel-sv byte-order mark, as the binary's output is.
        let golden = String(decoding: try Data(contentsOf: CLITests.root.appendingPathComponent("Tests/Fixtures/golden-views/\(file)")),
                            as: UTF8.self)
        let r = try CLITests.prognos(args)
        #expect(r.status == 0, "\(r.stderr)")
        if r.stdout != golden {
            let a = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let i = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
            Issue.record("\(file) differs at line \(i + 1): got \(i < a.count ? String(a[i]) : "<end>"), golden \(i < b.count ? String(b[i]) : "<end>")")
        }
    }
}
