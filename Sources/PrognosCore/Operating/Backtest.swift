/// Which method would have been right in earlier years (operating.md, Backtest): each
/// method applied as of month M of every complete prior year, with only what was known
/// then, against that year's outcome.
public struct Backtest: Sendable {
    public struct MethodResult: Sendable, Equatable {
        public var years: [Int] = []
        public var forecasts: [Double] = []
        public var outcomes: [Double] = []
        /// e_y = F_y − outcome_y.
        public var errors: [Double] { zip(forecasts, outcomes).map { $0 - $1 } }
        public var n: Int { years.count }
        /// Mean absolute error.
        public var mae: Double? { n > 0 ? errors.reduce(0) { $0 + abs($1) } / Double(n) : nil }
        /// Mean of |e| / |outcome|, zero outcomes skipped (rule O5); a fraction.
        public var mape: Double? {
            let pairs = zip(errors, outcomes).filter { $0.1 != 0 }
            return pairs.isEmpty ? nil : pairs.reduce(0) { $0 + abs($1.0) / abs($1.1) } / Double(pairs.count)
        }
        /// Mean error (positive = the method over-forecast).
        public var bias: Double? { n > 0 ? errors.reduce(0, +) / Double(n) : nil }
    }

    /// Per method, in the order budget_remaining, run_rate, profile, trend.
    public var methods: [(method: Projection.Method, result: MethodResult)]
    /// The lowest MAE over the method's own years; ties to the earlier method (rule O4).
    public var recommended: Projection.Method?

    public func result(_ m: Projection.Method) -> MethodResult? { methods.first { $0.method == m }?.result }

    public static func run(_ known: Projection.Known, workspace: LeastSquares.Workspace) -> Backtest {
        var out: [(Projection.Method, MethodResult)] = Projection.Method.allCases.map { ($0, MethodResult()) }
        for y in known.history.keys.sorted() where y < known.year {
            guard let s = known.history[y], s.isComplete, let k = known.asOf(y) else { continue }
            let outcome = s.actual.reduce(0, +)
            for i in out.indices {
                if case .success(let f) = Projection.run(out[i].0, k, workspace: workspace) {
                    out[i].1.years.append(y)
                    out[i].1.forecasts.append(f)
                    out[i].1.outcomes.append(outcome)
                }
            }
        }
        var best: (Projection.Method, Double)?
        for (m, r) in out {
            guard let mae = r.mae else { continue }
            if best == nil || mae < best!.1 { best = (m, mae) }
        }
        return Backtest(methods: out, recommended: best?.0)
    }
}

/// An uncertainty band P10/P50/P90 (operating.md, Uncertainty band).
public struct ForecastBand: Sendable, Equatable {
    public var p10: Double, p50: Double, p90: Double

    public init(p10: Double, p50: Double, p90: Double) {
        self.p10 = p10; self.p50 = p50; self.p90 = p90
    }

    /// From a backtest: relative errors ε_y = outcome_y / F_y − 1 give F (1 + q_p(ε)); with
    /// `absolute` (result units, forecasts near zero, rule O11) F + q_p(outcome_y − F_y).
    /// q_p is GSL's interpolated quantile of the sorted sample. `adjustments` are added (O7).
    /// Nil with fewer than 3 years.
    public static func from(_ r: Backtest.MethodResult, forecast f: Double, absolute: Bool, adjustments: Double) -> ForecastBand? {
        guard r.n >= 3 else { return nil }
        var e = zip(r.forecasts, r.outcomes).map { absolute ? $1 - $0 : $1 / $0 - 1 }
        Statistics.sort(&e)
        func q(_ p: Double) -> Double {
            let x = Statistics.quantile(sorted: e, p: p)!
            return (absolute ? f + x : f * (1 + x)) + adjustments
        }
        return ForecastBand(p10: q(0.10), p50: q(0.50), p90: q(0.90))
    }
}
