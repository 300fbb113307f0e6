/// The investment table as the report prints it (investeringsredovisning), and the
/// capital costs by unit and year; rendered from the document's two sections.
public enum InvestmentTable {
    public static func render(_ inv: InvestmentsResult, _ cc: CapitalCostsResult?, asOf: Day, unit: AmountUnit, lang: Language) -> String {
        let L = Labels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        var out: [String] = []
        // The capital costs' first year is the fiscal year (five years from it).
        let y = String(cc?.years.first?.year ?? asOf.year)
        let IL = InvestmentLabels(lang: lang)
        var t = TextTable(headers: [[""]] + IL.columns(period: L.period(asOf.month), year: y).map(SectionLabel.lines))
        for p in inv.projects {
            t.add([p.name, a(p.spentYTD), a(p.incomeYTD), a(p.forecastSpend), a(p.forecastIncome), a(p.forecastNet), a(p.frame),
                   a(p.deviation), a(p.carryOver)])
        }
        let x = inv.total
        t.add([IL.total, a(x.spentYTD), a(x.incomeYTD), a(x.forecastSpend), a(x.forecastIncome),
               a(x.forecastNet), a(x.frame), a(x.deviation), a(x.carryOver)])
        t.add([IL.ofWhichExpenditure, a(x.ofWhichExpenditure.actualYTD), "", a(x.ofWhichExpenditure.forecast), "",
               a(x.ofWhichExpenditure.forecast), "", "", ""])
        t.add([IL.ofWhichIncome, "", a(x.ofWhichIncome.actualYTD), "", a(x.ofWhichIncome.forecast),
               a(x.ofWhichIncome.forecast.map { -$0 }), "", "", ""])
        if !inv.byGroup.isEmpty {
            t.addBlank()
            for g in inv.byGroup {
                t.add([IL.group(g.group), a(g.spentYTD), a(g.incomeYTD), a(g.forecastSpend), a(g.forecastIncome),
                       a(g.forecastNet), a(g.frame), a(g.deviation), a(g.carryOver)])
            }
        }
        out.append(IL.tableTitle(asOf: L.date(asOf), year: y, unit: unit))
        out.append("")
        out.append(t.render())
        for r in inv.reconciliation {
            let rounding = r.status == Reconciliation.Status.rounding.rawValue
            out.append(Message(rounding ? .investmentsReconciliationRounding : .investmentsReconciliationError,
                               .term(sv: CapitalTotalTerm.sv(r.column), en: r.column), .text(a(r.reported)), .text(a(r.computed))).text(lang))
        }

        var u = TextTable(headers: IL.byUnitColumns.map(SectionLabel.lines))
        for c in cc?.byUnit ?? [] {
            u.add([c.displayName, a(c.budget), a(c.forecast), a(c.deviation), a(c.split.timing), a(c.split.spend), a(c.split.rate)])
        }
        out.append("")
        out.append(IL.byUnitTitle(year: y, unit: unit))
        out.append("")
        out.append(u.render())

        var yt = TextTable(headers: IL.byYearColumns.map(SectionLabel.lines))
        for (f, b) in zip(cc?.years ?? [], cc?.budgetYears ?? []) {
            yt.add([String(f.year), a(f.depreciation), a(f.interest), a(f.total), a(b.total)])
        }
        out.append("")
        out.append(IL.byYearTitle(unit: unit))
        out.append("")
        out.append(yt.render())
        out.append("")
        out.append(L.assumptionsTitle)
        out += inv.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
