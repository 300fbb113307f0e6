import Foundation

/// The column (1-based, in characters) where a CSV cell was written, for messages about one
/// cell: `data/loans.csv:3:14: error: … in column 'notional'`. Rows keep only their line
/// number and trimmed fields (a cell's position is not needed to compute anything), so on the
/// rare error path the line is read again from the file and its fields counted as `CSVScan`
/// reads them: a delimiter inside a quoted field does not count, and the column is that of the
/// cell's first character after leading spaces (its opening quote, if quoted). A file that
/// cannot be read again (a table parsed from text in memory) gives no column (0).
enum CSVCellColumn {
    static func column(file: String, line: Int, field: Int, delimiter: Character) -> Int {
        guard let text = LastFile.shared.line(line, of: file) else { return 0 }
        var index = 0, column = 1
        var atStart = true, quoted = false, pendingQuote = false
        for ch in text {
            if pendingQuote {   // a quote inside a quoted field: `""` or the closing quote
                pendingQuote = false
                if ch == "\"" { column += 1; continue }
                quoted = false
            }
            if atStart {
                if ch == " " || ch == "\t" { column += 1; continue }
                if index == field { return column }
                atStart = false
                if ch == "\"" { quoted = true; column += 1; continue }
            }
            if quoted {
                if ch == "\"" { pendingQuote = true }
            } else if ch == delimiter {
                index += 1
                atStart = true
            }
            column += 1
        }
        return index == field ? column : 0   // an empty last cell: just after the last delimiter
    }

    /// The lines of the last file asked about, kept so that many errors in one big file read
    /// it once (errors are reported while one file is loaded).
    final class LastFile: @unchecked Sendable {
        static let shared = LastFile()
        private let lock = NSLock()
        private var path = ""
        private var stamp: String = ""
        private var lines: [Substring] = []

        func line(_ n: Int, of file: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            // The file as it is now (a file rewritten since, even within one second, is read again).
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            let now = "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)/\(attributes?[.size] as? Int ?? -1)"
            if file != path || now != stamp {
                guard let data = FileManager.default.contents(atPath: file),
                      let text = String(data: data, encoding: .utf8) else { return nil }
                path = file
                stamp = now
                // \r\n is one Character in Swift, so this splits \n, \r\n and \r alike.
                lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            }
            guard n >= 1, n <= lines.count else { return nil }
            return String(lines[n - 1])
        }
    }
}
