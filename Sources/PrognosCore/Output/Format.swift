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
        guard scaled < 9e15 else { return String(x) }
        let n = Int(scaled)
        let intPart = n / Int(scale), frac = n % Int(scale)
        var digits = String(intPart)
        if !groupMark.isEmpty {
            var out = ""
            for (i, c) in digits.reversed().enumerated() {
                if i > 0, i % 3 == 0 { out.append(contentsOf: groupMark.reversed()) }
                out.append(c)
            }
            digits = String(out.reversed())
        }
        var s = (x < 0 && n != 0 ? "-" : "") + digits
        if decimals > 0 {
            let f = String(frac)
            s += decimalMark + String(repeating: "0", count: decimals - f.count) + f
        }
        return s
    }

    /// Kronor for CSV: integral values without a fraction, others in full precision.
    static func machine(_ v: Double?, decimalComma: Bool) -> String {
        guard let v else { return "" }
        let s = v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        return decimalComma ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}
