/// The human labels of the sections' tables, each written once for every view (text table,
/// CSV where a header is a label, HTML). A label is one string in the text table's layout:
/// `\n` where the text header breaks its line (a space in HTML; none after a hyphen), U+00AD (soft hyphen) where
/// it hyphenates a word (the text shows `-` and breaks; HTML joins the word).
enum SectionLabel {
    /// The header lines of a text table.
    static func lines(_ label: String) -> [String] {
        label.replacingOccurrences(of: "\u{AD}", with: "-\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The label on one line (HTML headers and titles).
    static func oneLine(_ label: String) -> String {
        label.replacingOccurrences(of: "\u{AD}", with: "").replacingOccurrences(of: "-\n", with: "-").replacingOccurrences(of: "\n", with: " ")
    }
}

/// The investment table (investeringsredovisning) and the capital costs.
struct InvestmentLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    /// The eight figure columns after the project name; `period` e.g. "jan–mars", `year` the fiscal year.
    func columns(period: String, year: String) -> [String] {
        sv ? ["Redovisat\n\(period)\nUtgifter", "Redovisat\n\(period)\nInkomster", "Prognos\n\(year)\nUtgifter", "Prognos\n\(year)\nInkomster",
              "Prognos\n\(year)\nNetto", "Investerings\u{AD}ram\n\(year)", "Avvikelse", "Ombudget\u{AD}ering"]
           : ["Actual\n\(period)\nExpenditure", "Actual\n\(period)\nIncome", "Forecast\n\(year)\nExpenditure", "Forecast\n\(year)\nIncome",
              "Forecast\n\(year)\nNet", "Frame\n\(year)", "Deviation", "Carry-\nover"]
    }

    var title: String { sv ? "Investeringar" : "Investments" }
    func tableTitle(asOf: String, year: String, unit: AmountUnit) -> String {
        sv ? "Investeringar, resultat \(asOf) och prognos för helår \(year), belopp \(unit.rawValue)"
           : "Investments, results to \(asOf) and full-year forecast \(year), amounts in \(unit.rawValue)"
    }
    var total: String { sv ? "Summa investeringar" : "Total investments" }
    var ofWhichExpenditure: String { sv ? "varav utgifter" : "of which expenditure" }
    var ofWhichIncome: String { sv ? "varav inkomster" : "of which income" }
    func group(_ name: String) -> String { (sv ? "Grupp " : "Group ") + name }

    /// The capital costs by unit: unit, budget, forecast, deviation and its three parts.
    var byUnitColumns: [String] {
        sv ? ["Enhet", "Budget", "Prognos", "Avvikelse", "varav\naktivering", "varav\nutgifter", "varav\nränta"]
           : ["Unit", "Budget", "Forecast", "Deviation", "of which\ntiming", "of which\nspend", "of which\nrate"]
    }
    func byUnitTitle(year: String, unit: AmountUnit) -> String {
        sv ? "Kapitalkostnader \(year) per enhet (avskrivning och internränta), belopp \(unit.rawValue)"
           : "Capital costs \(year) by unit (depreciation and internal interest), amounts in \(unit.rawValue)"
    }
    var byYearColumns: [String] {
        sv ? ["År", "Avskrivning", "Ränta", "Summa", "Budget\nsumma"] : ["Year", "Depreciation", "Interest", "Total", "Budget\ntotal"]
    }
    func byYearTitle(unit: AmountUnit) -> String {
        sv ? "Kapitalkostnader per år (prognos), belopp \(unit.rawValue)" : "Capital costs by year (forecast), amounts in \(unit.rawValue)"
    }
}

/// The treasury section: interest per scenario, the internal bank, sensitivity, metrics, equity ratio.
struct TreasuryLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var year: String { sv ? "År" : "Year" }
    var budget: String { "Budget" }
    func perScenarioTitle(unit: AmountUnit) -> String {
        sv ? "Räntekostnad per scenario och år (lån och swappar, periodiserad), belopp \(unit.rawValue)"
           : "Interest cost per scenario and year (loans and swaps, accrued), amounts in \(unit.rawValue)"
    }
    /// The internal bank's yearly figures of a scenario: year, external cost, internal income, margin, net.
    var internalBankColumns: [String] {
        sv ? ["År", "Extern\nräntekostnad", "Intern\nränteintäkt", "varav\nmarginal", "Kommunens\nnetto"]
           : ["Year", "External\ncost", "Internal\nincome", "of which\nmargin", "Municipality\nnet"]
    }
    /// The +1 pp columns beside them (external, internal, net).
    var shiftedColumns: [String] { sv ? ["+1 %-enhet:\nextern", "\nintern", "\nnetto"] : ["+1 pp:\nexternal", "\ninternal", "\nnet"] }
    var averageFundingRate: String { sv ? "Genomsn.\nlåneränta" : "Average\nfunding rate" }
    func internalBankTitle(base: String, unit: AmountUnit) -> String {
        sv ? "Internbanken, scenario \(base) och +1 %-enhet, belopp \(unit.rawValue)"
           : "The internal bank, scenario \(base) and +1 pp, amounts in \(unit.rawValue)"
    }
    func perBorrowerTitle(base: String, unit: AmountUnit) -> String {
        sv ? "Intern ränteintäkt per låntagare, scenario \(base), belopp \(unit.rawValue)"
           : "Internal income per borrower, scenario \(base), amounts in \(unit.rawValue)"
    }
    var sensitivityColumns: [String] {
        sv ? ["År", "Koncernen\n(extern kostnad)", "Kommunen\n(egen netto)", "Tumregel\nD × 1 %-enhet"]
           : ["Year", "Group\n(external cost)", "Municipality\n(own net)", "Rule of thumb\nD × 1 pp"]
    }
    func sensitivityTitle(base: String, unit: AmountUnit) -> String {
        sv ? "Räntekänslighet: +100 punkter mot scenario \(base), belopp \(unit.rawValue)"
           : "Interest sensitivity: +100 bp against scenario \(base), amounts in \(unit.rawValue)"
    }
    var metric: String { sv ? "Nyckeltal" : "Metric" }
    var limit: String { sv ? "Gräns" : "Limit" }
    var debt: String { sv ? "Skuld" : "Debt" }
    var averageRate: String { sv ? "Genomsnittlig ränta" : "Average rate" }
    var onLending: String { sv ? "Vidareutlåning" : "On-lending" }
    var swapMarketValue: String { sv ? "Swapparnas marknadsvärde" : "Swaps' market value" }
    var equityRatio: String { sv ? "Soliditet" : "Equity ratio" }
    var inclPensions: String { sv ? "inkl. pensionsförpliktelser" : "incl. pension commitments" }
    var after: String { sv ? "Efter" : "After" }
}
