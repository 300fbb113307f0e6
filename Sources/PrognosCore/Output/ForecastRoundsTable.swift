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
        sv ? "Fel = prognos − utfall (positivt = prognosen var högre än utfallet)."
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
/// Typed cells, so the text, the people's CSV, the workbook and the HTML report print the same table.
enum ForecastRoundsTable {
    struct Table {
        var title: String
        var headers: [String]
        var rows: [[PrintedCell]]
        /// Index of the total row, if any.
        var totalRow: Int?
        var notes: [String]

        /// The table as the printed views take it (a blank row before the total), on its own sheet.
        func printed(sheet: String) -> PrintedTable {
            var t = PrintedTable(title: title, sheet: sheet, headers: headers)
            for (i, r) in rows.enumerated() {
                if i == totalRow { t.addBlank() }
                t.add(r)
            }
            t.notes = notes
            return t
        }

        /// The report's HTML of the table.
        func html(_ f: ReportFormat) -> String {
            "<h3>\(HTML.escape(title))</h3>"
                + HTML.table(headers.map { HTML.escape(SectionLabel.oneLine($0)) }, rows.map { $0.map { HTML.escape($0.text(f)) } },
                             classes: totalRow.map { [$0: "total"] } ?? [:])
                + notes.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }.joined()
        }
    }

    static func tables(_ s: OperatingResult, unit: AmountUnit, lang: Language) -> [Table] {
        let L = ForecastRoundsLabels(lang: lang)
        let annual = s.isAnnualReport
        var out: [Table] = []
        if s.hasRounds {
            var rows: [[PrintedCell]] = []
            for u in s.units {
                guard let rounds = u.previousForecast?.value, let last = rounds.last else { continue }
                let star = u.reportedAs == ReportedAs.result.rawValue ? "*" : ""
                rows.append([.text(u.name + star), PrintedCell.isoDate(last.asOf).shown(Labels(lang: lang).date(last.asOf)), .amount(last.value), .amount(u.figures.forecast),
                             .amount(annual ? (u.forecastError?.value ?? nil) : (u.forecastChange?.value ?? nil))])
            }
            var totalRow: Int?
            if let previous = s.total.previousForecast?.value {
                totalRow = rows.count
                rows.append([.text(L.total), .blank, .amount(previous), .amount(s.total.figures.forecast),
                             .amount(annual ? (s.total.forecastError?.value ?? nil) : (s.total.forecastChange?.value ?? nil))])
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
                             rows: a.byMonth.map { [.text(L.month($0.month)), .amount($0.mae), .percent($0.mape, decimals: 1), .amount($0.bias), .text(String($0.n))] },
                             totalRow: nil, notes: notes))
        }
        return out
    }

    /// The printed tables (hook in `OperatingTable.printed`), none without rounds.
    static func printed(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> [PrintedTable] {
        let sv = lang == .sv
        return tables(s, unit: u, lang: lang).enumerated().map { i, t in
            t.printed(sheet: i == 0 && s.hasRounds ? (sv ? "Förändring mot prognos" : "Change vs forecast") : (sv ? "Prognossäkerhet" : "Forecast accuracy"))
        }
    }

    /// The report's HTML (hook in `Report.operating`), empty without rounds.
    static func html(_ s: OperatingResult, _ f: ReportFormat) -> String {
        tables(s, unit: f.unit, lang: f.lang).map { $0.html(f) }.joined()
    }
}
