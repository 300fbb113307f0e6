import Foundation
import Testing

/// Issue 15 item 4: the CLI's shared options and its one exit-code mapping, end to end.
@Suite("CLI options and exit codes (issue 15)", .serialized)
struct HygieneCLITests {
    @Test("backtest --format csv is a usage error (64) naming the formats it has; nothing on standard output")
    func backtestCSVRefused() throws {
        let r = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "csv"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--format csv is not available"))
    }

    @Test("backtest takes the shared output options: --output writes the file, --lang en, --format json is the run's JSON")
    func backtestSharedOptions() throws {
        let out = Scratch.folder.appendingPathComponent("prognos-bt-\(UUID().uuidString).txt").path
        let r = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--lang", "en", "--output", out])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("Backtest: each method applied as of"))
        let json = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["operating"] != nil)
        // The output path is checked like run's: the scenario itself is refused (64), before any run.
        let same = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--output",
                                         "Scenarios/linkoping-ks-2024-03-ledger.yaml"])
        #expect(same.status == 64)
    }

    @Test("the exit codes through the one mapping: 66 missing, 65 bad input, 64 usage, for each command that reads files")
    func exitCodes() throws {
        let missing = "Tests/Fixtures/none-such.yaml"
        for command in [["run", missing], ["validate", missing], ["backtest", missing], ["simulate", missing],
                        ["report", missing, "--output", "/tmp/prognos-never.html"], ["merge", missing, "--output", "/tmp/prognos-never.json"]] {
            let r = try CLITests.prognos(command)
            #expect(r.status == 66, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("none-such"), "\(command)")
        }
        // Bad input: the seed scenario without a ledger has nothing to backtest (65).
        #expect(try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03.yaml"]).status == 65)
        // validate: the worst of its files (66 for a missing one beside a good one), each reported.
        let v = try CLITests.prognos(["validate", "Scenarios/linkoping-ks-2024-03.yaml", missing])
        #expect(v.status == 66)
        #expect(v.stdout.contains("linkoping-ks-2024-03.yaml: ok"))
    }
}
