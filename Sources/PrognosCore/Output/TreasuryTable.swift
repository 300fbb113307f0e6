/// Treasury tables: interest cost per scenario and year; the internal bank's yearly
/// external cost / internal income / municipality net for the base and +1 pp; income per
/// borrower; metrics with policy verdicts; sensitivity; the equity ratio. Rendered from the
/// document's treasury section.
public enum TreasuryTable {
    public static func render(_ t: TreasuryResult, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func a(_ v: Double?) -> String { n.amount(v) }
        func pct(_ v: Double?, _ decimals: Int = 2) -> String { n.percent(v, decimals: decimals) }
        func yrs(_ v: Double?) -> String { n.years(v) }
        let TL = TreasuryLabels(lang: lang)
        var out: [String] = []
        func section(_ title: String, _ table: TextTable) {
            if !out.isEmpty { out.append("") }
            out.append(title)
            out.append("")
            out.append(table.render())
        }

        // Interest cost per scenario (columns) and year (rows).
        let RL = TreasuryReportLabels(lang: lang)
        let baseDisplay = t.base?.display ?? t.baseScenario
        var t1 = TextTable(headers: [[TL.year]] + t.scenarios.map { [$0.display] })
        for (i, year) in (t.scenarios.first?.years ?? []).enumerated() {
            t1.add([String(year.year)] + t.scenarios.map { a($0.years[i].externalInterest) })
        }
        let budget = t.interestBudget ?? []
        if !budget.isEmpty {
            t1.headers.append([TL.budget])
            for i in t1.rows.indices { t1.rows[i].append(a(budget.first { String($0.year) == t1.rows[i][0] }?.amount ?? nil)) }
        }
        PartialYearTable.relabel(&t1, t, lang: lang)
        section(TL.perScenarioTitle(unit: unit), t1)
        if let split = PartialYearTable.table(t, unit: unit, lang: lang) { section(split.title, split.table) }

        // Base and +1 pp: external cost, internal income, the municipality's net.
        let base = t.scenarios.first { $0.name == t.baseScenario }?.years
        if let base {
            let up = t.sensitivity.shiftedYears ?? []
            var t2 = TextTable(headers: (TL.internalBankColumns + TL.shiftedColumns + [TL.averageFundingRate]).map(SectionLabel.lines))
            for (y, u) in zip(base, up) {
                t2.add([String(y.year), a(y.externalInterest), a(y.internalIncome), a(y.marginIncome), a(y.municipalityNet),
                        a(u.externalInterest), a(u.internalIncome), a(u.municipalityNet), pct(y.averageFundingRate)])
            }
            PartialYearTable.relabel(&t2, t, lang: lang)
            section(TL.internalBankTitle(base: baseDisplay, unit: unit), t2)

            if !t.borrowers.isEmpty {
                var t3 = TextTable(headers: [[TL.year]] + t.borrowers.map { [$0.name] })
                for y in base { t3.add([String(y.year)] + t.borrowers.map { a(y.internalIncomeByBorrower[$0.id] ?? nil) }) }
                section(TL.perBorrowerTitle(base: baseDisplay, unit: unit), t3)
            }
        }

        // Metrics at V and each year end, with the policy limits beside them.
        let all = [t.metrics] + t.metricsYearEnd
        let prior = t.comparatives
        var t4 = TextTable(headers: [[TL.metric]] + (prior.map { [RL.comparativesHeader($0.date)] } ?? []) + all.map { m in
            m.date == t.valuationDate ? [m.date] : ["31 dec", String(m.date.prefix(4))]
        } + [[TL.limit]])
        // Last year's printed figure beside V, for the metrics `comparatives` carries.
        func priorCell(_ label: String, _ rule: PolicyRule?) -> [String] {
            guard let prior else { return [] }
            switch (label, rule) {
            case (TL.debt, nil): return [a(prior.debt)]
            case (TL.averageRate, nil): return [prior.averageRate == nil ? "" : pct(prior.averageRate)]
            case (_, .fixingYears?): return [prior.fixingYears == nil ? "" : yrs(prior.fixingYears)]
            case (_, .maturityYears?): return [prior.maturityYears == nil ? "" : yrs(prior.maturityYears)]
            case (_, .shareMaturing12m?): return [prior.shareMaturing12m == nil ? "" : pct(prior.shareMaturing12m, 1)]
            default: return [""]
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
        func mark(_ rule: PolicyRule, _ m: TreasuryResult.Metrics) -> String {
            t.policy.first { $0.rule == rule.key && $0.date == m.date }.map { $0.ok ? "" : " ✗" } ?? ""
        }
        // The policy rules in the table's order, each with its short label and its figure's format.
        let ruleRows: [PolicyRule] = [.fixingYears, .maturityYears, .shareMaturing12m, .shareFixing12m]
            + PolicySpecs.bucketKeys.map { .fixingBucket($0) } + [.greenShare, .derivativeRatio, .swapsWithinFloating, .maxSingleFixingYears]
        var rows: [(String, PolicyRule?, (TreasuryResult.Metrics) -> String)] = [
            (TL.debt, nil, { a($0.debt) }),
            (TL.averageRate, nil, { pct($0.averageRate) }),
        ] + ruleRows.map { rule in
            (rule.shortLabel(lang), rule, { m in rule.isYears ? yrs(m.value(rule)) : pct(m.value(rule), 1) })
        } + [
            (TL.onLending, nil, { a($0.internalLending.total) }),
        ]
        rows += TreasuryReportRows.rows(t, all: all, lang: lang, n: n)
        for (label, rule, value) in rows {
            t4.add([label] + priorCell(label, rule) + all.map { m in value(m) + (rule.map { mark($0, m) } ?? "") } + [rule.map(limitText) ?? ""])
        }
        section(sv ? "Nyckeltal och finanspolicy (✗ = utanför gränsen), scenario \(baseDisplay)"
                   : "Metrics and finance policy (✗ = outside the limit), scenario \(baseDisplay)", t4)
        if let mv = t.metrics.swapMarketValue {
            out.append((sv ? "Swapparnas marknadsvärde vid " : "Swaps' market value at ") + "\(t.valuationDate): \(a(mv.value))")
        }
        let breaches = t.policy.filter { !$0.ok }
        if !t.policy.isEmpty {
            var rules: [String] = []
            for b in breaches where !rules.contains(b.rule) { rules.append(b.rule) }
            let summary = rules.map { rule -> String in
                let dates = breaches.filter { $0.rule == rule }.map(\.date)
                return dates.count == 1 ? "\(rule) (\(dates[0]))"
                    : "\(rule) (\(dates.count) \(sv ? "mättidpunkter från" : "dates from") \(dates[0]))"
            }
            out.append(breaches.isEmpty
                ? (sv ? "Finanspolicyn hålls vid alla mättidpunkter." : "The finance policy holds on every date.")
                : (sv ? "Finanspolicyn bryts: " : "Policy breaches: ") + summary.joined(separator: ", "))
        }

        for (title, table) in TreasuryReportRows.swapValueTables(t, unit: unit, lang: lang, n: n) { section(title, table) }

        let sens = t.sensitivity
        var t5 = TextTable(headers: TL.sensitivityColumns.map(SectionLabel.lines))
        for y in sens.years { t5.add([String(y.year), a(y.group), a(y.municipality), a(y.ruleOfThumb)]) }
        section(TL.sensitivityTitle(base: t.scenarios.first { $0.name == sens.base }?.display ?? sens.base, unit: unit), t5)
        out.append((sv ? "Skuld vid värderingsdagen " : "Debt at the valuation date ") + "\(t.valuationDate): \(a(t.debtAtValuation))")

        if let b = t.balance {
            var t6 = TextTable(headers: TL.equityColumns.map(SectionLabel.lines))
            t6.add([TL.equityRatio, pct(b.soliditetBefore, 1), pct(b.soliditetAfter, 1)])
            t6.add([TL.inclPensions,
                    pct(b.soliditetInclPensionsBefore, 1), pct(b.soliditetInclPensionsAfter, 1)])
            section(TL.equityTitle(onLent: a(b.onLent), unit: unit), t6)
            out.append(sv ? "I den sammanställda redovisningen elimineras den interna fordran."
                          : "In the group accounts the internal receivable is eliminated.")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
