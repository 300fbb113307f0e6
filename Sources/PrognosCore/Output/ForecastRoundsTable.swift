import Foundation

/// Labels of the forecast rounds (spec operating.md; rules O18–O20), Swedish and English side by side.
struct ForecastRoundsLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    func changeTitle(annual: Bool, _ unit: AmountUnit) -> String {
        switch (annual, sv) {
        case (false, true): return "Förändring mot föregående prognos, belopp \(unit.rawValue)"
        case (false, false): return "Change against the previous forecast, amounts in \(unit.rawValue)"
        case (true, true): return "Prognosavvikelse: utfall mot senaste prognos, belopp \(unit.rawValue)"
        case (true, false): return "Forecast error: outcome against the last forecast, amounts in \(unit.rawValue)"
        }
    }
    /// Unit, date of the previous round, the previous forecast, this forecast (or the outcome), the change (or the error).
    func changeColumns(annual: Bool) -> [String] {
        switch (annual, sv) {
        case (false, true): return ["Enhet", "Föregående\nprognos per", "Föregående\nprognos", "Prognos\nhelår", "Förändring"]
        case (false, false): return ["Unit", "Previous\nforecast as of", "Previous\nforecast", "Forecast\nfull year", "Change"]
        case (true, true): return ["Enhet", "Senaste\nprognos per", "Senaste\nprognos", "Utfall", "Prognos\u{AD}avvikelse"]
        case (true, false): return ["Unit", "Last forecast\nas of", "Last\nforecast", "Outcome", "Forecast\nerror"]
        }
    }
    func changeNote(annual: Bool) -> String {
        switch (annual, sv) {
        case (false, true): return "Förändring = prognos helår − föregående prognos (positiv = högre nettokostnad än i föregående prognos)."
        case (false, false): return "Change = full-year forecast − previous forecast (positive = a higher net cost than in the previous forecast)."
        case (true, true): return "Prognosavvikelse = senaste prognos − utfall för nettokostnader (positiv när utfallet blev lägre än prognosen), utfall − senaste prognos för resultatenheter."
        case (true, false): return "Forecast error = last forecast − outcome for net costs (positive when the outcome came in below the forecast), outcome − last forecast for result units."
        }
    }
    func accuracyTitle(_ unit: AmountUnit) -> String {
        sv ? "Prognossäkerhet per prognosmånad (tidigare år, summan av enheterna), belopp \(unit.rawValue)"
           : "Forecast accuracy by round month (earlier years, the units' sum), amounts in \(unit.rawValue)"
    }
    var accuracyColumns: [String] {
        sv ? ["Prognos\u{AD}månad", "Medel\u{AD}absolutfel", "Medel\nabsolutfel, %", "Medelfel\n(bias)", "Antal\når"]
           : ["Round\nmonth", "Mean\nabsolute error", "Mean abs.\nerror, %", "Mean error\n(bias)", "Years"]
    }
    var accuracyNote: String {
        sv ? "Fel = prognos − utfall (positivt = prognosen var högre än utfallet, regel O19)."
           : "Error = forecast − outcome (positive = the forecast was above the outcome, rule O19)."
    }
    func excluded(_ year: Int, _ names: [String]) -> String {
        sv ? "\(year): utan prognos eller utfall, ej i summan: \(names.joined(separator: ", "))"
           : "\(year): without a round or an outcome, left out of the sum: \(names.joined(separator: ", "))"
    }
    func month(_ m: Int) -> String {
        guard (1...12).contains(m) else { return String(m) }
        return sv ? Labels.monthsSV[m - 1] : monthNameEN(m)
    }
    var total: String { OperatingLabels(lang: lang).total }
}

extension OperatingLabels {
    /// The full-year table's title; an annual report's is the outcome's (rule O20).
    func forecastTitle(_ year: Int, _ unit: AmountUnit, annual: Bool) -> String {
        guard annual else { return forecastTitle(year, unit) }
        return lang == .sv ? "Driftsammandrag för utfall helår \(year), belopp \(unit.rawValue)"
                           : "Operating statement, outcome for the full year \(year), amounts in \(unit.rawValue)"
    }
    /// The full-year columns; "Utfall" instead of "Prognos helår" in an annual report.
    func forecastColumns(_ year: Int, annual: Bool) -> [String] {
        var c = forecastColumns(year)
        if annual { c[0] = lang == .sv ? "Utfall\n\(year)" : "Outcome\n\(year)" }
        return c
    }
}

/// The forecast rounds' tables, from the result document: the change against the previous
/// forecast (or, in an annual report, Prognosavvikelse) and the forecast accuracy (O19).
/// Each table is a header and rows of cells, for the text view and the HTML report alike.
enum ForecastRoundsTable {
    struct Table {
        var title: String
        var headers: [String]
        var rows: [[String]]
        /// Index of the total row, if any.
        var totalRow: Int?
        var notes: [String]
    }

    static func tables(_ s: OperatingResult, amount: (Double?) -> String, percent: (Double?) -> String,
                       unit: AmountUnit, lang: Language) -> [Table] {
        let L = ForecastRoundsLabels(lang: lang)
        let annual = s.isAnnualReport
        var out: [Table] = []
        if s.hasRounds {
            var rows: [[String]] = []
            for u in s.units {
                guard let rounds = u.previousForecast?.value, let last = rounds.last else { continue }
                let star = u.reportedAs == ReportedAs.result.rawValue ? "*" : ""
                rows.append([u.name + star, Labels(lang: lang).date(last.asOf), amount(last.value), amount(u.figures.forecast),
                             amount(annual ? (u.forecastError?.value ?? nil) : (u.forecastChange?.value ?? nil))])
            }
            var totalRow: Int?
            if let previous = s.total.previousForecast?.value {
                totalRow = rows.count
                rows.append([L.total, "", amount(previous), amount(s.total.figures.forecast),
                             amount(annual ? (s.total.forecastError?.value ?? nil) : (s.total.forecastChange?.value ?? nil))])
            }
            out.append(Table(title: L.changeTitle(annual: annual, unit), headers: L.changeColumns(annual: annual), rows: rows,
                             totalRow: totalRow, notes: [L.changeNote(annual: annual)]))
        }
        if let a = s.forecastAccuracy {
            let names = Dictionary(s.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var notes = [L.accuracyNote]
            for m in a.byMonth {
                for e in m.excluded?.value ?? [] {
                    notes.append(L.month(m.month) + " " + L.excluded(e.year, e.units.map { names[$0] ?? $0 }))
                }
            }
            out.append(Table(title: L.accuracyTitle(unit), headers: L.accuracyColumns,
                             rows: a.byMonth.map { [L.month($0.month), amount($0.mae), percent($0.mape), amount($0.bias), String($0.n)] },
                             totalRow: nil, notes: notes))
        }
        return out
    }

    /// The text lines (hook in `OperatingTable.render`), empty without rounds.
    static func lines(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> [String] {
        let style = NumberStyle(lang: lang, unit: u, html: false)
        var out: [String] = []
        for t in tables(s, amount: { style.amount($0) }, percent: { style.percent($0, decimals: 1) }, unit: u, lang: lang) {
            var table = TextTable(headers: t.headers.map(SectionLabel.lines))
            for (i, r) in t.rows.enumerated() {
                if i == t.totalRow { table.addBlank() }
                table.add(r)
            }
            out += ["", t.title, "", table.render()] + t.notes
        }
        return out
    }

    /// The report's HTML (hook in `Report.operating`), empty without rounds.
    static func html(_ s: OperatingResult, _ f: ReportFormat) -> String {
        var out = ""
        for t in tables(s, amount: { f.amount($0) }, percent: { f.percent($0, decimals: 1) }, unit: f.unit, lang: f.lang) {
            out += "<h3>\(HTML.escape(t.title))</h3>"
            out += HTML.table(t.headers.map { HTML.escape(SectionLabel.oneLine($0)) }, t.rows.map { $0.map(HTML.escape) },
                              classes: t.totalRow.map { [$0: "total"] } ?? [:])
            for n in t.notes { out += "<p class=\"meta\">\(HTML.escape(n))</p>" }
        }
        return out
    }
}
