import Foundation
import Testing
@testable import PrognosCore

/// Rule T25 (spec treasury.md `treasury.refinancing.from_investments`, files.md
/// `treasury.borrowing_need[]`): the investments' net spend after V not covered by that
/// month's depreciation is borrowed on the tenor mix on the month's last day; the treasury and
/// the capital costs at market interest rest on that one need. Expected values by hand.
@Suite("Treasury: the borrowing need from the investment plan (T25)")
struct TreasuryBorrowingNeedTests {
    /// A two-project plan, V = as_of = 2024-03-31 (M = 3), mnkr:
    /// - P1 (equipment, not activated: work in progress, no depreciation): spent 30 by March,
    ///   forecast 120, so April–December 90 / 9 = 10 a month.
    /// - P2 (it, life 3 years): 36 spent April–December, 4 a month; income 9, 1 a month over the
    ///   nine forecast months; activated 2024-04-01 at cost 36 with the grant 9: depreciation
    ///   36 / 36 = 1 a month less the grant released 9 / 36 = 0.25, net 0.75 a month from April.
    /// - E1, an existing building, book value 120 over 10 years: 1 a month.
    /// - plan: 2025 240 (20 a month), 2026 120 (10 a month).
    /// Need per month: 2024 Apr–Dec 10 + 4 − 1 − 0.75 − 1 = 11.25 (× 9 = 101.25);
    /// 2025 20 − 1.75 = 18.25 (× 12 = 219); 2026 10 − 1.75 = 8.25 (× 12 = 99); 2027 Q1 nothing.
    static func yaml(fromInvestments: Bool, borrowing: String = "", plan: Bool = true) -> String {
        """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 3
          loans:
            - {id: F1, type: fixed, notional: 100, start: 2020-01-01, maturity: 2030-01-01, rate: 4%}
          refinancing:
            tenor_mix: [{tenor: 5Y, type: fixed, share: 100%}]
        \(fromInvestments ? "    from_investments: true\n" : "")\(borrowing)
        rates:
          scenarios:
            - {name: base, type: flat, level: 3%}
        investments:
          internal_rate: 2.5%
          interest_basis: market
          margin: 0.5%
        \(plan ? "  plan: {2025: 240, 2026: 120}\n" : "")  projects:
            - {id: P1, name: Förskola, kind: equipment, frame: 120, spent_ytd: 30, forecast_spend: 120}
            - {id: P2, name: IT-plattform, kind: it, frame: 36, forecast_spend: 36, forecast_income: 9, cost_at_activation: 36,
               activation: {planned: 2024-04-01, forecast: 2024-04-01}}
          existing_assets:
            - {id: E1, kind: building, book_value: 120, remaining_life: 10}

        """
    }

    static func run(_ text: String) throws -> ScenarioRun {
        let s = try #require(try load(text).value)
        return try ScenarioRun.compute(s)
    }

    /// The same need written out as dated new borrowing (the months' last days).
    static var explicitBorrowing: String {
        var lines = ["    new_borrowing:"]
        for m in 4...12 { lines.append("      \(Day(year: 2024, month: m, day: 1)!.addingMonths(1).addingDays(-1)): 11.25") }
        for m in 1...12 { lines.append("      \(Day(year: 2025, month: m, day: 1)!.addingMonths(1).addingDays(-1)): 18.25") }
        for m in 1...12 { lines.append("      \(Day(year: 2026, month: m, day: 1)!.addingMonths(1).addingDays(-1)): 8.25") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("T25: a two-project plan gives the hand-derived need per year, borrowed on the month's last day")
    func needPerYear() throws {
        let r = try Self.run(Self.yaml(fromInvestments: true))
        let t = try #require(r.treasury)
        let need = try #require(t.borrowingNeed)
        #expect(need.map(\.year) == [2024, 2025, 2026])
        #expect(abs(need[0].amount - 101.25e6) < 1e-3)
        #expect(abs(need[1].amount - 219e6) < 1e-3)
        #expect(abs(need[2].amount - 99e6) < 1e-3)
        let monthly = try #require(r.scenario.treasury?.borrowingNeed)
        #expect(monthly.first?.0 == Day(year: 2024, month: 4, day: 30)! && monthly.count == 9 + 12 + 12)
        // The debt grows by the need: F1's 100 plus 101.25, 320.25, 419.25 (no new loan matures inside the horizon).
        let base = try #require(t.scenarios.first?.years)
        #expect(abs(base[0].debtEnd - 201.25e6) < 1e-3)
        #expect(abs(base[1].debtEnd - 420.25e6) < 1e-3)
        #expect(abs(base[2].debtEnd - 519.25e6) < 1e-3)
        // JSON and the table beside the investments.
        let doc = ResultDocument(r)
        #expect(doc.treasury?.borrowingNeed?.value.map(\.year) == [2024, 2025, 2026])
        let text = TableOutput.render(doc, lang: .sv)
        #expect(text.contains("Lånebehov från investeringarna"))
        #expect(text.contains("219,0") && text.contains("99,0"))     // 2025 and 2026, one decimal (mnkr)
    }

    @Test("T25: the treasury and the capital costs at market interest use the same need as the same borrowing written by hand")
    func treasuryAndCapitalCostsAgree() throws {
        let derived = try Self.run(Self.yaml(fromInvestments: true))
        let written = try Self.run(Self.yaml(fromInvestments: false, borrowing: Self.explicitBorrowing))
        let none = try Self.run(Self.yaml(fromInvestments: false))
        let a = try #require(derived.treasury), b = try #require(written.treasury), c = try #require(none.treasury)
        for (x, y) in zip(a.scenarios[0].years, b.scenarios[0].years) {
            #expect(abs(x.externalInterest - y.externalInterest) < 1e-3)
            #expect(abs(x.debtEnd - y.debtEnd) < 1e-3)
        }
        #expect(a.monthlyFundingRate.count == b.monthlyFundingRate.count)
        #expect(zip(a.monthlyFundingRate, b.monthlyFundingRate).allSatisfy { abs($0 - $1) < 1e-12 })
        let ca = try #require(ResultDocument(derived).capitalCosts), cb = try #require(ResultDocument(written).capitalCosts)
        #expect(ca == cb)
        // Without the need the funding rate (and so the market capital cost) differs: new loans at ≈ 3 % par
        // pull the 4 % average down.
        #expect(a.monthlyFundingRate[11] < c.monthlyFundingRate[11] - 1e-4)
        #expect(ResultDocument(none).capitalCosts != ca)
    }

    @Test("T25: plan years must lie after the fiscal year and within the capital costs' five years")
    func planYears() throws {
        let bad = Self.yaml(fromInvestments: true).replacingOccurrences(of: "plan: {2025: 240, 2026: 120}", with: "plan: {2024: 240, 2029: 1}")
        let failure = try #require(try load(bad).failure)
        #expect(failure.diagnostics.contains { $0.message.hasPrefix("plan year 2024 must lie after the fiscal year 2024") })
        #expect(failure.diagnostics.contains { $0.message.hasPrefix("plan year 2029 must lie after the fiscal year 2024 and by 2028") })
    }
}
