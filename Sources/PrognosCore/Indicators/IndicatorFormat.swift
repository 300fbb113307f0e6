/// How indicator figures, targets, statuses and trends are written in tables and the report.
public struct IndicatorFormat: Sendable {
    public let lang: Language
    /// Thousands separator (a space in text, U+202F in HTML for Swedish).
    public let groupMark: String
    /// Between a lagging value and its year: a no-break space in HTML so "1 878 (2021)" stays on one line.
    let yearSpace: String

    public init(lang: Language, html: Bool = false) {
        self.lang = lang
        groupMark = lang == .sv ? (html ? "\u{202F}" : " ") : ","
        yearSpace = html ? "\u{00A0}" : " "
    }

    var sv: Bool { lang == .sv }

    /// A figure with the decimals the file wrote; a lagging one with its year; I.U. for null.
    public func value(_ v: IndicatorValue?) -> String {
        guard let v else { return "" }
        guard let x = v.value else { return sv ? "I.U." : "n/a" }
        var s = Format.grouped(x, decimals: v.decimals, decimalMark: sv ? "," : ".", groupMark: abs(x) >= 1_000 ? groupMark : "")
        if s.hasPrefix("-") { s = "−" + s.dropFirst() }
        return v.refersTo.map { "\(s)\(yearSpace)(\($0))" } ?? s
    }

    func figure(_ x: Double, unit: String?, decimals: Int) -> String {
        value(IndicatorValue(value: x, refersTo: nil, decimals: decimals)) + (unit == "%" ? "\u{00A0}%" : "")
    }

    /// Önskad riktning/värde of an indicator, its figure with the decimals the file wrote.
    public func target(of i: Indicator) -> String { target(i.target, unit: i.unit, decimals: i.targetDecimals) }

    /// Önskad riktning/värde as the report writes it.
    public func target(_ t: IndicatorTarget?, unit: String?, decimals: Int = 0) -> String {
        guard let t else { return "-" }
        switch t {
        case .increase: return sv ? "Öka" : "Increase"
        case .decrease: return sv ? "Minska" : "Decrease"
        case .min(let m) where m == 0: return sv ? "Ej negativ" : "Not negative"
        case .min(let m): return "≥ " + figure(m, unit: unit, decimals: decimals)
        case .below(let b): return (sv ? "Mindre än " : "Less than ") + figure(b, unit: unit, decimals: decimals)
        case .value(let x, let higher): return figure(x, unit: unit, decimals: decimals) + (higher ? (sv ? " (högre bättre)" : " (higher is better)")
                                                                              : (sv ? " (lägre bättre)" : " (lower is better)"))
        }
    }

    public func status(_ s: IndicatorStatus) -> String {
        switch s {
        case .met: return sv ? "Uppfyllt" : "Met"
        case .notMet: return sv ? "Ej uppfyllt" : "Not met"
        case .noData: return sv ? "Ingen uppgift" : "No data"
        case .noTarget: return sv ? "Inget mål" : "No target"
        }
    }

    public func trend(_ t: IndicatorTrend?) -> String {
        switch t {
        case .improving: return sv ? "Förbättras" : "Improving"
        case .worsening: return sv ? "Försämras" : "Worsening"
        case .unchanged: return sv ? "Oförändrad" : "Unchanged"
        case nil: return "–"
        }
    }
}
