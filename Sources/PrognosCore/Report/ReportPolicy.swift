import Foundation

/// Finance-policy texts of the report as a reader writes them: limits "1,5–4,0 år",
/// "10–30 %", "högst 30 %"; buckets "0–1 år".
extension Report {
    /// A policy rule's label with an en dash in number ranges ("Räntebindning 0–1 år").
    static func ruleLabel(_ key: String, _ lang: Language) -> String {
        let label = PolicyRule(key: key)?.label(lang) ?? key
        guard let dash = try? NSRegularExpression(pattern: "(\\d)-(\\d)"), let over = try? NSRegularExpression(pattern: ">(\\d)") else { return label }
        let dashed = dash.stringByReplacingMatches(in: label, range: NSRange(label.startIndex..., in: label), withTemplate: "$1–$2")
        return over.stringByReplacingMatches(in: dashed, range: NSRange(dashed.startIndex..., in: dashed),
                                             withTemplate: (lang == .sv ? "över" : "over") + " $1")
    }

    /// A limit's bound: years with one decimal ("1,5", two where the limit has them); a
    /// share as a whole percentage where it is whole ("30"), else with one or two decimals.
    static func bound(_ x: Double, years: Bool, _ f: ReportFormat) -> String {
        func whole(_ v: Double, _ d: Int) -> Bool { let p = pow(10, Double(d)); return abs((v * p).rounded() - v * p) < 1e-7 }
        if years { return f.number(x, decimals: whole(x, 1) ? 1 : 2) }
        let pct = x * 100
        return f.number(pct, decimals: whole(pct, 0) ? 0 : whole(pct, 1) ? 1 : 2)
    }

    /// The limit as a reader writes it: "1,5–4,0 år", "10–30 %", "minst 20 %", "högst 7,0 år".
    static func limitText(_ rule: String, _ limit: TreasuryResult.Limit, _ f: ReportFormat) -> String {
        let L = ReportLabels(lang: f.lang)
        let years = PolicyRule(key: rule)?.isYears ?? false
        let unit = years ? "\u{00A0}" + L.years : "\u{00A0}%"
        switch (limit.min, limit.max) {
        case let (lo?, hi?): return L.range(bound(lo, years: years, f), bound(hi, years: years, f)) + unit
        case let (lo?, nil): return L.fromLabel + "\u{00A0}" + bound(lo, years: years, f) + unit
        case let (nil, hi?): return L.toLabel + "\u{00A0}" + bound(hi, years: years, f) + unit
        case (nil, nil): return L.noLimit
        }
    }
}

extension ResultDocument {
    /// The one treasury page of `prognos simulate --report`: this document's simulation
    /// beside the deterministic run of the same file (its rate scenarios, metrics, policy
    /// verdicts and every other section), so a treasurer brings one report to the meeting.
    /// Warnings of both runs, each once.
    public func addingDeterministic(_ deterministic: ResultDocument) -> ResultDocument {
        var doc = deterministic
        doc.simulation = simulation
        for w in warnings where !doc.warnings.contains(w) { doc.warnings.append(w) }
        return doc
    }
}
