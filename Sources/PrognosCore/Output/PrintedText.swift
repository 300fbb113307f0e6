/// The text form of the printed tables, readable in a terminal: no line wider than
/// `width` (120) columns. A table too wide is split into several tables that repeat its
/// first column; a first-column cell too long wraps at spaces (its figures on its last
/// line); prose wraps at spaces. Header lines break only where the label has a break at a
/// space (`PrintedTable.headerLines`): a column is widened rather than a word hyphenated.
enum PrintedText {
    static let width = 120

    /// The section's text: each table under its heading, lines between, the assumptions.
    static func render(_ s: PrintedSection, _ n: NumberStyle) -> String {
        var out: [String] = []
        for block in s.blocks {
            switch block {
            case .table(let t):
                if !out.isEmpty { out.append("") }
                out += render(t, n)
            case .lines(let lines):
                out += lines.flatMap { wrap($0) }
            case .assumptions(let lines):
                if !out.isEmpty { out.append("") }
                out.append(Labels(lang: n.lang).assumptionsTitle)
                out += lines.flatMap { wrap("  " + $0) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A table's lines: heading, a blank line, the table (split when too wide), the notes.
    static func render(_ t: PrintedTable, _ n: NumberStyle) -> [String] {
        var out: [String] = []
        if !t.title.isEmpty {
            out += t.title.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0)) }
            out.append("")
        }
        let headers = t.headers.map { PrintedTable.headerLines($0).map { TerminalText.escaped($0) } }
        let rows = t.rows.map { $0.map { TerminalText.escaped($0.text(n)) } }
        out += table(headers: headers, rows: rows)
        out += t.notes.flatMap { wrap($0) }
        return out
    }

    /// The text table of `headers` (lines per column) and `rows` of cell texts, split into
    /// parts that repeat the first column when wider than `width`.
    static func table(headers: [[String]], rows: [[String]]) -> [String] {
        let columns = headers.count
        guard columns > 0 else { return [] }
        var widths = headers.map { $0.map(\.count).max() ?? 0 }
        for row in rows where row.count > 1 {
            for (i, cell) in row.enumerated() where i > 0 && i < columns { widths[i] = max(widths[i], cell.count) }
        }
        // The first column: its header and the cells of rows with figures (a row of one cell
        // is a heading inside the table and wraps on its own).
        var first = headers[0].map(\.count).max() ?? 0
        for row in rows where row.count > 1 { first = max(first, row[0].count) }
        let rest = widths.dropFirst().reduce(0) { $0 + $1 + 2 }
        // Too wide: a long first column (names of a sentence's length) wraps at 48; the other
        // columns are then split into parts.
        if first + rest > width { first = max(headers[0].map(\.count).max() ?? 0, min(first, 48)) }
        widths[0] = first
        // Columns after the first, in parts that fit beside it.
        var parts: [[Int]] = []
        var current: [Int] = [], used = first
        for i in 1..<max(columns, 1) where columns > 1 {
            if !current.isEmpty && used + 2 + widths[i] > width {
                parts.append(current)
                current = []
                used = first
            }
            current.append(i)
            used += 2 + widths[i]
        }
        if !current.isEmpty || parts.isEmpty { parts.append(current) }
        var out: [String] = []
        for (k, part) in parts.enumerated() {
            if k > 0 { out.append("") }
            out += render(headers: headers, rows: rows, widths: widths, columns: [0] + part)
        }
        return out
    }

    private static func render(headers: [[String]], rows: [[String]], widths: [Int], columns: [Int]) -> [String] {
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (j, i) in columns.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let padding = String(repeating: " ", count: max(0, widths[i] - cell.count))
                parts.append(j == 0 ? cell + padding : padding + cell)
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        let height = columns.map { headers[$0].count }.max() ?? 0
        var out: [String] = []
        for h in 0..<height {
            // Bottom-aligned header lines, so short headers sit next to the numbers.
            out.append(line(headers.map { col in
                let offset = height - col.count
                return h >= offset ? col[h - offset] : ""
            }))
        }
        out.append(String(repeating: "-", count: columns.reduce(0) { $0 + widths[$1] } + 2 * (columns.count - 1)))
        for row in rows {
            if row.isEmpty { out.append(""); continue }
            if row.count == 1 { out += wrap(row[0]); continue }
            // A first cell wider than its column wraps; the figures stand on its last line.
            let label = wrap(row[0], width: widths[0])
            out += label.dropLast()
            out.append(line([label.last ?? ""] + row.dropFirst()))
        }
        return out
    }

    /// `line` broken at spaces into lines of at most `width` characters; continuation lines
    /// keep the line's indent and two more spaces. A word longer than the width stays whole.
    static func wrap(_ line: String, width: Int = width) -> [String] {
        // A text with line breaks of its own (a comment written as a YAML block) wraps line by line.
        if line.contains("\n") {
            return line.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: width) }
        }
        guard line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        var out: [String] = []
        var current = ""
        for word in line.dropFirst(indent.count).split(separator: " ") {
            if current.isEmpty {
                current = indent + word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                out.append(current)
                current = indent + "  " + word
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
