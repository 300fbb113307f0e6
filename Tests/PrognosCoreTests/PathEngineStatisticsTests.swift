import Foundation
import Testing
@testable import PrognosCore

/// The REAL path engine (SimulationJob → PathWorker), checked against values derived by hand
/// from the model's closed forms — not against its own output (issue 14, "Tests that catch the
/// bugs a person would make"). The other simulation tests either simulate in their own loop
/// (martingale, Vasicek moments) or compare the engine with itself (thread identity).
@Suite("Path engine: statistics against closed forms")
struct PathEngineStatisticsTests {
    static let v = Day(year: 2024, month: 3, day: 31)!

    /// A floating-only portfolio: every cost is near-linear in the state x (max(floor, L) with
    /// no floor, L ≈ linear in x), the case where antithetic pairs cancel almost everything.
    static let portfolio = """
    prognos: 1
    unit: mnkr
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 3
      curve: {type: zero, interpolation: linear_zero, points: {3M: 3.95%, 1Y: 3.60%, 2Y: 3.05%, 5Y: 2.65%, 10Y: 2.70%}}
      loans:
        - {id: R1, type: floating, notional: 500, start: 2023-12-31, maturity: 2028-12-31, margin: 0.3%}
        - {id: R2, type: floating, notional: 200, start: 2024-01-31, maturity: 2029-01-31, margin: 0.2%}
      interest_budget: {2024: 20, 2025: 25}
    """

    static func scenario(_ simulation: String) throws -> Scenario {
        try #require(try load(portfolio + "\nsimulation: " + simulation + "\n").value)
    }

    /// The engine's raw per-path output (every path a band path, so STIBOR 3M of every path
    /// at every grid date is visible).
    static func raw(_ simulation: String) throws -> (SimulationRaw, Scenario) {
        let s = try scenario(simulation)
        let settings = try #require(s.simulation), treasury = try #require(s.treasury)
        let job = try SimulationJob(treasury, settings: settings)
        var raw = job.emptyRaw()
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: 2)
        return (raw, s)
    }

    /// Grid date g (V + g months), its time t and the fixing's end T = t_g ⊕ 3M in ACT/365F years
    /// (rule S2), and τ = ACT/360 of the 3M period — computed here from day serials, not the engine.
    static func times(_ g: Int) -> (t: Double, T: Double, tau: Double) {
        let d = v.addingMonths(g), e = d.addingMonths(3)
        return (Double(d.serial - v.serial) / 365, Double(e.serial - v.serial) / 365, Double(e.serial - d.serial) / 360)
    }

    // MARK: Closed forms (derived in the comments; independent of ShortRateModel's code)

    /// Hull–White, r(t) = x(t) + α(t), x ~ N(0, V), V = σ²(1 − e^{−2at})/(2a);
    /// P(t,T) = A e^{−B r}, ln A = ln(P(0,T)/P(0,t)) + B f(0,t) − σ²/(4a)(1 − e^{−2at}) B²,
    /// α(t) = f(0,t) + σ²/(2a²)(1 − e^{−at})². Then
    ///   E[ln 1/P(t,T)] = −ln A + B α = ln(P(0,t)/P(0,T)) + σ²B²(1 − e^{−2at})/(4a) + σ²B(1 − e^{−at})²/(2a²)
    ///   E[1/P(t,T)]    = exp(E[ln 1/P] + B²V/2)
    /// (f(0,t) cancels, so only the curve's discount factors enter).
    static func hullWhite(a: Double, sigma: Double, curve: ZeroCurve, t: Double, T: Double)
        -> (meanLog: Double, varLog: Double, meanInverse: Double) {
        let B = (1 - exp(-a * (T - t))) / a
        let V = sigma * sigma * (1 - exp(-2 * a * t)) / (2 * a)
        let meanLog = log(curve.discount(t) / curve.discount(T)) + sigma * sigma * B * B * (1 - exp(-2 * a * t)) / (4 * a)
            + sigma * sigma * B * (1 - exp(-a * t)) * (1 - exp(-a * t)) / (2 * a * a)
        return (meanLog, B * B * V, exp(meanLog + B * B * V / 2))
    }

    /// Vasicek (Vasicek 1977; Brigo–Mercurio eq. 3.8): P(t,T) = A e^{−B r},
    /// ln A = (b − σ²/(2a²))(B − (T − t)) − σ²B²/(4a); r(t) ~ N(b + (r₀ − b)e^{−at}, σ²(1 − e^{−2at})/(2a)).
    static func vasicek(a: Double, sigma: Double, b: Double, r0: Double, t: Double, T: Double)
        -> (meanLog: Double, varLog: Double, meanInverse: Double) {
        let B = (1 - exp(-a * (T - t))) / a
        let lnA = (b - sigma * sigma / (2 * a * a)) * (B - (T - t)) - sigma * sigma * B * B / (4 * a)
        let m = b + (r0 - b) * exp(-a * t), V = sigma * sigma * (1 - exp(-2 * a * t)) / (2 * a)
        let meanLog = -lnA + B * m
        return (meanLog, B * B * V, exp(meanLog + B * B * V / 2))
    }

    static let curve = ZeroCurve(valuationDate: v, pillars: [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                                            (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)],
                                 interpolation: .linearZero)

    /// (x[2k] + x[2k+1]) / 2: the antithetic pair averages (rule S5).
    static func pairAverages(_ sample: [Double]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(sample.count / 2)
        var k = 0
        while k + 1 < sample.count {
            let pairSum: Double = sample[k] + sample[k + 1]
            out.append(pairSum / 2)
            k += 2
        }
        return out
    }

    // MARK: Tests

    @Test("antithetic pairs: STIBOR 3M of paths 2k and 2k+1 come from opposite normals (ln(1+τL) symmetric about the closed-form mean)")
    func pairsAreMirrorImages() throws {
        // ln(1 + τ L) = ln 1/P(t, t+3M) = −c + B x is linear in x; with antithetic pairs
        // x_{2k+1} = −x_{2k} exactly, so the pair's midpoint is −c = E[ln 1/P] (closed form above)
        // for every k, while the pair's half-difference B x is not zero (σ > 0).
        let a = 0.03, sigma = 0.009
        let (raw, _) = try Self.raw("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 400, seed: 11, band_paths: 400}")
        let n = raw.meta.bandPaths
        #expect(n == 400)
        for g in [1, 6, 12, 24, 36] {
            let (t, T, tau) = Self.times(g)
            let expected = Self.hullWhite(a: a, sigma: sigma, curve: Self.curve, t: t, T: T).meanLog
            var spread = 0.0
            for k in 0..<(n / 2) {
                let l0 = raw.stibor[g * n + 2 * k], l1 = raw.stibor[g * n + 2 * k + 1]
                let y0 = log(1 + tau * l0), y1 = log(1 + tau * l1)
                #expect(abs((y0 + y1) / 2 - expected) < 1e-12, "g \(g), pair \(k): midpoint \((y0 + y1) / 2) vs \(expected)")
                spread = max(spread, abs(y0 - y1))
            }
            #expect(spread > 1e-4, "g \(g): the pairs differ (σ > 0)")
        }
    }

    @Test("Hull–White engine: mean and variance of STIBOR 3M at 6, 12, 24, 36 months match the closed forms (mean within 3 SE)")
    func hullWhiteFixingMoments() throws {
        // E[L(t)] = (E[1/P(t,T)] − 1)/τ — the futures/forward convexity of Hull–White, from the
        // closed form above; Var[ln(1 + τL)] = B²V. SE of the mean from the antithetic pair averages.
        let a = 0.05, sigma = 0.012, n = 20_000
        let (raw, _) = try Self.raw("{model: hull_white, mean_reversion: 5%, volatility: 1.2%, paths: \(n), seed: 3, band_paths: \(n)}")
        for g in [6, 12, 24, 36] {
            let (t, T, tau) = Self.times(g)
            let cf = Self.hullWhite(a: a, sigma: sigma, curve: Self.curve, t: t, T: T)
            let sample = Array(raw.stibor[(g * n)..<((g + 1) * n)])
            let pairs = Self.pairAverages(sample)
            let mean = try #require(Statistics.mean(sample))
            let se = try #require(Statistics.standardDeviation(pairs)) / Double(n / 2).squareRoot()
            let expectedMean = (cf.meanInverse - 1) / tau
            #expect(abs(mean - expectedMean) < 3 * se, "g \(g): mean \(mean) vs closed form \(expectedMean), SE \(se)")
            // The convexity term is resolved: it is many SEs away from the plain forward.
            let logs = sample.map { log(1 + tau * $0) }
            let sd = try #require(Statistics.standardDeviation(logs))
            // Pairs share |x|: n/2 independent squares; SE of a normal sample variance = Var √(2/(m − 1)).
            let tol = 3 * cf.varLog * (2.0 / Double(n / 2 - 1)).squareRoot()
            #expect(abs(sd * sd - cf.varLog) < tol, "g \(g): Var ln(1+τL) \(sd * sd) vs B²V \(cf.varLog)")
        }
    }

    @Test("Vasicek engine: pair midpoints equal E[ln 1/P] and the mean fixing matches the closed form within 3 SE")
    func vasicekFixingMoments() throws {
        // Vasicek's r(0) defaults to the first pillar's zero rate, 3.95 % (rule S8).
        let a = 0.1, sigma = 0.01, b = 0.03, r0 = 0.0395, n = 10_000
        let (raw, _) = try Self.raw("{model: vasicek, mean_reversion: 10%, volatility: 1%, long_run: 3%, paths: \(n), seed: 5, band_paths: \(n)}")
        for g in [3, 12, 30] {
            let (t, T, tau) = Self.times(g)
            let cf = Self.vasicek(a: a, sigma: sigma, b: b, r0: r0, t: t, T: T)
            let sample = Array(raw.stibor[(g * n)..<((g + 1) * n)])
            for k in stride(from: 0, to: n / 2, by: 97) {
                let mid = (log(1 + tau * sample[2 * k]) + log(1 + tau * sample[2 * k + 1])) / 2
                #expect(abs(mid - cf.meanLog) < 1e-12, "g \(g) pair \(k)")
            }
            let pairs = Self.pairAverages(sample)
            let se = try #require(Statistics.standardDeviation(pairs)) / Double(n / 2).squareRoot()
            let mean = try #require(Statistics.mean(sample))
            #expect(abs(mean - (cf.meanInverse - 1) / tau) < 3 * se, "g \(g): \(mean) vs \((cf.meanInverse - 1) / tau), SE \(se)")
        }
    }

    @Test("antithetic: the reported standard error of a near-linear cost is far below sd/√n; without pairs it is sd/√n (rule S5)")
    func antitheticStandardError() throws {
        let settings = "{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 4000, seed: 9, band_paths: 10}"
        let s = try Self.scenario(settings)
        let run = try SimulationRun.compute(try #require(s.treasury), settings: try #require(s.simulation), threads: 2)
        for year in run.years {
            let ext = year.series[0]                                   // external interest
            let naive = ext.sd / 4000.0.squareRoot()
            #expect(ext.sd > 0)
            // Floating debt: cost ≈ linear in the normals, so the pair average cancels all but
            // the convexity; the i.i.d. SE would be sd/√n (a same-sign partner gives √2 × that).
            #expect(ext.stderr < 0.2 * naive, "\(year.year): stderr \(ext.stderr) vs sd/√n \(naive)")
        }
        let plain = try Self.scenario(settings.replacingOccurrences(of: "paths: 4000", with: "paths: 4000, antithetic: false"))
        let iid = try SimulationRun.compute(try #require(plain.treasury), settings: try #require(plain.simulation), threads: 2)
        for year in iid.years {
            let ext = year.series[0]
            #expect(abs(ext.stderr - ext.sd / 4000.0.squareRoot()) < 1e-12 * max(1, ext.sd))
        }
    }

    @Test("the engine's yearly mean external cost of floating debt = Σ notional × (E[L] + margin) × τ within 3 SE")
    func meanExternalCostAgainstClosedForm() throws {
        // R1 (500, +0.3 %) and R2 (200, +0.2 %), quarterly ACT/360, fixed in advance, schedules
        // backward from maturity (rule T8): R1 31 Mar/30 Jun/30 Sep/31 Dec, R2 31 Jan/30 Apr/
        // 31 Jul/31 Oct — all month ends, so every fixing is on the monthly grid from V (rule S1).
        // Expected cost of a period = N × (E[L(t_fix)] + margin) × days/360, with E[L] the
        // Hull–White closed form above; the days counted are those inside 2025 (accrued cost).
        let a = 0.03, sigma = 0.009, n = 8000
        let s = try Self.scenario("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: \(n), seed: 21, band_paths: 10}")
        let run = try SimulationRun.compute(try #require(s.treasury), settings: try #require(s.simulation), threads: 2)
        let y2025 = try #require(run.years.first { $0.year == 2025 }).series[0]
        /// Expected interest of a quarterly floating loan in calendar 2025 from its schedule dates
        /// (each period [dates[i], dates[i+1]) fixed at its start).
        func expected(_ notional: Double, _ margin: Double, _ dates: [Day]) -> Double {
            let from = Day(year: 2025, month: 1, day: 1)!, to = Day(year: 2026, month: 1, day: 1)!
            var total = 0.0
            for (f, end) in zip(dates, dates.dropFirst()) {
                let g = (f.year - 2024) * 12 + f.month - 3                // months from V (all month ends)
                let (t, T, tau) = Self.times(g)
                let fixing = (Self.hullWhite(a: a, sigma: sigma, curve: Self.curve, t: t, T: T).meanInverse - 1) / tau
                // Days of the period [f, end) that fall in 2025.
                let lo = max(f.serial, from.serial), hi = min(end.serial, to.serial)
                if hi > lo { total += notional * (fixing + margin) * Double(hi - lo) / 360 }
            }
            return total
        }
        func d(_ s: String) -> Day { Day(iso: s)! }
        let r1 = expected(500e6, 0.003, ["2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"].map(d))
        let r2 = expected(200e6, 0.002, ["2024-10-31", "2025-01-31", "2025-04-30", "2025-07-31", "2025-10-31", "2026-01-31"].map(d))
        #expect(abs(y2025.mean - (r1 + r2)) < 3 * y2025.stderr + 1e-6 * (r1 + r2),
                "2025 mean \(y2025.mean) vs closed form \(r1 + r2), SE \(y2025.stderr)")
    }
}
