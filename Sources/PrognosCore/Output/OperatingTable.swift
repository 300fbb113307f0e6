/// The operating statement as the report prints it: "Driftsammandrag för resultat"
/// and "Driftsammandrag för prognos för helår", then methods and reconciliation.
/// Rendered from the result document's section.
public enum OperatingTable {
    public static func render(_ s: OperatingResult, unit u: AmountUnit, lang: Language) -> String {
        let L = OperatingLabels(lang: lang)
        func a(_ v: Double?) -> String { Format.amount(v, u, lang) }
        func star(_ p: OperatingResult.Unit) -> String { p.name + "*" }
        var out: [String] = []

        // Results to date.
        var t1 = TextTable(headers: [[""]] + L.resultColumns(s.month, s.fiscalYear).map(SectionLabel.lines))
        for p in s.netCostUnits {
            let f = p.figures
            t1.add([p.name, a(f.actualYTD), a(f.budgetYTD), a(f.deviationYTD), a(f.actualYTDPrior)])
        }
        t1.add([L.total, a(s.total.figures.actualYTD), a(s.total.figures.budgetYTD), a(s.total.figures.deviationYTD), a(s.total.figures.actualYTDPrior)])
        if !s.resultUnits.isEmpty {
            t1.addBlank()
            for p in s.resultUnits {
                let f = p.figures
                t1.add([star(p), a(f.actualYTD), a(f.budgetYTD), a(f.deviationYTD), a(f.actualYTDPrior)])
            }
        }
        out.append(L.resultTitle(s.asOf, u))
        out.append("")
        out.append(t1.render())
        if !s.resultUnits.isEmpty { out.append(L.resultFootnote) }

        // Full-year forecast.
        var t2 = TextTable(headers: [[""]] + L.forecastColumns(s.fiscalYear).map(SectionLabel.lines))
        for p in s.netCostUnits {
            let f = p.figures
            t2.add([p.name, a(f.forecast), a(f.budget), a(f.deviation), a(f.outcomePrior)])
        }
        t2.add([L.total, a(s.total.figures.forecast), a(s.total.figures.budget), a(s.total.figures.deviation), a(s.total.figures.outcomePrior)])
        if let g = s.gross {
            t2.add([L.ofWhichCosts, a(g.costs.forecast), a(g.costs.budget), a(g.costs.deviation), a(g.costs.outcomePrior)])
            t2.add([L.ofWhichIncome, a(g.income.forecast), a(g.income.budget), a(g.income.deviation), a(g.income.outcomePrior)])
        }
        if !s.resultUnits.isEmpty {
            t2.addBlank()
            for p in s.resultUnits {
                let f = p.figures
                t2.add([star(p), a(f.forecast), a(f.budget), a(f.deviation), a(f.outcomePrior)])
            }
        }
        out.append("")
        out.append(L.forecastTitle(s.fiscalYear, u))
        out.append("")
        out.append(t2.render())
        if !s.resultUnits.isEmpty { out.append(L.resultFootnote) }

        // How each forecast was made.
        var t3 = TextTable(headers: L.methodsColumns.map(SectionLabel.lines))
        for p in s.leafUnits {
            let adj = p.adjustments.isEmpty ? "" : a(p.adjustments.reduce(0) { $0 + ($1.amount ?? 0) })
            func other(_ m: MethodTerm) -> String { a(p.methods[m.key] ?? nil) }
            t3.add([p.name, MethodTerm.name(key: p.method, lang) ?? L.noMethod, a(p.methodValue), adj, a(p.figures.forecast),
                    p.band.map { a($0.p10) } ?? "", p.band.map { a($0.p90) } ?? "",
                    other(.budgetRemaining), other(.runRate), other(.profile), other(.trend), MethodTerm.name(key: p.backtest?.recommended, lang) ?? ""])
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
            for r in s.reconciliation { out.append("  " + L.reconciliationLine(r, u)) }
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
