import Foundation
import Testing
@testable import PrognosCore

@Suite("Treasury: the debt-portfolio engine")
struct TreasuryTests {
    /// A scenario file with a treasury section (V = 2024-03-31) and rate scenarios.
    static func yaml(horizon: Int = 3, treasury: String, rates: String = "  scenarios:\n    - {name: base, type: flat, level: 4%}") -> String {
        """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: \(horizon)
        \(treasury)
        rates:
        \(rates)

        """
    }

    static func run(_ text: String, selected: String? = nil) throws -> (TreasuryRun, [Diagnostic]) {
        let s = try #require(try load(text).value)
        let r = try ScenarioRun.compute(s, selectedScenario: selected)
        return (try #require(r.treasury), r.warnings)
    }

    static func years(_ t: TreasuryRun, _ name: String = "base") -> [YearFigures] {
        t.scenarios.first { $0.name == name }!.years
    }

    @Test("a fixed loan's interest is accrued across two years by day overlap")
    func fixedAccrual() throws {
        // 100 mnkr at 3 %, annual 30E/360, 2024-07-01 → 2026-07-01: each period pays 3.0.
        // 2024 gets 184 of the first period's 365 days: 3.0 × 184/365 = 1.512329 mnkr;
        // 2025 gets 181/365 of the first and 184/365 of the second = 3.0; 2026 gets 181/365 × 3.0.
        let (t, warnings) = try Self.run(Self.yaml(treasury: """
          loans:
            - {id: F1, type: fixed, notional: 100, start: 2024-07-01, maturity: 2026-07-01, rate: 3%}
        """))
        let y = Self.years(t)
        #expect(abs(y[0].externalInterest - 3e6 * 184 / 365) < 1e-6)
        #expect(abs(y[1].externalInterest - 3e6) < 1e-6)
        #expect(abs(y[2].externalInterest - 3e6 * 181 / 365) < 1e-6)
        #expect(warnings.contains { $0.message.contains("runs off") })     // rule T6
    }

    @Test("a floating loan with a 0 % floor under a negative path pays the margin only")
    func floorUnderNegativeRates() throws {
        // 100 mnkr, margin 0.5 %, quarterly ACT/360, 2024-03-31 → 2025-03-31, STIBOR −0.5 %:
        // with the floor the rate is max(0, −0.5 %) + 0.5 % = 0.5 %. 2024 accrues 276 of the
        // 365 days (three whole quarters and 1 day of the last): 100 × 0.5 % × 276/360 = 0.383333;
        // 2025 the other 89 days: 0.123611. Without the floor the rate is 0.
        let rates = "  scenarios:\n    - {name: base, type: flat, level: -0.5%}"
        let (t, _) = try Self.run(Self.yaml(horizon: 2, treasury: """
          loans:
            - {id: R1, type: floating, notional: 100, start: 2024-03-31, maturity: 2025-03-31, margin: 0.5%, floor: 0%}
        """, rates: rates))
        let y = Self.years(t)
        #expect(abs(y[0].externalInterest - 100e6 * 0.005 * 276 / 360) < 1e-6)
        #expect(abs(y[1].externalInterest - 100e6 * 0.005 * 89 / 360) < 1e-6)
        let (u, _) = try Self.run(Self.yaml(horizon: 2, treasury: """
          loans:
            - {id: R1, type: floating, notional: 100, start: 2024-03-31, maturity: 2025-03-31, margin: 0.5%}
        """, rates: rates))
        #expect(abs(Self.years(u)[0].externalInterest) < 1e-6)
    }

    @Test("an amortising loan pays interest on what is outstanding; debt falls with it")
    func amortisingLoan() throws {
        // 100 mnkr at 4 %, annual, 2024-01-01 → 2027-01-01, 25 repaid on 2025-01-01 and
        // 2026-01-01: interest 4.0, 3.0, 2.0; debt at 31 December 100, 75, 50.
        let (t, _) = try Self.run(Self.yaml(treasury: """
          loans:
            - {id: A1, type: fixed, notional: 100, start: 2024-01-01, maturity: 2027-01-01, rate: 4%,
               amortization: {amount: 25, frequency: 12}}
        """))
        let y = Self.years(t)
        #expect(y.map { ($0.externalInterest / 1e6 * 1e6).rounded() / 1e6 } == [4, 3, 2])
        #expect(y.map(\.debtEnd) == [100e6, 75e6, 50e6])
        #expect(y.map(\.averageDebt) == [100e6, 75e6, 50e6])
        #expect(y.allSatisfy { abs($0.averageFundingRate! - 0.04) < 1e-12 })
        #expect(t.debtAtValuation == 100e6)
    }

    @Test("a pay-fixed swap's net: fixed leg minus float leg, each on its own schedule and day count")
    func swapNet() throws {
        // 100 mnkr, pay 2.5 % annual 30E/360, receive STIBOR 4 % quarterly ACT/360, all of 2024
        // (366 days): 2.5 − 100 × 4 % × 366/360 = 2.5 − 4.066667 = −1.566667 mnkr.
        let (t, _) = try Self.run(Self.yaml(horizon: 1, treasury: """
          swaps:
            - {id: S1, pay: fixed, notional: 100, start: 2024-01-01, maturity: 2025-01-01, fixed_rate: 2.5%}
        """))
        let y = Self.years(t)[0]
        #expect(abs(y.swapNet - (2.5e6 - 100e6 * 0.04 * 366 / 360)) < 1e-6)
        #expect(y.externalInterest == y.swapNet)
        #expect(y.averageDebt == 0 && y.averageFundingRate == nil)     // a swap is not debt
    }

    @Test("a maturity is refinanced at the par rate plus the funding spread, recursively")
    func refinancingAtPar() throws {
        // 100 mnkr at 1 % matures 2024-06-30 and is re-borrowed as 2Y fixed; that loan matures
        // 2026-06-30 ≤ V + 3Y and is re-borrowed again. Par rates under flat 4 % quarterly
        // fixings (Python, this test's comments in RatesTests.parRate): 4.117650 % on 2024-06-30
        // and 4.123261 % on 2026-06-30; + 0.25 % spread. Accrued by year in Python:
        // 2024 2.708275940252163, 2025 4.367650020060352, 2026 4.370494051601531 (mnkr).
        let (t, _) = try Self.run(Self.yaml(treasury: """
          funding_spread: {1Y: 0.25%, 10Y: 0.25%}
          loans:
            - {id: F1, type: fixed, notional: 100, start: 2023-06-30, maturity: 2024-06-30, rate: 1%}
          refinancing:
            tenor_mix: [{tenor: 2Y, type: fixed, share: 100%}]
        """))
        let y = Self.years(t)
        #expect(abs(y[0].externalInterest - 2.708275940252163e6) < 1e-3)
        #expect(abs(y[1].externalInterest - 4.367650020060352e6) < 1e-3)
        #expect(abs(y[2].externalInterest - 4.370494051601531e6) < 1e-3)
        #expect(y.map(\.debtEnd) == [100e6, 100e6, 100e6])
    }

    @Test("a 50/50 mix splits each repayment; a floating new loan pays STIBOR + the spread")
    func mixedRefinancing() throws {
        // 100 mnkr matures 2025-03-31 → 50 as 1Y floating (4 % + 0.2 %), quarterly ACT/360.
        // Its 2025 interest: 50 × 4.2 % × 276/360 (2025-03-31 → 12-31, Dec 31 included) = 1.61 mnkr,
        // and the other 50 as 5Y fixed; the old loan accrues 89/365 × 0 % = 0 (rate 0 %).
        let (t, _) = try Self.run(Self.yaml(horizon: 2, treasury: """
          funding_spread: {1Y: 0.2%, 5Y: 0.2%}
          loans:
            - {id: F1, type: fixed, notional: 100, start: 2024-03-31, maturity: 2025-03-31, rate: 0%}
          refinancing:
            tenor_mix: [{tenor: 1Y, type: floating, share: 50%}, {tenor: 5Y, type: fixed, share: 50%}]
        """))
        let y = Self.years(t)
        let par5 = FlatScenario(valuationDate: Day(year: 2024, month: 3, day: 31)!, level: 0.04)
            .parRate(at: Day(year: 2025, month: 3, day: 31)!, tenor: Tenor("5Y")!)
        // Fixed half: 50 × (par + 0.2 %) × 1 year's coupon × 276/365 of it in 2025.
        let expected = 50e6 * 0.042 * 276 / 360 + 50e6 * (par5 + 0.002) * 276 / 365
        #expect(abs(y[1].externalInterest - expected) < 1e-3)
        #expect(y[0].externalInterest == 0)
    }

    @Test("+100 bp on a fully floating 1 bn portfolio: ≈ 10 mnkr a year, exactly 1 bn × 1 % × 365/360")
    func sensitivityOneBillion() throws {
        let (t, _) = try Self.run(Self.yaml(treasury: """
          loans:
            - {id: R1, type: floating, notional: 1000, start: 2024-03-31, maturity: 2030-03-31, margin: 0.3%}
        """, rates: "  scenarios:\n    - {name: base, type: flat, level: 3%}"))
        let s = t.sensitivity.years
        #expect(s.map(\.year) == [2024, 2025, 2026])
        // 2025: every fixing shifted; 365 days of ACT/360 → 10.138889 mnkr.
        #expect(abs(s[1].group - 1000e6 * 0.01 * 365 / 360) < 1e-4)
        // 2024: the period fixed at V (03-31 → 06-30) is not shifted; 185 days are.
        #expect(abs(s[0].group - 1000e6 * 0.01 * 185 / 360) < 1e-4)
        // Rule of thumb: D × 1 pp, 2024 pro rata for the 275 days after V out of 366.
        #expect(abs(s[0].ruleOfThumb - 1000e6 * 0.01 * 275 / 366) < 1e-4)
        #expect(s[1].ruleOfThumb == 1000e6 * 0.01)
        #expect(s[1].municipality == s[1].group)
    }

    @Test("fixings before V: last_fixing for the current period, else fixing_history, else the fixing at V (T2)")
    func preValuationFixings() throws {
        // Quarterly 100 mnkr from 2024-01-31; the first period [01-31, 04-30] began before V.
        func cost(_ extra: String, _ history: String = "") throws -> Double {
            let (t, _) = try Self.run(Self.yaml(horizon: 1, treasury: """
              \(history)
              loans:
                - {id: R1, type: floating, notional: 100, start: 2024-01-31, maturity: 2024-04-30\(extra)}
            """))
            return Self.years(t)[0].externalInterest
        }
        // 90 days (01-31 → 04-30) at the fixing: 100 × L × 90/360.
        #expect(abs(try cost(", last_fixing: 4.02%") - 100e6 * 0.0402 * 90 / 360) < 1e-6)
        #expect(abs(try cost("", "fixing_history: {2024-01-02: 4.05%, 2024-02-15: 3.9%}") - 100e6 * 0.0405 * 90 / 360) < 1e-6)
        #expect(abs(try cost("") - 100e6 * 0.04 * 90 / 360) < 1e-6)     // the flat scenario's 4 % at V
    }

    @Test("--scenario runs one; an unknown name is an error with a suggestion")
    func selectScenario() throws {
        let text = Self.yaml(treasury: """
          loans:
            - {id: R1, type: floating, notional: 100, start: 2024-03-31, maturity: 2026-03-31}
        """, rates: "  scenarios:\n    - {name: base, type: flat, level: 3%}\n    - {name: plus100, type: shift, base: base, shift: 100bp}")
        let (t, _) = try Self.run(text, selected: "plus100")
        #expect(t.scenarios.map(\.name) == ["plus100"])
        #expect(t.sensitivity.base == "base")
        let s = try #require(try load(text).value)
        #expect(throws: InputFailure.self) { _ = try ScenarioRun.compute(s, selectedScenario: "plus10") }
        do { _ = try ScenarioRun.compute(s, selectedScenario: "plus10") } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("unknown scenario 'plus10' (did you mean 'plus100'?)") == true)
        }
    }

    @Test("without a rates section the base is the curve (rule T16)")
    func defaultScenario() throws {
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 1
          curve: {type: zero, points: {3M: 4%, 10Y: 4%}}
          loans:
            - {id: R1, type: floating, notional: 100, start: 2024-03-31, maturity: 2025-03-31}
        """
        let s = try #require(try load(text).value)
        let t = try #require(try ScenarioRun.compute(s).treasury)
        #expect(t.scenarios.map(\.name) == ["base"])
        let y = t.scenarios[0].years[0].externalInterest
        // Flat 4 % continuous: the fixing at d is the simple ACT/360 forward over [d, d + 3M],
        // (e^{0.04 × n/365} − 1) × 360/n with n its days, paid over the schedule's period
        // (which may be a day longer: 09-30 + 3M = 12-30, the period ends 12-31).
        func fixing(_ d: Day) -> Double {
            let n = Double(d.addingMonths(3).serial - d.serial)
            return (exp(0.04 * n / 365) - 1) * 360 / n
        }
        let dates = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"].map { Day(iso: $0)! }
        var expected = 0.0
        for i in 0..<4 {
            let days = Double(dates[i + 1].serial - dates[i].serial)
            let in2024 = Double(min(dates[i + 1].serial, Day.january1(2025).serial) - dates[i].serial)
            expected += 100e6 * fixing(dates[i]) * days / 360 * in2024 / days
        }
        #expect(abs(y - expected) < 1e-3)
    }

    @Test("new borrowing is added on its date on the tenor mix (both spellings)")
    func newBorrowing() throws {
        // 50 mnkr borrowed on 2024-06-30 as 1Y floating at STIBOR 4 % + 0.2 %: 2024 accrues
        // 185 days (06-30 → 12-31 inclusive) of ACT/360 → 50 × 4.2 % × 185/360.
        for form in ["new_borrowing: [{date: 2024-06-30, amount: 50, note: simhallen}]", "new_borrowing: {2024-06-30: 50}"] {
            let (t, _) = try Self.run(Self.yaml(horizon: 1, treasury: """
              funding_spread: {1Y: 0.2%}
              refinancing:
                tenor_mix: [{tenor: 1Y, type: floating, share: 100%}]
                \(form)
            """))
            let y = Self.years(t)[0]
            #expect(abs(y.externalInterest - 50e6 * 0.042 * 185 / 360) < 1e-6)
            #expect(y.debtEnd == 50e6)
            #expect(t.debtAtValuation == 0)
        }
        let failure = try #require(try load(Self.yaml(treasury: """
          refinancing:
            tenor_mix: [{tenor: 1Y, type: floating, share: 100%}]
            new_borrowing: {2024-01-31: 50}
        """)).failure)
        #expect(failure.diagnostics.first?.message.hasPrefix("new borrowing on 2024-01-31 is outside (V, V + H]") == true)
    }
}
