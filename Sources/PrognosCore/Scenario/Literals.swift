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
        if isPlainDecimal(raw) { return Double("\(raw)e\(shift)") }
        var text = Substring(raw.trimmingSpaces())
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(text[text.index(after: e)...]), (-9_999...9_999).contains(x) else { return nil }
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
            if looksGrouped(text) {
                return .failure(LiteralError(stringLiteral: "amount '\(text.trimmingSpaces())' has a thousands separator or a decimal comma; write the number "
                                + "with a decimal point and no grouping (1234567.5, or 1.2e6)"))
            }
            return .failure("expected an amount (a number in \(unit.rawValue)), found '\(text)'")
        }
        guard v.isFinite else { return .failure("amount '\(text)' is not a finite number") }
        guard abs(v) <= absurdAmount else {
            return .failure("amount '\(text)' \(unit.rawValue) is absurd (more than 100,000 bn kronor)")
        }
        return .success(v == 0 ? 0 : v)
    }

    /// Digits with `,`, `_`, `'` or a space between them and nothing else but a sign, a dot and
    /// an exponent: a number written with grouping or a decimal comma, which YAML amounts refuse.
    static func looksGrouped(_ text: String) -> Bool {
        let t = Array(text.trimmingSpaces())
        let separators: Set<Character> = [",", "_", "'", " ", "\u{00A0}", "\u{2009}", "\u{202F}"]
        guard t.contains(where: { separators.contains($0) }) else { return false }
        for (i, c) in t.enumerated() {
            if separators.contains(c) {
                guard i > 0, i + 1 < t.count, t[i - 1].isASCII, t[i - 1].isNumber, t[i + 1].isASCII, t[i + 1].isNumber else { return false }
            } else if !(c.isASCII && (c.isNumber || c == "." || c == "-" || c == "+" || c == "e" || c == "E")) {
                return false
            }
        }
        return true
    }

    /// A number cell of a CSV input made ready for `amount` and `rate` (rule F3), or refused
    /// with a hint where it could be read two ways (issue 14 item 1). With `semicolon` (Swedish
    /// exports) the decimal mark is `,` and thousands are grouped with spaces (also NBSP and thin
    /// spaces) in groups of three: `1 234 567,5`; a `.` alone is a decimal point (`44.75`) unless
    /// the number could be dot-grouped thousands (`1.234`: one to three digits, not starting
    /// with 0, a dot and exactly three digits), which is refused; `.` and `,` together
    /// (`1.234,5`, `1,234.5`), two commas, two dots or misplaced groups are refused. Under `,`
    /// a number has a decimal point and no grouping: a comma (only possible in a quoted cell) or
    /// a space inside is refused. Text that is not a number passes unchanged for the literal
    /// parser to reject.
    public static func csvNumber(_ raw: String, semicolon: Bool) -> Parsed<String> {
        if let plain = plainCSVNumber(raw, semicolon: semicolon) { return .success(plain) }
        let s = raw.trimmingSpaces()
        let groupSpaces: Set<Character> = [" ", "\u{00A0}", "\u{2009}", "\u{202F}"]
        var body = Substring(s)
        var sign = ""
        if let f = body.first, f == "+" || f == "-" { sign = String(f); body = body.dropFirst() }
        var suffix = ""
        if body.hasSuffix("%") {
            suffix = "%"; body = body.dropLast()
        } else if body.lowercased().hasSuffix("bp") {
            suffix = String(body.suffix(2)); body = body.dropLast(2)
        }
        while let l = body.last, groupSpaces.contains(l) { body = body.dropLast() }   // `3,25 %`
        var exponent = ""
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = String(body[e...]); body = body[..<e]
        }
        guard !body.isEmpty, body.contains(where: { $0.isASCII && $0.isNumber }),
              body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," || groupSpaces.contains($0) }) else {
            return .success(s)
        }
        let commas = body.filter { $0 == "," }.count, dots = body.filter { $0 == "." }.count
        let hasSpace = body.contains(where: { groupSpaces.contains($0) })
        if !semicolon {
            if commas > 0 {
                return .failure(LiteralError(stringLiteral: "number '\(s)' has a comma: in a ','-delimited file a number has a decimal point and no "
                                + "thousands separator (write 1234.5); or use ';' as the delimiter with a decimal comma"))
            }
            if hasSpace {
                return .failure(LiteralError(stringLiteral: "number '\(s)' has a space inside: in a ','-delimited file a number has no thousands "
                                + "separator (write 1234.5)"))
            }
            return .success(s)
        }
        let hint = "under ';' the decimal mark is ',' and thousands are grouped with spaces (1 234 567,5)"
        if commas > 0 && dots > 0 {
            return .failure("number '\(s)' mixes '.' and ',', which is read two ways; \(hint)")
        }
        if commas > 1 || dots > 1 {
            return .failure("number '\(s)' has more than one '\(commas > 1 ? "," : ".")'; \(hint)")
        }
        let mark = body.firstIndex { $0 == "," || $0 == "." }
        let intPart = mark.map { body[..<$0] } ?? body
        let fracPart = mark.map { body[body.index(after: $0)...] } ?? ""
        if fracPart.contains(where: { groupSpaces.contains($0) }) {
            return .failure("number '\(s)' has a space after the decimal mark; \(hint)")
        }
        if hasSpace {
            let groups = intPart.split(omittingEmptySubsequences: false, whereSeparator: { groupSpaces.contains($0) })
            guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return .failure("number '\(s)' has a misplaced thousands separator: groups are three digits; \(hint)")
            }
        }
        if dots == 1, !hasSpace, exponent.isEmpty, (1...3).contains(intPart.count), intPart.first != "0", fracPart.count == 3 {
            return .failure(LiteralError(stringLiteral: "number '\(s)' is ambiguous: a decimal point or a thousands separator? \(hint); "
                            + "write \(intPart),\(fracPart) or \(intPart) \(fracPart)"))
        }
        let digits = intPart.filter { !groupSpaces.contains($0) }
        return .success(sign + digits + (mark == nil ? "" : "." + fracPart) + exponent + suffix)
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
        if let d = Day(inputISO: t) { return .success(d) }
        if Day(iso: t) != nil { return .failure("date \(t) is outside the supported range \(Day.supportedRangeText)") }
        if t.count == 10, t.split(separator: "-").count == 3 {
            return .failure("'\(t)' is not a real date")
        }
        return .failure("expected an ISO date YYYY-MM-DD, found '\(t)'")
    }

    public static func month(_ text: String) -> Parsed<Month> {
        let t = text.trimmingSpaces()
        if let m = Month(inputISO: t) { return .success(m) }
        if Month(iso: t) != nil {
            return .failure("month \(t) is outside the supported range \(Day.supportedYears.lowerBound)-01 … \(Day.supportedYears.upperBound)-12")
        }
        return .failure("expected an ISO month YYYY-MM, found '\(t)'")
    }
}

extension String {
    /// Trims ASCII spaces and tabs (Foundation-free).
    func trimmingSpaces() -> String {
        // Nothing to trim (the usual cell): no copy (issue 20 item 5).
        if let f = utf8.first, let l = utf8.last, f != 32, f != 9, l != 32, l != 9 { return self }
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
