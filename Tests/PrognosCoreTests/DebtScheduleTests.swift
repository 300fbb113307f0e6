import Foundation
import Testing
@testable import PrognosCore

/// `PortfolioPlan.schedule(_:)`, the instruments without the rest of the plan (issue 20: the
/// frontier's policy check, rule P2, compiles one per mix). The oracle is the full plan: the
/// metrics from either must be the same numbers, bit for bit, at V and every 31 December.
@Suite("debt schedule for the policy check")
struct DebtScheduleTests {
    /// Every number of a metrics record a policy limit or the report could read.
    static func numbers(_ m: PortfolioMetrics) -> [Double?] {
        var out: [Double?] = [m.debt, m.averageRate, m.fixingYears, m.maturityYears, m.shareMaturing12m, m.shareFixing12m,
                              m.greenShare, m.derivativeRatio, m.swapsWithinFloating, m.maxSingleFixingYears, m.internalLending,
                              m.floatingShare, m.maxLenderShare, m.maxCounterpartyShare]
        out += m.fixingBuckets.map { $0 } + m.internalLendingByBorrower.map { $0 } + m.byLender.map(\.share) + m.byCounterparty.map(\.share)
        return out
    }

    static func same(_ a: [Double?], _ b: [Double?]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return x.bitPattern == y.bitPattern
            default: return false
            }
        }
    }

    static let mixes: [[TenorMixEntry]?] = [
        nil,   // the file's own
        [TenorMixEntry(tenor: Tenor("1Y")!, kind: .fixed, share: 1)],
        [TenorMixEntry(tenor: Tenor("3M")!, kind: .floating, share: 0.5), TenorMixEntry(tenor: Tenor("5Y")!, kind: .fixed, share: 0.5)],
        [TenorMixEntry(tenor: Tenor("10Y")!, kind: .fixed, share: 0.3), TenorMixEntry(tenor: Tenor("2Y")!, kind: .fixed, share: 0.3),
         TenorMixEntry(tenor: Tenor("2Y")!, kind: .floating, share: 0.4)],
    ]

    /// A fixed internal loan that rolls over inside the horizon (rule T11) adds a par event the
    /// full plan has and the schedule has not; the external loans' events come first in both.
    static let rollover = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 4
          curve: {type: zero, points: {3M: 3.9%, 1Y: 3.6%, 2Y: 3.1%, 5Y: 2.7%, 10Y: 2.8%}}
          funding_spread: {1Y: 0.15%, 3Y: 0.25%, 5Y: 0.35%}
          loans:
            - {id: L1, type: fixed, notional: 400, start: 2021-06-30, maturity: 2024-06-30, rate: 1.2%, lender: SEB}
            - {id: L2, type: floating, notional: 200, start: 2023-02-10, maturity: 2026-02-10, margin: 0.3%, last_fixing: 4.02%}
          refinancing:
            tenor_mix: [{tenor: 3Y, type: fixed, share: 60%}, {tenor: 3M, type: floating, share: 40%}]
          internal_bank:
            margin: 0.3%
            loans:
              - {id: I1, borrower: bolaget, notional: 300, start: 2023-06-30, maturity: 2024-06-30, pricing: fixed, rate: 5%}
              - {id: I2, borrower: bolaget, notional: 100, start: 2024-01-01, maturity: 2030-01-01}
        """

    @Test("the schedule's metrics equal the full plan's on the shipped treasury scenarios and a rollover, for four mixes",
          arguments: ["linkoping-internbank-2024.yaml", "frontier-2024.yaml", "portfolio-2024.yaml", "treasury-2024.yaml", "rollover"])
    func sameMetrics(file: String) throws {
        let path: String
        if file == "rollover" {
            path = try temporaryFiles(["r.yaml": Self.rollover]).appendingPathComponent("r.yaml").path
        } else {
            path = repositoryRoot.appendingPathComponent("Scenarios/\(file)").path
        }
        let scenario = try Scenario.load(path: path)
        let input = try #require(scenario.treasury)
        let base = try #require(FrontierPolicy(input, rates: scenario.rates)).base
        for mix in Self.mixes {
            var treasury = input
            if let mix { treasury.tenorMix = mix }
            let plan = PortfolioPlan(treasury)
            let schedule = PortfolioPlan.schedule(treasury)
            #expect(schedule.years == plan.years)
            #expect(schedule.horizonEnd == plan.horizonEnd)
            #expect(schedule.borrowers == plan.borrowers)
            #expect(schedule.parEventCount <= plan.parEventCount)
            if file == "rollover" { #expect(schedule.parEventCount < plan.parEventCount) }
            // The instruments field by field (every field but the swaps' and debts' numbers
            // that the metrics recompute anyway).
            #expect(schedule.debts.count == plan.debts.count)
            for (a, b) in zip(schedule.debts, plan.debts) {
                #expect(a.kind == b.kind && a.start == b.start && a.maturity == b.maturity && a.notional == b.notional)
                #expect(a.parEvent == b.parEvent && a.rate == b.rate && a.margin == b.margin && a.floor == b.floor)
                #expect(a.lastFixing == b.lastFixing && a.green == b.green && a.resetDates == b.resetDates)
                #expect(a.repayments.map(\.0) == b.repayments.map(\.0) && a.repayments.map(\.1) == b.repayments.map(\.1))
            }
            #expect(schedule.debts.allSatisfy { $0.parEvent.map { $0 < schedule.parEventCount } ?? true })
            #expect(schedule.swaps.count == plan.swaps.count)
            for (a, b) in zip(schedule.swaps, plan.swaps) {
                #expect(a.pay == b.pay && a.start == b.start && a.maturity == b.maturity && a.notional == b.notional)
                #expect(a.fixedRate == b.fixedRate && a.floatDates == b.floatDates && a.fixedDates == b.fixedDates && a.lastFixing == b.lastFixing)
            }
            // Par rates of 0 and a distinct rate per event (1 %, 1.01 %, …): a new loan that
            // pointed at another event would change the average rate.
            for step in [0.0, 0.0001] {
                let full = MetricsPortfolio(treasury, plan: plan, parRates: (0..<plan.parEventCount).map { step == 0 ? 0 : 0.01 + step * Double($0) })
                let fast = MetricsPortfolio(treasury, schedule: schedule, parRates: (0..<schedule.parEventCount).map { step == 0 ? 0 : 0.01 + step * Double($0) })
                for day in [treasury.valuationDate] + plan.years.map({ Day(year: $0, month: 12, day: 31)! }) {
                    let a = Self.numbers(full.metrics(at: day, base, curve: nil)), b = Self.numbers(fast.metrics(at: day, base, curve: nil))
                    #expect(Self.same(a, b), "\(file) \(day) mix \(String(describing: mix?.map(\.share))): \(a) vs \(b)")
                    #expect(a.compactMap { $0 }.count > 5)
                }
            }
        }
    }
}
