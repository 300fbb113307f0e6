/// The figures of one row of the operating statement, in kronor; nil where unknown.
public struct StatementFigures: Sendable, Equatable {
    public var actualYTD: Double?
    public var budgetYTD: Double?
    public var deviationYTD: Double?
    public var actualYTDPrior: Double?
    public var budget: Double?
    public var forecast: Double?
    public var deviation: Double?
    public var outcomePrior: Double?

    public subscript(column: TotalColumn) -> Double? {
        switch column {
        case .actualYTD: return actualYTD
        case .budgetYTD: return budgetYTD
        case .deviationYTD: return deviationYTD
        case .actualYTDPrior: return actualYTDPrior
        case .budget: return budget
        case .forecast: return forecast
        case .deviation: return deviation
        case .outcomePrior: return outcomePrior
        }
    }

    /// Column-wise sums; a column is nil when any row lacks it (never a partial sum).
    static func sum(_ rows: [StatementFigures]) -> StatementFigures {
        func total(_ k: KeyPath<StatementFigures, Double?>) -> Double? {
            var s = 0.0
            for r in rows { guard let v = r[keyPath: k] else { return nil }; s += v }
            return s
        }
        return StatementFigures(actualYTD: total(\.actualYTD), budgetYTD: total(\.budgetYTD),
                                deviationYTD: total(\.deviationYTD), actualYTDPrior: total(\.actualYTDPrior),
                                budget: total(\.budget), forecast: total(\.forecast), deviation: total(\.deviation),
                                outcomePrior: total(\.outcomePrior))
    }
}

/// One unit's row and how its forecast was made.
public struct UnitProjection: Sendable {
    public var id: String
    public var name: String
    public var parent: String?
    public var reportedAs: ReportedAs
    /// True for a unit without children: the rows totals sum (rule O9).
    public var isLeaf: Bool
    public var figures: StatementFigures
    public var method: ForecastMethod?
    /// The method's figure before adjustments.
    public var methodValue: Double?
    public var adjustments: [Adjustment]
    /// Every method's figure beside the chosen one, without adjustments (rule O7);
    /// nil where the method cannot run, with the reason in `methodsUnavailable`.
    public var methods: [(name: String, value: Double?)]
    public var methodsUnavailable: [(name: String, reason: String)]
    /// Why there is no P10/P50/P90 band.
    public var bandReason: String
}

/// A column whose printed total differs from the rows' sum (rule O8).
public struct Reconciliation: Sendable, Equatable {
    public enum Status: String, Sendable { case rounding, error }
    public var column: TotalColumn
    public var reported: Double
    /// The rows' sum; nil when a row lacks the column.
    public var computed: Double?
    /// computed − reported.
    public var difference: Double?
    public var tolerance: Double
    public var status: Status
    public var location: SourceLocation
}

/// The operating statement (driftsammandrag) computed: rows, the total of the
/// net-cost rows, result units below it, reconciliation with the printed report.
public struct OperatingStatement: Sendable {
    public var asOf: Day
    /// The as-of month M.
    public var month: Int
    public var fiscalYear: Int
    public var unit: AmountUnit
    public var units: [UnitProjection]
    /// "Summa nettokostnader": net-cost leaf units only (rule O9).
    public var total: StatementFigures
    public var gross: GrossFigures?
    public var reconciliation: [Reconciliation]
    public var assumptions: [String]

    /// Units shown in the main table (net cost), in file order.
    public var netCostUnits: [UnitProjection] { units.filter { $0.reportedAs == .netCost } }
    /// Units reported as results, shown below the total.
    public var resultUnits: [UnitProjection] { units.filter { $0.reportedAs == .result } }
    public var reconciliationErrors: [Reconciliation] { reconciliation.filter { $0.status == .error } }
}

extension OperatingStatement {
    /// Computes the statement. Input errors (a unit without budget, a parent that does
    /// not exist …) go to `log`; reconciliation results are kept in the statement.
    public static func compute(_ input: OperatingInput, asOf: Day, fiscalYear: Int, unit: AmountUnit,
                               log: DiagnosticLog) -> OperatingStatement {
        let m = asOf.month
        var assumptions = ["M = \(m): actuals to date cover January–\(monthNameEN(m)) \(asOf.year) (as_of \(asOf))."]
        let tree = UnitTree(input.units, log: log)

        var rows: [String: UnitProjection] = [:]
        var derivedBudgetYTD: [String] = []
        for u in input.units where tree.isLeaf(u.id) {
            rows[u.id] = projectLeaf(u, month: m, log: log, derivedBudgetYTD: &derivedBudgetYTD)
        }
        if !derivedBudgetYTD.isEmpty {
            assumptions.append("Budget to date = budget × \(m)/12 for \(derivedBudgetYTD.joined(separator: ", ")) (no budget_ytd given, no ledger).")
        }
        for u in input.units where !tree.isLeaf(u.id) {
            rows[u.id] = projectParent(u, leaves: tree.leaves(under: u.id).compactMap { rows[$0] }, log: log)
        }
        let units = input.units.compactMap { rows[$0.id] }

        let summed = units.filter { $0.isLeaf && $0.reportedAs == .netCost }
        let total = StatementFigures.sum(summed.map(\.figures))
        for column in TotalColumn.allCases where total[column] == nil {
            let missing = summed.filter { $0.figures[column] == nil }.map(\.id)
            guard !missing.isEmpty else { continue }
            let rule = column == .forecast ? " (rule O10)" : ""
            log.warning("total \(column.rawValue) is null: no \(column.rawValue) for \(missing.joined(separator: ", "))\(rule)",
                        at: input.location)
        }
        assumptions.append("Totals sum the \(summed.count) net-cost leaf units; result units are shown below the total (rule O9).")

        var reconciliation: [Reconciliation] = []
        let tolerance = unit.halfLastDigit * Double(summed.count)
        for column in TotalColumn.allCases {
            guard let (reported, location) = input.reportedTotals[column] else { continue }
            let computed = total[column]
            let difference = computed.map { $0 - reported }
            if let d = difference, abs(d) < 1e-6 { continue }
            let status: Reconciliation.Status = (difference.map { abs($0) <= tolerance + 1e-6 } ?? false) ? .rounding : .error
            let item = Reconciliation(column: column, reported: reported, computed: computed, difference: difference,
                                      tolerance: tolerance, status: status, location: location)
            reconciliation.append(item)
            if status == .rounding {
                log.warning(item.message(unit: unit, rows: summed.count), at: location)
            }
        }
        if let g = input.gross, let f = total.forecast, let cf = g.costs.forecast, let inc = g.income.forecast,
           abs(cf + inc - f) > 2 * unit.halfLastDigit + 1e-6 {
            log.warning("gross costs + income (\(Format.plain(cf + inc, unit))) differ from the total forecast (\(Format.plain(f, unit)))",
                        at: input.location)
        }
        return OperatingStatement(asOf: asOf, month: m, fiscalYear: fiscalYear, unit: unit, units: units,
                                  total: total, gross: input.gross, reconciliation: reconciliation,
                                  assumptions: assumptions)
    }

    private static func projectLeaf(_ u: OperatingUnitInput, month m: Int, log: DiagnosticLog,
                                    derivedBudgetYTD: inout [String]) -> UnitProjection {
        if u.budget == nil { log.error("unit '\(u.id)' has no budget (and no ledger to take it from)", at: u.location) }
        if u.actualYTD == nil { log.error("unit '\(u.id)' has no actual_ytd (and no ledger to take it from)", at: u.location) }
        var budgetYTD = u.budgetYTD
        if budgetYTD == nil, let b = u.budget {
            budgetYTD = b * Double(m) / 12
            derivedBudgetYTD.append(u.id)
        }
        let a = u.actualYTD
        let runRate = a.map { $0 * 12 / Double(m) }
        let budgetRemaining: Double? = a.flatMap { a in u.budget.flatMap { b in budgetYTD.map { a + (b - $0) } } }
        let noHistory = "needs monthly history from a ledger (operating.ledger), which this file does not have"
        let methods: [(String, Double?)] = [("run_rate", runRate), ("budget_remaining", budgetRemaining),
                                            ("profile", nil), ("trend", nil)]
        var unavailable: [(String, String)] = [("profile", noHistory), ("trend", noHistory)]
        if runRate == nil { unavailable.insert(("run_rate", "needs actual_ytd"), at: 0) }
        if budgetRemaining == nil { unavailable.insert(("budget_remaining", "needs actual_ytd, budget and budget_ytd"), at: 0) }

        var methodValue: Double?
        switch u.forecast?.method {
        case .manual?: methodValue = u.forecast?.value
        case .budgetRemaining?: methodValue = budgetRemaining
        case .runRate?: methodValue = runRate
        case nil: methodValue = nil
        }
        let adjustments = u.forecast?.adjustments ?? []
        let forecast = methodValue.map { $0 + adjustments.reduce(0) { $0 + $1.amount } }
        let bandReason: String
        switch u.forecast?.method {
        case nil: bandReason = "no forecast"
        case .manual?: bandReason = "method manual has no backtest and so no band (rule O6)"
        default: bandReason = "no monthly history (operating.ledger), so no backtest and no band"
        }
        var f = StatementFigures(actualYTD: a, budgetYTD: budgetYTD, deviationYTD: nil, actualYTDPrior: u.actualYTDPrior,
                                 budget: u.budget, forecast: forecast, deviation: nil, outcomePrior: u.outcomePrior)
        f.deviationYTD = deviation(actual: f.actualYTD, budget: f.budgetYTD, u.reportedAs)
        f.deviation = deviation(actual: f.forecast, budget: f.budget, u.reportedAs)
        return UnitProjection(id: u.id, name: u.name, parent: u.parent, reportedAs: u.reportedAs, isLeaf: true,
                              figures: f, method: u.forecast?.method, methodValue: methodValue, adjustments: adjustments,
                              methods: methods, methodsUnavailable: unavailable, bandReason: bandReason)
    }

    private static func projectParent(_ u: OperatingUnitInput, leaves: [UnitProjection], log: DiagnosticLog) -> UnitProjection {
        let given: [(String, Any?)] = [("budget", u.budget), ("budget_ytd", u.budgetYTD), ("actual_ytd", u.actualYTD),
                                       ("actual_ytd_prior", u.actualYTDPrior), ("outcome_prior", u.outcomePrior),
                                       ("forecast", u.forecast)]
        for (key, value) in given where value != nil {
            log.error("unit '\(u.id)' has child units, so its \(key) is the sum of theirs (rule O9); remove '\(key)'",
                      at: u.location)
        }
        return UnitProjection(id: u.id, name: u.name, parent: u.parent, reportedAs: u.reportedAs, isLeaf: false,
                              figures: StatementFigures.sum(leaves.map(\.figures)), method: nil, methodValue: nil,
                              adjustments: [], methods: [], methodsUnavailable: [],
                              bandReason: "a parent unit's band is not computed")
    }

    /// Avvikelse, positive = favourable: budget − actual for a net-cost unit,
    /// actual − budget for a result unit (spec README, "Sign").
    public static func deviation(actual: Double?, budget: Double?, _ kind: ReportedAs) -> Double? {
        guard let actual, let budget else { return nil }
        return kind == .netCost ? budget - actual : actual - budget
    }
}

extension Reconciliation {
    func message(unit: AmountUnit, rows: Int) -> String {
        let computedText = computed.map { Format.plain($0, unit) } ?? "null"
        let head = "reported total \(column.rawValue) \(Format.plain(reported, unit)) \(unit.rawValue) against the rows' sum \(computedText)"
        switch status {
        case .rounding:
            return head + ": a rounding difference (within \(Format.plain(tolerance, unit)) for \(rows) rows, rule O8)"
        case .error:
            return head + ": the rows do not reconcile (tolerance \(Format.plain(tolerance, unit)) for \(rows) rows, rule O8)"
        }
    }
}

/// The unit tree: parents must exist, have the same `reported_as`, and not loop.
struct UnitTree {
    private var children: [String: [String]] = [:]

    init(_ units: [OperatingUnitInput], log: DiagnosticLog) {
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for u in units {
            guard let p = u.parent else { continue }
            guard let parent = byID[p] else {
                log.error("unit '\(u.id)' names parent '\(p)', which is not a unit" + Suggest.phrase(for: p, among: units.map(\.id)),
                          at: u.location)
                continue
            }
            if parent.reportedAs != u.reportedAs {
                log.error("unit '\(u.id)' is reported as \(u.reportedAs.rawValue) but its parent '\(p)' as \(parent.reportedAs.rawValue)",
                          at: u.location)
            }
            children[p, default: []].append(u.id)
        }
        for u in units {
            var seen: Set<String> = [u.id]
            var p = u.parent
            while let current = p, let node = byID[current] {
                if seen.contains(current) {
                    log.error("unit '\(u.id)' is its own ancestor (parent cycle)", at: u.location)
                    children = [:]
                    return
                }
                seen.insert(current)
                p = node.parent
            }
        }
    }

    func isLeaf(_ id: String) -> Bool { children[id]?.isEmpty ?? true }

    /// Leaf descendants of `id`, depth first.
    func leaves(under id: String) -> [String] {
        (children[id] ?? []).flatMap { isLeaf($0) ? [$0] : leaves(under: $0) }
    }
}

func monthNameEN(_ m: Int) -> String {
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"][m - 1]
}
