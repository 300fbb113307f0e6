import Foundation

/// `--format xlsx` and `--xlsx PATH` (spec/files.md): one workbook per run, a sheet per
/// table the text prints (PrintedSections), headed in `--lang`. Each sheet: the table's
/// title and the document's name and as_of on top, the header row frozen with the first
/// column, numbers stored as numbers in the file's unit (full value; the number format
/// rounds the display as the report does: one decimal for mnkr, thousands grouped), rates
/// as percentages, notes under the table, and the report's chart of the table as a native
/// chart (lines, columns; a fan as stacked areas over helper columns of band widths). The
/// run's warnings and the assumptions are on a last sheet. The document time is the as_of
/// date, so the same run gives the same bytes.
public enum XLSXOutput {
    /// The workbook of a run's result.
    public static func workbook(_ doc: ResultDocument, lang: Language) throws(InputFailure) -> Data {
        try XLSX.bytes(book(PrintedDocument(doc, lang: lang)))
    }

    /// The workbook of `prognos backtest`.
    public static func backtestWorkbook(_ doc: ResultDocument, lang: Language) throws(InputFailure) -> Data {
        var p = PrintedDocument(doc, lang: lang)
        p.sections = doc.operating.map { [BacktestTable.section($0, unit: doc.amountUnit, lang: lang)] } ?? []
        return try XLSX.bytes(book(p))
    }

    /// The first rows of a sheet: title, name and date, a blank row; then the header row.
    static let headerRow = 3

    static func book(_ p: PrintedDocument) -> XLSXBook {
        let P = PrintedLabels(lang: p.lang)
        let day = p.asOf.flatMap(Day.init(iso:))
        var created = DateComponents(timeZone: TimeZone(identifier: "UTC"), year: day?.year ?? 2000, month: day?.month ?? 1, day: day?.day ?? 1)
        created.calendar = Calendar(identifier: .gregorian)
        var book = XLSXBook(title: p.name, created: created.date ?? Date(timeIntervalSince1970: 946_684_800))
        var names = Set<String>()
        let subtitle = p.name + (day.map { " — " + P.asOf.lowercased() + " " + Labels(lang: p.lang).date($0) } ?? "")
        var assumptions: [(String, [String])] = []
        for section in p.sections {
            var pending: [String] = []   // lines before the section's first table
            var sheets: [PrintedTable] = []
            for block in section.blocks {
                switch block {
                case .table(var t):
                    if !pending.isEmpty { t.notes = pending.filter { !$0.isEmpty } + t.notes; pending = [] }
                    sheets.append(t)
                case .lines(let lines):
                    if sheets.isEmpty { pending += lines } else { sheets[sheets.count - 1].notes += lines.filter { !$0.isEmpty } }
                case .assumptions(let lines):
                    assumptions.append((section.title, lines))
                }
            }
            if !pending.isEmpty { assumptions.append((section.title, pending.filter { !$0.isEmpty })) }
            for t in sheets { book.sheets.append(sheet(t, name: unique(t.sheet, &names), subtitle: subtitle, p)) }
        }
        if !assumptions.isEmpty || !p.warnings.isEmpty {
            var s = XLSXBook.Sheet(name: unique(P.sheetAssumptions, &names))
            s.cells.append(.init(row: 0, col: 0, value: .text(P.sheetAssumptions), format: .init(bold: true)))
            s.cells.append(.init(row: 1, col: 0, value: .text(subtitle), format: .init(italic: true)))
            var row = 3
            // The run's warnings first: what the committee must not miss (rounding gaps, rows
            // not used), as the report shows them.
            for (title, lines) in [(P.warnings, p.warnings)] + assumptions where !lines.isEmpty {
                s.cells.append(.init(row: row, col: 0, value: .text(title), format: .init(bold: true)))
                row += 1
                for line in lines { s.cells.append(.init(row: row, col: 0, value: .text(line), format: .init())); row += 1 }
                row += 1
            }
            s.widths[0] = 120
            book.sheets.append(s)
        }
        return book
    }

    /// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`), unique in the workbook.
    static func unique(_ wanted: String, _ used: inout Set<String>) -> String {
        var base = String(wanted.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if base.isEmpty { base = "Blad" }
        base = String(base.prefix(31))
        var name = base, k = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(k))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            k += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// The Excel number format of a cell (format codes are locale-free: Excel shows `,` and
    /// the thousands space in a Swedish locale).
    static func numFormat(_ c: PrintedCell, unit: AmountUnit, lang: Language) -> String? {
        func fixed(_ d: Int, grouped: Bool) -> String { (grouped ? "#,##0" : "0") + (d > 0 ? "." + String(repeating: "0", count: d) : "") }
        switch c {
        case .amount: return fixed(unit.decimals, grouped: true)
        case .fineAmount(_, let extra): return fixed(unit.decimals + extra, grouped: true)
        case .percent(_, let d): return fixed(d, grouped: false) + "%"
        case .years: return fixed(2, grouped: false) + (lang == .sv ? "\" år\"" : "\" y\"")
        case .year: return "0"
        case .number(_, let d), .figure(_, let d, _): return fixed(d, grouped: true)
        case .marked(let inner, let mark): return (numFormat(inner, unit: unit, lang: lang) ?? "General") + "\"\(mark)\""
        case .date: return "yyyy-mm-dd"
        case .text, .blank: return nil
        }
    }

    static func sheet(_ t: PrintedTable, name: String, subtitle: String, _ p: PrintedDocument) -> XLSXBook.Sheet {
        let n = NumberStyle(lang: p.lang, unit: p.unit, html: false)
        var s = XLSXBook.Sheet(name: name)
        s.cells.append(.init(row: 0, col: 0, value: .text(t.title.replacingOccurrences(of: "\n", with: " — ")), format: .init(bold: true)))
        s.cells.append(.init(row: 1, col: 0, value: .text(subtitle), format: .init(italic: true)))
        let h = headerRow
        var widths = [Double](repeating: 8, count: t.headers.count)
        for (i, lines) in PrintedTable.standaloneLines(t.headers).enumerated() {
            s.cells.append(.init(row: h, col: i, value: .text(lines.joined(separator: "\n")), format: .init(bold: true, wrap: true)))
            widths[i] = max(widths[i], Double(lines.map(\.count).max() ?? 0) + 2)
        }
        s.heights[h] = 15 * Double(max(1, t.headers.map { PrintedTable.headerLines($0).count }.max() ?? 1))
        // Data rows, one sheet row per table row (a blank row stays blank).
        var dataRow: [Int] = []
        for (r, row) in t.rows.enumerated() {
            let y = h + 1 + r
            dataRow.append(y)
            for (i, cell) in row.enumerated() where i < t.headers.count {
                let shown = cell.text(n)
                widths[i] = max(widths[i], Double(min(shown.count, i == 0 ? 60 : 30)) + 2)
                switch cell.value(unit: p.unit) {
                case .some(.some(let v)) where v.isFinite:
                    var c = XLSXBook.Cell(row: y, col: i, value: .number(v), format: .init(numFormat: numFormat(cell, unit: p.unit, lang: p.lang)))
                    if case .marked(_, let mark) = cell { c.comment = WhatIfLabels(lang: p.lang).comment(mark) }   // a what-if mark
                    s.cells.append(c)
                case .some:
                    break   // a figure that is null in the JSON: an empty cell
                case .none:
                    if !shown.isEmpty { s.cells.append(.init(row: y, col: i, value: .text(shown), format: .init())) }
                }
            }
        }
        var y = h + 1 + t.rows.count + 1
        for note in t.notes {
            s.cells.append(.init(row: y, col: 0, value: .text(note.trimmingCharacters(in: .whitespaces)), format: .init(italic: true)))
            y += 1
        }
        for (i, w) in widths.enumerated() { s.widths[i] = w }
        s.freeze = (h + 1, 1)
        if let chart = t.chart, !chart.rows.isEmpty { s.charts = charts(chart, t, s: &s, dataRow: dataRow, p) }
        return s
    }

    /// The chart beside the table; a fan's helper columns (band widths) right of the table.
    static func charts(_ c: PrintedChart, _ t: PrintedTable, s: inout XLSXBook.Sheet, dataRow: [Int], _ p: PrintedDocument) -> [XLSXBook.Chart] {
        let r0 = dataRow[c.rows.lowerBound], r1 = dataRow[c.rows.upperBound - 1]
        let categories = XLSXBook.Range(sheet: s.name, row0: r0, col0: 0, row1: r1, col1: 0)
        let sample = t.rows[c.rows.lowerBound].indices.contains(c.series.first ?? 0) ? t.rows[c.rows.lowerBound][c.series.first ?? 0] : .blank
        let axis = numFormat(sample, unit: p.unit, lang: p.lang)
        var series: [XLSXBook.Series] = []
        var col = t.headers.count + 1
        if c.kind == .stackedArea, c.fan.count >= 2 {
            // Lowest edge unfilled, then each band's width above the edge below it.
            for (k, edge) in c.fan.enumerated() {
                let names = PrintedTable.standaloneLines(t.headers).map { $0.joined(separator: " ") }
                let header = k == 0 ? names[edge] : names[edge] + " − " + names[c.fan[k - 1]]
                s.cells.append(.init(row: headerRow, col: col, value: .text(header), format: .init(bold: true, wrap: true)))
                for r in c.rows {
                    let row = t.rows[r]
                    guard let v = row[edge].value(unit: p.unit) ?? nil else { continue }
                    let below = k == 0 ? 0 : ((row[c.fan[k - 1]].value(unit: p.unit) ?? nil) ?? v)
                    s.cells.append(.init(row: dataRow[r], col: col, value: .number(v - below),
                                         format: .init(numFormat: numFormat(row[edge], unit: p.unit, lang: p.lang))))
                }
                s.widths[col] = 14
                series.append(.init(name: header, categories: categories,
                                    values: .init(sheet: s.name, row0: r0, col0: col, row1: r1, col1: col), noFill: k == 0))
                col += 1
            }
            col += 1
        } else {
            for i in c.series {
                series.append(.init(name: PrintedTable.standaloneLines(t.headers)[i].joined(separator: " "), categories: categories,
                                    values: .init(sheet: s.name, row0: r0, col0: i, row1: r1, col1: i)))
            }
        }
        let kind: XLSXBook.ChartKind = switch c.kind { case .line: .line; case .column: .column; case .stackedArea: .stackedArea }
        return [XLSXBook.Chart(kind: kind, title: c.title, series: series, row: headerRow, col: col, fromZero: c.fromZero, numFormat: axis)]
    }
}
