/// Typed access to one record's fields, from a YAML mapping or a CSV row, so the
/// rules for an instrument are written once whatever the file it came from.
public protocol FieldReader {
    /// Where the record is, for messages: `treasury.loans[L003]`, `loan L003`.
    var context: String { get }
    func has(_ key: String) -> Bool
    func text(_ key: String) -> String?
    func amount(_ key: String) -> Double?
    func rate(_ key: String) -> Double?
    func date(_ key: String) -> Day?
    func integer(_ key: String) -> Int?
    func bool(_ key: String) -> Bool?
    func error(_ message: String, at key: String?)
}

extension MapReader: FieldReader {}

extension FieldReader {
    /// A day count by name; an unknown one is an error with a suggestion.
    public func dayCount(_ key: String) -> DayCount? {
        guard let t = text(key) else { return nil }
        if let d = DayCount.parse(t) { return d }
        let names = DayCount.allCases.map(\.rawValue)
        error("unknown day count '\(t)'; expected one of \(names.joined(separator: ", "))"
              + Suggest.phrase(for: t, among: names), at: key)
        return nil
    }

    /// The value of `key` if it is one of `options`; otherwise an error with a suggestion.
    public func oneOf(_ key: String, _ options: [String]) -> String? {
        guard let t = text(key)?.trimmingSpaces() else { return nil }
        if options.contains(t) { return t }
        error("'\(t)' is not one of \(options.joined(separator: ", "))" + Suggest.phrase(for: t, among: options), at: key)
        return nil
    }

    /// A payment frequency in months: 1, 2, 3, 4, 6 or 12.
    public func frequency(_ key: String) -> Int? {
        guard let n = integer(key) else { return nil }
        guard [1, 2, 3, 4, 6, 12].contains(n) else {
            error("frequency \(n) is not a number of months that divides a year (1, 2, 3, 4, 6, 12)", at: key)
            return nil
        }
        return n
    }
}
