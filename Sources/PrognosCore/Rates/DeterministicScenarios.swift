/// `curve`: the initial curve's simple forward for [d, d + 3M] (ACT/360).
public struct CurveScenario: RateScenario {
    public let curve: ZeroCurve
    public var valuationDate: Day { curve.valuationDate }

    public init(curve: ZeroCurve) { self.curve = curve }

    @inline(__always)
    public func fixing(_ d: Day) -> Double { curve.simpleForward(d, d.addingMonths(3)) }
}

/// `flat`: every fixing at `level`.
public struct FlatScenario: RateScenario {
    public let valuationDate: Day
    public let level: Double

    public init(valuationDate: Day, level: Double) {
        self.valuationDate = valuationDate
        self.level = level
    }

    public func fixing(_ d: Day) -> Double { level }
}

/// `path`: fixings from dated points (e.g. a policy-rate path); `step` holds each point
/// until the next, `linear` interpolates in days; the first value holds before the
/// first point and the last after the last (rule T3).
public struct PathScenario: RateScenario {
    public enum Interpolation: String, Sendable, CaseIterable { case step, linear }

    public let valuationDate: Day
    public let interpolation: Interpolation
    let days: [Int]
    let values: [Double]

    public init(valuationDate: Day, points: [(Day, Double)], interpolation: Interpolation) {
        let sorted = points.sorted { $0.0 < $1.0 }
        self.valuationDate = valuationDate
        self.interpolation = interpolation
        days = sorted.map(\.0.serial)
        values = sorted.map(\.1)
    }

    public func fixing(_ d: Day) -> Double {
        let x = d.serial
        if x <= days[0] { return values[0] }
        if x >= days[days.count - 1] { return values[values.count - 1] }
        // Binary search for the last point ≤ x.
        var lo = 0, hi = days.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if days[mid] <= x { lo = mid } else { hi = mid }
        }
        switch interpolation {
        case .step: return values[lo]
        case .linear:
            let w = Double(x - days[lo]) / Double(days[hi] - days[lo])
            return values[lo] + w * (values[hi] - values[lo])
        }
    }
}

/// `shift`: the base scenario's fixings plus `shift` on and after `from`
/// (default the day after V).
public struct ShiftScenario: RateScenario {
    public let base: any RateScenario
    public let shift: Double
    public let from: Day
    public var valuationDate: Day { base.valuationDate }

    public init(base: any RateScenario, shift: Double, from: Day? = nil) {
        self.base = base
        self.shift = shift
        self.from = from ?? base.valuationDate.addingDays(1)
    }

    public func fixing(_ d: Day) -> Double { base.fixing(d) + (d >= from ? shift : 0) }
}

/// `ramp`: the base plus a shift rising linearly in days from 0 at V to `to` at
/// V + `over_months`, constant after (rule T3).
public struct RampScenario: RateScenario {
    public let base: any RateScenario
    public let to: Double
    public let end: Day
    public var valuationDate: Day { base.valuationDate }

    public init(base: any RateScenario, to: Double, overMonths: Int) {
        self.base = base
        self.to = to
        end = base.valuationDate.addingMonths(overMonths)
    }

    public func fixing(_ d: Day) -> Double {
        let v = valuationDate.serial
        let w = d.serial <= v ? 0 : min(1, Double(d.serial - v) / Double(end.serial - v))
        return base.fixing(d) + w * to
    }
}
