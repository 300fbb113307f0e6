/// The statistics of one simulated series in one year (rates.md, Statistics; rules S4,
/// S5, S10, S11). Quantiles are GSL's: linear interpolation at (n − 1)p of the sorted sample.
public struct SeriesStatistics: Sendable, Equatable {
    public var mean, sd, stderr, min, max: Double
    public var p01, p05, p10, p25, p50, p75, p90, p95, p99: Double
    /// Cost series: p95 − mean, p99 − mean, mean of outcomes ≥ p95. Income series (the low
    /// tail is the risk, rule S10): mean − p05, mean − p01, mean of outcomes ≤ p05.
    public var car95, car99, es95: Double
    /// Share of paths above the budget; nil where no budget applies (rules S4, S11).
    public var probOverBudget: Double?

    /// - Parameters:
    ///   - sample: one value per path, in path order (pairs adjacent when antithetic).
    ///   - lowTail: true for an income series.
    public init(_ sample: [Double], antithetic: Bool, lowTail: Bool, budget: Double?) {
        var sorted = sample
        Statistics.sort(&sorted)
        let n = sorted.count
        let mean = Statistics.mean(sample) ?? .nan
        self.mean = mean
        sd = Statistics.standardDeviation(sample) ?? 0
        if antithetic && n >= 4 {
            // Rule S5: the sd of the pair averages over √(number of pairs).
            var pairs = [Double](repeating: 0, count: n / 2)
            for j in pairs.indices { pairs[j] = (sample[2 * j] + sample[2 * j + 1]) / 2 }
            stderr = (Statistics.standardDeviation(pairs) ?? 0) / Double(pairs.count).squareRoot()
        } else {
            stderr = sd / Double(n).squareRoot()
        }
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        func q(_ p: Double) -> Double { Statistics.quantile(sorted: sorted, p: p) ?? .nan }
        let p01 = q(0.01), p05 = q(0.05), p95 = q(0.95), p99 = q(0.99)
        self.p01 = p01; self.p05 = p05; self.p95 = p95; self.p99 = p99
        p10 = q(0.10); p25 = q(0.25); p50 = q(0.50); p75 = q(0.75); p90 = q(0.90)
        if lowTail {
            car95 = mean - p05
            car99 = mean - p01
            let tail = sorted.prefix { $0 <= p05 }
            es95 = tail.isEmpty ? p05 : tail.reduce(0, +) / Double(tail.count)
        } else {
            car95 = p95 - mean
            car99 = p99 - mean
            let tail = sorted.drop { $0 < p95 }
            es95 = tail.isEmpty ? p95 : tail.reduce(0, +) / Double(tail.count)
        }
        if let budget {
            let above = n - (sorted.firstIndex { $0 > budget } ?? n)
            probOverBudget = Double(above) / Double(n)
        } else {
            probOverBudget = nil
        }
    }
}

/// P05, P25, P50, P75, P95 of a sample (a fan-chart band).
public struct Band: Sendable, Equatable {
    public var p05, p25, p50, p75, p95: Double

    public init(_ sample: [Double]) {
        var sorted = sample.filter { !$0.isNaN }
        Statistics.sort(&sorted)
        func q(_ p: Double) -> Double { Statistics.quantile(sorted: sorted, p: p) ?? .nan }
        p05 = q(0.05); p25 = q(0.25); p50 = q(0.50); p75 = q(0.75); p95 = q(0.95)
    }
}
