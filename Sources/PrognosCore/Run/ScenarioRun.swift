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
    /// The municipality's result and balanskravsutredning (spec/result.md), with its Monte Carlo where simulated.
    public var result: ResultRun? = nil

    /// `prognos simulate`: the simulation alone (its JSON equals a merge of its parts).
    public var isSimulationOnly: Bool { simulation != nil && treasury == nil }

    /// Reconciliation errors (rules O8, O14–O16, O21, C12): a plain `run` writes every output,
    /// marks them and exits 0; `validate` and `run --strict` fail with them (exit 65).
    public var failures: [Diagnostic] {
        var out: [Diagnostic] = []
        if let o = operating {
            let rows = o.units.filter { $0.isLeaf && $0.reportedAs == .netCost }.count
            out += o.reconciliationErrors.map { r in
                Diagnostic(.error, r.detailMessage ?? r.catalogued(unit: o.unit, rows: rows), at: r.location)
            }
        }
        if let inv = investments {
            out += inv.reconciliationErrors.map { Diagnostic(.error, inv.message($0, unit: scenario.unit), at: $0.location) }
        }
        return out
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

    /// The overrides of one top-level section as notes ("Ändrat från filen …: KEY = VALUE.").
    static func changeNotes(_ scenario: Scenario, section: String) -> [Message] {
        scenario.changes.filter { $0.path.first?.key == section }.map { Message(.whatIfChanged, .text($0.pathText), .text($0.value.flowText)) }
    }

    public static func compute(_ scenario: Scenario, selectedScenario: String? = nil, simulation mode: SimulationMode = .skip,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> ScenarioRun {
        if mode == .only {
            guard let settings = scenario.simulation, let treasury = scenario.treasury else {
                throw InputFailure(.badInput, "\(scenario.file) has no simulation section (and treasury) to simulate")
            }
            // The result's deterministic figures complete its Monte Carlo (spec/result.md R6).
            let deterministic = scenario.result == nil ? nil : try compute(scenario, selectedScenario: nil, simulation: .skip).result
            let (sim, result) = try SimulationRun.compute(treasury, settings: settings, threads: threads, result: deterministic, progress: progress)
            return ScenarioRun(scenario: scenario, operating: nil, treasury: nil, simulation: sim, investments: nil,
                               warnings: scenario.warnings, result: result)
        }
        let log = DiagnosticLog()
        var treasury: TreasuryRun?
        if let input = scenario.treasury {
            treasury = TreasuryRun.compute(input, rates: scenario.rates, selected: selectedScenario, log: log)
            treasury?.assumptions += TreasuryRun.changeNotes(scenario, selected: selectedScenario)
        } else if let selectedScenario {
            log.error("--scenario \(selectedScenario): the file has no treasury section to run scenarios on", at: nil)
        }
        var investments: InvestmentRun?
        var marketRates: (String, [Double])?
        if let input = scenario.investments, let asOf = scenario.asOf {
            var market: (String, [Double])?
            if input.interestBasis == .market, let t = treasury {
                // Align the treasury's months (from January of V's year) with the fiscal year's.
                let offset = ((scenario.fiscalYear ?? asOf.year) - t.valuationDate.year) * 12
                market = (t.fundingRateScenario, Array(t.monthlyFundingRate.dropFirst(max(0, offset))))
            }
            marketRates = market
            investments = InvestmentRun.compute(input, fiscalYear: scenario.fiscalYear ?? asOf.year, month: asOf.month,
                                                unit: scenario.unit, market: market, log: log)
            ProjectRounds.check(input, asOf: asOf, fiscalYear: scenario.fiscalYear ?? asOf.year, log: log)
            if let operating = scenario.operating { InvestmentRun.checkUnits(input, operating: operating, log: log) }
        }
        var operating: OperatingStatement?
        if let input = scenario.operating, let asOf = scenario.asOf {
            // `{from: capital_costs}` adjustments take the unit's capital-cost change.
            operating = operatingStatement(input, asOf: asOf, scenario: scenario, investments: investments, log: log)
        }
        // What-if: each `--set` (or a batch run's sweep value) of the section, key and value as
        // written, among its assumptions; the tables mark the figures it moved (†, ‡).
        operating?.assumptions += Self.changeNotes(scenario, section: "operating")
        investments?.assumptions += Self.changeNotes(scenario, section: "investments")
        var result: ResultRun?
        if let input = scenario.result, let fiscalYear = scenario.fiscalYear ?? scenario.asOf?.year {
            try log.throwIfErrors()
            result = ResultRun.compute(input, fiscalYear: fiscalYear, asOf: scenario.asOf, operating: operating, investments: investments,
                                       treasury: treasury, unit: scenario.unit, log: log)
        } else if scenario.result != nil {
            log.error("the result section needs the fiscal year: give 'as_of' or 'fiscal_year'", at: scenario.result?.location)
        }
        try log.throwIfErrors()
        var simulation: SimulationRun?
        if mode == .ifPresent, let settings = scenario.simulation, let input = scenario.treasury {
            if result != nil {
                (simulation, result) = try SimulationRun.compute(input, settings: settings, threads: threads, plan: treasury?.plan,
                                                                 result: result, progress: progress)
            } else {
                simulation = try SimulationRun.compute(input, settings: settings, threads: threads, plan: treasury?.plan, progress: progress)
            }
        }
        var run = ScenarioRun(scenario: scenario, operating: operating, treasury: treasury, simulation: simulation,
                              investments: investments, warnings: scenario.warnings + log.warnings, result: result)
        run.applyBaseline(market: marketRates)
        return run
    }
}
