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
        self = sample.withUnsafeBufferPointer { SeriesStatistics($0, antithetic: antithetic, lowTail: lowTail, budget: budget) }
    }

    static let levels = [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]

    /// The same statistics of a column read where it lies (no copy): a few passes
    /// (`ColumnStatistics`); a column with a NaN or an infinity takes GSL's routines.
    public init(_ sample: UnsafeBufferPointer<Double>, antithetic: Bool, lowTail: Bool, budget: Double?) {
        if let c = ColumnStatistics.compute(sample, ps: Self.levels, moments: true, antithetic: antithetic, budget: budget,
                                            tail: lowTail ? .low : .high, tailP: lowTail ? 0.05 : 0.95) {
            self.init(c, lowTail: lowTail, budget: budget)
        } else {
            self.init(gsl: Array(sample), antithetic: antithetic, lowTail: lowTail, budget: budget)
        }
    }

    private init(_ c: ColumnStatistics.Result, lowTail: Bool, budget: Double?) {
        let n = c.n
        mean = c.mean
        sd = c.sd
        if let pairSD = c.pairSD {
            stderr = pairSD / Double(c.pairCount).squareRoot()
        } else {
            stderr = sd / Double(n).squareRoot()
        }
        min = c.min
        max = c.max
        let q = c.quantiles
        p01 = q[0]; p05 = q[1]; p10 = q[2]; p25 = q[3]; p50 = q[4]; p75 = q[5]; p90 = q[6]; p95 = q[7]; p99 = q[8]
        if lowTail {
            car95 = mean - p05
            car99 = mean - p01
        } else {
            car95 = p95 - mean
            car99 = p99 - mean
        }
        es95 = c.tailCount > 0 ? c.tailSum / Double(c.tailCount) : (lowTail ? p05 : p95)
        probOverBudget = budget.map { _ in Double(c.above) / Double(n) }
    }

    /// GSL's routines one after another (`gsl_stats_mean`, `gsl_stats_sd_m`, selection):
    /// the reference the three-pass statistics are tested against, and the way for a column
    /// holding a NaN or an infinity.
    init(gsl sample: [Double], antithetic: Bool, lowTail: Bool, budget: Double?) {
        let n = sample.count
        let mean = Statistics.mean(sample) ?? .nan
        self.mean = mean
        sd = Statistics.standardDeviation(sample, mean: mean) ?? 0
        if antithetic && n >= 4 {
            // Rule S5: the sd of the pair averages over √(number of pairs).
            var pairs = [Double](repeating: 0, count: n / 2)
            for j in pairs.indices { pairs[j] = (sample[2 * j] + sample[2 * j + 1]) / 2 }
            let pairMean = Statistics.mean(pairs) ?? mean
            stderr = (Statistics.standardDeviation(pairs, mean: pairMean) ?? 0) / Double(pairs.count).squareRoot()
        } else {
            stderr = sd / Double(n).squareRoot()
        }
        let extremes = Statistics.minMax(sample)
        min = extremes?.min ?? .nan
        max = extremes?.max ?? .nan
        var work = sample
        let q = Statistics.quantiles(selecting: &work, [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99])
        let p01 = q[0], p05 = q[1], p95 = q[7], p99 = q[8]
        self.p01 = p01; self.p05 = p05; self.p95 = p95; self.p99 = p99
        p10 = q[2]; p25 = q[3]; p50 = q[4]; p75 = q[5]; p90 = q[6]
        // Tails and the budget in path order (the sums are the same whatever the threads).
        var tailSum = 0.0, tailCount = 0, above = 0
        for v in sample {
            if lowTail ? v <= p05 : v >= p95 { tailSum += v; tailCount += 1 }
            if let budget, v > budget { above += 1 }
        }
        if lowTail {
            car95 = mean - p05
            car99 = mean - p01
        } else {
            car95 = p95 - mean
            car99 = p99 - mean
        }
        es95 = tailCount > 0 ? tailSum / Double(tailCount) : (lowTail ? p05 : p95)
        probOverBudget = budget.map { _ in Double(above) / Double(n) }
    }
}

/// P05, P25, P50, P75, P95 of a sample (a fan-chart band).
public struct Band: Sendable, Equatable {
    public var p05, p25, p50, p75, p95: Double

    public init(_ sample: [Double]) {
        self = sample.withUnsafeBufferPointer { Band($0) }
    }

    static let levels = [0.05, 0.25, 0.50, 0.75, 0.95]

    /// The same band of values read where they lie (`ColumnStatistics`, no copy); values with
    /// a NaN (or an infinity) take the filtered GSL selection.
    public init(_ sample: UnsafeBufferPointer<Double>) {
        if let c = ColumnStatistics.compute(sample, ps: Self.levels, moments: false, antithetic: false, budget: nil, tail: .none) {
            let q = c.quantiles
            self.init(p05: q[0], p25: q[1], p50: q[2], p75: q[3], p95: q[4])
        } else {
            self.init(gsl: Array(sample))
        }
    }

    init(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double) {
        self.p05 = p05; self.p25 = p25; self.p50 = p50; self.p75 = p75; self.p95 = p95
    }

    /// GSL's selection on the NaN-free values (the reference, and the way for NaN).
    init(gsl sample: [Double]) {
        var work = sample.filter { !$0.isNaN }
        let q = Statistics.quantiles(selecting: &work, [0.05, 0.25, 0.50, 0.75, 0.95])
        p05 = q[0]; p25 = q[1]; p50 = q[2]; p75 = q[3]; p95 = q[4]
    }
}
