import Foundation

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
    /// P10/P50/P90 from the backtest of the unit's method, or why there is none.
    public var band: ForecastBand?
    public var bandReason: String
    /// True when the band was built from absolute errors (rule O11).
    public var bandAbsolute: Bool
    /// The backtest of every method, where the ledger has history.
    public var backtest: Backtest?
    /// Earlier forecast rounds, the change and (annual report) the error (ForecastRounds.swift).
    public var rounds: UnitRounds? = nil
    /// What the file prints on this row beyond its amounts (deviations, gross lines, blanks,
    /// lineage, comment, a parent's subtotals): operating.md "Real reports as printed".
    public var printed = PrintedRow()
}

/// A column whose printed total differs from the rows' sum (rule O8).
public struct Reconciliation: Sendable, Equatable {
    /// `overridden`: the check held on the file as written and a `--set` changed a figure under it (what-if).
    public enum Status: String, Sendable { case rounding, error, overridden }
    public var column: TotalColumn
    public var reported: Double
    /// The rows' sum; nil when a row lacks the column.
    public var computed: Double?
    /// computed − reported.
    public var difference: Double?
    public var tolerance: Double
    public var status: Status
    public var location: SourceLocation
    /// The unit of a row check (a parent's subtotal, a printed deviation, a gross line, a lineage); nil for the total.
    public var unit: String? = nil
    /// The check's column as JSON names it when it is not a plain statement column (`gross.forecast`, `budget.printed`).
    public var label: String? = nil
    /// A sentence for a row check's message (the figures compared and the rule).
    public var detail: String? = nil
    /// The same sentence from the catalogue (stderr and warnings in --lang).
    public var detailMessage: Message? = nil

    /// The JSON `column`.
    public var columnKey: String { label ?? column.rawValue }
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
    public var assumptions: [Message]
    /// The total's band, keeping same-year co-movement across units, and how it was made.
    public var totalBand: ForecastBand?
    public var totalBandEstimator: Message?
    public var totalBandReason: String?
    /// The total's band if the units' errors were independent (for comparison).
    public var totalBandIndependent: ForecastBand?
    /// `as_of` is the fiscal year's end: an outcome statement (rule O20).
    public var isAnnualReport = false
    /// The total's change (and error) where every net-cost leaf has an earlier round.
    public var totalRounds: UnitRounds? = nil
    public var totalPreviousForecast: Double? = nil
    /// Forecast accuracy per round month over `forecast_history` (rule O19).
    public var accuracy: ForecastAccuracy? = nil
    /// How the file's report prints (rule O13); the statement's figures are net-cost positive.
    public var signConvention: SignConvention = .netCostPositive
    /// The statement's "Analys och kommentar".
    public var comment: String?
    /// Units with blank (null) cells, by column (rule O17).
    public var blankRows: [TotalColumn: [String]] = [:]

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
        let input = AnnualReport.prepare(input, asOf: asOf, fiscalYear: fiscalYear, unit: unit, log: log)
        let m = asOf.month
        var assumptions = [Message(.operatingMonth, .int(m), .month(m), .text(String(asOf.year)), .text(asOf.description))]
        let tree = UnitTree(input.units, log: log)

        var rows: [String: UnitProjection] = [:]
        var derivedBudgetYTD: [String] = []
        let leaves = input.units.filter { tree.isLeaf($0.id) }
        let projected = projectLeaves(leaves, ledger: input.ledger, year: fiscalYear, month: m)
        for (u, p) in zip(leaves, projected) {
            for message in p.errors { log.error(message, at: u.location) }
            if p.derivedBudgetYTD { derivedBudgetYTD.append(u.name) }
            rows[u.id] = p.projection
        }
        if !derivedBudgetYTD.isEmpty {
            assumptions.append(Message(.operatingBudgetToDate, .int(m), .names(derivedBudgetYTD)))
        }
        for u in input.units where !tree.isLeaf(u.id) {
            rows[u.id] = projectParent(u, leaves: tree.leaves(under: u.id).compactMap { rows[$0] }, log: log)
        }
        let units = input.units.compactMap { rows[$0.id] }

        let summed = units.filter { $0.isLeaf && $0.reportedAs == .netCost }
        let total = StatementFigures.sum(summed)
        for column in TotalColumn.allCases where total[column] == nil {
            let missing = summed.filter { $0.figures[column] == nil }.map(\.name)
            guard !missing.isEmpty else { continue }
            // A column the report does not print at all (no row has it) is no news; a partly missing one is.
            if column != .forecast && missing.count == summed.count && summed.allSatisfy({ $0.printed.blanks.isEmpty || !$0.printed.blanks.contains(column) }) {
                continue
            }
            log.warning(Message(column == .forecast ? .operatingTotalForecastNull : .operatingTotalNull, column.term, .names(missing)),
                        at: input.location)
        }
        assumptions.append(Message(.operatingTotals, .int(summed.count)))

        var reconciliation: [Reconciliation] = []
        let digit = PrintedDigit(unit: unit, decimals: input.printedDecimals)
        let tolerance = (input.printedDecimals == nil ? unit.halfLastDigit : digit.kronor / 2) * Double(summed.count)
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
                log.warning(item.catalogued(unit: unit, rows: summed.count), at: location)
            }
        }
        reconciliation += printedChecks(units, tree: tree, digit: digit, unit: unit, sign: input.signConvention, log: log)
        let band = TotalBand.compute(summed, year: fiscalYear)
        if let g = input.gross, let f = total.forecast, let cf = g.costs.forecast, let inc = g.income.forecast,
           abs(cf + inc - f) > 2 * unit.halfLastDigit + 1e-6 {
            log.warning(Message(.operatingGrossDiffers, .amount(cf + inc, unit), .amount(f, unit)), at: input.location)
        }
        if input.ledger != nil {
            assumptions.append(Message(.operatingLedger))
        }
        var blankRows: [TotalColumn: [String]] = [:], blankNames: [TotalColumn: [String]] = [:]
        for u in units {
            for c in u.printed.blanks { blankRows[c, default: []].append(u.id); blankNames[c, default: []].append(u.name) }
        }
        for column in TotalColumn.allCases {
            guard let names = blankNames[column] else { continue }   // the assumption names the units (files.md: names, not ids)
            assumptions.append(Message(column == .forecast ? .operatingBlankForecast : .operatingBlankCells, column.term, .names(names)))
        }
        if input.signConvention == .netCostNegative {
            assumptions.append(Message(.operatingSignNegative))
        }
        let totalGross = input.gross ?? GrossFigures.summing(summed)
        var statement = OperatingStatement(asOf: asOf, month: m, fiscalYear: fiscalYear, unit: unit, units: units,
                                           total: total, gross: totalGross, reconciliation: reconciliation,
                                           assumptions: assumptions, totalBand: band.band, totalBandEstimator: band.estimator,
                                           totalBandReason: band.reason, totalBandIndependent: band.independent)
        statement.signConvention = input.signConvention
        statement.comment = input.comment
        statement.blankRows = blankRows
        ForecastRounds.apply(&statement, input, log: log)
        return statement
    }

    struct LeafResult {
        var projection: UnitProjection
        var errors: [String]
        var derivedBudgetYTD: Bool
    }

    /// Projects every leaf, on all cores when there are many (each thread its own GSL
    /// least-squares workspace); results are in input order whatever the threads.
    static func projectLeaves(_ leaves: [OperatingUnitInput], ledger: Ledger?, year: Int, month: Int) -> [LeafResult] {
        let threads = leaves.count >= 256 ? ProcessInfo.processInfo.activeProcessorCount : 1
        return Parallel.map(leaves.count, threads: threads, state: { _ in LeastSquares.Workspace(maxRows: 12 * 31, maxColumns: 13) }) {
            workspace, i in
            projectLeaf(leaves[i], history: ledger?.history[leaves[i].id] ?? [:], year: year, month: month, workspace: workspace)
        }
    }

    static func projectLeaf(_ u: OperatingUnitInput, history: [Int: MonthlySeries], year: Int, month m: Int,
                            workspace: LeastSquares.Workspace) -> LeafResult {
        var errors: [String] = []
        let current = history[year], prior = history[year - 1]
        // Rule O1: what the file does not give comes from the ledger.
        let budget = u.budget ?? current.flatMap { $0.budget.contains { $0.isNaN } ? nil : $0.budget.reduce(0, +) }
        let a = u.actualYTD ?? current?.actualThrough(m)
        let blanks = u.printed.blanks
        if budget == nil && !blanks.contains(.budget) {
            errors.append("unit '\(u.id)' has no budget (neither in the file nor 12 budget rows in the ledger)")
        }
        if a == nil && !blanks.contains(.actualYTD) {
            errors.append("unit '\(u.id)' has no actual_ytd (neither in the file nor in the ledger)")
        }
        var budgetYTD = u.budgetYTD ?? current?.budgetThrough(m)
        var derived = false
        if budgetYTD == nil, !blanks.contains(.budgetYTD), let b = budget {
            budgetYTD = b * Double(m) / 12
            derived = true
        }
        let known = Projection.Known(history: history, year: year, month: m, actual: a, budget: budget,
                                     budgetToDate: budgetYTD, years: u.forecast?.years ?? 3)
        var methods: [(String, Double?)] = []
        var unavailable: [(String, String)] = []
        var byMethod: [Projection.Method: Double] = [:]
        for method in Projection.Method.allCases {
            switch Projection.run(method, known, workspace: workspace) {
            case .success(let f):
                methods.append((method.rawValue, f))
                byMethod[method] = f
            case .failure(let why):
                methods.append((method.rawValue, nil))
                unavailable.append((method.rawValue, why.reason))
            }
        }

        var methodValue: Double?
        switch u.forecast?.method {
        case .manual?: methodValue = u.forecast?.value
        case nil: methodValue = nil
        case let chosen?:
            methodValue = byMethod[chosen.projection!]
            if methodValue == nil, let why = unavailable.first(where: { $0.0 == chosen.rawValue }) {
                errors.append("unit '\(u.id)': method \(chosen.rawValue) cannot run: \(why.1)")
            }
        }
        let adjustments = u.forecast?.adjustments ?? []
        let adjustmentTotal = adjustments.reduce(0) { $0 + $1.amount }
        let forecast = methodValue.map { $0 + adjustmentTotal }

        let backtest = history.keys.contains { $0 < year } ? Backtest.run(known, workspace: workspace) : nil
        var band: ForecastBand?
        var absolute = false
        let bandReason: String
        switch u.forecast?.method {
        case nil: bandReason = "no forecast"
        case .manual?: bandReason = "method manual has no backtest and so no band (rule O6)"
        case let chosen?:
            let result = backtest?.result(chosen.projection!)
            if let f = methodValue, let result, result.n >= 3 {
                // Rule O11: absolute errors for result units and forecasts near zero.
                absolute = u.reportedAs == .result || abs(f) <= 0.01 * abs(budget ?? 0) || result.forecasts.contains(0)
                band = ForecastBand.from(result, forecast: f, absolute: absolute, adjustments: adjustmentTotal)
                bandReason = absolute ? "from \(result.n) backtest years, absolute errors (rule O11)"
                                      : "from \(result.n) backtest years, relative errors"
            } else {
                bandReason = "\(chosen.rawValue) has \(result?.n ?? 0) backtest years; a band needs 3"
            }
        }
        var f = StatementFigures(actualYTD: a, budgetYTD: budgetYTD, deviationYTD: nil,
                                 actualYTDPrior: u.actualYTDPrior ?? prior?.actualThrough(m), budget: budget,
                                 forecast: forecast, deviation: nil,
                                 outcomePrior: u.outcomePrior ?? prior.flatMap { $0.isComplete ? $0.actual.reduce(0, +) : nil })
        if blanks.contains(.actualYTDPrior) { f.actualYTDPrior = nil }
        if blanks.contains(.outcomePrior) { f.outcomePrior = nil }
        f.deviationYTD = deviation(actual: f.actualYTD, budget: f.budgetYTD, u.reportedAs)
        f.deviation = deviation(actual: f.forecast, budget: f.budget, u.reportedAs)
        var projection = UnitProjection(id: u.id, name: u.name, parent: u.parent, reportedAs: u.reportedAs, isLeaf: true,
                                        figures: f, method: u.forecast?.method, methodValue: methodValue,
                                        adjustments: adjustments, methods: methods, methodsUnavailable: unavailable,
                                        band: band, bandReason: bandReason, bandAbsolute: absolute, backtest: backtest)
        projection.printed = u.printed
        return LeafResult(projection: projection, errors: errors, derivedBudgetYTD: derived)
    }

    /// A parent's figures are the sum of its leaves (rule O9); the figures the file writes on
    /// it are the report's printed subtotals, reconciled against that sum (rule O14).
    private static func projectParent(_ u: OperatingUnitInput, leaves: [UnitProjection], log: DiagnosticLog) -> UnitProjection {
        var printed = u.printed
        if let f = u.forecast {
            if f.method != .manual || !f.adjustments.isEmpty {
                log.error("unit '\(u.id)' has child units: its forecast is a printed subtotal, written {method: manual, value: …} "
                          + "without adjustments (rule O14); the children's forecasts make the figure", at: printed.locations["forecast"] ?? u.location)
            }
        }
        let given: [(TotalColumn, Double?)] = [(.budget, u.budget), (.budgetYTD, u.budgetYTD), (.actualYTD, u.actualYTD),
                                               (.actualYTDPrior, u.actualYTDPrior), (.outcomePrior, u.outcomePrior),
                                               (.forecast, u.forecast?.method == .manual ? u.forecast?.value : nil),
                                               (.deviation, printed.deviation), (.deviationYTD, printed.deviationYTD)]
        for (column, value) in given { if let value { printed.subtotals[column] = value } }
        var row = UnitProjection(id: u.id, name: u.name, parent: u.parent, reportedAs: u.reportedAs, isLeaf: false,
                                 figures: StatementFigures.sum(leaves.filter { $0.reportedAs == u.reportedAs }), method: nil, methodValue: nil,
                                 adjustments: [], methods: [], methodsUnavailable: [], band: nil,
                                 bandReason: "a parent unit's band is not computed", bandAbsolute: false, backtest: nil)
        row.printed = printed
        return row
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
        if let detail {
            return status == .overridden ? detail.replacingOccurrences(of: "(beyond rounding", with: "(overridden by --set: held on the file as written")
                                         : detail
        }
        return catalogued(unit: unit, rows: rows).text(.en)
    }

    /// The reconciliation's sentence (a warning for a rounding difference, an error otherwise).
    func catalogued(unit: AmountUnit, rows: Int) -> Message {
        Message(status == .rounding ? .operatingReconciliationRounding : status == .overridden ? .operatingReconciliationOverridden : .operatingReconciliationError,
                column.term, .amount(reported, unit), .text(unit.rawValue), computed.map { .amount($0, unit) } ?? .term(sv: "saknas", en: "null"),
                .amount(tolerance, unit), .int(rows))
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
