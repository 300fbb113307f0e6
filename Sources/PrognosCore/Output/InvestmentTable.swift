/// The investment table as the report prints it (investeringsredovisning), and the
/// capital costs by unit and year; built from the document's two sections.
public enum InvestmentTable {
    public static func render(_ inv: InvestmentsResult, _ cc: CapitalCostsResult?, asOf: Day, unit: AmountUnit, lang: Language) -> String {
        PrintedText.render(section(inv, cc, asOf: asOf, unit: unit, lang: lang, unitNames: [:]), NumberStyle(lang: lang, unit: unit, html: false))
    }

    /// `unitNames`: the operating units' names by id (capital costs are kept per unit id).
    static func section(_ inv: InvestmentsResult, _ cc: CapitalCostsResult?, asOf: Day, unit: AmountUnit, lang: Language,
                        unitNames: [String: String]) -> PrintedSection {
        let sv = lang == .sv, L = Labels(lang: lang), P = PrintedLabels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        var blocks: [PrintedBlock] = []
        // The capital costs' first year is the fiscal year (five years from it).
        let y = String(cc?.years.first?.year ?? asOf.year)
        let IL = InvestmentLabels(lang: lang)
        var t = PrintedTable(title: IL.tableTitle(asOf: L.date(asOf), year: y, unit: unit), sheet: P.sheetInvestments,
                             headers: [""] + IL.columns(period: L.period(asOf.month), year: y))
        for p in inv.projects {
            t.add([.text(p.name), .amount(p.spentYTD), .amount(p.incomeYTD), .amount(p.forecastSpend), .amount(p.forecastIncome),
                   .amount(p.forecastNet), .amount(p.frame), .amount(p.deviation), .amount(p.carryOver)])
        }
        let x = inv.total
        t.add([.text(IL.total), .amount(x.spentYTD), .amount(x.incomeYTD), .amount(x.forecastSpend), .amount(x.forecastIncome),
               .amount(x.forecastNet), .amount(x.frame), .amount(x.deviation), .amount(x.carryOver)])
        t.add([.text(IL.ofWhichExpenditure), .amount(x.ofWhichExpenditure.actualYTD), .blank, .amount(x.ofWhichExpenditure.forecast), .blank,
               .amount(x.ofWhichExpenditure.forecast), .blank, .blank, .blank])
        t.add([.text(IL.ofWhichIncome), .blank, .amount(x.ofWhichIncome.actualYTD), .blank, .amount(x.ofWhichIncome.forecast),
               .amount(x.ofWhichIncome.forecast.map { -$0 }), .blank, .blank, .blank])
        if !inv.byGroup.isEmpty {
            t.addBlank()
            for g in inv.byGroup {
                t.add([.text(IL.group(g.group)), .amount(g.spentYTD), .amount(g.incomeYTD), .amount(g.forecastSpend), .amount(g.forecastIncome),
                       .amount(g.forecastNet), .amount(g.frame), .amount(g.deviation), .amount(g.carryOver)])
            }
        }
        for r in inv.reconciliation {
            let row = r.group.map { IL.group($0.value) + ", " } ?? r.project.map { id in (inv.projects.first { $0.id == id.value }?.name ?? id.value) + ", " } ?? ""
            if r.status == Reconciliation.Status.overridden.rawValue {
                t.notes.append((sv ? "Avstämning: " : "Reconciliation: ") + row + "\(r.column) " + (sv ? "rapporten anger " : "the report prints ")
                               + a(r.reported) + (sv ? ", efter --set är radernas summa " : ", after --set the rows sum to ") + a(r.computed)
                               + (sv ? " (ändrat med --set)" : " (changed with --set, status overridden)"))
            } else {
                let rounding = r.status == Reconciliation.Status.rounding.rawValue
                t.notes.append(row + Message(rounding ? .investmentsReconciliationRounding : .investmentsReconciliationError,
                                             .term(sv: CapitalTotalTerm.sv(r.column), en: r.column), .text(a(r.reported)), .text(a(r.computed))).text(lang))
            }
        }
        t.notes.append(P.investmentSign)
        blocks.append(.table(t))
        if let r = ProjectRoundsTable.printed(inv, unit: unit, lang: lang) { blocks.append(.table(r)) }
        if let l = FrameLineageTable.printed(inv, unit: unit, lang: lang) { blocks.append(.table(l)) }

        // A table as printed has no capital costs (its assumption says so): no tables of zeros.
        guard let cc else {
            blocks.append(.assumptions(inv.assumptions))
            return PrintedSection(title: IL.title, blocks: blocks)
        }
        blocks.append(.table(capitalByUnit(cc, year: y, unit: unit, lang: lang, unitNames: unitNames)))

        blocks.append(.table(capitalByYear(cc, unit: unit, lang: lang)))
        blocks.append(.assumptions(inv.assumptions))
        return PrintedSection(title: IL.title, blocks: blocks)
    }

    /// Kapitalkostnader per år (prognos): depreciation, interest and their sum by year, beside
    /// the budget's sum (rule C5: the fiscal year and the four after it). The text, CSV,
    /// workbook (with its line chart) and report view.
    static func capitalByYear(_ cc: CapitalCostsResult, unit: AmountUnit, lang: Language) -> PrintedTable {
        let IL = InvestmentLabels(lang: lang), P = PrintedLabels(lang: lang)
        var yt = PrintedTable(title: IL.byYearTitle(unit: unit), sheet: P.sheetCapitalByYear, headers: IL.byYearColumns)
        for (f, b) in zip(cc.years, cc.budgetYears) {
            yt.add([.year(f.year), .amount(f.depreciation), .amount(f.interest), .amount(f.total), .amount(b.total)])
        }
        // The workbook's chart: the capital cost per year, forecast and budget.
        yt.chart = PrintedChart(kind: .line, title: lang == .sv ? "Kapitalkostnad per år: budget och prognos" : "Capital cost per year: budget and forecast",
                                series: [3, 4], rows: 0..<yt.rows.count)
        return yt
    }

    /// Kapitalkostnader per enhet: budget, forecast, deviation and its three parts (rule C2) by
    /// unit, then "Summa": each column summed over the units, which is the fiscal year's total
    /// of the capital costs by year (budget and forecast). The text, CSV, workbook and report view.
    static func capitalByUnit(_ cc: CapitalCostsResult, year: String, unit: AmountUnit, lang: Language,
                              unitNames: [String: String]) -> PrintedTable {
        let IL = InvestmentLabels(lang: lang), P = PrintedLabels(lang: lang)
        var u = PrintedTable(title: IL.byUnitTitle(year: year, unit: unit), sheet: P.sheetCapitalByUnit, headers: IL.byUnitColumns)
        func row(_ name: String, _ c: CapitalCostsResult.Unit) -> [PrintedCell] {
            [.text(name), .amount(c.budget), .amount(c.forecast), .amount(c.deviation), .amount(c.split.timing), .amount(c.split.spend), .amount(c.split.rate)]
        }
        for c in cc.byUnit { u.add(row(c.displayName(lang, names: unitNames), c)) }
        if cc.byUnit.count > 1 { u.add(row(IL.byUnitTotal, cc.byUnitSum)) }
        u.notes.append(P.capitalSign)
        return u
    }
}
