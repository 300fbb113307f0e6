import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: a plan compiled for one internal-bank margin and rebound to another
/// (`PortfolioPlan.rebound(bankMargin:)`, `MarginTape`) is, bit for bit, the plan compiled for
/// that margin, for every kind of internal loan rule T10 prices; and a batch compiles once per
/// input apart from the margin.
@Suite("margin tape")
struct MarginTapeTests {
    static let internbank = BatchSpeedTests.internbank

    /// The internal-bank scenario (pass-through loans at the bank's margin), and the same with
    /// every pricing of rule T10: floating at the bank's margin and at its own, fixed with an own
    /// margin and rolled over (rule T11), pass-through at its own margin.
    static func inputs() throws -> [TreasuryInput] {
        let t = try BatchSpeedTests.treasury()
        var mixed = t
        let loans = mixed.internalBank!.loans
        try #require(loans.count >= 6)
        mixed.internalBank!.loans[0].pricing = .floating
        mixed.internalBank!.loans[1].pricing = .floating
        mixed.internalBank!.loans[1].margin = 0.002
        mixed.internalBank!.loans[2].pricing = .fixed
        mixed.internalBank!.loans[2].rate = 0.031
        mixed.internalBank!.loans[2].margin = 0.001
        mixed.internalBank!.loans[2].rollover = true
        mixed.internalBank!.loans[3].pricing = .fixed
        mixed.internalBank!.loans[3].rate = 0.027
        mixed.internalBank!.loans[4].margin = 0.0015
        return [t, mixed]
    }

    static func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    /// Rule T26's grid for V's year: 1 January, V, 1 January of the next year.
    static func partialYearGrid(_ t: TreasuryInput) -> [Int] {
        let v = t.valuationDate
        return [Day.january1(v.year).serial, v.serial, Day.january1(v.year + 1).serial]
    }

    /// Every array the margin enters, and the evaluation of the whole plan under three rate
    /// scenarios, compared bit for bit.
    static func expectSame(_ a: PortfolioPlan, _ b: PortfolioPlan, _ t: TreasuryInput) throws {
        #expect(bits(a.marginIncome) == bits(b.marginIncome))
        #expect(bits(a.passThroughMargin) == bits(b.passThroughMargin))
        #expect(bits(a.floating.margin) == bits(b.floating.margin))
        #expect(bits(a.parEvents.add) == bits(b.parEvents.add))
        var x = PortfolioEvaluator(plan: a), y = PortfolioEvaluator(plan: b)
        for shift in [0.0, 0.01, -0.005] {
            let scenario = ShiftScenario(base: CurveScenario(curve: try #require(t.curve)), shift: shift)
            x.evaluate(scenario)
            y.evaluate(scenario)
            #expect(bits(x.external) == bits(y.external))
            #expect(bits(x.internalIncome) == bits(y.internalIncome))
            #expect(x.figures.map { $0.marginIncome.bitPattern } == y.figures.map { $0.marginIncome.bitPattern })
            #expect(x.figures.map { $0.internalIncome.bitPattern } == y.figures.map { $0.internalIncome.bitPattern })
        }
    }

    @Test("a plan rebound to another margin is the plan compiled with it, bit for bit (rules T10, T11; monthly and T26's grid)")
    func reboundEqualsCompiled() throws {
        for t in try Self.inputs() {
            for grid in [nil, Self.partialYearGrid(t)] {
                let compiled = PortfolioPlan(t, monthGrid: grid)
                #expect(compiled.marginTape.readsBankMargin)
                for margin in [0.0045, 0.0, 0.0010, t.internalBank!.margin] {
                    var other = t
                    other.internalBank!.margin = margin
                    let fresh = PortfolioPlan(other, monthGrid: grid)
                    try Self.expectSame(compiled.rebound(bankMargin: margin), fresh, other)
                    // And back: the rebound plan rebound to the input's margin is the compiled one.
                    try Self.expectSame(fresh.rebound(bankMargin: t.internalBank!.margin), compiled, t)
                }
                // Not vacuous: the margin moves the margin income.
                var other = t
                other.internalBank!.margin = 0.0045
                #expect(Self.bits(PortfolioPlan(other, monthGrid: grid).marginIncome) != Self.bits(compiled.marginIncome))
            }
        }
    }

    /// The margin income as the builder added it before the tape (3d2ebe9's `addInternalBank`
    /// and `addParAccrual`, copied): each term added to its cell where the loan's walk meets it.
    /// An oracle apart from `MarginTape.sums`, so that a change in the replay's arithmetic
    /// (`f * (margin * w)`, another order) fails.
    static func directSums(_ input: TreasuryInput, _ plan: PortfolioPlan) -> (income: [Double], passThrough: [Double]) {
        let bank = input.internalBank!, monthStarts = plan.monthStarts, nm = plan.monthCount
        var income = [Double](repeating: 0, count: nm * plan.borrowers.count), pass = income
        for loan in bank.loans {
            guard let b = plan.borrowers.firstIndex(of: loan.borrower) else { continue }
            let margin = loan.margin ?? (loan.pricing == .fixed ? 0 : bank.margin)
            for term in loan.terms(valuationDate: input.valuationDate, horizonEnd: plan.horizonEnd) {
                switch loan.pricing {
                case .passThrough:
                    MonthGrid.forEachMonth(monthStarts, start: term.start, end: term.maturity) { m, _ in
                        let days = Double(min(term.maturity.serial, monthStarts[m + 1]) - max(term.start.serial, monthStarts[m]))
                        pass[b * nm + m] += loan.notional * margin * days / 365
                        income[b * nm + m] += loan.notional * margin * days / 365
                    }
                case .floating:
                    for p in Schedule.subPeriods(notional: loan.notional, start: term.start, maturity: term.maturity,
                                                 months: 3, amortizations: []) {
                        let factor = p.notional * DayCount.act360.fraction(p.start, p.end)
                        MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in income[b * nm + m] += factor * margin * w }
                    }
                case .fixed:
                    // The first term and each rollover (rule T11): annual, 30E/360.
                    for p in Schedule.subPeriods(notional: loan.notional, start: term.start, maturity: term.maturity,
                                                 months: 12, amortizations: []) {
                        let factor = p.notional * DayCount.thirty360.fraction(p.start, p.end)
                        MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in income[b * nm + m] += factor * margin * w }
                    }
                }
            }
        }
        return (income, pass)
    }

    @Test("the tape's sums are the builder's direct additions of before, bit for bit (every pricing, both grids, several margins)")
    func sumsEqualDirectAdditions() throws {
        for t in try Self.inputs() {
            for grid in [nil, Self.partialYearGrid(t)] {
                let compiled = PortfolioPlan(t, monthGrid: grid)
                for margin in [t.internalBank!.margin, 0.0045, 0.0] {
                    var other = t
                    other.internalBank!.margin = margin
                    let direct = Self.directSums(other, compiled)
                    for plan in [PortfolioPlan(other, monthGrid: grid), compiled.rebound(bankMargin: margin)] {
                        #expect(Self.bits(plan.marginIncome) == Self.bits(direct.income))
                        #expect(Self.bits(plan.passThroughMargin) == Self.bits(direct.passThrough))
                    }
                    // Not vacuous: there is margin income to compare.
                    #expect(direct.income.contains { $0 != 0 } == (margin != 0 || t.internalBank!.loans.contains { $0.margin != nil }))
                }
            }
        }
    }

    @Test("rule T10 by hand: one pass-through loan's margin income in a month is N × margin × days/365, rebound or compiled")
    func passThroughByHand() throws {
        var t = try BatchSpeedTests.treasury()
        // One loan of 100 mnkr from 2024-01-15 to 2026-01-15, pass-through at the bank's margin.
        let loan = InternalLoan(id: "R1", borrower: t.internalBank!.loans[0].borrower, notional: 100,
                                start: Day(iso: "2024-01-15")!, maturity: Day(iso: "2026-01-15")!, pricing: .passThrough,
                                rate: nil, margin: nil, rollover: false, location: nil)
        t.internalBank!.loans = [loan]
        t.internalBank!.pricing = .passThrough
        let plan = PortfolioPlan(t, monthGrid: nil).rebound(bankMargin: 0.004)
        let b = try #require(plan.borrowers.firstIndex(of: loan.borrower)), nm = plan.monthCount
        // N × margin × days/365, by hand: January 2024 (months count from 1 January of V's year)
        // 15 Jan – 1 Feb = 17 days; March 31 days; January 2026 up to the maturity on the 15th 14 days.
        func byHand(_ days: Double) -> Double { 100.0 * 0.004 * days / 365.0 }
        #expect(abs(plan.marginIncome[b * nm + 0] - byHand(17)) < 1e-15)
        #expect(abs(plan.marginIncome[b * nm + 2] - byHand(31)) < 1e-15)
        #expect(plan.passThroughMargin[b * nm + 2] == plan.marginIncome[b * nm + 2])
        #expect(abs(plan.marginIncome[b * nm + 24] - byHand(14)) < 1e-15)
        // After it, nothing.
        #expect(plan.marginIncome[b * nm + 25] == 0)
    }

    @Test("a batch compiles once per input apart from the margin, and each plan it gives is the plan compiled for its margin")
    func cacheCompilesOnce() throws {
        // A cache of its own: the shared one is filled and emptied by tests running beside this one.
        let cache = PlanCache()
        let t = try Self.inputs()[1]
        for margin in [0.001, 0.002, 0.003, 0.002] {
            var input = t
            input.internalBank!.margin = margin
            let cached = cache.plan(input)
            try Self.expectSame(cached, PortfolioPlan(input), input)
            #expect(cached.evaluations != nil)
        }
        #expect(cache.counts == (plans: 3, compiled: 1))
        // Another funding spread is another compile.
        var spread = t
        spread.fundingSpread[0].1 += 0.0001
        _ = cache.plan(spread)
        #expect(cache.counts == (plans: 4, compiled: 2))
        // Rule T26's grid: its own compile, rebound to each margin.
        let grid = Self.partialYearGrid(t)
        for margin in [0.001, 0.002] {
            var input = t
            input.internalBank!.margin = margin
            try Self.expectSame(cache.plan(input, monthGrid: grid), PortfolioPlan(input, monthGrid: grid), input)
        }
        #expect(cache.counts == (plans: 6, compiled: 3))
        // Without a bank: one compile, nothing to rebind.
        var noBank = t
        noBank.internalBank = nil
        let plain = cache.plan(noBank)
        #expect(plain.marginIncome.isEmpty && !plain.marginTape.readsBankMargin)
        #expect(Self.bits(plain.debtDays) == Self.bits(PortfolioPlan(noBank).debtDays))
        #expect(cache.counts == (plans: 7, compiled: 4))
        // Every loan at its own margin: the bank's margin is read nowhere, and a plan rebound to
        // another is the compile's numbers.
        var own = t
        for i in own.internalBank!.loans.indices where own.internalBank!.loans[i].margin == nil {
            own.internalBank!.loans[i].margin = 0.0025
        }
        #expect(!PortfolioPlan(own).marginTape.readsBankMargin)
        for margin in [0.001, 0.004] {
            var input = own
            input.internalBank!.margin = margin
            try Self.expectSame(cache.plan(input), PortfolioPlan(input), input)
        }
        #expect(cache.counts == (plans: 9, compiled: 5))
    }
}
