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
    /// how many rows, their months, their sum in `unit` and the units they belong to, by name
    /// (`units` in the file's order). Rows of earlier years are history (methods, backtests)
    /// and are used.
    public func unusedRowWarnings(asOf: Day, fiscalYear: Int, unit: AmountUnit, units: [OperatingUnitInput]) -> [Diagnostic] {
        guard let m = Month(year: asOf.year, month: asOf.month) else { return [] }
        /// Count, "row(s)", the months, the sum and the unit (the catalogue's {0} … {4}).
        func describe(_ months: [Month], rows: Int, sum: Double) -> [MessageArg] {
            let span = months.count == 1 ? "\(months[0])" : "\(months.first!) … \(months.last!)"
            return [.int(rows), rows == 1 ? .term(sv: "rad", en: "row") : .term(sv: "rader", en: "rows"),
                    .text(span), .amount(sum, unit), .text(unit.rawValue)]
        }
        /// The units with a row of `months` (actual or budget), by name: from the summed series
        /// (a month without a row is NaN there), so no row pays for the warning.
        func owners(_ months: [Month], actual: Bool) -> MessageArg {
            let names = units.filter { u in
                months.contains { m in
                    guard let s = history[u.id]?[m.year] else { return false }
                    return !(actual ? s.actual : s.budget)[m.month - 1].isNaN
                }
            }.map(\.name)
            return Self.names(names)
        }
        var out: [Diagnostic] = []
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line == Int.max ? 0 : line, column: 0) }
        let lateActual = rowsByMonth.keys.filter { $0 > m && rowsByMonth[$0]!.actualRows > 0 }.sorted()
        if !lateActual.isEmpty {
            let rows = lateActual.reduce(0) { $0 + rowsByMonth[$1]!.actualRows }
            let sum = lateActual.reduce(0.0) { $0 + rowsByMonth[$1]!.actual }
            out.append(Diagnostic(.warning, Message(.operatingLedgerLateActual, args: describe(lateActual, rows: rows, sum: sum)
                                                    + [.text(asOf.description), .text(m.description), owners(lateActual, actual: true)]),
                                  at: at(lateActual.map { rowsByMonth[$0]!.actualLine }.min()!)))
        }
        let lateBudget = rowsByMonth.keys.filter { $0.year > fiscalYear && rowsByMonth[$0]!.budgetRows > 0 }.sorted()
        if !lateBudget.isEmpty {
            let rows = lateBudget.reduce(0) { $0 + rowsByMonth[$1]!.budgetRows }
            let sum = lateBudget.reduce(0.0) { $0 + rowsByMonth[$1]!.budget }
            out.append(Diagnostic(.warning, Message(.operatingLedgerLateBudget, args: describe(lateBudget, rows: rows, sum: sum)
                                                    + [.text(String(fiscalYear)), owners(lateBudget, actual: false)]),
                                  at: at(lateBudget.map { rowsByMonth[$0]!.budgetLine }.min()!)))
        }
        return out
    }

    /// Names for a sentence: all of up to six, else the first five and how many more.
    static func names(_ names: [String]) -> MessageArg {
        guard names.count > 6 else { return .names(names) }
        let first = names.prefix(5).joined(separator: ", ")
        return .term(sv: first + " och \(names.count - 5) till", en: first + " and \(names.count - 5) more")
    }

    public func series(_ unit: String, _ year: Int) -> MonthlySeries? { history[unit]?[year] }

    /// A unit whose actuals to date come from the ledger (no `actual_ytd` in the file) but
    /// lack a month 1…M that other months of its year have: rule O1 sums the months that have
    /// rows, so the gap counts as zero. Said, not refused (a unit may have had no bookings in a
    /// month), at the unit's row, naming the months, so a row lost from an export is not
    /// silent. A unit with no actual row at all up to M is the statement's own error.
    public func gapWarnings(units: [OperatingUnitInput], asOf: Day, fiscalYear: Int) -> [Diagnostic] {
        guard asOf.year == fiscalYear else { return [] }
        let m = asOf.month
        var out: [Diagnostic] = []
        for u in units where u.actualYTD == nil {
            guard let s = history[u.id]?[fiscalYear] else { continue }
            let missing = (1...m).filter { s.actual[$0 - 1].isNaN }
            guard !missing.isEmpty, missing.count < m else { continue }
            // Names, not ids (files.md): the unit by its name, the months as a reader writes them.
            let months = MessageArg.term(sv: missing.map { MessageCatalogue.monthName($0, .sv) + " \(fiscalYear)" }.joined(separator: ", "),
                                         en: missing.map { String(format: "%04d-%02d", fiscalYear, $0) }.joined(separator: ", "))
            let those: MessageArg = missing.count == 1 ? .term(sv: "den månaden", en: "that month") : .term(sv: "de månaderna", en: "those months")
            out.append(Diagnostic(.warning, Message(.operatingLedgerGap, .text(file), .text(u.name), months, .text(String(fiscalYear)), those),
                                  at: u.location))
        }
        return out
    }


    /// A month missing inside a unit's history (between its first and last actual month, in a year
    /// before the fiscal year): rule O3 leaves the year out of the methods' history, so one lost
    /// row moves a trend or a band without a word. Said at the unit's row, naming the months.
    public func historyGapWarnings(units: [OperatingUnitInput], fiscalYear: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for u in units {
            guard let years = history[u.id] else { continue }
            var present: [Int] = []   // months as year × 12 + month − 1
            for (year, s) in years { for m in 0..<12 where !s.actual[m].isNaN { present.append(year * 12 + m) } }
            guard let first = present.min(), let last = present.max() else { continue }
            for year in years.keys.sorted() where year < fiscalYear {
                let s = years[year]!
                let missing = (0..<12).filter { m in s.actual[m].isNaN && year * 12 + m > first && year * 12 + m < last }
                guard !missing.isEmpty, missing.count < 12 else { continue }
                let months = MessageArg.term(sv: missing.map { MessageCatalogue.monthName($0 + 1, .sv) + " \(year)" }.joined(separator: ", "),
                                             en: missing.map { String(format: "%04d-%02d", year, $0 + 1) }.joined(separator: ", "))
                out.append(Diagnostic(.warning, Message(.operatingLedgerHistoryGap, .text(file), .text(u.name), months, .text(String(year))),
                                      at: u.location))
            }
        }
        return out
    }

    static let columns = ["unit", "period", "type", "amount", "account"]

    struct SeriesKey: Hashable { let unit: String; let year: Int }

    /// Reads the ledger CSV; `units` are the ids it may name. Errors name the CSV row.
    /// Large files take the chunked byte-level reading (`LedgerChunks`, issue 20 item 5); the
    /// others, and every file that reading does not take, CSVTable and the row checks below.
    static func read(path: String, units: [String], limits: InputLimits, ctx: DecodeContext,
                     includedFrom: SourceLocation?) -> Ledger? {
        LedgerChunks.read(path: path, units: units, limits: limits, ctx: ctx, includedFrom: includedFrom)
    }

    /// The rows of a parsed ledger table, checked and summed in row order.
    static func read(table: CSVTable, units: [String], ctx: DecodeContext) -> Ledger {
        var sums = Sums(file: table.file, units: units)
        for i in table.rows.indices { sums.add(table.record(i, context: "ledger row", ctx)) }
        return sums.ledger()
    }

    /// The checks of a ledger row and rule O2's sums, in row order: rows with the same unit,
    /// period and type are summed, and counted per month for `unusedRowWarnings`.
    struct Sums {
        let file: String
        let units: [String]
        let known: Set<String>
        var unknown: Set<String> = []
        var seriesIndex: [SeriesKey: Int] = [:]
        var seriesKeys: [SeriesKey] = []
        /// 12 months per series, NaN where no row has come yet.
        var actual: [Double] = [], budget: [Double] = []
        var monthIndex: [Month: Int] = [:]
        var months: [Month] = []
        var monthRows: [MonthRows] = []

        init(file: String, units: [String]) {
            self.file = file
            self.units = units
            known = Set(units)
        }

        /// The index of the series of `unit` in `year`, made on first use.
        mutating func series(_ unit: String, _ year: Int) -> Int {
            let key = SeriesKey(unit: unit, year: year)
            if let j = seriesIndex[key] { return j }
            let j = seriesKeys.count
            seriesIndex[key] = j
            seriesKeys.append(key)
            actual.append(contentsOf: repeatElement(.nan, count: 12))
            budget.append(contentsOf: repeatElement(.nan, count: 12))
            return j
        }

        /// The index of `month` in `monthRows`, made on first use.
        mutating func slot(_ month: Month) -> Int {
            if let k = monthIndex[month] { return k }
            monthIndex[month] = months.count
            months.append(month)
            monthRows.append(MonthRows())
            return months.count - 1
        }

        /// One checked row: `amount` of series `j`, month `m` (0 … 11, month slot `k`). Summed
        /// in place, in row order (issue 20 item 5: no copy of a unit's year per row).
        mutating func add(series j: Int, month m: Int, slot k: Int, actual isActual: Bool, amount: Double, line: Int) {
            if isActual {
                actual[12 * j + m] = (actual[12 * j + m].isNaN ? 0 : actual[12 * j + m]) + amount
                monthRows[k].actualRows += 1; monthRows[k].actual += amount; monthRows[k].actualLine = min(monthRows[k].actualLine, line)
            } else {
                monthRows[k].budgetRows += 1; monthRows[k].budget += amount; monthRows[k].budgetLine = min(monthRows[k].budgetLine, line)
                budget[12 * j + m] = (budget[12 * j + m].isNaN ? 0 : budget[12 * j + m]) + amount
            }
        }

        /// One ledger row read as text: every check, with its message at the row's line.
        mutating func add(_ rec: CSVRecord) {
            guard let unit = rec.text("unit"), let periodText = rec.text("period"), let type = rec.text("type") else {
                rec.error("a ledger row needs unit, period, type and amount", at: nil)
                return
            }
            guard known.contains(unit) else {
                if !unknown.contains(unit) {
                    rec.error("unknown unit '\(unit)' in the ledger" + Suggest.phrase(for: unit, among: units), at: "unit")
                    unknown.insert(unit)
                }
                return
            }
            guard let period = Month(inputISO: periodText) else {
                if Month(iso: periodText) != nil {
                    rec.error("period '\(periodText)' is outside the supported range "
                              + "\(Day.supportedYears.lowerBound)-01 … \(Day.supportedYears.upperBound)-12", at: "period")
                } else {
                    rec.error("period '\(periodText)' is not a month YYYY-MM", at: "period")
                }
                return
            }
            guard type == "actual" || type == "budget" else {
                rec.error("type '\(type)' is neither actual nor budget" + Suggest.phrase(for: type, among: ["actual", "budget"]), at: "type")
                return
            }
            guard rec.has("amount") else { rec.error("missing amount", at: "amount"); return }
            guard let amount = rec.amount("amount") else { return }
            add(series: series(unit, period.year), month: period.month - 1, slot: slot(period), actual: type == "actual",
                amount: amount, line: rec.line)
        }

        /// The ledger of the rows added.
        func ledger() -> Ledger {
            var ledger = Ledger()
            ledger.file = file
            for (j, key) in seriesKeys.enumerated() {
                var s = MonthlySeries()
                s.actual = Array(actual[12 * j ..< 12 * j + 12])
                s.budget = Array(budget[12 * j ..< 12 * j + 12])
                ledger.history[key.unit, default: [:]][key.year] = s
            }
            for (k, month) in months.enumerated() { ledger.rowsByMonth[month] = monthRows[k] }
            return ledger
        }
    }
}
