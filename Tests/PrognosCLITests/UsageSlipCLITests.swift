import Foundation
import Testing

/// Command-line slips found by a helper using the shipped files (2026-12-03): each is a usage
/// error (exit 64) that names the option, or bad input (65) that says where, never a message
/// about something else.
@Suite("Usage slips on the command line", .serialized)
struct UsageSlipCLITests {
    static let ks = "Scenarios/linkoping-ks-2024-03.yaml"

    @Test("a malformed --set is a usage error (64) naming the slip: no '=', a bad key path, nothing after '='")
    func malformedSet() throws {
        let cases = [
            ("operating.units[ks].budget=", "--set operating.units[ks].budget: no value after '='"),
            ("operating.units[ks].budget", "--set expects KEY=VALUE, found 'operating.units[ks].budget'"),
            ("operating..budget=3", "--set: bad key path 'operating..budget'"),
        ]
        for (assignment, message) in cases {
            for command in ["validate", "run"] {
                let r = try CLITests.prognos([command, Self.ks, "--set", assignment])
                #expect(r.status == 64, "\(command) --set \(assignment): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains(message), "\(r.stderr)")
                #expect(!r.stderr.contains("missing required key"), "\(r.stderr)")
            }
        }
        // The same override written whole still works (the value reaches the table).
        let ok = try CLITests.prognos(["run", Self.ks, "--set", "operating.units[ks].forecast={method: manual, value: 31.5}"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test("a negative number for a count option reaches its check (--paths -5: 'must be positive', not 'Missing value')")
    func negativeCounts() throws {
        let cases: [([String], String)] = [
            (["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "-5"], "--paths must be positive"),
            (["frontier", "Scenarios/frontier-2024.yaml", "--max-mixes", "-1"], "--max-mixes must be positive"),
            (["validate", Self.ks, "--max-units", "-3"], "--max-units must be positive"),
            (["simulate", "Scenarios/internbank-car-2024.yaml", "--threads", "-1"], "--threads must be positive"),
            (["simulate", "Scenarios/internbank-car-2024.yaml", "--seed", "-1"], "the seed must be a whole number in 0 … 18446744073709551615"),
            (["batch", "Scenarios/treasury-2024.yaml", "--output", CLITests.temp("neg"), "--jobs", "-2"], "--jobs must be positive"),
        ]
        for (arguments, message) in cases {
            let r = try CLITests.prognos(arguments)
            #expect(r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message) && !r.stderr.contains("Missing value"), "\(r.stderr)")
        }
    }

    @Test("report and compare on a result JSON with a wrong value name its JSON path (65), and write nothing")
    func resultStructure() throws {
        let dir = CLITests.temp("structure")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let good = dir + "/good.json"
        #expect(try CLITests.prognos(["run", "Scenarios/treasury-2024.yaml", "--format", "json", "--output", good]).status == 0)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: good))) as? [String: Any])
        var treasury = try #require(json["treasury"] as? [String: Any])
        treasury["policy_ok"] = "yes"
        json["treasury"] = treasury
        let bad = dir + "/bad.json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: bad))
        let out = dir + "/r.html"
        let report = try CLITests.prognos(["report", bad, "--output", out])
        #expect(report.status == 65)
        #expect(report.stderr.contains("bad.json: not a Prognos JSON result: 'treasury.policy_ok' should hold true or false, found a text"),
                "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let compare = try CLITests.prognos(["compare", good, bad])
        #expect(compare.status == 65 && compare.stderr.contains("'treasury.policy_ok' should hold true or false"), "\(compare.stderr)")
    }
}
