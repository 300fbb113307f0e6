import Foundation

/// The self-contained HTML report (no network, no scripts, no external fonts), built from
/// the JSON contract so that `prognos run --report` and `prognos report RESULT.json` give
/// the same page. Swedish by default; every name from an input file is escaped.
public enum Report {
    public static func html(_ doc: ResultDocument, lang: Language) -> String {
        let unit = doc.amountUnit
        let fmt = ReportFormat(lang: lang, unit: unit)
        let t = fmt.t
        let name = doc.name
        var body = "<h1>\(HTML.escape(name))</h1>"
        if let asOf = doc.asOf { body += "<p class=\"meta\">\(t("Per", "As of")) \(HTML.escape(asOf)) · \(t("belopp", "amounts in")) \(unit.rawValue)</p>" }
        for section in ResultSection.allCases where section.isPresent(in: doc) { body += render(section, doc, fmt) }
        body += notes(doc, fmt)
        return """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><title>\(HTML.escape(name))</title>
        <style>\(css)</style></head><body>\(body)
        <footer>\(t("Framtagen med Prognos", "Made with Prognos")) · \(t("alla belopp i", "all amounts in")) \(unit.rawValue)</footer>
        </body></html>

        """
    }

    /// The HTML of one section of the document (exhaustive: a new section must be rendered here).
    static func render(_ section: ResultSection, _ doc: ResultDocument, _ f: ReportFormat) -> String {
        switch section {
        case .operating: return doc.operating.map { operating($0, f) } ?? ""
        case .investments:
            // Capital costs name units by id; show the operating statement's names where they exist.
            var unitNames: [String: String] = [:]
            for u in doc.operating?.units ?? [] { unitNames[u.id] = u.name }
            return (doc.investments.map { investments($0, doc.capitalCosts, asOf: doc.asOf.flatMap(Day.init(iso:)), unitNames: unitNames, f) } ?? "")
                + (doc.treasury?.borrowingNeed.map { BorrowingNeedTable.html($0.value, f) } ?? "")
        case .capitalCosts: return ""   // shown with the investments (one heading, as the report)
        case .treasury: return doc.treasury.map { treasury($0, f) } ?? ""
        case .simulation: return doc.simulation.map { simulation($0, treasury: doc.treasury, f) } ?? ""
        case .indicators: return doc.indicators.map { indicators($0, f) } ?? ""
        case .frontier: return doc.frontier.map { FrontierReport.html($0, f) } ?? ""
        case .result: return doc.result.map { result($0, f, labels: doc.scenarioLabels) } ?? ""
        }
    }

    static let css = """
    body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:12px;color:#222;max-width:760px;margin:24px auto;padding:0 12px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #1f4e79;padding-bottom:3px;color:#1f4e79}
    h3{font-size:13px;margin:18px 0 6px}p.meta{color:#555;margin:0 0 12px}
    table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-variant-numeric:tabular-nums}
    th,td{padding:3px 6px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:bottom}
    th{background:#f2f5f9;font-weight:600}td.num{text-align:right;white-space:nowrap}th.num{text-align:right}
    tr.total td{font-weight:700;border-top:1.5px solid #333}tr.sub td{color:#555;font-style:italic}
    tr.result td{color:#444}.bad{color:#c62828;font-weight:700}.good{color:#2e7d32}
    .matrix table{font-size:10.5px}.matrix td,.matrix th{padding:2px 3px}.matrix th.num{white-space:normal}
    tr.goal td{background:#f7f7f7;padding-top:6px}.indicators td:first-child{min-width:230px}.indicators td.num:nth-last-child(3),.indicators td.num:nth-last-child(1){white-space:normal}ul.notes{font-size:10.5px;color:#555}svg.spark{display:inline;margin:0;vertical-align:middle}
    svg{display:block;margin:6px 0 14px;max-width:100%;height:auto}ul{padding-left:18px}li{margin:2px 0}footer{margin-top:30px;color:#888;font-size:10px}
    svg.spark{max-width:none}.matrix td.num{white-space:normal}.nw{white-space:nowrap}.matrix td:not(.num){overflow-wrap:anywhere}.matrix.methods td:first-child,.matrix.methods td:nth-child(2),.matrix.methods td:last-child{overflow-wrap:normal}
    .matrix.names td:first-child{min-width:120px;overflow-wrap:break-word}
    @page{size:A4;margin:14mm 12mm}
    @media print{body{margin:0;max-width:none;padding:0;font-size:11px}.matrix table{font-size:9.5px}h2,h3{break-after:avoid}svg,table,.matrix,.indicators{break-inside:avoid}tr{break-inside:avoid}thead{display:table-header-group}}
    """

    static func text(_ v: String?) -> String { HTML.escape(v ?? "") }

    // MARK: sections

    static func operating(_ document: OperatingResult, _ f: ReportFormat) -> String {
        // The file's sign convention (rule O13) and the unit tree as the report prints it.
        let o = document.asPrinted()
        let t = f.t
        let units = o.units
        let tree = o.treeOrdered(units.filter { $0.reportedAs != ReportedAs.result.rawValue })
        let netCost = units.filter { x in x.reportedAs != ReportedAs.result.rawValue && !units.contains { $0.parent == x.id } }
        let results = units.filter { $0.reportedAs == ReportedAs.result.rawValue }
        let L = OperatingLabels(lang: f.lang)
        var s = "<h2>\(L.title)</h2>"
        s += PrintedReportHTML.banners(o, f)
        /// One statement table (results to date or full year): the net-cost units, the total,
        /// extra rows under the total, the units reported as a result (starred).
        /// What-if marks ("†" changed, "‡" stale gross line) as the text table prints them (`WhatIfMarks`).
        var marks: Set<String> = []
        func marked(_ v: Double?, _ cell: PrintedCell) -> String {
            guard case .marked(_, let m) = cell else { return f.amount(v) }
            marks.insert(m)
            return f.amount(v) + "&nbsp;" + HTML.escape(m)
        }
        func statement(_ columns: [TotalColumn], extra: [(String, [Double?])] = []) -> ([[String]], [Int: String]) {
            var rows: [[String]] = [], classes: [Int: String] = [:]
            func row(_ label: String, _ fig: OperatingResult.Figures, unit: String?) -> [String] {
                [label] + columns.map { c in marked(fig[c], o.whatIfCell(.amount(fig[c]), unit: unit, c)) }
            }
            /// A unit's row: the printed deviation where the file gives one (rule O15).
            func unitRow(_ label: String, _ u: OperatingResult.Unit) -> [String] {
                row(label, o.shownFigures(u), unit: u.id)   // a parent: the printed subtotals (rule O14)
            }
            for (u, depth) in tree {
                if units.contains(where: { $0.parent == u.id }) { classes[rows.count] = "sub" }
                rows.append(unitRow(String(repeating: "&nbsp;&nbsp;&nbsp;", count: depth) + HTML.escape(u.name), u))
            }
            classes[rows.count] = "total"
            rows.append(row(L.total, o.total.figures, unit: nil))
            for (label, values) in extra {
                classes[rows.count] = "sub"
                rows.append([label] + zip(columns, values).map { c, v in marked(v, o.whatIfGrossCell(.amount(v), unit: nil, c)) })
            }
            for u in results { classes[rows.count] = "result"; rows.append(unitRow(HTML.escape(u.name) + "*", u)) }
            return (rows, classes)
        }
        /// The notes of the marks the last table carried (and none for the next table yet).
        func markNotes() -> String {
            let W = WhatIfLabels(lang: f.lang)
            var notes = ""
            if marks.contains(WhatIfLabels.changedMark) { notes += "<p class=\"meta\">\(HTML.escape(W.changedNote))</p>" }
            if marks.contains(WhatIfLabels.staleMark) { notes += "<p class=\"meta\">\(HTML.escape(W.staleNote))</p>" }
            marks = []
            return notes
        }
        // An annual report (rule O20): the result to date is the year's outcome, printed once below.
        if !o.isAnnualReport {
            let ytd = statement([.actualYTD, .budgetYTD, .deviationYTD, .actualYTDPrior])
            s += "<h3>\(HTML.escape(L.resultTitle(o.asOf, f.unit)))</h3>"
            s += HTML.table([""] + L.resultColumns(o.month, o.fiscalYear).map(SectionLabel.oneLine), ytd.0, classes: ytd.1)
            s += markNotes()
        }
        let gross: [(String, [Double?])] = o.gross.map { g in
            [(L.ofWhichCosts, g.costs), (L.ofWhichIncome, g.income)].map { label, p in
                (label, [p.forecast, p.budget, p.deviation, p.outcomePrior])
            }
        } ?? []
        let full = statement([.forecast, .budget, .deviation, .outcomePrior], extra: gross)
        s += "<h3>\(HTML.escape(L.forecastTitle(o.fiscalYear, f.unit, annual: o.isAnnualReport)))</h3>"
        s += HTML.table([""] + L.forecastColumns(o.fiscalYear, annual: o.isAnnualReport).map(SectionLabel.oneLine), full.0, classes: full.1)
        s += markNotes()
        if !results.isEmpty {
            s += "<p class=\"meta\">\(HTML.escape(L.resultFootnote))</p>"
        }
        s += ForecastRoundsTable.html(o, f)
        s += PrintedReportHTML.afterStatement(o, f)
        // Deviation by unit.
        let shown = (netCost + results).filter { $0.figures.deviation != nil }
        if !shown.isEmpty {
            s += "<h3>\(t("Avvikelse mot budget per enhet, helår (positiv = gynnsam)", "Deviation from budget by unit, full year (positive = favourable)"))</h3>"
            s += SVGChart.deviationBars(labels: shown.map(\.name), values: shown.map { $0.figures.deviation! },
                                        format: .amount(f), caption: t("Avvikelse per enhet", "Deviation by unit"))
        }
        // Forecast method per unit: the method's value, adjustments, the methods side by side (as the text table).
        let withMethod = units.filter { $0.method != nil || !$0.methods.isEmpty }
        if !withMethod.isEmpty {
            let methodKeys = MethodTerm.allCases.filter { m in m != .manual && withMethod.contains { $0.methods.keys.contains(m.key) } }
            s += "<h3>\(HTML.escape(L.methodsTitle(f.unit)))</h3>"
            // Eleven columns: the compact matrix style keeps them inside the page; the method
            // and unit names break between words only ("Manuell", never "Manuel" + "l").
            s += "<div class=\"matrix methods\">" + HTML.table(([L.unit, L.method, L.methodValue, L.adjustments, L.forecastFullYear]
                             + methodKeys.map(L.methodColumn) + [L.bestInBacktest]).map {
                                // A break opportunity after an underscore, where the text table breaks "budget_remaining".
                                HTML.escape(SectionLabel.oneLine($0)).replacingOccurrences(of: "_", with: "_<wbr>")
                            },
                            withMethod.map { u in
                                let adj = u.adjustments.isEmpty ? nil : u.adjustments.reduce(0.0) { $0 + ($1.amount ?? 0) }
                                return [HTML.escape(u.name), text(MethodTerm.name(key: u.method, f.lang)), f.amount(u.methodValue), adj.map { f.amount($0) } ?? "",
                                        f.amount(u.figures.forecast)] + methodKeys.map { m in u.methods[m.key].map { f.amount($0) } ?? "" }
                                    + [text(MethodTerm.name(key: u.backtest?.recommended, f.lang))]
                            }, numericFrom: 2, text: [5 + methodKeys.count]) + "</div>"
        }
        let adjusted = units.filter { !$0.adjustments.isEmpty }
        if !adjusted.isEmpty {
            s += "<h3>\(L.adjustmentsTitle)</h3>"
            s += HTML.table([L.unit, t("Belopp", "Amount"), t("Anmärkning", "Note")],
                            adjusted.flatMap { u in u.adjustments.map { [HTML.escape(u.name), f.amount($0.amount), HTML.escape($0.note)] } },
                            numericFrom: 1, text: [2])
        }
        // The backtest: each method's mean absolute error and bias per unit.
        let tested = units.filter { $0.backtest != nil }
        if !tested.isEmpty {
            s += "<h3>\(HTML.escape(L.backtestTitle(o.month, f.unit)))</h3>"
            var rows: [[String]] = []
            for u in tested {
                for m in MethodTerm.allCases {
                    guard let r = u.backtest?.methods[m.key] else { continue }
                    rows.append([HTML.escape(u.name), HTML.escape(m.name(f.lang)), String(r.n), f.amount(r.mae), r.mape.map { f.percent($0, decimals: 1) } ?? "–",
                                 f.amount(r.bias), u.backtest?.recommended == m.key ? "✓" : ""])
                }
            }
            s += HTML.table([L.unit, L.method, L.yearsUsed, "MAE", "MAPE", L.bias, t("Bäst", "Best")],
                            rows, numericFrom: 2)
        }
        // Methods and bands.
        let withBand = units.filter { $0.band != nil }
        if !withBand.isEmpty || o.total.band != nil {
            // The forecast beside its band, and where it lies against it (a band can exclude it: the method's bias).
            let R = ReportLabels(lang: f.lang)
            func position(_ forecast: Double?, _ b: OperatingResult.Band?) -> String {
                guard let x = forecast, let lo = b?.p10, let hi = b?.p90 else { return "" }
                let tol = f.unit.factor / 2 * pow(10, -Double(f.unit.decimals))   // within the printed rounding
                return x < lo - tol ? "<strong>\(R.belowBand)</strong>" : x > hi + tol ? "<strong>\(R.aboveBand)</strong>" : R.insideBand
            }
            var rows = withBand.map { u in
                [HTML.escape(u.name), text(MethodTerm.name(key: u.method, f.lang)), f.amount(u.figures.forecast), f.amount(u.band?.p10), f.amount(u.band?.p50), f.amount(u.band?.p90),
                 position(u.figures.forecast, u.band), text(MethodTerm.name(key: u.backtest?.recommended, f.lang))]
            }
            var classes: [Int: String] = [:]
            if let b = o.total.band {
                classes = [rows.count: "total"]
                rows.append([L.total, "", f.amount(o.total.figures.forecast), f.amount(b.p10), f.amount(b.p50), f.amount(b.p90),
                             position(o.total.figures.forecast, b), ""])
            }
            s += "<h3>\(R.bandTitle)</h3>"
            s += HTML.table([L.unit, L.method, SectionLabel.oneLine(L.forecastFullYear), "P10", "P50", "P90", R.bandPosition,
                             SectionLabel.oneLine(L.bestInBacktest)],
                            rows, numericFrom: 2, text: [6, 7], classes: classes)
            s += "<p class=\"meta\">\(HTML.escape(R.bandNote))</p>"
            if let e = o.total.bandEstimator { s += "<p class=\"meta\">\(t("Summans intervall", "The total's band")): \(HTML.escape(e))</p>" }
        }
        return s
    }

    static func investments(_ inv: InvestmentsResult, _ cc: CapitalCostsResult?, asOf: Day?, unitNames: [String: String], _ f: ReportFormat) -> String {
        let t = f.t
        let IL = InvestmentLabels(lang: f.lang)
        var s = "<h2>\(IL.title)</h2>"
        // All eight columns of the text table; the capital costs' first year is the fiscal year.
        let year = String(cc?.years.first?.year ?? asOf?.year ?? 0)
        let period = Labels(lang: f.lang).period(asOf?.month ?? 12)
        func figures(_ x: [Double?]) -> [String] { x.map { f.amount($0) } }
        var rows = inv.projects.map { p in
            [HTML.escape(p.name)] + figures([p.spentYTD, p.incomeYTD, p.forecastSpend, p.forecastIncome, p.forecastNet, p.frame, p.deviation, p.carryOver])
        }
        let total = inv.total
        var classes = [rows.count: "total"]
        rows.append([IL.total] + figures([total.spentYTD, total.incomeYTD, total.forecastSpend, total.forecastIncome, total.forecastNet,
                                          total.frame, total.deviation, total.carryOver]))
        classes[rows.count] = "sub"
        rows.append([IL.ofWhichExpenditure, f.amount(total.ofWhichExpenditure.actualYTD), "", f.amount(total.ofWhichExpenditure.forecast), "",
                     f.amount(total.ofWhichExpenditure.forecast), "", "", ""])
        classes[rows.count] = "sub"
        rows.append([IL.ofWhichIncome, "", f.amount(total.ofWhichIncome.actualYTD), "", f.amount(total.ofWhichIncome.forecast),
                     f.amount(total.ofWhichIncome.forecast.map { -$0 }), "", "", ""])
        for g in inv.byGroup {
            rows.append([HTML.escape(IL.group(g.group))]
                        + figures([g.spentYTD, g.incomeYTD, g.forecastSpend, g.forecastIncome, g.forecastNet, g.frame, g.deviation, g.carryOver]))
        }
        // The names kept whole (a first column of at least 120 px): eight narrow columns of figures leave room.
        s += "<div class=\"matrix names\">" + HTML.table([""] + IL.columns(period: period, year: year).map(SectionLabel.oneLine), rows, classes: classes) + "</div>"
        s += ProjectRoundsTable.html(inv, f)
        // The budget lineage (Ursprunglig budget, Ombudgetering, Budget) where any project or group has one.
        s += FrameLineageTable.printed(inv, unit: f.unit, lang: f.lang)?.html(f) ?? ""
        // Deviation from the frame by project (the 30 largest where there are more), in the table's order.
        var withDeviation = inv.projects.filter { $0.deviation != nil }
        let many = withDeviation.count > 30
        if many {
            let kept = Set(withDeviation.indices.sorted { abs(withDeviation[$0].deviation!) > abs(withDeviation[$1].deviation!) }.prefix(30))
            withDeviation = withDeviation.indices.filter(kept.contains).map { withDeviation[$0] }
        }
        if !withDeviation.isEmpty {
            s += "<h3>" + (many ? t("De 30 största avvikelserna mot investeringsramen, helår (positiv = ramen används inte fullt ut)",
                                    "The 30 largest deviations from the investment frame, full year (positive = the frame is not used in full)")
                                : t("Avvikelse mot investeringsramen per projekt, helår (positiv = ramen används inte fullt ut)",
                                    "Deviation from the investment frame by project, full year (positive = the frame is not used in full)")) + "</h3>"
            s += SVGChart.deviationBars(labels: withDeviation.map(\.name), values: withDeviation.map { $0.deviation! },
                                        format: .amount(f), caption: t("Avvikelse mot investeringsram per projekt", "Deviation from the investment frame by project"))
        }
        if let cc {
            s += InvestmentTable.capitalByUnit(cc, year: year, unit: f.unit, lang: f.lang, unitNames: unitNames).html(f)
            if !cc.years.isEmpty {
                let years = cc.years.map(\.year)
                s += "<h3>\(t("Kapitalkostnad per år: budget och prognos", "Capital cost per year: budget and forecast"))</h3>"
                func total(_ list: [CapitalCostsResult.Year], _ year: Int) -> Double? { list.first { $0.year == year }?.total }
                let R = ReportLabels(lang: f.lang)
                s += SVGChart.lines(x: years.map(String.init), series: [
                    .init(name: R.budget, values: years.map { total(cc.budgetYears, $0) }, style: .budget),
                    .init(name: R.forecast, values: years.map { total(cc.years, $0) }, style: ScenarioStyle.style("base")),
                ], format: .amount(f), caption: t("Kapitalkostnad per år: budget och prognos", "Capital cost per year: budget and forecast"))
                // The chart's figures, as the text and the workbook print them.
                s += InvestmentTable.capitalByYear(cc, unit: f.unit, lang: f.lang).html(f)
            }
        }
        return s
    }

    static func treasury(_ tr: TreasuryResult, _ f: ReportFormat) -> String {
        let t = f.t
        let TL = TreasuryLabels(lang: f.lang)
        var s = "<h2>\(t("Räntor och internbank", "Interest and the internal bank"))</h2>"
        if let first = tr.scenarios.first, let base = tr.base {
            let years = first.years.map { String($0.year) }
            // The interest budget beside the scenarios, as the text table prints it, and as a line in the chart.
            let budget = tr.interestBudget ?? []
            let R = ReportLabels(lang: f.lang)
            s += "<h3>\(R.scenarioChartTitle(hasBudget: !budget.isEmpty))</h3>"
            s += SVGChart.lines(x: years, series: scenarioSeries(tr) + budgetSeries(tr, years: first.years.map(\.year), f),
                                format: .amount(f), caption: t("Räntekostnad per scenario", "Interest cost per scenario"))
            func budgetCell(_ year: Int) -> [String] { budget.isEmpty ? [] : [f.amount(budget.first { $0.year == year }?.amount ?? nil)] }
            s += HTML.table([TL.year] + tr.scenarios.map { HTML.escape($0.display) } + (budget.isEmpty ? [] : [TL.budget]),
                            first.years.indices.map { i in
                                [PartialYearTable.label(first.years[i], lang: f.lang)] + tr.scenarios.map { f.amount($0.years[i].externalInterest) } + budgetCell(first.years[i].year)
                            })
            s += PartialYearTable.html(tr, f)
            s += "<h3>\(t("Basscenario", "Base scenario")): \(HTML.escape(base.display))</h3>"
            s += HTML.table((TL.internalBankColumns + [TL.averageFundingRate]).map(SectionLabel.oneLine),
                            base.years.map { y in
                                [String(y.year), f.amount(y.externalInterest), f.amount(y.internalIncome), f.amount(y.marginIncome),
                                 f.amount(y.municipalityNet), f.percent(y.averageFundingRate)]
                            })
            if !tr.borrowers.isEmpty {
                s += "<h3>\(t("Intern ränteintäkt per låntagare", "Internal income per borrower")), \(HTML.escape(base.display))</h3>"
                s += HTML.table([TL.year] + tr.borrowers.map { HTML.escape($0.name) },
                                base.years.map { y in [String(y.year)] + tr.borrowers.map { f.amount(y.internalIncomeByBorrower[$0.id] ?? nil) } })
            }
        }
        s += "<h3>\(t("Räntekänslighet: +100 punkter", "Interest sensitivity: +100 bp"))</h3>"
        s += HTML.table(TL.sensitivityColumns.map(SectionLabel.oneLine),
                        tr.sensitivity.years.map { [String($0.year), f.amount($0.group), f.amount($0.municipality), f.amount($0.ruleOfThumb)] })
        // The base scenario with every rate shifted (the text table's "+1 %-enhet" columns).
        if let shifted = tr.sensitivity.shiftedYears, !shifted.isEmpty {
            let sensBase = HTML.escape(tr.scenarios.first { $0.name == tr.sensitivity.base }?.display ?? tr.sensitivity.base)
            s += "<h3>\(t("Basscenario \(sensBase) med +1 %-enhet", "Base scenario \(sensBase) at +1 pp"))</h3>"
            let c = TL.internalBankColumns.map(SectionLabel.oneLine)
            s += HTML.table([c[0], c[1], c[2], c[4]],
                            shifted.map { [String($0.year), f.amount($0.externalInterest), f.amount($0.internalIncome), f.amount($0.municipalityNet)] })
        }
        if !tr.maturityLadder.isEmpty {
            s += "<h3>\(t("Förfallostruktur (kapitalförfall per år)", "Maturity ladder (principal due per year)"))</h3>"
            s += SVGChart.columns(labels: tr.maturityLadder.map { String($0.year) }, values: tr.maturityLadder.map { $0.principal ?? 0 },
                                  format: .amount(f), caption: t("Kapitalförfall per år", "Principal due per year"))
        }
        let metrics = tr.metrics
        let atV = tr.policy.filter { $0.date == metrics.date }
        let keys = PolicySpecs.bucketKeys
        let ranges: [(Double, Double)?] = keys.map { k in
            atV.first { $0.rule == PolicyRule.fixingBucket(k).key }.map { ($0.limit.min ?? 0, $0.limit.max ?? 1) }
        }
        let values = keys.map { metrics.fixingBuckets[$0].flatMap { $0 } ?? 0 }
        let breaches = keys.indices.map { i -> Bool in
            guard let r = ranges[i] else { return false }
            return !(values[i] >= r.0 - 1e-12 && values[i] <= r.1 + 1e-12)
        }
        let colors = keys.indices.map { i in ranges[i] == nil ? SVGChart.palette[0] : SVGChart.favourable }
        let R = ReportLabels(lang: f.lang)
        var key: [(String, SVGChart.LegendKey)] = []
        if ranges.contains(where: { $0 != nil }) { key += [(R.withinRange, .bar(SVGChart.favourable)), (R.policyRange, .range)] }
        if breaches.contains(true) { key.append((R.outsideRange, .hatched)) }
        s += "<h3>\(t("Räntebindning per löptid mot finanspolicyns intervall", "Fixing buckets against the policy's ranges"))</h3>"
        s += SVGChart.columns(labels: keys.map(R.bucket), values: values, ranges: ranges, format: .percent(f, decimals: 1),
                              caption: t("Räntebindning", "Fixing buckets"), colors: colors, breaches: breaches, legend: key)
        var rows: [(String, String)] = [
            (TL.debt, f.amount(metrics.debt)),
            (TL.averageRate, f.percent(metrics.averageRate)),
        ]
        rows += PolicyRule.fixed.filter { $0 != .maxSingleFixingYears && $0 != .swapsWithinFloating }.map { r in
            (r.isYears ? r.label(f.lang).replacingOccurrences(of: t(", år", ", years"), with: "") : r.label(f.lang), show(r, metrics.value(r), f))
        }
        rows.append((TL.onLending, f.amount(metrics.internalLending.total)))
        if let mv = metrics.swapMarketValue { rows.append((TL.swapMarketValue, f.amount(mv.value))) }
        s += "<h3>\(t("Nyckeltal vid värderingsdagen", "Metrics at the valuation date")) \(HTML.escape(metrics.date))</h3>"
        s += HTML.table([TL.metric, t("Värde", "Value")], rows.map { [$0.0, $0.1] })
        s += TreasuryReportHTML.extras(tr, f)
        if !tr.borrowers.isEmpty {
            s += "<h3>\(t("Vidareutlåning per låntagare", "On-lending per borrower")) \(HTML.escape(metrics.date))</h3>"
            s += HTML.table([t("Låntagare", "Borrower"), t("Belopp", "Amount")],
                            tr.borrowers.map { [HTML.escape($0.name), f.amount(metrics.internalLending.byBorrower[$0.id] ?? nil)] })
        }
        if !tr.policy.isEmpty { s += policyTables(tr.policy, valuationDate: metrics.date, f) }
        if let b = tr.balance {
            s += "<h3>\(HTML.escape(TL.equityTitle(onLent: f.amount(b.onLent), unit: f.unit)))</h3>"
            s += HTML.table(TL.equityColumns.map(SectionLabel.oneLine), [
                [TL.equityRatio, f.percent(b.soliditetBefore, decimals: 1), f.percent(b.soliditetAfter, decimals: 1)],
                [TL.inclPensions, f.percent(b.soliditetInclPensionsBefore, decimals: 1),
                 f.percent(b.soliditetInclPensionsAfter, decimals: 1)],
            ])
        }
        return s
    }

    /// A policy figure: years with two decimals, shares as a percentage with one.
    static func show(_ rule: PolicyRule, _ x: Double?, _ f: ReportFormat) -> String {
        rule.isYears ? f.number(x, decimals: 2) + f.t(" år", " y") : f.percent(x, decimals: 1)
    }

    /// Finance-policy verdicts: the valuation date in full (rule, value, limit, verdict),
    /// then the year-ends as one matrix (a rule per row, a year per column, breaches in red).
    static func policyTables(_ policy: [TreasuryResult.Check], valuationDate: String?, _ f: ReportFormat) -> String {
        let t = f.t
        var rules: [String] = []
        for p in policy where !rules.contains(p.rule) { rules.append(p.rule) }
        var dates: [String] = []
        for p in policy where !dates.contains(p.date) { dates.append(p.date) }
        let v = valuationDate ?? dates.first ?? ""
        func entry(_ rule: String, _ date: String) -> TreasuryResult.Check? { policy.first { $0.rule == rule && $0.date == date } }
        func value(_ rule: String, _ x: Double?) -> String {
            (PolicyRule(key: rule)?.isYears ?? false) ? f.number(x, decimals: 2) : f.percent(x, decimals: 1)
        }
        func limit(_ p: TreasuryResult.Check) -> String { "<span class=\"nw\">" + limitText(p.rule, p.limit, f) + "</span>" }
        func label(_ rule: String) -> String { HTML.escape(ruleLabel(rule, f.lang)) }
        let R = ReportLabels(lang: f.lang)
        var s = "<h3>\(t("Finanspolicy vid värderingsdagen", "Finance policy at the valuation date")) \(HTML.escape(v))</h3>"
        s += HTML.table([t("Regel", "Rule"), t("Värde", "Value"), TreasuryLabels(lang: f.lang).limit, t("Bedömning", "Verdict")],
                        rules.compactMap { rule in
                            entry(rule, v).map { p in
                                [label(rule), value(rule, p.value), limit(p),
                                 p.ok ? "<span class=\"good\">\(R.within)</span>" : "<span class=\"bad\">\(R.breach)</span>"]
                            }
                        })
        let later = dates.filter { $0 != v }
        if !later.isEmpty {
            let breaches = policy.filter { $0.date != v && !$0.ok }.count
            s += "<h3>\(t("Finanspolicy vid årsskiften (prognos, basscenario)", "Finance policy at year-ends (projection, base scenario)"))</h3>"
            s += "<p class=\"meta\">\(R.breachCount(breaches))</p>"
            s += "<div class=\"matrix\">" + HTML.table([t("Regel", "Rule"), t("Gräns", "Limit")] + later.map { HTML.escape(String($0.prefix(4))) },
                            rules.map { rule in
                                let any = later.lazy.compactMap { entry(rule, $0) }.first
                                return [label(rule), any.map(limit) ?? ""] + later.map { d in
                                    guard let p = entry(rule, d) else { return "" }
                                    return p.ok ? value(rule, p.value) : "<span class=\"bad\">✗\u{00A0}\(value(rule, p.value))</span>"
                                }
                            }, text: [1]) + "</div>"
        }
        return s
    }

    /// Goal follow-up: per goal area a table in the report's layout, with a status mark
    /// and a small trend line (three or more values) per indicator when assessed.
    static func indicators(_ ind: IndicatorsResult, _ f: ReportFormat) -> String {
        let g = IndicatorFormat(lang: f.lang, html: true)
        let L = IndicatorLabels(lang: f.lang)
        let assess = ind.assess
        var s = "<h2>\(L.title)</h2>"
        if !assess { s += "<p class=\"meta\">\(HTML.escape(L.noAssessment))</p>" }
        for area in ind.areas {
            let periods = area.periods
            s += "<h3>\(HTML.escape(L.goalArea(area.name)))</h3>"
            if let goal = area.goal { s += "<p class=\"meta\">\(HTML.escape(L.municipalGoal(goal)))</p>" }
            var headers = [L.boardGoal] + periods.map(HTML.escape)
            headers.append(SectionLabel.oneLine(L.desired))
            if assess { headers += [L.status, L.trend] }
            var rows: [[String]] = [], classes: [Int: String] = [:]
            var notes: [String] = []
            for goal in area.boardGoals {
                classes[rows.count] = "goal"
                rows.append(["<strong>\(HTML.escape(goal.name))</strong>"])
                if goal.indicators.isEmpty { rows.append(["&nbsp;&nbsp;<em>\(L.noIndicator)</em>"]) }
                for i in goal.indicators {
                    let series = periods.map { p -> IndicatorValue? in
                        guard let raw = i.values[p] else { return nil }   // blank
                        guard let v = raw else { return IndicatorValue(value: nil, refersTo: nil, decimals: 0) }   // I.U.
                        return IndicatorValue(value: v, refersTo: i.refersTo[p], decimals: i.decimals[p] ?? 0)
                    }
                    var row = ["&nbsp;&nbsp;" + HTML.escape(i.name)] + series.map { g.value($0) }
                    row.append(HTML.escape(g.target(i.target?.target, unit: i.unit, decimals: i.targetDecimals)))
                    if assess {
                        let status = i.status ?? ""
                        let (mark, cls) = status == "met" ? ("✓", "good") : status == "not_met" ? ("✗", "bad") : status == "no_data" ? ("–", "meta") : ("", "meta")
                        let label = IndicatorStatus(rawValue: status).map(g.status) ?? ""
                        row.append("<span class=\"\(cls)\" title=\"\(label)\">\(mark)</span> \(label)")
                        let points = series.compactMap { $0?.value }
                        let trend = IndicatorTrend(rawValue: i.trend ?? "")
                        row.append((points.count >= 3 ? SVGChart.sparkline(points, color: cls == "bad" ? SVGChart.unfavourable : cls == "good" ? SVGChart.favourable : "#777") + " " : "")
                                   + g.trend(trend))
                    }
                    rows.append(row)
                    for (group, values) in i.breakdown.sorted(by: { $0.key < $1.key }) {
                        let bd = i.breakdownDecimals[group] ?? [:]
                        rows.append(["&nbsp;&nbsp;&nbsp;&nbsp;" + HTML.escape(group)] + periods.map { p in
                            guard let raw = values[p] else { return "" }
                            return g.value(IndicatorValue(value: raw, refersTo: nil, decimals: raw == nil ? 0 : bd[p] ?? 0))
                        } + Array(repeating: "", count: headers.count - 1 - periods.count))
                    }
                    if let note = i.note { notes.append("\(HTML.escape(i.name)): \(HTML.escape(note))") }
                }
                if assess, let sum = goal.summary {
                    classes[rows.count] = "sub"
                    rows.append([L.summary(met: sum.met, notMet: sum.notMet, noData: sum.noData, noTarget: sum.noTarget)])
                }
            }
            s += "<div class=\"indicators\">" + HTML.table(headers, rows, classes: classes) + "</div>"
            if !notes.isEmpty { s += "<ul class=\"notes\">" + notes.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        }
        return s
    }

    static func simulation(_ sim: SimulationResult, treasury tr: TreasuryResult? = nil, _ f: ReportFormat) -> String {
        let t = f.t
        let L = SimulationLabels(lang: f.lang)
        var s = "<h2>\(L.title)</h2>"
        let run = L.run(model: ModelTerm.name(key: sim.model, f.lang), a: f.percent(sim.meanReversion), sigma: f.percent(sim.volatility),
                        paths: sim.paths, seed: sim.seed, rng: sim.rng, antithetic: sim.antithetic)
        s += "<p class=\"meta\">\(HTML.escape(run))</p>"
        let years = sim.years
        let ext = years.compactMap { $0.series[.externalInterest] }
        if !ext.isEmpty && ext.count == years.count {
            let bands = ext.map { ($0[.p05] ?? 0, $0[.p25] ?? 0, $0[.p50] ?? 0, $0[.p75] ?? 0, $0[.p95] ?? 0) }
            let markers = ext.enumerated().compactMap { i, e -> (Int, Double, String)? in
                guard let p95 = e[.p95], let car = e[.car95] else { return nil }
                return i % 3 == 0 ? (i, p95, "CaR95 " + f.amount(car)) : nil
            }
            // One treasury picture: the simulation's spread, the deterministic scenarios and the interest budget.
            let R = ReportLabels(lang: f.lang)
            let simYears = years.map(\.year)
            let scenarios = tr.map { scenarioSeries($0, years: simYears) } ?? []
            let budget = tr.map { budgetSeries($0, years: simYears, f) } ?? []
            let key: [(String, SVGChart.LegendKey)] = [(R.outerBand, .area(SVGChart.fanColor, opacity: 0.15)), (R.innerBand, .area(SVGChart.fanColor, opacity: 0.30)),
                                                       (R.median, .line(SeriesStyle(color: SVGChart.fanColor, dash: nil, marker: .none, width: 2.5)))]
                + (markers.isEmpty ? [] : [(R.car95Point, .line(SeriesStyle(color: SVGChart.unfavourable, dash: nil, marker: .circle, width: 0)))])
            s += "<h3>\(R.fanTitle(scenarios: !scenarios.isEmpty, budget: !budget.isEmpty))</h3>"
            s += SVGChart.fan(x: years.map { String($0.year) }, bands: bands, format: .amount(f),
                              caption: t("Räntekostnad, solfjäder", "Interest cost fan"), markers: markers, fromZero: true,
                              overlays: scenarios + budget, legend: key)
            s += "<p class=\"meta\">\(HTML.escape(R.fanNote)) \(t("P(över budget) där budget för räntekostnaden finns.", "P(over budget) where an interest budget is given."))</p>"
        }
        // Every series as the text output shows it: the distribution and Cost-at-Risk per year.
        let columns: [Statistic] = [.mean, .p05, .p50, .p95, .p99, .car95, .car99, .es95, .probOverBudget]
        for series in SimulationSeries.allCases where series != .swapMarketValue {
            let rows = years.compactMap { y in y.series[series].map { (y.year, $0) } }
            guard !rows.isEmpty else { continue }
            s += "<h3>\(HTML.escape(L.seriesTitle(series, unit: f.unit)))</h3>"
            s += HTML.table([L.year] + columns.map { HTML.escape(SectionLabel.oneLine(L.column($0))) }, rows.map { year, st in
                [String(year)] + columns.map { c in
                    c == .probOverBudget ? st[c].map { f.percent($0, decimals: 1) } ?? "–"
                        : series.isAmount ? f.amount(st[c]) : f.percent(st[c])
                }
            })
        }
        s += SwapValueSimulationTable.html(sim, f)
        s += precision(sim, f)
        if !sim.bands.isEmpty {
            let st = sim.bands.map { $0.stibor }
            s += "<h3>\(t("STIBOR 3M per månad: P05–P95, P25–P75 och median", "STIBOR 3M by month: P05–P95, P25–P75 and median"))</h3>"
            let R = ReportLabels(lang: f.lang)
            let key: [(String, SVGChart.LegendKey)] = [(R.outerBand, .area(SVGChart.fanColor, opacity: 0.15)), (R.innerBand, .area(SVGChart.fanColor, opacity: 0.30)),
                                                       (R.median, .line(SeriesStyle(color: SVGChart.fanColor, dash: nil, marker: .none, width: 2.5)))]
            let stBands: [(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double)] = st.map { b in
                (b?.p05 ?? 0, b?.p25 ?? 0, b?.p50 ?? 0, b?.p75 ?? 0, b?.p95 ?? 0)
            }
            let months: [String] = sim.bands.map { String($0.date.prefix(7)) }
            s += SVGChart.fan(x: months, bands: stBands, format: ChartFormat.percent(f, decimals: 1), caption: "STIBOR 3M", labelEvery: 12, legend: key)
        }
        return s
    }

    static func notes(_ doc: ResultDocument, _ f: ReportFormat) -> String {
        let t = f.t
        let items = (doc.operating?.assumptions ?? []) + (doc.treasury?.assumptions ?? []) + (doc.investments?.assumptions ?? [])
            + (doc.simulation?.assumptions ?? []) + (doc.indicators?.assumptions ?? [])
        let warnings = doc.warnings.map { HTML.escape($0.message) }
        guard !warnings.isEmpty || !items.isEmpty else { return "" }
        var s = "<h2>\(t("Antaganden och anmärkningar", "Assumptions and notes"))</h2>"
        if !warnings.isEmpty { s += "<h3>\(t("Varningar", "Warnings"))</h3><ul>" + warnings.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        if !items.isEmpty { s += "<h3>\(t("Antaganden", "Assumptions"))</h3><ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>" }
        return s
    }
}
