/// A printed table (the text view's) in the report: its title, headers on one line, the cells
/// as the text table shows them, a blank line as a gap, a "Summa"/"Total" row in bold, and
/// its notes under it. For tables the report has no chart or layout of its own for.
extension PrintedTable {
    func html(_ f: ReportFormat) -> String {
        var classes: [Int: String] = [:]
        var rows: [[String]] = []
        for row in self.rows {
            if row.isEmpty {
                rows.append([""])   // one cell spans the table: the gap the text table leaves
                continue
            }
            if case .text(let label)? = row.first, label == "Summa" || label == "Total" {
                classes[rows.count] = "total"
            }
            rows.append(row.map { HTML.escape($0.text(f)) })
        }
        return "<h3>\(HTML.escape(title))</h3>"
            + HTML.table(headers.map { HTML.escape(SectionLabel.oneLine($0)) }, rows, classes: classes)
            + notes.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }.joined()
    }
}
