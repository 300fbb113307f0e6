/// The operating statement as the report prints it: "Driftsammandrag för resultat"
/// and "Driftsammandrag för prognos för helår", then methods and reconciliation.
/// Rendered from the result document's section.
public enum OperatingTable {
    public static func render(_ document: OperatingResult, unit u: AmountUnit, lang: Language) -> String {
        // Tables print in the file's sign convention (rule O13), the unit tree indented as the report prints it.
        let s = document.asPrinted()
        let L = OperatingLabels(lang: lang), P = PrintedLabels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, u, lang) }
        func star(_ p: OperatingResult.Unit) -> String { p.name + "*" }
        let tree = s.treeOrdered(s.netCostUnits)
        func label(_ p: OperatingResult.Unit, _ depth: Int) -> String { String(repeating: "  ", count: depth) + p.name }
        var out: [String] = []
        if s.reconciliationErrorCount > 0 { out += [P.errorBanner(s.reconciliationErrorCount), ""] }
        if s.overriddenCount > 0 { out += [P.overriddenBanner(s.overriddenCount), ""] }

        // Results to date.
        var t1 = TextTable(headers: [[""]] + L.resultColumns(s.month, s.fiscalYear).map(SectionLabel.lines))
        for (p, depth) in tree {
            let f = p.figures
            t1.add([label(p, depth), a(f.actualYTD), a(f.budgetYTD), a(s.shownDeviation(p, ytd: true)), a(f.actualYTDPrior)])
        }
        t1.add([L.total, a(s.total.figures.actualYTD), a(s.total.figures.budgetYTD), a(s.total.figures.deviationYTD), a(s.total.figures.actualYTDPrior)])
        if !s.resultUnits.isEmpty {
            t1.addBlank()
            for p in s.resultUnits {
                let f = p.figures
                t1.add([star(p), a(f.actualYTD), a(f.budgetYTD), a(s.shownDeviation(p, ytd: true)), a(f.actualYTDPrior)])
            }
        }
        out.append(L.resultTitle(s.asOf, u))
        out.append("")
        out.append(t1.render())
        if !s.resultUnits.isEmpty { out.append(L.resultFootnote) }

        // Full-year forecast; with budget lineages, Ursprunglig budget and Ombudgetering before Budget (rule O21).
        let lineage = s.hasBudgetLineage
        var forecastHeaders = L.forecastColumns(s.fiscalYear)
        if lineage { forecastHeaders.insert(contentsOf: [P.originalBudget, P.budgetChanges], at: 1) }
        var t2 = TextTable(headers: [[""]] + forecastHeaders.map(SectionLabel.lines))
        func lineageCells(_ p: OperatingResult.Unit) -> [String] {
            guard lineage else { return [] }
            guard let l = p.printed.budgetLineage else { return [a(p.figures.budget), ""] }
            return [a(l.original), a(l.changes.reduce(0.0) { $0 + ($1.amount ?? 0) })]
        }
        for (p, depth) in tree {
            let f = p.figures
            t2.add([label(p, depth), a(f.forecast)] + lineageCells(p) + [a(f.budget), a(s.shownDeviation(p, ytd: false)), a(f.outcomePrior)])
        }
        var totalLineage: [String] = []
        if lineage {
            let leaves = s.leafUnits.filter { $0.reportedAs == ReportedAs.netCost.rawValue }
            let original = leaves.reduce(0.0) { $0 + ($1.printed.budgetLineage?.original ?? $1.figures.budget ?? 0) }
            let changes = leaves.reduce(0.0) { $0 + ($1.printed.budgetLineage?.changes.reduce(0.0) { $0 + ($1.amount ?? 0) } ?? 0) }
            totalLineage = [a(original), a(changes)]
        }
        let spacer = lineage ? ["", ""] : []
        t2.add([L.total, a(s.total.figures.forecast)] + totalLineage + [a(s.total.figures.budget), a(s.total.figures.deviation), a(s.total.figures.outcomePrior)])
        if let g = s.gross {
            t2.add([L.ofWhichCosts, a(g.costs.forecast)] + spacer + [a(g.costs.budget), a(g.costs.deviation), a(g.costs.outcomePrior)])
            t2.add([L.ofWhichIncome, a(g.income.forecast)] + spacer + [a(g.income.budget), a(g.income.deviation), a(g.income.outcomePrior)])
        }
        if !s.resultUnits.isEmpty {
            t2.addBlank()
            for p in s.resultUnits {
                let f = p.figures
                t2.add([star(p), a(f.forecast)] + lineageCells(p) + [a(f.budget), a(s.shownDeviation(p, ytd: false)), a(f.outcomePrior)])
            }
        }
        out.append("")
        out.append(L.forecastTitle(s.fiscalYear, u))
        out.append("")
        out.append(t2.render())
        if !s.resultUnits.isEmpty { out.append(L.resultFootnote) }
        if s.printsNetCostNegative { out.append(P.signNote) }
        if s.units.contains(where: { $0.printed.blank != nil }) { out.append(P.blankNote) }

        // Gross lines per unit (rule O16).
        let withGross = s.treeOrdered(s.unitsWithGross)
        if !withGross.isEmpty {
            let columns = UnitGross.columns.filter { c in withGross.contains { $0.unit.printed.gross?.costs[c.rawValue] != nil || $0.unit.printed.gross?.income[c.rawValue] != nil } }
            var t = TextTable(headers: [[P.unit]] + columns.map { SectionLabel.lines(L.columnName($0)) })
            for (p, depth) in withGross {
                guard let g = p.printed.gross else { continue }
                t.add([label(p, depth) + ", " + P.costs] + columns.map { c in g.costs[c.rawValue].map { a($0) } ?? "" })
                t.add([label(p, depth) + ", " + P.income] + columns.map { c in g.income[c.rawValue].map { a($0) } ?? "" })
            }
            out.append("")
            out.append(P.grossTitle + ", " + (lang == .sv ? "belopp " : "amounts in ") + u.rawValue)
            out.append("")
            out.append(t.render())
        }

        // How each forecast was made.
        var t3 = TextTable(headers: L.methodsColumns.map(SectionLabel.lines))
        for p in s.leafUnits {
            let adj = p.adjustments.isEmpty ? "" : a(p.adjustments.reduce(0) { $0 + ($1.amount ?? 0) })
            func other(_ m: MethodTerm) -> String { a(p.methods[m.key] ?? nil) }
            t3.add([p.name, p.method ?? L.noMethod, a(p.methodValue), adj, a(p.figures.forecast),
                    p.band.map { a($0.p10) } ?? "", p.band.map { a($0.p90) } ?? "",
                    other(.budgetRemaining), other(.runRate), other(.profile), other(.trend), p.backtest?.recommended ?? ""])
        }
        out.append("")
        out.append(L.methodsTitle(u))
        out.append("")
        out.append(t3.render())
        if let b = s.total.band {
            out.append("")
            out.append("\(L.totalBand): \(a(b.p10)) – \(a(b.p50)) – \(a(b.p90))")
            if let i = s.total.bandIndependent {
                out.append("  (\(L.independentBand): \(a(i.p10)) – \(a(i.p50)) – \(a(i.p90)))")
            }
        }
        let adjusted = s.units.filter { !$0.adjustments.isEmpty }
        if !adjusted.isEmpty {
            out.append("")
            out.append(L.adjustmentsTitle)
            for p in adjusted {
                for j in p.adjustments { out.append("  \(p.name): \(a(j.amount)) — \(j.note)") }
            }
        }
        if !s.reconciliation.isEmpty {
            out.append("")
            out.append(L.reconciliationTitle)
            let names = s.unitNames, parents = Set(s.units.compactMap(\.parent))
            for r in s.reconciliation {
                out.append("  " + (r.unit == nil ? L.reconciliationLine(r, u) : P.line(r, names: names, parents: parents, unit: u, L)))
            }
        }
        // "Analys och kommentar": the statement's, then each unit's.
        let commented = s.treeOrdered(s.units).filter { $0.unit.printed.comment != nil }
        if s.comment != nil || !commented.isEmpty {
            out.append("")
            out.append(P.commentTitle)
            if let c = s.comment?.value { out.append(""); out.append(c) }
            for (p, _) in commented { out.append(""); out.append(p.name + ": " + (p.printed.comment?.value ?? "")) }
        }
        return out.joined(separator: "\n") + "\n"
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
