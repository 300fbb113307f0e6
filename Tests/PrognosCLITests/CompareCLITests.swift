import Foundation
import Testing

/// `prognos compare` end to end (issue 17 item 2): two saved results of the shipped seed
/// scenario, one with Kommunledningsstaben's forecast 3.0 mnkr higher.
@Suite struct CompareCLITests {
    @Test("compare of run --format json against the same with kls's forecast +3.0: −3,0 deviation on the unit and in the total")
    func seedWhatIf() throws {
        let dir = CLITests.temp("compare")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let base = dir + "/base.json", other = dir + "/other.json"
        let seed = "Scenarios/linkoping-ks-2024-03.yaml"
        #expect(try CLITests.prognos(["run", seed, "--format", "json", "--output", base]).status == 0)
        // The printed totals set to match the changed row (639.5 + 3.0, 11.0 − 3.0), so the run
        // reconciles whatever the rule for printed totals under --set.
        let r = try CLITests.prognos(["run", seed, "--format", "json", "--output", other,
                                      "--set", "operating.units[kls].forecast.value=110.3",
                                      "--set", "operating.reported_totals.forecast=642.5",
                                      "--set", "operating.reported_totals.deviation=8.0"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try CLITests.prognos(["compare", base, other])
        #expect(t.status == 0, "\(t.stderr)")
        let lines = t.stdout.split(separator: "\n").map(String.init)
        // Columns: to date (4), forecast, budget, deviation, outcome: the forecast +3,0, the deviation −3,0.
        let kls = try #require(lines.first { $0.hasPrefix("Kommunledningsstaben") })
        #expect(kls.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["3,0", "0,0", "-3,0", "0,0"])
        let total = try #require(lines.first { $0.hasPrefix("Summa nettokostnader") })
        #expect(total.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["3,0", "0,0", "-3,0", "0,0"])
        let ks = try #require(lines.first { $0.hasPrefix("Kommunstyrelsen") })
        #expect(ks.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["0,0", "0,0", "0,0", "0,0"])
        // JSON and CSV: kronor.
        let j = try CLITests.prognos(["compare", base, other, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        let sections = object?["sections"] as? [[String: Any]]
        let rows = sections?.first { $0["section"] as? String == "operating" }?["rows"] as? [[String: Any]] ?? []
        let klsRow = rows.first { $0["id"] as? String == "kls" }
        let deviation = (klsRow?["figures"] as? [[String: Any]])?.first { $0["figure"] as? String == "deviation" }
        #expect(deviation?["change"] as? Double == -3_000_000)
        let c = try CLITests.prognos(["compare", base, other, "--format", "csv"])
        #expect(c.stdout.contains("operating,kls,Kommunledningsstaben,,,matched,deviation,"))
        #expect(c.stdout.contains(",-3000000\n"))
        let en = try CLITests.prognos(["compare", base, other, "--lang", "en"])
        #expect(en.stdout.contains("Change = other − base"))
    }

    @Test("compare: a missing file is 66, a file that is not a result 65, an output on an input 64")
    func errors() throws {
        let dir = CLITests.temp("compare-errors")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let good = dir + "/good.json"
        #expect(try CLITests.prognos(["run", "Scenarios/treasury-2024.yaml", "--format", "json", "--output", good]).status == 0)
        let missing = try CLITests.prognos(["compare", good, dir + "/nothing.json"])
        #expect(missing.status == 66 && missing.stderr.contains("nothing.json: cannot read the JSON result"))
        try "{\"x\": 1}".write(toFile: dir + "/x.json", atomically: true, encoding: .utf8)
        let bad = try CLITests.prognos(["compare", good, dir + "/x.json"])
        #expect(bad.status == 65 && bad.stderr.contains("x.json: not a Prognos JSON result: missing key 'name' at the top level"), "\(bad.stderr)")
        let clash = try CLITests.prognos(["compare", good, good, "--output", good])
        #expect(clash.status == 64)
        // Against itself: every change is zero.
        let same = try CLITests.prognos(["compare", good, good, "--format", "csv"])
        let changes = same.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).last ?? "" }
        #expect(changes.contains("0") && changes.allSatisfy { $0 == "0" || $0 == "" })   // "" where a figure is null
    }
}
