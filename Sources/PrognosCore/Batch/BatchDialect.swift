import Foundation

/// results.csv and errors.csv in the batch's `--csv-dialect` (files.md: every CSV `batch`
/// writes takes it). rfc4180 is `BatchCSV.text` as it always was; excel-sv writes a UTF-8
/// byte-order mark, `;` between cells and a decimal comma in every cell that is a number
/// (`123.45` → `123,45`; kronor as in the JSON), and neutralises text cells that a spreadsheet
/// would read as a formula. The per-run cells in each record (`RunRecord.cells`, checksummed
/// as an rfc4180 row) are the folder's own storage, so a batch's runs are the same bytes
/// whatever its dialect.
extension BatchIdentity {
    var dialect: CSVDialect { csvDialect.flatMap(CSVDialect.init(rawValue:)) ?? .rfc4180 }
}

extension BatchCSV {
    static func text(_ rows: [[String]], dialect: CSVDialect) throws(InputFailure) -> String {
        guard dialect == .excelSV else { return try text(rows) }
        do {
            let body = try CSVOutput.write(dialect) { writer in
                for row in rows {
                    let cells = row.map { isNumber($0) ? $0.replacingOccurrences(of: ".", with: ",") : $0 }
                    try writer.write(dialect, row: cells, text: Set(cells.indices.filter { !isNumber(row[$0]) }))
                }
            }
            return "\u{FEFF}" + body
        } catch let e as InputFailure {
            throw e
        } catch {
            throw InputFailure(.internalError, "cannot write CSV: \(error)")
        }
    }

    /// A cell `OutputColumns.cell` wrote for a number: `-12`, `3.5`, `1e-05`.
    static func isNumber(_ s: String) -> Bool {
        guard let first = s.first, first == "-" || first.isNumber else { return false }
        return Double(s) != nil && !s.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
    }
}
