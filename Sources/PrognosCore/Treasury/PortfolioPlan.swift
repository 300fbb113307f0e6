/// The portfolio compiled once into flat arrays (structure of arrays), so that a rate
/// scenario — deterministic now, a Monte Carlo path later — is evaluated by one pass
/// over numbers, without walking instrument objects or allocating.
///
/// Everything that does not depend on rates is computed here, on a monthly grid from
/// 1 January of V's year: schedules, sub-periods split at amortisations, day-count
/// fractions, the share of each period accrued to each month (by day overlap,
/// treasury.md "Accrual per calendar year"), fixed-rate interest, the debt path, the
/// refinancing tree (its amounts and dates do not depend on rates; only the new loans'
/// rates do), and the internal bank's loans and pass-through shares. A scenario then
/// supplies fixings and par rates (`PortfolioEvaluator`).
public struct PortfolioPlan: Sendable {
    public let valuationDate: Day
    /// V + H years: repayments up to this date are refinanced (rule T6).
    public let horizonEnd: Day
    /// Output years V.year … V.year + H − 1 (rule T1).
    public let years: [Int]
    /// 1 January of V's year + k months, k = 0 … 12H.
    public let monthStarts: [Int]
    public var monthCount: Int { monthStarts.count - 1 }

    /// Borrower ids of the internal bank, the order of every per-borrower array.
    public let borrowers: [String]

    /// Scenario-independent interest per month: existing fixed loans; swaps' fixed legs
    /// (pay-fixed +, receive-fixed −); internal fixed loans per borrower (b × months).
    let fixedLoanInterest: [Double]
    let swapFixedLegs: [Double]
    let internalFixed: [Double]
    /// Margin income per borrower and month that does not depend on rates (all of it:
    /// pass-through, floating and fixed margins, rule T10).
    private(set) var marginIncome: [Double]
    /// Pass-through: Σ N_i × days per borrower and month, and the margin part
    /// N_i × margin × days/365 (already in `marginIncome`).
    let passThroughDays: [Double]
    private(set) var passThroughMargin: [Double]
    /// How the bank's margin entered the plan (`rebound(bankMargin:)`).
    let marginTape: MarginTape
    /// External debt × days per month (the denominator of pass-through shares, rule T9).
    public let debtDays: [Double]
    /// Day-weighted average external debt per year (rule T19) and at 31 December.
    public let averageDebt: [Double]
    public let debtEnd: [Double]
    /// D: external debt outstanding at V; on-lent notional outstanding at V.
    public let debtAtValuation: Double
    public let onLentAtValuation: Double

    private(set) var floating: FloatingPeriods
    let parEvents: ParEvents
    /// The refinancing tree's new loans (merged by date and mix entry).
    public let newLoans: [NewLoan]
    /// The external instruments with their schedules, resolved in the same walk as the
    /// arrays, for the risk metrics: the loans in input order, then the refinancing
    /// tree's new loans; the swaps.
    let debts: [ScheduledDebt]
    let swaps: [ScheduledSwap]
    /// Rule T2, for every period that fixed before V (the plan's and the metrics').
    let preValuation: PreValuationFixings

    /// Facts for `treasury.assumptions`.
    public let notes: [Message]
    public let refinancedAmount: Double
    public var parEventCount: Int { parEvents.tenor.count }

    /// `monthGrid` (day serials of the accrual periods' bounds) replaces the calendar months;
    /// with it the plan has no output years (rule T26's split of V's year uses it).
    public init(_ input: TreasuryInput, monthGrid: [Int]? = nil) {
        var b = PlanBuilder(input, monthGrid: monthGrid)
        b.build(input)
        valuationDate = input.valuationDate
        horizonEnd = b.horizonEnd
        years = b.years
        monthStarts = b.monthStarts
        borrowers = b.borrowers
        fixedLoanInterest = b.fixedLoanInterest
        swapFixedLegs = b.swapFixedLegs
        internalFixed = b.internalFixed
        marginIncome = b.marginIncome
        passThroughDays = b.passThroughDays
        passThroughMargin = b.passThroughMargin
        marginTape = b.marginTape
        debtDays = b.debtDays
        averageDebt = b.averageDebt
        debtEnd = b.debtEnd
        debtAtValuation = b.debtAtValuation
        onLentAtValuation = b.onLentAtValuation
        floating = b.floating
        parEvents = b.parEvents
        newLoans = b.newLoans
        debts = b.debts
        swaps = b.swaps
        preValuation = b.preValuation
        notes = b.notes
        refinancedAmount = b.refinancedAmount
        preValuationFallbacks = b.preValuationFallbacks
    }
    /// Floating periods fixed before V without a known fixing (rule T2), using the fixing at V.
    public let preValuationFallbacks: Int
    /// Set by `PlanCache` while a batch runs: the evaluations of this plan, by fixings.
    var evaluations: EvaluationCache? = nil

    /// The plan of the same input with the internal bank's margin `bankMargin` (rule T10): the
    /// bits of `PortfolioPlan(input, monthGrid:)` with that margin, without walking the
    /// schedules again (`MarginTape`). Nothing else in a plan reads the bank's margin. The
    /// result has no evaluations (they read the margin).
    func rebound(bankMargin: Double) -> PortfolioPlan {
        var plan = self
        plan.evaluations = nil
        guard marginTape.readsBankMargin else { return plan }
        (plan.marginIncome, plan.passThroughMargin) = marginTape.sums(bankMargin: bankMargin, monthStarts: monthStarts,
                                                                      borrowers: borrowers.count)
        for i in marginTape.floatingIndices { plan.floating.margin[i] = bankMargin }
        return plan
    }
}

/// What the risk metrics read of a plan (`MetricsPortfolio`): the external instruments with
/// their schedules (the loans in input order, then the refinancing tree's new loans; the
/// swaps), rule T2's fixings before V, the borrowers, the horizon and the output years.
struct DebtSchedule: Sendable {
    let preValuation: PreValuationFixings
    let borrowers: [String]
    let debts: [ScheduledDebt]
    let swaps: [ScheduledSwap]
    let horizonEnd: Day
    let years: [Int]
    /// At least one more than every par event a debt refers to (`ScheduledDebt.parEvent`).
    let parEventCount: Int
}

extension PortfolioPlan {
    /// The plan's instruments and schedules, as the metrics read them.
    var schedule: DebtSchedule {
        DebtSchedule(preValuation: preValuation, borrowers: borrowers, debts: debts, swaps: swaps, horizonEnd: horizonEnd,
                     years: years, parEventCount: parEventCount)
    }

    /// `PortfolioPlan(input).schedule` without the rest of the plan (issue 20: the frontier's
    /// policy check of rule P2 compiles one per mix, and the accruals, the debt path, the
    /// floating periods and the internal bank were four fifths of that work): the same walk
    /// of the loans, swaps and refinancing tree, so the same debts, swaps and par event
    /// numbers of the external loans; the internal bank's rollovers add no par event here
    /// (no debt refers to them). `DebtScheduleTests` compares every metric with the full plan's.
    static func schedule(_ input: TreasuryInput) -> DebtSchedule {
        var b = PlanBuilder(input, monthGrid: nil, scheduleOnly: true)
        b.build(input)
        return DebtSchedule(preValuation: b.preValuation, borrowers: b.borrowers, debts: b.debts, swaps: b.swaps,
                            horizonEnd: b.horizonEnd, years: b.years, parEventCount: b.parEvents.tenor.count)
    }
}

/// A loan of the refinancing tree: `share` of the amounts due on `start`.
public struct NewLoan: Sendable {
    public var start: Day
    public var maturity: Day
    public var kind: Loan.Kind
    public var tenor: Tenor
    public var notional: Double
    public var spread: Double
    /// For a fixed loan, its par event (the rate is par + spread under the scenario).
    public var parEvent: Int?
}

/// Rule T2: the fixing of a floating period that fixed before V. The instrument's
/// `last_fixing` for its period running over V; otherwise `treasury.fixing_history` (a step
/// function: the last fixing on or before the date, the first one before it); otherwise
/// nil: the scenario's fixing at V (stated in the assumptions).
struct PreValuationFixings: Sendable {
    let valuationDate: Day
    let history: [(Day, Double)]

    /// For a period fixed on `fixing` (< V) and ending on `periodEnd`.
    func fixing(fixedOn fixing: Day, periodEnd: Day, lastFixing: Double?) -> Double? {
        if fixing <= valuationDate && valuationDate < periodEnd, let lastFixing { return lastFixing }
        if let first = history.first { return (history.last { $0.0 <= fixing } ?? first).1 }
        return nil
    }
}

/// An external loan with its schedule resolved (rule T8): an existing loan or a new loan of
/// the refinancing tree.
struct ScheduledDebt: Sendable {
    var kind: Loan.Kind
    var start: Day, maturity: Day
    var notional: Double
    /// Amortisations and the final repayment.
    var repayments: [(Day, Double)]
    /// Interest-period starts (floating), with the maturity last.
    var resetDates: [Day]
    /// Fixed: the all-in rate (0 for a new loan, priced at its par event).
    var rate: Double
    /// A new fixed loan's par event (its rate is par + spread under the scenario).
    var parEvent: Int?
    var margin: Double, floor: Double?
    var lastFixing: Double?
    var green: Bool
}

/// A swap with its float and fixed schedules resolved (rule T8).
struct ScheduledSwap: Sendable {
    var pay: Swap.Pay
    var start: Day, maturity: Day
    var notional: Double, fixedRate: Double
    var floatDates: [Day], fixedDates: [Day]
    var lastFixing: Double?
}

/// Where a period's interest goes.
enum Target {
    static let externalLoan: Int32 = -1
    static let swap: Int32 = -2
    // b ≥ 0: internal income of borrower b.
}

/// Floating sub-periods as parallel arrays: interest = factor × (max(floor, L) + margin),
/// accrued over `monthCount` months from `monthFirst` with `weights[weightStart…]`.
struct FloatingPeriods: Sendable {
    /// Fixing date serial (≥ V), or −1 when `fixed` holds the fixing (rule T2).
    var fixDay: [Int] = []
    /// Index into `slotDays` (the distinct fixing dates), or −1: a scenario fixes each date once.
    var fixSlot: [Int32] = []
    var slotDays: [Int] = []
    var fixed: [Double] = []
    var floor: [Double] = []          // −∞ when there is none
    var margin: [Double] = []
    var factor: [Double] = []         // signed N × dcf
    var target: [Int32] = []
    var monthFirst: [Int32] = []
    var monthCount: [Int32] = []
    var weightStart: [Int32] = []
    var weights: [Double] = []
}

/// Loans priced at a par rate on a date under the scenario: new fixed loans of the
/// refinancing tree (merged by date and tenor) and rolled-over fixed internal loans.
/// Interest in month m = (par(date, tenor) + add) × accrual[event × months + m].
struct ParEvents: Sendable {
    var dates: [Day] = []             // distinct dates, in order of first use
    var maxTenorMonths: [Int] = []
    var dateIndex: [Int] = []
    var tenor: [Tenor] = []
    var add: [Double] = []            // funding spread, or the internal loan's margin
    var target: [Int32] = []
    var accrual: [Double] = []
    /// Rule T4's step dates from each date (`stepStart[di]` … `stepStart[di+1]`), and each
    /// event's annual payment dates with their 30E/360 fractions (rule T5), precomputed.
    var stepStart: [Int] = []
    var stepDays: [Int] = []
    /// Each step date's slot in `FloatingPeriods.slotDays` (fixings are computed once per slot).
    var stepSlot: [Int32] = []
    var payStart: [Int] = []
    var payDays: [Int] = []
    var payFractions: [Double] = []
    /// Whether the event accrues anything on the plan's grid (a nonzero `accrual`); and which
    /// fixing slots a floating period or the steps of an accruing event's date read. An
    /// evaluation that needs no par rate but what accrues (rule T26's split of V's year, on a
    /// grid of two periods) skips the rest (`PortfolioEvaluator.evaluate(_:accruingOnly:)`).
    var accrues: [Bool] = []
    var slotRead: [Bool] = []
}

/// Builds a `PortfolioPlan`; all the schedule walking happens here, once.
private struct PlanBuilder {
    let v: Day
    let horizonEnd: Day
    let years: [Int]
    let monthStarts: [Int]
    let nm: Int
    let borrowers: [String]
    var fixedLoanInterest: [Double]
    var swapFixedLegs: [Double]
    var internalFixed: [Double]
    var marginIncome: [Double]
    var passThroughDays: [Double]
    var passThroughMargin: [Double]
    /// The margin's terms; `marginIncome` and `passThroughMargin` are its sums (`MarginTape`).
    var marginTape = MarginTape()
    var debtDays: [Double]
    var averageDebt: [Double]
    var debtEnd: [Double]
    var debtAtValuation = 0.0
    var onLentAtValuation = 0.0
    var floating = FloatingPeriods()
    var parEvents = ParEvents()
    var parDateIndex: [Int: Int] = [:]
    var slotIndex: [Int: Int32] = [:]
    var newLoans: [NewLoan] = []
    var notes: [Message] = []
    var refinancedAmount = 0.0
    var debts: [ScheduledDebt] = []
    var swaps: [ScheduledSwap] = []
    let preValuation: PreValuationFixings
    var preValuationFallbacks = 0
    /// Only the instruments and their schedules (`PortfolioPlan.schedule(_:)`): no accruals,
    /// debt path, floating periods, par accruals or internal bank.
    let scheduleOnly: Bool

    init(_ input: TreasuryInput, monthGrid: [Int]? = nil, scheduleOnly: Bool = false) {
        self.scheduleOnly = scheduleOnly
        v = input.valuationDate
        horizonEnd = v.addingMonths(12 * input.horizonYears)
        years = monthGrid != nil ? [] : (0..<input.horizonYears).map { input.valuationDate.year + $0 }
        let january = Day.january1(input.valuationDate.year)
        monthStarts = monthGrid ?? (0...(12 * input.horizonYears)).map { january.addingMonths($0).serial }
        nm = monthStarts.count - 1
        borrowers = input.internalBank?.borrowerIDs ?? []
        fixedLoanInterest = Array(repeating: 0, count: nm)
        swapFixedLegs = fixedLoanInterest
        debtDays = fixedLoanInterest
        internalFixed = Array(repeating: 0, count: nm * borrowers.count)
        marginIncome = internalFixed
        passThroughDays = internalFixed
        passThroughMargin = internalFixed
        averageDebt = Array(repeating: 0, count: input.horizonYears)
        debtEnd = averageDebt
        preValuation = PreValuationFixings(valuationDate: v, history: input.fixingHistory)
    }

    mutating func build(_ input: TreasuryInput) {
        // Repayments falling due in (V, V + H] are refinanced (rule T6), merged by date.
        var due: [Int: Double] = [:]
        debts.reserveCapacity(input.loans.count + 4_096)   // and the refinancing tree's new loans, usually fewer
        var schedules = ScheduleCache()
        for loan in input.loans {
            // Loans of the same terms share one schedule (a large file repeats terms, issue 20 item 5).
            let resetDates = schedules.dates(loan.start, loan.maturity, loan.frequencyMonths)
            let amortizations = loan.amortization.map {
                Schedule.amortizations(notional: loan.notional, plan: $0,
                                       dates: schedules.dates(loan.start, loan.maturity, $0.frequencyMonths))
            } ?? []
            if !scheduleOnly { addDebt(notional: loan.notional, start: loan.start, maturity: loan.maturity, amortizations: amortizations) }
            let repaid = amortizations.reduce(0) { $0 + $1.1 }
            let repayments = amortizations + [(loan.maturity, loan.notional - repaid)]
            for (d, x) in repayments where d > v && d <= horizonEnd && x > 0 {
                due[d.serial, default: 0] += x
            }
            debts.append(ScheduledDebt(kind: loan.kind, start: loan.start, maturity: loan.maturity, notional: loan.notional,
                                       repayments: repayments, resetDates: resetDates,
                                       rate: loan.rate ?? 0, parEvent: nil, margin: loan.margin, floor: loan.floor,
                                       lastFixing: loan.lastFixing, green: loan.green))
            if scheduleOnly { continue }
            for p in Schedule.subPeriods(notional: loan.notional, dates: resetDates, amortizations: amortizations) {
                let factor = p.notional * loan.dayCount.fraction(p.start, p.end)
                switch loan.kind {
                case .fixed:
                    let amount = factor * loan.rate!
                    MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in fixedLoanInterest[m] += amount * w }
                case .floating:
                    addFloating(factor: factor, fixing: p.fixing, periodEnd: p.periodEnd, lastFixing: loan.lastFixing,
                                floor: loan.floor, margin: loan.margin, start: p.start, end: p.end, target: Target.externalLoan)
                }
            }
        }
        for swap in input.swaps {
            let sign: Double = swap.pay == .fixed ? 1 : -1
            swaps.append(ScheduledSwap(pay: swap.pay, start: swap.start, maturity: swap.maturity, notional: swap.notional,
                                       fixedRate: swap.fixedRate,
                                       floatDates: Schedule.dates(start: swap.start, maturity: swap.maturity, months: swap.floatFrequencyMonths),
                                       fixedDates: Schedule.dates(start: swap.start, maturity: swap.maturity, months: swap.fixedFrequencyMonths),
                                       lastFixing: swap.lastFixing))
            if scheduleOnly { continue }
            for p in Schedule.subPeriods(notional: swap.notional, start: swap.start, maturity: swap.maturity,
                                         months: swap.fixedFrequencyMonths, amortizations: []) {
                let amount = sign * p.notional * swap.fixedRate * DayCount.thirty360.fraction(p.start, p.end)
                MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in swapFixedLegs[m] += amount * w }
            }
            for p in Schedule.subPeriods(notional: swap.notional, start: swap.start, maturity: swap.maturity,
                                         months: swap.floatFrequencyMonths, amortizations: []) {
                addFloating(factor: -sign * p.notional * DayCount.act360.fraction(p.start, p.end), fixing: p.fixing,
                            periodEnd: p.periodEnd, lastFixing: swap.lastFixing, floor: nil, margin: 0,
                            start: p.start, end: p.end, target: Target.swap)
            }
        }

        // The refinancing tree: each due amount is re-borrowed on the mix; new loans that
        // mature within the horizon fall due in turn. Same-date amounts merge.
        for (d, a) in input.newBorrowing { due[d.serial, default: 0] += a }
        let mix = input.tenorMix ?? []
        var eventIndex: [Int64: Int] = [:]
        while !mix.isEmpty, let next = due.keys.min() {
            let amount = due.removeValue(forKey: next)!
            let d = Day(serial: next)
            refinancedAmount += amount
            for entry in mix {
                let notional = amount * entry.share
                let maturity = d.addingMonths(entry.tenor.months)
                if !scheduleOnly { addDebt(notional: notional, start: d, maturity: maturity, amortizations: []) }
                if maturity <= horizonEnd { due[maturity.serial, default: 0] += notional }
                let spread = input.spread(for: entry.tenor)
                switch entry.kind {
                case .fixed:
                    // Annual coupons, 30E/360, backward from maturity (rule T7).
                    let key = Int64(next) << 16 | Int64(entry.tenor.months)
                    let event: Int
                    if let e = eventIndex[key] {
                        event = e
                    } else {
                        event = addParEvent(date: d, tenor: entry.tenor, add: spread, target: Target.externalLoan)
                        eventIndex[key] = event
                    }
                    if !scheduleOnly { addParAccrual(event: event, notional: notional, start: d, maturity: maturity, months: 12, margin: nil) }
                    newLoans.append(NewLoan(start: d, maturity: maturity, kind: .fixed, tenor: entry.tenor,
                                            notional: notional, spread: spread, parEvent: event))
                    debts.append(ScheduledDebt(kind: .fixed, start: d, maturity: maturity, notional: notional,
                                               repayments: [(maturity, notional)], resetDates: [], rate: 0, parEvent: event,
                                               margin: spread, floor: nil, lastFixing: nil, green: false))
                case .floating:
                    // Quarterly, ACT/360, margin = funding spread, no floor (rule T7).
                    if !scheduleOnly {
                        for p in Schedule.subPeriods(notional: notional, start: d, maturity: maturity, months: 3, amortizations: []) {
                            addFloating(factor: p.notional * DayCount.act360.fraction(p.start, p.end), fixing: p.fixing,
                                        periodEnd: p.periodEnd, lastFixing: nil, floor: nil, margin: spread,
                                        start: p.start, end: p.end, target: Target.externalLoan)
                        }
                    }
                    newLoans.append(NewLoan(start: d, maturity: maturity, kind: .floating, tenor: entry.tenor,
                                            notional: notional, spread: spread, parEvent: nil))
                    debts.append(ScheduledDebt(kind: .floating, start: d, maturity: maturity, notional: notional,
                                               repayments: [(maturity, notional)],
                                               resetDates: Schedule.dates(start: d, maturity: maturity, months: 3), rate: 0,
                                               parEvent: nil, margin: spread, floor: nil, lastFixing: nil, green: false))
                }
            }
        }
        if scheduleOnly { return }
        if let bank = input.internalBank {
            addInternalBank(bank)
            (marginIncome, passThroughMargin) = marginTape.sums(bankMargin: bank.margin, monthStarts: monthStarts, borrowers: borrowers.count)
        }
        // Step dates of every par date (through its longest tenor) and each event's payments.
        for (di, d) in parEvents.dates.enumerated() {
            parEvents.stepStart.append(parEvents.stepDays.count)
            let end = d.addingMonths(parEvents.maxTenorMonths[di])
            var k = 0
            while true {
                let t = d.addingMonths(3 * k)
                parEvents.stepDays.append(t.serial)
                parEvents.stepSlot.append(slot(for: t.serial))
                if t >= end { break }
                k += 1
            }
        }
        parEvents.stepStart.append(parEvents.stepDays.count)
        for e in parEvents.tenor.indices {
            parEvents.payStart.append(parEvents.payDays.count)
            let d = parEvents.dates[parEvents.dateIndex[e]]
            let dates = Schedule.dates(start: d, maturity: d.addingMonths(parEvents.tenor[e].months), months: 12)
            for i in 1..<dates.count {
                parEvents.payDays.append(dates[i].serial)
                parEvents.payFractions.append(DayCount.thirty360.fraction(dates[i - 1], dates[i]))
            }
        }
        parEvents.payStart.append(parEvents.payDays.count)
        parEvents.accrues = parEvents.tenor.indices.map { e in parEvents.accrual[(e * nm)..<(e * nm + nm)].contains { $0 != 0 } }
        parEvents.slotRead = Array(repeating: false, count: floating.slotDays.count)
        for slot in floating.fixSlot where slot >= 0 { parEvents.slotRead[Int(slot)] = true }
        for e in parEvents.tenor.indices where parEvents.accrues[e] {
            let di = parEvents.dateIndex[e]
            for i in parEvents.stepStart[di]..<parEvents.stepStart[di + 1] { parEvents.slotRead[Int(parEvents.stepSlot[i])] = true }
        }
        if preValuationFallbacks > 0 {
            notes.append(Message(.treasuryFixingFallback, .int(preValuationFallbacks)))
        }
    }

    mutating func addInternalBank(_ bank: InternalBankInput) {
        for loan in bank.loans {
            guard let b = borrowers.firstIndex(of: loan.borrower) else { continue }
            let base = Int32(b)
            // Rule T10; the bank's margin is recorded where it is read (`MarginTape`).
            let margin = MarginTape.margin(of: loan, bankMargin: bank.margin)
            for (k, term) in loan.terms(valuationDate: v, horizonEnd: horizonEnd).enumerated() {
                if term.start <= v && v < term.maturity { onLentAtValuation += loan.notional }
                switch loan.pricing {
                case .passThrough:
                    MonthGrid.forEachMonth(monthStarts, start: term.start, end: term.maturity) { m, _ in
                        let days = Double(min(term.maturity.serial, monthStarts[m + 1]) - max(term.start.serial, monthStarts[m]))
                        passThroughDays[b * nm + m] += loan.notional * days
                    }
                    marginTape.add(borrower: b, factor: loan.notional, start: term.start, end: term.maturity, margin: margin,
                                   passThrough: true)
                case .floating:
                    for p in Schedule.subPeriods(notional: loan.notional, start: term.start, maturity: term.maturity,
                                                 months: 3, amortizations: []) {
                        let factor = p.notional * DayCount.act360.fraction(p.start, p.end)
                        let index = floating.margin.count
                        addFloating(factor: factor, fixing: p.fixing, periodEnd: p.periodEnd, lastFixing: nil, floor: nil,
                                    margin: margin.value, start: p.start, end: p.end, target: base)
                        if margin.bank && floating.margin.count > index { marginTape.floatingPeriod(index) }
                        marginTape.add(borrower: b, factor: factor, start: p.start, end: p.end, margin: margin, passThrough: false)
                    }
                case .fixed:
                    if k == 0 {
                        // The original term at its agreed all-in rate.
                        for p in Schedule.subPeriods(notional: loan.notional, start: term.start, maturity: term.maturity,
                                                     months: 12, amortizations: []) {
                            let factor = p.notional * DayCount.thirty360.fraction(p.start, p.end)
                            MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in
                                internalFixed[b * nm + m] += factor * loan.rate! * w
                            }
                            marginTape.add(borrower: b, factor: factor, start: p.start, end: p.end, margin: margin, passThrough: false)
                        }
                    } else {
                        // A rollover, repriced at that date's par rate for the tenor + the margin (rule T11).
                        let tenor = Tenor(months: (term.maturity.year - term.start.year) * 12 + term.maturity.month - term.start.month)
                        let event = addParEvent(date: term.start, tenor: tenor, add: margin.value, target: base)
                        // A fixed loan's margin is its own or 0, never the bank's (rule T10,
                        // `MarginTape.margin(of:)`): the event's add is not rebound.
                        assert(!margin.bank)
                        addParAccrual(event: event, notional: loan.notional, start: term.start, maturity: term.maturity,
                                      months: 12, margin: (b, margin))
                    }
                }
            }
        }
    }


    /// Rule T2 (`PreValuationFixings`): nil for "the scenario's fixing at V", counted for the note.
    mutating func preValuationFixing(start: Day, end: Day, lastFixing: Double?) -> Double? {
        let known = preValuation.fixing(fixedOn: start, periodEnd: end, lastFixing: lastFixing)
        if known == nil { preValuationFallbacks += 1 }
        return known
    }

    mutating func addFloating(factor: Double, fixing: Day, periodEnd: Day, lastFixing: Double?, floor: Double?,
                              margin: Double, start: Day, end: Day, target: Int32) {
        let first = floating.weights.count
        var firstMonth = -1
        MonthGrid.forEachMonth(monthStarts, start: start, end: end) { m, w in
            if firstMonth < 0 { firstMonth = m }
            floating.weights.append(w)
        }
        guard firstMonth >= 0 else { return }
        let fixed = fixing < v ? preValuationFixing(start: fixing, end: periodEnd, lastFixing: lastFixing) : nil
        let day = fixed == nil ? max(fixing, v).serial : -1
        floating.fixDay.append(day)
        floating.fixSlot.append(day < 0 ? -1 : slot(for: day))
        floating.fixed.append(fixed ?? 0)
        floating.floor.append(floor ?? -.infinity)
        floating.margin.append(margin)
        floating.factor.append(factor)
        floating.target.append(target)
        floating.monthFirst.append(Int32(firstMonth))
        floating.monthCount.append(Int32(floating.weights.count - first))
        floating.weightStart.append(Int32(first))
    }

    /// The slot of a fixing date (shared by floating periods and par-rate steps).
    mutating func slot(for day: Int) -> Int32 {
        if let slot = slotIndex[day] { return slot }
        let slot = Int32(floating.slotDays.count)
        slotIndex[day] = slot
        floating.slotDays.append(day)
        return slot
    }

    mutating func addParEvent(date: Day, tenor: Tenor, add: Double, target: Int32) -> Int {
        let di: Int
        if let i = parDateIndex[date.serial] {
            di = i
        } else {
            di = parEvents.dates.count
            parDateIndex[date.serial] = di
            parEvents.dates.append(date)
            parEvents.maxTenorMonths.append(0)
        }
        parEvents.maxTenorMonths[di] = max(parEvents.maxTenorMonths[di], tenor.months)
        parEvents.dateIndex.append(di)
        parEvents.tenor.append(tenor)
        parEvents.add.append(add)
        parEvents.target.append(target)
        if !scheduleOnly { parEvents.accrual.append(contentsOf: repeatElement(0, count: nm)) }
        return parEvents.tenor.count - 1
    }

    /// N × dcf per month of an annual 30E/360 loan, per unit of rate; and its margin income
    /// (an internal rollover: the borrower and the margin, recorded in `marginTape`).
    mutating func addParAccrual(event: Int, notional: Double, start: Day, maturity: Day, months: Int,
                                margin: (Int, (value: Double, bank: Bool))?) {
        for p in Schedule.subPeriods(notional: notional, start: start, maturity: maturity, months: months, amortizations: []) {
            let amount = p.notional * DayCount.thirty360.fraction(p.start, p.end)
            MonthGrid.forEachMonth(monthStarts, start: p.start, end: p.end) { m, w in parEvents.accrual[event * nm + m] += amount * w }
            if let (b, x) = margin { marginTape.add(borrower: b, factor: amount, start: p.start, end: p.end, margin: x, passThrough: false) }
        }
    }

    /// The debt path: pieces [s, e) of constant outstanding notional.
    mutating func addDebt(notional: Double, start: Day, maturity: Day, amortizations: [(Day, Double)]) {
        var s = start
        var outstanding = notional
        for (d, x) in amortizations + [(maturity, 0)] {
            addDebtPiece(outstanding, s, d)
            outstanding -= x
            s = d
        }
    }

    mutating func addDebtPiece(_ n: Double, _ s: Day, _ e: Day) {
        guard n > 0, e > s else { return }
        if s <= v && v < e { debtAtValuation += n }
        MonthGrid.forEachMonth(monthStarts, start: s, end: e) { m, w in debtDays[m] += n * w * Double(e.serial - s.serial) }
        for y in years.indices {
            let y0 = monthStarts[12 * y], y1 = monthStarts[12 * y + 12]
            let overlap = min(e.serial, y1) - max(s.serial, y0)
            if overlap > 0 { averageDebt[y] += n * Double(overlap) / Double(y1 - y0) }
            // Outstanding at the end of 31 December: s ≤ 31 Dec < e.
            if s.serial <= y1 - 1 && y1 - 1 < e.serial { debtEnd[y] += n }
        }
    }
}
