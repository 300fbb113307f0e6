/// A human-facing message of a run (a warning, an assumption, a policy verdict, a progress
/// line): a stable code and its parameters, rendered in a language by the catalogue
/// (`MessageCatalogue`). The code is the JSON's `code`; the text follows `--lang`.
public struct Message: Sendable, Hashable, CustomStringConvertible, Codable {
    public let code: MessageCode
    public let args: [MessageArg]

    public init(_ code: MessageCode, _ args: MessageArg...) { self.code = code; self.args = args }
    public init(_ code: MessageCode, args: [MessageArg]) { self.code = code; self.args = args }

    /// The text in `lang`: the catalogue's template with `{0}`, `{1}`, … replaced by the
    /// parameters, each formatted in the language's number style.
    public func text(_ lang: Language) -> String {
        var template = MessageCatalogue.template(code, lang)
        // Byte-wise (a batch renders ≈ 20 assumptions a run; walking the template Character by
        // Character cost 2 % of a `sweep-1000` run): text between placeholders is copied in
        // runs, a `{n}` with 0 ≤ n < args.count is replaced, anything else is kept as it is.
        return template.withUTF8 { t in
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 32)
            var i = 0
            while i < t.count {
                if t[i] == UInt8(ascii: "{"), let close = t[(i + 1)...].firstIndex(of: UInt8(ascii: "}")),
                   let n = Int(String(decoding: UnsafeBufferPointer(rebasing: t[(i + 1)..<close]), as: UTF8.self)), n >= 0, n < args.count {
                    out.append(contentsOf: args[n].text(lang).utf8)
                    i = close + 1
                } else {
                    out.append(t[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The English text (logs, the `Diagnostic`'s compiler-style line).
    public var description: String { text(.en) }

    enum CodingKeys: String, CodingKey { case code, args }

    /// A part file's header written before the catalogue holds the sentence itself: kept verbatim.
    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(.verbatim, .text(text))
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(MessageCode.self, forKey: .code), args: try c.decode([MessageArg].self, forKey: .args))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(args, forKey: .args)
    }
}

/// A parameter of a message, formatted per language: Swedish with decimal comma, a space
/// between thousands, "36,8 %", "1,5–4,0 år"; English as the engine's messages always were
/// (decimal point, no grouping).
public enum MessageArg: Sendable, Hashable, Codable {
    /// Verbatim (a name, a date, a file's own code such as an rng name).
    case text(String)
    case int(Int)
    /// Kronor, printed in `unit` with its decimals.
    case amount(Double, AmountUnit)
    /// A decimal share or rate as a percentage with `decimals` decimals.
    case percent(Double, decimals: Int)
    /// A plain figure.
    case number(Double, decimals: Int)
    /// A month's name (1–12), lower case in Swedish.
    case month(Int)
    /// A list of names, joined with ", ".
    case list([String])
    /// A term with its Swedish and English words.
    case term(sv: String, en: String)
    /// A finance-policy limit: `1,5–4,0 år`, `minst 10,0 %` / `[1.50 years, 4.00 years]`.
    case limit(min: Double?, max: Double?, years: Bool)
    /// A policy figure: years with two decimals or a share with one, `ingen` / `none` for nil.
    case policyValue(Double?, years: Bool)

    /// Names in a sentence: "A, B och C" / "A, B and C" (a single name alone).
    public static func names(_ items: [String]) -> MessageArg {
        guard items.count > 1 else { return .text(items.first ?? "") }
        let head = items.dropLast().joined(separator: ", ")
        return .term(sv: head + " och " + items.last!, en: head + " and " + items.last!)
    }

    public func text(_ lang: Language) -> String {
        let sv = lang == .sv
        func num(_ x: Double, _ d: Int, grouped: Bool = false) -> String {
            Format.grouped(x, decimals: d, decimalMark: sv ? "," : ".", groupMark: sv && grouped ? " " : "")
        }
        switch self {
        case .text(let s): return s
        case .int(let n): return sv ? num(Double(n), 0, grouped: n >= 10_000) : String(n)
        case .amount(let v, let unit): return num(v / unit.factor, unit.decimals, grouped: true)
        case .percent(let v, let d): return num(v * 100, d) + " %"
        case .number(let v, let d): return num(v, d, grouped: true)
        case .month(let m): return MessageCatalogue.monthName(m, lang)
        case .list(let items): return items.joined(separator: ", ")
        case .term(let s, let e): return sv ? s : e
        case .policyValue(let v, let years):
            guard let v else { return sv ? "ingen" : "none" }
            if sv { return years ? num(v, 2) + " år" : num(v * 100, 1) + " %" }
            return years ? num(v, 2) + " years" : num(v * 100, 1) + " %"
        case .limit(let lo, let hi, let years):
            if sv {
                // As a reader writes a limit: "1,5–4,0 år", "10,0–30,0 %", "minst 10,0 %", "högst 30,0 %".
                func f(_ x: Double) -> String { years ? num(x, 1) : num(x * 100, 1) }
                let suffix = years ? " år" : " %"
                switch (lo, hi) {
                case let (lo?, hi?): return f(lo) + "–" + f(hi) + suffix
                case let (lo?, nil): return "minst " + f(lo) + suffix
                case let (nil, hi?): return "högst " + f(hi) + suffix
                case (nil, nil): return "–"
                }
            }
            func f(_ x: Double?) -> String {
                guard let x else { return "–" }
                return years ? num(x, 2) + " years" : num(x * 100, 1) + " %"
            }
            return "[\(f(lo)), \(f(hi))]"
        }
    }
}

/// A message parameter in a part file's header names its unit by code.
extension AmountUnit: Codable {}
