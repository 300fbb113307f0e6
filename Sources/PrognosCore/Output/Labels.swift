/// Table labels in Swedish (as the report prints them) and English.
struct Labels {
    let lang: Language

    static let monthsSV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                           "september", "oktober", "november", "december"]
    static let monthsShortSV = ["jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
    static let monthsShortEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "31 mars 2024" / "31 March 2024".
    func date(_ d: Day) -> String {
        lang == .sv ? "\(d.day) \(Labels.monthsSV[d.month - 1]) \(d.year)" : "\(d.day) \(monthNameEN(d.month)) \(d.year)"
    }

    /// A date of the document (ISO) in words; as written if it is not one.
    func date(_ iso: String) -> String { Day(iso: iso).map { date($0) } ?? iso }

    /// "jan–mars" / "Jan–Mar"; a single month for M = 1.
    func period(_ m: Int) -> String {
        let names = lang == .sv ? Labels.monthsShortSV : Labels.monthsShortEN
        return m == 1 ? names[0] : "\(names[0])–\(names[m - 1])"
    }

    func resultTitle(_ d: String, _ unit: AmountUnit) -> String {
        lang == .sv ? "Driftsammandrag för resultat \(date(d)), belopp \(unit.rawValue)"
                    : "Operating statement, results to \(date(d)), amounts in \(unit.rawValue)"
    }

    func forecastTitle(_ year: Int, _ unit: AmountUnit) -> String {
        lang == .sv ? "Driftsammandrag för prognos för helår \(year), belopp \(unit.rawValue)"
                    : "Operating statement, full-year forecast \(year), amounts in \(unit.rawValue)"
    }

    func resultHeaders(_ m: Int, _ year: Int) -> [[String]] {
        lang == .sv
            ? [[""], ["Redovisat", period(m), "\(year)"], ["Budget", period(m), "\(year)"], ["Avvikelse"],
               ["Redovisat", "samma period", "föregående år"]]
            : [[""], ["Actual", period(m), "\(year)"], ["Budget", period(m), "\(year)"], ["Deviation"],
               ["Actual", "same period", "last year"]]
    }

    func forecastHeaders(_ year: Int) -> [[String]] {
        lang == .sv
            ? [[""], ["Prognos", "helår"], ["Budget", "\(year)"], ["Avvikelse"], ["Bokslut", "\(year - 1)"]]
            : [[""], ["Forecast", "full year"], ["Budget", "\(year)"], ["Deviation"], ["Outcome", "\(year - 1)"]]
    }

    var total: String { lang == .sv ? "Summa nettokostnader" : "Total net cost" }
    var ofWhichCosts: String { lang == .sv ? "varav kostnader" : "of which costs" }
    var ofWhichIncome: String { lang == .sv ? "varav intäkter" : "of which income" }
    var resultFootnote: String {
        lang == .sv ? "* Minustecken framför beloppen innebär ett underskott eller negativ avvikelse mot budget."
                    : "* Reported as a result: a minus sign means a deficit or an unfavourable deviation."
    }

    var reconciliationTitle: String { lang == .sv ? "Avstämning mot rapportens summor" : "Reconciliation with the report's totals" }
    func reconciliationLine(_ r: OperatingResult.Reconciliation, _ unit: AmountUnit) -> String {
        let column = TotalColumn(rawValue: r.column).map(columnName) ?? r.column
        let reported = Format.amount(r.reported, unit, lang), computed = Format.amount(r.computed, unit, lang)
        switch (lang, Reconciliation.Status(rawValue: r.status) ?? .error) {
        case (.sv, .rounding): return "\(column): rapporten anger \(reported), radernas summa är \(computed) (avrundningsdifferens, regel O8)"
        case (.sv, .error): return "\(column): rapporten anger \(reported), radernas summa är \(computed): FEL, raderna stämmer inte"
        case (.en, .rounding): return "\(column): the report prints \(reported), the rows sum to \(computed) (a rounding difference, rule O8)"
        case (.en, .error): return "\(column): the report prints \(reported), the rows sum to \(computed): ERROR, the rows do not reconcile"
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
        lang == .sv ? "Prognosmetod per enhet, belopp \(unit.rawValue)" : "Forecast method per unit, amounts in \(unit.rawValue)"
    }

    var methodsHeaders: [[String]] {
        lang == .sv
            ? [["Enhet"], ["Metod"], ["Metodens", "värde"], ["Juste-", "ringar"], ["Prognos", "helår"], ["P10"], ["P90"],
               ["budget_", "remaining"], ["run_rate"], ["profile"], ["trend"], ["Bäst i", "backtest"]]
            : [["Unit"], ["Method"], ["Method", "value"], ["Adjust-", "ments"], ["Forecast", "full year"], ["P10"], ["P90"],
               ["budget_", "remaining"], ["run_rate"], ["profile"], ["trend"], ["Best in", "backtest"]]
    }

    var totalBand: String { lang == .sv ? "Osäkerhetsintervall för summan (P10–P50–P90)" : "Band of the total (P10–P50–P90)" }
    var independentBand: String { lang == .sv ? "om enheternas fel vore oberoende" : "if the units' errors were independent" }

    var adjustmentsTitle: String { lang == .sv ? "Justeringar (bedömning utöver metoden)" : "Adjustments (judgement beyond the method)" }
    var noMethod: String { lang == .sv ? "ingen prognos" : "no forecast" }
    var assumptionsTitle: String { lang == .sv ? "Antaganden" : "Assumptions" }
}
