/// The interest-rate sensitivity (räntekänslighet) of the next three years: +100 bp on
/// every fixing and refinancing after V against the base scenario (rule T17).
public struct Sensitivity: Sendable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// Change in the group's external interest cost.
        public var group: Double
        /// Change in the municipality's own net interest (external − internal income).
        public var municipality: Double
        /// D(V) × 1 pp, the first year pro rata for the days after V.
        public var ruleOfThumb: Double
    }
    public var shift: Double
    public var base: String
    public var years: [Year]
    /// The shifted base scenario's years (the "+1 pp" column of the tables).
    public var shiftedYears: [YearFigures]
}

/// The treasury section computed: interest per scenario and year, the internal bank,
/// metrics and policy verdicts, the sensitivity and the equity ratio.
public struct TreasuryRun: Sendable {
    public var valuationDate: Day
    public var debtAtValuation: Double
    /// Borrower ids (the order of `internalIncomeByBorrower`) and their names.
    public var borrowers: [(id: String, name: String)]
    public var scenarios: [(name: String, years: [YearFigures])]
    public var baseScenario: String
    public var sensitivity: Sensitivity
    public var metrics: PortfolioMetrics
    public var metricsYearEnd: [PortfolioMetrics]
    public var ladders: Ladders
    public var policy: [PolicyCheck]
    public var policyOK: Bool { policy.allSatisfy(\.ok) }
    public var balance: EquityRatios?
    public var interestBudget: [Int: Double]
    public var assumptions: [Message]
    /// The selected (else base) scenario's funding rate per calendar month from January of
    /// V's year: accrued external interest ÷ (debt × days/365), for market capital costs (C9).
    public var fundingRateScenario: String
    public var monthlyFundingRate: [Double]
    /// Added with issue 19: each scenario's label (by name), the swap book's value per scenario
    /// at V and each 31 December (rule T24, swaps in `swapIds` order), last year's comparatives.
    public var scenarioLabels: [String: String] = [:]
    /// True when the file has no `rates` section: the one scenario is Prognos's own `base` (the
    /// initial curve's forwards), labelled in the reader's language where the result is made.
    public var implicitBase = false
    /// The label of that scenario, as the report names the forwards' scenario.
    public static let implicitBaseLabel = MessageArg.term(sv: "Terminskurvan", en: "Forward curve")
    public var swapIds: [String] = []
    public var swapValues: [String: [SwapValuation]] = [:]
    public var comparatives: TreasuryComparatives? = nil
    /// Rule T26: each scenario's split of V's year into realised and forecast parts (by name;
    /// empty when V is 1 January).
    public var partialYears: [String: PartialYear] = [:]
    /// Rule T25: the borrowing need per year with `from_investments` (nil without it).
    public var borrowingNeed: [(year: Int, amount: Double)]? = nil
    /// The compiled portfolio the scenarios ran on; a simulation of the same input in the
    /// same process reuses it instead of compiling it again (`SimulationRun.compute`).
    let plan: PortfolioPlan

    /// Runs every scenario (or only `selected`) over the compiled portfolio.
    /// `evaluations`: a cache to keep this plan's evaluations, swap values and metrics in (tests;
    /// a batch's plans get theirs from `PlanCache`).
    static func compute(_ input: TreasuryInput, rates: RatesInput?, selected: String?, log: DiagnosticLog,
                        evaluations: EvaluationCache? = nil) -> TreasuryRun? {
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

        let planKey = PlanCache.key(input)
        var plan = PlanCache.plan(input, key: planKey)
        if let evaluations { plan.evaluations = evaluations }
        var evaluator = PortfolioEvaluator(plan: plan)
        func fundingRates() -> [Double] {
            (0..<plan.monthCount).map { m in plan.debtDays[m] > 0 ? evaluator.external[m] * 365 / plan.debtDays[m] : 0 }
        }
        // Rule T17: +100 bp from V + 1 day on the base; the first three output years.
        let shift = 0.01
        evaluator.evaluate(ShiftScenario(base: base.scenario, shift: shift))
        let shifted = evaluator.figures
        // The selected scenario's monthly funding rate (rule C9), when it is not the base.
        let chosen = selected.flatMap { name in built.first { $0.name == name } } ?? base
        var funding: [Double] = []
        // Every scenario, the base last: the evaluator then holds the base for the metrics.
        var figures: [String: [YearFigures]] = [:]
        for (name, scenario) in run where name != base.name {
            evaluator.evaluate(scenario)
            figures[name] = evaluator.figures
            if name == chosen.name { funding = fundingRates() }
        }
        evaluator.evaluate(base.scenario)
        let baseYears = evaluator.figures
        figures[base.name] = baseYears
        if chosen.name == base.name { funding = fundingRates() }
        let results = run.map { ($0.name, figures[$0.name]!) }
        let d = plan.debtAtValuation
        let sensitivity = Sensitivity(shift: shift, base: base.name, years: (0..<min(3, plan.years.count)).map { i in
            let year = plan.years[i]
            let daysInYear = Day.january1(year + 1).serial - Day.january1(year).serial
            let share = i == 0 ? Double(Day.january1(year + 1).serial - 1 - v.serial) / Double(daysInYear) : 1
            return Sensitivity.Year(year: year, group: shifted[i].externalInterest - baseYears[i].externalInterest,
                                    municipality: shifted[i].municipalityNet - baseYears[i].municipalityNet,
                                    ruleOfThumb: d * shift * share)
        }, shiftedYears: shifted)

        // Metrics at V and each 31 December under the base scenario (rule T13). In a batch they
        // and the swap values are kept with the plan (`EvaluationCache`), the portfolio they are
        // read from built only when one is not.
        var metricsPortfolio: MetricsPortfolio? = nil
        let parRates = evaluator.parRates
        func portfolio() -> MetricsPortfolio {
            if let metricsPortfolio { return metricsPortfolio }
            let made = MetricsPortfolio(input, plan: plan, parRates: parRates)
            metricsPortfolio = made
            return made
        }
        func computeMetrics() -> EvaluationCache.Metrics {
            let p = portfolio()
            return .init(atValuation: p.metrics(at: v, base.scenario, curve: input.curve),
                         yearEnd: plan.years.map { p.metrics(at: Day(year: $0, month: 12, day: 31)!, base.scenario, curve: nil) },
                         ladders: p.ladders(base.scenario, existingLoans: input.loans.count))
        }
        let kept: EvaluationCache.Metrics
        if let cache = plan.evaluations, let words = ScenarioKey.words(base.scenario) {
            kept = cache.metrics.value(MetricsKey.words(base: words, curve: input.curve, input), computeMetrics)
        } else {
            kept = computeMetrics()
        }
        let metrics = kept.atValuation, yearEnd = kept.yearEnd
        var checks: [PolicyCheck] = []
        for m in [metrics] + yearEnd {
            for limit in input.policy {
                let value = m.value(of: limit.rule)
                checks.append(PolicyCheck(limit: limit, date: m.date, value: value, ok: limit.holds(value)))
            }
        }
        for m in [metrics] + yearEnd {
            if let f = m.floatingShare, f < 0 {
                log.warning("the floating share on \(m.date) is \(Format.grouped(f * 100, decimals: 1, decimalMark: ".", groupMark: "")) %: "
                            + "more pay-fixed swaps than floating debt (rule T23)", at: input.location)
            }
        }
        if plan.onLentAtValuation > d + 1e-6 {
            log.warning(Message(.treasuryOnLendingExceeds, .amount(plan.onLentAtValuation, .mnkr), .amount(d, .mnkr)), at: input.location)
        }

        var assumptions = [
            Message(.treasuryUnadjustedDates),
            Message(.treasuryAccrual, .text(String(plan.years.first!)), .text(String(plan.years.last!))),
            Message(.treasuryParPricing),
            // The base by its label where it has one (names, never ids).
            Message(.treasuryBaseScenario, rates == nil ? TreasuryRun.implicitBaseLabel
                        : .text(definitions.first { $0.name == base.name }?.label ?? base.name), .text(v.addingDays(1).description)),
            Message(.treasuryMetricsBase),
        ]
        if let curve = input.curve {
            assumptions.append(Message(.treasuryInitialCurve, curve.interpolation.term))
        }
        if input.tenorMix == nil {
            log.warning(Message(.treasuryNoRefinancingWarning), at: input.location)
            assumptions.append(Message(.treasuryNoRefinancing))
        } else {
            assumptions.append(Message(.treasuryRefinanced, .text(v.description), .text(plan.horizonEnd.description),
                                       .amount(plan.refinancedAmount, .mnkr)))
        }
        if let bank = input.internalBank {
            assumptions.append(Message(.treasuryInternalLoans, bank.pricing.term, .percent(bank.margin, decimals: 2)))
        }
        assumptions += plan.notes
        let names = input.internalBank.map { bank in
            plan.borrowers.map { id in (id, bank.borrowers.first { $0.id == id }?.name ?? id) }
        } ?? []
        assumptions.append(Message(.treasuryLenderShares, .text(LenderShares.unknown)))
        assumptions.append(Message(.treasuryCalendarFixing))
        if !input.swaps.isEmpty {
            assumptions.append(Message(.treasurySwapValues))
        }
        for def in definitions where def.kind == .policyPath {
            let spread = Format.grouped((def.spread ?? 0) * 10000, decimals: 0, decimalMark: ".", groupMark: "")
            assumptions.append(Message(def.effective == .nextWednesday ? .treasuryPolicyPathWednesday : .treasuryPolicyPath, .text(def.label ?? def.name), .text(spread)))
        }
        let swapDates = [v] + plan.years.map { Day(year: $0, month: 12, day: 31)! }
        var swapValues: [String: [SwapValuation]] = [:]
        let book = plan.evaluations.map { _ in SwapBookKey.words(input, dates: swapDates) }
        for (name, scenario) in run {
            if let cache = plan.evaluations, let book, let words = ScenarioKey.words(scenario) {
                swapValues[name] = cache.swapValueStore.value(book + words) { portfolio().swapValues(at: swapDates, scenario) }
            } else {
                swapValues[name] = portfolio().swapValues(at: swapDates, scenario)
            }
        }
        var out = TreasuryRun(valuationDate: v, debtAtValuation: d, borrowers: names, scenarios: results, baseScenario: base.name,
                           sensitivity: sensitivity, metrics: metrics, metricsYearEnd: yearEnd,
                           ladders: kept.ladders, policy: checks,
                           balance: input.balanceSheet.map { EquityRatios($0, onLent: plan.onLentAtValuation) },
                           interestBudget: input.interestBudget, assumptions: assumptions,
                           fundingRateScenario: chosen.name, monthlyFundingRate: funding, plan: plan)
        out.scenarioLabels = Dictionary(definitions.compactMap { d in d.label.map { (d.name, $0) } }, uniquingKeysWith: { a, _ in a })
        out.implicitBase = rates == nil
        out.swapIds = input.swaps.map(\.id)
        out.swapValues = swapValues
        out.comparatives = input.comparatives
        if input.fromInvestments != nil {
            out.borrowingNeed = BorrowingNeed.byYear(input.borrowingNeed)
            out.assumptions.append(Message(.treasuryBorrowingNeed))
        }
        if let split = PartialYear.split(input, scenarios: run, years: figures, planKey: planKey) {
            out.partialYears = split.parts
            out.assumptions.append(Message(.treasuryPartialYear, .int(v.year), .text(v.addingDays(-1).description)))
            if split.fallbacks > 0 {
                out.assumptions.append(Message(.treasuryPartialYearFallback, .int(v.year), .int(split.fallbacks)))
            }
        }
        return out
    }
}
