import Foundation

/// How a report prints its operating amounts (operating.md "Real reports as printed", rule O13).
public enum SignConvention: String, Sendable, CaseIterable {
    /// Linköping: costs +, income −; net costs positive (the engine's own convention).
    case netCostPositive = "net_cost_positive"
    /// Västervik-style: net costs −, income +, costs −.
    case netCostNegative = "net_cost_negative"

    /// Multiplies a printed amount into the engine's convention (and back: it is its own inverse).
    public var factor: Double { self == .netCostNegative ? -1 : 1 }
}

/// `budget: {original, changes, printed}` (or a project's `frame` lineage): the annual figure
/// is original + Σ changes; `printed` is the report's own sum, checked by rule O21.
public struct BudgetLineage: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var amount: Double
        public var note: String?
        public var decided: Day?
    }
    public var original: Double
    public var changes: [Change]
    public var printed: Double?
    /// Where `printed` (else the lineage) was written.
    public var location: SourceLocation

    /// original + Σ changes (kronor).
    public var total: Double { changes.reduce(original) { $0 + $1.amount } }
    /// Σ changes (Ombudgetering).
    public var changeTotal: Double { changes.reduce(0) { $0 + $1.amount } }

    func scaled(_ k: Double) -> BudgetLineage {
        var l = self
        l.original *= k
        l.printed = l.printed.map { $0 * k }
        for i in l.changes.indices { l.changes[i].amount *= k }
        return l
    }
}

/// A unit's gross lines as printed (intäkter, kostnader), per column (rule O16).
public struct UnitGross: Sendable, Equatable {
    public static let columns: [TotalColumn] = [.actualYTD, .budget, .forecast, .outcomePrior, .actualYTDPrior]
    public var costs: [TotalColumn: Double]
    public var income: [TotalColumn: Double]
    public var location: SourceLocation

    func scaled(_ k: Double) -> UnitGross {
        UnitGross(costs: costs.mapValues { $0 * k }, income: income.mapValues { $0 * k }, location: location)
    }
}

/// What a file says about a row beyond its amounts: the deviations and gross lines it
/// prints, the cells it leaves blank, a budget lineage, a comment, and (on a parent unit)
/// the printed subtotals.
public struct PrintedRow: Sendable {
    /// The row's printed deviations (favourable-positive, never flipped, rule O13).
    public var deviation: Double?
    public var deviationYTD: Double?
    public var gross: UnitGross?
    /// Columns written `null` (blank or "–" in the report, rule O17).
    public var blanks: Set<TotalColumn> = []
    public var lineage: BudgetLineage?
    /// "Analys och kommentar" for the unit.
    public var comment: String?
    /// A parent's printed subtotals (rule O14), engine convention.
    public var subtotals: [TotalColumn: Double] = [:]
    /// Where each printed key was written (`deviation`, `budget`, `forecast` …).
    public var locations: [String: SourceLocation] = [:]

    public init() {}
}

extension MapReader {
    /// True when `key` is written with an empty value (`null`, `~`): a blank cell (rule O17).
    func isBlank(_ key: String) -> Bool {
        entries.first { $0.key == key }?.value.isNull ?? false
    }

    /// The raw node of `key`, also when it is null.
    func rawNode(_ key: String) -> SourceNode? { entries.first { $0.key == key }?.value }
}

/// The keys of "Real reports as printed" (operating.md) on a unit and on the section.
public enum PrintedSpecs {
    public static let lineage = SectionSpec("operating.units[].budget (lineage)",
        "A budget as a lineage: the annual budget is original + Σ changes (rule O21). Also a project's `frame`.",
        keys: [
            KeySpec("original", .amount, required: true, "Ursprunglig budget"),
            KeySpec("changes", .list("operating.units[].budget.changes[]"), "Ombudgetering: changes into this year's budget"),
            KeySpec("printed", .amount, "the budget as the report prints it; checked against original + Σ changes (rule O21)"),
        ])

    public static let change = SectionSpec("operating.units[].budget.changes[]",
        "One budget change (ombudgetering, tilläggsanslag), as printed.",
        keys: [
            KeySpec("amount", .amount, required: true, "the change (a cost increase is positive in a net-cost unit)"),
            KeySpec("note", .text, "what it is, e.g. \"Ombudgetering från 2023\""),
            KeySpec("decided", .date, "when it was decided"),
        ])

    public static let unitGross = SectionSpec("operating.units[].gross",
        "The unit's gross lines as printed (rule O16): costs + income must make the net figure.",
        keys: [
            KeySpec("costs", .section("operating.units[].gross.costs"), "kostnader"),
            KeySpec("income", .section("operating.units[].gross.income"), "intäkter (negative in the engine's convention)"),
        ])

    public static let unitGrossPart = SectionSpec("operating.units[].gross.costs | operating.units[].gross.income",
        "One gross line of a unit, any of its columns, as printed.",
        keys: UnitGross.columns.map { KeySpec($0.rawValue, .amount, "the line's `\($0.rawValue)`") })

    /// Reads `budget` as an amount or a lineage; the amount is original + Σ changes for a lineage.
    static func budget(_ u: MapReader) -> (Double?, BudgetLineage?) { amountOrLineage(u, key: "budget") }

    /// `key` as an amount, or as a lineage `{original, changes, printed}` (its total is the amount).
    static func amountOrLineage(_ u: MapReader, key: String) -> (Double?, BudgetLineage?) {
        guard let node = u.node(key) else { return (nil, nil) }
        guard case .mapping = node else { return (u.amount(key), nil) }
        guard let l = u.section(key, spec: lineage) else { return (nil, nil) }
        var changes: [BudgetLineage.Change] = []
        for (i, item) in (l.list("changes") ?? []).enumerated() {
            guard let c = MapReader(item, spec: change, context: "\(l.context).changes[\(i)]", l.ctx),
                  let amount = c.amount("amount") else { continue }
            changes.append(.init(amount: amount, note: c.text("note"), decided: c.date("decided")))
        }
        guard let original = l.amount("original") else { return (nil, nil) }
        let lineage = BudgetLineage(original: original, changes: changes, printed: l.amount("printed"),
                                    location: l.has("printed") ? l.location(of: "printed") : l.location)
        return (lineage.total, lineage)
    }

    /// The printed extras of one unit (`deviation`, `deviation_ytd`, `gross`, `comment`, blanks).
    static func row(_ u: MapReader, lineage: BudgetLineage?) -> PrintedRow {
        var p = PrintedRow()
        p.deviation = u.amount("deviation")
        p.deviationYTD = u.amount("deviation_ytd")
        p.comment = u.text("comment")
        p.lineage = lineage
        p.locations["(row)"] = u.location
        let blankable: [(String, TotalColumn)] = [("budget", .budget), ("budget_ytd", .budgetYTD), ("actual_ytd", .actualYTD),
                                                  ("actual_ytd_prior", .actualYTDPrior), ("outcome_prior", .outcomePrior),
                                                  ("forecast", .forecast), ("deviation", .deviation), ("deviation_ytd", .deviationYTD)]
        for (key, column) in blankable {
            if u.isBlank(key) { p.blanks.insert(column) }
            if let node = u.rawNode(key) { p.locations[key] = node.location }
        }
        if let g = u.section("gross", spec: unitGross) {
            func part(_ key: String) -> [TotalColumn: Double] {
                guard let r = g.section(key, spec: unitGrossPart) else { return [:] }
                var out: [TotalColumn: Double] = [:]
                for c in UnitGross.columns { if let v = r.amount(c.rawValue) { out[c] = v } }
                return out
            }
            p.gross = UnitGross(costs: part("costs"), income: part("income"), location: g.location)
        }
        return p
    }
}

extension OperatingInput {
    /// Rule O13: a file in `net_cost_negative` is read as printed and turned into the engine's
    /// convention here: every net-cost amount a becomes −a; deviations are never flipped;
    /// result units are as printed (a result is a result).
    mutating func applySignConvention() {
        guard signConvention == .netCostNegative else { return }
        let k = signConvention.factor
        for i in units.indices where units[i].reportedAs == .netCost {
            var u = units[i]
            u.budget = u.budget.map { $0 * k }
            u.budgetYTD = u.budgetYTD.map { $0 * k }
            u.actualYTD = u.actualYTD.map { $0 * k }
            u.actualYTDPrior = u.actualYTDPrior.map { $0 * k }
            u.outcomePrior = u.outcomePrior.map { $0 * k }
            if var f = u.forecast {
                f.value = f.value.map { $0 * k }
                for j in f.adjustments.indices where f.adjustments[j].source == nil { f.adjustments[j].amount *= k }
                u.forecast = f
            }
            u.printed.gross = u.printed.gross?.scaled(k)
            u.printed.lineage = u.printed.lineage?.scaled(k)
            units[i] = u
            // Earlier rounds are written as printed too (rule O13 with O18).
            if let previous = rounds.previous[u.id] {
                rounds.previous[u.id] = previous.map { var r = $0; r.value *= k; return r }
            }
        }
        for (column, entry) in reportedTotals where column != .deviation && column != .deviationYTD {
            reportedTotals[column] = (entry.value * k, entry.location)
        }
        if let g = gross {
            func flip(_ p: GrossFigures.Part) -> GrossFigures.Part {
                .init(forecast: p.forecast.map { $0 * k }, budget: p.budget.map { $0 * k }, outcomePrior: p.outcomePrior.map { $0 * k })
            }
            gross = GrossFigures(costs: flip(g.costs), income: flip(g.income))
        }
    }
}

/// Rounding in units of the last printed digit (`operating.printed_decimals`): every
/// tolerance of rules O8, O14–O16 and O21 counts whole digits of figures rounded to it.
public struct PrintedDigit: Sendable {
    /// One unit of the last printed digit, in kronor (0.1 mnkr = 100 000 kr).
    public var kronor: Double

    public init(unit: AmountUnit, decimals: Int?) {
        kronor = unit.factor * pow(10, -Double(decimals ?? unit.decimals))
    }

    /// `x` in whole digits (rounded half away from zero).
    public func digits(_ x: Double) -> Double { (x / kronor).rounded() }
}
