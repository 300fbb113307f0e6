import CSV
import Foundation

/// The CSV of a batch folder (`results.csv`, `errors.csv`, and the row whose checksum a run's
/// record keeps, `RunRecord.cellsSum`),
/// through CSV.swift: RFC 4180, `,`, a cell quoted when it holds a quote, a comma or a line
/// break, LF between rows and after the last.
enum BatchCSV {
    static func text(_ rows: [[String]]) throws(InputFailure) -> String {
        if let plain = plainText(rows) { return plain }
        return try libraryText(rows)
    }

    /// `text` through CSV.swift (every row; `plainText` gives the same bytes where it applies).
    static func libraryText(_ rows: [[String]]) throws(InputFailure) -> String {
        let stream = OutputStream.toMemory()
        do {
            let writer = try CSVWriter(stream: stream, delimiter: ",", newline: .lf)
            for row in rows {
                writer.beginNewRow()
                for cell in row { try writer.write(field: cell) }
            }
            writer.stream.close()
        } catch {
            throw InputFailure(.internalError, "cannot write CSV: \(error)")
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw InputFailure(.internalError, "cannot write CSV: no data")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
