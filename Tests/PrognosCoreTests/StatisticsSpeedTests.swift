import Foundation
import Testing
@testable import PrognosCore

/// Issue 20 item 3 (statistics) and issue 15 (the simulation reuses the compiled plan):
/// faster paths that must give the same numbers, bit for bit.
@Suite("Simulation statistics: multi-selection, parallel columns, one compiled plan")
struct StatisticsSpeedTests {
    static let ps = [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]

    /// The expected value is independent of selection: GSL's definition on fully sorted data
    /// (`gsl_sort`, then (1 − δ) x₍ₖ₎ + δ x₍ₖ₊₁₎ with h = (n − 1)p, `quantile(sorted:p:)`).
    /// Equality is exact (==): the k-th smallest value does not depend on how it was found.
    static func check(_ data: [Double], _ label: String) {
        var sorted = data
        Statistics.sort(&sorted)
        var work = data
        let q = Statistics.quantiles(selecting: &work, ps)
        for (p, v) in zip(ps, q) { #expect(v == Statistics.quantile(sorted: sorted, p: p)!, "\(label) p \(p)") }
        // Band's five quantiles (the fan charts) the same way.
        var band = data
        let b = Statistics.quantiles(selecting: &band, [0.05, 0.25, 0.50, 0.75, 0.95])
        for (p, v) in zip([0.05, 0.25, 0.50, 0.75, 0.95], b) { #expect(v == Statistics.quantile(sorted: sorted, p: p)!, "\(label) band p \(p)") }
    }

    @Test("quantiles by divide-and-conquer selection equal sort-then-interpolate exactly, every n from 1 to 64")
    func smallSamples() {
        // Small n: the needed order statistics coincide (n = 1, 2) or are adjacent (x₍ₖ₊₁₎ is
        // then itself a selected statistic, not a minimum), the edge cases of the recursion.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 200 - 100
        }
        for n in 1...64 {
            Self.check((0..<n).map { _ in next() }, "n \(n)")
            Self.check((0..<n).map { i in i % 3 == 0 ? 7.0 : next() }, "n \(n) with ties")
            Self.check((0..<n).map { i in Double(n - i) }, "n \(n) descending")
        }
    }

    @Test("quantiles of 100,000 values (a simulation column) with ties equal the sorted-data quantiles exactly")
    func columnSize() {
        var state: UInt64 = 42
        let data = (0..<100_000).map { i -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return i % 10 == 0 ? 2.5 : Double(state >> 11) / Double(1 << 53) * 10
        }
        Self.check(data, "100,000")
    }

    /// `prognos run` with a `simulation:` block computes the deterministic run and the
    /// simulation in one process; the simulation reuses the deterministic run's compiled plan.
    /// Expected: the same statistics as `simulate` alone (`.only`, which compiles its own plan).
    @Test("a run's simulation (compiled plan reused) equals the simulation alone, bit for bit; also with its own horizon")
    func planReused() throws {
        for settings in ["{model: hull_white, mean_reversion: 3%, volatility: 1%, paths: 2000, seed: 7}",
                         "{model: vasicek, mean_reversion: 5%, volatility: 1%, long_run: 3%, paths: 2000, seed: 7, horizon_years: 2}"] {
            let s = try #require(try load(SimulationTests.portfolio + "\nsimulation: " + settings + "\n").value)
            let both = try ScenarioRun.compute(s, simulation: .ifPresent, threads: 2)
            let alone = try ScenarioRun.compute(s, simulation: .only, threads: 1)
            #expect(both.treasury != nil)
            let a = try #require(both.simulation), b = try #require(alone.simulation)
            #expect(a.years.map(\.year) == b.years.map(\.year))
            #expect(a.years.map(\.series) == b.years.map(\.series), "\(settings)")
            #expect(a.bands.map(\.stibor) == b.bands.map(\.stibor))
            #expect(a.bands.map(\.fundingRate) == b.bands.map(\.fundingRate))
        }
    }
}
