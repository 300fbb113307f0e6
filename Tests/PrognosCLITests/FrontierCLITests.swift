import Foundation
import Testing

/// `prognos frontier` end to end (spec frontier.md): formats, languages, the report's
/// scatter, threads and shards giving the same bytes, bad input with its position.
@Suite("prognos frontier", .serialized)
struct FrontierCLITests {
    static let file = """
    prognos: 1
    name: Fronttest
    unit: mnkr
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 4
      curve: {type: zero, points: {3M: 3.9%, 1Y: 3.6%, 2Y: 3.1%, 5Y: 2.7%, 10Y: 2.8%}}
      funding_spread: {1Y: 0.15%, 5Y: 0.35%, 10Y: 0.50%}
      loans:
        - {id: L1, type: fixed, notional: 400, start: 2021-06-30, maturity: 2024-06-30, rate: 1.2%}
        - {id: L2, type: fixed, notional: 300, start: 2020-11-15, maturity: 2025-11-15, rate: 0.9%}
        - {id: L3, type: floating, notional: 300, start: 2023-02-10, maturity: 2026-02-10, margin: 0.3%, last_fixing: 4.02%}
      refinancing:
        tenor_mix: [{tenor: 3Y, type: fixed, share: 100%}]
      policy: {fixing_years: {min: 1}}
    simulation: {model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 4000, seed: 11}
    frontier:
      candidates: [{tenor: 3M, type: floating}, {tenor: 2Y, type: fixed}, {tenor: 10Y, type: fixed}]
      step: 25%
      years: [2025, 2026, 2027]
      risk: {car95: 40}
      policy: true
    """

    @Test("table (sv, en), JSON, CSV and the report's scatter; every mix of the grid in the JSON")
    func formats() throws {
        let path = try CLITests.scenario("f.yaml", Self.file)
        let sv = try CLITests.prognos(["frontier", path])
        #expect(sv.status == 0, "\(sv.stderr)")
        #expect(sv.stdout.contains("Lånestrategi: kostnad mot risk"))
        #expect(sv.stdout.contains("Nuvarande"))
        #expect(sv.stdout.contains("3M rörlig"))
        let en = try CLITests.prognos(["frontier", path, "--lang", "en"])
        #expect(en.stdout.contains("Borrowing strategy: cost against risk"))
        #expect(en.stdout.contains("3M floating"))
        let json = try CLITests.prognos(["frontier", path, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let frontier = try #require(object["frontier"] as? [String: Any])
        // 3 candidates at 25 %: C(4 + 2, 2) = 15 mixes (rule P1).
        let mixes = try #require(frontier["mixes"] as? [[String: Any]])
        #expect(mixes.count == 15)
        for key in ["shares", "mean", "p95", "car95", "es95", "feasible", "dominated", "by_year"] { #expect(mixes[0][key] != nil, "\(key)") }
        #expect((mixes[0]["by_year"] as? [[String: Any]])?.count == 3)
        #expect(frontier["frontier"] is [Int])
        #expect(frontier["current"] is [String: Any])
        #expect(object["treasury"] == nil)
        let csv = try CLITests.prognos(["frontier", path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("mix,share_3M_floating,share_2Y_fixed,share_10Y_fixed,mean,p95,car95,es95,feasible"))
        #expect(csv.stdout.split(separator: "\n").count == 1 + 15 + 1)
        let report = CLITests.temp("frontier") + ".html"
        let r = try CLITests.prognos(["frontier", path, "--report", report, "--output", CLITests.temp("t") + ".txt"])
        #expect(r.status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("class=\"frontier\"") || !html.contains("class=\"feasible\""))
        #expect(html.contains("class=\"current\""))
        #expect(html.components(separatedBy: "<circle").count - 1 == 15)
    }

    @Test("P5: the JSON is the same bytes for 1 and 8 threads and for 3 shards merged")
    func shards() throws {
        let path = try CLITests.scenario("f.yaml", Self.file)
        let one = try CLITests.prognos(["frontier", path, "--format", "json", "--threads", "1"])
        #expect(one.status == 0)
        let eight = try CLITests.prognos(["frontier", path, "--format", "json", "--threads", "8"])
        #expect(eight.stdout == one.stdout)
        var parts: [String] = []
        for k in 0..<3 {
            let part = CLITests.temp("fpart-\(k)") + ".bin"
            let r = try CLITests.prognos(["frontier", path, "--shard", "\(k)/3", "--output", part])
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        let merged = CLITests.temp("frontier") + ".json"
        let m = try CLITests.prognos(["merge"] + parts + ["--output", merged])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == one.stdout)
    }

    @Test("bad input: a step that does not divide 100 % is exit 65 with file:line:column; no frontier section is exit 65")
    func badInput() throws {
        let path = try CLITests.scenario("f.yaml", Self.file.replacingOccurrences(of: "step: 25%", with: "step: 30%"))
        let r = try CLITests.prognos(["frontier", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("f.yaml:19:9: error: step 30.00 % does not divide 100 %"))
        let none = try CLITests.scenario("g.yaml", String(Self.file[..<Self.file.range(of: "frontier:\n")!.lowerBound]))
        let n = try CLITests.prognos(["frontier", none])
        #expect(n.status == 65)
        #expect(n.stderr.contains("no 'frontier' section"))
    }
}
