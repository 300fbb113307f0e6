/// Monthly actuals and budget of one unit for one year; NaN where the ledger has no row.
public struct MonthlySeries: Sendable, Equatable {
    public var actual = [Double](repeating: .nan, count: 12)
    public var budget = [Double](repeating: .nan, count: 12)

    public init() {}

    /// A complete year has 12 actual rows (rule O3).
    public var isComplete: Bool { !actual.contains { $0.isNaN } }

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
    /// The ledger file, for messages.
    public var file = ""
    /// Rows and their sums per month over all units (before rule O2's summing), so rows the
    /// run does not use can be counted in a warning (issue 14 item 1).
    var rowsByMonth: [Month: MonthRows] = [:]

    struct MonthRows: Sendable {
        var actualRows = 0, budgetRows = 0
        var actual = 0.0, budget = 0.0
        /// The first line of an actual and of a budget row of the month, for the warning's position.
        var actualLine = Int.max, budgetLine = Int.max
    }

    public init() {}

    /// Warnings about rows the run does not use: actual rows dated after `as_of`'s month (the
    /// actuals to date stop there) and budget rows of years after the fiscal year; each says
    /// how many rows, their months and their sum in `unit`. Rows of earlier years are history
    /// (methods, backtests) and are used.
    public func unusedRowWarnings(asOf: Day, fiscalYear: Int, unit: AmountUnit) -> [Diagnostic] {
        guard let m = Month(year: asOf.year, month: asOf.month) else { return [] }
        func describe(_ months: [Month], rows: Int, sum: Double, what: String) -> String {
            let span = months.count == 1 ? "\(months[0])" : "\(months.first!) … \(months.last!)"
            return "\(rows) \(what) \(rows == 1 ? "row" : "rows") (\(span), sum \(Format.plain(sum, unit)) \(unit.rawValue))"
        }
        var out: [Diagnostic] = []
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line == Int.max ? 0 : line, column: 0) }
        let lateActual = rowsByMonth.keys.filter { $0 > m && rowsByMonth[$0]!.actualRows > 0 }.sorted()
        if !lateActual.isEmpty {
            let rows = lateActual.reduce(0) { $0 + rowsByMonth[$1]!.actualRows }
            let sum = lateActual.reduce(0.0) { $0 + rowsByMonth[$1]!.actual }
            out.append(Diagnostic(.warning, "the ledger has " + describe(lateActual, rows: rows, sum: sum, what: "actual")
                                  + " dated after as_of \(asOf); they are not used (actuals to date end with \(m))",
                                  at: at(lateActual.map { rowsByMonth[$0]!.actualLine }.min()!)))
        }
        let lateBudget = rowsByMonth.keys.filter { $0.year > fiscalYear && rowsByMonth[$0]!.budgetRows > 0 }.sorted()
        if !lateBudget.isEmpty {
            let rows = lateBudget.reduce(0) { $0 + rowsByMonth[$1]!.budgetRows }
            let sum = lateBudget.reduce(0.0) { $0 + rowsByMonth[$1]!.budget }
            out.append(Diagnostic(.warning, "the ledger has " + describe(lateBudget, rows: rows, sum: sum, what: "budget")
                                  + " after fiscal year \(fiscalYear); they are not used",
                                  at: at(lateBudget.map { rowsByMonth[$0]!.budgetLine }.min()!)))
        }
        return out
    }

    public func series(_ unit: String, _ year: Int) -> MonthlySeries? { history[unit]?[year] }

    static let columns = ["unit", "period", "type", "amount", "account"]

    private struct SeriesKey: Hashable { let unit: String; let year: Int }

    /// One in-place update of a month's row counts (one dictionary lookup per row).
    private static func count(_ rows: inout MonthRows, _ update: (inout MonthRows) -> Void) { update(&rows) }

    /// Reads the ledger CSV; `units` are the ids it may name. Errors name the CSV row.
    static func read(path: String, units: [String], limits: InputLimits, ctx: DecodeContext,
                     includedFrom: SourceLocation?) -> Ledger? {
        guard let table = CSVTable.read(path: path, displayPath: path, required: ["unit", "period", "type", "amount"],
                                        allowed: columns, rowsNeeded: "ledger row", limits: limits, log: ctx.log, includedFrom: includedFrom) else { return nil }
        var ledger = Ledger()
        ledger.file = path
        let known = Set(units)
        var unknown: Set<String> = []
        var seriesIndex: [SeriesKey: Int] = [:]
        var seriesKeys: [SeriesKey] = []
        var series: [MonthlySeries] = []
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
            guard let period = Month(inputISO: periodText) else {
                if Month(iso: periodText) != nil {
                    rec.error("period '\(periodText)' is outside the supported range "
                              + "\(Day.supportedYears.lowerBound)-01 … \(Day.supportedYears.upperBound)-12", at: "period")
                } else {
                    rec.error("period '\(periodText)' is not a month YYYY-MM", at: "period")
                }
                continue
            }
            guard type == "actual" || type == "budget" else {
                rec.error("type '\(type)' is neither actual nor budget" + Suggest.phrase(for: type, among: ["actual", "budget"]), at: "type")
                continue
            }
            guard rec.has("amount") else { rec.error("missing amount", at: "amount"); continue }
            guard let amount = rec.amount("amount") else { continue }
            // Summed in place, in row order (the same sums as before, issue 20 item 5: no copy
            // of a unit's year per row); `history` is filled from them after the loop.
            let key = SeriesKey(unit: unit, year: period.year)
            let j: Int
            if let found = seriesIndex[key] { j = found } else {
                j = series.count
                seriesIndex[key] = j
                seriesKeys.append(key)
                series.append(MonthlySeries())
            }
            let m = period.month - 1
            let line = rec.line
            if type == "actual" {
                series[j].actual[m] = (series[j].actual[m].isNaN ? 0 : series[j].actual[m]) + amount
                Self.count(&ledger.rowsByMonth[period, default: MonthRows()]) {
                    $0.actualRows += 1; $0.actual += amount; $0.actualLine = min($0.actualLine, line)
                }
            } else {
                Self.count(&ledger.rowsByMonth[period, default: MonthRows()]) {
                    $0.budgetRows += 1; $0.budget += amount; $0.budgetLine = min($0.budgetLine, line)
                }
                series[j].budget[m] = (series[j].budget[m].isNaN ? 0 : series[j].budget[m]) + amount
            }
        }
        for (key, s) in zip(seriesKeys, series) { ledger.history[key.unit, default: [:]][key.year] = s }
        return ledger
    }
}
