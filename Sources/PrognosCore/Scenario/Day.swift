/// A calendar date (proleptic Gregorian, no time zone): the ISO `YYYY-MM-DD` of
/// the scenario files. Stored as days since 1970-01-01 so day counts are subtraction.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let serial: Int

    public init(serial: Int) { self.serial = serial }

    /// Nil when the triple is not a real date (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(year: year, month: month)).contains(day) else { return nil }
        serial = Day.daysFromCivil(year, month, day)
    }

    /// The years an input date may have (issue 14: dates are checked before any arithmetic).
    /// Every horizon, tenor and delay on top of them is bounded too, so date arithmetic stays
    /// far inside what `Day(year:month:day:)` accepts (1 … 9999).
    public static let supportedYears = 1900...2200
    /// `1900-01-01 … 2200-12-31`, for messages.
    public static let supportedRangeText = "1900-01-01 … 2200-12-31"

    /// An input date: exactly `YYYY-MM-DD`, a real date in the supported range
    /// (`Literal.date` says which of the two failed).
    public init?(inputISO text: String) {
        guard let d = Day(iso: text), Day.supportedYears.contains(d.year) else { return nil }
        self = d
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits), any year 1 … 9999 (dates Prognos wrote
    /// itself, such as a part's grid dates up to V + 50 years; input uses `init(inputISO:)`).
    public init?(iso text: String) {
        var fields = (0, 0, 0)
        var i = 0
        for c in text.utf8 {
            if i == 4 || i == 7 {
                guard c == UInt8(ascii: "-") else { return nil }
            } else {
                guard c >= 48 && c <= 57, i < 10 else { return nil }
                let v = Int(c - 48)
                if i < 4 { fields.0 = fields.0 * 10 + v } else if i < 7 { fields.1 = fields.1 * 10 + v } else { fields.2 = fields.2 * 10 + v }
            }
            i += 1
        }
        guard i == 10 else { return nil }
        self.init(year: fields.0, month: fields.1, day: fields.2)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// `YYYY-MM-DD`; a year outside 0 … 9999 as `pad` writes it. Written byte by byte into
    /// one small string (a result writes hundreds of dates: three padded strings and their
    /// interpolation each cost 1 % of a `sweep-1000` run).
    public var description: String {
        let c = civil
        guard (0...9999).contains(c.year) else { return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))" }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ n: Int, _ at: Int, _ width: Int) {
                var n = n
                for k in stride(from: at + width - 1, through: at, by: -1) { b[k] = UInt8(48 + n % 10); n /= 10 }
            }
            put(c.year, 0, 4); b[4] = UInt8(ascii: "-"); put(c.month, 5, 2); b[7] = UInt8(ascii: "-"); put(c.day, 8, 2)
            return 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.serial < b.serial }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = serial + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A calendar month, `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// An input month: `YYYY-MM` with a year in `Day.supportedYears`.
    public init?(inputISO text: String) {
        guard let m = Month(iso: text), Day.supportedYears.contains(m.year) else { return nil }
        self = m
    }

    public init?(iso text: String) {
        // `DDDD-DD` in ASCII, the only text the check below accepts, read byte by byte (issue 20 item 5).
        if let (y, m) = Month.plainISO(text) { self.init(year: y, month: m); return }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
