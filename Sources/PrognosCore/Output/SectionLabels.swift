/// The human labels of the sections' tables, each written once for every view (text table,
/// CSV where a header is a label, HTML). A label is one string in the text table's layout:
/// `\n` where the text header breaks its line (a space in HTML; none after a hyphen or an underscore), U+00AD (soft hyphen) where
/// it hyphenates a word (the text shows `-` and breaks; HTML joins the word).
enum SectionLabel {
    /// The header lines of a text table.
    static func lines(_ label: String) -> [String] {
        label.replacingOccurrences(of: "\u{AD}", with: "-\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The label on one line (HTML headers and titles).
    static func oneLine(_ label: String) -> String {
        label.replacingOccurrences(of: "\u{AD}", with: "").replacingOccurrences(of: "-\n", with: "-").replacingOccurrences(of: "_\n", with: "_")
            .replacingOccurrences(of: "\n", with: " ")
    }
}

/// The investment table (investeringsredovisning) and the capital costs.
struct InvestmentLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    /// The eight figure columns after the project name; `period` e.g. "jan–mars", `year` the fiscal year.
    func columns(period: String, year: String) -> [String] {
        sv ? ["Redovisat\n\(period)\nUtgifter", "Redovisat\n\(period)\nInkomster", "Prognos\n\(year)\nUtgifter", "Prognos\n\(year)\nInkomster",
              "Prognos\n\(year)\nNetto", "Investerings\u{AD}ram\n\(year)", "Avvikelse", "Föreslagen\nombudget\u{AD}ering\ntill nästa år"]
           : ["Actual\n\(period)\nExpenditure", "Actual\n\(period)\nIncome", "Forecast\n\(year)\nExpenditure", "Forecast\n\(year)\nIncome",
              "Forecast\n\(year)\nNet", "Frame\n\(year)", "Deviation", "Proposed\ncarry-over\nto next year"]
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
    /// The by-unit table's sum row (bold in the report: PrintedTableHTML).
    var byUnitTotal: String { sv ? "Summa" : "Total" }
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

extension TreasuryLabels {
    /// The equity-ratio table's header (the row labels are `equityRatio` and `inclPensions`).
    var equityColumns: [String] { sv ? ["Soliditet", "Före\ninternbanken", "Efter"] : ["Equity ratio", "Before the\ninternal bank", "After"] }
    func equityTitle(onLent: String, unit: AmountUnit) -> String {
        sv ? "Soliditet (vidareutlånat \(onLent) \(unit.rawValue) på båda sidor av balansräkningen)"
           : "Equity ratio (on-lent \(onLent) \(unit.rawValue) on both sides of the balance sheet)"
    }
}

/// The operating statement (driftsammandrag): results to date, the full-year forecast, the
/// methods, the band of the total, the adjustments and the reconciliation.
struct OperatingLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var title: String { sv ? "Driftsammandrag" : "Operating statement" }
    func resultTitle(_ d: String, _ unit: AmountUnit) -> String {
        sv ? "Driftsammandrag för resultat \(Labels(lang: lang).date(d)), belopp \(unit.rawValue)"
           : "Operating statement, results to \(Labels(lang: lang).date(d)), amounts in \(unit.rawValue)"
    }
    func forecastTitle(_ year: Int, _ unit: AmountUnit) -> String {
        sv ? "Driftsammandrag för prognos för helår \(year), belopp \(unit.rawValue)"
           : "Operating statement, full-year forecast \(year), amounts in \(unit.rawValue)"
    }
    /// The four figure columns of the results to date (`m` months of `year`).
    func resultColumns(_ m: Int, _ year: Int) -> [String] {
        let period = Labels(lang: lang).period(m)
        return sv ? ["Redovisat\n\(period)\n\(year)", "Budget\n\(period)\n\(year)", "Avvikelse", "Redovisat\nsamma period\nföregående år"]
                  : ["Actual\n\(period)\n\(year)", "Budget\n\(period)\n\(year)", "Deviation", "Actual\nsame period\nlast year"]
    }
    /// The four figure columns of the full-year forecast.
    func forecastColumns(_ year: Int) -> [String] {
        sv ? ["Prognos\nhelår", "Budget\n\(year)", "Avvikelse", "Bokslut\n\(year - 1)"]
           : ["Forecast\nfull year", "Budget\n\(year)", "Deviation", "Outcome\n\(year - 1)"]
    }
    var total: String { sv ? "Summa nettokostnader" : "Total net cost" }
    var ofWhichCosts: String { sv ? "varav kostnader" : "of which costs" }
    var ofWhichIncome: String { sv ? "varav intäkter" : "of which income" }
    var resultFootnote: String {
        sv ? "* Minustecken framför beloppen innebär ett underskott eller negativ avvikelse mot budget."
           : "* Reported as a result: a minus sign means a deficit or an unfavourable deviation."
    }

    var reconciliationTitle: String { sv ? "Avstämning mot rapportens summor" : "Reconciliation with the report's totals" }
    func reconciliationLine(_ r: OperatingResult.Reconciliation, _ unit: AmountUnit) -> String {
        let column = TotalColumn(rawValue: r.column).map(columnName) ?? r.column
        let reported = Format.amount(r.reported, unit, lang), computed = Format.amount(r.computed, unit, lang)
        switch (lang, Reconciliation.Status(rawValue: r.status) ?? .error) {
        case (.sv, .overridden): return "\(column): rapporten anger \(reported), efter --set är summan \(computed) (ändrat med --set)"
        case (.en, .overridden): return "\(column): the report prints \(reported), after --set the rows sum to \(computed) (changed with --set, status overridden)"
        case (_, let status):
            return Message(status == .rounding ? .reconciliationNoteRounding : .reconciliationNoteError, .text(column), .text(reported), .text(computed)).text(lang)
        }
    }

    func columnName(_ c: TotalColumn) -> String {
        switch (lang, c) {
        case (.sv, .actualYTD): return "Redovisat hittills"
        case (.sv, .budgetYTD): return "Budget hittills"
        case (.sv, .deviationYTD): return "Avvikelse hittills"
        case (.sv, .actualYTDPrior): return "Redovisat samma period föregående år"
        case (.sv, .forecast): return "Prognos helår"
        case (.sv, .budget): return "Budget"
        case (.sv, .deviation): return "Avvikelse helår"
        case (.sv, .outcomePrior): return "Bokslut föregående år"
        case (.en, .actualYTD): return "Actual to date"
        case (.en, .budgetYTD): return "Budget to date"
        case (.en, .deviationYTD): return "Deviation to date"
        case (.en, .actualYTDPrior): return "Actual same period last year"
        case (.en, .forecast): return "Forecast full year"
        case (.en, .budget): return "Budget"
        case (.en, .deviation): return "Deviation full year"
        case (.en, .outcomePrior): return "Outcome last year"
        }
    }

    func methodsTitle(_ unit: AmountUnit) -> String {
        sv ? "Prognosmetod per enhet, belopp \(unit.rawValue)" : "Forecast method per unit, amounts in \(unit.rawValue)"
    }
    var unit: String { sv ? "Enhet" : "Unit" }
    var method: String { sv ? "Metod" : "Method" }
    var methodValue: String { sv ? "Metodens\nvärde" : "Method\nvalue" }
    var adjustments: String { sv ? "Juste\u{AD}ringar" : "Adjust\u{AD}ments" }
    var forecastFullYear: String { sv ? "Prognos\nhelår" : "Forecast\nfull year" }
    var bestInBacktest: String { sv ? "Bäst i\nbacktest" : "Best in\nbacktest" }
    /// A method's column: its name, a word per line.
    func methodColumn(_ m: MethodTerm) -> String { m.name(lang).replacingOccurrences(of: " ", with: "\n") }
    /// The methods table of the text: every method beside the one chosen, and the unit's band.
    var methodsColumns: [String] {
        [unit, method, methodValue, adjustments, forecastFullYear, "P10", "P90"]
            + [MethodTerm.budgetRemaining, .runRate, .profile, .trend].map(methodColumn) + [bestInBacktest]
    }

    var totalBand: String { sv ? "Osäkerhetsintervall för summan (P10–P50–P90)" : "Band of the total (P10–P50–P90)" }
    var independentBand: String { sv ? "om enheternas fel vore oberoende" : "if the units' errors were independent" }

    var adjustmentsTitle: String { sv ? "Justeringar (bedömning utöver metoden)" : "Adjustments (judgement beyond the method)" }

    /// The backtest (`prognos backtest` and the report): each method's errors per unit.
    func backtestTitle(_ m: Int, _ unit: AmountUnit) -> String {
        sv ? "Backtest: varje metod tillämpad per \(Labels(lang: lang).period(m)) tidigare år, belopp \(unit.rawValue)"
           : "Backtest: each method applied as of \(Labels(lang: lang).period(m)) in earlier years, amounts in \(unit.rawValue)"
    }
    var bias: String { sv ? "Snedvridning" : "Bias" }
    var yearsUsed: String { sv ? "År" : "Years" }
    var noMethod: String { sv ? "ingen prognos" : "no forecast" }
}

/// The simulation: the run's line, a table per series, the rate fan, the curve check.
struct SimulationLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var title: String { sv ? "Simulering och Cost-at-Risk" : "Simulation and Cost-at-Risk" }
    /// The run in one line; the rates already formatted.
    func run(model: String, a: String, sigma: String, paths: Int, seed: UInt64, rng: String, antithetic: Bool) -> String {
        sv ? "Simulering: \(model), a = \(a), σ = \(sigma), \(paths) banor, frö \(seed), \(rng)\(antithetic ? ", antitetiska par" : "")"
           : "Simulation: \(model), a = \(a), σ = \(sigma), \(paths) paths, seed \(seed), \(rng)\(antithetic ? ", antithetic pairs" : "")"
    }
    var year: String { sv ? "År" : "Year" }
    /// A statistic's column header (a line per word in the text).
    func column(_ s: Statistic) -> String { s.label(lang).replacingOccurrences(of: " ", with: "\n") }
    func seriesTitle(_ series: SimulationSeries, unit: AmountUnit) -> String {
        series.label(lang) + (series.isAmount ? (sv ? ", belopp \(unit.rawValue)" : ", amounts in \(unit.rawValue)") : "")
            + (series == .internalIncome ? (sv ? " (risken är den låga svansen)" : " (the risk is the low tail)") : "")
    }
    var bandColumns: [String] {
        sv ? ["Datum", "STIBOR 3M\nP05", "P25", "P50", "P75", "P95", "Låneränta\nP05", "P50", "P95"]
           : ["Date", "STIBOR 3M\nP05", "P25", "P50", "P75", "P95", "Funding\nP05", "P50", "P95"]
    }
    func bandsTitle(paths: Int) -> String {
        sv ? "Ränteutfall per år (månadsband i JSON), från de första \(paths) banorna"
           : "Rate fan once a year (monthly bands in the JSON), from the first \(paths) paths"
    }
    var curveGapTitle: String { sv ? "Vasicek mot kurvan, P(0,T):" : "Vasicek against the curve, P(0,T):" }
}

/// The goal follow-up (målområden, nämndmål, nämndindikatorer).
struct IndicatorLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var title: String { sv ? "Nämndmål och nämndindikatorer" : "Board goals and indicators" }
    var noAssessment: String {
        sv ? "Ingen bedömning av måluppfyllelse görs i denna rapport (assess: false)."
           : "No assessment of goal attainment in this report (assess: false)."
    }
    func goalArea(_ name: String) -> String { (sv ? "Målområde: " : "Goal area: ") + name }
    func municipalGoal(_ goal: String) -> String { (sv ? "Kommunövergripande mål: " : "Municipal goal: ") + goal }
    var boardGoal: String { sv ? "Nämndmål / Nämndindikator" : "Board goal / indicator" }
    var desired: String { sv ? "Önskad\nriktning/värde" : "Desired\ndirection/value" }
    var status: String { "Status" }
    var trend: String { "Trend" }
    var noIndicator: String { sv ? "Ingen nämndindikator" : "No indicator" }
    func summary(met: Int, notMet: Int, noData: Int, noTarget: Int) -> String {
        sv ? "Summering: \(met) uppfyllda, \(notMet) ej uppfyllda, \(noData) utan uppgift, \(noTarget) utan mål"
           : "Summary: \(met) met, \(notMet) not met, \(noData) no data, \(noTarget) no target"
    }
}
