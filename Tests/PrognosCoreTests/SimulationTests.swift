import Foundation
import Testing
@testable import PrognosCore

@Suite("Monte Carlo: Hull–White and Vasicek")
struct SimulationTests {
    static let v = Day(year: 2024, month: 3, day: 31)!
    static let flat3 = ZeroCurve(valuationDate: v, pillars: [(Tenor("1Y")!, 0.03)])
    static let specCurve = ZeroCurve(valuationDate: v, pillars: [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                                                  (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)],
                                     interpolation: .linearZero)

    @Test("closed-form P(t,T) matches QuantLib 1.44 (HullWhite/Vasicek.discountBond) to 1e-10")
    func closedForms() {
        // Reference values: QuantLib-Python 1.44, ql.HullWhite(FlatForward(V, 3 %, Actual365Fixed, Continuous),
        // 0.03, 0.009).discountBond(t, T, r); ql.HullWhite(ZeroCurve(linear, pillars of rates.md), 0.05, 0.01);
        // ql.Vasicek(r0 = 0.0395, a = 0.03, b = 0.025, sigma = 0.009, lambda = 0).discountBond(t, T, r).
        let hw = ShortRateModel(kind: .hullWhite, a: 0.03, sigma: 0.009, curve: Self.flat3)
        for (t, T, r, expected) in [(1.0, 5.0, 0.035, 0.8698755826356517), (2.5, 10.0, 0.01, 0.9094470754350558),
                                    (0.0, 3.0, 0.03, 0.9139311852693064), (4.0, 4.25, -0.005, 1.001209065289072)] {
            #expect(abs(hw.discountBond(t, T, shortRate: r) - expected) < 1e-10, "HW flat \(t) \(T)")
        }
        let hw2 = ShortRateModel(kind: .hullWhite, a: 0.05, sigma: 0.01, curve: Self.specCurve)
        for (t, T, r, expected) in [(1.5, 4.0, 0.03, 0.9290404350048769), (3.0, 8.0, 0.025, 0.879263817441819),
                                    (0.5, 1.7, 0.04, 0.960615249472449)] {
            #expect(abs(hw2.discountBond(t, T, shortRate: r) - expected) < 1e-10, "HW zero \(t) \(T)")
        }
        let vas = ShortRateModel(kind: .vasicek, a: 0.03, sigma: 0.009, curve: Self.flat3, longRun: 0.025, r0: 0.0395)
        for (t, T, r, expected) in [(0.0, 5.0, 0.0395, 0.8262860860329907), (1.0, 10.0, 0.02, 0.8373727598805334),
                                    (2.0, 2.5, 0.06, 0.9705738978716323)] {
            #expect(abs(vas.discountBond(t, T, shortRate: r) - expected) < 1e-10, "Vasicek \(t) \(T)")
        }
    }

    @Test("Hull–White reproduces the curve: MC mean of exp(−∫r) within 3 SE of P(0,T) at 1, 5, 10 years")
    func martingale() throws {
        // x and ∫x drawn exactly and jointly over each monthly step (their conditional Gaussian):
        //   x' = x e^{−aΔ} + ε₁,  I = x (1 − e^{−aΔ})/a + ε₂,
        //   Var ε₁ = σ²(1 − e^{−2aΔ})/(2a), Var ε₂ = σ²/a² [Δ − 2(1 − e^{−aΔ})/a + (1 − e^{−2aΔ})/(2a)],
        //   Cov = σ²/(2a²)(1 − e^{−aΔ})²;
        // ∫₀ᵀ α = −ln P(0,T) + σ²/(2a²)[T − 2(1 − e^{−aT})/a + (1 − e^{−2aT})/(2a)] analytically.
        let a = 0.03, s = 0.009
        let model = ShortRateModel(kind: .hullWhite, a: a, sigma: s, curve: Self.specCurve)
        let grid = (0...120).map { Self.v.addingMonths($0).years(since: Self.v) }
        var rng = try RandomGenerator(seed: 20240331)
        let n = 20_000
        var sums = [Double](repeating: 0, count: 3), squares = sums
        let targets = [12, 60, 120]
        for _ in 0..<n {
            var x = 0.0, integral = 0.0
            for k in 0..<120 {
                let d = grid[k + 1] - grid[k]
                let (decay, sd1) = model.step(d)
                let v2 = s * s / (a * a) * (d - 2 * (1 - exp(-a * d)) / a + (1 - exp(-2 * a * d)) / (2 * a))
                let cov = s * s / (2 * a * a) * (1 - exp(-a * d)) * (1 - exp(-a * d))
                let z1 = rng.normal(), z2 = rng.normal()
                let e1 = sd1 * z1
                let beta = sd1 > 0 ? cov / (sd1 * sd1) : 0
                let e2 = beta * e1 + (v2 - beta * cov).squareRoot() * z2
                integral += x * (1 - decay) / a + e2
                x = x * decay + e1
                if let i = targets.firstIndex(of: k + 1) {
                    let T = grid[k + 1]
                    let alphaIntegral = model.curve.minusLogDiscount(T)
                        + s * s / (2 * a * a) * (T - 2 * (1 - exp(-a * T)) / a + (1 - exp(-2 * a * T)) / (2 * a))
                    let discount = exp(-alphaIntegral - integral)
                    sums[i] += discount
                    squares[i] += discount * discount
                }
            }
        }
        for (i, k) in targets.enumerated() {
            let mean = sums[i] / Double(n)
            let se = ((squares[i] / Double(n) - mean * mean) / Double(n)).squareRoot()
            let p = model.curve.discount(grid[k])
            #expect(abs(mean - p) < 3 * se, "T = \(grid[k]): \(mean) vs \(p), SE \(se)")
        }
    }

    @Test("the model's α is consistent with the curve: α(t) − f(0,t) = σ²/(2a²)(1 − e^{−at})², P(0,T) recovered at x = 0")
    func alphaFit() {
        let m = ShortRateModel(kind: .hullWhite, a: 0.05, sigma: 0.01, curve: Self.specCurve)
        for t in [0.3, 1.7, 4.2, 9.0] {
            let e = 1 - exp(-0.05 * t)
            #expect(abs(m.alpha(t) - Self.specCurve.instantaneousForward(t) - 0.0001 / (2 * 0.0025) * e * e) < 1e-15)
            // ln P(0,T) = c(0,T) − B x(0), x(0) = 0: the model prices today's bonds off the curve.
            #expect(abs(exp(m.logBondIntercept(0, t)) - Self.specCurve.discount(t)) < 1e-14)
        }
    }

    @Test("Vasicek: mean and variance of r(T) match the closed forms within 3 standard errors")
    func vasicekMoments() throws {
        // E r(T) = r₀ e^{−aT} + b (1 − e^{−aT}),  Var r(T) = σ²(1 − e^{−2aT})/(2a).
        let a = 0.1, b = 0.03, s = 0.012, r0 = 0.0395
        let m = ShortRateModel(kind: .vasicek, a: a, sigma: s, curve: Self.flat3, longRun: b, r0: r0)
        let grid = (0...60).map { Self.v.addingMonths($0).years(since: Self.v) }
        var rng = try RandomGenerator(name: "taus2", seed: 7)
        let n = 40_000
        var values = [Double]()
        values.reserveCapacity(n)
        for _ in 0..<n {
            var x = 0.0
            for k in 0..<60 {
                let (decay, sd) = m.step(grid[k + 1] - grid[k])
                x = x * decay + sd * rng.normal()
            }
            values.append(x + m.alpha(grid[60]))
        }
        let T = grid[60]
        let mean = try #require(Statistics.mean(values)), sd = try #require(Statistics.standardDeviation(values))
        let expectedMean = r0 * exp(-a * T) + b * (1 - exp(-a * T))
        let expectedVar = s * s * (1 - exp(-2 * a * T)) / (2 * a)
        #expect(abs(mean - expectedMean) < 3 * sd / Double(n).squareRoot())
        // SE of the sample variance of a normal sample: Var × √(2/(n − 1)).
        #expect(abs(sd * sd - expectedVar) < 3 * expectedVar * (2 / Double(n - 1)).squareRoot())
    }

    static let portfolio = """
    prognos: 1
    unit: mnkr
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 3
      curve: {type: zero, points: {3M: 3.95%, 1Y: 3.60%, 2Y: 3.05%, 5Y: 2.65%, 10Y: 2.70%}}
      funding_spread: {1Y: 0.15%, 5Y: 0.35%}
      loans:
        - {id: F1, type: fixed, notional: 400, start: 2022-03-31, maturity: 2025-03-31, rate: 1.5%}
        - {id: R1, type: floating, notional: 500, start: 2023-12-31, maturity: 2028-12-31, margin: 0.3%}
        - {id: R2, type: floating, notional: 200, start: 2024-01-31, maturity: 2026-01-31, margin: 0.2%, floor: 0%}
      swaps:
        - {id: S1, pay: fixed, notional: 150, start: 2023-03-31, maturity: 2027-03-31, fixed_rate: 2.5%}
      refinancing:
        tenor_mix: [{tenor: 3Y, type: fixed, share: 60%}, {tenor: 2Y, type: floating, share: 40%}]
      internal_bank:
        margin: 0.3%
        loans:
          - {id: I1, borrower: A, notional: 600, start: 2024-01-31, maturity: 2030-01-31}
          - {id: I2, borrower: B, notional: 300, start: 2024-03-31, maturity: 2029-03-31, pricing: floating}
      interest_budget: {2024: 30, 2025: 32}
    """

    static func simulate(_ simulation: String, threads: Int = 2) throws -> ScenarioRun {
        let s = try #require(try load(portfolio + "\nsimulation: " + simulation + "\n").value)
        return try ScenarioRun.compute(s, simulation: .only, threads: threads)
    }

    /// Every schedule date of `portfolio` is a month end, so every fixing falls on the monthly
    /// grid from V = 2024-03-31 (rule S1 then reads the state on the fixing date itself).
    @Test("σ = 0: Hull–White gives the curve scenario's costs (to 0.1 %, fixings on grid dates)")
    func zeroVolatility() throws {
        let sim = try #require(try Self.simulate("{model: hull_white, mean_reversion: 3%, volatility: 0%, paths: 2}").simulation)
        let s = try #require(try load(Self.portfolio).value)
        let base = try #require(try ScenarioRun.compute(s).treasury).scenarios[0].years
        for (y, b) in zip(sim.years, base) {
            #expect(abs(y.series[0].mean / b.externalInterest - 1) < 0.001, "\(y.year) external")
            #expect(abs(y.series[1].mean / b.internalIncome - 1) < 0.001, "\(y.year) internal")
            #expect(y.series[0].sd < 1e-6 * b.externalInterest)      // a deterministic path
        }
    }

    @Test("same seed: byte-identical JSON with 1, 2 and 8 threads; another seed differs")
    func reproducible() throws {
        let settings = "{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 3000, seed: 42, band_paths: 500}"
        let one = try JSONOutput.render(try Self.simulate(settings, threads: 1))
        #expect(try JSONOutput.render(try Self.simulate(settings, threads: 2)) == one)
        #expect(try JSONOutput.render(try Self.simulate(settings, threads: 8)) == one)
        let other = try JSONOutput.render(try Self.simulate(settings.replacingOccurrences(of: "seed: 42", with: "seed: 43"), threads: 2))
        #expect(other != one)
        #expect(!one.contains("elapsed") && !one.contains("seconds"))
    }

    @Test("statistics follow the spec: GSL quantiles, CaR and ES per tail, stderr of pairs, P(over budget)")
    func statistics() throws {
        // A known sample: 1 … 100 (as pairs (1,2), (3,4) …).
        let sample = (1...100).map(Double.init)
        let cost = SeriesStatistics(sample, antithetic: true, lowTail: false, budget: 90)
        // GSL: h = 99 p → p95 = x[94] + 0.05 (x[95] − x[94]) = 95.05; p05 = 5.95.
        #expect(abs(cost.p95 - 95.05) < 1e-12 && abs(cost.p05 - 5.95) < 1e-12)
        #expect(abs(cost.car95 - (95.05 - 50.5)) < 1e-12)
        let top5: Double = 96 + 97 + 98 + 99 + 100
        #expect(cost.es95 == top5 / 5)           // outcomes ≥ p95
        #expect(cost.probOverBudget == 0.10)                            // 91 … 100
        // Pair averages 1.5, 3.5, … 99.5: sd 29.011… over √50.
        let pairs = (0..<50).map { 2.0 * Double($0) + 1.5 }
        #expect(abs(cost.stderr - Statistics.standardDeviation(pairs)! / 50.0.squareRoot()) < 1e-12)
        let income = SeriesStatistics(sample, antithetic: false, lowTail: true, budget: nil)
        #expect(abs(income.car95 - (50.5 - 5.95)) < 1e-12)              // mean − p05 (rule S10)
        #expect(income.es95 == 3)                                       // mean of 1 … 5 (≤ p05)
        #expect(income.probOverBudget == nil)
    }

    @Test("a run with the spec's settings has every statistic, budgets where given, monthly bands")
    func output() throws {
        let run = try Self.simulate("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 2048, seed: 1, band_paths: 100}")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try JSONOutput.render(run).utf8)) as? [String: Any])
        let sim = try #require(object["simulation"] as? [String: Any])
        #expect(sim["model"] as? String == "hull_white" && sim["paths"] as? Int == 2048 && sim["rng"] as? String == "mt19937")
        let years = try #require(sim["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2024, 2025, 2026])
        let ext = try #require(years[0]["external_interest"] as? [String: Any])
        #expect(Set(ext.keys) == ["mean", "sd", "stderr", "min", "max", "p01", "p05", "p10", "p25", "p50", "p75", "p90", "p95",
                                  "p99", "car95", "car99", "es95", "prob_over_budget"])
        #expect(ext["prob_over_budget"] is Double)                                      // budget for 2024
        #expect((years[2]["external_interest"] as? [String: Any])?["prob_over_budget"] is NSNull)  // none for 2026
        #expect((years[0]["internal_income"] as? [String: Any])?["prob_over_budget"] is NSNull)
        let bands = try #require(sim["bands"] as? [[String: Any]])
        #expect(bands.count == 37)                                                      // V + 36 months
        #expect(bands[0]["date"] as? String == "2024-03-31")
        let stibor = try #require(bands[12]["stibor"] as? [String: Double])
        #expect(stibor["p05"]! < stibor["p50"]! && stibor["p50"]! < stibor["p95"]!)
    }

    @Test("bad simulation input is an error; a horizon past the curve is a stated assumption")
    func badInput() throws {
        for (settings, message) in [
            ("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 0}", "paths must be positive, found 0"),
            ("{model: hull_white, mean_reversion: 3%, volatility: -0.9%}", "volatility must not be negative"),
            ("{model: hull_whit, mean_reversion: 3%, volatility: 0.9%}", "'hull_whit' is not one of hull_white, vasicek (did you mean 'hull_white'?)"),
            ("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, rng: mt19973}", "unknown GSL generator 'mt19973' (did you mean 'mt19937'?)"),
            ("{model: hull_white, mean_reversion: 0%, volatility: 0.9%}", "mean_reversion must be positive (rule S8)"),
            ("{model: hull_white, mean_reversion: 0.03, volatility: 0.9%}", "rate '0.03' has no unit"),
            ("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 1001}", "paths must be even (rule S9)"),
            ("{model: vasicek, mean_reversion: 3%, volatility: 0.9%}", "the vasicek model needs 'long_run' (b)"),
        ] {
            let failure = try #require(try load(Self.portfolio + "\nsimulation: " + settings + "\n").failure, "\(settings)")
            #expect(failure.diagnostics.contains { $0.message.contains(message) }, "\(settings): \(failure.diagnostics)")
        }
        let long = try Self.simulate("{model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 2, horizon_years: 12}")
        #expect(long.simulation?.assumptions.contains { $0.text(.en).contains("beyond the curve's last pillar") } == true)
        #expect(long.simulation?.years.count == 12)
    }

    @Test("Vasicek reports its gap to the curve at the pillars")
    func vasicekGap() throws {
        let run = try #require(try Self.simulate("{model: vasicek, mean_reversion: 10%, volatility: 1%, long_run: 3%, paths: 2}").simulation)
        #expect(run.curveGap.map(\.tenor.description) == ["3M", "1Y", "2Y", "5Y", "10Y"])
        #expect(run.r0 == 0.0395)                              // rule S8: the first pillar's zero rate
        #expect(run.curveGap.allSatisfy { $0.model > 0 && $0.curve > 0 })
    }
}
