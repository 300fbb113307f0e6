import Foundation
import Testing
@testable import PrognosCore

/// Issue 20 item 3: the simulation's statistics in a few passes over each column
/// (`ColumnStatistics`: SIMD moments, a histogram, GSL's sort of the few candidate bins)
/// against GSL's routines as they were called before (the reference, computed here
/// independently: `gsl_sort` + `gsl_stats_quantile_from_sorted_data`, `gsl_stats_mean`,
/// `gsl_stats_sd_m`, the pairs array of rule S5).
@Suite("Column statistics: passes over the column against GSL (quantiles exact, moments within 1e-12)")
struct ColumnStatisticsTests {
    static let ps = SeriesStatistics.levels

    /// A deterministic generator (PCG-style LCG, top 53 bits): uniform on [0, 1).
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Standard normal by Box–Muller (enough for test data).
        mutating func normal() -> Double {
            let u = Swift.max(next(), 1e-300), v = next()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    /// The reference quantiles: the whole sample sorted by `gsl_sort`, then GSL's
    /// interpolation (`Statistics.quantile(sorted:p:)` is `gsl_stats_quantile_from_sorted_data`).
    static func sortedQuantiles(_ data: [Double], _ ps: [Double]) -> [Double] {
        var sorted = data
        Statistics.sort(&sorted)
        return ps.map { Statistics.quantile(sorted: sorted, p: $0)! }
    }

    static func quantiles(_ data: [Double], _ ps: [Double]) -> [Double]? {
        data.withUnsafeBufferPointer {
            ColumnStatistics.compute($0, ps: ps, moments: false, antithetic: false, budget: nil, tail: .none)?.quantiles
        }
    }

    /// Equal values (NaN equal to NaN; −0.0 equal to +0.0).
    static func expectSameValues(_ a: [Double], _ b: [Double], _ label: String) {
        #expect(a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(label): \(a) vs \(b)")
    }

    /// Exact equality of bit patterns (so −0.0 and +0.0 differ).
    static func expectSameBits(_ a: [Double], _ b: [Double], _ label: String) {
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(label): \(a) vs \(b)")
    }

    static func samples() -> [(String, [Double])] {
        var g = LCG(state: 20_240_331)
        var out: [(String, [Double])] = []
        out.append(("uniform 100,000", (0..<100_000).map { (_: Int) -> Double in g.next() * 1_000 }))
        out.append(("normal 100,000 around 312", (0..<100_000).map { (_: Int) -> Double in 312 + 4 * g.normal() }))
        // Ties: every 10th value the same, and a column of only 7 distinct values.
        out.append(("ties", (0..<100_000).map { (i: Int) -> Double in i % 10 == 0 ? 2.5 : g.next() * 10 }))
        out.append(("7 values", (0..<50_001).map { (_: Int) -> Double in Double(Int(g.next() * 7)) }))
        // A far outlier squeezes the bulk into a few bins (candidate bins are large).
        out.append(("outlier", (0..<100_000).map { (i: Int) -> Double in i == 77 ? 1e9 : g.normal() }))
        // Heavy tail (lognormal with σ = 3), and values of both signs with zeros of both signs.
        out.append(("lognormal", (0..<100_000).map { (_: Int) -> Double in exp(3 * g.normal()) }))
        out.append(("signed zeros", (0..<9_999).map { (i: Int) -> Double in i % 3 == 0 ? 0.0 : (i % 3 == 1 ? -0.0 : g.normal()) }))
        out.append(("constant", [Double](repeating: 0.1, count: 10_000)))
        out.append(("descending", (0..<4_096).map { Double(4_096 - $0) }))
        for n in 1...40 { out.append(("n \(n)", (0..<n).map { (_: Int) -> Double in g.next() * 200 - 100 })) }
        for n in 1...12 { out.append(("n \(n) ties", (0..<n).map { (i: Int) -> Double in i % 2 == 0 ? 7.0 : g.next() })) }
        return out
    }

    @Test("quantiles equal gsl_sort + gsl_stats_quantile_from_sorted_data bit for bit: random, ties, constant, outliers, n = 1 … 40")
    func quantilesExact() throws {
        let bandPs = Band.levels
        for (label, data) in Self.samples() {
            let q = try #require(Self.quantiles(data, Self.ps), "\(label)")
            Self.expectSameBits(q, Self.sortedQuantiles(data, Self.ps), label)
            let b = try #require(Self.quantiles(data, bandPs))
            Self.expectSameBits(b, Self.sortedQuantiles(data, bandPs), label + " band")
        }
    }

    /// Relative difference, against the larger of |reference| and `scale` (for a mean near 0
    /// the meaningful scale is the data's magnitude, for which GSL's own error is stated).
    static func close(_ a: Double, _ b: Double, scale: Double = 0, _ tol: Double = 1e-12) -> Bool {
        abs(a - b) <= tol * Swift.max(abs(b), scale)
    }

    @Test("mean, sd and the antithetic stderr within 1e-12 of gsl_stats_mean / gsl_stats_sd_m; every other field identical")
    func seriesAgainstGSL() throws {
        var g = LCG(state: 7)
        var cases = Self.samples()
        // Adversarial for moments: a large offset with a tiny spread, mixed magnitudes, a mean near 0.
        cases.append(("offset 1e9", (0..<100_000).map { (_: Int) -> Double in 1e9 + 1e-3 * g.normal() }))
        cases.append(("mixed magnitudes", (0..<100_000).map { (i: Int) -> Double in i % 1000 == 0 ? 1e8 * g.next() : g.next() }))
        cases.append(("mean near 0", (0..<100_000).map { (i: Int) -> Double in i % 2 == 0 ? 1e6 + g.next() : -1e6 - g.next() }))
        cases.append(("antithetic-like pairs", (0..<100_001).map { (i: Int) -> Double in
            let sign: Double = i % 2 == 0 ? 1 : -1
            return 500 + sign * Double(i / 2 % 97)
        }))
        for (label, data) in cases {
            let scale = data.map { abs($0) }.max() ?? 0
            // (Two of the four combinations: each flag is met both ways; the test's time in debug builds.)
            for (antithetic, lowTail) in [(false, false), (true, true)] {
                do {
                    let budget: Double? = data.count > 2 ? data[data.count / 2] : nil
                    let new = SeriesStatistics(data, antithetic: antithetic, lowTail: lowTail, budget: budget)
                    let ref = SeriesStatistics(gsl: data, antithetic: antithetic, lowTail: lowTail, budget: budget)
                    let tag = "\(label) antithetic \(antithetic) low \(lowTail)"
                    #expect(Self.close(new.mean, ref.mean, scale: data.count > 1 ? 1e-3 * scale : 0), "\(tag) mean \(new.mean) \(ref.mean)")
                    // sd: relative to itself, or to the data's scale for a spread that is all rounding.
                    #expect(Self.close(new.sd, ref.sd, scale: 1e-4 * scale), "\(tag) sd \(new.sd) \(ref.sd)")
                    #expect(Self.close(new.stderr, ref.stderr, scale: 1e-4 * scale / Double(data.count).squareRoot()),
                            "\(tag) stderr \(new.stderr) \(ref.stderr)")
                    // The order statistics, extremes, tails and the budget share: identical values (the
                    // sign of a zero among tied zeros is the sort's, not the definition's: −0 == +0 here).
                    Self.expectSameValues([new.min, new.max, new.p01, new.p05, new.p10, new.p25, new.p50, new.p75, new.p90, new.p95,
                                         new.p99, new.es95],
                                        [ref.min, ref.max, ref.p01, ref.p05, ref.p10, ref.p25, ref.p50, ref.p75, ref.p90, ref.p95,
                                         ref.p99, ref.es95], tag)
                    #expect(new.probOverBudget == ref.probOverBudget, "\(tag)")
                    // CaR is a quantile minus the mean: the mean's difference only.
                    // (plus the subtraction's own rounding: a few ulps of the operands).
                    let ulps = 4 * Double.ulpOfOne * (abs(new.p95) + abs(new.p05) + abs(new.mean))
                    #expect(abs(new.car95 - ref.car95) <= abs(new.mean - ref.mean) + ulps, "\(tag) car95")
                }
            }
        }
    }

    /// Hand values (n = 4, antithetic pairs (1, 3), (2, 6)): mean 3, sd √(((−2)² + 0² + (−1)² + 3²)/3)
    /// = √(14/3); pair averages 2 and 4: their sd √2, stderr √2 / √2 = 1 (rule S5); quantiles
    /// at h = 3p of 1, 2, 3, 6: p50 → h = 1.5 → 2.5; p95 → h = 2.85 → 3 + 0.85 · 3 = 5.55;
    /// ES95 = mean of values ≥ 5.55 = 6; budget 2.5 → 2 of 4 above.
    @Test("hand example: n = 4 antithetic (mean, sd, stderr S5, p50, p95, ES95, budget share)")
    func handExample() {
        let s = SeriesStatistics([1, 3, 2, 6], antithetic: true, lowTail: false, budget: 2.5)
        #expect(s.mean == 3)
        #expect(abs(s.sd - (14.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(s.stderr - 1) < 1e-15)
        #expect(s.p50 == 2.5)
        #expect(abs(s.p95 - 5.55) < 1e-14)
        #expect(s.es95 == 6)
        #expect(s.probOverBudget == 0.5)
        #expect(s.min == 1 && s.max == 6)
    }

    static func fields(_ s: SeriesStatistics) -> [UInt64] {
        [s.mean, s.sd, s.stderr, s.min, s.max, s.p01, s.p05, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95, s.p99,
         s.car95, s.car99, s.es95, s.probOverBudget ?? -1].map(\.bitPattern)
    }

    @Test("a column with NaN or ∞ takes GSL's routines: every field as before; bands filter NaN as before")
    func nonFinite() {
        var g = LCG(state: 3)
        var data = (0..<1_000).map { (_: Int) -> Double in g.next() }
        data[10] = .nan
        let a = SeriesStatistics(data, antithetic: false, lowTail: false, budget: nil)
        let b = SeriesStatistics(gsl: data, antithetic: false, lowTail: false, budget: nil)
        #expect(a.mean.isNaN && b.mean.isNaN)
        #expect(Self.fields(a) == Self.fields(b))
        #expect(Band(data) == Band(gsl: data))
        data[10] = .infinity
        #expect(Self.fields(SeriesStatistics(data, antithetic: true, lowTail: true, budget: 0.5)) ==
                Self.fields(SeriesStatistics(gsl: data, antithetic: true, lowTail: true, budget: 0.5)))
        // A range wider than the largest double (max − min overflows) is refused by the passes.
        let wide = [-1e308, 1e308, 0, 5]
        #expect(wide.withUnsafeBufferPointer { ColumnStatistics.compute($0, ps: [0.5], moments: true, antithetic: false,
                                                                        budget: nil, tail: .none) } == nil)
        #expect(SeriesStatistics(wide, antithetic: false, lowTail: false, budget: nil).p50 == 2.5)
        #expect(Band([Double.nan, .nan]).p50.isNaN)
    }

    /// Every shipped scenario with a `simulation:` block (its own settings, paths capped at
    /// 20,000 for the test's time): the run's statistics (`SimulationRun.summarize`, columns
    /// read in place) against GSL's routines on copies of the same columns.
    @Test("shipped simulation scenarios: summarize = GSL's statistics (quantiles, tails, bands exact; moments 1e-12)",
          arguments: ["internbank-car-2024.yaml", "linkoping-kommun-2024.yaml", "frontier-2024.yaml"])
    func shippedScenarios(_ file: String) throws {
        let s = try Scenario.load(path: repositoryRoot.appendingPathComponent("Scenarios/" + file).path)
        var settings = try #require(s.simulation)
        settings.paths = Swift.min(settings.paths, 20_000)
        let job = try SimulationJob(try #require(s.treasury), settings: settings)
        var raw = job.emptyRaw()
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: 2)
        let run = SimulationRun.summarize(raw, threads: 2)
        let ny = raw.meta.years.count, paths = raw.meta.paths
        var checked = 0
        for (y, year) in run.years.enumerated() {
            for (k, new) in year.series.enumerated() {
                // Income (1) and the swap book's value (4): the low tail is the risk (rule S10; docs/decisions.md).
                let column = Array(raw.yearly[((k * ny + y) * paths)..<((k * ny + y + 1) * paths)])
                let ref = SeriesStatistics(gsl: column, antithetic: raw.meta.antithetic, lowTail: k == 1 || k == 4,
                                           budget: new.probOverBudget == nil ? nil : budgetOf(raw.meta, k, year.year))
                let tag = "\(file) \(year.year) series \(k)"
                if ref.mean.isNaN { #expect(new.mean.isNaN, "\(tag)"); continue }
                #expect(Self.close(new.mean, ref.mean), "\(tag) mean")
                #expect(Self.close(new.sd, ref.sd, scale: 1e-12 * abs(ref.mean)), "\(tag) sd")
                #expect(Self.close(new.stderr, ref.stderr, scale: 1e-12 * abs(ref.mean)), "\(tag) stderr")
                Self.expectSameBits([new.p01, new.p05, new.p10, new.p25, new.p50, new.p75, new.p90, new.p95, new.p99, new.es95, new.min, new.max],
                                    [ref.p01, ref.p05, ref.p10, ref.p25, ref.p50, ref.p75, ref.p90, ref.p95, ref.p99, ref.es95, ref.min, ref.max], tag)
                #expect(new.probOverBudget == ref.probOverBudget, "\(tag)")
                checked += 1
            }
        }
        #expect(checked >= 3 * ny, "\(file): \(checked) columns compared")
        let bp = raw.meta.bandPaths
        for (g, point) in run.bands.enumerated() {
            #expect(point.stibor == Band(gsl: Array(raw.stibor[(g * bp)..<((g + 1) * bp)])), "\(file) band \(g)")
            if let f = point.fundingRate { #expect(f == Band(gsl: Array(raw.funding[(g * bp)..<((g + 1) * bp)])), "\(file) funding \(g)") }
        }
        #expect(!run.bands.isEmpty)
    }

    /// The budget of series k (external interest 0, net 2) in `year`, as `SimulationRun` applies it.
    func budgetOf(_ meta: SimulationMeta, _ k: Int, _ year: Int) -> Double? {
        k == 0 ? meta.externalBudget[String(year)] : (k == 2 ? meta.netBudget[String(year)] : nil)
    }
}
