import CSV

/// The byte-level reading of large CSV inputs (issue 20 item 5, docs/decisions.md "A byte-level
/// path for large CSV files"). CSV.swift reads one Unicode scalar at a time through an
/// `AnyIterator` and a `CharacterSet`; on a 1,000,000-row ledger that alone is many times
/// pandas. Most lines of a real export are *plain*: printable ASCII without a quote, no field
/// starting or ending with a space. For such a line CSV.swift's reading (with `trimFields`) is
/// exactly "split at the delimiter" and `CSVScan` can find no problem in it, so it is split here
/// byte by byte. Every other line (quotes, tabs, spaces at a field's edge, non-ASCII, control
/// characters) is checked by `CSVScan` and read by CSV.swift on its own: after `CSVScan` one
/// physical line is one row, so that reading is the one CSV.swift gives in the whole file.
/// `CSVFastLinesTests` compares the two readings on generated and malformed files.
enum CSVFastLines {
    /// Files at least this large (bytes of UTF-8) take the byte-level path.
    static let threshold = 1 << 20

    /// Every physical line of `body` (no byte-order mark) as CSV.swift reads it, with its line
    /// number (a blank line is `[""]`), or the first structural problem `CSVScan` finds.
    static func rows(_ body: String, delimiter: Character) -> (rows: [(line: Int, fields: [String])], problem: CSVScan.Problem?) {
        var body = body
        let delim = UInt8(ascii: delimiter.unicodeScalars.first!)
        return body.withUTF8 { p in
            var rows: [(line: Int, fields: [String])] = []
            let n = p.count
            var i = 0, line = 0, width = 1
            while i < n {
                line += 1
                let start = i
                var plain = true
                var fieldStart = i
                var fields: [String] = []
                fields.reserveCapacity(width)
                while i < n {
                    let b = p[i]
                    if b == 10 || b == 13 { break }
                    if b == delim {
                        if plain {
                            if i > fieldStart && (p[fieldStart] == 32 || p[i - 1] == 32) {
                                plain = false
                            } else {
                                fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[fieldStart..<i]), as: UTF8.self))
                            }
                        }
                        fieldStart = i + 1
                    } else if b < 32 || b > 126 || b == 34 {
                        plain = false
                    }
                    i += 1
                }
                let end = i
                if plain && end > fieldStart && (p[fieldStart] == 32 || p[end - 1] == 32) { plain = false }
                if i < n {   // the line break: \n, \r\n or \r (as CSVScan and CSV.swift read them)
                    if p[i] == 13, i + 1 < n, p[i + 1] == 10 { i += 2 } else { i += 1 }
                }
                if plain {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[fieldStart..<end]), as: UTF8.self))
                    rows.append((line, fields))
                    width = fields.count
                    continue
                }
                let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                if let problem = CSVScan.check(text, delimiter: delimiter) {
                    return (rows, CSVScan.Problem(line: line + problem.line - 1, column: problem.column, message: problem.message))
                }
                let row = (try? CSVReader(string: text, hasHeaderRow: false, trimFields: true,
                                          delimiter: delimiter.unicodeScalars.first!))?.next() ?? [""]
                rows.append((line, row))
            }
            return (rows, nil)
        }
    }
}

extension CSVTable {
    /// `parse` on the byte-level path: the same checks, in the same order, with the same messages.
    static func parseLines(_ body: String, delimiter: Character, displayPath: String, required: [String], allowed: [String],
                           expected: String, rowsNeeded: String?, log: DiagnosticLog) -> CSVTable? {
        let headerLocation = SourceLocation(file: displayPath, line: 1, column: 0)
        let (lines, problem) = CSVFastLines.rows(body, delimiter: delimiter)
        if let problem {
            log.error(problem.message, at: SourceLocation(file: displayPath, line: problem.line, column: problem.column))
            return nil
        }
        let header = (lines.first?.fields ?? []).map { $0.trimmingSpaces().lowercased() }
        guard checkHeader(header, required: required, allowed: allowed, expected: expected,
                          at: headerLocation, log: log) else { return nil }
        var rows: [(line: Int, fields: [String])] = []
        rows.reserveCapacity(lines.count)
        var rejected = 0
        for (line, row) in lines.dropFirst() {
            if row.count == 1, row[0].isEmpty { continue }   // blank line
            if row.count != header.count {
                log.error("row has \(row.count) fields; the header has \(header.count)"
                          + (row.count > header.count ? " (a '\(delimiter)' inside a value, such as a thousands separator?)" : ""),
                          at: SourceLocation(file: displayPath, line: line, column: 0))
                rejected += 1
            } else {
                rows.append((line, row))
            }
        }
        if let what = rowsNeeded, rows.isEmpty, rejected == 0 {
            log.error("the file has a header and no rows: expected at least one \(what)", at: headerLocation)
            return nil
        }
        return CSVTable(file: displayPath, header: header, delimiter: delimiter, rows: rows)
    }
}
