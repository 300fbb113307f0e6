import Foundation
import Testing
@testable import PrognosCore

/// The borrowing-strategy frontier (spec frontier.md, rules P1–P5).
@Suite("frontier")
struct FrontierTests {
    /// A small portfolio: loans falling due in 2024–2026 (refinanced on the mix), a floating
    /// loan, an internal pass-through loan; the frontier section as given.
    static func yaml(mix: String, frontier: String, policy: String = "", paths: Int = 2048) -> String {
        """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 4
          curve: {type: zero, points: {3M: 3.9%, 1Y: 3.6%, 2Y: 3.1%, 5Y: 2.7%, 10Y: 2.8%}}
          funding_spread: {1Y: 0.15%, 3Y: 0.25%, 5Y: 0.35%, 10Y: 0.50%}
          loans:
            - {id: L1, type: fixed, notional: 400, start: 2021-06-30, maturity: 2024-06-30, rate: 1.2%}
            - {id: L2, type: fixed, notional: 300, start: 2020-11-15, maturity: 2025-11-15, rate: 0.9%}
            - {id: L3, type: floating, notional: 200, start: 2023-02-10, maturity: 2026-02-10, margin: 0.3%, last_fixing: 4.02%}
            - {id: L4, type: fixed, notional: 100, start: 2022-01-01, maturity: 2030-01-01, rate: 2.0%}
          refinancing:
            tenor_mix: \(mix)
          internal_bank:
            margin: 0.3%
            loans:
              - {id: R1, borrower: bolaget, notional: 600, start: 2024-01-01, maturity: 2034-01-01}
        \(policy)
        simulation: {model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: \(paths), seed: 7}
        frontier:
        \(frontier)
        """
    }

    static let twoCandidates = """
          candidates: [{tenor: 3M, type: floating}, {tenor: 5Y, type: fixed}]
          step: 10%
          years: [2025, 2026]
        """

    static func scenario(_ text: String) throws -> Scenario {
        let loaded = try load(text)
        if let f = loaded.failure { Issue.record("\(f.diagnostics)") }
        return try #require(loaded.value)
    }

    /// The per-path values of `series` summed over `years` when the file's own mix is `mix`,
    /// by the simulation engine alone (`SimulationJob`: its own refinancing tree and kernel).
    static func bruteForce(mix: String, frontier: String, series: Int, years: [Int]) throws -> [Double] {
        let s = try scenario(yaml(mix: mix, frontier: frontier))
        let job = try SimulationJob(s.treasury!, settings: s.simulation!)
        var raw = job.emptyRaw()
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: 2)
        let paths = job.meta.paths, ny = job.meta.years.count
        var columns: [[Double]] = []
        for y in years {
            let j = job.meta.years.firstIndex(of: y)!
            columns.append(Array(raw.yearly[((series * ny + j) * paths)..<((series * ny + j + 1) * paths)]))
        }
        var total = columns[0]
        for c in columns.dropFirst() { for p in 0..<paths { total[p] += c[p] } }
        return columns.flatMap { $0 } + total
    }

    @Test("P1: 4 candidates at 10 % give C(13, 3) = 286 mixes, each summing to 100 %, all distinct")
    func gridCount() {
        let mixes = FrontierRun.mixes(candidates: 4, steps: 10)
        #expect(mixes.count == 286)   // C(10 + 3, 3) = 13·12·11/6 = 286 (spec frontier.md, P1)
        #expect(mixes.allSatisfy { $0.reduce(0, +) == 10 && $0.allSatisfy { $0 >= 0 } })
        #expect(Set(mixes).count == 286)
        #expect(mixes.first == [10, 0, 0, 0])
        let input = FrontierInput(candidates: [.init(tenor: Tenor(months: 3), kind: .floating), .init(tenor: Tenor(months: 24), kind: .fixed),
                                               .init(tenor: Tenor(months: 60), kind: .fixed), .init(tenor: Tenor(months: 120), kind: .fixed)],
                                  steps: 10, years: [2025], location: SourceLocation(file: "x", line: 1, column: 1))
        #expect(input.mixCount == 286)
    }

    @Test("P1: more mixes than --max-mixes is an error before anything runs")
    func maxMixes() throws {
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]", frontier: Self.twoCandidates))
        #expect(throws: InputFailure.self) { try FrontierRun.compute(s, threads: 1, maxMixes: 10) }   // 11 mixes > 10
        do {
            _ = try FrontierRun.compute(s, threads: 1, maxMixes: 10)
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.description.contains("11 mixes; the limit is 10"))
        }
    }

    /// Two candidates at 50 %: three mixes with per-path costs chosen by hand (20 paths,
    /// one year). GSL's P95 is x₍₁₈₎ + 0.05 (x₍₁₉₎ − x₍₁₈₎) of the sorted sample.
    ///   mix 0 (100 % A): 1 … 20        → mean 10.5,  P95 19.05,   CaR95 8.55,  ES95 20
    ///   mix 1 (50/50):   5.5, 6, … 15  → mean 10.25, P95 14.525,  CaR95 4.275
    ///   mix 2 (100 % B): 12 everywhere → mean 12,    P95 12,      CaR95 0
    ///   current:         11.5 … 21     → mean 16.25, CaR95 4.275
    /// By hand (rule P3): mix 1 dominates mix 0 (both lower); mixes 1 and 2 do not dominate
    /// each other; the frontier by CaR95 is [2, 1]; the recommended mix is 1 (lowest mean).
    /// Rule P4: at CaR95 ≤ 4.275 the lowest frontier mean is 10.25 (6.0 left); at mean ≤ 16.25
    /// the lowest frontier CaR95 is 0 (4.275 left).
    static func handPart(limit: Double? = nil, policy: [Bool?] = [nil, nil, nil]) -> FrontierPart {
        let n = 20
        func stats(_ v: [Double]) -> FrontierPart.Statistics { FrontierPart.Statistics(v + v, years: 1, paths: n) }
        let a = (1...n).map(Double.init), b = a.map { 5 + $0 / 2 }, c = [Double](repeating: 12, count: n), cur = a.map { 11 + $0 / 2 }
        let setup = FrontierPart.Setup(series: "external_interest", years: [2025], paths: n, seed: 0, steps: 2,
                                       candidates: [.init(tenor: "3M", type: "floating"), .init(tenor: "5Y", type: "fixed")],
                                       car95Limit: limit, policy: policy.contains { $0 != nil }, assumptions: [],
                                       own: [.init(tenor: "2Y", type: "fixed", share: 1)])
        return FrontierPart(format: 1, scenarioHash: "h", mixCount: 3, mixFrom: 0, mixTo: 3, name: "t", asOf: nil, unit: "kr", warnings: [],
                            setup: setup,
                            mixes: [.init(units: [2, 0], statistics: stats(a), policyOK: policy[0]),
                                    .init(units: [1, 1], statistics: stats(b), policyOK: policy[1]),
                                    .init(units: [0, 2], statistics: stats(c), policyOK: policy[2])],
                            current: .init(units: nil, statistics: stats(cur), policyOK: nil))
    }

    @Test("P3/P4: a two-candidate grid whose frontier is derived by hand from known per-path costs")
    func handFrontier() {
        let r = FrontierResult.assemble(Self.handPart())
        #expect(r.mixes.map(\.mean) == [10.5, 10.25, 12])
        #expect(r.mixes.map(\.p95) == [19.05, 14.53, 12])          // 14.525 to the öre (kronor file)
        #expect(r.mixes.map(\.car95) == [8.55, 4.28, 0])
        #expect(r.mixes[0].es95 == 20)
        #expect(r.mixes.map(\.dominated) == [true, false, false])
        #expect(r.frontier == [2, 1])
        #expect(r.recommended == 1)
        #expect(r.mixes[1].shares == ["3M floating": 0.5, "5Y fixed": 0.5])
        #expect(r.current.mix.mean == 16.25)
        #expect(r.current.mix.dominated)
        #expect(r.current.gridIndex == nil)                         // 2Y fixed is not a candidate
        #expect(r.current.meanLeft == 6)
        #expect(r.current.car95Left == 4.28)
    }

    @Test("P3: infeasible mixes (risk limit, policy) are excluded from the frontier and the recommendation")
    func infeasibleExcluded() {
        // CaR95 ≤ 4: mixes 0 (8.55) and 1 (4.275) break it; only mix 2 is feasible.
        let r = FrontierResult.assemble(Self.handPart(limit: 4))
        #expect(r.mixes.map(\.feasible) == [false, false, true])
        #expect(r.mixes.map(\.riskOK) == [false, false, true])
        #expect(r.frontier == [2])
        #expect(r.recommended == 2)
        #expect(!r.mixes[1].dominated)        // mix 2 has a higher mean: it does not dominate mix 1
        // A policy breach of mix 1 alone: the frontier is mix 2, the recommended mix 2.
        let p = FrontierResult.assemble(Self.handPart(policy: [true, false, true]))
        #expect(p.mixes.map(\.policyOK) == [true, false, true])
        #expect(p.mixes.map(\.feasible) == [true, false, true])
        #expect(p.frontier == [2, 0])
        #expect(p.recommended == 0)           // 10.5 < 12 among the feasible
        #expect(p.mixes[1].riskOK == nil)     // no limit in the file
    }

    @Test("P2: each mix's yearly and summed statistics equal a full simulation with that mix as the file's own (common random numbers)")
    func matchesFullSimulation() throws {
        let own = "[{tenor: 2Y, type: fixed, share: 60%}, {tenor: 3M, type: floating, share: 40%}]"
        let s = try Self.scenario(Self.yaml(mix: own, frontier: Self.twoCandidates))
        let part = try FrontierRun.compute(s, threads: 2)
        #expect(part.mixes.count == 11)
        // The own mix (off the grid) and three grid mixes, against the simulation engine.
        let cases: [(mix: String, outcome: FrontierPart.Outcome)] = [
            (own, part.current),
            ("[{tenor: 3M, type: floating, share: 100%}]", part.mixes[0]),
            ("[{tenor: 3M, type: floating, share: 30%}, {tenor: 5Y, type: fixed, share: 70%}]", part.mixes[7]),
            ("[{tenor: 5Y, type: fixed, share: 100%}]", part.mixes[10]),
        ]
        #expect(part.mixes[7].units == [3, 7])
        for (mix, outcome) in cases {
            let values = try Self.bruteForce(mix: mix, frontier: Self.twoCandidates, series: 0, years: [2025, 2026])
            let expected = FrontierPart.Statistics(values, years: 2, paths: values.count / 3)
            for column in 0..<3 {
                for stat in 0..<4 {
                    let a = outcome.statistics.value(column, stat), b = expected.value(column, stat)
                    #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "mix \(mix) column \(column) statistic \(stat): \(a) vs \(b)")
                }
            }
        }
    }

    @Test("P2: the municipality's net (pass-through shares, rule T9) also equals the full simulation")
    func netMatchesFullSimulation() throws {
        let frontier = Self.twoCandidates + "\n  series: municipality_net"
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]", frontier: frontier))
        let part = try FrontierRun.compute(s, threads: 2)
        let values = try Self.bruteForce(mix: "[{tenor: 3M, type: floating, share: 50%}, {tenor: 5Y, type: fixed, share: 50%}]",
                                         frontier: frontier, series: 2, years: [2025, 2026])
        let expected = FrontierPart.Statistics(values, years: 2, paths: values.count / 3)
        #expect(part.mixes[5].units == [5, 5])
        for column in 0..<3 {
            for stat in 0..<4 {
                let a = part.mixes[5].statistics.value(column, stat), b = expected.value(column, stat)
                #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "column \(column) statistic \(stat): \(a) vs \(b)")
            }
        }
    }

    @Test("P4: the file's own mix on the grid is placed at its grid mix, with the same figures")
    func currentPlaced() throws {
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 3M, type: floating, share: 30%}, {tenor: 5Y, type: fixed, share: 70%}]",
                                            frontier: Self.twoCandidates))
        let r = FrontierResult.assemble(try FrontierRun.compute(s, threads: 2))
        #expect(r.current.gridIndex == 7)     // [3, 7] in the order 10-0, 9-1, …
        // The series by its words, never its key (files.md: names, not ids).
        #expect(r.assumptions.contains { $0.hasPrefix("Kostnad och risk för den externa räntekostnaden summeras över") }, "\(r.assumptions)")
        #expect(!r.assumptions.contains { $0.contains("external_interest") })
        let grid = r.mixes[7]
        #expect(abs(r.current.mix.mean! - grid.mean!) <= 0.011)     // öre rounding of nearly equal values
        #expect(abs(r.current.mix.car95! - grid.car95!) <= 0.011)
        // Rule P4 recomputed from the mixes: the lowest frontier mean at CaR95 ≤ the current's.
        let atRisk = r.frontier.map { r.mixes[$0] }.filter { $0.car95! <= r.current.mix.car95! }.map { $0.mean! }.min()
        if let atRisk { #expect(abs(r.current.meanLeft! - max(0, r.current.mix.mean! - atRisk)) <= 0.011) }
    }

    @Test("P2: a mix of only 3M floating breaks a minimum fixing period; 5Y fixed keeps it")
    func policyVerdicts() throws {
        // Every existing loan but L4 (100 of 1,000) is refinanced by the end of 2026; with
        // 100 % 3M floating the fixing period at 31 Dec 2026 is below 1 year; with 5Y fixed
        // it is above (the new loans run to 2029–2031).
        let policy = "  policy: {fixing_years: {min: 1}}"
        let frontier = Self.twoCandidates + "\n  policy: true"
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]", frontier: frontier, policy: policy, paths: 64))
        let r = FrontierResult.assemble(try FrontierRun.compute(s, threads: 2))
        #expect(r.mixes[0].policyOK == false)
        #expect(r.mixes[10].policyOK == true)
        #expect(!r.frontier.contains(0))
        #expect(r.mixes.filter { $0.policyOK == false }.allSatisfy { !$0.feasible })
    }

    @Test("P5: the same bytes for 1, 2 and 8 threads and for 3 shards merged")
    func determinism() throws {
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]", frontier: Self.twoCandidates, paths: 3000))
        func json(_ part: FrontierPart) throws -> String { try JSONOutput.render(ResultDocument.frontier(part)) }
        let one = try json(FrontierRun.compute(s, threads: 1))
        #expect(try json(FrontierRun.compute(s, threads: 2)) == one)
        #expect(try json(FrontierRun.compute(s, threads: 8)) == one)
        let dir = try temporaryFiles([:])
        var paths: [String] = []
        for k in 0..<3 {
            let part = try FrontierRun.compute(s, threads: 2, shard: (k, 3))
            let path = dir.appendingPathComponent("part-\(k).bin").path
            try part.encoded().write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        #expect(try json(FrontierPart.merge(paths.reversed())) == one)
        // A missing shard is named.
        #expect(throws: InputFailure.self) { try FrontierPart.merge(Array(paths.prefix(2))) }
    }

    @Test("bad frontier input: each error names file, line and column, and what was expected")
    func badInput() throws {
        func errors(_ frontier: String) throws -> [String] {
            let r = try load(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]", frontier: frontier))
            return (r.failure?.diagnostics ?? []).map(\.description)
        }
        let step = try errors("  candidates: [{tenor: 3M, type: floating}]\n  step: 30%\n  years: [2025]")
        #expect(step.contains { $0.contains("s.yaml:") && $0.contains("step 30.00 % does not divide 100 %") })
        let kind = try errors("  candidates: [{tenor: 3M, type: floatin}]\n  step: 10%\n  years: [2025]")
        #expect(kind.contains { $0.contains("'floatin' is not one of fixed, floating") && $0.contains("did you mean 'floating'") })
        let twice = try errors("  candidates: [{tenor: 5Y, type: fixed}, {tenor: 5Y, type: fixed}]\n  step: 10%\n  years: [2025]")
        #expect(twice.contains { $0.contains("candidate 5Y fixed is listed twice") })
        let year = try errors("  candidates: [{tenor: 5Y, type: fixed}]\n  step: 10%\n  years: [2025, soon]")
        #expect(year.contains { $0.contains("soon") })
        let unknown = try errors("  candidates: [{tenor: 5Y, type: fixed}]\n  step: 10%\n  years: [2025]\n  objectiv: mean")
        #expect(unknown.contains { $0.contains("unknown key 'objectiv'") && $0.contains("did you mean 'objective'") })
        // Positions: the value's line and column (rule F6); the frontier starts on line 25 of the template.
        let located = try #require(step.first { $0.contains("does not divide") })
        #expect(located.range(of: #"s\.yaml:\d+:\d+: error"#, options: .regularExpression) != nil)
        // A year outside the horizon is an error of the run, naming the year.
        let s = try Self.scenario(Self.yaml(mix: "[{tenor: 2Y, type: fixed, share: 100%}]",
                                            frontier: "  candidates: [{tenor: 5Y, type: fixed}]\n  step: 10%\n  years: [2031]"))
        do {
            _ = try FrontierRun.compute(s, threads: 1)
            Issue.record("a year outside the horizon was accepted")
        } catch {
            #expect(error.description.contains("2031 is not an output year"))
        }
    }
}

/// The frontier's views: every frontier mix and the current mix reach the report, the
/// scatter has one point per mix and marks both mixes; the text table names them.
@Suite("frontier views")
struct FrontierReportTests {
    @Test("report parity and scatter; text table in sv and en; CSV one row per mix and the current")
    func views() throws {
        let r = FrontierResult.assemble(FrontierTests.handPart())
        let doc = ResultDocument(name: "t", asOf: nil, unit: "kr", warnings: [], operating: nil, investments: nil, capitalCosts: nil,
                                 treasury: nil, simulation: nil, indicators: nil, frontier: r)
        let html = Report.html(doc, lang: .sv)
        let f = ReportFormat(lang: .sv, unit: .kr)
        for m in r.frontier.map({ r.mixes[$0] }) + [r.current.mix] {
            for v in [m.mean, m.p95, m.car95, m.es95] { #expect(html.contains(f.amount(v)), "\(String(describing: v))") }
        }
        #expect(html.components(separatedBy: "<circle").count - 1 == 3)      // every mix a point
        #expect(html.contains("class=\"frontier\""))
        #expect(html.contains("class=\"recommended\""))
        #expect(html.contains("class=\"current\""))
        let sv = TableOutput.render(doc, lang: .sv), en = TableOutput.render(doc, lang: .en)
        #expect(sv.contains("Rekommenderad") && sv.contains("Nuvarande") && sv.contains("3M rörlig"))
        #expect(en.contains("Recommended") && en.contains("Current") && en.contains("3M floating"))
        // Rule P4 in words: 6 kr of expected cost and 4 kr of CaR95 (kronor, no decimals) left on the table.
        #expect(sv.contains("lämnar 6 i förväntad kostnad"))
        let csv = try CSVOutput.render(doc, dialect: .rfc4180)
        #expect(csv.split(separator: "\n").count == 1 + 3 + 1)
        #expect(csv.contains("\n1,0.5,0.5,10.25,14.53,4.28,"))
    }
}
