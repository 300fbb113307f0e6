/// The year-end projection methods (operating.md, Projection methods), as of month M of
/// year Y, from the ledger history. Each returns the full-year figure F or why it cannot run.
/// A = actual to date, B = annual budget, B_M = budget to date.
public enum Projection {
    /// The data a method may use: the unit's ledger years and the figures to date.
    public struct Known: Sendable {
        public var history: [Int: MonthlySeries]
        public var year: Int
        public var month: Int
        public var actual: Double?
        public var budget: Double?
        public var budgetToDate: Double?
        /// Years of history (`forecast.years`, default 3).
        public var years: Int

        public init(history: [Int: MonthlySeries], year: Int, month: Int, actual: Double?, budget: Double?,
                    budgetToDate: Double?, years: Int) {
            self.history = history; self.year = year; self.month = month; self.actual = actual
            self.budget = budget; self.budgetToDate = budgetToDate; self.years = years
        }

        /// What was known as of month M of an earlier year y (for the backtest): its own
        /// months ≤ M, its budget, and the years before it. The methods read no later data
        /// (profile: complete years before `year`; trend: up to month M of `year`), so the
        /// history itself need not be cut.
        func asOf(_ y: Int) -> Known? {
            guard let s = history[y] else { return nil }
            let budgetComplete = !s.budget.contains { $0.isNaN }
            return Known(history: history, year: y, month: month,
                         actual: s.actualThrough(month), budget: budgetComplete ? s.budget.reduce(0, +) : nil,
                         budgetToDate: budgetComplete ? s.budgetThrough(month) : nil, years: years)
        }
    }

    public enum Method: String, Sendable, CaseIterable {
        case budgetRemaining = "budget_remaining", runRate = "run_rate", profile, trend
    }

    public static func run(_ method: Method, _ k: Known, workspace: LeastSquares.Workspace) -> Result<Double, ProjectionFailure> {
        switch method {
        case .budgetRemaining: return budgetRemaining(k)
        case .runRate: return runRate(k)
        case .profile: return profile(k)
        case .trend: return trend(k, workspace: workspace)
        }
    }

    /// F = A + (B − B_M): the remaining months follow budget.
    public static func budgetRemaining(_ k: Known) -> Result<Double, ProjectionFailure> {
        guard let a = k.actual else { return .failure("needs the actual to date") }
        guard let b = k.budget, let bm = k.budgetToDate else { return .failure("needs the annual budget and the budget to date") }
        return .success(a + (b - bm))
    }

    /// F = A × 12 / M.
    public static func runRate(_ k: Known) -> Result<Double, ProjectionFailure> {
        guard let a = k.actual else { return .failure("needs the actual to date") }
        return .success(a * 12 / Double(k.month))
    }

    /// F = A / s_M, s_M = Σ_y Σ_{m≤M} h_{y,m} / Σ_y Σ_{m≤12} h_{y,m} over the last `years`
    /// complete prior years (rule O3: ≥ 1); s_M outside (0.01, 1] cannot be used.
    public static func profile(_ k: Known) -> Result<Double, ProjectionFailure> {
        guard let a = k.actual else { return .failure("needs the actual to date") }
        let complete = k.history.filter { $0.key < k.year && $0.value.isComplete }.keys.sorted().suffix(k.years)
        guard !complete.isEmpty else { return .failure("needs 1 complete prior year of monthly actuals") }
        var toDate = 0.0, whole = 0.0
        for y in complete {
            let s = k.history[y]!
            toDate += s.actual[0..<k.month].reduce(0, +)
            whole += s.actual.reduce(0, +)
        }
        let share = whole != 0 ? toDate / whole : .nan
        guard share > 0.01 && share <= 1 else {
            return .failure("the seasonal share s_M = \(share.isNaN ? "undefined" : Format.grouped(share, decimals: 4, decimalMark: ".", groupMark: "")) is outside (0.01, 1]")
        }
        return .success(a / share)
    }

    /// F = A + Σ_{m>M} ŷ_m, ŷ from ordinary least squares (GSL) of the monthly actuals on a
    /// linear trend and 11 month dummies, over the last `years` years of history and this
    /// year's months ≤ M; needs ≥ 24 observations (rule O3) and each remaining month seen.
    public static func trend(_ k: Known, workspace: LeastSquares.Workspace) -> Result<Double, ProjectionFailure> {
        guard let a = k.actual else { return .failure("needs the actual to date") }
        let first = k.year - k.years
        var observations: [(t: Double, month: Int, y: Double)] = []
        for year in first...k.year {
            guard let s = k.history[year] else { continue }
            let last = year == k.year ? k.month : 12
            for m in 0..<last where !s.actual[m].isNaN {
                observations.append((Double((year - first) * 12 + m), m, s.actual[m]))
            }
        }
        guard observations.count >= 24 else {
            return .failure("needs 24 monthly observations, has \(observations.count)")
        }
        var seen = [Bool](repeating: false, count: 12)
        for o in observations { seen[o.month] = true }
        if let missing = (k.month..<12).first(where: { !seen[$0] }) {
            return .failure("month \(missing + 1) never appears in the history")
        }
        let c = UnsafeMutablePointer<Double>.allocate(capacity: 13)
        defer { c.deallocate() }
        do {
            try workspace.fit(rows: observations.count, columns: 13, coefficients: c) { i, x in
                let o = observations[i]
                x[0] = 1
                x[1] = o.t
                for j in 1..<12 { x[j + 1] = o.month == j ? 1 : 0 }
                return o.y
            }
        } catch {
            return .failure("the least-squares fit failed: \(error.description)")
        }
        var rest = 0.0
        for m in k.month..<12 {
            let t = Double((k.year - first) * 12 + m)
            rest += c[0] + c[1] * t + (m > 0 ? c[m + 1] : 0)
        }
        return .success(a + rest)
    }
}

/// Why a projection method cannot run for a unit.
public struct ProjectionFailure: Error, Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let reason: String
    public init(stringLiteral value: String) { reason = value }
    public var description: String { reason }
}
