/// What a reader sees of a result, as typed tables: built once per section from the result
/// document (`PrintedSections`) with the section labels, and rendered as text tables
/// (`PrintedText`), as the people's CSV (`ExcelCSV`, `--csv-dialect excel-sv`) and as an
/// xlsx workbook (`XLSXOutput`). Every table the text prints is in all three.

/// A cell: text, or a figure kept as a number with how it is shown.
indirect enum PrintedCell: Equatable, Sendable {
    case text(String)
    /// An amount in kronor, shown in the file's unit with its decimals.
    case amount(Double?)
    /// An amount in kronor with `extra` more decimals than the unit's (a standard error).
    case fineAmount(Double?, extra: Int)
    /// A decimal rate or share, shown as a percentage.
    case percent(Double?, decimals: Int)
    /// A duration in years (`6,12 år`).
    case years(Double?)
    /// A calendar year.
    case year(Int)
    /// A plain figure.
    case number(Double?, decimals: Int)
    /// A figure written as its input wrote it (an indicator's value): `text` in the text table.
    case figure(Double, decimals: Int, text: String)
    /// A figure with a mark after it (a policy breach: ` ✗`; a what-if: `†`, `‡`).
    case marked(PrintedCell, String)
    /// A calendar date: `shown` in the text table and the people's CSV, a real date
    /// (an Excel serial with the format `yyyy-mm-dd`) in the workbook.
    case date(Day, shown: String)
    case blank

    /// The figure a workbook stores (amounts in the file's unit, rates as decimals); nil for text.
    func value(unit: AmountUnit) -> Double?? {
        switch self {
        case .amount(let v), .fineAmount(let v, _): return .some(v.map { $0 / unit.factor })
        case .percent(let v, _), .years(let v), .number(let v, _): return .some(v)
        case .year(let y): return .some(Double(y))
        case .figure(let v, _, _): return .some(v)
        case .marked(let c, _): return c.value(unit: unit)
        case .date(let d, _): return .some(Double(d.serial + PrintedCell.excelEpoch))
        case .text, .blank: return nil
        }
    }

    /// The cell as the text table and the people's CSV print it.
    func text(_ n: NumberStyle) -> String {
        switch self {
        case .text(let s): return s
        case .amount(let v): return n.amount(v)
        case .fineAmount(let v, let extra): return n.fineAmount(v, extra: extra)
        case .percent(let v, let d): return n.percent(v, decimals: d)
        case .years(let v): return n.years(v)
        case .year(let y): return String(y)
        case .number(let v, let d): return n.number(v, decimals: d)
        case .figure(_, _, let text): return text
        case .marked(let c, let mark): return c.text(n) + mark
        case .date(_, let shown): return shown
        case .blank: return ""
        }
    }

    /// Excel's serial of 1970-01-01 (day 0 of `Day.serial`): 25569 in the 1900 date system.
    static let excelEpoch = 25_569

    /// An ISO date of the document as a date cell shown as written; text if it is not a date.
    static func isoDate(_ iso: String) -> PrintedCell { Day(iso: iso).map { .date($0, shown: iso) } ?? .text(iso) }

    /// The same date shown as `text` (a date in words); a text cell stays itself.
    func shown(_ text: String) -> PrintedCell {
        guard case .date(let d, _) = self else { return self }
        return .date(d, shown: text)
    }
}

/// A native chart of a table (the report's chart of the same figures): columns are the
/// table's columns, categories its first column over the data rows.
struct PrintedChart: Equatable, Sendable {
    enum Kind: Sendable { case line, column, stackedArea }
    var kind: Kind
    var title: String
    /// The columns drawn as series (in the table), each named by its header.
    var series: [Int]
    /// Rows of the table that are data (categories), as indices into `rows`.
    var rows: Range<Int>
    /// For a fan: the band edges as columns (lowest first); the workbook draws the lowest
    /// edge unfilled and the differences stacked above it.
    var fan: [Int] = []
    /// Amount axis from zero (amount charts).
    var fromZero = true
}

/// One table: its heading, a label per column (the section labels' layout: `\n` breaks a
/// line, U+00AD a soft hyphen), typed rows (`[]` a blank line) and notes printed under it.
struct PrintedTable: Equatable, Sendable {
    var title: String
    /// The workbook's sheet name (at most 31 characters, made unique by the workbook).
    var sheet: String
    var headers: [String]
    var rows: [[PrintedCell]] = []
    var notes: [String] = []
    var chart: PrintedChart?

    mutating func add(_ row: [PrintedCell]) { rows.append(row) }
    mutating func addBlank() { rows.append([]) }

    /// The header of a column on one line (CSV, workbook): soft hyphens joined, breaks as spaces.
    static func oneLine(_ label: String) -> String { SectionLabel.oneLine(label) }

    /// The headers' lines for a workbook or CSV, where each column stands alone: a column
    /// whose first line is blank continues the group of the column before it
    /// (`+1 %-enhet:` over `extern`, `intern`, `netto`), so that group's first line is repeated.
    static func standaloneLines(_ headers: [String]) -> [[String]] {
        var group = ""
        return headers.map { label in
            var lines = headerLines(label)
            if lines.count > 1, lines[0].isEmpty { lines[0] = group } else { group = lines.first?.hasSuffix(":") == true ? lines[0] : "" }
            return lines.filter { !$0.isEmpty }
        }
    }

    /// The headers on one line for the people's CSV; one that would start like a formula
    /// (`+1 %-enhet: extern`) is led by a word instead of being neutralised.
    static func csvHeaders(_ headers: [String], lang: Language) -> [String] {
        standaloneLines(headers).map { lines in
            let s = lines.joined(separator: " ")
            return SpreadsheetText.isFormulaLike(s) ? (lang == .sv ? "Vid " : "At ") + s : s
        }
    }

    /// The header's lines in a text table: broken only where the label breaks at a space,
    /// never inside a word (a soft hyphen or a hyphen at a break joins the word again).
    static func headerLines(_ label: String) -> [String] {
        label.replacingOccurrences(of: "\u{AD}", with: "").replacingOccurrences(of: "-\n", with: "-")
            .replacingOccurrences(of: "_\n", with: "_")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// A part of a section: a table, lines of text between tables, or the section's assumptions.
enum PrintedBlock: Equatable, Sendable {
    case table(PrintedTable)
    case lines([String])
    case assumptions([String])

    var table: PrintedTable? {
        guard case .table(let t) = self else { return nil }
        return t
    }
    var isAssumptions: Bool {
        guard case .assumptions = self else { return false }
        return true
    }
}

/// The printed form of one section of the document.
struct PrintedSection: Equatable, Sendable {
    var title: String
    var blocks: [PrintedBlock]

    var tables: [PrintedTable] { blocks.compactMap(\.table) }
}

/// The printed document: its name, as_of and unit, and the sections present.
struct PrintedDocument: Sendable {
    var name: String
    var asOf: String?
    var unit: AmountUnit
    var lang: Language
    var sections: [PrintedSection]
    /// The run's warnings as the result holds them (the report, workbook and excel-sv CSV
    /// show them; the text output prints them to standard error).
    var warnings: [String] = []

    init(name: String, asOf: String?, unit: AmountUnit, lang: Language, sections: [PrintedSection]) {
        self.name = name
        self.asOf = asOf
        self.unit = unit
        self.lang = lang
        self.sections = sections
    }

    init(_ doc: ResultDocument, lang: Language) {
        name = doc.name
        asOf = doc.asOf
        unit = doc.amountUnit
        self.lang = lang
        sections = ResultSection.allCases.filter { $0.isPresent(in: doc) }.compactMap { PrintedSections.section($0, doc, lang: lang) }
        warnings = doc.warnings.map(\.message)
    }

    var tables: [PrintedTable] { sections.flatMap(\.tables) }
}
