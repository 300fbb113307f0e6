import Foundation

/// The report's treasury additions of issue 19: metrics without derivatives, the floating
/// share, lender and counterparty shares at V, last year's comparatives, and the swap book's
/// value per scenario (rule T24). Rendered from the document, labels from `TreasuryReportLabels`.
enum TreasuryReportHTML {
    /// The report's way of writing bucket labels (as `Report.ruleLabel`): "0–1 år", "över 7 år".
    static func readerDashes(_ label: String, _ lang: Language) -> String {
        guard let dash = try? NSRegularExpression(pattern: "(\\d)-(\\d)"), let over = try? NSRegularExpression(pattern: ">(\\d)") else { return label }
        let dashed = dash.stringByReplacingMatches(in: label, range: NSRange(label.startIndex..., in: label), withTemplate: "$1–$2")
        return over.stringByReplacingMatches(in: dashed, range: NSRange(dashed.startIndex..., in: dashed),
                                             withTemplate: (lang == .sv ? "över" : "over") + " $1")
    }

    static func extras(_ tr: TreasuryResult, _ f: ReportFormat) -> String {
        let t = f.t
        let TL = TreasuryLabels(lang: f.lang), RL = TreasuryReportLabels(lang: f.lang)
        let m = tr.metrics
        var s = "<h3>\(t("Med och utan derivat, andel rörlig ränta och långivare vid", "With and without derivatives, floating share and lenders at")) \(HTML.escape(m.date))</h3>"
        s += HTML.table([TL.metric, t("Värde", "Value")],
                        TreasuryReportRows.rows(tr, all: [m], lang: f.lang).map { [HTML.escape(readerDashes($0.0, f.lang)), HTML.escape($0.2(m).text(f))] })
        if let c = tr.comparatives {
            s += "<h3>\(t("Jämförelse med föregående år", "Compared with the prior year"))</h3>"
            s += HTML.table([TL.metric, HTML.escape(c.date), HTML.escape(m.date)], [
                [TL.debt, f.amount(c.debt), f.amount(m.debt)],
                [TL.averageRate, f.percent(c.averageRate), f.percent(m.averageRate)],
                [PolicyRule.fixingYears.shortLabel(f.lang), f.years(c.fixingYears), f.years(m.fixingYears)],
                [PolicyRule.maturityYears.shortLabel(f.lang), f.years(c.maturityYears), f.years(m.maturityYears)],
                [PolicyRule.shareMaturing12m.shortLabel(f.lang), f.percent(c.shareMaturing12m, decimals: 1), f.percent(m.shareMaturing12m, decimals: 1)],
            ])
        }
        if let first = tr.scenarios.first?.swapMarketValue, let atV = first.first, !atV.bySwap.isEmpty {
            s += "<h3>\(HTML.escape(RL.swapValueTitle(unit: f.unit)))</h3>"
            s += HTML.table([RL.date] + tr.scenarios.map { HTML.escape($0.display) }, first.indices.map { i in
                [first[i].date == tr.valuationDate ? first[i].date : RL.yearEnd(first[i].date)]
                    + tr.scenarios.map { sc in f.amount((sc.swapMarketValue ?? []).indices.contains(i) ? sc.swapMarketValue![i].total : nil) }
            })
            s += "<h3>\(HTML.escape(RL.swapValueBySwapTitle(date: atV.date, unit: f.unit)))</h3>"
            s += HTML.table([RL.swap] + tr.scenarios.map { HTML.escape($0.display) }, atV.bySwap.keys.sorted().map { id in
                [HTML.escape(id)] + tr.scenarios.map { sc in f.amount(sc.swapMarketValue?.first?.bySwap[id] ?? nil) }
            })
        }
        return s
    }
}
