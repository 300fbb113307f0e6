import Foundation

/// A scenario computed: what `prognos run` renders.
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    public var operating: OperatingStatement?
    public var treasury: TreasuryRun?
    public var simulation: SimulationRun?
    public var investments: InvestmentRun?
    /// Warnings from reading and computing, in order.
    public var warnings: [Diagnostic]

    /// `prognos simulate`: the simulation alone (its JSON equals a merge of its parts).
    public var isSimulationOnly: Bool { simulation != nil && treasury == nil }

    /// Errors that do not stop the output but fail the run (exit 65): rows that do
    /// not reconcile with a printed total (rule O8).
    public var failures: [Diagnostic] {
        guard let o = operating else { return [] }
        return o.reconciliationErrors.map { r in
            Diagnostic(.error, r.message(unit: o.unit, rows: o.units.filter { $0.isLeaf && $0.reportedAs == .netCost }.count),
                       at: r.location)
        }
    }

    /// Every broken finance-policy limit, as a sentence: rule, date, value and limit.
    /// Each broken limit as the catalogue's `policy.breach` line (`--check-policy`).
    public var policyBreaches: [Message] {
        (treasury?.policy ?? []).filter { !$0.ok }.map { c in
            let years = c.limit.rule.isYears
            return Message(.policyBreach, .term(sv: c.limit.rule.name(.sv), en: c.limit.rule.name(.en)), .text(c.date.description),
                           .policyValue(c.value, years: years), .limit(min: c.limit.min, max: c.limit.max, years: years))
        }
    }

    /// Computes every section the scenario has. Input errors found while computing
    /// (a unit without budget …) are thrown, all of them.
    /// What a run does with a `simulation` section.
    public enum SimulationMode: Sendable { case skip, ifPresent, only }

    public static func compute(_ scenario: Scenario, selectedScenario: String? = nil, simulation mode: SimulationMode = .skip,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> ScenarioRun {
        if mode == .only {
            guard let settings = scenario.simulation, let treasury = scenario.treasury else {
                throw InputFailure(.badInput, "\(scenario.file) has no simulation section (and treasury) to simulate")
            }
            let sim = try SimulationRun.compute(treasury, settings: settings, threads: threads, progress: progress)
            return ScenarioRun(scenario: scenario, operating: nil, treasury: nil, simulation: sim, investments: nil,
                               warnings: scenario.warnings)
        }
        let log = DiagnosticLog()
        var treasury: TreasuryRun?
        if let input = scenario.treasury {
            treasury = TreasuryRun.compute(input, rates: scenario.rates, selected: selectedScenario, log: log)
        } else if let selectedScenario {
            log.error("--scenario \(selectedScenario): the file has no treasury section to run scenarios on", at: nil)
        }
        var investments: InvestmentRun?
        if let input = scenario.investments, let asOf = scenario.asOf {
            var market: (String, [Double])?
            if input.interestBasis == .market, let t = treasury {
                // Align the treasury's months (from January of V's year) with the fiscal year's.
                let offset = ((scenario.fiscalYear ?? asOf.year) - t.valuationDate.year) * 12
                market = (t.fundingRateScenario, Array(t.monthlyFundingRate.dropFirst(max(0, offset))))
            }
            investments = InvestmentRun.compute(input, fiscalYear: scenario.fiscalYear ?? asOf.year, month: asOf.month,
                                                unit: scenario.unit, market: market, log: log)
        }
        var operating: OperatingStatement?
        if var input = scenario.operating, let asOf = scenario.asOf {
            // `{from: capital_costs}` adjustments take the unit's capital-cost change.
            for i in input.units.indices {
                guard var f = input.units[i].forecast else { continue }
                for j in f.adjustments.indices where f.adjustments[j].source == "capital_costs" {
                    guard let inv = investments else {
                        log.error("unit '\(input.units[i].id)' takes an adjustment from capital_costs, but the file has no investments section",
                                  at: input.units[i].location)
                        continue
                    }
                    f.adjustments[j].amount = inv.costChange(unit: input.units[i].id) ?? 0
                }
                input.units[i].forecast = f
            }
            operating = OperatingStatement.compute(input, asOf: asOf, fiscalYear: scenario.fiscalYear ?? asOf.year,
                                                   unit: scenario.unit, log: log)
        }
        try log.throwIfErrors()
        var simulation: SimulationRun?
        if mode == .ifPresent, let settings = scenario.simulation, let input = scenario.treasury {
            simulation = try SimulationRun.compute(input, settings: settings, threads: threads, plan: treasury?.plan, progress: progress)
        }
        return ScenarioRun(scenario: scenario, operating: operating, treasury: treasury, simulation: simulation,
                           investments: investments, warnings: scenario.warnings + log.warnings)
    }
}
