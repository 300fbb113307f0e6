/// One scenario's figures for one output year.
public struct YearFigures: Sendable, Equatable {
    public var year: Int
    /// Loans and swaps, accrued (räntekostnad).
    public var externalInterest: Double
    /// The swaps' net cost (pay − receive).
    public var swapNet: Double
    /// All the companies pay, margin included (rule T10), in total and per borrower id.
    public var internalIncome: Double
    public var internalIncomeByBorrower: [Double]
    /// The "of which" margin (rule T10).
    public var marginIncome: Double
    /// Day-weighted average external debt (rule T19).
    public var averageDebt: Double
    public var debtEnd: Double

    /// The municipality's own net interest: external cost − internal income.
    public var municipalityNet: Double { externalInterest - internalIncome }
    /// external interest ÷ average debt (rule T19); nil without debt.
    public var averageFundingRate: Double? { averageDebt > 0 ? externalInterest / averageDebt : nil }
}

/// Evaluates a `PortfolioPlan` under rate scenarios, month by month. Owns its buffers,
/// so evaluating many scenarios (or Monte Carlo paths) allocates nothing after the first —
/// except on a plan with an `EvaluationCache` (in a batch), where each evaluation builds its
/// key and a stored or taken evaluation shares the buffers (the next one copies them).
public struct PortfolioEvaluator {
    public let plan: PortfolioPlan
    private var steps = DiscountSteps()
    /// Par rate + spread (or margin) of each par event in the last evaluation.
    public private(set) var parRates: [Double]
    /// Per month of the last evaluation: external interest, the swaps' part, and the
    /// internal income per borrower (b × months).
    public private(set) var external: [Double]
    public private(set) var swaps: [Double]
    public private(set) var internalIncome: [Double]
    /// The scenario's fixing on each distinct fixing date of the plan (reused buffer).
    private var slotFixings: [Double]

    public init(plan: PortfolioPlan) {
        self.plan = plan
        slotFixings = Array(repeating: 0, count: plan.floating.slotDays.count)
        parRates = Array(repeating: 0, count: plan.parEventCount)
        external = Array(repeating: 0, count: plan.monthCount)
        swaps = external
        internalIncome = Array(repeating: 0, count: plan.monthCount * plan.borrowers.count)
    }

    /// Accrues every month's external interest, swap net and internal income under `scenario`.
    public mutating func evaluate<S: RateScenario>(_ scenario: S) { evaluate(scenario, accruingOnly: false) }

    /// `accruingOnly`: the par rates of events that accrue nothing on the plan's grid, and the
    /// fixings only they read, are not computed (`parRates` keeps stale values for them). Every
    /// month's figures are the same: those events add rate × 0 (issue 20, item 4: rule T26's
    /// split of V's year evaluates every scenario on a grid of two periods, where most
    /// refinancing events lie after it).
    mutating func evaluate<S: RateScenario>(_ scenario: S, accruingOnly: Bool) {
        let f = plan.floating
        let e = plan.parEvents
        func readFixings() {
            for k in f.slotDays.indices where !accruingOnly || e.slotRead[k] { slotFixings[k] = scenario.fixing(Day(serial: f.slotDays[k])) }
        }
        // In a batch: the same plan and scenario were evaluated before (`EvaluationCache`):
        // keyed by the scenario's words (tags 2, 3), else by its fixings (tags 0, 1).
        guard let cache = plan.evaluations else {
            readFixings()
            return accrue(accruingOnly: accruingOnly)
        }
        var key: [UInt64]
        if let words = ScenarioKey.words(scenario) {
            key = [accruingOnly ? 3 : 2] + words
        } else {
            readFixings()
            key = [UInt64](repeating: 0, count: slotFixings.count + 1)
            key[0] = accruingOnly ? 1 : 0
            for k in slotFixings.indices where !accruingOnly || e.slotRead[k] { key[k + 1] = slotFixings[k].bitPattern }
        }
        if let hit = cache.evaluation(key) {
            external = hit.external; swaps = hit.swaps; internalIncome = hit.internalIncome; parRates = hit.parRates
            return
        }
        if key[0] >= 2 { readFixings() }
        accrue(accruingOnly: accruingOnly)
        cache.store(key, .init(external: external, swaps: swaps, internalIncome: internalIncome, parRates: parRates))
    }

    /// The evaluation from `slotFixings` (set from the scenario by `evaluate`).
    private mutating func accrue(accruingOnly: Bool) {
        let nm = plan.monthCount
        for m in 0..<nm {
            swaps[m] = plan.swapFixedLegs[m]
            external[m] = plan.fixedLoanInterest[m] + plan.swapFixedLegs[m]
        }
        for i in internalIncome.indices { internalIncome[i] = plan.internalFixed[i] }

        let f = plan.floating
        let e = plan.parEvents
        for i in f.factor.indices {
            let slot = Int(f.fixSlot[i])
            let reference = slot < 0 ? f.fixed[i] : slotFixings[slot]
            let amount = f.factor[i] * (max(f.floor[i], reference) + f.margin[i])
            let first = Int(f.monthFirst[i]), w0 = Int(f.weightStart[i]), target = Int(f.target[i])
            for j in 0..<Int(f.monthCount[i]) {
                let x = amount * f.weights[w0 + j]
                switch target {
                case -1: external[first + j] += x
                case -2: external[first + j] += x; swaps[first + j] += x
                default: internalIncome[target * nm + first + j] += x
                }
            }
        }

        // Loans priced at par on a date: par(date, tenor) under this scenario + spread or margin.
        var current = -1
        for k in e.tenor.indices where !accruingOnly || e.accrues[k] {
            let di = e.dateIndex[k]
            if di != current {
                let first = e.stepStart[di]
                let fixings = slotFixings
                steps.reset(days: e.stepDays[first..<e.stepStart[di + 1]]) { fixings[Int(e.stepSlot[first + $0])] }
                current = di
            }
            let rate = steps.parRate(payDays: e.payDays[e.payStart[k]..<e.payStart[k + 1]],
                                     fractions: e.payFractions[e.payStart[k]..<e.payStart[k + 1]]) + e.add[k]
            parRates[k] = rate
            let base = k * nm, target = Int(e.target[k])
            if target < 0 {
                for m in 0..<nm { external[m] += rate * e.accrual[base + m] }
            } else {
                for m in 0..<nm { internalIncome[target * nm + m] += rate * e.accrual[base + m] }
            }
        }

        // Pass-through: each borrower's day-weighted share of the month's external cost (rule T9).
        for b in plan.borrowers.indices {
            for m in 0..<nm where plan.passThroughDays[b * nm + m] > 0 {
                let share = plan.debtDays[m] > 0 ? plan.passThroughDays[b * nm + m] / plan.debtDays[m] : 0
                internalIncome[b * nm + m] += share * external[m] + plan.passThroughMargin[b * nm + m]
            }
        }
    }

    /// The year figures of the last evaluation.
    public var figures: [YearFigures] {
        let nm = plan.monthCount, nb = plan.borrowers.count
        return plan.years.indices.map { y in
            var ext = 0.0, swap = 0.0, margin = 0.0
            var byBorrower = [Double](repeating: 0, count: nb)
            for m in (12 * y)..<(12 * y + 12) {
                ext += external[m]
                swap += swaps[m]
                for b in 0..<nb {
                    byBorrower[b] += internalIncome[b * nm + m]
                    margin += plan.marginIncome[b * nm + m]
                }
            }
            return YearFigures(year: plan.years[y], externalInterest: ext, swapNet: swap,
                               internalIncome: byBorrower.reduce(0, +), internalIncomeByBorrower: byBorrower,
                               marginIncome: margin, averageDebt: plan.averageDebt[y], debtEnd: plan.debtEnd[y])
        }
    }
}
