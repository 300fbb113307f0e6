/// The strict structure check every CSV input passes before it is parsed (issue 14 item 1).
/// CSV.swift is lenient: an unterminated quote runs to the end of the file, text after a
/// closing quote or a quote inside an unquoted field is kept. Prognos refuses all of these
/// (a file that does not parse cleanly is an error naming its line, never fewer rows) and
/// line breaks inside quoted fields (no Prognos input has a multi-line cell), so after this
/// check one physical line is one row and CSV.swift's reading of it is unambiguous.
enum CSVScan {
    struct Problem: Equatable {
        let line: Int
        let column: Int
        let message: String
    }

    /// The first structural problem in `text` (without a byte-order mark), or nil.
    /// Columns count Unicode scalars, 1-based. Spaces and tabs around a quoted field are allowed
    /// (CSV.swift trims them).
    static func check(_ text: String, delimiter: Character) -> Problem? {
        let delim = delimiter.unicodeScalars.first!
        let quote: Unicode.Scalar = "\""
        var line = 1, column = 0
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c != delim && (c == " " || c == "\t" || c.properties.generalCategory == .spaceSeparator) }
        // State per field: at its start, inside an unquoted field, inside quotes, after the closing quote.
        enum State { case start, unquoted, quoted(openLine: Int, openColumn: Int), closed }
        var state = State.start
        while let c = next() {
            column += 1
            let isBreak = c == "\n" || c == "\r"
            switch state {
            case .start, .unquoted, .closed:
                if isBreak {
                    if c == "\r" { let n = next(); if n != "\n" { pending = n } }
                    line += 1; column = 0; state = .start
                } else if c == delim {
                    state = .start
                } else if c == quote {
                    if case .start = state {
                        state = .quoted(openLine: line, openColumn: column)
                    } else if case .closed = state {
                        return Problem(line: line, column: column,
                                       message: "a quote after a closed quoted field; inside quotes write a quote twice (\"\")")
                    } else {
                        return Problem(line: line, column: column,
                                       message: "a stray quote (\") inside an unquoted field; quote the whole field and write the quote twice (\"\")")
                    }
                } else if isSpace(c) {
                    break   // spaces around a field, or inside an unquoted one
                } else if case .closed = state {
                    return Problem(line: line, column: column,
                                   message: "text after the closing quote of a field; the quote must end the field (expected '\(delimiter)' or the end of the line)")
                } else {
                    state = .unquoted
                }
            case .quoted(let openLine, let openColumn):
                if c == quote {
                    let n = next()
                    if n == quote { column += 1 } else { pending = n; state = .closed }
                } else if isBreak {
                    return Problem(line: openLine, column: openColumn,
                                   message: "the quoted field opened here is not closed on its line (an unterminated or stray quote? a line break inside a field is not allowed in Prognos inputs)")
                }
            }
        }
        if case .quoted(let openLine, let openColumn) = state {
            return Problem(line: openLine, column: openColumn,
                           message: "the quoted field opened here is never closed (an unterminated or stray quote)")
        }
        return nil
    }
}
