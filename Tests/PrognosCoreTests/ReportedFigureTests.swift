import Foundation
import Testing
@testable import PrognosCore

/// Reported figures that were only ever compared with other output (snapshots, round trips,
/// thread identity) or not at all: each checked here against a value derived by hand
/// (issue 14, "each reported figure needs at least one test against a value derived independently").
@Suite("Reported figures against hand-derived values")
struct ReportedFigureTests {
    @Test("ES95 is the mean of outcomes ≥ p95 (≤ p05 for income) — ties AT the quantile count (rates.md Statistics, rule S10)")
    func expectedShortfallWithTies() {
        // 1 … 94, then 95 three times, then 98, 99, 100 (n = 100). GSL quantile at h = 99 × 0.95 = 94.05:
        // x[94] = x[95] = 95 → p95 = 95 exactly. Outcomes ≥ 95: 95, 95, 95, 98, 99, 100 → mean 97
        // (strictly above would give 99).
        let cost = (1...94).map(Double.init) + [95, 95, 95, 98, 99, 100]
        let c = SeriesStatistics(cost, antithetic: false, lowTail: false, budget: nil)
        #expect(c.p95 == 95)
        #expect(c.es95 == 97)
        // Mirror image for an income series: −cost, p05 = −95, ES = mean of outcomes ≤ −95 = −97.
        let i = SeriesStatistics(cost.map { -$0 }, antithetic: false, lowTail: true, budget: nil)
        #expect(i.p05 == -95)
        #expect(i.es95 == -97)
    }

    @Test("CaR99 = p99 − mean for costs, mean − p01 for income (rule S10), on 1 … 100")
    func costAtRisk99() {
        // GSL: p99 at h = 99 × 0.99 = 98.01 → 99 + 0.01 = 99.01; p01 at 0.99 → 1 + 0.99 = 1.99; mean 50.5.
        let sample = (1...100).map(Double.init)
        let cost = SeriesStatistics(sample, antithetic: false, lowTail: false, budget: nil)
        #expect(abs(cost.p99 - 99.01) < 1e-12)
        #expect(abs(cost.car99 - 48.51) < 1e-12)
        let income = SeriesStatistics(sample, antithetic: false, lowTail: true, budget: nil)
        #expect(abs(income.p01 - 1.99) < 1e-12)
        #expect(abs(income.car99 - 48.51) < 1e-12)
        #expect(abs(cost.min - 1) < 1e-12 && abs(cost.max - 100) < 1e-12)
        // sd of 1 … 100 (n − 1 denominator): √(100 × 101 / 12) = 29.011491975882016.
        #expect(abs(cost.sd - (100.0 * 101 / 12).squareRoot()) < 1e-12)
    }

    @Test("fan-chart band: P05, P25, P50, P75, P95 of 0 … 100 are 5, 25, 50, 75, 95; NaN (no month) left out (rule S12)")
    func bandQuantiles() {
        let b = Band((0...100).map(Double.init) + [.nan, .nan])
        for (got, want) in [(b.p05, 5.0), (b.p25, 25.0), (b.p50, 50.0), (b.p75, 75.0), (b.p95, 95.0)] {
            #expect(abs(got - want) < 1e-9, "\(got) vs \(want)")
        }
    }

    @Test("rule of thumb D(V) × 1 pp: the first year pro rata for the days after V (275 of 366), then whole years (rule T17)")
    func ruleOfThumb() throws {
        // V = 2024-03-31: 1 April … 31 December = 275 days of 366.
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 3
          loans:
            - {id: E1, type: floating, notional: 1000, start: 2024-03-31, maturity: 2030-03-31}
        rates:
          scenarios:
            - {name: base, type: flat, level: 3%}

        """
        let scenario = try #require(try load(text).value)
        let t = try #require(try ScenarioRun.compute(scenario).treasury)
        let s = t.sensitivity.years
        #expect(s.map(\.year) == [2024, 2025, 2026])
        #expect(abs(s[0].ruleOfThumb - 1000e6 * 0.01 * 275 / 366) < 1e-3)
        #expect(abs(s[1].ruleOfThumb - 10e6) < 1e-3 && abs(s[2].ruleOfThumb - 10e6) < 1e-3)
    }

    @Test("simulated series of a fixed-rate book are exact at any σ: external 3.0, internal 2.4, net 0.6 mnkr, funding rate 3 %")
    func simulatedSeriesByHand() throws {
        // External: 100 at 3 %, annual 30E/360 (each period's fraction 1), start 2023-12-31 → 2027-12-31;
        // 2025 accrues 364/365 of one coupon and 1/365 of the next: 3.0. Internal: 60 to X at a
        // fixed 4 %, same dates, no margin: 2.4. Net = external − internal = 0.6; the average funding
        // rate = external ÷ average debt (100) = 3 % (rule T19). No rate enters, so every path agrees.
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 3
          curve: {type: zero, points: {1Y: 3%, 5Y: 3.5%}}
          loans:
            - {id: F, type: fixed, notional: 100, start: 2023-12-31, maturity: 2027-12-31, rate: 3%}
          internal_bank:
            loans:
              - {id: I, borrower: X, notional: 60, start: 2023-12-31, maturity: 2027-12-31, pricing: fixed, rate: 4%}
        simulation: {model: hull_white, mean_reversion: 3%, volatility: 1%, paths: 200, seed: 1, band_paths: 10}

        """
        let s = try #require(try load(text).value)
        let run = try SimulationRun.compute(try #require(s.treasury), settings: try #require(s.simulation), threads: 2)
        let y = try #require(run.years.first { $0.year == 2025 })
        #expect(SimulationRun.series == ["external_interest", "internal_income", "municipality_net", "average_funding_rate"])
        let expected = [3e6, 2.4e6, 0.6e6, 0.03]
        for (k, want) in expected.enumerated() {
            let series = y.series[k]
            #expect(abs(series.mean - want) < 1e-9 * max(1, want), "\(SimulationRun.series[k]): \(series.mean) vs \(want)")
            #expect(abs(series.max - series.min) < 1e-9 * max(1, want))
        }
        // The monthly funding-rate band (rule S7): the month's accrued external interest ÷
        // (debt × days/365). In 2025 the coupon period has 365 days, so each month accrues
        // 3.0 × days/365 on a debt of 100: exactly 3 % on every path.
        let months2025 = run.bands.filter { $0.date.year == 2025 }
        #expect(months2025.count == 12)
        for point in months2025 {
            let f = try #require(point.fundingRate, "\(point.date)")
            #expect(abs(f.p05 - 0.03) < 1e-12 && abs(f.p95 - 0.03) < 1e-12, "\(point.date): \(f)")
        }
    }
}
