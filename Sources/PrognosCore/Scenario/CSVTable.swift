import CSV
import Foundation

/// A CSV input (loans, swaps, ledger): a header row, `,` or `;` detected from the
/// header; with `;` a decimal comma and space thousands separators are accepted
/// (Swedish Excel exports, rule F3). Rows keep their line numbers for messages.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let delimiter: Character
    public let rows: [(line: Int, fields: [String])]

    /// Reads `path` (shown as `displayPath`), checking the file's structure (quotes, no line
    /// breaks inside fields, see `CSVScan`), the header against the `required` and `allowed`
    /// columns and every row's field count. With `rowsNeeded` (what a row is, "loan"), a file
    /// with a header and no rows is an error too.
    public static func read(path: String, displayPath: String, required: [String], allowed: [String],
                            rowsNeeded: String? = nil,
                            limits: InputLimits, log: DiagnosticLog, includedFrom: SourceLocation?) -> CSVTable? {
        let key = path + "\u{0}" + required.joined(separator: ",") + "\u{0}" + allowed.joined(separator: ",")
            + "\u{0}" + (rowsNeeded ?? "")
        let outer = InputFileLog.current
        if let cached = InputCache.shared.table(key) {
            cached.files.forEach { outer?.record($0) }
            return cached.table
        }
        let before = log.errors.count
        let read = InputFileLog()   // the file this table stands for, kept with it in the cache
        let table = InputFileLog.$current.withValue(read) {
            readUncached(path: path, displayPath: displayPath, required: required, allowed: allowed,
                         rowsNeeded: rowsNeeded, limits: limits, log: log, includedFrom: includedFrom)
        }
        read.all.forEach { outer?.record($0) }
        if let table, log.errors.count == before { InputCache.shared.store(table: table, files: read.all, key) }
        return table
    }

    static func readUncached(path: String, displayPath: String, required: [String], allowed: [String],
                             rowsNeeded: String? = nil,
                             limits: InputLimits, log: DiagnosticLog, includedFrom: SourceLocation?) -> CSVTable? {
        let text: String
        do {
            text = try SourceLoader.readText(path, limits: limits, includedFrom: includedFrom)
        } catch {
            log.absorb(error)
            return nil
        }
        return parse(text, displayPath: displayPath, required: required, allowed: allowed, rowsNeeded: rowsNeeded, log: log)
    }

    /// Parses the text of a CSV input (see `read`); errors go to `log`, nil when no row can be read.
    static func parse(_ text: String, displayPath: String, required: [String], allowed: [String],
                      rowsNeeded: String? = nil, log: DiagnosticLog, fast: Bool? = nil) -> CSVTable? {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let headerLocation = SourceLocation(file: displayPath, line: 1, column: 0)
        // An expected header, for the messages about an empty file or a missing header.
        let expected = "`" + required.joined(separator: ",") + "`"
            + (allowed.count > required.count
               ? " (optional columns: " + allowed.filter { !required.contains($0) }.joined(separator: ", ") + ")" : "")
        if body.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            log.error("empty file: expected a header row \(expected)", at: headerLocation)
            return nil
        }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: Character = firstLine.contains(";") ? ";" : ","
        // A tab-separated export (Excel's "Text (tab-delimited)") has one header "column" holding
        // every name; say what the file is rather than "unknown column 'id\ttype\t…'".
        if !firstLine.contains(";"), !firstLine.contains(","), firstLine.contains("\t") {
            log.error("the header is separated by tabs: Prognos reads CSV separated by ',' or ';' (spec files.md, CSV); "
                      + "save the file as CSV (in Excel: CSV UTF-8, or CSV with ';' in Swedish settings), expected \(expected)",
                      at: headerLocation)
            return nil
        }
        if fast ?? (body.utf8.count >= CSVFastLines.threshold) {
            return parseLines(body, delimiter: delimiter, displayPath: displayPath, required: required, allowed: allowed,
                              expected: expected, rowsNeeded: rowsNeeded, log: log)
        }
        if let problem = CSVScan.check(body, delimiter: delimiter) {
            log.error(problem.message, at: SourceLocation(file: displayPath, line: problem.line, column: problem.column))
            return nil
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            log.error("cannot read CSV: \(error)", at: headerLocation)
            return nil
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingSpaces().lowercased() }
        guard checkHeader(header, required: required, allowed: allowed, expected: expected,
                          at: headerLocation, log: log) else { return nil }
        // `CSVScan` has refused line breaks inside fields: one physical line is one row.
        var rows: [(Int, [String])] = []
        var line = 1
        var rejected = 0
        while let row = reader.next() {
            line += 1
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
        if let e = reader.error {
            log.error("cannot read CSV: \(e)", at: SourceLocation(file: displayPath, line: line, column: 0))
            return nil
        }
        if let what = rowsNeeded, rows.isEmpty, rejected == 0 {
            log.error("the file has a header and no rows: expected at least one \(what)", at: headerLocation)
            return nil
        }
        return CSVTable(file: displayPath, header: header, delimiter: delimiter, rows: rows)
    }

    /// The header checks of `parse`: false when no row can be read (the errors say why).
    static func checkHeader(_ header: [String], required: [String], allowed: [String], expected: String,
                            at headerLocation: SourceLocation, log: DiagnosticLog) -> Bool {
        if header.allSatisfy(\.isEmpty) {
            log.error("the first line is blank: expected a header row \(expected)", at: headerLocation)
            return false
        }
        for (i, column) in header.enumerated() where !allowed.contains(column) {
            if column.isEmpty {
                // `id;type;…;lender;` (a spreadsheet's export of an empty last column): say where, not "unknown column ''".
                log.error(i == header.count - 1
                          ? "the header ends with a delimiter (an empty last column name, as some spreadsheet exports write): remove the trailing delimiter from every line"
                          : "column \(i + 1) of the header has no name", at: headerLocation)
                continue
            }
            log.error("unknown column '\(column)'" + Suggest.phrase(for: column, among: allowed), at: headerLocation)
        }
        for column in required where !header.contains(column) {
            log.error("missing column '\(column)'", at: headerLocation)
        }
        if Set(header).count != header.count {
            log.error("a column is named twice in the header", at: headerLocation)
        }
        // Without a required column no row can be read (found by the fuzzer: callers index
        // the required columns); the errors above say which.
        if required.contains(where: { !header.contains($0) }) { return false }
        return true
    }

    /// Record `i` as a `FieldReader`.
    public func record(_ i: Int, context: String, _ ctx: DecodeContext) -> CSVRecord {
        CSVRecord(table: self, index: i, context: context, ctx: ctx)
    }
}

/// One CSV row with typed access; empty cells are absent (the default applies).
public struct CSVRecord: FieldReader {
    let table: CSVTable
    let index: Int
    public let context: String
    let ctx: DecodeContext

    public var line: Int { table.rows[index].line }
    public var location: SourceLocation { SourceLocation(file: table.file, line: line, column: 0) }

    public func has(_ key: String) -> Bool { raw(key) != nil }

    func raw(_ key: String) -> String? {
        guard let i = table.header.firstIndex(of: key) else { return nil }
        let v = table.rows[index].fields[i].trimmingSpaces()
        return v.isEmpty ? nil : v
    }

    /// A number cell as the literal parsers read it (decimal point, no grouping), or why it is
    /// refused (rule F3 and issue 14: thousands separators read unambiguously or refused):
    /// under `;` the decimal mark is `,` and thousands are grouped with spaces (also NBSP and
    /// thin spaces): `1 234,5`; see `Literal.csvNumber`.
    func numeric(_ s: String) -> Parsed<String> { Literal.csvNumber(s, semicolon: table.delimiter == ";") }

    private func parse<T>(_ key: String, _ transform: (String) -> Parsed<String>, _ parser: (String) -> Parsed<T>) -> T? {
        guard let s = raw(key) else { return nil }
        var result: Parsed<T>
        switch transform(s) {
        case .success(let text):
            result = parser(text)
            // The parser quotes the text it was given (`2.01` read from a `;` file's `2,01`):
            // the message quotes the cell as written ("rate '2,01' has no unit; write 2,01% …").
            if case .failure(let e) = result, text != s {
                result = .failure(LiteralError(stringLiteral: e.message.replacingOccurrences(of: "'\(text)'", with: "'\(s)'")
                    .replacingOccurrences(of: " \(text)%", with: " \(s)%")))
            }
        case .failure(let e): result = .failure(e)
        }
        switch result {
        case .success(let v): return v
        case .failure(let e): error("\(e.message) in column '\(key)' for \(context)", at: key); return nil
        }
    }

    public func text(_ key: String) -> String? { raw(key) }
    public func amount(_ key: String) -> Double? { parse(key, numeric) { Literal.amount($0, unit: ctx.unit) } }
    public func rate(_ key: String) -> Double? { parse(key, numeric, Literal.rate) }
    public func date(_ key: String) -> Day? { parse(key, { .success($0) }, Literal.date) }
    public func integer(_ key: String) -> Int? { parse(key, { .success($0) }, Literal.integer) }
    public func bool(_ key: String) -> Bool? { parse(key, { .success($0) }, Literal.bool) }

    public var unit: AmountUnit { ctx.unit }
    public var reportsMissingKeys: Bool { false }

    /// Logs `message` at the row, and at the cell of column `key` when it is one.
    public func error(_ message: String, at key: String?) {
        ctx.log.error(message, at: location(of: key))
    }

    public var keyWord: String { "column" }
    public func written(_ key: String) -> String? { raw(key) }

    /// The row's location, with the column of `key`'s cell (`CSVCellColumn`) when it is a column.
    func location(of key: String?) -> SourceLocation {
        guard let key, let field = table.header.firstIndex(of: key) else { return location }
        let column = CSVCellColumn.column(file: table.file, line: line, field: field, delimiter: table.delimiter)
        return SourceLocation(file: table.file, line: line, column: column)
    }
}
