/// The portfolio compiled once into flat arrays (structure of arrays), so that a rate
/// scenario — deterministic now, a Monte Carlo path later — is evaluated by one pass
/// over numbers, without walking instrument objects or allocating.
///
/// Everything that does not depend on rates is computed here: schedules, sub-periods
/// split at amortisations, day-count fractions, the share of each period accrued to
/// each output year (by day overlap, treasury.md "Accrual per calendar year"),
/// fixed-rate interest, the debt path, and the refinancing tree (amounts and dates do
/// not depend on rates; only the new loans' rates do). A scenario then supplies
/// fixings and par rates (`PortfolioPlan.evaluate`).
public struct PortfolioPlan: Sendable {
    public let valuationDate: Day
    /// V + H years: repayments up to this date are refinanced (rule T6).
    public let horizonEnd: Day
    /// Output years V.year … V.year + H − 1 (rule T1).
    public let years: [Int]
    let yearStarts: [Int]

    /// Fixed-rate loan interest per year (existing loans; scenario-independent).
    public let fixedLoanInterest: [Double]
    /// Swaps' fixed legs per year, signed as a cost (pay-fixed +, receive-fixed −).
    public let swapFixedLegs: [Double]
    /// Day-weighted average external debt per year (rule T19).
    public let averageDebt: [Double]
    /// External debt outstanding at 31 December of each year.
    public let debtEnd: [Double]
    /// D: external debt outstanding at V.
    public let debtAtValuation: Double

    /// Floating sub-periods (loans, swap float legs, new floating loans).
    let floating: FloatingPeriods
    /// New fixed loans from refinancing, merged by (date, tenor).
    let refinancing: RefinancingEvents

    /// Facts for `treasury.assumptions`.
    public let notes: [String]
    /// Total re-borrowed within the horizon (all generations).
    public let refinancedAmount: Double
    public var floatingPeriodCount: Int { floating.factor.count }
    public var refinancingEventCount: Int { refinancing.tenor.count }

    public init(_ input: TreasuryInput) {
        var b = PlanBuilder(input)
        b.build(input)
        valuationDate = input.valuationDate
        horizonEnd = b.horizonEnd
        years = b.years
        yearStarts = b.yearStarts
        fixedLoanInterest = b.fixedLoanInterest
        swapFixedLegs = b.swapFixedLegs
        averageDebt = b.averageDebt
        debtEnd = b.debtEnd
        debtAtValuation = b.debtAtValuation
        floating = b.floating
        refinancing = b.refinancing
        notes = b.notes
        refinancedAmount = b.refinancedAmount
    }
}

/// Floating sub-periods as parallel arrays: interest = factor × (max(floor, L) + margin),
/// accrued to at most two output years.
struct FloatingPeriods: Sendable {
    /// Fixing date serial (≥ V), or −1 when `fixed` holds the fixing (rule T2).
    var fixDay: [Int] = []
    var fixed: [Double] = []
    /// −∞ when there is no floor.
    var floor: [Double] = []
    var margin: [Double] = []
    /// Signed N × dcf.
    var factor: [Double] = []
    var year0: [Int32] = [], weight0: [Double] = []
    var year1: [Int32] = [], weight1: [Double] = []
    var isSwap: [Bool] = []
}

/// New fixed loans of the refinancing tree, merged by (date, tenor): interest in year y
/// = (par(date, tenor) + spread) × accrual[event × years + y].
struct RefinancingEvents: Sendable {
    /// Distinct event dates, ascending, and the longest tenor priced on each.
    var dates: [Day] = []
    var maxTenorMonths: [Int] = []
    var dateIndex: [Int] = []
    var tenor: [Tenor] = []
    var spread: [Double] = []
    /// N × dcf accrued per output year, per unit of rate.
    var accrual: [Double] = []
}

/// Builds a `PortfolioPlan`; all the schedule walking happens here, once.
private struct PlanBuilder {
    let v: Day
    let horizonEnd: Day
    let years: [Int]
    let yearStarts: [Int]
    var fixedLoanInterest: [Double]
    var swapFixedLegs: [Double]
    var averageDebt: [Double]
    var debtEnd: [Double]
    var debtAtValuation = 0.0
    var floating = FloatingPeriods()
    var refinancing = RefinancingEvents()
    var notes: [String] = []
    var refinancedAmount = 0.0
    let history: [(Day, Double)]
    var preValuationFallbacks = 0

    init(_ input: TreasuryInput) {
        v = input.valuationDate
        horizonEnd = v.addingMonths(12 * input.horizonYears)
        years = (0..<input.horizonYears).map { input.valuationDate.year + $0 }
        yearStarts = (0...input.horizonYears).map { Day.january1(input.valuationDate.year + $0).serial }
        fixedLoanInterest = Array(repeating: 0, count: years.count)
        swapFixedLegs = fixedLoanInterest
        averageDebt = fixedLoanInterest
        debtEnd = fixedLoanInterest
        history = input.fixingHistory
    }

    mutating func build(_ input: TreasuryInput) {
        let n = years.count
        // Repayments falling due in (V, V + H] are refinanced (rule T6), merged by date.
        var due: [Int: Double] = [:]
        for loan in input.loans {
            let amortizations = Schedule.amortizations(notional: loan.notional, start: loan.start,
                                                       maturity: loan.maturity, plan: loan.amortization)
            addDebt(notional: loan.notional, start: loan.start, maturity: loan.maturity, amortizations: amortizations)
            let repaid = amortizations.reduce(0) { $0 + $1.1 }
            for (d, x) in amortizations + [(loan.maturity, loan.notional - repaid)] where d > v && d <= horizonEnd && x > 0 {
                due[d.serial, default: 0] += x
            }
            for p in Schedule.subPeriods(notional: loan.notional, start: loan.start, maturity: loan.maturity,
                                         months: loan.frequencyMonths, amortizations: amortizations) {
                let factor = p.notional * loan.dayCount.fraction(p.start, p.end)
                switch loan.kind {
                case .fixed:
                    let amount = factor * loan.rate!
                    Self.forEachYear(yearStarts, start: p.start, end: p.end) { y, w in fixedLoanInterest[y] += amount * w }
                case .floating:
                    addFloating(factor: factor, fixing: p.fixing, periodEnd: p.periodEnd, lastFixing: loan.lastFixing,
                                floor: loan.floor, margin: loan.margin, start: p.start, end: p.end, isSwap: false)
                }
            }
        }
        for swap in input.swaps {
            let sign: Double = swap.pay == .fixed ? 1 : -1
            for p in Schedule.subPeriods(notional: swap.notional, start: swap.start, maturity: swap.maturity,
                                         months: swap.fixedFrequencyMonths, amortizations: []) {
                let amount = sign * p.notional * swap.fixedRate * DayCount.thirty360.fraction(p.start, p.end)
                Self.forEachYear(yearStarts, start: p.start, end: p.end) { y, w in swapFixedLegs[y] += amount * w }
            }
            for p in Schedule.subPeriods(notional: swap.notional, start: swap.start, maturity: swap.maturity,
                                         months: swap.floatFrequencyMonths, amortizations: []) {
                addFloating(factor: -sign * p.notional * DayCount.act360.fraction(p.start, p.end), fixing: p.fixing,
                            periodEnd: p.periodEnd, lastFixing: swap.lastFixing, floor: nil, margin: 0,
                            start: p.start, end: p.end, isSwap: true)
            }
        }

        // The refinancing tree: each due amount is re-borrowed on the mix; new loans that
        // mature within the horizon fall due in turn. Same-date amounts merge.
        for (d, a) in input.newBorrowing { due[d.serial, default: 0] += a }
        let mix = input.tenorMix ?? []
        var eventIndex: [Int64: Int] = [:]
        var dateIndex: [Int: Int] = [:]
        while !mix.isEmpty, let next = due.keys.min() {
            let amount = due.removeValue(forKey: next)!
            let d = Day(serial: next)
            refinancedAmount += amount
            for entry in mix {
                let notional = amount * entry.share
                let maturity = d.addingMonths(entry.tenor.months)
                addDebt(notional: notional, start: d, maturity: maturity, amortizations: [])
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
                        event = refinancing.tenor.count
                        eventIndex[key] = event
                        let di: Int
                        if let i = dateIndex[next] {
                            di = i
                        } else {
                            di = refinancing.dates.count
                            dateIndex[next] = di
                            refinancing.dates.append(d)
                            refinancing.maxTenorMonths.append(0)
                        }
                        refinancing.maxTenorMonths[di] = max(refinancing.maxTenorMonths[di], entry.tenor.months)
                        refinancing.dateIndex.append(di)
                        refinancing.tenor.append(entry.tenor)
                        refinancing.spread.append(spread)
                        refinancing.accrual.append(contentsOf: repeatElement(0, count: n))
                    }
                    for p in Schedule.subPeriods(notional: notional, start: d, maturity: maturity, months: 12, amortizations: []) {
                        let amount = p.notional * DayCount.thirty360.fraction(p.start, p.end)
                        Self.forEachYear(yearStarts, start: p.start, end: p.end) { y, w in refinancing.accrual[event * n + y] += amount * w }
                    }
                case .floating:
                    // Quarterly, ACT/360, margin = funding spread, no floor (rule T7).
                    for p in Schedule.subPeriods(notional: notional, start: d, maturity: maturity, months: 3, amortizations: []) {
                        addFloating(factor: p.notional * DayCount.act360.fraction(p.start, p.end), fixing: p.fixing,
                                    periodEnd: p.periodEnd, lastFixing: nil, floor: nil, margin: spread,
                                    start: p.start, end: p.end, isSwap: false)
                    }
                }
            }
        }
        if preValuationFallbacks > 0 {
            notes.append("\(preValuationFallbacks) floating periods that fixed before V have no fixing_history or last_fixing: they use each scenario's fixing at V (rule T2).")
        }
    }

    /// Calls `body(year index, share of [start, end) in that year)` for each output year
    /// the period overlaps (share = overlap days / period days).
    static func forEachYear(_ yearStarts: [Int], start: Day, end: Day, _ body: (Int, Double) -> Void) {
        let days = end.serial - start.serial
        let count = yearStarts.count - 1
        guard days > 0 else { return }
        var y = 0
        while y < count && yearStarts[y + 1] <= start.serial { y += 1 }
        while y < count && yearStarts[y] < end.serial {
            let overlap = min(end.serial, yearStarts[y + 1]) - max(start.serial, yearStarts[y])
            if overlap > 0 { body(y, Double(overlap) / Double(days)) }
            y += 1
        }
    }

    /// Rule T2: the fixing of a period that began before V, or nil for "the scenario's fixing at V".
    mutating func preValuationFixing(start: Day, end: Day, lastFixing: Double?) -> Double? {
        if start <= v && v < end, let lastFixing { return lastFixing }
        if let first = history.first { return (history.last { $0.0 <= start } ?? first).1 }
        preValuationFallbacks += 1
        return nil
    }

    mutating func addFloating(factor: Double, fixing: Day, periodEnd: Day, lastFixing: Double?, floor: Double?,
                              margin: Double, start: Day, end: Day, isSwap: Bool) {
        var slots: [(Int32, Double)] = []
        Self.forEachYear(yearStarts, start: start, end: end) { y, w in slots.append((Int32(y), w)) }
        guard !slots.isEmpty else { return }
        precondition(slots.count <= 2, "an interest period longer than a year")
        let fixed = fixing < v ? preValuationFixing(start: fixing, end: periodEnd, lastFixing: lastFixing) : nil
        floating.fixDay.append(fixed == nil ? max(fixing, v).serial : -1)
        floating.fixed.append(fixed ?? 0)
        floating.floor.append(floor ?? -.infinity)
        floating.margin.append(margin)
        floating.factor.append(factor)
        floating.year0.append(slots[0].0)
        floating.weight0.append(slots[0].1)
        floating.year1.append(slots.count > 1 ? slots[1].0 : slots[0].0)
        floating.weight1.append(slots.count > 1 ? slots[1].1 : 0)
        floating.isSwap.append(isSwap)
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
        for y in years.indices {
            let y0 = yearStarts[y], y1 = yearStarts[y + 1]
            let overlap = min(e.serial, y1) - max(s.serial, y0)
            if overlap > 0 { averageDebt[y] += n * Double(overlap) / Double(y1 - y0) }
            // Outstanding at the end of 31 December: s ≤ 31 Dec < e.
            if s.serial <= y1 - 1 && y1 - 1 < e.serial { debtEnd[y] += n }
        }
    }
}
