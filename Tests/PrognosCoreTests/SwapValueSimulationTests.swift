import Foundation
import Testing
@testable import PrognosCore

/// Issue 19 item 3, the Monte Carlo half: the swap book's market value at each year end
/// (rule T24 on every path; rules S1, S9, S10; files.md `simulation.years[].swap_market_value`).
@Suite("Simulation: the swap book's market value at each year end")
struct SwapValueSimulationTests {
    /// V = 2024-12-31 (a month end, so every 31 December is a grid date V + 12k months and
    /// rule S1 reads the state on the year end itself); output years 2024–2026.
    /// - S1 pay-fixed 300 mnkr at 2.5 %, quarterly float, annual fixed, dates backward from
    ///   2028-12-31: all quarter ends.
    /// - S2 receive-fixed 200 mnkr at 3 %, 6-month float, dates backward from 2027-09-30
    ///   (31 March, 30 September): the period 2024-09-30 – 2025-03-31 spans V and is fixed at
    ///   `last_fixing` 3.4 % (rule T2).
    /// Every cash-flow date is a quarter end, so rule T4's 3-month steps from a 31 December
    /// land on them exactly (no pro-rata last step).
    static func yaml(volatility: String, swaps: Bool = true, paths: Int = 2, bandPaths: Int = 0) -> String {
        let book = """
          swaps:
            - {id: S1, pay: fixed, notional: 300, start: 2023-12-31, maturity: 2028-12-31, fixed_rate: 2.5%}
            - {id: S2, pay: floating, notional: 200, start: 2023-09-30, maturity: 2027-09-30, fixed_rate: 3%,
               float_frequency: 6, last_fixing: 3.4%}

        """
        return """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-12-31
          horizon_years: 3
          curve: {type: zero, interpolation: flat_forward, points: {3M: 3.10%, 1Y: 2.80%, 2Y: 2.55%, 5Y: 2.70%, 10Y: 2.95%}}
          loans:
            - {id: F1, type: fixed, notional: 600, start: 2022-12-31, maturity: 2029-12-31, rate: 2%}
            - {id: R1, type: floating, notional: 400, start: 2023-12-31, maturity: 2028-12-31, margin: 0.3%}

        """ + (swaps ? book : "") + """
        rates:
          scenarios:
            - {name: base, type: curve}
        simulation: {model: hull_white, mean_reversion: 3%, volatility: \(volatility), paths: \(paths), seed: 11, band_paths: \(bandPaths)}

        """
    }

    static func scenario(_ yaml: String) throws -> Scenario {
        switch try load(yaml) {
        case .success(let s): return s
        case .failure(let f): throw f
        }
    }

    /// The index of the swap series in `Year.series` (after the four cost series).
    static let swapIndex = SimulationRun.allSeries.firstIndex(of: "swap_market_value")!

    /// At σ = 0 the Hull–White state stays x ≡ 0 and α(t) = f(0,t), so the model's bond is
    /// P(t,T) = exp(c(t,T)) = P(0,T)/P(0,t) (ShortRateModel.logBondIntercept with σ = 0: the
    /// B·f(0,t) and −B·α(t) terms cancel) and its fixing at grid date g is
    /// (P(0,g)/P(0,g+3M) − 1)/τ, the curve's simple forward — exactly the `curve` scenario's
    /// fixing (every fixing date here is a grid date). So the simulated value is T24 with the
    /// curve's own discount factors P_c(d,T) = P(0,T)/P(0,d).
    ///
    /// The deterministic T24 (TreasuryRun.swapValues, other code: a forward per period, not
    /// telescoped) discounts by rule T4 instead: P₄(d,T) = Π 1/(1 + L_k τ_k) over 3-month
    /// steps from d, each L_k the curve's forward over [t_k, t_k + 3M]. That is P_c exactly
    /// when t_k + 3M is the next step; from a 31 December it is not once a year
    /// (30 September + 3M = 30 December, the step runs to 31 December), so P₄ and P_c differ
    /// by ~10⁻⁶. Both values are Σ_T a_T P(d,T) over the same amounts (the float leg's
    /// forwards telescope to N (P(d,p) − P(d,e)) under any discount function), with
    /// Σ|a_T| ≤ Σ N (2 + K · 5 years + |L| τ) < 3 Σ N. Hence
    ///     |MC − T24| ≤ 3 Σ N · max_T |P₄(d,T) − P_c(d,T)|   (+ rounding, 10⁻⁹ Σ N),
    /// the maximum taken here over every month end to the last maturity (measured: the values
    /// differ by 106–138 kr, allowed 8 000–9 900 kr on 500 mnkr of swaps; a missing coupon or
    /// fixing would be ≈ 2–7 mnkr).
    @Test("σ = 0: the Monte Carlo mean at each year end is the deterministic T24 value under the curve scenario")
    func zeroVolatilityIsTheCurve() throws {
        let s = try Self.scenario(Self.yaml(volatility: "0%"))
        let run = try ScenarioRun.compute(s, simulation: .only, threads: 2)
        let sim = try #require(run.simulation)
        let deterministic = try #require(try ScenarioRun.compute(s).treasury?.swapValues["base"])
        let curve = try #require(s.treasury?.curve)
        // Dates: V, then 31 December of each output year (2024-12-31 is V itself).
        #expect(deterministic.map(\.date.description) == ["2024-12-31", "2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(sim.years.map(\.year) == [2024, 2025, 2026])
        let notional = 500 * mnkr, last = Day(iso: "2028-12-31")!
        for (y, year) in sim.years.enumerated() {
            let d = deterministic[y + 1].date
            var steps = DiscountSteps()
            steps.reset(CurveScenario(curve: curve), from: d, through: last)
            var gap = 0.0
            var T = d
            while T < last {
                T = T.addingMonths(1)
                gap = max(gap, abs(steps.discount(to: T) - curve.discount(T) / curve.discount(d)))
            }
            #expect(gap < 1e-5)   // rule T4 is close to the curve, not equal
            let st = year.series[Self.swapIndex], expected = deterministic[y + 1].total
            let tolerance = 3 * notional * gap + 1e-9 * notional
            #expect(abs(st.mean - expected) <= tolerance, "\(year.year): \(st.mean) vs \(expected), allowed \(tolerance)")
            #expect(st.sd == 0 && st.min == st.max)   // every path the same
            #expect(abs(expected) > 0.1 * mnkr)        // not a vacuous zero
        }
        // The book changes between year ends (coupons paid, fixings reset).
        #expect(abs(deterministic[2].total - deterministic[3].total) > 0.1 * mnkr)
    }

    /// One path of the engine against the hand formula from that path's own state. The state
    /// x(t_g) is read back from the band output (STIBOR 3M at grid date g on path 0):
    /// L = (exp(B₃ x − c₃) − 1)/τ₃ gives x = (ln(1 + L τ₃) + c₃)/B₃, r = x + α(t). Then, with
    /// P(d,T) = ShortRateModel.discountBond(t_d, T, r) and the swap's schedule written out:
    /// V(d) = Σ_{T_i > d} N (L_i τ_i) P(d, e_i) over float periods (the current one at the
    /// path's fixing at its start, later ones at the forward (P(d,p)/P(d,e) − 1)/τ)
    ///        − Σ_{T_j > d} N K α_j P(d, T_j) (fixed, 30E/360), pay-fixed.
    /// The tolerance is 10⁻⁹ of the notional (the engine telescopes the forwards and uses
    /// the vectorised exp; both agree with this to rounding).
    @Test("one pay-fixed swap: the kernel's value on a path = the hand formula from that path's state")
    func onePathHandFormula() throws {
        let yaml = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-12-31
          horizon_years: 3
          curve: {type: zero, interpolation: flat_forward, points: {3M: 3.10%, 1Y: 2.80%, 2Y: 2.55%, 5Y: 2.70%, 10Y: 2.95%}}
          loans:
            - {id: F1, type: fixed, notional: 600, start: 2022-12-31, maturity: 2029-12-31, rate: 2%}
          swaps:
            - {id: S, pay: fixed, notional: 100, start: 2024-10-31, maturity: 2027-10-31, fixed_rate: 2.5%, last_fixing: 3.1%}
        rates:
          scenarios:
            - {name: base, type: curve}
        simulation: {model: hull_white, mean_reversion: 3%, volatility: 1.2%, paths: 16, seed: 5, band_paths: 16}
        """
        let s = try Self.scenario(yaml)
        let input = try #require(s.treasury), settings = try #require(s.simulation)
        let model = ShortRateModel(kind: .hullWhite, a: settings.meanReversion, sigma: settings.volatility, curve: try #require(input.curve))
        let v = Day(iso: "2024-12-31")!
        let n = 100 * mnkr, k = 0.025
        for mode in [KernelMode.scalar, .lanes] {
            let raw = try KernelTests.raw(input, settings, mode)
            let ny = raw.meta.years.count, paths = raw.meta.paths, bandPaths = raw.meta.bandPaths
            #expect(raw.meta.swapMarketValue == true && raw.yearly.count == 5 * ny * paths)
            let grid = raw.meta.gridDates.map { Day(iso: $0)! }
            for path in [0, 1, 7] {
                /// The path's state at grid date g and its fixing there.
                func fixing(_ g: Int) -> Double { raw.stibor[g * bandPaths + path] }
                func state(_ g: Int) -> Double {
                    let t = grid[g].years(since: v), end = grid[g].addingMonths(3)
                    let tau = Double(end.serial - grid[g].serial) / 360
                    return (log(1 + fixing(g) * tau) + model.logBondIntercept(t, end.years(since: v))) / model.B(t, end.years(since: v))
                }
                for (y, year) in [2024, 2025, 2026].enumerated() {
                    let d = Day(year: year, month: 12, day: 31)!
                    let g = grid.firstIndex(of: d)!
                    let t = d.years(since: v), r = state(g) + model.alpha(t)
                    func P(_ T: Day) -> Double { model.discountBond(t, T.years(since: v), shortRate: r) }
                    let floatDates = Schedule.dates(start: Day(iso: "2024-10-31")!, maturity: Day(iso: "2027-10-31")!, months: 3)
                    let fixedDates = Schedule.dates(start: Day(iso: "2024-10-31")!, maturity: Day(iso: "2027-10-31")!, months: 12)
                    var value = 0.0
                    for i in 1..<floatDates.count where floatDates[i] > d {
                        let p = floatDates[i - 1], e = floatDates[i]
                        let tau = Double(e.serial - p.serial) / 360
                        let l = p > d ? (P(p) / P(e) - 1) / tau : p < v ? 0.031 : fixing(grid.firstIndex(of: p)!)
                        value += n * l * tau * P(e)
                    }
                    for j in 1..<fixedDates.count where fixedDates[j] > d {
                        value -= n * k * DayCount.thirty360.fraction(fixedDates[j - 1], fixedDates[j]) * P(fixedDates[j])
                    }
                    let engine = raw.yearly[(4 * ny + y) * paths + path]
                    #expect(abs(engine - value) <= 1e-9 * n, "\(mode) path \(path) \(year): \(engine) vs \(value)")
                    if year > 2024 { #expect(engine != raw.yearly[(4 * ny + y) * paths + (path + 1)]) }   // paths differ
                }
            }
            // 2024-12-31 is V: the same value on every path (the state is 0 there).
            #expect(Set(raw.yearly[(4 * ny) * paths..<(4 * ny + 1) * paths]).count == 1)
        }
    }

    /// Rule S10 as decided (docs/decisions.md): a lower value is the loss, so CaR95 = mean − P05
    /// and ES95 the mean of the outcomes ≤ P05, as for the internal income.
    @Test("the swap value's risk is its low tail: CaR95 = mean − P05, ES95 ≤ P05, no budget")
    func lowTail() throws {
        let run = try ScenarioRun.compute(try Self.scenario(Self.yaml(volatility: "0.9%", paths: 2000)), simulation: .only, threads: 2)
        let sim = try #require(run.simulation)
        for year in sim.years.dropFirst() {
            let st = year.series[Self.swapIndex]
            #expect(st.sd > 0.1 * mnkr)
            #expect(st.car95 == st.mean - st.p05 && st.car99 == st.mean - st.p01)
            #expect(st.es95 <= st.p05 && st.probOverBudget == nil)
        }
    }

    static func json(_ run: SimulationRun, _ s: Scenario) throws -> String {
        try JSONOutput.render(simulation: run, name: s.name, asOf: s.asOf?.description, unit: s.unit.rawValue, warnings: s.warnings.map(\.description))
    }

    /// Rule S9: the same bytes for 1, 2 and 8 threads and for 3 shards merged; the lane loop
    /// with libm's exp equals the scalar loop bit for bit on the swap rows too.
    @Test("swap values: identical for 1, 2, 8 threads, for 3 merged shards, and lanes(libm) = scalar bit for bit")
    func deterministic() throws {
        let s = try Self.scenario(Self.yaml(volatility: "0.9%", paths: 2 * 1024 + 40, bandPaths: 100))
        let input = try #require(s.treasury), settings = try #require(s.simulation)
        let one = try Self.json(SimulationRun.compute(input, settings: settings, threads: 1), s)
        #expect(one.contains("\"swap_market_value\""))
        #expect(try Self.json(SimulationRun.compute(input, settings: settings, threads: 2), s) == one)
        #expect(try Self.json(SimulationRun.compute(input, settings: settings, threads: 8), s) == one)

        let job = try SimulationJob(input, settings: settings)
        let dir = try temporaryFiles([:])
        var files: [String] = []
        for k in 0..<3 {
            let blocks = SimulationPart.blocks(shard: k, of: 3, total: job.blockCount)
            let header = SimulationPart.Header(format: SimulationPart.formatVersion, scenarioHash: s.fingerprint,
                                               blockCount: job.blockCount, blockFrom: blocks.lowerBound, blockTo: blocks.upperBound,
                                               meta: job.meta, name: s.name, asOf: s.asOf?.description,
                                               unit: s.unit.rawValue, warnings: s.warnings.map(\.description))
            let file = dir.appendingPathComponent("part-\(k).bin").path
            try SimulationPart.simulate(job, header: header, threads: 2).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let (merged, h) = try SimulationPart.merge(files.reversed(), maxPaths: InputLimits().maxPaths)
        #expect(h.meta.swapMarketValue == true)
        #expect(try JSONOutput.render(simulation: merged, name: h.name, asOf: h.asOf, unit: h.unit, warnings: h.warnings) == one)

        let scalar = try KernelTests.raw(input, settings, .scalar), lanes = try KernelTests.raw(input, settings, .lanesLibm)
        let ny = scalar.meta.years.count, paths = scalar.meta.paths
        let rows = (4 * ny * paths)..<(5 * ny * paths)
        #expect(scalar.yearly[rows].map(\.bitPattern) == lanes.yearly[rows].map(\.bitPattern))
        #expect(KernelTests.bits(scalar) == KernelTests.bits(lanes))
    }

    /// Without swaps there is no extra series: 4 rows per path and year, no JSON key, and the
    /// part header is as before (no `swapMarketValue`).
    @Test("a file without swaps has no swap_market_value key and no 5th series")
    func noSwapsNoSeries() throws {
        let s = try Self.scenario(Self.yaml(volatility: "0.9%", swaps: false, paths: 64))
        let input = try #require(s.treasury), settings = try #require(s.simulation)
        let job = try SimulationJob(input, settings: settings)
        #expect(job.meta.swapMarketValue == nil && job.meta.seriesCount == 4)
        #expect(job.emptyRaw().yearly.count == 4 * 3 * 64)
        let run = try SimulationRun.compute(input, settings: settings, threads: 2)
        #expect(run.years.allSatisfy { $0.series.count == 4 })
        let text = try Self.json(run, s)
        #expect(!text.contains("swap_market_value") && text.contains("external_interest"))
        let header = try JSONEncoder().encode(job.meta)
        #expect(!String(decoding: header, as: UTF8.self).contains("swapMarketValue"))
        // With the swaps the key is there.
        let with = try Self.scenario(Self.yaml(volatility: "0.9%", paths: 64))
        let withRun = try SimulationRun.compute(try #require(with.treasury), settings: try #require(with.simulation), threads: 2)
        #expect(try Self.json(withRun, with).contains("\"swap_market_value\""))
    }
}
