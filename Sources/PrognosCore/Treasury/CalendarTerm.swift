/// Rule T15: an instrument's original term in calendar terms. n = the largest number of
/// months with start ⊕ n ≤ maturity (⊕ adds calendar months, clamping the day as rule T8
/// does); the term is (n + days(start ⊕ n, maturity) / days(start ⊕ n, start ⊕ (n + 1))) / 12,
/// so a 10-year loan is exactly 10.0 across leap days.
public enum CalendarTerm {
    public static func years(_ start: Day, _ maturity: Day) -> Double {
        guard maturity > start else { return 0 }
        let (sy, sm, _) = start.civil, (my, mm, _) = maturity.civil
        var n = max(0, (my - sy) * 12 + (mm - sm))
        while n > 0 && start.addingMonths(n) > maturity { n -= 1 }
        while start.addingMonths(n + 1) <= maturity { n += 1 }
        let a = start.addingMonths(n), b = start.addingMonths(n + 1)
        return (Double(n) + Double(maturity.serial - a.serial) / Double(b.serial - a.serial)) / 12
    }
}
