import Foundation
import Testing

/// The JSON contract is byte-stable (issue 15 "Done when"): every shipped scenario's
/// `--format json` output was written with the code from before the typed result document
/// (commit "golden JSON of every shipped scenario") into Tests/Fixtures/golden/; each is
/// regenerated here and compared byte for byte. A figure, key, null or number format that
/// changes fails the test with the first differing line.
@Suite("golden JSON", .serialized)
struct GoldenJSONTests {
    /// (golden file, command line). Simulations use 2000 paths and the scenario's seed.
    static let cases: [(String, [String])] = [
        ("linkoping-ks-2024-03.json", ["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json"]),
        ("linkoping-ks-2024-03-ledger.json", ["run", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "json"]),
        ("linkoping-ks-2024-03-indikatorer.json", ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml", "--format", "json"]),
        ("linkoping-ks-2024-03-indikatorer.assess.json",
         ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml", "--set", "indicators.assess=true", "--format", "json"]),
        ("linkoping-internbank-2024.json", ["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "json"]),
        ("portfolio-2024.json", ["run", "Scenarios/portfolio-2024.yaml", "--format", "json"]),
        ("treasury-2024.json", ["run", "Scenarios/treasury-2024.yaml", "--format", "json"]),
        ("internbank-car-2024.json", ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "2000", "--format", "json"]),
        ("internbank-car-2024.vasicek.json",
         ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "2000", "--set", "simulation.model=vasicek",
          "--set", "simulation.long_run=2.5%", "--format", "json"]),
    ]

    @Test("every shipped scenario's JSON is byte-identical to its golden file", arguments: cases.map(\.0))
    func golden(_ file: String) throws {
        let args = Self.cases.first { $0.0 == file }!.1
        let golden = try String(contentsOf: CLITests.root.appendingPathComponent("Tests/Fixtures/golden/\(file)"), encoding: .utf8)
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
