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
/// (treasury). Amounts in kronor and rates as decimals, like the JSON.
public enum CSVOutput {
    static let columns = ["section", "id", "name", "reported_as"] + TotalColumn.allCases.map(\.rawValue)
        + ["method", "method_value", "adjustments"]

    public static func render(_ run: ScenarioRun, dialect: CSVDialect) throws -> String {
        var parts: [String] = []
        let onlyIndicators = run.scenario.indicators != nil && run.operating == nil && run.treasury == nil && run.simulation == nil
        if run.operating != nil || (run.treasury == nil && run.simulation == nil && !onlyIndicators) {
            parts.append(try operating(run, dialect: dialect))
        }
        if let t = run.treasury { parts.append(try treasury(t, dialect: dialect)) }
        if let s = run.simulation { parts.append(try simulation(s, dialect: dialect)) }
        if let ind = run.scenario.indicators, !run.isSimulationOnly { parts.append(try indicators(ind, dialect: dialect)) }
        // Swedish Excel reads a file as UTF-8 only with a byte-order mark (å, ä, ö intact on a double-click).
        return (dialect == .excelSV ? "\u{FEFF}" : "") + parts.joined(separator: "\n")
    }

    static let treasuryColumns = ["scenario", "year", "external_interest", "swap_net", "internal_income", "margin_income",
                                  "municipality_net", "average_funding_rate", "average_debt", "debt_end"]

    static func treasury(_ t: TreasuryRun, dialect: CSVDialect) throws -> String {
        try write(dialect) { writer in
            try writer.write(row: treasuryColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            let a = { (v: Double?) in Format.machine(Ore.round(v), decimalComma: dialect.decimalComma) }   // amounts to the öre
            for s in t.scenarios {
                for y in s.years {
                    try writer.write(dialect, row: [s.name, String(y.year), a(y.externalInterest), a(y.swapNet), a(y.internalIncome),
                                                    a(y.marginIncome), a(y.municipalityNet), m(y.averageFundingRate),
                                                    a(y.averageDebt), a(y.debtEnd)], text: [0])
                }
            }
        }
    }

    static let indicatorColumns = ["area", "goal", "board_goal", "id", "name", "unit", "period", "group", "value", "refers_to",
                                   "target", "status", "trend"]

    /// One row per indicator (and breakdown group) and period; I.U. is an empty value.
    /// The target is the Swedish wording of the table; status and trend are empty with `assess: false`.
    static func indicators(_ input: IndicatorsInput, dialect: CSVDialect) throws -> String {
        let f = IndicatorFormat(lang: .sv)
        return try write(dialect) { writer in
            try writer.write(row: indicatorColumns)
            for a in input.areas {
                for g in a.boardGoals {
                    for i in g.indicators {
                        let status = input.assess ? i.status.rawValue : "", trend = input.assess ? (i.trend?.rawValue ?? "") : ""
                        for (group, values) in [("", i.values)] + i.breakdown.map({ ($0.group, $0.values) }) {
                            for (p, v) in zip(a.periods, values) {
                                try writer.write(dialect, row: [a.name, a.goal ?? "", g.name, i.id, i.name, i.unit ?? "", p, group,
                                                                Format.machine(v?.value, decimalComma: dialect.decimalComma),
                                                                v?.refersTo.map(String.init) ?? "", f.target(of: i),
                                                                group.isEmpty ? status : "", group.isEmpty ? trend : ""],
                                                 text: [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12])
                            }
                        }
                    }
                }
            }
        }
    }

    static let statisticColumns = ["mean", "sd", "stderr", "min", "max", "p01", "p05", "p10", "p25", "p50", "p75", "p90",
                                   "p95", "p99", "car95", "car99", "es95", "prob_over_budget"]

    /// One row per year and series with every statistic.
    static func simulation(_ sim: SimulationRun, dialect: CSVDialect) throws -> String {
        try write(dialect) { writer in
            try writer.write(row: ["year", "series"] + statisticColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            for y in sim.years {
                for (k, name) in SimulationRun.series.enumerated() {
                    let s = y.series[k]
                    // Amount series to the öre as in the JSON; the rate series and the probability in full.
                    let v = { (x: Double?) in m(JSONOutput.isAmountSeries(name) ? Ore.round(x) : x) }
                    try writer.write(dialect, row: [String(y.year), name] + [s.mean, s.sd, s.stderr, s.min, s.max, s.p01, s.p05,
                        s.p10, s.p25, s.p50, s.p75, s.p90, s.p95, s.p99, s.car95, s.car99, s.es95].map(v) + [m(s.probOverBudget)],
                                     text: [1])
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

    static func operating(_ run: ScenarioRun, dialect: CSVDialect) throws -> String {
        try write(dialect) { writer in
            try writer.write(row: columns)
            guard let s = run.operating else { return }
            let m = { (v: Double?) in Format.machine(Ore.round(v), decimalComma: dialect.decimalComma) }   // all amounts, to the öre
            func amounts(_ f: StatementFigures) -> [String] { TotalColumn.allCases.map { m(f[$0]) } }
            for p in s.units {
                let adjustments = p.adjustments.isEmpty ? nil : p.adjustments.reduce(0) { $0 + $1.amount }
                try writer.write(dialect, row: ["unit", p.id, p.name, p.reportedAs.rawValue] + amounts(p.figures)
                    + [p.method?.rawValue ?? "", m(p.methodValue), m(adjustments)], text: [0, 1, 2, 3, columns.count - 3])
            }
            try writer.write(row: ["total", "total", "Summa nettokostnader", ReportedAs.netCost.rawValue]
                + amounts(s.total) + ["", "", ""])
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
