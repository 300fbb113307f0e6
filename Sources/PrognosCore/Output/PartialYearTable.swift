/// Rule T26 in the text tables and the report: the year that starts before V is labelled
/// "delvis utfall" and its realised and forecast parts are shown per scenario.
struct PartialYearLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }
    func yearLabel(_ year: Int) -> String { sv ? "\(year) (delvis utfall)" : "\(year) (partly actual)" }
    func title(_ year: Int, unit: AmountUnit) -> String {
        sv ? "\(year): utfall före värderingsdagen och prognos, räntekostnad (lån och swappar), belopp \(unit.rawValue)"
           : "\(year): actual before the valuation date and forecast, interest cost (loans and swaps), amounts in \(unit.rawValue)"
    }
    var scenario: String { sv ? "Scenario" : "Scenario" }
    func realised(_ from: String, _ to: String) -> String { sv ? "Utfall\n\(from) – \(to)" : "Actual\n\(from) – \(to)" }
    func forecast(_ from: String, _ to: String) -> String { sv ? "Prognos\n\(from) – \(to)" : "Forecast\n\(from) – \(to)" }
    var wholeYear: String { sv ? "Helår" : "Whole year" }
    var realisedNet: String { sv ? "Utfall:\nkommunens netto" : "Actual:\nmunicipality net" }
    var forecastNet: String { sv ? "Prognos:\nkommunens netto" : "Forecast:\nmunicipality net" }
}

enum PartialYearTable {
    /// The partial year of the document (the first scenario's; every scenario shares it).
    static func partial(_ t: TreasuryResult) -> (index: Int, year: TreasuryResult.Year)? {
        guard let years = t.scenarios.first?.years,
              let i = years.firstIndex(where: { $0.partial?.value == true }) else { return nil }
        return (i, years[i])
    }

    /// Relabels the partial year's row (first column) of a table whose rows are years.
    static func relabel(_ table: inout PrintedTable, _ t: TreasuryResult, lang: Language) {
        guard let (_, y) = partial(t) else { return }
        let L = PartialYearLabels(lang: lang)
        for i in table.rows.indices where table.rows[i].first == .year(y.year) { table.rows[i][0] = .text(L.yearLabel(y.year)) }
    }

    /// The split table: per scenario the realised part, the forecast part and the whole year.
    static func table(_ t: TreasuryResult, unit: AmountUnit, lang: Language) -> PrintedTable? {
        guard let (i, y) = partial(t), let r = y.realised, let f = y.forecast else { return nil }
        let L = PartialYearLabels(lang: lang)
        let hasBank = !t.borrowers.isEmpty
        var headers = [L.scenario, L.realised(r.from, r.to), L.forecast(f.from, f.to), L.wholeYear]
        if hasBank { headers += [L.realisedNet, L.forecastNet] }
        var table = PrintedTable(title: L.title(y.year, unit: unit), sheet: lang == .sv ? "Delvis utfall \(y.year)" : "Partly actual \(y.year)",
                                 headers: headers)
        for s in t.scenarios where s.years.indices.contains(i) {
            let year = s.years[i]
            var row: [PrintedCell] = [.text(s.display), .amount(year.realised?.externalInterest ?? nil), .amount(year.forecast?.externalInterest ?? nil),
                                      .amount(year.externalInterest)]
            if hasBank { row += [.amount(year.realised?.municipalityNet ?? nil), .amount(year.forecast?.municipalityNet ?? nil)] }
            table.add(row)
        }
        return table
    }
}

extension PartialYearTable {
    /// A year's label: "2024 (delvis utfall)" for the partial year, else the year.
    static func label(_ y: TreasuryResult.Year, lang: Language) -> String {
        y.partial?.value == true ? PartialYearLabels(lang: lang).yearLabel(y.year) : String(y.year)
    }

    /// The report's split table (the text table's, in HTML).
    static func html(_ t: TreasuryResult, _ f: ReportFormat) -> String {
        guard let (i, y) = partial(t), let r = y.realised, let fc = y.forecast else { return "" }
        let L = PartialYearLabels(lang: f.lang)
        let hasBank = !t.borrowers.isEmpty
        var headers = [L.scenario, L.realised(r.from, r.to), L.forecast(fc.from, fc.to), L.wholeYear]
        if hasBank { headers += [L.realisedNet, L.forecastNet] }
        let rows = t.scenarios.filter { $0.years.indices.contains(i) }.map { s -> [String] in
            let year = s.years[i]
            var row = [HTML.escape(s.display), f.amount(year.realised?.externalInterest ?? nil),
                       f.amount(year.forecast?.externalInterest ?? nil), f.amount(year.externalInterest)]
            if hasBank { row += [f.amount(year.realised?.municipalityNet ?? nil), f.amount(year.forecast?.municipalityNet ?? nil)] }
            return row
        }
        return "<h3>\(HTML.escape(L.title(y.year, unit: f.unit)))</h3>" + HTML.table(headers.map(SectionLabel.oneLine), rows)
    }
}
