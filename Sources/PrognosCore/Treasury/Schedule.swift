/// Payment schedules (rule T8): every date is maturity − k × frequency months, each
/// counted from the maturity (not chained), the day clamped to the month's length, no
/// business-day adjustment; a short first period when the term is not whole steps.
public enum Schedule {
    /// [start, …, maturity] ascending.
    public static func dates(start: Day, maturity: Day, months: Int) -> [Day] {
        var out = [maturity]
        var k = 1
        while true {
            let d = maturity.addingMonths(-k * months)
            if d <= start { break }
            out.append(d)
            k += 1
        }
        out.append(start)
        return out.reversed()
    }

    /// Amortisations: `amount` at each schedule date strictly between start and
    /// maturity (with the amortisation frequency), capped at what is outstanding.
    public static func amortizations(notional: Double, start: Day, maturity: Day, plan: Amortization?) -> [(Day, Double)] {
        guard let plan else { return [] }
        return amortizations(notional: notional, plan: plan, dates: dates(start: start, maturity: maturity, months: plan.frequencyMonths))
    }

    /// `amortizations` with the schedule `dates(start, maturity, plan.frequencyMonths)` given
    /// (the plan builder shares one schedule among loans of the same terms, issue 20 item 5).
    static func amortizations(notional: Double, plan: Amortization, dates: [Day]) -> [(Day, Double)] {
        let steps = dates.dropFirst().dropLast()
        var left = notional
        var out: [(Day, Double)] = []
        for d in steps where left > 0 {
            let x = min(plan.amount, left)
            out.append((d, x))
            left -= x
        }
        return out
    }

    /// Interest sub-periods: each interest period [a, b) of the schedule split at
    /// amortisation dates inside it, with the notional outstanding over the
    /// sub-period, the period's fixing date a and its end b.
    public static func subPeriods(notional: Double, start: Day, maturity: Day, months: Int,
                                  amortizations: [(Day, Double)]) -> [(start: Day, end: Day, notional: Double, fixing: Day, periodEnd: Day)] {
        subPeriods(notional: notional, dates: dates(start: start, maturity: maturity, months: months), amortizations: amortizations)
    }

    /// `subPeriods` with the schedule `dates(start, maturity, months)` given. The result is
    /// built with its labels (an unlabelled array returned as the labelled type was converted
    /// element by element through a dynamic cast, issue 20 item 5).
    static func subPeriods(notional: Double, dates d: [Day],
                           amortizations: [(Day, Double)]) -> [(start: Day, end: Day, notional: Double, fixing: Day, periodEnd: Day)] {
        var out: [(start: Day, end: Day, notional: Double, fixing: Day, periodEnd: Day)] = []
        var repaid = 0.0
        var j = 0
        for i in 0..<(d.count - 1) {
            let a = d[i], b = d[i + 1]
            var s = a
            while true {
                while j < amortizations.count && amortizations[j].0 <= s {
                    repaid += amortizations[j].1
                    j += 1
                }
                let cut = j < amortizations.count && amortizations[j].0 < b ? amortizations[j].0 : b
                let outstanding = notional - repaid
                if outstanding > 1e-9 { out.append((s, cut, outstanding, a, b)) }
                if cut == b { break }
                s = cut
            }
        }
        return out
    }
}
