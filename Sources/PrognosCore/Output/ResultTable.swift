/// The result section as printed tables (text, people's CSV, workbook): the resultaträkning,
/// the placements, the balanskravsutredning, every scenario's years, the deficits and their
/// finding, the Monte Carlo per year.
public enum ResultTable {
    public static func render(_ r: MunicipalResult, unit: AmountUnit, lang: Language) -> String {
        PrintedText.render(section(r, unit: unit, lang: lang), NumberStyle(lang: lang, unit: unit, html: false))
    }

    /// `labels`: the rate scenarios' labels by name (the treasury's), so tables show names, never ids.
    static func section(_ r: MunicipalResult, unit: AmountUnit, lang: Language, labels: [String: String] = [:]) -> PrintedSection {
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func label(_ scenario: String) -> String { labels[scenario] ?? scenario }
        let L = ResultLabels(lang: lang)
        let sv = lang == .sv
        func a(_ v: Double?) -> String { n.amount(v) }
        var blocks: [PrintedBlock] = []
        var t = PrintedTable(title: L.statementTitle(r.fiscalYear, unit: unit), sheet: "Resultaträkning", headers: L.statementColumns)
        func deviation(_ budget: Double?, _ forecast: Double?) -> Double? {
            guard let budget, let forecast else { return nil }
            return forecast - budget   // signed as printed: a higher result is favourable
        }
        for line in r.lines {
            t.add([.text(L.line(line.key)), .amount(line.budget), .amount(line.forecast), .amount(deviation(line.budget, line.forecast)), .amount(line.outcomePrior)])
        }
        t.add([.text(L.aretsResultat), .amount(r.aretsResultat.budget), .amount(r.aretsResultat.forecast),
               .amount(deviation(r.aretsResultat.budget, r.aretsResultat.forecast)), .amount(r.aretsResultat.outcomePrior)])
        t.add([.text(L.excludingItems), .blank, .amount(r.excludingItems.forecast), .blank, .blank])
        if let e = r.eliminatedInternalInterest { t.add([.text(L.eliminated), .amount(e.budget), .amount(e.forecast), .blank, .blank]) }
        if !r.itemsAffectingComparability.isEmpty {
            t.notes += [L.itemsTitle] + r.itemsAffectingComparability.map { "\(a($0.amount))  \($0.note)" }
        }
        if !r.realisedGains.isEmpty {
            t.notes += [L.realisedGainsTitle] + r.realisedGains.map { "\(a($0.amount))  \($0.note)" + ($0.exempt ? " (\(L.exempt))" : "") }
        }
        blocks.append(.table(t))
        if !r.placements.isEmpty {
            var p = PrintedTable(title: L.placementsTitle(unit: unit), sheet: sv ? "Placeringar" : "Placements", headers: L.placementColumns)
            for f in r.placements {
                p.add([.text(f.name), .amount(f.openingValue), .amount(f.marketValue), f.sellDate.map(PrintedCell.isoDate) ?? .text(""),
                       f.sellShare.map { PrintedCell.percent($0, decimals: 0) } ?? .blank,
                       .amount(f.realised), .amount(f.valueYearEnd), .amount(f.unrealised)])
            }
            blocks.append(.table(p))
        }
        var b = PrintedTable(title: L.balanskravTitle(r.fiscalYear, scenario: label(r.baseScenario), unit: unit), sheet: "Balanskravsutredning",
                             headers: L.balanskravColumns)
        for (i, line) in r.balanskrav.lines.enumerated() {
            b.add([.text(L.line(line.key)), .amount(line.amount)])
            if i == 6 { b.add([.text(L.afterAdjustments), .amount(r.balanskrav.afterAdjustments)]) }
        }
        b.add([.text(L.balanskravsresultat), .amount(r.balanskrav.balanskravsresultat)])
        if let target = r.target {
            b.notes.append(L.target(share: n.percent(target.share, decimals: 1), value: n.percent(target.value, decimals: 1), ok: target.ok))
        }
        blocks.append(.table(b))
        var s = PrintedTable(title: L.scenariosTitle(unit: unit), sheet: sv ? "Resultat per scenario" : "Result by scenario", headers: L.scenarioColumns)
        for sc in r.byScenario {
            for y in sc.years {
                s.add([.text(label(sc.name)), .year(y.year), .amount(y.aretsResultat), .amount(y.financialNet), .amount(y.balanskravsresultat),
                       .percent(y.targetShare, decimals: 1), .text(L.verdict(y.targetOk))])
            }
        }
        blocks.append(.table(s))
        let deficits = r.byScenario.flatMap { sc in sc.deficits.map { (sc.name, $0) } }
        if !deficits.isEmpty {
            var d = PrintedTable(title: L.deficitsTitle, sheet: sv ? "Underskott" : "Deficits", headers: L.deficitColumns)
            for (name, x) in deficits { d.add([.text(label(name)), .year(x.year), .amount(x.amount), .year(x.restoreBy), .amount(x.remaining), .text(L.status(x))]) }
            let late = r.lateDeficits
            if !late.isEmpty {
                d.notes += [L.findingsTitle] + late.map {
                    L.finding(scenario: label($0.scenario), year: $0.deficit.year, amount: a($0.deficit.amount), restoreBy: $0.deficit.restoreBy)
                }
            }
            blocks.append(.table(d))
        }
        if let sim = r.simulation {
            var m = PrintedTable(title: L.simulationTitle(paths: sim.paths, unit: unit), sheet: sv ? "Resultat, simulering" : "Result, simulation",
                                 headers: L.simulationColumns)
            for y in sim.years {
                let x = y.aretsResultat, k = y.balanskravsresultat
                m.add([.year(y.year), .amount(x.mean), .amount(x.p05), .amount(x.p50), .amount(x.p95), .amount(k.mean), .amount(k.p05), .amount(k.p50),
                       .amount(k.p95), .percent(k.probNegative?.value, decimals: 1)])
            }
            blocks.append(.table(m))
        }
        blocks.append(.assumptions(r.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
    }
}
