import Foundation

/// A scenario computed: what `prognos run` renders.
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    public var operating: OperatingStatement?
    public var treasury: TreasuryRun?
    public var simulation: SimulationRun?
    /// Warnings from reading and computing, in order.
    public var warnings: [Diagnostic]

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
    public var policyBreaches: [String] {
        (treasury?.policy ?? []).filter { !$0.ok }.map { c in
            let years = PolicySpecs.yearRules.contains(c.limit.rule)
            func f(_ x: Double?) -> String {
                guard let x else { return "none" }
                return years ? Format.grouped(x, decimals: 2, decimalMark: ".", groupMark: "") + " years"
                             : Format.grouped(x * 100, decimals: 1, decimalMark: ".", groupMark: "") + " %"
            }
            let range = "[\(c.limit.min.map { f($0) } ?? "–"), \(c.limit.max.map { f($0) } ?? "–")]"
            return "\(c.limit.rule) on \(c.date): \(f(c.value)) is outside \(range)"
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
            return ScenarioRun(scenario: scenario, operating: nil, treasury: nil, simulation: sim, warnings: scenario.warnings)
        }
        let log = DiagnosticLog()
        var operating: OperatingStatement?
        if let input = scenario.operating, let asOf = scenario.asOf {
            operating = OperatingStatement.compute(input, asOf: asOf, fiscalYear: scenario.fiscalYear ?? asOf.year,
                                                   unit: scenario.unit, log: log)
        }
        var treasury: TreasuryRun?
        if let input = scenario.treasury {
            treasury = TreasuryRun.compute(input, rates: scenario.rates, selected: selectedScenario, log: log)
        } else if let selectedScenario {
            log.error("--scenario \(selectedScenario): the file has no treasury section to run scenarios on", at: nil)
        }
        try log.throwIfErrors()
        var simulation: SimulationRun?
        if mode == .ifPresent, let settings = scenario.simulation, let input = scenario.treasury {
            simulation = try SimulationRun.compute(input, settings: settings, threads: threads, progress: progress)
        }
        return ScenarioRun(scenario: scenario, operating: operating, treasury: treasury, simulation: simulation,
                           warnings: scenario.warnings + log.warnings)
    }
}
