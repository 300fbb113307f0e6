import Foundation
import Testing
@testable import PrognosCore

/// What treasury reports also need (issue 19; spec treasury.md, rules T15, T22–T24):
/// policy-rate paths, metrics without derivatives, the floating share, lender and
/// counterparty shares, swap values per scenario, comparatives. Expected values are
/// derived by hand in the comments (or by QuantLib where said).
@Suite("Treasury reports: policy paths, derivatives, lenders, swap values (T15, T22–T24)")
struct TreasuryReportsTests {
    static func run(_ treasury: String, horizon: Int = 3, rates: String = "    - {name: base, type: flat, level: 3%}")
        throws -> (TreasuryRun, [Diagnostic]) {
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: \(horizon)
        \(treasury)
        rates:
          scenarios:
        \(rates)

        """
        let s = try #require(try load(text).value)
        let r = try ScenarioRun.compute(s)
        return (try #require(r.treasury), r.warnings)
    }

    @Test("T22: a policy path's fixing is the plain 3-month average of the policy rate across a decision date, plus the spread")
    func policyPathAverage() throws {
        // Policy 4.00 % until 2024-05-14, 3.75 % from 2024-05-15; spread 10 bp. The fixing on
        // 2024-04-01 averages the days 2024-04-01 … 2024-06-30 (e = 2024-07-01, 91 days):
        // 30 + 14 = 44 days at 4.00 %, 17 + 30 = 47 days at 3.75 % → (44 × 4 + 47 × 3.75) / 91 %
        // = 3.870879 %, + 0.10 % = 3.970879 %.
        let v = Day(year: 2024, month: 3, day: 31)!
        let p = PolicyPathScenario(valuationDate: v, points: [(Day(year: 2024, month: 5, day: 15)!, 0.0375)], initial: 0.04, spread: 0.001)
        let expected = (44 * 0.04 + 47 * 0.0375) / 91 + 0.001
        #expect(abs(p.fixing(Day(year: 2024, month: 4, day: 1)!) - expected) < 1e-15)
        // Wholly after the decision: 3.75 % + 0.10 %; wholly before it would be 4.10 %.
        #expect(abs(p.fixing(Day(year: 2024, month: 6, day: 1)!) - 0.0385) < 1e-15)
        #expect(abs(p.fixing(Day(year: 2024, month: 1, day: 1)!) - 0.041) < 1e-15)
    }

    @Test("T22: effective next_wednesday applies a decision from the first Wednesday after it (a Wednesday decision a week later)")
    func nextWednesday() throws {
        // 2024-05-08 is a Wednesday (2024-05-01 was one) → 2024-05-15; 2024-08-20 a Tuesday → 2024-08-21;
        // 2025-09-23 a Tuesday → 2025-09-24.
        let e = PolicyPathScenario.Effective.nextWednesday
        #expect(e.date(Day(year: 2024, month: 5, day: 8)!) == Day(year: 2024, month: 5, day: 15)!)
        #expect(e.date(Day(year: 2024, month: 8, day: 20)!) == Day(year: 2024, month: 8, day: 21)!)
        #expect(e.date(Day(year: 2025, month: 9, day: 23)!) == Day(year: 2025, month: 9, day: 24)!)
        #expect(PolicyPathScenario.Effective.asWritten.date(Day(year: 2024, month: 8, day: 20)!) == Day(year: 2024, month: 8, day: 20)!)
    }

    @Test("T22 through a file: points_file with next_wednesday drives the scenario, and its label is kept")
    func policyPathFromFile() throws {
        // Decisions 2023-09-21 (4.00 %) and 2024-05-08 (3.75 %): effective 2023-09-27 and 2024-05-15,
        // so the fixing at 2024-04-01 is the same hand value as above (spread 10 bp).
        let csv = "decision_date,policy_rate\n2023-09-21,4.00%\n2024-05-08,3.75%\n"
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 1
          loans:
            - {id: L1, type: floating, notional: 100, start: 2024-03-31, maturity: 2026-03-31, margin: 0%}
        rates:
          scenarios:
            - {name: base, type: policy_path, label: "Riksbankens bana", points_file: policy.csv, effective: next_wednesday, spread: 10bp}

        """
        let s = try #require(try load(text, extra: ["policy.csv": csv]).value)
        let def = try #require(s.rates?.scenarios.first)
        #expect(def.label == "Riksbankens bana" && def.kind == .policyPath && def.points.count == 2)
        let built = RatesInput.build(s.rates!.scenarios, curve: nil, valuationDate: s.treasury!.valuationDate,
                                     at: def.location, log: DiagnosticLog())
        let f = built[0].scenario.fixing(Day(year: 2024, month: 4, day: 1)!)
        #expect(abs(f - ((44 * 0.04 + 47 * 0.0375) / 91 + 0.001)) < 1e-15)
        let doc = ResultDocument(try ScenarioRun.compute(s))
        #expect(doc.treasury?.scenarios.first?.label?.value == "Riksbankens bana")
        #expect(doc.treasury?.scenarios.first?.display == "Riksbankens bana")
    }

    @Test("T22: a policy path starting after V without 'initial' is an error; with it the rate before the first point is 'initial'")
    func policyPathInitial() throws {
        let late = try load("""
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          loans:
            - {id: L1, type: floating, notional: 100, start: 2024-03-31, maturity: 2026-03-31}
        rates:
          scenarios:
            - {name: base, type: policy_path, points: {2024-05-15: 3.75%}}

        """)
        let s = try #require(late.value)
        #expect(throws: InputFailure.self) { _ = try ScenarioRun.compute(s) }
        do { _ = try ScenarioRun.compute(s) } catch { #expect("\(error)".contains("give 'initial'")) }
        // With initial 4 %: the fixing on 2024-04-01 is the hand value of policyPathAverage without spread.
        let v = Day(year: 2024, month: 3, day: 31)!
        let p = PolicyPathScenario(valuationDate: v, points: [(Day(year: 2024, month: 5, day: 15)!, 0.0375)], initial: 0.04, spread: 0)
        #expect(abs(p.fixing(Day(year: 2024, month: 4, day: 1)!) - (44 * 0.04 + 47 * 0.0375) / 91) < 1e-15)
        #expect(p.policyRate(v.serial) == 0.04)
    }

    @Test("metrics without derivatives and the floating share (T23) with a pay-fixed swap maturing inside the horizon")
    func floatingShare() throws {
        // A fixed 100, matures 2030 (not floating); B floating 100, quarterly from V, next reset
        // within 3 months (floating); S pay-fixed 60 from V to 2025-06-30 (moves 60 to fixed).
        // V and 2024-12-31: (100 − 60) / 200 = 0.20, without derivatives 100 / 200 = 0.50.
        // 2025-12-31 and 2026-12-31: the swap has matured → 0.50 both ways.
        let (t, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2030-03-31, rate: 3%, lender: Kommuninvest}
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%, lender: MTN}
          swaps:
            - {id: S, pay: fixed, notional: 60, start: 2024-03-31, maturity: 2025-06-30, fixed_rate: 2%, counterparty: SEB}
        """)
        let all = [t.metrics] + t.metricsYearEnd
        #expect(all.map(\.date.description) == ["2024-03-31", "2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(all.map { $0.floatingShare! } == [0.2, 0.2, 0.5, 0.5])
        #expect(all.map { $0.floatingShareExclDerivatives! } == [0.5, 0.5, 0.5, 0.5])
        // Average rate at V: with the swap (100 × 3 % + 100 × 3.5 % + 60 × (2 % − 3 %)) / 200 = 2.95 %;
        // without it (3 + 3.5) / 2 = 3.25 %.
        #expect(abs(t.metrics.averageRate! - 0.0295) < 1e-12)
        #expect(abs(t.metrics.averageRateExclDerivatives! - 0.0325) < 1e-12)
        // Fixing years at V without the swap: (100 × 2191/365 + 100 × 91/365) / 200 (A on 2030-03-31,
        // B at its reset 2024-06-30); the swap adds 60 × (456 − 91)/365 / 200 (2025-06-30 is 456 days on).
        let a: Double = 100 * 2191 / 365.0, b: Double = 100 * 91 / 365.0
        let without: Double = (a + b) / 200
        let swapPart: Double = 60 * (456 - 91) / 365.0 / 200
        #expect(abs(t.metrics.fixingYearsExclDerivatives! - without) < 1e-12)
        #expect(abs(t.metrics.fixingYears! - (without + swapPart)) < 1e-12)
        // Share fixing within 12 months: with the swap (100 − 60) / 200, without 100 / 200.
        #expect(abs(t.metrics.shareFixing12m! - 0.2) < 1e-12 && abs(t.metrics.shareFixing12mExclDerivatives! - 0.5) < 1e-12)
        #expect(t.metrics.fixingBucketsExclDerivatives == [0.5, 0, 0, 0.5, 0])
        // Lenders: half each; the one swap's counterparty holds all the swap notional.
        #expect(t.metrics.byLender.map(\.name) == ["Kommuninvest", "MTN"] && t.metrics.byLender.map(\.share) == [0.5, 0.5])
        #expect(t.metrics.byCounterparty.map(\.name) == ["SEB"] && t.metrics.byCounterparty.map(\.share) == [1])
        #expect(t.metricsYearEnd[1].byCounterparty.isEmpty)
    }

    @Test("lender shares against policy max_lender_share; a loan without a lender is 'okänd' and is no one lender")
    func lenderPolicy() throws {
        // Kommuninvest 150 of 250 = 60 % > 50 %: a breach at V; 'okänd' 100 of 250 = 40 % is not counted as a lender.
        let (t, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 150, start: 2023-03-31, maturity: 2030-03-31, rate: 3%, lender: Kommuninvest}
            - {id: B, type: fixed, notional: 100, start: 2023-03-31, maturity: 2030-03-31, rate: 3%}
          policy:
            max_lender_share: {max: 50%}
        """, horizon: 1)
        #expect(t.metrics.byLender.map(\.name) == ["Kommuninvest", "okänd"])
        #expect(abs(t.metrics.maxLenderShare! - 0.6) < 1e-12)
        let check = try #require(t.policy.first { $0.limit.rule == .maxLenderShare && $0.date == t.valuationDate })
        #expect(!check.ok && abs(check.value! - 0.6) < 1e-12)
    }

    @Test("T24: a swap's market value under +100 bp at V agrees with a hand computation and QuantLib 1.44 (915 027.85 kr)")
    func swapValueShifted() throws {
        // Pay-fixed 100 mnkr, 2024-03-31 → 2026-03-31, 3.5 % annual 30E/360, quarterly ACT/360.
        // Base flat 3 %; plus100 = base + 100 bp from V + 1 day, so the fixing at V stays 3 %.
        // Discount factors at V (rule T4): steps V + 3k months, L_0 = 3 %, L_k = 4 % after.
        // Float leg: the current period at 3 %, the later ones at the forwards (4 %); fixed leg
        // 3.5 % × (P(2025-03-31) + P(2026-03-31)) × 100 mnkr. Hand value (Python, /tmp/swapval.py
        // in the session) 915 027.849855; QuantLib 1.44 VanillaSwap on a DiscountCurve of the same
        // discount factors (at-par coupons) 915 027.849855.
        let (t, _) = try Self.run("""
          loans:
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
          swaps:
            - {id: S, pay: fixed, notional: 100, start: 2024-03-31, maturity: 2026-03-31, fixed_rate: 3.5%, counterparty: SEB}
        """, horizon: 3, rates: """
            - {name: base, type: flat, level: 3%}
            - {name: plus100, type: shift, base: base, shift: 100bp, label: "+100 punkter"}
        """)
        let up = try #require(t.swapValues["plus100"])
        #expect(up.map(\.date.description) == ["2024-03-31", "2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(abs(up[0].total - 915_027.849855) < 0.01)
        #expect(up[0].bySwap.count == 1 && up[0].bySwap[0] == up[0].total)
        // Under the flat 3 % base the swap pays 3.5 % against 3 %: −809 387.872961 (same script,
        // and in closed form 100 mnkr × (1 − P(2026-03-31)) − fixed leg).
        let base = try #require(t.swapValues["base"])
        #expect(abs(base[0].total - (-809_387.872961)) < 0.01)
        // After maturity nothing is left.
        #expect(base.last!.total == 0)
        #expect(t.scenarioLabels["plus100"] == "+100 punkter")
    }

    @Test("T15: a 10-year swap across two leap days is exactly 10.0 calendar years and passes {max: 10}")
    func calendarTerm() throws {
        // 2021-01-15 → 2031-01-15 spans 2024-02-29 and 2028-02-29: 3652 days, ACT/365F 10.0055.
        let start = Day(year: 2021, month: 1, day: 15)!, end = Day(year: 2031, month: 1, day: 15)!
        #expect(CalendarTerm.years(start, end) == 10)
        #expect(end.years(since: start) > 10)
        // 120 months to 2031-01-15, then 2031-01-15 → 2031-02-14 is 30 of the month's 31 days.
        #expect(abs(CalendarTerm.years(start, Day(year: 2031, month: 2, day: 14)!) - (120 + 30 / 31.0) / 12) < 1e-15)
        // Clamping (rule T8): 2024-01-31 ⊕ 1 = 2024-02-29 ≤ 2024-02-29 → exactly one month.
        #expect(CalendarTerm.years(Day(year: 2024, month: 1, day: 31)!, Day(year: 2024, month: 2, day: 29)!) == 1 / 12.0)
        let (t, _) = try Self.run("""
          loans:
            - {id: B, type: floating, notional: 100, start: 2024-03-31, maturity: 2029-03-31, margin: 0.5%}
          swaps:
            - {id: S, pay: fixed, notional: 50, start: 2021-01-15, maturity: 2031-01-15, fixed_rate: 2%}
          policy:
            max_single_fixing_years: {max: 10}
        """, horizon: 1)
        #expect(t.metrics.maxSingleFixingYears == 10)
        let allOK = t.policy.allSatisfy { $0.ok }
        #expect(allOK && t.policy.count == 2)
    }

    @Test("comparatives are kept as given and reach the document beside V")
    func comparatives() throws {
        let (t, _) = try Self.run("""
          loans:
            - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2030-03-31, rate: 3%}
          comparatives: {date: 2023-12-31, debt: 90, average_rate: 2.21%, fixing_years: 2.21, maturity_years: 1.77, share_maturing_12m: 26%}
        """, horizon: 1)
        let c = try #require(t.comparatives)
        #expect(c.date == Day(year: 2023, month: 12, day: 31)! && c.debt == 90e6 && c.fixingYears == 2.21 && c.maturityYears == 1.77)
        #expect(abs(c.averageRate! - 0.0221) < 1e-15 && abs(c.shareMaturing12m! - 0.26) < 1e-15)
    }

    @Test("bad input: comparatives on or after V, a lender share limit above 100 %, a counterparty on a loan, out-of-order decisions")
    func badInput() throws {
        func errors(_ treasury: String, rates: String = "    - {name: base, type: flat, level: 3%}") throws -> String {
            let r = try load("""
            prognos: 1
            unit: mnkr
            treasury:
              valuation_date: 2024-03-31
            \(treasury)
            rates:
              scenarios:
            \(rates)

            """)
            return r.failure.map { "\($0)" } ?? ""
        }
        let loan = "  loans:\n    - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2030-03-31, rate: 3%}"
        #expect(try errors(loan + "\n  comparatives: {date: 2024-03-31, debt: 90}").contains("on or after the valuation date"))
        #expect(try errors(loan + "\n  policy:\n    max_lender_share: {max: 120%}").contains("outside −100 % … 100 % (key 'max' in treasury.policy.max_lender_share)"))
        #expect(try errors(loan + "\n  policy:\n    max_lender_share: {max: -20%}").contains("within 0 % … 100 %"))
        #expect(try errors("  loans:\n    - {id: A, type: fixed, notional: 100, start: 2023-03-31, maturity: 2030-03-31, rate: 3%, counterparty: SEB}")
            .contains("'counterparty' is for swaps"))
        #expect(try errors(loan, rates: "    - {name: base, type: policy_path, initial: 4%, points: {2024-08-20: 3.5%, 2024-05-08: 3.75%}}")
            .contains("out of order"))
        #expect(try errors(loan, rates: "    - {name: base, type: policy_path, points: {2024-01-01: 4%}, spread: 0.1}")
            .contains("has no unit"))
    }
}
