/// `policy_path`: a policy-rate (styrränta) path; STIBOR 3M at d is the plain average of the
/// policy rate over the days d, d + 1, …, e − 1 (e = d + 3 calendar months) plus `spread`
/// (rule T22). A point's rate holds from its (effective) date, inclusive, until the next;
/// before the first point the rate is `initial`.
public struct PolicyPathScenario: RateScenario {
    /// When a decision's rate applies: on the date written, or (the Riksbank's rule) from
    /// the first Wednesday after the decision date.
    public enum Effective: String, Sendable, CaseIterable {
        case asWritten = "as_written", nextWednesday = "next_wednesday"

        /// The date a point written on `d` applies from.
        public func date(_ d: Day) -> Day {
            switch self {
            case .asWritten: return d
            case .nextWednesday: return PolicyPathScenario.nextWednesday(after: d)
            }
        }
    }

    public let valuationDate: Day
    public let spread: Double
    public let initial: Double
    /// Effective dates (serials, ascending) and the rate from each.
    let days: [Int]
    let values: [Double]
    /// cumulative[k] = Σ of the daily rate over the days days[0] … days[k] − 1.
    let cumulative: [Double]

    /// `points` are (effective date, rate), ascending; `initial` nil = the first point's rate.
    public init(valuationDate: Day, points: [(Day, Double)], initial: Double?, spread: Double) {
        let sorted = points.sorted { $0.0 < $1.0 }
        self.valuationDate = valuationDate
        self.spread = spread
        self.initial = initial ?? sorted.first?.1 ?? 0
        days = sorted.map(\.0.serial)
        values = sorted.map(\.1)
        var c: [Double] = [0]
        for k in 1..<max(1, days.count) { c.append(c[k - 1] + values[k - 1] * Double(days[k] - days[k - 1])) }
        cumulative = c
    }

    /// The first Wednesday strictly after `d` (a decision on a Wednesday applies a week later).
    public static func nextWednesday(after d: Day) -> Day {
        // Serial 0 is 1970-01-01, a Thursday: (serial + 4) mod 7 is 0 on Sundays, 3 on Wednesdays.
        let weekday = ((d.serial + 4) % 7 + 7) % 7
        let ahead = (3 - weekday + 7) % 7
        return d.addingDays(ahead == 0 ? 7 : ahead)
    }

    /// The policy rate in force on day `x` (a serial).
    public func policyRate(_ x: Int) -> Double {
        guard let first = days.first, x >= first else { return initial }
        var lo = 0, hi = days.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if days[mid] <= x { lo = mid } else { hi = mid }
        }
        return values[lo]
    }

    /// Σ of the daily policy rate over the days from days[0] (or before it, negative) to x − 1.
    private func integral(_ x: Int) -> Double {
        guard let first = days.first else { return Double(x) * initial }
        if x <= first { return -Double(first - x) * initial }
        var lo = 0, hi = days.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if days[mid] <= x { lo = mid } else { hi = mid }
        }
        return cumulative[lo] + values[lo] * Double(x - days[lo])
    }

    /// Rule T22: the average policy rate over [d, d + 3M) plus the spread.
    public func fixing(_ d: Day) -> Double {
        let e = d.addingMonths(3)
        let n = e.serial - d.serial
        return (integral(e.serial) - integral(d.serial)) / Double(n) + spread
    }
}
