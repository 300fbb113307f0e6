/// A rate scenario: what STIBOR 3M fixes at on every date from the valuation date V,
/// and the discount factors P(t,T) seen at any future date t. The treasury engine reads
/// rates only through this interface, so deterministic scenarios and (later) Monte Carlo
/// paths drive the same engine. Implementations are value types; evaluation allocates nothing.
public protocol RateScenario: Sendable {
    var valuationDate: Day { get }

    /// The STIBOR 3M fixing at `d` (d ≥ V; dates before V are resolved by the caller, rule T2).
    func fixing(_ d: Day) -> Double

    /// P(t,T) seen at t (V ≤ t ≤ T).
    func discount(from t: Day, to T: Day) -> Double
}

extension RateScenario {
    /// Rule T4: P(t,T) = Π_k 1 / (1 + L_k τ_k) over steps t_k = t + 3k months (each
    /// counted from t), L_k = fixing(t_k), τ_k = ACT/360(t_k, t_k+1), the last step pro rata.
    public func discount(from t: Day, to T: Day) -> Double {
        var p = 1.0
        var k = 0
        var tk = t
        while tk < T {
            let next = t.addingMonths(3 * (k + 1))
            let end = next < T ? next : T
            p /= 1 + fixing(tk) * DayCount.act360.fraction(tk, end)
            k += 1
            tk = next
        }
        return p
    }

    /// The par rate at `d` for `tenor` (rule T5); see `DiscountSteps.parRate`.
    /// Allocates its steps: for one-off use; loops reuse a `DiscountSteps`.
    public func parRate(at d: Day, tenor: Tenor) -> Double {
        var steps = DiscountSteps()
        steps.reset(self, from: d, through: d.addingMonths(tenor.months))
        return steps.parRate(tenor: tenor)
    }
}

/// Discount factors P(t, ·) from one date t, per rule T4, computed once and read many
/// times (par rates for several tenors on the same refinancing date). The buffers are
/// reused between dates, so a loop over dates allocates nothing after the first.
public struct DiscountSteps {
    private(set) var origin = Day(serial: 0)
    private var stepDays: [Int] = []        // t_k serials
    private var fixings: [Double] = []      // L_k
    private var cumulative: [Double] = []   // Π_{j<k} 1/(1 + L_j τ_j)

    public init() {}

    /// Prepares steps from `t` far enough to reach `horizon`.
    public mutating func reset<S: RateScenario>(_ scenario: S, from t: Day, through horizon: Day) {
        origin = t
        stepDays.removeAll(keepingCapacity: true)
        fixings.removeAll(keepingCapacity: true)
        cumulative.removeAll(keepingCapacity: true)
        var p = 1.0
        var k = 0
        var tk = t
        while true {
            let L = scenario.fixing(tk)
            stepDays.append(tk.serial)
            fixings.append(L)
            cumulative.append(p)
            if tk >= horizon { break }
            let next = t.addingMonths(3 * (k + 1))
            p /= 1 + L * Double(next.serial - tk.serial) / 360
            k += 1
            tk = next
        }
    }

    /// P(t, T) for origin ≤ T ≤ the horizon given to `reset`.
    public func discount(to T: Day) -> Double {
        // The last step date ≤ T (steps are about 91 days apart).
        var k = min(stepDays.count - 1, max(0, (T.serial - origin.serial) / 92))
        while k + 1 < stepDays.count && stepDays[k + 1] <= T.serial { k += 1 }
        while k > 0 && stepDays[k] > T.serial { k -= 1 }
        let rest = Double(T.serial - stepDays[k]) / 360
        return cumulative[k] / (1 + fixings[k] * rest)
    }

    /// Prepares steps on precomputed dates (`days[0]` is the origin; rule T4's t + 3k months)
    /// with their fixings already known (`fixing(i)` for the i-th date).
    public mutating func reset(days: ArraySlice<Int>, fixing: (Int) -> Double) {
        origin = Day(serial: days.first!)
        stepDays.removeAll(keepingCapacity: true)
        fixings.removeAll(keepingCapacity: true)
        cumulative.removeAll(keepingCapacity: true)
        var p = 1.0
        var previousDay = 0, previousFixing = 0.0
        for (i, day) in days.enumerated() {
            if i > 0 { p /= 1 + previousFixing * Double(day - previousDay) / 360 }
            let l = fixing(i)
            stepDays.append(day)
            fixings.append(l)
            cumulative.append(p)
            previousDay = day
            previousFixing = l
        }
    }

    /// Par rate from precomputed annual payment dates and their 30E/360 fractions (rule T5).
    public func parRate(payDays: ArraySlice<Int>, fractions: ArraySlice<Double>) -> Double {
        var annuity = 0.0, last = 1.0
        for (day, alpha) in zip(payDays, fractions) {
            last = discount(to: Day(serial: day))
            annuity += alpha * last
        }
        return (1 - last) / annuity
    }

    /// Par rate for `tenor` from the origin (rule T5); the horizon must reach origin + tenor.
    public func parRate(tenor: Tenor) -> Double {
        let maturity = origin.addingMonths(tenor.months)
        var annuity = 0.0
        var previous = origin
        var last = 1.0
        var k = (tenor.months + 11) / 12
        while k >= 0 {
            let date = k == 0 ? maturity : maturity.addingMonths(-12 * k)
            k -= 1
            guard date > origin else { continue }
            last = discount(to: date)
            annuity += DayCount.thirty360.fraction(previous, date) * last
            previous = date
        }
        return (1 - last) / annuity
    }
}
