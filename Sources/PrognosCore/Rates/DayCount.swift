/// Day-count conventions (dagräkning) for year fractions.
public enum DayCount: String, Sendable, CaseIterable {
    /// Actual days / 360 (money-market; STIBOR, floating legs).
    case act360 = "ACT/360"
    /// Actual days / 365, also in leap years (curve times).
    case act365F = "ACT/365F"
    /// 30E/360 (Eurobond basis): each day-of-month capped at 30; fixed legs.
    case thirty360 = "30/360"

    /// Accepted spellings in files (`30E/360` is `30/360`).
    public static func parse(_ text: String) -> DayCount? {
        switch text.trimmingSpaces().uppercased() {
        case "ACT/360", "A360", "ACTUAL/360": return .act360
        case "ACT/365F", "ACT/365", "A365F", "ACTUAL/365F", "ACT/365 FIXED": return .act365F
        case "30/360", "30E/360", "30E360": return .thirty360
        default: return nil
        }
    }

    /// The year fraction from `a` to `b`.
    /// 30E/360: (360 (y₂ − y₁) + 30 (m₂ − m₁) + (min(d₂,30) − min(d₁,30))) / 360.
    @inline(__always)
    public func fraction(_ a: Day, _ b: Day) -> Double {
        switch self {
        case .act360: return Double(b.serial - a.serial) / 360
        case .act365F: return Double(b.serial - a.serial) / 365
        case .thirty360:
            let x = a.civil, y = b.civil
            let years: Int = 360 * (y.year - x.year)
            let months: Int = 30 * (y.month - x.month)
            let days: Int = min(y.day, 30) - min(x.day, 30)
            return Double(years + months + days) / 360
        }
    }
}

extension Day {
    /// This date plus `months` calendar months, the day clamped to the month's length
    /// (no end-of-month rule): 2024-01-31 + 1M = 2024-02-29, 2030-08-31 − 9M = 2029-11-30.
    public func addingMonths(_ months: Int) -> Day {
        let c = civil
        let total = c.year * 12 + (c.month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(c.day, Day.daysIn(year: y, month: m)))!
    }

    public func addingDays(_ days: Int) -> Day { Day(serial: serial + days) }

    /// 1 January of `year`.
    public static func january1(_ year: Int) -> Day { Day(year: year, month: 1, day: 1)! }

    /// ACT/365F time in years from `origin` to this date.
    @inline(__always)
    public func years(since origin: Day) -> Double { Double(serial - origin.serial) / 365 }
}

/// A tenor such as `3M` or `5Y`, in months.
public struct Tenor: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let months: Int

    public init(months: Int) { self.months = months }

    /// `3M`, `12M`, `1Y`, `10Y` (case-insensitive); nil otherwise.
    public init?(_ text: String) {
        let t = text.trimmingSpaces().uppercased()
        guard let unit = t.last, let n = Int(t.dropLast()), n > 0, n <= 1200 else { return nil }
        switch unit {
        case "M": months = n
        case "Y": months = 12 * n
        default: return nil
        }
    }

    public var years: Double { Double(months) / 12 }
    public var description: String { months % 12 == 0 ? "\(months / 12)Y" : "\(months)M" }
    public static func < (a: Tenor, b: Tenor) -> Bool { a.months < b.months }
}
