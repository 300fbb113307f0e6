/// Typed access to one record's fields, from a YAML mapping or a CSV row, so the
/// rules for an instrument are written once whatever the file it came from.
public protocol FieldReader {
    /// Where the record is, for messages: `treasury.loans[L003]`, `loan L003`.
    var context: String { get }
    /// The unit amounts are written in (for messages).
    var unit: AmountUnit { get }
    /// True when the reader already reports missing required keys (a YAML mapping
    /// checked by its schema); a CSV row leaves that to the record's builder.
    var reportsMissingKeys: Bool { get }
    func has(_ key: String) -> Bool
    func text(_ key: String) -> String?
    func amount(_ key: String) -> Double?
    func rate(_ key: String) -> Double?
    func date(_ key: String) -> Day?
    func integer(_ key: String) -> Int?
    func bool(_ key: String) -> Bool?
    func error(_ message: String, at key: String?)
    /// What a field is called in messages: a YAML mapping's "key", a CSV row's "column".
    var keyWord: String { get }
    /// The value of `key` as written in the file (`-87,5` in a `;` CSV), for quoting it in messages.
    func written(_ key: String) -> String?
}

extension MapReader: FieldReader {
    public var unit: AmountUnit { ctx.unit }
    public var reportsMissingKeys: Bool { true }
    public var keyWord: String { "key" }
    public func written(_ key: String) -> String? { node(key)?.scalarText }
}

extension FieldReader {
    /// A day count by name; an unknown one is an error with a suggestion.
    public func dayCount(_ key: String) -> DayCount? {
        guard let t = text(key) else { return nil }
        if let d = DayCount.parse(t) { return d }
        let names = DayCount.allCases.map(\.rawValue)
        error("unknown day count '\(t)'; expected one of \(names.joined(separator: ", "))"
              + Suggest.phrase(for: t, among: names) + " (\(context))", at: key)
        return nil
    }

    /// The value of `key` if it is one of `options`; otherwise an error with a suggestion.
    public func oneOf(_ key: String, _ options: [String]) -> String? {
        guard let t = text(key)?.trimmingSpaces() else { return nil }
        if options.contains(t) { return t }
        error("'\(t)' is not one of \(options.joined(separator: ", "))" + Suggest.phrase(for: t, among: options)
              + " (\(keyWord) '\(key)' in \(context))", at: key)
        return nil
    }

    /// An amount quoted as the file wrote it (`'-87,5' mnkr`), or formatted when it was not written.
    public func writtenAmount(_ key: String, _ value: Double) -> String {
        if let text = written(key) { return "'\(TerminalText.quoted(text, limit: 40))' \(unit.rawValue)" }
        return "\(Format.plain(value, unit)) \(unit.rawValue)"
    }

    /// Reports each of `keys` that is absent (unless the reader's schema already does).
    public func requireFields(_ keys: [String], for what: String) {
        guard !reportsMissingKeys else { return }
        for key in keys where !has(key) { error("missing required field '\(key)' for \(what)", at: key) }
    }

    /// A payment frequency in months: 1, 2, 3, 4, 6 or 12.
    public func frequency(_ key: String) -> Int? {
        guard let n = integer(key) else { return nil }
        guard [1, 2, 3, 4, 6, 12].contains(n) else {
            error("\(key) \(n) is not a number of months that divides a year (1, 2, 3, 4, 6, 12) (\(context))", at: key)
            return nil
        }
        return n
    }
}
