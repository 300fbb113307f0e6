/// The unit a scenario file writes its amounts in (`unit:`); the core computes in kronor.
public enum AmountUnit: String, CaseIterable, Sendable {
    case mnkr, tkr, kr

    /// Amount in kronor = amount in this unit × 10^exponent.
    public var exponent: Int {
        switch self {
        case .mnkr: return 6
        case .tkr: return 3
        case .kr: return 0
        }
    }

    /// Kronor per unit.
    public var factor: Double {
        switch self {
        case .mnkr: return 1e6
        case .tkr: return 1e3
        case .kr: return 1
        }
    }

    /// Decimals a table prints in this unit: one for mnkr, none for tkr and kr.
    public var decimals: Int { self == .mnkr ? 1 : 0 }

    /// Half a unit of the last printed digit, in kronor (rule O8): 0.05 mnkr, 0.5 tkr, 0.5 kr.
    public var halfLastDigit: Double { self == .mnkr ? 0.05e6 : 0.5 * factor }
}

/// Parsing of the scalar kinds of the file format. Each returns the value or a
/// message saying what was expected; the caller adds the position (rule F1:
/// the key decides the type, never YAML's implicit typing).
public enum Literal {
    /// Amounts above this many kronor are rejected as absurd (100,000 bn SEK;
    /// Sweden's whole municipal sector turns over about 1,000 bn a year).
    public static let absurdAmount = 1e14

    /// A decimal number, correctly rounded, scaled by 10^shift without rounding twice:
    /// "6.8" with shift 6 is parsed as the text "6.8e6", so 6.8 mnkr is exactly 6,800,000 kr.
    public static func decimal(_ raw: String, shift: Int = 0) -> Double? {
        var text = Substring(raw.trimmingSpaces())
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(text[text.index(after: e)...]) , abs(x) < 10_000 else { return nil }
            exponent = x
            text = text[..<e]
        }
        var body = text
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, pieces.count <= 2,
              pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              pieces.contains(where: { !$0.isEmpty }) else { return nil }
        return Double("\(text)e\(exponent + shift)")
    }

    /// An amount in `unit`, returned in kronor.
    public static func amount(_ text: String, unit: AmountUnit) -> Parsed<Double> {
        guard let v = decimal(text, shift: unit.exponent) else {
            let t = text.trimmingSpaces().lowercased()
            if [".inf", "+.inf", "-.inf", ".nan", "inf", "nan", "infinity", "-infinity"].contains(t) {
                return .failure("amount '\(text)' is not a finite number")
            }
            return .failure("expected an amount (a number in \(unit.rawValue)), found '\(text)'")
        }
        guard v.isFinite else { return .failure("amount '\(text)' is not a finite number") }
        guard abs(v) <= absurdAmount else {
            return .failure("amount '\(text)' \(unit.rawValue) is absurd (more than 100,000 bn kronor)")
        }
        return .success(v == 0 ? 0 : v)
    }

    /// A rate with its unit, `3.25%` or `25bp` (also `-0.5%`), as a decimal (0.0325).
    /// A bare number is an error: is `4` four percent or 400 %?
    public static func rate(_ text: String) -> Parsed<Double> {
        let t = text.trimmingSpaces()
        let value: Double?
        if t.hasSuffix("%") {
            value = decimal(String(t.dropLast()), shift: -2)
        } else if t.lowercased().hasSuffix("bp") {
            value = decimal(String(t.dropLast(2)), shift: -4)
        } else if decimal(t) != nil {
            return .failure("rate '\(t)' has no unit; write \(t)% or \(bpHint(t))bp")
        } else {
            value = nil
        }
        guard let v = value, v.isFinite else {
            return .failure("expected a rate such as 3.25% or 25bp, found '\(t)'")
        }
        guard abs(v) <= 1 else { return .failure("rate '\(t)' is outside −100 % … 100 %") }
        return .success(v == 0 ? 0 : v)
    }

    private static func bpHint(_ t: String) -> String {
        guard let v = decimal(t, shift: 2) else { return t }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// `true` or `false` only (rule F1: `yes`, `no`, `on`, `off` are errors).
    public static func bool(_ text: String) -> Parsed<Bool> {
        switch text.trimmingSpaces() {
        case "true": return .success(true)
        case "false": return .success(false)
        default: return .failure("expected true or false, found '\(text)'")
        }
    }

    /// A whole number (no sign tricks, no underscores).
    public static func integer(_ text: String) -> Parsed<Int> {
        let t = text.trimmingSpaces()
        guard let v = Int(t) else { return .failure("expected a whole number, found '\(text)'") }
        return .success(v)
    }

    public static func date(_ text: String) -> Parsed<Day> {
        let t = text.trimmingSpaces()
        if let d = Day(iso: t) { return .success(d) }
        if t.count == 10, t.split(separator: "-").count == 3 {
            return .failure("'\(t)' is not a real date")
        }
        return .failure("expected an ISO date YYYY-MM-DD, found '\(t)'")
    }

    public static func month(_ text: String) -> Parsed<Month> {
        let t = text.trimmingSpaces()
        if let m = Month(iso: t) { return .success(m) }
        return .failure("expected an ISO month YYYY-MM, found '\(t)'")
    }
}

extension String {
    /// Trims ASCII spaces and tabs (Foundation-free).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

/// What a literal parser says when the text is not what the key expects.
public struct LiteralError: Error, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let message: String
    public init(stringLiteral value: String) { message = value }
    public var description: String { message }
}

public typealias Parsed<T> = Result<T, LiteralError>
