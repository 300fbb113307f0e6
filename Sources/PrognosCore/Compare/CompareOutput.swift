import CSV
import Foundation

/// The labels of `prognos compare`, Swedish and English side by side (SectionLabels.swift style).
struct CompareLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    func title(_ c: Comparison) -> String {
        sv ? "Jämförelse: \(c.other.name) mot \(c.base.name)" : "Comparison: \(c.other.name) against \(c.base.name)"
    }
    var explanation: String {
        sv ? "Förändring = jämförelse − bas." : "Change = other − base."
    }
    func sectionTitle(_ section: String, unit: AmountUnit) -> String {
        switch (section, sv) {
        case ("operating", true): return "Driftsammandrag, förändring, belopp \(unit.rawValue)"
        case ("operating", false): return "Operating statement, change, amounts in \(unit.rawValue)"
        case ("investments", true): return "Investeringar, förändring, belopp \(unit.rawValue)"
        case ("investments", false): return "Investments, change, amounts in \(unit.rawValue)"
        case ("treasury", true): return "Räntekostnad per scenario och år, förändring, belopp \(unit.rawValue) (låneränta i procentenheter)"
        case ("treasury", false): return "Interest cost per scenario and year, change, amounts in \(unit.rawValue) (funding rate in percentage points)"
        case ("simulation", true): return "Simulering per år, förändring, belopp \(unit.rawValue)"
        default: return "Simulation per year, change, amounts in \(unit.rawValue)"
        }
    }
    func sectionName(_ section: String) -> String {
        switch (section, sv) {
        case ("operating", true): return "driftsammandrag"
        case ("investments", true): return "investeringar"
        case ("treasury", true): return "räntekostnad"
        case ("simulation", true): return "simulering"
        case ("operating", false): return "operating statement"
        default: return section
        }
    }
    /// The header of a figure's column (its JSON key when unknown).
    func figure(_ key: String) -> String {
        let labels: [String: (String, String)] = [
            "actual_ytd": ("Redovisat\nhittills", "Actual\nto date"), "budget_ytd": ("Budget\nhittills", "Budget\nto date"),
            "deviation_ytd": ("Avvikelse\nhittills", "Deviation\nto date"),
            "actual_ytd_prior": ("Redovisat\nföreg. år", "Actual\nlast year"),
            "forecast": ("Prognos\nhelår", "Forecast\nfull year"), "budget": ("Budget", "Budget"),
            "deviation": ("Avvikelse", "Deviation"), "outcome_prior": ("Bokslut\nföreg. år", "Outcome\nlast year"),
            "spent_ytd": ("Utgifter\nhittills", "Expenditure\nto date"), "income_ytd": ("Inkomster\nhittills", "Income\nto date"),
            "forecast_spend": ("Prognos\nutgifter", "Forecast\nexpenditure"),
            "forecast_income": ("Prognos\ninkomster", "Forecast\nincome"), "forecast_net": ("Prognos\nnetto", "Forecast\nnet"),
            "frame": ("Ram", "Frame"), "carry_over": ("Ombud-\ngetering", "Carry-\nover"),
            "external_interest": ("Extern\nräntekostnad", "External\ninterest"), "swap_net": ("Swappar\nnetto", "Swaps\nnet"),
            "internal_income": ("Intern\nränteintäkt", "Internal\nincome"), "margin_income": ("Marginal", "Margin"),
            "municipality_net": ("Kommunens\nnetto", "Municipality\nnet"),
            "average_funding_rate": ("Låneränta\n%-enheter", "Funding rate\npp"), "debt_end": ("Skuld\nvid årets slut", "Debt\nat year end"),
        ]
        if let l = labels[key] { return sv ? l.0 : l.1 }
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 2, let s = SimulationSeries(rawValue: parts[0]), let st = Statistic(rawValue: parts[1]) {
            return s.label(lang) + "\n" + st.label(lang)
        }
        return key
    }
    var total: String { sv ? "Summa" : "Total" }
    var operatingTotal: String { OperatingLabels(lang: lang).total }
    var investmentsTotal: String { InvestmentLabels(lang: lang).total }
    var added: String { sv ? "tillkommen" : "added" }
    var removed: String { sv ? "borttagen" : "removed" }
    var rowHeader: String { sv ? "Rad" : "Row" }
    var scenario: String { sv ? "Scenario" : "Scenario" }
    var year: String { sv ? "År" : "Year" }
    func onlyIn(_ side: String, _ sections: [String]) -> String {
        let names = sections.map(sectionName).joined(separator: ", ")
        return sv ? "Endast i \(side): \(names) (jämförs inte)." : "Only in \(side): \(names) (not compared)."
    }
    var baseWord: String { sv ? "basen" : "the base" }
    var otherWord: String { sv ? "jämförelsen" : "the other" }
    func addedRemovedTitle() -> String { sv ? "Tillkomna och borttagna rader" : "Rows added and removed" }
    func addedLine(_ name: String) -> String { sv ? "tillkommen (endast i jämförelsen): \(name)" : "added (only in the other): \(name)" }
    func removedLine(_ name: String) -> String { sv ? "borttagen (endast i basen): \(name)" : "removed (only in the base): \(name)" }
}

/// The comparison's views: text tables (changes only, one column per figure), JSON and CSV.
public enum CompareOutput {
    public static func json(_ c: Comparison) throws -> String { JSONWriter.write(try ResultEncoder.tree(c)) }

    /// The comparison as printed tables (one per section; rates in percentage points), for
    /// the text view and the workbook alike.
    static func printed(_ c: Comparison, lang: Language) -> PrintedDocument {
        let L = CompareLabels(lang: lang)
        let u = c.amountUnit
        var sections: [PrintedSection] = []
        var lead: [String] = [L.explanation]
        if !c.onlyInBase.isEmpty { lead.append(L.onlyIn(L.baseWord, c.onlyInBase)) }
        if !c.onlyInOther.isEmpty { lead.append(L.onlyIn(L.otherWord, c.onlyInOther)) }
        for section in c.sections {
            guard let first = section.rows.first else { continue }
            let keys = first.figures.map(\.figure)
            let leadHeaders: [String] = section.section == "treasury" ? [L.scenario, L.year]
                : section.section == "simulation" ? [L.year] : [""]
            var t = PrintedTable(title: L.sectionTitle(section.section, unit: u), sheet: Self.capitalised(L.sectionName(section.section)),
                                 headers: leadHeaders + keys.map { L.figure($0) })
            var changes: [String] = []
            for row in section.rows {
                let cells: [PrintedCell] = row.figures.map { f in
                    CompareFigures.rates.contains(f.figure) ? .number(f.change.map { $0 * 100 }, decimals: 2) : .amount(f.change)
                }
                let label: [String]
                switch section.section {
                case "treasury": label = [row.scenario ?? "", row.year.map(String.init) ?? ""]
                case "simulation": label = [row.year.map(String.init) ?? ""]
                default:
                    label = [row.status == "total" ? (section.section == "operating" ? L.operatingTotal : L.investmentsTotal) : row.name]
                }
                let mark = row.status == "added" ? " (\(L.added))" : row.status == "removed" ? " (\(L.removed))" : ""
                let labels = [label[0] + (label.count == 1 ? mark : "")] + label.dropFirst().map { $0 + mark }
                t.add(labels.map { PrintedCell.text($0) } + cells)
                let who = section.section == "treasury" ? "\(row.scenario ?? "") \(row.year.map(String.init) ?? "")"
                    : section.section == "simulation" ? row.year.map(String.init) ?? "" : row.name
                if row.status == "added" { changes.append(L.addedLine(who)) }
                if row.status == "removed" { changes.append(L.removedLine(who)) }
            }
            if !changes.isEmpty { t.notes += [L.addedRemovedTitle()] + changes }
            var blocks: [PrintedBlock] = []
            if sections.isEmpty { blocks.append(.lines(lead)) }
            blocks.append(.table(t))
            sections.append(PrintedSection(title: Self.capitalised(L.sectionName(section.section)), blocks: blocks))
        }
        if sections.isEmpty { sections.append(PrintedSection(title: L.title(c), blocks: [.lines(lead)])) }
        return PrintedDocument(name: L.title(c), asOf: c.other.asOf, unit: u, lang: lang, sections: sections)
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    public static func table(_ c: Comparison, lang: Language) -> String {
        let p = printed(c, lang: lang)
        let n = NumberStyle(lang: lang, unit: p.unit, html: false)
        return ([p.name] + p.sections.map { PrintedText.render($0, n) }).joined(separator: "\n\n") + "\n"
    }

    /// The comparison as an Excel workbook (a sheet per section).
    public static func workbook(_ c: Comparison, lang: Language) throws(InputFailure) -> Data {
        try XLSX.bytes(XLSXOutput.book(printed(c, lang: lang)))
    }

    static let csvColumns = ["section", "id", "name", "scenario", "year", "status", "figure", "base", "other", "change"]

    /// One row per section, row and figure: amounts in kronor, rates as decimals (rfc4180), or
    /// `;`, decimal comma and a byte-order mark (excel-sv).
    public static func csv(_ c: Comparison, dialect: CSVDialect) throws -> String {
        let body = try CSVOutput.write(dialect) { writer in
            try writer.write(row: csvColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            for s in c.sections {
                for r in s.rows {
                    for f in r.figures {
                        try writer.write(dialect, row: [s.section, r.id ?? "", r.name, r.scenario ?? "", r.year.map(String.init) ?? "",
                                                        r.status, f.figure, m(f.base), m(f.other), m(f.change)],
                                         text: [0, 1, 2, 3, 5, 6])
                    }
                }
            }
        }
        return (dialect == .excelSV ? "\u{FEFF}" : "") + body
    }
}
