/// Monthly actuals and budget of one unit for one year; NaN where the ledger has no row.
public struct MonthlySeries: Sendable, Equatable {
    public var actual = [Double](repeating: .nan, count: 12)
    public var budget = [Double](repeating: .nan, count: 12)

    public init() {}

    /// A complete year has 12 actual rows (rule O3).
    public var isComplete: Bool { !actual.contains { $0.isNaN } }
    public var hasBudget: Bool { budget.contains { !$0.isNaN } }

    /// Σ of the months 1…m that have a row (nil when none has).
    public func actualThrough(_ m: Int) -> Double? { sum(actual, m) }
    public func budgetThrough(_ m: Int) -> Double? { sum(budget, m) }

    private func sum(_ v: [Double], _ m: Int) -> Double? {
        var s = 0.0, any = false
        for i in 0..<m where !v[i].isNaN { s += v[i]; any = true }
        return any ? s : nil
    }
}

/// The ledger (huvudbok) by unit and year, from `operating.ledger` (files.md:
/// `unit,period,type,amount`); rows with the same unit, period and type are summed (rule O2).
public struct Ledger: Sendable {
    public var history: [String: [Int: MonthlySeries]] = [:]

    public init() {}

    public func series(_ unit: String, _ year: Int) -> MonthlySeries? { history[unit]?[year] }

    static let columns = ["unit", "period", "type", "amount", "account"]

    /// Reads the ledger CSV; `units` are the ids it may name. Errors name the CSV row.
    static func read(path: String, units: [String], limits: InputLimits, ctx: DecodeContext,
                     includedFrom: SourceLocation?) -> Ledger? {
        guard let table = CSVTable.read(path: path, displayPath: path, required: ["unit", "period", "type", "amount"],
                                        allowed: columns, limits: limits, log: ctx.log, includedFrom: includedFrom) else { return nil }
        var ledger = Ledger()
        let known = Set(units)
        var unknown: Set<String> = []
        for i in table.rows.indices {
            let rec = table.record(i, context: "ledger row", ctx)
            guard let unit = rec.text("unit"), let periodText = rec.text("period"), let type = rec.text("type") else {
                rec.error("a ledger row needs unit, period, type and amount", at: nil)
                continue
            }
            guard known.contains(unit) else {
                if !unknown.contains(unit) {
                    rec.error("unknown unit '\(unit)' in the ledger" + Suggest.phrase(for: unit, among: units), at: "unit")
                    unknown.insert(unit)
                }
                continue
            }
            guard let period = Month(iso: periodText) else {
                rec.error("period '\(periodText)' is not a month YYYY-MM", at: "period")
                continue
            }
            guard type == "actual" || type == "budget" else {
                rec.error("type '\(type)' is neither actual nor budget" + Suggest.phrase(for: type, among: ["actual", "budget"]), at: "type")
                continue
            }
            guard rec.has("amount") else { rec.error("missing amount", at: "amount"); continue }
            guard let amount = rec.amount("amount") else { continue }
            var s = ledger.history[unit, default: [:]][period.year] ?? MonthlySeries()
            let m = period.month - 1
            if type == "actual" {
                s.actual[m] = (s.actual[m].isNaN ? 0 : s.actual[m]) + amount
            } else {
                s.budget[m] = (s.budget[m].isNaN ? 0 : s.budget[m]) + amount
            }
            ledger.history[unit, default: [:]][period.year] = s
        }
        return ledger
    }
}
