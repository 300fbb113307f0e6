/// The operating statement as the report prints it: "Driftsammandrag för resultat"
/// and "Driftsammandrag för prognos för helår", the reconciliation, then the methods.
/// Rendered from the result document's section.
public enum OperatingTable {
    public static func render(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> String {
        var printed = section(s, unit: u, lang: lang)
        printed.blocks.removeAll(where: \.isAssumptions)
        return PrintedText.render(printed, NumberStyle(lang: lang, unit: u, html: false))
    }

    /// The statement's tables, the band, adjustments, reconciliation, commentary and assumptions.
    /// Tables print in the file's sign convention (rule O13), the unit tree indented as the report prints it.
    static func section(_ document: OperatingResult, unit u: AmountUnit, lang: Language) -> PrintedSection {
        let s = document.asPrinted()
        let L = OperatingLabels(lang: lang), P = PrintedLabels(lang: lang), AP = AsPrintedLabels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, u, lang) }
        func star(_ p: OperatingResult.Unit) -> PrintedCell { .text(p.name + "*") }
        let tree = s.treeOrdered(s.netCostUnits)
        func label(_ p: OperatingResult.Unit, _ depth: Int) -> String { String(repeating: "  ", count: depth) + p.name }
        var blocks: [PrintedBlock] = []
        var banners: [String] = []
        if s.reconciliationErrorCount > 0 { banners.append(AP.errorBanner(s.reconciliationErrorCount)) }
        if s.overriddenCount > 0 { banners.append(AP.overriddenBanner(s.overriddenCount)) }
        if !banners.isEmpty { blocks.append(.lines(banners)) }

        // Results to date.
        var t1 = PrintedTable(title: L.resultTitle(s.asOf, u), sheet: P.sheetOperatingResult,
                              headers: [""] + L.resultColumns(s.month, s.fiscalYear))
        func ytd(_ p: OperatingResult.Unit) -> [PrintedCell] {
            let f = s.shownFigures(p)   // a parent: the printed subtotals (rule O14)
            return [(TotalColumn.actualYTD, f.actualYTD), (.budgetYTD, f.budgetYTD), (.deviationYTD, f.deviationYTD), (.actualYTDPrior, f.actualYTDPrior)]
                .map { s.whatIfCell(.amount($0.1), unit: p.id, $0.0) }
        }
        for (p, depth) in tree { t1.add([.text(label(p, depth))] + ytd(p)) }
        let tf = s.total.figures
        t1.add([.text(L.total)] + [(TotalColumn.actualYTD, tf.actualYTD), (.budgetYTD, tf.budgetYTD), (.deviationYTD, tf.deviationYTD),
                                   (.actualYTDPrior, tf.actualYTDPrior)].map { s.whatIfCell(.amount($0.1), unit: nil, $0.0) })
        if !s.resultUnits.isEmpty {
            t1.addBlank()
            for p in s.resultUnits { t1.add([star(p)] + ytd(p)) }
            t1.notes.append(L.resultFootnote)
        }
        // The deviation's sign note: the engine's convention, or the report's own (rule O13).
        t1.notes.append(s.printsNetCostNegative ? AP.signNote : P.deviationSign)
        t1.notes += Self.whatIfNotes(t1, lang: lang)
        // An annual report (rule O20): the period to date is the whole year, so the result to date
        // and the outcome are one table; it is printed once, as "Utfall" (operating.md "annual report").
        if !s.isAnnualReport { blocks.append(.table(t1)) }

        // Full-year forecast, with the report's chart of the units' deviations; with budget
        // lineages, Ursprunglig budget and Ombudgetering before Budget (rule O21).
        let lineage = s.hasBudgetLineage
        var forecastHeaders = L.forecastColumns(s.fiscalYear, annual: s.isAnnualReport)
        if lineage { forecastHeaders.insert(contentsOf: [AP.originalBudget, AP.budgetChanges], at: 1) }
        var t2 = PrintedTable(title: L.forecastTitle(s.fiscalYear, u, annual: s.isAnnualReport), sheet: P.sheetOperatingForecast,
                              headers: [""] + forecastHeaders)
        func lineageCells(_ p: OperatingResult.Unit) -> [PrintedCell] {
            guard lineage else { return [] }
            guard let l = p.printed.budgetLineage else { return [.amount(s.shownFigures(p).budget), .blank] }
            return [.amount(l.original), .amount(l.changes.reduce(0.0) { $0 + ($1.amount ?? 0) })]
        }
        func year(_ p: OperatingResult.Unit) -> [PrintedCell] {
            let f = s.shownFigures(p)   // a parent: the printed subtotals (rule O14)
            func cell(_ c: TotalColumn) -> PrintedCell { s.whatIfCell(.amount(f[c]), unit: p.id, c) }
            return [cell(.forecast)] + lineageCells(p) + [cell(.budget), cell(.deviation), cell(.outcomePrior)]
        }
        for (p, depth) in tree { t2.add([.text(label(p, depth))] + year(p)) }
        let deviationColumn = lineage ? 5 : 3
        t2.chart = PrintedChart(kind: .column, title: L.columnName(.deviation), series: [deviationColumn], rows: 0..<tree.count)
        var totalLineage: [PrintedCell] = []
        if lineage {
            let leaves = s.leafUnits.filter { $0.reportedAs == ReportedAs.netCost.rawValue }
            let original = leaves.reduce(0.0) { $0 + ($1.printed.budgetLineage?.original ?? $1.figures.budget ?? 0) }
            let changes = leaves.reduce(0.0) { $0 + ($1.printed.budgetLineage?.changes.reduce(0.0) { $0 + ($1.amount ?? 0) } ?? 0) }
            totalLineage = [.amount(original), .amount(changes)]
        }
        let spacer: [PrintedCell] = lineage ? [.blank, .blank] : []
        func totalCell(_ c: TotalColumn) -> PrintedCell { s.whatIfCell(.amount(tf[c]), unit: nil, c) }
        t2.add([.text(L.total), totalCell(.forecast)] + totalLineage + [totalCell(.budget), totalCell(.deviation), totalCell(.outcomePrior)])
        if let g = s.gross {
            // Printed gross lines; marked where they no longer match a what-if (operating.md "What-if").
            func part(_ g: OperatingResult.GrossPart) -> [PrintedCell] {
                [s.whatIfGrossCell(.amount(g.forecast), unit: nil, .forecast)] + spacer
                    + [s.whatIfGrossCell(.amount(g.budget), unit: nil, .budget), s.whatIfGrossCell(.amount(g.deviation), unit: nil, .deviation), .amount(g.outcomePrior)]
            }
            t2.add([.text(L.ofWhichCosts)] + part(g.costs))
            t2.add([.text(L.ofWhichIncome)] + part(g.income))
        }
        if !s.resultUnits.isEmpty {
            t2.addBlank()
            for p in s.resultUnits { t2.add([star(p)] + year(p)) }
            t2.notes.append(L.resultFootnote)
        }
        t2.notes.append(s.printsNetCostNegative ? AP.signNote : P.deviationSign)
        if s.units.contains(where: { $0.printed.blank != nil }) { t2.notes.append(AP.blankNote) }
        t2.notes += Self.whatIfNotes(t2, lang: lang)
        blocks.append(.table(t2))

        // The report's printed totals against the rows' sums (rule O8), right after the two
        // Driftsammandrag tables whose columns they check and whose banner says "se avstämningen
        // nedan": the workbook and the people's CSV put these lines under the table before them
        // (until 2026-12-04 they followed the methods table and sat under it there).
        if !s.reconciliation.isEmpty {
            var lines = ["", L.reconciliationTitle]
            let names = s.unitNames, parents = Set(s.units.compactMap(\.parent))
            for r in s.reconciliation {
                let line = r.unit == nil && OperatingStatement.isGrossCheck(r.column) ? WhatIfLabels(lang: lang).grossLine(r, u)
                    : r.unit == nil ? L.reconciliationLine(r, u) : AP.line(r, names: names, parents: parents, unit: u, L)
                lines.append("  " + line)
            }
            blocks.append(.lines(lines))
        }

        // Gross lines per unit (rule O16).
        let withGross = s.treeOrdered(s.unitsWithGross)
        if !withGross.isEmpty {
            let columns = UnitGross.columns.filter { c in withGross.contains { $0.unit.printed.gross?.costs[c.rawValue] != nil || $0.unit.printed.gross?.income[c.rawValue] != nil } }
            var t = PrintedTable(title: AP.grossTitle + ", " + (lang == .sv ? "belopp " : "amounts in ") + u.rawValue,
                                 sheet: lang == .sv ? "Kostnader och intäkter" : "Costs and income",
                                 headers: [AP.unit] + columns.map { L.columnName($0) })
            for (p, depth) in withGross {
                guard let g = p.printed.gross else { continue }
                t.add([.text(label(p, depth) + ", " + AP.costs)]
                      + columns.map { c in g.costs[c.rawValue].map { s.whatIfGrossCell(.amount($0), unit: p.id, c) } ?? .blank })
                t.add([.text(label(p, depth) + ", " + AP.income)]
                      + columns.map { c in g.income[c.rawValue].map { s.whatIfGrossCell(.amount($0), unit: p.id, c) } ?? .blank })
            }
            t.notes += Self.whatIfNotes(t, lang: lang)
            blocks.append(.table(t))
        }

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
        // "Analys och kommentar": the statement's, then each unit's.
        let commented = s.treeOrdered(s.units).filter { $0.unit.printed.comment != nil }
        if s.comment != nil || !commented.isEmpty {
            lines += ["", AP.commentTitle]
            if let c = s.comment?.value { lines += ["", c] }
            for (p, _) in commented { lines += ["", p.name + ": " + (p.printed.comment?.value ?? "")] }
        }
        if !lines.isEmpty { blocks.append(.lines(lines)) }
        blocks.append(.assumptions(s.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
    }

    /// The notes explaining the what-if marks a table carries ("†", "‡").
    static func whatIfNotes(_ t: PrintedTable, lang: Language) -> [String] {
        let marks = Set(t.rows.joined().compactMap { cell -> String? in
            if case .marked(_, let m) = cell { return m }
            return nil
        })
        let W = WhatIfLabels(lang: lang)
        return (marks.contains(WhatIfLabels.changedMark) ? [W.changedNote] : []) + (marks.contains(WhatIfLabels.staleMark) ? [W.staleNote] : [])
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
