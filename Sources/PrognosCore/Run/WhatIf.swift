import Foundation

/// The operating and investment sections of a scenario file as written, before its `--set`
/// overrides: what-if reconciliation compares the printed figures with the rows as the file
/// writes them (operating.md "What-if").
public struct ScenarioBaseline: Sendable {
    public var operating: OperatingInput?
    public var investments: InvestmentsInput?

    /// Nil when no override touches `operating` or `investments`, or when the file as written
    /// does not read without errors (then every check keeps its own status).
    static func read(_ tree: SourceNode, overrides: [Override], file: String, limits: InputLimits,
                     as scenario: Scenario) -> ScenarioBaseline? {
        guard overrides.contains(where: { ["operating", "investments"].contains($0.path.first?.key ?? "") }) else { return nil }
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: scenario.unit)
        var baseline = ScenarioBaseline()
        if let node = tree["operating"], let r = MapReader(node, spec: OperatingSpecs.operating, context: "operating", ctx) {
            baseline.operating = OperatingInput.read(r, limits: limits)
        }
        if let node = tree["investments"], let r = MapReader(node, spec: CapitalSpecs.investments, context: "investments", ctx) {
            baseline.investments = CapitalSpecs.read(r, fiscalYear: scenario.fiscalYear)
        }
        return log.hasErrors ? nil : baseline
    }
}

extension ScenarioRun {
    /// The statement of `input`, its `{from: capital_costs}` adjustments taken from `investments`.
    static func operatingStatement(_ input: OperatingInput, asOf: Day, scenario: Scenario, investments: InvestmentRun?,
                                   log: DiagnosticLog) -> OperatingStatement {
        var input = input
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
        return OperatingStatement.compute(input, asOf: asOf, fiscalYear: scenario.fiscalYear ?? asOf.year, unit: scenario.unit, log: log)
    }

    /// What-if: recomputes the checks on the file as written and marks the ones that hold there
    /// but fail with the overrides as `overridden`.
    mutating func applyBaseline(market: (String, [Double])?) {
        guard let base = scenario.baseline, let asOf = scenario.asOf else { return }
        let scratch = DiagnosticLog()
        var baseInvestments = investments
        if let input = base.investments {
            baseInvestments = InvestmentRun.compute(input, fiscalYear: scenario.fiscalYear ?? asOf.year, month: asOf.month,
                                                    unit: scenario.unit, market: market, log: scratch)
            if let b = baseInvestments { investments?.markOverridden(against: b) }
        }
        if let input = base.operating, operating != nil {
            let b = ScenarioRun.operatingStatement(input, asOf: asOf, scenario: scenario, investments: baseInvestments, log: scratch)
            let replaced = operating?.markOverridden(against: b) ?? []
            // Their "avrundningsdifferens" warnings were the --set's change: withdrawn (the overridden notes say it).
            warnings.removeAll { w in
                w.catalogued?.code == .operatingReconciliationRounding && replaced.contains { $0.location == w.location }
            }
            operating?.markGrossOverridden(against: b)   // varav kostnader / intäkter no longer add up
        }
    }

    /// Checks a `--set` made fail that held on the file as written (status `overridden`), as notes.
    public var overriddenChecks: [Diagnostic] {
        var out: [Diagnostic] = []
        if let o = operating {
            let rows = o.units.filter { $0.isLeaf && $0.reportedAs == .netCost }.count
            // The gross lines' mark has its own warning already (operating.gross_differs).
            out += o.reconciliation.filter { $0.status == .overridden && !OperatingStatement.isGrossCheck($0.label ?? "") }.map {
                $0.detail == nil ? Diagnostic(.warning, $0.catalogued(unit: o.unit, rows: rows), at: $0.location)
                                 : Diagnostic(.warning, $0.message(unit: o.unit, rows: rows), at: $0.location)
            }
        }
        if let inv = investments {
            out += inv.reconciliation.filter { $0.status == .overridden }.map {
                Diagnostic(.warning, inv.message($0, unit: scenario.unit), at: $0.location)
            }
        }
        return out
    }
}
