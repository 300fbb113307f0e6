/// The investment table as the report prints it (investeringsredovisning), and the
/// capital costs by unit and year.
public enum InvestmentTable {
    public static func render(_ inv: InvestmentRun, asOf: Day, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv, L = Labels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        var out: [String] = []
        let y = String(inv.fiscalYear)
        var t = TextTable(headers: sv
            ? [[""], ["Redovisat", L.period(asOf.month), "Utgifter"], ["Redovisat", L.period(asOf.month), "Inkomster"],
               ["Prognos", y, "Utgifter"], ["Prognos", y, "Inkomster"], ["Prognos", y, "Netto"], ["Investerings-", "ram", y],
               ["Avvikelse"], ["Ombudget-", "ering"]]
            : [[""], ["Actual", L.period(asOf.month), "Expenditure"], ["Actual", L.period(asOf.month), "Income"],
               ["Forecast", y, "Expenditure"], ["Forecast", y, "Income"], ["Forecast", y, "Net"], ["Frame", y],
               ["Deviation"], ["Carry-", "over"]])
        func row(_ label: String, _ x: InvestmentRun.Totals) -> [String] {
            [label, a(x.spentYTD), a(x.incomeYTD), a(x.forecastSpend), a(x.forecastIncome), a(x.forecastNet), a(x.frame),
             a(x.deviation), a(x.carryOver)]
        }
        for r in inv.projects {
            let p = r.project
            t.add([p.name, a(p.spentYTD), a(p.incomeYTD), a(p.forecastSpend), a(p.forecastIncome), a(p.forecastNet), a(p.frame),
                   a(r.deviation), a(r.carryOver)])
        }
        t.add(row(sv ? "Summa investeringar" : "Total investments", inv.total))
        t.add([sv ? "varav utgifter" : "of which expenditure", a(inv.total.spentYTD), "", a(inv.total.forecastSpend), "",
               a(inv.total.forecastSpend), "", "", ""])
        t.add([sv ? "varav inkomster" : "of which income", "", a(inv.total.incomeYTD), "", a(inv.total.forecastIncome),
               a(-inv.total.forecastIncome), "", "", ""])
        if !inv.byGroup.isEmpty {
            t.addBlank()
            for g in inv.byGroup { t.add(row((sv ? "Grupp " : "Group ") + g.group, g.totals)) }
        }
        out.append(sv ? "Investeringar, resultat \(L.date(asOf)) och prognos för helår \(y), belopp \(unit.rawValue)"
                      : "Investments, results to \(L.date(asOf)) and full-year forecast \(y), amounts in \(unit.rawValue)")
        out.append("")
        out.append(t.render())
        for r in inv.reconciliation {
            out.append((sv ? "Avstämning: " : "Reconciliation: ") + "\(r.key) " + (sv ? "rapporten anger " : "the report prints ")
                       + a(r.reported) + (sv ? ", radernas summa är " : ", the rows sum to ") + a(r.computed)
                       + (r.status == .rounding ? (sv ? " (avrundningsdifferens)" : " (rounding)") : (sv ? " (FEL)" : " (ERROR)")))
        }

        var u = TextTable(headers: sv
            ? [["Enhet"], ["Budget"], ["Prognos"], ["Avvikelse"], ["varav", "aktivering"], ["varav", "utgifter"], ["varav", "ränta"]]
            : [["Unit"], ["Budget"], ["Forecast"], ["Deviation"], ["of which", "timing"], ["of which", "spend"], ["of which", "rate"]])
        for c in inv.byUnit { u.add([c.unit, a(c.budget), a(c.forecast), a(c.deviation), a(c.timing), a(c.spend), a(c.rate)]) }
        out.append("")
        out.append(sv ? "Kapitalkostnader \(y) per enhet (avskrivning och internränta), belopp \(unit.rawValue)"
                      : "Capital costs \(y) by unit (depreciation and internal interest), amounts in \(unit.rawValue)")
        out.append("")
        out.append(u.render())

        var yt = TextTable(headers: sv ? [["År"], ["Avskrivning"], ["Ränta"], ["Summa"], ["Budget", "summa"]]
                                       : [["Year"], ["Depreciation"], ["Interest"], ["Total"], ["Budget", "total"]])
        for (f, b) in zip(inv.years, inv.budgetYears) {
            yt.add([String(f.year), a(f.depreciation), a(f.interest), a(f.depreciation + f.interest), a(b.depreciation + b.interest)])
        }
        out.append("")
        out.append(sv ? "Kapitalkostnader per år (prognos), belopp \(unit.rawValue)" : "Capital costs by year (forecast), amounts in \(unit.rawValue)")
        out.append("")
        out.append(yt.render())
        out.append("")
        out.append(L.assumptionsTitle)
        out += inv.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
