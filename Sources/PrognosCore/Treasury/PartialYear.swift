/// Rule T26: an output year that starts before V, split into its realised part (1 January to
/// the day before V, from the fixing history) and its forecast part (V to 31 December).
public struct PartialYear: Sendable, Equatable {
    /// The amounts of one part of the year.
    public struct Part: Sendable, Equatable {
        public var from: Day, to: Day
        public var externalInterest: Double
        public var swapNet: Double
        public var internalIncome: Double
        public var marginIncome: Double
        public var municipalityNet: Double { externalInterest - internalIncome }
    }
    public var year: Int
    public var realised: Part
    public var forecast: Part

    /// Each scenario's split of V's year, or nil when V is 1 January (no day of the year is
    /// realised). The realised part accrues over [1 January, V) on a two-period grid of the same
    /// portfolio; the forecast part is the year's figure less it, so the two add up to the year.
    static func split(_ input: TreasuryInput, scenarios: [(name: String, scenario: any RateScenario)],
                                       years: [String: [YearFigures]], planKey: PlanKey? = nil) -> (parts: [String: PartialYear], fallbacks: Int)? {
        let v = input.valuationDate
        let january = Day.january1(v.year), next = Day.january1(v.year + 1)
        guard v > january else { return nil }
        let plan = PlanCache.plan(input, monthGrid: [january.serial, v.serial, next.serial], key: planKey)
        var evaluator = PortfolioEvaluator(plan: plan)
        let nb = plan.borrowers.count
        var parts: [String: PartialYear] = [:]
        for (name, scenario) in scenarios {
            guard let whole = years[name]?.first else { continue }
            evaluator.evaluate(scenario, accruingOnly: true)
            var income = 0.0, margin = 0.0
            for b in 0..<nb {
                income += evaluator.internalIncome[b * 2]
                margin += plan.marginIncome[b * 2]
            }
            let realised = Part(from: january, to: v.addingDays(-1), externalInterest: evaluator.external[0],
                                swapNet: evaluator.swaps[0], internalIncome: income, marginIncome: margin)
            let forecast = Part(from: v, to: next.addingDays(-1), externalInterest: whole.externalInterest - realised.externalInterest,
                                swapNet: whole.swapNet - realised.swapNet, internalIncome: whole.internalIncome - realised.internalIncome,
                                marginIncome: whole.marginIncome - realised.marginIncome)
            parts[name] = PartialYear(year: v.year, realised: realised, forecast: forecast)
        }
        return (parts, plan.preValuationFallbacks)
    }
}
