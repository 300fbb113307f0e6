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

    @Test("the schedule's metrics equal the full plan's on the shipped treasury scenarios, for four mixes",
          arguments: ["linkoping-internbank-2024.yaml", "frontier-2024.yaml", "portfolio-2024.yaml", "treasury-2024.yaml"])
    func sameMetrics(file: String) throws {
        let scenario = try Scenario.load(path: repositoryRoot.appendingPathComponent("Scenarios/\(file)").path)
        let input = try #require(scenario.treasury)
        let base = try #require(FrontierPolicy(input, rates: scenario.rates)).base
        for mix in Self.mixes {
            var treasury = input
            if let mix { treasury.tenorMix = mix }
            let plan = PortfolioPlan(treasury)
            let schedule = PortfolioPlan.schedule(treasury)
            #expect(schedule.years == plan.years)
            #expect(schedule.debts.count == plan.debts.count)
            #expect(schedule.swaps.count == plan.swaps.count)
            #expect(schedule.parEventCount <= plan.parEventCount)
            #expect(schedule.debts.allSatisfy { $0.parEvent.map { $0 < schedule.parEventCount } ?? true })
            // Par rates of 1 % and 0 %: the new fixed loans' rates enter the average rate.
            for rate in [0.0, 0.01] {
                let full = MetricsPortfolio(treasury, plan: plan, parRates: Array(repeating: rate, count: plan.parEventCount))
                let fast = MetricsPortfolio(treasury, schedule: schedule, parRates: Array(repeating: rate, count: schedule.parEventCount))
                for day in [treasury.valuationDate] + plan.years.map({ Day(year: $0, month: 12, day: 31)! }) {
                    let a = Self.numbers(full.metrics(at: day, base, curve: nil)), b = Self.numbers(fast.metrics(at: day, base, curve: nil))
                    #expect(Self.same(a, b), "\(file) \(day) mix \(String(describing: mix?.map(\.share))): \(a) vs \(b)")
                    #expect(a.compactMap { $0 }.count > 5)
                }
            }
        }
    }
}
