import Foundation

/// How precise a simulated Cost-at-Risk is, from the figures the result document keeps
/// (the paths themselves are not kept): the 95 % interval of CaR95.
///
/// Method (docs/decisions.md "The report's interval of CaR95"): the tail quantile q (P95 for
/// a cost, P05 for an income, rule S10) of n paths has the distribution-free
/// order-statistic 95 % interval at the probabilities p ± δ, δ = 1.96 · √(p(1 − p)/n);
/// the quantile function at p ± δ is read off the stored quantiles P01, P05, P10, P90,
/// P95, P99 by linear interpolation (beyond them, by extending the nearest segment). The
/// mean's 95 % interval is ± 1.96 · stderr (rule S5: the antithetic pairs are accounted
/// for there). CaR95 = q − mean (cost) or mean − q (income); its interval combines the two
/// half-widths in quadrature on each side. The positive correlation of the tail quantile
/// with the mean is left out, which makes the interval wider, not narrower; the
/// antithetic pairing is not credited to the quantile (n paths counted as independent).
struct CaRInterval: Equatable {
    /// CaR95 as the document states it.
    var car95: Double
    /// Its 95 % interval.
    var low: Double, high: Double
    /// The tail quantile's 95 % interval (P95 for a cost, P05 for an income).
    var quantileLow: Double, quantileHigh: Double
    /// The mean's 95 % interval half-width: 1.96 × stderr.
    var meanHalfWidth: Double

    static let z = 1.959963984540054   // the standard normal's 97.5 % quantile

    /// Nil when a needed statistic is missing (or there are too few paths to say anything).
    init?(_ st: SimulationResult.Statistics, paths: Int, lowTail: Bool) {
        guard paths >= 20, let mean = st[.mean], let stderr = st[.stderr] else { return nil }
        let n = Double(paths)
        let delta = Self.z * (0.95 * 0.05 / n).squareRoot()
        if lowTail {
            guard let p01 = st[.p01], let p05 = st[.p05], let p10 = st[.p10] else { return nil }
            // The quantile function between P01 (0.01), P05 (0.05) and P10 (0.10).
            let down = delta * (p05 - p01) / 0.04   // Q(0.05) − Q(0.05 − δ)
            let up = delta * (p10 - p05) / 0.05     // Q(0.05 + δ) − Q(0.05)
            quantileLow = p05 - down; quantileHigh = p05 + up
            car95 = st[.car95] ?? (mean - p05)
            meanHalfWidth = Self.z * stderr
            // mean − q: larger when q is lower (by `down`) or the mean higher.
            high = car95 + (down * down + meanHalfWidth * meanHalfWidth).squareRoot()
            low = car95 - (up * up + meanHalfWidth * meanHalfWidth).squareRoot()
        } else {
            guard let p90 = st[.p90], let p95 = st[.p95], let p99 = st[.p99] else { return nil }
            let down = delta * (p95 - p90) / 0.05   // Q(0.95) − Q(0.95 − δ)
            let up = delta * (p99 - p95) / 0.04     // Q(0.95 + δ) − Q(0.95)
            quantileLow = p95 - down; quantileHigh = p95 + up
            car95 = st[.car95] ?? (p95 - mean)
            meanHalfWidth = Self.z * stderr
            high = car95 + (up * up + meanHalfWidth * meanHalfWidth).squareRoot()
            low = car95 - (down * down + meanHalfWidth * meanHalfWidth).squareRoot()
        }
        guard [low, high, quantileLow, quantileHigh].allSatisfy(\.isFinite) else { return nil }
    }
}

extension SimulationSeries {
    /// Income series carry their risk in the low tail (rule S10), and so does the swap book's value (a fall is the loss).
    var lowTail: Bool { self == .internalIncome || self == .swapMarketValue }
}
