import Foundation

/// The language of tables: Swedish (default, decimal comma, as the report) or English.
public enum Language: String, Sendable, CaseIterable {
    case sv, en
}

/// Number formatting for tables and messages.
public enum Format {
    /// `v` kronor in `unit`, rounded half away from zero to the unit's decimals,
    /// with a thousands separator: sv `1 234,5`, en `1,234.5`. Nil prints as `–`.
    public static func amount(_ v: Double?, _ unit: AmountUnit, _ lang: Language) -> String {
        guard let v else { return "–" }
        return grouped(v / unit.factor, decimals: unit.decimals,
                       decimalMark: lang == .sv ? "," : ".", groupMark: lang == .sv ? " " : ",")
    }

    /// `v` kronor in `unit` for messages: decimal point, no grouping (`160.4`).
    public static func plain(_ v: Double, _ unit: AmountUnit) -> String {
        grouped(v / unit.factor, decimals: unit.decimals, decimalMark: ".", groupMark: "")
    }

    static func grouped(_ x: Double, decimals: Int, decimalMark: String, groupMark: String) -> String {
        guard x.isFinite else { return String(x) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        var digits: String, fraction: String
        if scaled < 9e15 {
            let n = Int(scaled)
            digits = String(n / Int(scale))
            let f = String(n % Int(scale))
            fraction = decimals > 0 ? String(repeating: "0", count: decimals - f.count) + f : ""
        } else if scaled >= 1e21 {
            // Beyond any municipality's figure (a tampered or runaway result): a power of ten in the
            // language's decimal mark, `1,00e+308`, not a 309-digit cell.
            return (x < 0 ? "-" : "") + String(format: "%.2e", abs(x)).replacingOccurrences(of: ".", with: decimalMark)
        } else {
            // Beyond Int's exact range (a runaway what-if): every digit C's %f gives, grouped the
            // same way, never `1.33e+17` with a decimal point in a Swedish table.
            let full = String(format: "%.\(decimals)f", abs(x)).split(separator: ".")
            digits = String(full[0])
            fraction = full.count > 1 ? String(full[1]) : ""
        }
        if !groupMark.isEmpty {
            var out = ""
            for (i, c) in digits.reversed().enumerated() {
                if i > 0, i % 3 == 0 { out.append(contentsOf: groupMark.reversed()) }
                out.append(c)
            }
            digits = String(out.reversed())
        }
        var s = (x < 0 && scaled != 0 ? "-" : "") + digits
        if decimals > 0 { s += decimalMark + fraction }
        return s
    }

    /// Kronor for CSV: integral values without a fraction, others in full precision.
    static func machine(_ v: Double?, decimalComma: Bool) -> String {
        guard let v else { return "" }
        let s = v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        return decimalComma ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}

/// The one number style of every view: amounts in the file's unit, percentages and plain
/// figures, in a language (decimal comma or point) for text or HTML. Text groups thousands
/// with a space (sv) or a comma (en) and writes `-` and ` %`; HTML uses a narrow no-break
/// space (U+202F), the minus sign `−` and a no-break space before `%`. Nil is `–`.
public struct NumberStyle: Sendable {
    public let lang: Language
    public let unit: AmountUnit
    public let html: Bool

    public init(lang: Language, unit: AmountUnit, html: Bool) { self.lang = lang; self.unit = unit; self.html = html }

    var sv: Bool { lang == .sv }
    var decimalMark: String { sv ? "," : "." }
    var groupMark: String { sv ? (html ? "\u{202F}" : " ") : "," }

    private func signed(_ s: String) -> String { html && s.hasPrefix("-") ? "−" + s.dropFirst() : s }

    /// An amount in kronor, printed in the unit with its decimals.
    public func amount(_ kronor: Double?) -> String {
        guard let v = kronor, !html || v.isFinite else { return "–" }
        return signed(Format.grouped(v / unit.factor, decimals: unit.decimals, decimalMark: decimalMark, groupMark: groupMark))
    }

    /// An amount in kronor with `extra` more decimals than the unit's (a standard error).
    public func fineAmount(_ kronor: Double?, extra: Int) -> String {
        guard let v = kronor else { return "–" }
        return signed(Format.grouped(v / unit.factor, decimals: unit.decimals + extra, decimalMark: decimalMark, groupMark: groupMark))
    }

    /// A decimal rate or share as a percentage.
    public func percent(_ rate: Double?, decimals: Int = 2) -> String {
        guard let v = rate, v.isFinite else { return "–" }
        return signed(Format.grouped(v * 100, decimals: decimals, decimalMark: decimalMark, groupMark: "")) + (html ? "\u{00A0}%" : " %")
    }

    /// A plain figure (thousands grouped in HTML only).
    public func number(_ v: Double?, decimals: Int) -> String {
        guard let v, v.isFinite else { return "–" }
        return signed(Format.grouped(v, decimals: decimals, decimalMark: decimalMark, groupMark: html ? groupMark : ""))
    }

    /// Years with two decimals: `6,12 år` / `6.12 y`.
    public func years(_ v: Double?) -> String {
        guard v != nil else { return "–" }
        return number(v, decimals: 2) + (sv ? " år" : " y")
    }

    /// The Swedish or the English text.
    public func t(_ sv: String, _ en: String) -> String { self.sv ? sv : en }
}
