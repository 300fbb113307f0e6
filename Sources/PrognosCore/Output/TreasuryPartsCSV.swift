/// The treasury tables of the RFC 4180 CSV beside the scenario-year table, each its own table
/// after a blank line, as the CSV's sections are (only when the result has them):
/// - rule T26: a year that starts before V split into its `realised` (1 January to the day
///   before V) and `forecast` (V to 31 December) parts, one row per scenario, year and part;
/// - rule T25: the borrowing need per year (`treasury.borrowing_need[]`).
/// Amounts in kronor to the öre, like the JSON.
enum TreasuryPartsCSV {
    static let partColumns = ["scenario", "year", "part", "from", "to", "external_interest", "swap_net", "internal_income",
                              "margin_income", "municipality_net", "label"]
    static let borrowingNeedColumns = ["year", "borrowing_need"]

    /// The tables the result has, in this order: the partial years, the borrowing need.
    static func tables(_ t: TreasuryResult, dialect: CSVDialect) throws -> [String] {
        let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
        var out: [String] = []
        let partial = t.scenarios.flatMap { s in s.years.filter { $0.partial?.value == true }.map { (s, $0) } }
        if !partial.isEmpty {
            out.append(try CSVOutput.write(dialect) { writer in
                try writer.write(row: partColumns)
                for (s, y) in partial {
                    for (name, part) in [("realised", y.realised), ("forecast", y.forecast)] {
                        guard let part else { continue }
                        try writer.write(dialect, row: [s.name, String(y.year), name, part.from, part.to, m(part.externalInterest), m(part.swapNet),
                                                        m(part.internalIncome), m(part.marginIncome), m(part.municipalityNet), s.display],
                                         text: [0, 10])
                    }
                }
            })
        }
        if let need = t.borrowingNeed?.value {
            out.append(try CSVOutput.write(dialect) { writer in
                try writer.write(row: borrowingNeedColumns)
                for y in need { try writer.write(row: [String(y.year), m(y.amount)]) }
            })
        }
        return out
    }
}
