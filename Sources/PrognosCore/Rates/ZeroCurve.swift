import Foundation

/// The initial zero curve (nollkupongskurva) at the valuation date V: continuously
/// compounded zero rates at pillar dates V + tenor (rule F5), times ACT/365F from V.
/// P(0,t) = exp(−z(t) t).
public struct ZeroCurve: Sendable {
    public enum Interpolation: String, Sendable, CaseIterable {
        /// ln P(0,t) linear between (0,0) and the pillars: piecewise-constant forwards,
        /// the last segment's forward continuing beyond the last pillar (rule F8, default).
        case flatForward = "flat_forward"
        /// Zero rates linear between pillars, flat beyond both ends (saw-tooth forwards).
        case linearZero = "linear_zero"
    }

    public let valuationDate: Day
    public let interpolation: Interpolation
    /// Pillar times (years, ACT/365F from V), ascending, and their zero rates.
    public let times: [Double]
    public let zeros: [Double]
    /// −ln P(0,tᵢ) = zᵢ tᵢ at the pillars.
    private let logDiscounts: [Double]

    public init(valuationDate: Day, pillars: [(Tenor, Double)], interpolation: Interpolation = .flatForward) {
        let sorted = pillars.sorted { $0.0 < $1.0 }
        self.valuationDate = valuationDate
        self.interpolation = interpolation
        times = sorted.map { valuationDate.addingMonths($0.0.months).years(since: valuationDate) }
        zeros = sorted.map(\.1)
        logDiscounts = zip(times, zeros).map { $0 * $1 }
    }

    /// −ln P(0,t): the integral of the instantaneous forward from 0 to t.
    @inline(__always)
    public func minusLogDiscount(_ t: Double) -> Double {
        if t <= 0 { return 0 }
        let n = times.count
        switch interpolation {
        case .flatForward:
            if t <= times[0] || n == 1 { return zeros[0] * t }
            var i = 1
            while i < n - 1 && times[i] < t { i += 1 }
            if t > times[n - 1] { i = n - 1 }
            // Segment [tᵢ₋₁, tᵢ] has forward (yᵢ − yᵢ₋₁)/(tᵢ − tᵢ₋₁); beyond the last pillar it continues.
            let t0 = times[i - 1], t1 = times[i], y0 = logDiscounts[i - 1], y1 = logDiscounts[i]
            return y0 + (y1 - y0) * (t - t0) / (t1 - t0)
        case .linearZero:
            return zeroRate(t) * t
        }
    }

    /// P(0,t).
    @inline(__always)
    public func discount(_ t: Double) -> Double { exp(-minusLogDiscount(t)) }

    public func discount(_ d: Day) -> Double { discount(d.years(since: valuationDate)) }

    /// The zero rate z(t) (continuous, ACT/365F).
    public func zeroRate(_ t: Double) -> Double {
        let n = times.count
        switch interpolation {
        case .flatForward:
            return t <= 0 ? zeros[0] : minusLogDiscount(t) / t
        case .linearZero:
            if t <= times[0] { return zeros[0] }
            if t >= times[n - 1] { return zeros[n - 1] }
            var i = 1
            while times[i] < t { i += 1 }
            let w = (t - times[i - 1]) / (times[i] - times[i - 1])
            return zeros[i - 1] + w * (zeros[i] - zeros[i - 1])
        }
    }

    /// The instantaneous forward f(0,t) = −∂ ln P(0,t)/∂t, the right derivative at a
    /// pillar (rule S3).
    public func instantaneousForward(_ t: Double) -> Double {
        let n = times.count
        switch interpolation {
        case .flatForward:
            if t < times[0] || n == 1 { return zeros[0] }
            var i = 1
            while i < n - 1 && times[i] <= t { i += 1 }
            return (logDiscounts[i] - logDiscounts[i - 1]) / (times[i] - times[i - 1])
        case .linearZero:
            // f = z(t) + t z'(t), z' the slope of the segment to the right of t.
            if t < times[0] || t >= times[n - 1] { return zeroRate(t) }
            var i = 1
            while times[i] <= t { i += 1 }
            let slope = (zeros[i] - zeros[i - 1]) / (times[i] - times[i - 1])
            return zeroRate(t) + t * slope
        }
    }

    /// The simply compounded forward for [d, e], ACT/360: (P(0,d)/P(0,e) − 1) / τ(d,e).
    @inline(__always)
    public func simpleForward(_ d: Day, _ e: Day) -> Double {
        let tau = DayCount.act360.fraction(d, e)
        let v = valuationDate
        return (exp(minusLogDiscount(e.years(since: v)) - minusLogDiscount(d.years(since: v))) - 1) / tau
    }
}
