/// Amounts in kronor as JSON and CSV write them: rounded to the öre, half away from zero
/// (issue 14 item 6, docs/decisions.md "Amounts to the öre"). Amounts read from files are
/// exact decimals; binary arithmetic adds noise (`0.7 kr` read as 0.7000000000000002 after
/// scaling, 0.1 + 0.2 = 0.30000000000000004) that must not reach a reader. Rates, shares,
/// probabilities and years keep full precision.
public enum Ore {
    /// Beyond this many kronor a Double has no öre left to round (its spacing is about 0.002 kr
    /// at 10^13); the value is returned as it is.
    static let limit = 1e13

    /// `v` rounded to 2 decimals, half away from zero, as the decimal the value's shortest
    /// round-trip text shows: 0.125 → 0.13, −0.125 → −0.13, 1.005 (written so in a file; its
    /// binary value is a hair below) → 1.01, 0.7000000000000002 → 0.7. The result is the
    /// Double nearest that decimal, so it prints as at most two decimals.
    public static func round(_ v: Double) -> Double {
        guard v.isFinite, abs(v) < limit else { return v }
        let y = v * 100
        let whole = abs(y).rounded(.down)
        let fraction = abs(y) - whole
        // Far from a tie the binary value decides as the decimal would: round it directly.
        // r is an integer below 2^53, so r / 100 is the Double nearest the decimal r/100.
        if abs(fraction - 0.5) > max(1e-6, 8 * abs(y).ulp) {
            let r = y.rounded(.toNearestOrAwayFromZero)
            return r == 0 ? 0 : r / 100
        }
        return decimalRound(v)
    }

    /// Near a tie: round the shortest decimal text of `v` (what a person wrote, `1.005`).
    static func decimalRound(_ v: Double) -> Double {
        var text = String(abs(v))   // "1.005", "0.125", "1e-05", "1.2345e+12"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0]) + (parts.count > 1 ? Array(parts[1]) : [])
        // The decimal point sits after `point` digits of `digits`.
        var point = parts[0].count + exponent
        if point < 0 { digits = Array(repeating: "0", count: -point) + digits; point = 0 }
        while digits.count < point + 3 { digits.append("0") }
        // Keep two decimals; the third decides (half away from zero: 5 or more rounds up).
        var kept = digits[0..<(point + 2)].map { Int($0.asciiValue! - 48) }
        if digits[point + 2].asciiValue! >= UInt8(ascii: "5") {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 { kept.insert(1, at: 0); point += 1 }
        }
        let intDigits = kept[0..<point].map(String.init).joined()
        let fracDigits = kept[point...].map(String.init).joined()
        let magnitude = Double((intDigits.isEmpty ? "0" : intDigits) + "." + fracDigits) ?? abs(v)
        return magnitude == 0 ? 0 : (v < 0 ? -magnitude : magnitude)
    }

    /// For JSON: an amount rounded to the öre, NSNull-free (the caller maps nil).
    public static func round(_ v: Double?) -> Double? { v.map { round($0) } }
}
