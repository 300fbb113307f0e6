/// The treasury table's additions of issue 19, rendered from the document: metric rows
/// without derivatives, the floating share (T23), lender and counterparty shares with their
/// policy rows, and the swap book's value per scenario (T24).
enum TreasuryReportRows {
    typealias Row = (String, PolicyRule?, (TreasuryResult.Metrics) -> PrintedCell)

    /// Rows for the metrics table (a label, the policy rule it checks if any, the figure).
    static func rows(_ t: TreasuryResult, all: [TreasuryResult.Metrics], lang: Language) -> [Row] {
        let TL = TreasuryLabels(lang: lang), RL = TreasuryReportLabels(lang: lang)
        func pct(_ v: Double?, _ d: Int) -> PrintedCell { .percent(v, decimals: d) }
        var rows: [Row] = [
            (RL.withoutDerivatives(TL.averageRate), nil, { pct($0.averageRateExclDerivatives, 2) }),
            (RL.withoutDerivatives(PolicyRule.fixingYears.shortLabel(lang)), nil, { .years($0.fixingYearsExclDerivatives) }),
            (RL.withoutDerivatives(PolicyRule.shareFixing12m.shortLabel(lang)), nil, { pct($0.shareFixing12mExclDerivatives, 1) }),
        ]
        for b in PolicySpecs.bucketKeys {
            rows.append((RL.withoutDerivatives(PolicyRule.fixingBucket(b).shortLabel(lang)), nil,
                         { pct(($0.fixingBucketsExclDerivatives ?? [:])[b] ?? nil, 1) }))
        }
        rows.append((RL.floatingShare, nil, { pct($0.floatingShare, 1) }))
        rows.append((RL.withoutDerivatives(RL.floatingShare), nil, { pct($0.floatingShareExclDerivatives, 1) }))
        let lenders = Set(all.flatMap { ($0.byLender ?? [:]).keys }).sorted()
        for name in lenders {
            rows.append((RL.lender(RL.name(name)), nil, { m in m.byLender == nil ? .blank : pct((m.byLender ?? [:])[name] ?? 0, 1) }))
        }
        if !lenders.isEmpty {
            rows.append((PolicyRule.maxLenderShare.shortLabel(lang), .maxLenderShare, { pct($0.value(.maxLenderShare), 1) }))
        }
        let counterparties = Set(all.flatMap { ($0.byCounterparty ?? [:]).keys }).sorted()
        for name in counterparties {
            rows.append((RL.counterparty(RL.name(name)), nil, { m in m.byCounterparty == nil ? .blank : pct((m.byCounterparty ?? [:])[name] ?? 0, 1) }))
        }
        if !counterparties.isEmpty || t.policy.contains(where: { $0.rule == PolicyRule.maxCounterpartySwaps.key }) {
            rows.append((PolicyRule.maxCounterpartySwaps.shortLabel(lang), .maxCounterpartySwaps, { pct($0.value(.maxCounterpartySwaps), 1) }))
        }
        return rows
    }

    /// The swap book's value per date and scenario, and per swap at V (rule T24); none
    /// without swaps.
    static func swapValueTables(_ t: TreasuryResult, unit: AmountUnit, lang: Language) -> [PrintedTable] {
        let RL = TreasuryReportLabels(lang: lang)
        let sv = lang == .sv
        guard let first = t.scenarios.first?.swapMarketValue, let atV = first.first, !atV.bySwap.isEmpty else { return [] }
        var byDate = PrintedTable(title: RL.swapValueTitle(unit: unit), sheet: sv ? "Swappvärde per scenario" : "Swap value by scenario",
                                  headers: [RL.date] + t.scenarios.map(\.display))
        for (i, v) in first.enumerated() {
            let cells: [PrintedCell] = t.scenarios.map { sc in
                .amount((sc.swapMarketValue ?? []).indices.contains(i) ? sc.swapMarketValue![i].total : nil)
            }
            byDate.add([v.date == t.valuationDate ? PrintedCell.isoDate(v.date) : .text(RL.yearEnd(v.date))] + cells)
        }
        var bySwap = PrintedTable(title: RL.swapValueBySwapTitle(date: atV.date, unit: unit), sheet: sv ? "Swappvärde per swap" : "Swap value by swap",
                                  headers: [RL.swap] + t.scenarios.map(\.display))
        for id in atV.bySwap.keys.sorted() {
            bySwap.add([.text(id)] + t.scenarios.map { sc in PrintedCell.amount(sc.swapMarketValue?.first?.bySwap[id] ?? nil) })
        }
        bySwap.add([.text(RL.total)] + t.scenarios.map { sc in PrintedCell.amount(sc.swapMarketValue?.first?.total ?? nil) })
        return [byDate, bySwap]
    }
}
