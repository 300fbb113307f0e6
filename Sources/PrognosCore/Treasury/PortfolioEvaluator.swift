/// Interest cost per output year of one scenario.
public struct YearFigures: Sendable, Equatable {
    public var year: Int
    /// Loans and swaps, accrued (räntekostnad).
    public var externalInterest: Double
    /// The swaps' net cost (pay − receive).
    public var swapNet: Double
    /// Day-weighted average external debt (rule T19).
    public var averageDebt: Double
    public var debtEnd: Double

    /// external interest ÷ average debt (rule T19); nil without debt.
    public var averageFundingRate: Double? { averageDebt > 0 ? externalInterest / averageDebt : nil }
}

/// Evaluates a `PortfolioPlan` under rate scenarios. Owns its buffers, so evaluating
/// many scenarios (or Monte Carlo paths) allocates nothing after the first.
public struct PortfolioEvaluator {
    public let plan: PortfolioPlan
    private var steps = DiscountSteps()
    private var parRates: [Double]
    public private(set) var interest: [Double]
    public private(set) var swapNet: [Double]

    public init(plan: PortfolioPlan) {
        self.plan = plan
        parRates = Array(repeating: 0, count: plan.refinancing.tenor.count)
        interest = Array(repeating: 0, count: plan.years.count)
        swapNet = interest
    }

    /// Accrues every year's external interest and swap net under `scenario`.
    public mutating func evaluate<S: RateScenario>(_ scenario: S) {
        let n = plan.years.count
        for y in 0..<n {
            swapNet[y] = plan.swapFixedLegs[y]
            interest[y] = plan.fixedLoanInterest[y] + plan.swapFixedLegs[y]
        }
        let f = plan.floating
        for i in f.factor.indices {
            let day = f.fixDay[i]
            let reference = day < 0 ? f.fixed[i] : scenario.fixing(Day(serial: day))
            let amount = f.factor[i] * (max(f.floor[i], reference) + f.margin[i])
            let y0 = Int(f.year0[i]), y1 = Int(f.year1[i])
            interest[y0] += amount * f.weight0[i]
            interest[y1] += amount * f.weight1[i]
            if f.isSwap[i] {
                swapNet[y0] += amount * f.weight0[i]
                swapNet[y1] += amount * f.weight1[i]
            }
        }
        // New fixed loans: par rate on their date under this scenario + funding spread.
        let r = plan.refinancing
        var current = -1
        for e in r.tenor.indices {
            let di = r.dateIndex[e]
            if di != current {
                steps.reset(scenario, from: r.dates[di], through: r.dates[di].addingMonths(r.maxTenorMonths[di]))
                current = di
            }
            let rate = steps.parRate(tenor: r.tenor[e]) + r.spread[e]
            parRates[e] = rate
            let base = e * n
            for y in 0..<n { interest[y] += rate * r.accrual[base + y] }
        }
    }

    /// The year figures of the last evaluation.
    public var figures: [YearFigures] {
        plan.years.indices.map {
            YearFigures(year: plan.years[$0], externalInterest: interest[$0], swapNet: swapNet[$0],
                        averageDebt: plan.averageDebt[$0], debtEnd: plan.debtEnd[$0])
        }
    }
}
