import CSV
import Foundation

/// CSV dialects: RFC 4180 (`,` and a decimal point) or Swedish Excel (`;`, a decimal comma
/// and a UTF-8 byte-order mark).
public enum CSVDialect: String, Sendable, CaseIterable {
    case rfc4180
    case excelSV = "excel-sv"

    var delimiter: String { self == .rfc4180 ? "," : ";" }
    var decimalComma: Bool { self == .excelSV }
}

/// One row per unit and one for the total (operating); one per scenario and year
/// (treasury). Amounts in kronor and rates as decimals, like the JSON; rendered from the
/// result document like every view.
public enum CSVOutput {
    static let columns = ["section", "id", "name", "reported_as"] + TotalColumn.allCases.map(\.rawValue)
        + ["method", "method_value", "adjustments"]

    public static func render(_ run: ScenarioRun, dialect: CSVDialect) throws -> String {
        try render(ResultDocument(run), dialect: dialect)
    }

    /// The CSV of `dialect`; excel-sv is the people's CSV of the printed tables in `lang` (ExcelCSV).
    public static func render(_ doc: ResultDocument, dialect: CSVDialect, lang: Language) throws -> String {
        dialect == .excelSV ? try ExcelCSV.render(doc, lang: lang) : try render(doc, dialect: dialect)
    }

    public static func render(_ doc: ResultDocument, dialect: CSVDialect) throws -> String {
        // excel-sv is for people: the printed tables (ExcelCSV), Swedish unless a language is given.
        if dialect == .excelSV { return try ExcelCSV.render(doc, lang: .sv) }
        var parts: [String] = []
        for section in ResultSection.allCases {
            if let part = try render(section, doc, dialect: dialect) { parts.append(part) }
        }
        // Swedish Excel reads a file as UTF-8 only with a byte-order mark (å, ä, ö intact on a double-click).
        return (dialect == .excelSV ? "\u{FEFF}" : "") + parts.joined(separator: "\n")
    }

    /// The CSV table of one section (exhaustive: a new section must be rendered here); nil
    /// when the section has no table of its own.
    static func render(_ section: ResultSection, _ doc: ResultDocument, dialect: CSVDialect) throws -> String? {
        switch section {
        case .operating:
            // The operating table (its header alone for a run without any other table, e.g. investments only).
            let onlyIndicators = doc.indicators != nil && doc.operating == nil && doc.treasury == nil && doc.simulation == nil
            guard doc.operating != nil || (doc.treasury == nil && doc.simulation == nil && doc.investments == nil && !onlyIndicators) else { return nil }
            if doc.operating == nil && doc.frontier != nil { return nil }   // a frontier document: the frontier's table alone
            return try operating(doc.operating, dialect: dialect)
        case .investments: return try doc.investments.map { try InvestmentsCSV.projects($0, dialect: dialect) }
        case .capitalCosts: return try doc.capitalCosts.flatMap { try InvestmentsCSV.capitalCosts($0, dialect: dialect) }
        case .treasury: return try doc.treasury.map { try ([treasury($0, dialect: dialect)] + TreasuryPartsCSV.tables($0, dialect: dialect)).joined(separator: "\n") }
        case .simulation: return try doc.simulation.map { try simulation($0, dialect: dialect) }
        case .indicators: return try doc.indicators.map { try indicators($0, dialect: dialect) }
        case .frontier: return try doc.frontier.map { try FrontierCSV.render($0, dialect: dialect) }
        case .result: return try doc.result.map { try ResultCSV.render($0, dialect: dialect) }
        }
    }

    static let treasuryColumns = ["scenario", "year", "external_interest", "swap_net", "internal_income", "margin_income",
                                  "municipality_net", "average_funding_rate", "average_debt", "debt_end", "label"]

    static func treasury(_ t: TreasuryResult, dialect: CSVDialect) throws -> String {
        try write(dialect) { writer in
            try writer.write(row: treasuryColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }   // amounts are to the öre already
            for s in t.scenarios {
                for y in s.years {
                    try writer.write(dialect, row: [s.name, String(y.year), m(y.externalInterest), m(y.swapNet), m(y.internalIncome),
                                                    m(y.marginIncome), m(y.municipalityNet), m(y.averageFundingRate),
                                                    m(y.averageDebt), m(y.debtEnd), s.display], text: [0, 10])
                }
            }
        }
    }

    static let indicatorColumns = ["area", "goal", "board_goal", "id", "name", "unit", "period", "group", "value", "refers_to",
                                   "target", "status", "trend"]

    /// One row per indicator (and breakdown group) and period; I.U. is an empty value.
    /// The target is the Swedish wording of the table; status and trend are empty with `assess: false`.
    static func indicators(_ input: IndicatorsResult, dialect: CSVDialect) throws -> String {
        let f = IndicatorFormat(lang: .sv)
        return try write(dialect) { writer in
            try writer.write(row: indicatorColumns)
            for a in input.areas {
                for g in a.boardGoals {
                    for i in g.indicators {
                        let target = f.target(i.target?.target, unit: i.unit, decimals: i.targetDecimals)
                        for group in [nil] + i.groups.map(Optional.some) {
                            for p in a.periods {
                                let v = i.value(at: p, group: group)
                                try writer.write(dialect, row: [a.name, a.goal ?? "", g.name, i.id, i.name, i.unit ?? "", p, group ?? "",
                                                                Format.machine(v?.value, decimalComma: dialect.decimalComma),
                                                                v?.refersTo.map(String.init) ?? "", target,
                                                                group == nil ? i.status ?? "" : "", group == nil ? i.trend ?? "" : ""],
                                                 text: [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12])
                            }
                        }
                    }
                }
            }
        }
    }

    static let statisticColumns = Statistic.allCases.map(\.key)

    /// One row per year and series with every statistic (amount series to the öre as in the JSON; rates and the probability in full).
    static func simulation(_ sim: SimulationResult, dialect: CSVDialect) throws -> String {
        try write(dialect) { writer in
            try writer.write(row: ["year", "series"] + statisticColumns)
            for y in sim.years {
                for series in SimulationSeries.allCases {
                    guard let s = y.series[series] else { continue }
                    try writer.write(dialect, row: [String(y.year), series.key]
                                     + Statistic.allCases.map { Format.machine(s[$0], decimalComma: dialect.decimalComma) }, text: [1])
                }
            }
        }
    }

    static func write(_ dialect: CSVDialect, _ body: (CSVWriter) throws -> Void) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: dialect.delimiter)
        try body(writer)
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw InputFailure(.internalError, "CSV writer produced no data")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func operating(_ document: OperatingResult?, dialect: CSVDialect) throws -> String {
        let s = document?.asPrinted()   // in the file's sign convention (rule O13)
        return try write(dialect) { writer in
            try writer.write(row: columns)
            guard let s else { return }
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }   // amounts are to the öre already
            func amounts(_ f: OperatingResult.Figures) -> [String] { TotalColumn.allCases.map { m(f[$0]) } }
            for p in s.units {
                let sum: Double = p.adjustments.reduce(0.0) { $0 + ($1.amount ?? 0) }
                let adjustments: Double? = p.adjustments.isEmpty ? nil : Ore.round(sum)
                try writer.write(dialect, row: ["unit", p.id, p.name, p.reportedAs] + amounts(p.figures)
                    + [p.method ?? "", m(p.methodValue), m(adjustments)], text: [0, 1, 2, 3, columns.count - 3])
            }
            try writer.write(row: ["total", "total", OperatingLabels(lang: .sv).total, ReportedAs.netCost.rawValue]
                + amounts(s.total.figures) + ["", "", ""])
        }
    }
}

extension OperatingResult.Figures {
    /// The figure of a column of the statement (its JSON key is the column's).
    public subscript(_ c: TotalColumn) -> Double? {
        switch c {
        case .actualYTD: return actualYTD
        case .budgetYTD: return budgetYTD
        case .deviationYTD: return deviationYTD
        case .actualYTDPrior: return actualYTDPrior
        case .forecast: return forecast
        case .budget: return budget
        case .deviation: return deviation
        case .outcomePrior: return outcomePrior
        }
    }
}

extension CSVWriter {
    /// Writes one row; in the Excel-bound dialect the cells at `text` (names, ids, notes: never
    /// the numbers, so `-3,0` stays a number) are neutralised against formula injection and
    /// quoted when changed (`SpreadsheetText`). The rfc4180 dialect is for programs: kept as is.
    func write(_ dialect: CSVDialect, row: [String], text: Set<Int>) throws {
        guard dialect == .excelSV else { return try write(row: row) }
        let flagged = Set(row.indices.filter { text.contains($0) && SpreadsheetText.isFormulaLike(row[$0]) })
        guard !flagged.isEmpty else { return try write(row: row) }
        try write(row: row.indices.map { flagged.contains($0) ? SpreadsheetText.neutralized(row[$0]) : row[$0] },
                  quotedAtIndex: { flagged.contains($0) })
    }
}
