/// A plain-text table with multi-line headers: the first column left-aligned,
/// the others right-aligned, widths from the content. Control characters in cells (a unit
/// named with an ESC sequence) are shown escaped (`TerminalText`), so widths stay right and
/// nothing reaches the terminal raw.
struct TextTable {
    var headers: [[String]]          // per column, header lines (top to bottom)
    var rows: [[String]] = []        // an empty array is a blank line

    init(headers: [[String]]) { self.headers = headers.map { $0.map { TerminalText.escaped($0) } } }

    mutating func add(_ row: [String]) { rows.append(row.map { TerminalText.escaped($0) }) }
    mutating func addBlank() { rows.append([]) }

    func render() -> String {
        let columns = headers.count
        var widths = headers.map { $0.map(\.count).max() ?? 0 }
        for row in rows where !row.isEmpty {
            for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) }
        }
        let headerHeight = headers.map(\.count).max() ?? 0
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                let padding = String(repeating: " ", count: max(0, widths[i] - cell.count))
                parts.append(i == 0 ? cell + padding : padding + cell)
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out: [String] = []
        for h in 0..<headerHeight {
            // Bottom-align header lines so short headers sit next to the numbers.
            out.append(line(headers.map { col in
                let offset = headerHeight - col.count
                return h >= offset ? col[h - offset] : ""
            }))
        }
        out.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (columns - 1)))
        for row in rows { out.append(row.isEmpty ? "" : line(row)) }
        return out.joined(separator: "\n")
    }
}
