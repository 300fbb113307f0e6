import CSV
import Foundation

/// `--csv-dialect excel-sv`: the CSV for people, opened by Swedish Excel with a double-click.
/// Every table the text output prints (PrintedSections), under its title, with its headers
/// in `--lang`; amounts in the file's unit rounded as printed, rates in percent (`2,53%`,
/// which Excel reads as a percentage), a decimal comma and no thousands separator (so Excel
/// reads every figure as a number), `;`, a byte-order mark. Notes under a table follow it
/// in the first column; the run's warnings and the assumptions close the file, as the
/// workbook's last sheet. (The machine format is `rfc4180`: CSVOutput, unchanged.)
public enum ExcelCSV {
    public static func render(_ doc: ResultDocument, lang: Language) throws -> String {
        try render(PrintedDocument(doc, lang: lang))
    }

    static func render(_ p: PrintedDocument) throws -> String {
        let P = PrintedLabels(lang: p.lang)
        var parts: [String] = []
        parts.append(try CSVOutput.write(.excelSV) { w in
            try w.write(.excelSV, row: [p.name], text: [0])
            if let asOf = p.asOf { try w.write(.excelSV, row: [P.asOf, asOf], text: [0, 1]) }
        })
        // As the workbook places them (XLSXOutput.book): a section's lines under the table they
        // follow (before its first table: above that table's notes), its assumptions at the end
        // under "Antaganden", by section.
        var assumptions: [(String, [String])] = []
        for section in p.sections {
            var pending: [String] = []
            var tables: [PrintedTable] = []
            for block in section.blocks {
                switch block {
                case .table(var t):
                    if !pending.isEmpty { t.notes = pending.filter { !$0.isEmpty } + t.notes; pending = [] }
                    tables.append(t)
                case .lines(let lines):
                    if tables.isEmpty { pending += lines } else { tables[tables.count - 1].notes += lines.filter { !$0.isEmpty } }
                case .assumptions(let lines):
                    assumptions.append((section.title, lines))
                }
            }
            if !pending.isEmpty { assumptions.append((section.title, pending.filter { !$0.isEmpty })) }
            for t in tables { parts.append(try table(t, unit: p.unit, lang: p.lang)) }
        }
        // The run's warnings first, as on the workbook's last sheet.
        let closing = [(P.warnings, p.warnings)] + assumptions
        if closing.contains(where: { !$0.1.isEmpty }) {
            parts.append(try CSVOutput.write(.excelSV) { w in
                try w.write(.excelSV, row: [P.sheetAssumptions], text: [0])
                for (title, lines) in closing where !lines.isEmpty {
                    try w.write(.excelSV, row: [title], text: [0])
                    for line in lines { try w.write(.excelSV, row: [line], text: [0]) }
                }
            })
        }
        return "\u{FEFF}" + parts.joined(separator: "\n")
    }

    static func table(_ t: PrintedTable, unit: AmountUnit, lang: Language) throws -> String {
        try CSVOutput.write(.excelSV) { w in
            try w.write(.excelSV, row: [PrintedTable.oneLine(t.title)], text: [0])
            let headers = PrintedTable.csvHeaders(t.headers, lang: lang)
            try w.write(.excelSV, row: headers, text: Set(headers.indices))
            for row in t.rows where !row.isEmpty {
                let cells = row.map { cell(Self.trimmed($0), unit: unit) }
                try w.write(.excelSV, row: cells.map(\.text), text: Set(cells.indices.filter { !cells[$0].isNumber }))
            }
            for note in t.notes { try w.write(.excelSV, row: [note], text: [0]) }
        }
    }

    /// A first-column label without the table's indent.
    static func trimmed(_ c: PrintedCell) -> PrintedCell {
        if case .text(let s) = c { return .text(String(s.drop { $0 == " " })) }
        return c
    }

    /// A cell as the CSV writes it, and whether it is a figure (never neutralised).
    static func cell(_ c: PrintedCell, unit: AmountUnit) -> (text: String, isNumber: Bool) {
        func fixed(_ x: Double?, _ decimals: Int) -> String {
            guard let x, x.isFinite else { return "" }
            return Format.grouped(x, decimals: decimals, decimalMark: ",", groupMark: "")
        }
        switch c {
        case .text(let s): return (s, false)
        case .blank: return ("", true)
        case .amount(let v): return (fixed(v.map { $0 / unit.factor }, unit.decimals), true)
        case .fineAmount(let v, let extra): return (fixed(v.map { $0 / unit.factor }, unit.decimals + extra), true)
        case .percent(let v, let d):
            let s = fixed(v.map { $0 * 100 }, d)
            return (s.isEmpty ? s : s + "%", true)
        case .years(let v): return (fixed(v, 2), true)
        case .year(let y): return (String(y), true)
        case .number(let v, let d): return (fixed(v, d), true)
        case .figure(let v, let d, _): return (fixed(v, d), true)
        case .date(_, let shown): return (shown, false)
        case .marked(let inner, let mark):
            let (s, _) = cell(inner, unit: unit)
            return (s + mark, false)
        }
    }
}
