/// Treasury tables: interest cost per scenario and year; the internal bank's yearly
/// external cost / internal income / municipality net for the base and +1 pp; income per
/// borrower; metrics with policy verdicts; sensitivity; the equity ratio. Rendered from the
/// document's treasury section.
public enum TreasuryTable {
    public static func render(_ t: TreasuryResult, unit: AmountUnit, lang: Language) -> String {
        var printed = section(t, unit: unit, lang: lang)
        printed.blocks.removeAll(where: \.isAssumptions)
        return PrintedText.render(printed, NumberStyle(lang: lang, unit: unit, html: false))
    }

    /// Whether the file lends on (an internal bank): borrowers, or internal income in a year.
    static func hasInternalBank(_ t: TreasuryResult) -> Bool {
        !t.borrowers.isEmpty || t.scenarios.contains { $0.years.contains { ($0.internalIncome ?? 0) != 0 || ($0.marginIncome ?? 0) != 0 } }
    }

    static func section(_ t: TreasuryResult, unit: AmountUnit, lang: Language) -> PrintedSection {
        let sv = lang == .sv
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func a(_ v: Double?) -> String { n.amount(v) }
        func pct(_ v: Double?, _ decimals: Int = 2) -> String { n.percent(v, decimals: decimals) }
        func yrs(_ v: Double?) -> String { n.years(v) }
        let TL = TreasuryLabels(lang: lang), P = PrintedLabels(lang: lang)
        var blocks: [PrintedBlock] = []

        // Interest cost per scenario (columns, by label) and year (rows), the interest budget beside them.
        let RL = TreasuryReportLabels(lang: lang)
        let baseDisplay = t.base?.display ?? t.baseScenario
        let budget = t.interestBudget ?? []
        var t1 = PrintedTable(title: TL.perScenarioTitle(unit: unit), sheet: P.sheetScenarios,
                              headers: [TL.year] + t.scenarios.map(\.display) + (budget.isEmpty ? [] : [TL.budget]))
        for (i, year) in (t.scenarios.first?.years ?? []).enumerated() {
            let amounts: [PrintedCell] = t.scenarios.map { s in PrintedCell.amount(s.years[i].externalInterest) }
            let budgetCell: [PrintedCell] = budget.isEmpty ? [] : [.amount(budget.first { $0.year == year.year }?.amount ?? nil)]
            t1.add([PrintedCell.year(year.year)] + amounts + budgetCell)
        }
        t1.chart = PrintedChart(kind: .line, title: sv ? "Räntekostnad per scenario" : "Interest cost per scenario",
                                series: Array(1..<t1.headers.count), rows: 0..<t1.rows.count)
        t1.notes.append(P.interestSign)
        PartialYearTable.relabel(&t1, t, lang: lang)
        blocks.append(.table(t1))
        if let split = PartialYearTable.table(t, unit: unit, lang: lang) { blocks.append(.table(split)) }

        // Base and +1 pp: external cost, internal income, the municipality's net.
        if let base = t.scenarios.first(where: { $0.name == t.baseScenario })?.years {
            if hasInternalBank(t) {
                let up = t.sensitivity.shiftedYears ?? []
                var t2 = PrintedTable(title: TL.internalBankTitle(base: baseDisplay, unit: unit), sheet: P.sheetInternalBank,
                                      headers: TL.internalBankColumns + TL.shiftedColumns + [TL.averageFundingRate])
                for (y, u) in zip(base, up) {
                    t2.add([.year(y.year), .amount(y.externalInterest), .amount(y.internalIncome), .amount(y.marginIncome), .amount(y.municipalityNet),
                            .amount(u.externalInterest), .amount(u.internalIncome), .amount(u.municipalityNet), .percent(y.averageFundingRate, decimals: 2)])
                }
                t2.notes.append(P.municipalityNetSign)
                PartialYearTable.relabel(&t2, t, lang: lang)
                blocks.append(.table(t2))
            } else {
                blocks.append(.lines(["", P.noInternalBank]))
            }

            if !t.borrowers.isEmpty {
                var t3 = PrintedTable(title: TL.perBorrowerTitle(base: baseDisplay, unit: unit), sheet: P.sheetBorrowers,
                                      headers: [TL.year] + t.borrowers.map(\.name))
                for y in base {
                    let cells: [PrintedCell] = t.borrowers.map { b in PrintedCell.amount(y.internalIncomeByBorrower[b.id] ?? nil) }
                    t3.add([PrintedCell.year(y.year)] + cells)
                }
                t3.notes.append(P.borrowerSign)
                blocks.append(.table(t3))
            }
        }

        // Metrics at V and each year end, with the policy limits beside them.
        let all = [t.metrics] + t.metricsYearEnd
        let prior = t.comparatives
        let priorHeader: [String] = prior.map { [RL.comparativesHeader($0.date).joined(separator: "\n")] } ?? []
        let dateHeaders: [String] = all.map { m in m.date == t.valuationDate ? m.date : "31 dec\n" + String(m.date.prefix(4)) }
        let metricsTitle = sv ? "Nyckeltal och finanspolicy (✗ = utanför gränsen), scenario \(baseDisplay)"
                              : "Metrics and finance policy (✗ = outside the limit), scenario \(baseDisplay)"
        var t4 = PrintedTable(title: metricsTitle, sheet: P.sheetMetrics, headers: [TL.metric] + priorHeader + dateHeaders + [TL.limit])
        // Last year's printed figure beside V, for the metrics `comparatives` carries.
        func priorCell(_ label: String, _ rule: PolicyRule?) -> [PrintedCell] {
            guard let prior else { return [] }
            switch (label, rule) {
            case (TL.debt, nil): return [.amount(prior.debt)]
            case (TL.averageRate, nil): return [prior.averageRate == nil ? .blank : .percent(prior.averageRate, decimals: 2)]
            case (_, .fixingYears?): return [prior.fixingYears == nil ? .blank : .years(prior.fixingYears)]
            case (_, .maturityYears?): return [prior.maturityYears == nil ? .blank : .years(prior.maturityYears)]
            case (_, .shareMaturing12m?): return [prior.shareMaturing12m == nil ? .blank : .percent(prior.shareMaturing12m, decimals: 1)]
            default: return [.blank]
            }
        }
        func limitText(_ rule: PolicyRule) -> String {
            guard let l = t.policy.first(where: { $0.rule == rule.key })?.limit else { return "" }
            let f = { (x: Double) in rule.isYears ? yrs(x) : pct(x, 0) }
            switch (l.min, l.max) {
            case let (lo?, hi?): return "\(f(lo)) – \(f(hi))"
            case let (lo?, nil): return "≥ \(f(lo))"
            case let (nil, hi?): return "≤ \(f(hi))"
            default: return ""
            }
        }
        func mark(_ rule: PolicyRule, _ m: TreasuryResult.Metrics, _ cell: PrintedCell) -> PrintedCell {
            t.policy.first { $0.rule == rule.key && $0.date == m.date }.map { $0.ok ? cell : .marked(cell, " ✗") } ?? cell
        }
        // The policy rules in the table's order, each with its short label and its figure's format.
        let ruleRows: [PolicyRule] = [.fixingYears, .maturityYears, .shareMaturing12m, .shareFixing12m]
            + PolicySpecs.bucketKeys.map { .fixingBucket($0) } + [.greenShare, .derivativeRatio, .swapsWithinFloating, .maxSingleFixingYears]
        typealias Row = (label: String, rule: PolicyRule?, value: (TreasuryResult.Metrics) -> PrintedCell)
        var rows: [Row] = [
            (TL.debt, nil, { m in PrintedCell.amount(m.debt) }),
            (TL.averageRate, nil, { m in PrintedCell.percent(m.averageRate, decimals: 2) }),
        ]
        for rule in ruleRows {
            rows.append((rule.shortLabel(lang), rule, { (m: TreasuryResult.Metrics) -> PrintedCell in
                rule.isYears ? .years(m.value(rule)) : .percent(m.value(rule), decimals: 1)
            }))
        }
        rows.append((TL.onLending, nil, { m in PrintedCell.amount(m.internalLending.total) }))
        rows += TreasuryReportRows.rows(t, all: all, lang: lang).map { (label: $0.0, rule: $0.1, value: $0.2) }
        for row in rows {
            let cells: [PrintedCell] = all.map { m in row.rule.map { mark($0, m, row.value(m)) } ?? row.value(m) }
            t4.add([PrintedCell.text(row.label)] + priorCell(row.label, row.rule) + cells + [PrintedCell.text(row.rule.map(limitText) ?? "")])
        }
        if let mv = t.metrics.swapMarketValue {
            t4.notes.append((sv ? "Swapparnas marknadsvärde vid " : "Swaps' market value at ") + "\(t.valuationDate): \(a(mv.value))")
        }
        if !t.policy.isEmpty {
            let breaches = t.policy.filter { !$0.ok }
            var rules: [String] = []
            for b in breaches where !rules.contains(b.rule) { rules.append(b.rule) }
            let summary = rules.map { rule -> String in
                let dates = breaches.filter { $0.rule == rule }.map(\.date)
                let name = PolicyRule.name(key: rule, lang)
                return dates.count == 1 ? "\(name) (\(dates[0]))"
                    : "\(name) (\(dates.count) \(sv ? "mättidpunkter från" : "dates from") \(dates[0]))"
            }
            t4.notes.append(breaches.isEmpty
                ? (sv ? "Finanspolicyn hålls vid alla mättidpunkter." : "The finance policy holds on every date.")
                : (sv ? "Finanspolicyn bryts: " : "Policy breaches: ") + summary.joined(separator: ", "))
        }
        blocks.append(.table(t4))

        blocks += TreasuryReportRows.swapValueTables(t, unit: unit, lang: lang).map { .table($0) }

        let sens = t.sensitivity
        var t5 = PrintedTable(title: TL.sensitivityTitle(base: t.scenarios.first { $0.name == sens.base }?.display ?? sens.base, unit: unit),
                              sheet: P.sheetSensitivity, headers: TL.sensitivityColumns)
        for y in sens.years { t5.add([.year(y.year), .amount(y.group), .amount(y.municipality), .amount(y.ruleOfThumb)]) }
        t5.notes.append((sv ? "Skuld vid värderingsdagen " : "Debt at the valuation date ") + "\(t.valuationDate): \(a(t.debtAtValuation))")
        t5.notes += P.sensitivityNotes(base: t.scenarios.first { $0.name == sens.base }?.display ?? sens.base, debt: a(t.debtAtValuation) + " " + unit.rawValue)
        blocks.append(.table(t5))

        if let b = t.balance {
            var t6 = PrintedTable(title: TL.equityTitle(onLent: a(b.onLent), unit: unit), sheet: P.sheetEquity, headers: TL.equityColumns)
            t6.add([.text(TL.equityRatio), .percent(b.soliditetBefore, decimals: 1), .percent(b.soliditetAfter, decimals: 1)])
            t6.add([.text(TL.inclPensions), .percent(b.soliditetInclPensionsBefore, decimals: 1), .percent(b.soliditetInclPensionsAfter, decimals: 1)])
            t6.notes.append(sv ? "I den sammanställda redovisningen elimineras den interna fordran."
                               : "In the group accounts the internal receivable is eliminated.")
            blocks.append(.table(t6))
        }
        blocks.append(.assumptions(t.assumptions))
        return PrintedSection(title: sv ? "Räntor och internbank" : "Interest and the internal bank", blocks: blocks)
    }
}
