/// The result section as text: the resultaträkning, the placements, the balanskravsutredning,
/// every scenario's years, the deficits and their finding, the Monte Carlo per year.
public enum ResultTable {
    public static func render(_ r: MunicipalResult, unit: AmountUnit, lang: Language) -> String {
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        let L = ResultLabels(lang: lang)
        func a(_ v: Double?) -> String { n.amount(v) }
        var out: [String] = [L.title, "", L.statementTitle(r.fiscalYear, unit: unit), ""]
        var t = TextTable(headers: L.statementColumns.map(SectionLabel.lines))
        func deviation(_ budget: Double?, _ forecast: Double?) -> Double? {
            guard let budget, let forecast else { return nil }
            return forecast - budget   // signed as printed: a higher result is favourable
        }
        for line in r.lines {
            t.add([L.line(line.key), a(line.budget), a(line.forecast), a(deviation(line.budget, line.forecast)), a(line.outcomePrior)])
        }
        t.add([L.aretsResultat, a(r.aretsResultat.budget), a(r.aretsResultat.forecast),
               a(deviation(r.aretsResultat.budget, r.aretsResultat.forecast)), a(r.aretsResultat.outcomePrior)])
        t.add([L.excludingItems, "", a(r.excludingItems.forecast), "", ""])
        if let e = r.eliminatedInternalInterest { t.add([L.eliminated, a(e.budget), a(e.forecast), "", ""]) }
        out.append(t.render())
        if !r.itemsAffectingComparability.isEmpty {
            out += ["", L.itemsTitle]
            out += r.itemsAffectingComparability.map { "  \(a($0.amount))  \($0.note)" }
        }
        if !r.realisedGains.isEmpty {
            out += ["", L.realisedGainsTitle]
            out += r.realisedGains.map { "  \(a($0.amount))  \($0.note)" + ($0.exempt ? " (\(L.exempt))" : "") }
        }
        if !r.placements.isEmpty {
            var p = TextTable(headers: L.placementColumns.map(SectionLabel.lines))
            for f in r.placements {
                p.add([f.name, a(f.openingValue), a(f.marketValue), f.sellDate ?? "", f.sellShare.map { n.percent($0, decimals: 0) } ?? "",
                       a(f.realised), a(f.valueYearEnd), a(f.unrealised)])
            }
            out += ["", L.placementsTitle(unit: unit), "", p.render()]
        }
        var b = TextTable(headers: L.balanskravColumns.map(SectionLabel.lines))
        for (i, line) in r.balanskrav.lines.enumerated() {
            b.add([L.line(line.key), a(line.amount)])
            if i == 6 { b.add([L.afterAdjustments, a(r.balanskrav.afterAdjustments)]) }
        }
        b.add([L.balanskravsresultat, a(r.balanskrav.balanskravsresultat)])
        out += ["", L.balanskravTitle(r.fiscalYear, scenario: r.baseScenario, unit: unit), "", b.render()]
        if let target = r.target {
            out += ["", L.target(share: n.percent(target.share, decimals: 1), value: n.percent(target.value, decimals: 1), ok: target.ok)]
        }
        var s = TextTable(headers: L.scenarioColumns.map(SectionLabel.lines))
        for sc in r.byScenario {
            for y in sc.years {
                s.add([sc.name, String(y.year), a(y.aretsResultat), a(y.financialNet), a(y.balanskravsresultat),
                       n.percent(y.targetShare, decimals: 1), L.verdict(y.targetOk)])
            }
        }
        out += ["", L.scenariosTitle(unit: unit), "", s.render()]
        let deficits = r.byScenario.flatMap { sc in sc.deficits.map { (sc.name, $0) } }
        if !deficits.isEmpty {
            var d = TextTable(headers: L.deficitColumns.map(SectionLabel.lines))
            for (name, x) in deficits { d.add([name, String(x.year), a(x.amount), String(x.restoreBy), a(x.remaining), L.status(x)]) }
            out += ["", L.deficitsTitle, "", d.render()]
        }
        let late = r.lateDeficits
        if !late.isEmpty {
            out += ["", L.findingsTitle]
            out += late.map { "  " + L.finding(scenario: $0.scenario, year: $0.deficit.year, amount: a($0.deficit.amount), restoreBy: $0.deficit.restoreBy) }
        }
        if let sim = r.simulation {
            var m = TextTable(headers: L.simulationColumns.map(SectionLabel.lines))
            for y in sim.years {
                let x = y.aretsResultat, k = y.balanskravsresultat
                m.add([String(y.year), a(x.mean), a(x.p05), a(x.p50), a(x.p95), a(k.mean), a(k.p05), a(k.p50), a(k.p95),
                       n.percent(k.probNegative?.value, decimals: 1)])
            }
            out += ["", L.simulationTitle(paths: sim.paths, unit: unit), "", m.render()]
        }
        out += ["", Labels(lang: lang).assumptionsTitle]
        out += r.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
