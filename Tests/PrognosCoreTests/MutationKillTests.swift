import Foundation
import Testing
@testable import PrognosCore

/// Tests written to kill plausible one-line bugs that the rest of the suite let through
/// (issue 14, "Tests that catch the bugs a person would make"). Each expected value is derived
/// by hand in the comment next to it; none compares the program's output with itself.
@Suite("Mutation kills: values derived by hand")
struct MutationKillTests {
    // MARK: depreciation_start (capital.md "Capital cost per month")

    static func investments(_ body: String) throws -> InvestmentRun {
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        investments:
          internal_rate: 3%
        \(body)

        """
        let s = try #require(try load(yaml).value)
        return try #require(try ScenarioRun.compute(s).investments)
    }

    /// An IT asset of 36 mnkr (3-year life → 1 mnkr a month) taken into use on 15 June 2024,
    /// internal rate 3 % → interest 0.0025 × book value at the start of each month.
    static let midMonthIT = """
      projects:
        - {id: it, name: IT, kind: it, frame: 36, forecast_spend: 0, cost_at_activation: 36, activation: {planned: 2024-06-15}}
    """

    @Test("depreciation_start: activation_month — a 15 June activation costs from June (7 months in 2024)")
    func depreciationFromActivationMonth() throws {
        // June–December: depreciation 7 × 1 = 7; interest 0.0025 × Σ_{k=0..6} (36 − k) = 0.0025 × 231 = 0.5775.
        // 2025: depreciation 12; interest 0.0025 × Σ_{k=7..18} (36 − k) = 0.0025 × (432 − 150) = 0.705.
        // Written off after 36 months: the last month is May 2027 (5 months in 2027).
        let inv = try Self.investments("  depreciation_start: activation_month\n" + Self.midMonthIT)
        let c = try #require(inv.projects.first).comparison.forecast
        #expect(abs(c.year(0).depreciation - 7e6) < 1e-3)
        #expect(abs(c.year(0).interest - 0.5775e6) < 1e-3)
        #expect(abs(c.year(1).depreciation - 12e6) < 1e-3)
        #expect(abs(c.year(1).interest - 0.705e6) < 1e-3)
        #expect(abs(c.year(3).depreciation - 5e6) < 1e-3)
        #expect(abs(inv.years[0].depreciation + inv.years[0].interest - 7.5775e6) < 1e-3)
        // The default is activation_month (capital.md): the same figures without the key.
        let implicit = try #require(try Self.investments(Self.midMonthIT).projects.first).comparison.forecast
        #expect(abs(implicit.year(0).depreciation - 7e6) < 1e-3 && abs(implicit.year(0).interest - 0.5775e6) < 1e-3)
    }

    @Test("depreciation_start: next_month — a 15 June activation costs from July (6 months in 2024)")
    func depreciationFromNextMonth() throws {
        // July–December: depreciation 6 × 1 = 6; interest 0.0025 × Σ_{k=0..5} (36 − k) = 0.0025 × 201 = 0.5025.
        // 2025: depreciation 12; interest 0.0025 × Σ_{k=6..17} (36 − k) = 0.0025 × (432 − 138) = 0.735.
        // The last month is June 2027 (6 months in 2027); 2024 total 6.5025 (budget = forecast here).
        let inv = try Self.investments("  depreciation_start: next_month\n" + Self.midMonthIT)
        let row = try #require(inv.projects.first)
        let c = row.comparison.forecast
        #expect(abs(c.year(0).depreciation - 6e6) < 1e-3)
        #expect(abs(c.year(0).interest - 0.5025e6) < 1e-3)
        #expect(abs(c.year(1).depreciation - 12e6) < 1e-3)
        #expect(abs(c.year(1).interest - 0.735e6) < 1e-3)
        #expect(abs(c.year(3).depreciation - 6e6) < 1e-3)
        #expect(abs(row.comparison.budget.fiscalYearTotal - 6.5025e6) < 1e-3)
        #expect(abs(inv.years[0].depreciation - 6e6) < 1e-3 && abs(inv.years[0].interest - 0.5025e6) < 1e-3)
    }

    @Test("depreciation_start: next_month with a plan: spend before the activation month is the asset, costs start the month after")
    func nextMonthWithSpendPlan() throws {
        // Budget plan 120 over 12 months (10 a month), activation 1 April: cost at activation
        // = Jan–Mar = 30 (rule C1; the activation month itself is not "before"); IT, 3 years → 30/36 a month.
        // next_month: May–December = 8 months → depreciation 8 × 30/36 = 6.6667;
        // interest 0.0025 × Σ_{k=0..7} (30 − 30k/36) = 0.0025 × (240 − 30 × 28/36) = 0.0025 × 216.6667 = 0.5416667.
        // The other 90 joins on 31 December (no 2024 cost).
        let inv = try Self.investments("""
          depreciation_start: next_month
          projects:
            - {id: p, name: P, kind: it, frame: 120, spent_ytd: 30, forecast_spend: 120, budget_spend: 120, activation: {planned: 2024-04-01}}
        """)
        // The forecast plan (spent_ytd 30 over Jan–Mar, as_of March) gives the same 30 at activation.
        let c = try #require(inv.projects.first).comparison
        for costs in [c.budget, c.forecast] {
            #expect(abs(costs.year(0).depreciation - 8 * 30e6 / 36) < 1e-3)
            #expect(abs(costs.year(0).interest - 0.0025 * (240 - 30.0 * 28 / 36) * 1e6) < 1e-3)
        }
    }

    // MARK: policy limits on the limit (rules T15; treasury.md finance policy)

    @Test("a policy limit holds ON its min and max (≤, ≥) and breaks a hair beyond, at both ends")
    func policyLimitBoundaries() {
        // 0.25 and 0.75 are exact in binary; 1e-9 is far above the 1e-12 comparison slack.
        let both = PolicyLimit(rule: .greenShare, min: 0.25, max: 0.75)
        #expect(both.holds(0.25) && both.holds(0.75) && both.holds(0.5))
        #expect(!both.holds(0.25 - 1e-9) && !both.holds(0.75 + 1e-9))
        let maxOnly = PolicyLimit(rule: .fixingYears, min: nil, max: 5)
        #expect(maxOnly.holds(5) && !maxOnly.holds(5.000001) && maxOnly.holds(0))
        let minOnly = PolicyLimit(rule: .fixingYears, min: 1.5, max: nil)
        #expect(minOnly.holds(1.5) && !minOnly.holds(1.499999) && minOnly.holds(100))
        #expect(!both.holds(nil))                                   // no value breaks any limit
    }

    static func treasury(_ loans: String, policy: String) throws -> TreasuryRun {
        // unit: kr so every notional is an exact integer number of kronor.
        let yaml = """
        prognos: 1
        unit: kr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 1
          curve: {type: zero, points: {1Y: 4%}}
          loans:
        \(loans)
          swaps:
            - {id: S, pay: fixed, notional: 250000000, start: 2024-03-31, maturity: 2026-03-31, fixed_rate: 2%}
          policy:
        \(policy)

        """
        let s = try #require(try load(yaml).value)
        return try #require(try ScenarioRun.compute(s).treasury)
    }

    @Test("treasury policy: green share and derivative ratio exactly 25 % pass {min: 25%, max: 25%}; one krona more or less breaks them")
    func policyOnTheLimitEndToEnd() throws {
        // Debt 1 000 000 000 kr: green G / 10⁹ and swap 250 000 000 / 10⁹ = 0.25 exactly.
        func run(green: Int) throws -> [String: PolicyCheck] {
            let t = try Self.treasury("""
                - {id: G, type: fixed, notional: \(green), start: 2023-03-31, maturity: 2027-03-31, rate: 3%, green: true}
                - {id: F, type: floating, notional: \(1_000_000_000 - green), start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
            """, policy: """
                green_share: {min: 25%, max: 25%}
                derivative_ratio: {min: 25%, max: 25%}
                swaps_within_floating: {min: 100% , max: 100%}
            """)
            let atV = t.policy.filter { $0.date == t.valuationDate }
            return Dictionary(uniqueKeysWithValues: atV.map { ($0.limit.rule.key, $0) })
        }
        let on = try run(green: 250_000_000)
        #expect(on["green_share"]?.value == 0.25 && on["green_share"]?.ok == true)
        #expect(on["derivative_ratio"]?.value == 0.25 && on["derivative_ratio"]?.ok == true)
        // Pay-fixed swaps 250 000 000 / floating 750 000 000 = 1/3: breaks min 100 %.
        #expect(on["swaps_within_floating"]?.ok == false)
        let above = try run(green: 250_000_001)                    // 0.250000001 > max
        #expect(above["green_share"]?.ok == false && above["derivative_ratio"]?.ok == true)
        let below = try run(green: 249_999_999)                    // 0.249999999 < min
        #expect(below["green_share"]?.ok == false)
        // swaps_within_floating exactly on its max: 250 000 000 / 250 000 000 = 1.
        let hedged = try run(green: 750_000_000)
        #expect(hedged["swaps_within_floating"]?.value == 1 && hedged["swaps_within_floating"]?.ok == true)
    }

    // MARK: rounding of printed amounts (half away from zero, Format.amount)

    @Test("printed amounts round true ties half away from zero: 0.25 mnkr → 0,3; −0.25 → -0,3; 2.5 tkr → 3; 2.5 kr → 3")
    func roundingTies() {
        // All binary-exact ties at the printed digit (x.5 after scaling); half-to-even would give
        // 0,2 / -0,2 / 2 / -2 / 0 / 12 / 1 234,2.
        #expect(Format.amount(250_000, .mnkr, .sv) == "0,3")                 // 0.25 mnkr × 10 = 2.5
        #expect(Format.amount(-250_000, .mnkr, .sv) == "-0,3")
        #expect(Format.amount(1_234_250_000, .mnkr, .sv) == "1 234,3")       // 12342.5
        #expect(Format.amount(1_234_250_000, .mnkr, .en) == "1,234.3")
        #expect(Format.amount(2_500, .tkr, .sv) == "3")                      // 2.5 tkr
        #expect(Format.amount(-2_500, .tkr, .sv) == "-3")
        #expect(Format.amount(12_500, .tkr, .sv) == "13")                    // 12.5 (even would be 12)
        #expect(Format.amount(2.5, .kr, .sv) == "3")
        #expect(Format.amount(-2.5, .kr, .sv) == "-3")
        #expect(Format.amount(0.5, .kr, .sv) == "1")                         // even would be 0
        #expect(Format.amount(-0.5, .kr, .sv) == "-1")
        #expect(Format.plain(250_000, .mnkr) == "0.3")
        // Not ties: the nearest value whatever the rule.
        #expect(Format.amount(249_999, .mnkr, .sv) == "0,2" && Format.amount(2_499, .tkr, .sv) == "2")
    }
}
