/// The interest-rate sensitivity (räntekänslighet) of the next three years: +100 bp on
/// every fixing and refinancing after V against the base scenario (rule T17).
public struct Sensitivity: Sendable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// Change in the group's external interest cost.
        public var group: Double
        /// Change in the municipality's own net interest (the same until the internal bank lends on).
        public var municipality: Double
        /// D(V) × 1 pp, the first year pro rata for the days after V.
        public var ruleOfThumb: Double
    }
    public var shift: Double
    public var base: String
    public var years: [Year]
}

/// The treasury section computed: interest per scenario and year, and the sensitivity.
public struct TreasuryRun: Sendable {
    public var valuationDate: Day
    public var debtAtValuation: Double
    public var scenarios: [(name: String, years: [YearFigures])]
    public var baseScenario: String
    public var sensitivity: Sensitivity
    public var assumptions: [String]

    /// Runs every scenario (or only `selected`) over the compiled portfolio.
    static func compute(_ input: TreasuryInput, rates: RatesInput?, selected: String?, log: DiagnosticLog) -> TreasuryRun? {
        let v = input.valuationDate
        let definitions = rates?.scenarios ?? [ScenarioDefinition(
            name: "base", kind: .curve, level: nil, points: [], interpolation: .step, base: nil, shift: nil,
            from: nil, to: nil, overMonths: nil, location: input.location)]
        let built = RatesInput.build(definitions, curve: input.curve, valuationDate: v, at: input.location, log: log)
        guard built.count == definitions.count, !built.isEmpty else { return nil }
        // Rule T16: the base is the scenario named `base`, else the first.
        let base = built.first { $0.name == "base" } ?? built[0]
        var run = built
        if let selected {
            guard let one = built.first(where: { $0.name == selected }) else {
                log.error("unknown scenario '\(selected)'" + Suggest.phrase(for: selected, among: built.map(\.name))
                          + "; the file has \(built.map(\.name).joined(separator: ", "))", at: nil)
                return nil
            }
            run = [one]
        }

        let plan = PortfolioPlan(input)
        var evaluator = PortfolioEvaluator(plan: plan)
        var results: [(String, [YearFigures])] = []
        for (name, scenario) in run {
            evaluator.evaluate(scenario)
            results.append((name, evaluator.figures))
        }

        // Rule T17: +100 bp from V + 1 day on the base; the first three output years.
        evaluator.evaluate(base.scenario)
        let baseYears = evaluator.figures
        let shift = 0.01
        evaluator.evaluate(ShiftScenario(base: base.scenario, shift: shift))
        let shifted = evaluator.figures
        let d = plan.debtAtValuation
        let sensitivity = Sensitivity(shift: shift, base: base.name, years: (0..<min(3, plan.years.count)).map { i in
            let year = plan.years[i]
            let daysInYear = Day.january1(year + 1).serial - Day.january1(year).serial
            let share = i == 0 ? Double(Day.january1(year + 1).serial - 1 - v.serial) / Double(daysInYear) : 1
            let change = shifted[i].externalInterest - baseYears[i].externalInterest
            return Sensitivity.Year(year: year, group: change, municipality: change, ruleOfThumb: d * shift * share)
        })

        var assumptions = [
            "Schedules use unadjusted dates: no business-day adjustment.",
            "Interest is accrued to calendar years by day overlap; years \(plan.years.first!)–\(plan.years.last!) include days before V (rule T1).",
            "Fixed-rate new loans are priced at the scenario's par swap rate (annual 30E/360 fixed leg, discount factors from the scenario's own STIBOR 3M fixings, rules T4–T5) plus the funding spread for the tenor.",
            "The base scenario is '\(base.name)' (rule T16); the sensitivity shifts it by +100 bp from \(v.addingDays(1)) (rule T17).",
        ]
        if let curve = input.curve {
            assumptions.append("Initial curve: zero rates, continuous, ACT/365F, \(curve.interpolation.rawValue) interpolation (rule F8).")
        }
        if input.tenorMix == nil {
            log.warning("no refinancing section: the portfolio runs off as loans mature (rule T6)", at: input.location)
            assumptions.append("No refinancing: maturing loans are not replaced and the debt runs off (rule T6).")
        } else {
            assumptions.append("Repayments in (\(v), \(plan.horizonEnd)] are refinanced the same day on the tenor mix, recursively (rule T6); \(Format.plain(plan.refinancedAmount, .mnkr)) mnkr re-borrowed in all.")
        }
        assumptions += plan.notes
        return TreasuryRun(valuationDate: v, debtAtValuation: d, scenarios: results, baseScenario: base.name,
                           sensitivity: sensitivity, assumptions: assumptions)
    }
}
