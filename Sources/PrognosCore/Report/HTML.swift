/// Small HTML helpers: every text from an input file goes through `escape`.
enum HTML {
    /// Escapes &, <, >, " and ' so a name such as `<script>` is shown as text.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A table: headers, rows of cells (already HTML), numeric columns right-aligned; a row
    /// of one cell spans the table.
    /// `text` names columns at or after `numericFrom` that hold text (a note), left-aligned.
    static func table(_ headers: [String], _ rows: [[String]], numericFrom: Int = 1, text: Set<Int> = [], classes: [Int: String] = [:]) -> String {
        func numeric(_ i: Int) -> Bool { i >= numericFrom && !text.contains(i) }
        var out = "<table><thead><tr>"
        for (i, h) in headers.enumerated() { out += "<th\(numeric(i) ? " class=\"num\"" : "")>\(h)</th>" }
        out += "</tr></thead><tbody>"
        for (r, row) in rows.enumerated() {
            out += "<tr\(classes[r].map { " class=\"\($0)\"" } ?? "")>"
            if row.count == 1 && headers.count > 1 {
                out += "<td colspan=\"\(headers.count)\">\(row[0])</td>"   // a heading or summary across the table
            } else {
                for (i, cell) in row.enumerated() { out += "<td\(numeric(i) ? " class=\"num\"" : "")>\(cell)</td>" }
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// Number formats of the report: the one `NumberStyle` in its HTML form (Swedish decimal
/// comma and narrow no-break space thousands, U+202F, or English decimal point and comma
/// thousands; the minus sign −).
typealias ReportFormat = NumberStyle

extension NumberStyle {
    init(lang: Language, unit: AmountUnit) { self.init(lang: lang, unit: unit, html: true) }
}
