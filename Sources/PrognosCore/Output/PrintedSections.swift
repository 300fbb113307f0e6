/// The printed form of each section of the result document, built once for the text
/// tables, the people's CSV and the workbook (exhaustive: a new section must be printed here).
enum PrintedSections {
    static func section(_ section: ResultSection, _ doc: ResultDocument, lang: Language) -> PrintedSection? {
        let unit = doc.amountUnit
        switch section {
        case .operating:
            return doc.operating.map { OperatingTable.section($0, unit: unit, lang: lang) }
        case .investments:
            guard let inv = doc.investments, let asOf = doc.asOf.flatMap(Day.init(iso:)) else { return nil }
            var names: [String: String] = [:]
            for u in doc.operating?.units ?? [] { names[u.id] = u.name }
            var section = InvestmentTable.section(inv, doc.capitalCosts, asOf: asOf, unit: unit, lang: lang, unitNames: names)
            // Rule T25: the borrowing need beside the investment table, before the assumptions.
            if let need = doc.treasury?.borrowingNeed {
                let at = section.blocks.firstIndex(where: \.isAssumptions) ?? section.blocks.count
                section.blocks.insert(.table(BorrowingNeedTable.printed(need.value, unit: unit, lang: lang)), at: at)
            }
            return section
        case .capitalCosts:
            return nil   // with the investments (one table set, as the report prints it)
        case .treasury:
            return doc.treasury.map { TreasuryTable.section($0, unit: unit, lang: lang) }
        case .simulation:
            return doc.simulation.map { SimulationTable.section($0, unit: unit, lang: lang) }
        case .indicators:
            return doc.indicators.map { IndicatorTable.section($0, lang: lang) }
        case .frontier:
            return doc.frontier.map { FrontierTable.section($0, unit: unit, lang: lang) }
        case .result:
            return doc.result.map { ResultTable.section($0, unit: unit, lang: lang, labels: doc.scenarioLabels) }
        }
    }
}

/// The labels the printed tables add to the sections' own (SectionLabels.swift): sheet
/// names, notes under tables (sign conventions, what a column means), sv and en side by side.
struct PrintedLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    // Sheet names (at most 31 characters).
    var sheetOperatingResult: String { sv ? "Driftsammandrag resultat" : "Operating results" }
    var sheetOperatingForecast: String { sv ? "Driftsammandrag prognos" : "Operating forecast" }
    var sheetMethods: String { sv ? "Prognosmetod" : "Forecast method" }
    var sheetInvestments: String { sv ? "Investeringar" : "Investments" }
    var sheetCapitalByUnit: String { sv ? "Kapitalkostnader per enhet" : "Capital costs by unit" }
    var sheetCapitalByYear: String { sv ? "Kapitalkostnader per år" : "Capital costs by year" }
    var sheetScenarios: String { sv ? "Räntekostnad per scenario" : "Interest per scenario" }
    var sheetInternalBank: String { sv ? "Internbanken" : "Internal bank" }
    var sheetBorrowers: String { sv ? "Per låntagare" : "Per borrower" }
    var sheetMetrics: String { sv ? "Nyckeltal och policy" : "Metrics and policy" }
    var sheetSensitivity: String { sv ? "Räntekänslighet" : "Sensitivity" }
    var sheetEquity: String { sv ? "Soliditet" : "Equity ratio" }
    var sheetBands: String { sv ? "Ränteutfall" : "Rate fan" }
    var sheetAssumptions: String { sv ? "Antaganden" : "Assumptions" }
    /// The run's warnings, first on the assumptions sheet (workbook) and part (excel-sv CSV).
    var warnings: String { sv ? "Varningar" : "Warnings" }
    var section: String { sv ? "Avsnitt" : "Section" }
    var asOf: String { sv ? "Per" : "As of" }

    // Notes under tables.
    var deviationSign: String {
        sv ? "Avvikelse = budget − redovisat/prognos: positiv avvikelse är gynnsam (lägre nettokostnad än budget)."
           : "Deviation = budget − actual/forecast: a positive deviation is favourable (a lower net cost than budgeted)."
    }
    var investmentSign: String {
        sv ? "Avvikelse = investeringsram − prognos netto: positiv avvikelse betyder att ramen inte används fullt ut."
           : "Deviation = frame − forecast net: a positive deviation means the frame is not used in full."
    }
    var capitalSign: String {
        sv ? "Avvikelse = budget − prognos: positiv avvikelse är lägre kapitalkostnad än budget; de tre delarna summerar till avvikelsen."
           : "Deviation = budget − forecast: positive is a lower capital cost than budgeted; the three parts sum to the deviation."
    }
    var municipalityNetSign: String {
        sv ? "Kommunens netto = extern räntekostnad − intern ränteintäkt: positivt belopp är en nettokostnad för kommunen, negativt en nettointäkt."
           : "Municipality net = external cost − internal income: a positive amount is a net cost to the municipality, a negative one a net income."
    }
    var noInternalBank: String {
        sv ? "Filen har ingen internbank (ingen vidareutlåning): kommunens räntenetto är den externa räntekostnaden ovan, och dess känslighet står i tabellen Räntekänslighet."
           : "The file has no internal bank (no on-lending): the municipality's net interest is the external cost above, and its sensitivity is in the sensitivity table."
    }
    var borrowerSign: String {
        sv ? "Belopp som låntagaren betalar till kommunen (positivt = intäkt för kommunen)."
           : "Amounts the borrower pays to the municipality (positive = income to the municipality)."
    }
    func sensitivityNotes(base: String, debt: String) -> [String] {
        sv ? ["+100 punkter: alla räntor i scenario \(base) höjs med 1 procentenhet (100 baspunkter); tabellen visar hur mycket räntekostnaden då ökar jämfört med scenariot (positivt = högre kostnad).",
              "Tumregel D × 1 %-enhet: skulden vid värderingsdagen (\(debt)) gånger 1 procentenhet, den ökning ett helt år ger om hela skulden vore rörlig; lån med räntebindning gör den faktiska ökningen lägre de första åren."]
           : ["+100 bp: every rate of scenario \(base) raised by 1 percentage point (100 basis points); the table shows how much the interest cost then rises against the scenario (positive = a higher cost).",
              "Rule of thumb D × 1 pp: the debt at the valuation date (\(debt)) times 1 percentage point, the rise over a whole year if all debt were floating; fixed-rate loans make the actual rise smaller in the first years."]
    }
    var interestSign: String {
        sv ? "Räntekostnad: positivt belopp är en kostnad (swapparnas netto ingår)." : "Interest cost: a positive amount is a cost (the swaps' net included)."
    }
    var breachMark: String { sv ? "✗ = utanför finanspolicyns gräns." : "✗ = outside the finance policy's limit." }
    func backtestBest(_ name: String, _ best: String) -> String { "\(name) — " + (sv ? "bäst: " : "best: ") + best }
    var noLedgerHistory: String { sv ? "ingen historik i huvudboken" : "no ledger history" }
    func errorColumn(_ year: Int) -> String { (sv ? "fel" : "error") + "\n\(year)" }
    var backtestNote: String {
        sv ? "* lägst genomsnittligt absolut fel (MAE); lika fel avgörs i ordningen budget återstående, takt hittills, säsongsprofil, trend. Fel = prognos − utfall."
           : "* lowest mean absolute error (MAE); ties in the order budget remaining, run rate, seasonal profile, trend (rule O4). Error = forecast − outcome."
    }

    /// A forecast method by its name (the JSON's key when it is not a known method).
    func method(_ key: String?) -> String? {
        MethodTerm.name(key: key, lang)
    }
    /// A method's column header: its name, a line per word.
    func methodColumn(_ m: MethodTerm) -> String { (method(m.key) ?? m.key).replacingOccurrences(of: " ", with: "\n") }
}
