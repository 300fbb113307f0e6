/// Capital costs (kapitalkostnader) month by month: component depreciation and internal
/// interest on book value (capital.md; rules C1–C11), for the fiscal year and the four after
/// it (rule C5), budget against forecast, the deviation split into timing, spend and rate.
public struct CapitalCostEngine: Sendable {
    public let input: InvestmentsInput
    public let fiscalYear: Int
    /// The as-of month M (spend to date is spread over months 1…M).
    public let month: Int
    /// Months from 1 January of the fiscal year: 60 (rule C5).
    public static let months = 60
    /// The rate of each month for the budget (internal rate) and the forecast (internal, or
    /// the scenario's funding rate + margin, rule C9).
    public let budgetRate: [Double]
    public let forecastRate: [Double]

    public init(_ input: InvestmentsInput, fiscalYear: Int, month: Int, marketRate: [Double]? = nil) {
        self.input = input
        self.fiscalYear = fiscalYear
        self.month = month
        budgetRate = (0..<Self.months).map { input.internalRate(fiscalYear + $0 / 12) }
        if input.interestBasis == .market, let market = marketRate, !market.isEmpty {
            // Past the treasury horizon the last month's rate holds.
            forecastRate = (0..<Self.months).map { market[min($0, market.count - 1)] + input.margin }
        } else {
            forecastRate = budgetRate
        }
    }

    /// Monthly depreciation and interest (positive = cost).
    public struct Costs: Sendable, Equatable {
        public var depreciation = [Double](repeating: 0, count: CapitalCostEngine.months)
        public var interest = [Double](repeating: 0, count: CapitalCostEngine.months)

        public init() {}

        public func year(_ y: Int) -> (depreciation: Double, interest: Double) {
            (depreciation[(12 * y)..<(12 * y + 12)].reduce(0, +), interest[(12 * y)..<(12 * y + 12)].reduce(0, +))
        }
        public var fiscalYearTotal: Double { let y = year(0); return y.depreciation + y.interest }

        static func + (a: Costs, b: Costs) -> Costs {
            var c = a
            for m in 0..<CapitalCostEngine.months {
                c.depreciation[m] += b.depreciation[m]
                c.interest[m] += b.interest[m]
            }
            return c
        }
    }

    public enum SpendPlan: Sendable { case budget, forecast }

    /// The fiscal year's spend by month (rule C1). Forecast: `spent_ytd` evenly over 1…M,
    /// the rest of `forecast_spend` by `spend_profile` and evenly over the other months
    /// after M. Budget: `budget_spend` (default `forecast_spend`) evenly over 1…12.
    public func spend(_ p: Project, _ plan: SpendPlan) -> [Double] {
        switch plan {
        case .budget:
            return Array(repeating: (p.budgetSpend ?? p.forecastSpend) / 12, count: 12)
        case .forecast:
            var s = [Double](repeating: 0, count: 12)
            for m in 0..<month { s[m] = p.spentYTD / Double(month) }
            let rest = p.forecastSpend - p.spentYTD - p.spendProfile.values.reduce(0, +)
            let open = (month..<12).filter { p.spendProfile[$0 + 1] == nil }
            for m in month..<12 { s[m] = p.spendProfile[m + 1] ?? (open.isEmpty ? 0 : rest / Double(open.count)) }
            return s
        }
    }

    /// The activation month (from January of the fiscal year) of a date.
    func monthIndex(_ d: Day) -> Int { (d.year - fiscalYear) * 12 + d.month - 1 }

    /// The forecast activation with the delay (rule C3: the project's own delay wins).
    public func forecastActivation(_ p: Project) -> Day? {
        p.forecastActivation.map { $0.addingMonths(p.delayMonths ?? input.delayMonths) }
    }

    /// Capital cost of a project for one variant of plan, dates and rates. Cost at
    /// activation = `wip_opening` + spend before the activation month (or
    /// `cost_at_activation`); spend in or after that month joins the asset on 31 December and
    /// is depreciated from January (rule C1). No activation: work in progress, no cost (C8).
    public func costs(_ p: Project, plan: SpendPlan, activation: Day?, rates: [Double]) -> Costs {
        var c = Costs()
        guard let activation, p.kind.bearsInterest else { return c }
        let a = monthIndex(activation)
        let start = input.depreciationStart == .nextMonth ? a + 1 : a
        let spend = self.spend(p, plan)
        if let whole = p.costAtActivation {
            addAsset(&c, cost: whole, grant: p.forecastIncome, from: start, p.kind, p.components, rates)
            return c
        }
        let before = p.wipOpening + spend[0..<max(0, min(12, a))].reduce(0, +)
        addAsset(&c, cost: before, grant: p.forecastIncome, from: start, p.kind, p.components, rates)
        if a < 12 {
            let after = spend[max(0, a)..<12].reduce(0, +)
            addAsset(&c, cost: after, grant: 0, from: 12, p.kind, p.components, rates)
        }
        return c
    }

    /// Adds one asset from month `start`: per component cost × share / (life × 12) a month
    /// until written off; interest = rate/12 × (book value − unreleased grant) at the start
    /// of the month; a grant is released over the weighted component life (rule C10).
    func addAsset(_ c: inout Costs, cost: Double, grant: Double, from start: Int, _ kind: AssetKind,
                  _ components: [Component], _ rates: [Double]) {
        guard cost != 0, start < Self.months else { return }
        var left = components.map { cost * $0.share }
        let monthly = components.map { cost * $0.share / ($0.life * 12) }
        let averageLife = components.reduce(0) { $0 + $1.share * $1.life }
        let release = kind.depreciates && averageLife > 0 ? grant / (averageLife * 12) : 0
        var book = cost, unreleased = grant
        for m in max(0, start)..<Self.months {
            c.interest[m] += rates[m] / 12 * (book - unreleased)
            guard kind.depreciates else { continue }
            var d = 0.0
            for i in left.indices where left[i] > 0 {
                let x = min(monthly[i], left[i])
                left[i] -= x
                d += x
            }
            let r = min(release, unreleased)
            unreleased -= r
            book -= d
            c.depreciation[m] += d - r
        }
    }

    /// An existing asset (rule C7): straight line over the remaining life from January;
    /// land bears interest only, shares nothing.
    public func costs(_ asset: ExistingAsset, rates: [Double]) -> Costs {
        var c = Costs()
        guard asset.kind.bearsInterest else { return c }
        let lifeComponent = asset.kind.depreciates ? [Component(share: 1, life: asset.remainingLife)] : []
        addAsset(&c, cost: asset.bookValue, grant: 0, from: 0, asset.kind, lifeComponent, rates)
        return c
    }

    /// Budget and forecast of a project for the fiscal year, and the deviation split
    /// sequentially (rule C2): timing (forecast dates), spend (forecast plan), rate.
    public struct Comparison: Sendable, Equatable {
        public var budget: Costs
        public var forecast: Costs
        public var timing: Double, spend: Double, rate: Double
        /// budget − forecast for the fiscal year (positive = favourable).
        public var deviation: Double { timing + spend + rate }
    }

    public func compare(_ p: Project) -> Comparison {
        let forecastDate = forecastActivation(p)
        let b = costs(p, plan: .budget, activation: p.plannedActivation, rates: budgetRate)
        let t1 = costs(p, plan: .budget, activation: forecastDate, rates: budgetRate)
        let t2 = costs(p, plan: .forecast, activation: forecastDate, rates: budgetRate)
        let f = costs(p, plan: .forecast, activation: forecastDate, rates: forecastRate)
        return Comparison(budget: b, forecast: f, timing: b.fiscalYearTotal - t1.fiscalYearTotal,
                          spend: t1.fiscalYearTotal - t2.fiscalYearTotal, rate: t2.fiscalYearTotal - f.fiscalYearTotal)
    }

    public func compare(_ asset: ExistingAsset) -> Comparison {
        let b = costs(asset, rates: budgetRate), f = costs(asset, rates: forecastRate)
        return Comparison(budget: b, forecast: f, timing: 0, spend: 0, rate: b.fiscalYearTotal - f.fiscalYearTotal)
    }
}
