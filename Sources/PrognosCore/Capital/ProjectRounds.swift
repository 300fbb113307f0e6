import Foundation

/// Forecast rounds of investment projects (spec capital.md "Real investment tables as
/// printed"): `previous_forecast` on a project, as for units (rule O18); the change is the net
/// forecast − the latest earlier round, and in an annual report (as_of = the fiscal year's
/// end) Prognosavvikelse = last forecast − outcome (the net forecast at year end), positive
/// when less was spent.
enum ProjectRounds {
    /// O18/O21 on every project's rounds (hook in `ScenarioRun.compute`).
    static func check(_ input: InvestmentsInput, asOf: Day, fiscalYear: Int, log: DiagnosticLog) {
        for p in input.projects where !p.previousForecast.isEmpty {
            ForecastRoundsSpecs.check(p.previousForecast, owner: "project '\(p.id)'", asOf: asOf, fiscalYear: fiscalYear, log: log)
        }
    }
}

extension InvestmentsResult {
    /// The projects' rounds into the document (hook in `ResultDocument.init(_:)`).
    mutating func addRounds(_ inv: InvestmentRun, asOf: Day, fiscalYear: Int) {
        let annual = AnnualReport.isAnnual(asOf: asOf, fiscalYear: fiscalYear)
        for (i, row) in inv.projects.enumerated() where i < projects.count {
            let rounds = row.project.previousForecast.sorted { $0.asOf < $1.asOf }
            guard let last = ForecastRoundsSpecs.latest(rounds, before: asOf) else { continue }
            let net = row.project.forecastNet
            projects[i].previousForecast = Present(rounds.map { ForecastRoundResult(asOf: $0.asOf.description, value: amount($0.value)) })
            projects[i].forecastChange = Present(amount(net - last.value))
            if annual { projects[i].forecastError = Present(amount(last.value - net)) }
        }
    }

    var hasRounds: Bool { projects.contains { $0.previousForecast != nil } }
    var isAnnualReport: Bool { projects.contains { $0.forecastError != nil } }
}

/// The projects' change against the previous forecast (or Prognosavvikelse), for the text and the report.
enum ProjectRoundsTable {
    static func table(_ inv: InvestmentsResult, unit: AmountUnit, lang: Language) -> ForecastRoundsTable.Table? {
        guard inv.hasRounds else { return nil }
        let annual = inv.isAnnualReport
        let sv = lang == .sv
        let title: String
        let headers: [String]
        let note: String
        if annual {
            title = sv ? "Investeringar, prognosavvikelse: utfall mot senaste prognos, belopp \(unit.rawValue)"
                       : "Investments, forecast error: outcome against the last forecast, amounts in \(unit.rawValue)"
            headers = sv ? ["Projekt", "Senaste\nprognos per", "Senaste\nprognos", "Utfall\nnetto", "Prognos\u{AD}avvikelse"]
                         : ["Project", "Last forecast\nas of", "Last\nforecast", "Outcome\nnet", "Forecast\nerror"]
            note = sv ? "Prognosavvikelse = senaste prognos − utfall (positiv när mindre än prognosen förbrukades)."
                      : "Forecast error = last forecast − outcome (positive when less than forecast was spent)."
        } else {
            title = sv ? "Investeringar, förändring mot föregående prognos, belopp \(unit.rawValue)"
                       : "Investments, change against the previous forecast, amounts in \(unit.rawValue)"
            headers = sv ? ["Projekt", "Föregående\nprognos per", "Föregående\nprognos", "Prognos\nnetto", "Förändring"]
                         : ["Project", "Previous\nforecast as of", "Previous\nforecast", "Forecast\nnet", "Change"]
            note = sv ? "Förändring = prognos netto − föregående prognos (positiv = högre nettoutgift)."
                      : "Change = net forecast − previous forecast (positive = a higher net expenditure)."
        }
        let rows: [[PrintedCell]] = inv.projects.compactMap { p in
            guard let last = p.previousForecast?.value.last else { return nil }
            return [.text(p.name), .text(Labels(lang: lang).date(last.asOf)), .amount(last.value), .amount(p.forecastNet),
                    .amount(annual ? (p.forecastError?.value ?? nil) : (p.forecastChange?.value ?? nil))]
        }
        return ForecastRoundsTable.Table(title: title, headers: headers, rows: rows, totalRow: nil, notes: [note])
    }

    /// The printed table (hook in `InvestmentTable.printed`), nil without rounds.
    static func printed(_ inv: InvestmentsResult, unit u: AmountUnit, lang: Language) -> PrintedTable? {
        table(inv, unit: u, lang: lang)?.printed(sheet: lang == .sv ? "Investeringar mot prognos" : "Investments vs forecast")
    }

    /// HTML (hook in `Report.investments`).
    static func html(_ inv: InvestmentsResult, _ f: ReportFormat) -> String {
        table(inv, unit: f.unit, lang: f.lang)?.html(f) ?? ""
    }
}
