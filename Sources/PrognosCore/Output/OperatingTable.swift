/// The operating statement as the report prints it: "Driftsammandrag för resultat"
/// and "Driftsammandrag för prognos för helår", then methods and reconciliation.
/// Rendered from the result document's section.
public enum OperatingTable {
    public static func render(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> String {
        var printed = section(s, unit: u, lang: lang)
        printed.blocks.removeAll(where: \.isAssumptions)
        return PrintedText.render(printed, NumberStyle(lang: lang, unit: u, html: false))
    }

    /// The statement's tables, the band, adjustments, reconciliation and assumptions.
    static func section(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> PrintedSection {
        let L = OperatingLabels(lang: lang), P = PrintedLabels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, u, lang) }
        func star(_ p: OperatingResult.Unit) -> PrintedCell { .text(p.name + "*") }
        var blocks: [PrintedBlock] = []

        // Results to date.
        var t1 = PrintedTable(title: L.resultTitle(s.asOf, u), sheet: P.sheetOperatingResult,
                              headers: [""] + L.resultColumns(s.month, s.fiscalYear))
        func ytd(_ f: OperatingResult.Figures) -> [PrintedCell] {
            [.amount(f.actualYTD), .amount(f.budgetYTD), .amount(f.deviationYTD), .amount(f.actualYTDPrior)]
        }
        for p in s.netCostUnits { t1.add([.text(p.name)] + ytd(p.figures)) }
        t1.add([.text(L.total)] + ytd(s.total.figures))
        if !s.resultUnits.isEmpty {
            t1.addBlank()
            for p in s.resultUnits { t1.add([star(p)] + ytd(p.figures)) }
            t1.notes.append(L.resultFootnote)
        }
        t1.notes.append(P.deviationSign)
        blocks.append(.table(t1))

        // Full-year forecast, with the report's chart of the units' deviations.
        var t2 = PrintedTable(title: L.forecastTitle(s.fiscalYear, u, annual: s.isAnnualReport), sheet: P.sheetOperatingForecast,
                              headers: [""] + L.forecastColumns(s.fiscalYear, annual: s.isAnnualReport))
        func year(_ f: OperatingResult.Figures) -> [PrintedCell] { [.amount(f.forecast), .amount(f.budget), .amount(f.deviation), .amount(f.outcomePrior)] }
        func part(_ g: OperatingResult.GrossPart) -> [PrintedCell] { [.amount(g.forecast), .amount(g.budget), .amount(g.deviation), .amount(g.outcomePrior)] }
        for p in s.netCostUnits { t2.add([.text(p.name)] + year(p.figures)) }
        t2.chart = PrintedChart(kind: .column, title: L.columnName(.deviation), series: [3], rows: 0..<s.netCostUnits.count)
        t2.add([.text(L.total)] + year(s.total.figures))
        if let g = s.gross {
            t2.add([.text(L.ofWhichCosts)] + part(g.costs))
            t2.add([.text(L.ofWhichIncome)] + part(g.income))
        }
        if !s.resultUnits.isEmpty {
            t2.addBlank()
            for p in s.resultUnits { t2.add([star(p)] + year(p.figures)) }
            t2.notes.append(L.resultFootnote)
        }
        t2.notes.append(P.deviationSign)
        blocks.append(.table(t2))

        // How each forecast was made.
        let others: [MethodTerm] = [.budgetRemaining, .runRate, .profile, .trend]
        var t3 = PrintedTable(title: L.methodsTitle(u), sheet: P.sheetMethods,
                              headers: [L.unit, L.method, L.methodValue, L.adjustments, L.forecastFullYear, "P10", "P90"]
                                + others.map(P.methodColumn) + [L.bestInBacktest])
        for p in s.leafUnits {
            let adj: PrintedCell = p.adjustments.isEmpty ? .blank : .amount(p.adjustments.reduce(0) { $0 + ($1.amount ?? 0) })
            let band: [PrintedCell] = p.band.map { [.amount($0.p10), .amount($0.p90)] } ?? [.blank, .blank]
            let methods: [PrintedCell] = others.map { m in PrintedCell.amount(p.methods[m.key] ?? nil) }
            let head: [PrintedCell] = [.text(p.name), .text(P.method(p.method) ?? L.noMethod), .amount(p.methodValue), adj, .amount(p.figures.forecast)]
            t3.add(head + band + methods + [PrintedCell.text(P.method(p.backtest?.recommended) ?? "")])
        }
        blocks.append(.table(t3))
        blocks += ForecastRoundsTable.printed(s, unit: u, lang: lang).map { .table($0) }
        var lines: [String] = []
        if let b = s.total.band {
            lines += ["", "\(L.totalBand): \(a(b.p10)) – \(a(b.p50)) – \(a(b.p90))"]
            if let i = s.total.bandIndependent {
                lines.append("  (\(L.independentBand): \(a(i.p10)) – \(a(i.p50)) – \(a(i.p90)))")
            }
        }
        let adjusted = s.units.filter { !$0.adjustments.isEmpty }
        if !adjusted.isEmpty {
            lines += ["", L.adjustmentsTitle]
            for p in adjusted {
                for j in p.adjustments { lines.append("  \(p.name): \(a(j.amount)) — \(j.note)") }
            }
        }
        if !s.reconciliation.isEmpty {
            lines += ["", L.reconciliationTitle]
            for r in s.reconciliation { lines.append("  " + L.reconciliationLine(r, u)) }
        }
        if !lines.isEmpty { blocks.append(.lines(lines)) }
        blocks.append(.assumptions(s.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
    }
}

extension OperatingResult {
    /// Units reported as net cost, in the statement above the total (parents included, as the engine lists them).
    var netCostUnits: [Unit] { units.filter { $0.reportedAs == ReportedAs.netCost.rawValue } }
    /// Units reported as results, shown below the total.
    var resultUnits: [Unit] { units.filter { $0.reportedAs == ReportedAs.result.rawValue } }
    /// Units without children: the ones a method forecasts.
    var leafUnits: [Unit] {
        let parents = Set(units.compactMap(\.parent))
        return units.filter { !parents.contains($0.id) }
    }
}
