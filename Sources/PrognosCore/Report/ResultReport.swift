import Foundation

extension Report {
    /// The result section: the resultaträkning, the placements, the balanskravsutredning, the
    /// balanskravsresultat per scenario and year (chart, zero marked), the deficits and their
    /// finding, and with a simulation its fan and P(balanskravsresultat < 0) per year.
    /// `labels`: the rate scenarios' labels by name, so the page shows names, never ids.
    static func result(_ r: MunicipalResult, _ f: ReportFormat, labels: [String: String] = [:]) -> String {
        let L = ResultLabels(lang: f.lang)
        func label(_ scenario: String) -> String { labels[scenario] ?? scenario }
        func a(_ v: Double?) -> String { f.amount(v) }
        func header(_ labels: [String]) -> [String] { labels.map { HTML.escape(SectionLabel.oneLine($0)) } }
        var s = "<h2>\(HTML.escape(L.title))</h2>"
        let late = r.lateDeficits
        if !late.isEmpty {
            // R4's finding first: a deficit past its restoration year.
            s += "<ul class=\"notes\">" + late.map { "<li class=\"bad\">" + HTML.escape(L.finding(scenario: label($0.scenario), year: $0.deficit.year,
                                                                                                 amount: a($0.deficit.amount), restoreBy: $0.deficit.restoreBy)) + "</li>" }.joined() + "</ul>"
        }
        s += "<h3>\(HTML.escape(L.statementTitle(r.fiscalYear, unit: f.unit)))</h3>"
        func deviation(_ b: Double?, _ x: Double?) -> Double? { b.flatMap { b in x.map { $0 - b } } }
        var rows = r.lines.map { [HTML.escape(L.line($0.key)), a($0.budget), a($0.forecast), a(deviation($0.budget, $0.forecast)), a($0.outcomePrior)] }
        var classes = [rows.count: "total"]
        rows.append([HTML.escape(L.aretsResultat), a(r.aretsResultat.budget), a(r.aretsResultat.forecast),
                     a(deviation(r.aretsResultat.budget, r.aretsResultat.forecast)), a(r.aretsResultat.outcomePrior)])
        classes[rows.count] = "sub"
        rows.append([HTML.escape(L.excludingItems), "", a(r.excludingItems.forecast), "", ""])
        if let e = r.eliminatedInternalInterest {
            classes[rows.count] = "sub"
            rows.append([HTML.escape(L.eliminated), a(e.budget), a(e.forecast), "", ""])
        }
        s += HTML.table(header(L.statementColumns), rows, classes: classes)
        if !r.itemsAffectingComparability.isEmpty {
            s += "<h3>\(HTML.escape(L.itemsTitle))</h3>"
            s += HTML.table([HTML.escape(L.note), HTML.escape(L.amount)], r.itemsAffectingComparability.map { [HTML.escape($0.note), a($0.amount)] })
        }
        if !r.realisedGains.isEmpty {
            s += "<h3>\(HTML.escape(L.realisedGainsTitle))</h3>"
            s += HTML.table([HTML.escape(L.note), HTML.escape(L.amount)],
                            r.realisedGains.map { [HTML.escape($0.note + ($0.exempt ? " (\(L.exempt))" : "")), a($0.amount)] })
        }
        if !r.placements.isEmpty {
            s += "<h3>\(HTML.escape(L.placementsTitle(unit: f.unit)))</h3>"
            s += HTML.table(header(L.placementColumns), r.placements.map { p in
                [HTML.escape(p.name), a(p.openingValue), a(p.marketValue), HTML.escape(p.sellDate ?? ""),
                 p.sellShare.map { f.percent($0, decimals: 0) } ?? "", a(p.realised), a(p.valueYearEnd), a(p.unrealised)]
            }, text: [3])
        }
        s += "<h3>\(HTML.escape(L.balanskravTitle(r.fiscalYear, scenario: label(r.baseScenario), unit: f.unit)))</h3>"
        var b: [[String]] = [], bc: [Int: String] = [:]
        for (i, line) in r.balanskrav.lines.enumerated() {
            b.append([HTML.escape(L.line(line.key)), a(line.amount)])
            if i == 6 { bc[b.count] = "total"; b.append([HTML.escape(L.afterAdjustments), a(r.balanskrav.afterAdjustments)]) }
        }
        bc[b.count] = "total"
        b.append([HTML.escape(L.balanskravsresultat), a(r.balanskrav.balanskravsresultat)])
        s += HTML.table(header(L.balanskravColumns), b, classes: bc)
        if let t = r.target {
            s += "<p class=\"\(t.ok ? "good" : "bad")\">\(HTML.escape(L.target(share: f.percent(t.share, decimals: 1), value: f.percent(t.value, decimals: 1), ok: t.ok)))</p>"
        }
        s += "<h3>\(HTML.escape(L.scenariosTitle(unit: f.unit)))</h3>"
        s += resultChart(r, f, caption: L.chartTitle, labels: labels)
        s += HTML.table(header(L.scenarioColumns), r.byScenario.flatMap { sc in
            sc.years.map { y in
                [HTML.escape(label(sc.name)), String(y.year), a(y.aretsResultat), a(y.financialNet),
                 (y.balanskravsresultat ?? 0) < 0 ? "<span class=\"bad\">\(a(y.balanskravsresultat))</span>" : a(y.balanskravsresultat),
                 f.percent(y.targetShare, decimals: 1), HTML.escape(L.verdict(y.targetOk))]
            }
        }, numericFrom: 2, text: [6])
        let deficits = r.byScenario.flatMap { sc in sc.deficits.map { (sc.name, $0) } }
        if !deficits.isEmpty {
            s += "<h3>\(HTML.escape(L.deficitsTitle))</h3>"
            s += HTML.table(header(L.deficitColumns), deficits.map { name, d in
                [HTML.escape(label(name)), String(d.year), a(d.amount), String(d.restoreBy), a(d.remaining),
                 d.late ? "<span class=\"bad\">\(HTML.escape(L.status(d)))</span>" : HTML.escape(L.status(d))]
            }, numericFrom: 2, text: [5])
        }
        if let sim = r.simulation, !sim.years.isEmpty {
            s += "<h3>\(HTML.escape(L.fanTitle))</h3>"
            let bands = sim.years.map { y -> (p05: Double, p25: Double, p50: Double, p75: Double, p95: Double) in
                let d = y.balanskravsresultat
                return (d.p05 ?? 0, d.p50 ?? 0, d.p50 ?? 0, d.p50 ?? 0, d.p95 ?? 0)
            }
            // Zero marked in every year, labelled with the probability of a deficit.
            let markers = sim.years.enumerated().map { i, y in
                (index: i, value: 0.0, label: "P(<0) " + f.percent(y.balanskravsresultat.probNegative?.value ?? nil, decimals: 1))
            }
            s += SVGChart.fan(x: sim.years.map { String($0.year) }, bands: bands, format: .amount(f), caption: L.fanTitle, markers: markers)
            s += "<h3>\(HTML.escape(L.simulationTitle(paths: sim.paths, unit: f.unit)))</h3>"
            s += HTML.table(header(L.simulationColumns), sim.years.map { y in
                let x = y.aretsResultat, k = y.balanskravsresultat
                return [String(y.year), a(x.mean), a(x.p05), a(x.p50), a(x.p95), a(k.mean), a(k.p05), a(k.p50), a(k.p95),
                        f.percent(k.probNegative?.value ?? nil, decimals: 1)]
            })
        }
        s += "<h3>\(HTML.escape(Labels(lang: f.lang).assumptionsTitle))</h3><ul class=\"notes\">"
            + r.assumptions.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        return s
    }

    /// Columns of the balanskravsresultat per year (groups) and scenario (colours), the zero line marked.
    static func resultChart(_ r: MunicipalResult, _ f: ReportFormat, caption: String, labels: [String: String] = [:]) -> String {
        let years = Array(Set(r.byScenario.flatMap { $0.years.map(\.year) })).sorted()
        let values = r.byScenario.flatMap { $0.years.compactMap(\.balanskravsresultat) }
        guard !years.isEmpty, !values.isEmpty else { return "" }
        let width = 720.0, height = 300.0, left = 80.0, right = 20.0, top = 20.0, bottom = 70.0
        let axis = SVGChart.ticks(min(0, values.min()!), max(0, values.max()!))
        let lo = axis.first!, hi = axis.last!
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (height - top - bottom) }
        let group = (width - left - right) / Double(years.count)
        let n = Double(max(1, r.byScenario.count))
        let bar = min(40, group * 0.8 / n)
        var s = SVGChart.open(width, height, caption: caption)
        s += SVGChart.valueGrid(axis, left: left, right: width - right, y: y, format: { f.amount($0) })
        for (i, year) in years.enumerated() {
            let x0 = left + Double(i) * group + (group - bar * n) / 2
            s += SVGChart.text(left + (Double(i) + 0.5) * group, height - bottom + 16, String(year), size: 10, color: "#555")
            for (k, sc) in r.byScenario.enumerated() {
                guard let v = sc.years.first(where: { $0.year == year })?.balanskravsresultat else { continue }
                let top = y(max(0, v)), h = abs(y(v) - y(0))
                s += "<rect x=\"\(SVGChart.f(x0 + Double(k) * bar))\" y=\"\(SVGChart.f(top))\" width=\"\(SVGChart.f(bar - 2))\" height=\"\(SVGChart.f(max(1, h)))\" fill=\"\(SVGChart.palette[k % SVGChart.palette.count])\"/>"
            }
        }
        // Zero: the balanced-budget line.
        s += "<line x1=\"\(SVGChart.f(left))\" y1=\"\(SVGChart.f(y(0)))\" x2=\"\(SVGChart.f(width - right))\" y2=\"\(SVGChart.f(y(0)))\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>"
        s += SVGChart.text(width - right, y(0) - 4, "0", anchor: "end", size: 10, color: "#c62828")
        for (k, sc) in r.byScenario.enumerated() {
            let lx = left + Double(k % 4) * 160, ly = height - 30 + Double(k / 4) * 16
            s += "<rect x=\"\(SVGChart.f(lx))\" y=\"\(SVGChart.f(ly - 9))\" width=\"10\" height=\"10\" fill=\"\(SVGChart.palette[k % SVGChart.palette.count])\"/>"
            s += SVGChart.text(lx + 14, ly, labels[sc.name] ?? sc.name, anchor: "start", size: 10)
        }
        return s + "</svg>"
    }
}
