/// Rule P2's policy verdict of a mix: the base scenario's portfolio, refinanced on the mix,
/// keeps every `treasury.policy` limit at each 31 December of the horizon (rule T13's
/// year-end metrics). No policy limit depends on rates (they are shares and times of
/// notional), so the new fixed loans' rates are not needed and the plan is not evaluated.
struct FrontierPolicy: Sendable {
    let input: TreasuryInput
    let base: any RateScenario

    /// Nil when the rate scenarios cannot be built (their errors are the run's).
    init?(_ input: TreasuryInput, rates: RatesInput?) {
        let log = DiagnosticLog()
        let definitions = rates?.scenarios ?? [ScenarioDefinition(
            name: "base", kind: .curve, level: nil, points: [], interpolation: .step, base: nil, shift: nil,
            from: nil, to: nil, overMonths: nil, location: input.location)]
        let built = RatesInput.build(definitions, curve: input.curve, valuationDate: input.valuationDate, at: input.location, log: log)
        guard !built.isEmpty, built.count == definitions.count else { return nil }
        self.input = input
        base = (built.first { $0.name == "base" } ?? built[0]).scenario   // rule T16
    }

    /// Whether every limit holds at every year end with the portfolio refinanced on `mix`.
    func holds(_ mix: [MixEntry]) -> Bool {
        guard !input.policy.isEmpty else { return true }
        var treasury = input
        treasury.tenorMix = mix.filter { $0.share > 0 }.map { TenorMixEntry(tenor: $0.candidate.tenor, kind: $0.candidate.kind, share: $0.share) }
        // The instruments and schedules only: the metrics read nothing else of a plan.
        let schedule = PortfolioPlan.schedule(treasury)
        let portfolio = MetricsPortfolio(treasury, schedule: schedule, parRates: Array(repeating: 0, count: schedule.parEventCount))
        for year in schedule.years {
            let m = portfolio.metrics(at: Day(year: year, month: 12, day: 31)!, base, curve: nil)
            for limit in input.policy where !limit.holds(m.value(of: limit.rule)) { return false }
        }
        return true
    }
}
