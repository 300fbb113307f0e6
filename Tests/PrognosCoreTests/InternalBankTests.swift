import Foundation
import Testing
@testable import PrognosCore

@Suite("Internal bank, metrics, policy, equity ratio")
struct InternalBankTests {
    static func run(_ treasury: String, horizon: Int = 1, level: String = "4%") throws -> (TreasuryRun, [Diagnostic]) {
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: \(horizon)
        \(treasury)
        rates:
          scenarios:
            - {name: base, type: flat, level: \(level)}

        """
        let s = try #require(try load(text).value)
        let r = try ScenarioRun.compute(s)
        return (try #require(r.treasury), r.warnings)
    }

    @Test("pass-through: the borrower's share of each month's external cost, day-weighted (T9), plus N × margin × days/365")
    func passThrough() throws {
        // External: 100 mnkr at 4 % for 2024 (one 30E/360 year = 4.0, accrued over 366 days).
        // Internal: 60 to X from 2024-01-16 (16 of January's 31 days), margin 0.5 %.
        // Shares: January 60 × 16 / (100 × 31), other months 0.6; the external cost of a month
        // is 4.0 × days/366 → 4.0/366 × (9.6 + 0.6 × 335) = 2.301639 mnkr; margin 60 × 0.5 % × 351/365.
        let (t, _) = try Self.run("""
          loans:
            - {id: E1, type: fixed, notional: 100, start: 2024-01-01, maturity: 2025-01-01, rate: 4%}
          internal_bank:
            margin: 0.5%
            loans:
              - {id: I1, borrower: X, notional: 60, start: 2024-01-16, maturity: 2025-01-16}
        """)
        let y = t.scenarios[0].years[0]
        let margin = 60e6 * 0.005 * 351 / 365
        #expect(abs(y.externalInterest - 4e6) < 1e-6)
        #expect(abs(y.marginIncome - margin) < 1e-6)
        #expect(abs(y.internalIncome - (4e6 / 366 * (9.6 + 0.6 * 335) + margin)) < 1e-6)
        #expect(y.internalIncomeByBorrower.count == 1)
        #expect(abs(y.municipalityNet - (y.externalInterest - y.internalIncome)) < 1e-9)
    }

    @Test("floating and fixed internal pricing; margin income as the 'of which' (T10)")
    func floatingAndFixed() throws {
        // Floating: 100 × (4 % + 0.35 %) × 276/360 in 2024 (2024-03-31 → 12-31, Dec 31 included);
        // margin 100 × 0.35 % × 276/360. Fixed: 100 at 4.2 % all-in, margin 0.3 %, one 2024 year:
        // income 4.2, margin 0.3.
        let (t, _) = try Self.run("""
          loans:
            - {id: E1, type: fixed, notional: 300, start: 2024-01-01, maturity: 2030-01-01, rate: 3%}
          internal_bank:
            margin: 0.35%
            pricing: floating
            borrowers: [{id: tv, name: Tekniska verken}, {id: st, name: Stångåstaden}]
            loans:
              - {id: I1, borrower: tv, notional: 100, start: 2024-03-31, maturity: 2025-03-31}
              - {id: I2, borrower: st, notional: 100, start: 2024-01-01, maturity: 2025-01-01, pricing: fixed, rate: 4.2%, margin: 0.3%}
        """)
        let y = t.scenarios[0].years[0]
        #expect(t.borrowers.map(\.name) == ["Tekniska verken", "Stångåstaden"])
        #expect(abs(y.internalIncomeByBorrower[0] - 100e6 * 0.0435 * 276 / 360) < 1e-6)
        #expect(abs(y.internalIncomeByBorrower[1] - 4.2e6) < 1e-6)
        #expect(abs(y.marginIncome - (100e6 * 0.0035 * 276 / 360 + 0.3e6)) < 1e-6)
    }

    @Test("a fixed internal loan rolls over at the par rate for its tenor + its margin (T11)")
    func fixedRollover() throws {
        // 100 at 5 % from 2023-06-30 for 12 months; rolled on 2024-06-30 at the 1Y par rate
        // under flat 4 % quarterly fixings (Python: 4.117650 %) + 0.3 %. 2024 accrues
        // 181/366 of the old year's 5.0 and 185/365 of the new year's coupon (06-30 → 12-31
        // inclusive): 4.711760 mnkr.
        let (t, _) = try Self.run("""
          loans:
            - {id: E1, type: fixed, notional: 300, start: 2024-01-01, maturity: 2030-01-01, rate: 3%}
          internal_bank:
            loans:
              - {id: I1, borrower: X, notional: 100, start: 2023-06-30, maturity: 2024-06-30, pricing: fixed, rate: 5%, margin: 0.3%}
        """, horizon: 2)
        #expect(abs(t.scenarios[0].years[0].internalIncome - 4.711760482508323e6) < 1e-3)
        // With rollover: false the loan simply ends.
        let (u, _) = try Self.run("""
          loans:
            - {id: E1, type: fixed, notional: 300, start: 2024-01-01, maturity: 2030-01-01, rate: 3%}
          internal_bank:
            loans:
              - {id: I1, borrower: X, notional: 100, start: 2023-06-30, maturity: 2024-06-30, pricing: fixed, rate: 5%, rollover: false}
        """, horizon: 2)
        #expect(abs(u.scenarios[0].years[0].internalIncome - 5e6 * 181 / 366) < 1e-3)
        #expect(u.scenarios[0].years[1].internalIncome == 0)
    }

    @Test("metrics by hand, and a pay-fixed swap moving the fixing time")
    func metrics() throws {
        // At V = 2024-03-31, STIBOR 4 %:
        //   A fixed 100 at 3 %, 2023-03-31 → 2027-03-31 (green);  t(maturity) = 1095/365 = 3
        //   B floating 100 + 0.5 %, quarterly from V to 2029-03-31; next reset 2024-06-30, t = 91/365
        //   S pay-fixed 50 at 2 %, V → 2026-03-31; +50 at t = 2, −50 at its next reset (91/365)
        let (t, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2027-03-31, rate: 3%, green: true}
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
          swaps:
            - {id: S, pay: fixed, notional: 50, start: 2024-03-31, maturity: 2026-03-31, fixed_rate: 2%}
        """)
        let m = t.metrics
        #expect(m.debt == 200e6)
        // (100 × 3 % + 100 × 4.5 % + 50 × (2 % − 4 %)) / 200 = 3.25 %
        #expect(abs(m.averageRateOrZero - 0.0325) < 1e-12)
        // (100 × 3 + 100 × 91/365 + 50 × 2 − 50 × 91/365) / 200 = 2.062329 years; without the swap 1.624658.
        #expect(abs(m.fixingYears! - (300 + 100 * 91 / 365.0 + 100 - 50 * 91 / 365.0) / 200) < 1e-12)
        // (100 × 3 + 100 × 1826/365) / 200
        #expect(abs(m.maturityYears! - (300 + 100 * 1826 / 365.0) / 200) < 1e-12)
        #expect(m.shareMaturing12m == 0)
        #expect(m.shareFixing12m == 0.25)
        // A's fixing date V + 3Y is the 1-3 bucket's upper edge (T12: (lo, hi]).
        #expect(m.fixingBuckets == [0.25, 0.75, 0, 0, 0])
        #expect(m.greenShare == 0.5 && m.derivativeRatio == 0.25 && m.swapsWithinFloating == 0.5)
        // Rule T15 (calendar terms): A runs exactly 48 months, 4.0 years (ACT/365F gave 1461/365).
        #expect(m.maxSingleFixingYears == 4)
        // Without the swap the fixing period is 1.624658 years: the swap lengthens it.
        let (u, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2027-03-31, rate: 3%, green: true}
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
        """)
        #expect(abs(u.metrics.fixingYears! - (300 + 100 * 91 / 365.0) / 200) < 1e-12)
    }

    @Test("the swaps' market value at V: float leg − fixed leg for pay-fixed (T20)")
    func swapMarketValue() throws {
        // Flat 4 % continuous curve; a pay-fixed swap at 4 % has a small value (quarterly
        // simple forwards vs an annual 30E/360 fixed leg), one at 2 % is worth about
        // 2 % × annuity × N: checked against a direct sum of discounted legs.
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 1
          curve: {type: zero, points: {1Y: 4%}}
          swaps:
            - {id: S, pay: fixed, notional: 100, start: 2024-03-31, maturity: 2026-03-31, fixed_rate: 2%}

        """
        let scenario = try #require(try load(text).value)
        let t = try #require(try ScenarioRun.compute(scenario).treasury)
        func P(_ d: Day) -> Double { exp(-0.04 * Double(d.serial - Day(iso: "2024-03-31")!.serial) / 365) }
        let fixedDates = ["2024-03-31", "2025-03-31", "2026-03-31"].map { Day(iso: $0)! }
        let floatDates = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31",
                          "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"].map { Day(iso: $0)! }
        var fixedLeg = 0.0, floatLeg = 0.0
        for i in 1..<fixedDates.count { fixedLeg += 100e6 * 0.02 * 1 * P(fixedDates[i]) }
        for i in 1..<floatDates.count {
            let p = floatDates[i - 1], e = floatDates[i], f = p.addingMonths(3)
            let forward = (P(p) / P(f) - 1) * 360 / Double(f.serial - p.serial)
            floatLeg += 100e6 * forward * Double(e.serial - p.serial) / 360 * P(e)
        }
        #expect(abs(t.metrics.swapMarketValue! - (floatLeg - fixedLeg)) < 1e-3)
        #expect(t.metrics.swapMarketValue! > 3e6)
    }

    @Test("policy limits: value, limit, ok at V and each year end")
    func policy() throws {
        let (t, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2027-03-31, rate: 3%, green: true}
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
          swaps:
            - {id: S, pay: fixed, notional: 50, start: 2024-03-31, maturity: 2026-03-31, fixed_rate: 2%}
          policy:
            fixing_years: {min: 2.5, max: 5}
            share_fixing_12m: {max: 50%}
            fixing_buckets: {"0-1": [20%, 50%], "3-5": [10%, 30%]}
            swaps_within_floating: {max: 100%}
            max_single_fixing_years: {max: 10}
            green_share: {min: 40%}
        """, horizon: 2)
        let atV = t.policy.filter { $0.date == t.valuationDate }
        #expect(atV.map(\.limit.rule.key) == ["fixing_years", "max_single_fixing_years", "share_fixing_12m", "swaps_within_floating",
                                          "green_share", "fixing_buckets.0-1", "fixing_buckets.3-5"])
        let byRule = Dictionary(uniqueKeysWithValues: atV.map { ($0.limit.rule.key, $0) })
        #expect(byRule["fixing_years"]?.ok == false)           // 2.06 years < 2.5
        #expect(byRule["fixing_years"]?.limit.min == 2.5)
        #expect(byRule["share_fixing_12m"]?.ok == true)        // 25 %
        #expect(byRule["fixing_buckets.0-1"]?.ok == true)      // 25 %
        #expect(byRule["fixing_buckets.3-5"]?.ok == false)     // 0 %
        #expect(byRule["green_share"]?.value == 0.5)
        #expect(t.policy.count == 7 * 3)                       // V and two year ends
        #expect(!t.policyOK)
    }

    @Test("equity ratio before and after, with and without pension commitments (T18)")
    func equityRatio() throws {
        let (t, _) = try Self.run("""
          loans:
            - {id: E1, type: floating, notional: 15600, start: 2024-01-31, maturity: 2030-01-31}
          internal_bank:
            loans:
              - {id: I1, borrower: X, notional: 14500, start: 2024-01-31, maturity: 2030-01-31}
          balance_sheet: {equity: 21000, total_assets: 27500, pension_commitments: 3100}
        """)
        let b = try #require(t.balance)
        #expect(b.onLent == 14_500e6)
        #expect(abs(b.before - 21000.0 / 27500) < 1e-15)
        #expect(abs(b.after - 0.5) < 1e-15)                               // 21000 / 42000
        #expect(abs(b.includingPensionsBefore - 17900.0 / 27500) < 1e-15)
        #expect(abs(b.includingPensionsAfter - 17900.0 / 42000) < 1e-15)
        #expect(t.metrics.internalLending == 14_500e6)
    }

    @Test("sensitivity: fully passed through, the municipality's own net hardly moves")
    func sensitivity() throws {
        let (t, _) = try Self.run("""
          loans:
            - {id: E1, type: floating, notional: 1000, start: 2024-03-31, maturity: 2030-03-31}
          internal_bank:
            loans:
              - {id: I1, borrower: X, notional: 1000, start: 2024-03-31, maturity: 2030-03-31}
        """, horizon: 3, level: "3%")
        let s = t.sensitivity.years
        #expect(abs(s[1].group - 1000e6 * 0.01 * 365 / 360) < 1e-3)
        #expect(abs(s[1].municipality) < 1e-3)
    }

    @Test("bad input: unknown borrower id, misspelt pricing, on-lending above the debt")
    func badInput() throws {
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          loans:
            - {id: E1, type: fixed, notional: 100, start: 2024-01-01, maturity: 2030-01-01, rate: 3%}
          internal_bank:
            pricing: pass-through
            borrowers: [{id: stangastaden, name: Stångåstaden}]
            loans:
              - {id: I1, borrower: stangstaden, notional: 50, start: 2024-01-01, maturity: 2030-01-01}
              - {id: I2, borrower: stangastaden, notional: 50, start: 2024-01-01, maturity: 2030-01-01, pricing: flaoting}
        """
        let failure = try #require(try load(text).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("'pass-through' is not one of pass_through, floating, fixed (did you mean 'pass_through'?) (key 'pricing' in treasury.internal_bank)"))
        #expect(messages.contains("internal loan I1 names borrower 'stangstaden', which is not in internal_bank.borrowers (did you mean 'stangastaden'?)"))
        #expect(messages.contains("'flaoting' is not one of pass_through, floating, fixed (did you mean 'floating'?) (key 'pricing' in treasury.internal_bank.loans[I2])"))

        let (_, warnings) = try Self.run("""
          loans:
            - {id: E1, type: fixed, notional: 100, start: 2024-01-01, maturity: 2030-01-01, rate: 3%}
          internal_bank:
            loans:
              - {id: I1, borrower: X, notional: 150, start: 2024-01-01, maturity: 2030-01-01}
        """)
        #expect(warnings.contains { $0.message.hasPrefix("on-lending 150.0 mnkr at V exceeds the external debt 100.0 mnkr") })
    }
}

extension PortfolioMetrics {
    var averageRateOrZero: Double { averageRate ?? 0 }
}
