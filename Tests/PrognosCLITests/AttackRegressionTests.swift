import Foundation
import Testing

/// Cases an attack review of issue 14 found on the merged work, kept so they stay fixed.
@Suite("attack review regressions", .serialized)
struct AttackRegressionTests {
    @Test("a data file given with --set is confined like one in the file: no other file's first line echoed back, no exit 0 on an outside CSV")
    func setDataFileConfined() throws {
        let outside = CLITests.temp("outside") + ".csv"
        try "secret-first-line-4711,x\n".write(toFile: outside, atomically: true, encoding: .utf8)
        let path = try CLITests.scenario("s.yaml", """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 2
          curve: {type: zero, points: {1Y: 3%, 5Y: 3%}}
          loans: [{id: L1, type: fixed, notional: 100, start: 2023-01-01, maturity: 2027-01-01, rate: 2%}]
        """)
        for command in ["validate", "run"] {
            let r = try CLITests.prognos([command, path, "--set", "treasury.loans_file=\(outside)"])
            #expect(r.status == 65, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("outside the scenario's folder"), "\(r.stderr)")
            #expect(!r.stderr.contains("secret-first-line-4711"), "\(r.stderr)")
        }
        // The flag lifts it (the file is then read, and its bad header reported).
        let allowed = try CLITests.prognos(["validate", path, "--set", "treasury.loans_file=\(outside)", "--allow-outside-includes"])
        #expect(allowed.status == 65 && allowed.stderr.contains("missing column"), "\(allowed.stderr)")
    }

    @Test("report on a file that is not a JSON result says what it expected; a JSON syntax error names line and column")
    func reportInputErrors() throws {
        let out = CLITests.temp("report") + ".html"
        let yaml = try CLITests.prognos(["report", "Scenarios/linkoping-ks-2024-03.yaml", "--output", out])
        #expect(yaml.status == 65)
        #expect(yaml.stderr.contains("not a JSON result: expected a JSON object"), "\(yaml.stderr)")
        let bad = CLITests.temp("bad") + ".json"
        try "{\n  \"name\": \"x\",\n  \"unit\": ,\n}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let syntax = try CLITests.prognos(["report", bad, "--output", out])
        #expect(syntax.status == 65)
        // Line 3, column 11: the comma where a value belongs (counted by hand).
        #expect(syntax.stderr.contains("not valid JSON at line 3, column 11"), "\(syntax.stderr)")
        #expect(!syntax.stderr.contains("around character"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
