/// Byte-level readings of the commonest cells of a large CSV (issue 20 item 5): a plain number
/// and a `YYYY-MM` month. Each answers only for text on which the general parser (Character by
/// Character) gives the same answer, and otherwise says nil so that parser runs; see
/// `PlainLiteralsTests`.
extension Literal {
    /// `csvNumber` of an optionally signed run of ASCII digits with at most one decimal mark
    /// (`.` in a ','-file, `,` in a ';'-file) and at least one digit, optionally followed by one
    /// `%` (a rate, such as a loan file's `0,47%`): the text itself, with a decimal comma written
    /// as a point. Nil for anything else (spaces, exponents, other suffixes, …).
    static func plainCSVNumber(_ raw: String, semicolon: Bool) -> String? {
        if raw.utf8.last == UInt8(ascii: "%") {
            let number = String(raw.utf8.dropLast())!
            return plainCSVNumber(number, semicolon: semicolon).map { $0 + "%" }
        }
        let mark = semicolon ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var digits = 0, marks = 0, i = 0
        for b in raw.utf8 {
            if b >= 48 && b <= 57 { digits += 1 } else if b == mark { marks += 1 } else if i == 0 && (b == 43 || b == 45) {
            } else { return nil }
            i += 1
        }
        guard digits > 0, marks <= 1 else { return nil }
        if semicolon && marks == 1 {
            return String(decoding: raw.utf8.map { $0 == mark ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
        }
        return raw
    }

    /// True for an optionally signed run of ASCII digits with at most one `.` and at least one
    /// digit: text `decimal` reads as `Double("<text>e<shift>")` with no other step.
    static func isPlainDecimal(_ raw: String) -> Bool {
        var digits = 0, dots = 0, i = 0
        for b in raw.utf8 {
            if b >= 48 && b <= 57 { digits += 1 } else if b == 46 { dots += 1 } else if i == 0 && (b == 43 || b == 45) {
            } else { return false }
            i += 1
        }
        return digits > 0 && dots <= 1
    }
}

extension Month {
    /// Year and month of exactly `DDDD-DD` (seven ASCII bytes), else nil.
    static func plainISO(_ text: String) -> (Int, Int)? {
        var u = text.utf8.makeIterator()
        var y = 0, m = 0
        for k in 0..<7 {
            guard let b = u.next() else { return nil }
            if k == 4 { guard b == 45 else { return nil }; continue }
            guard b >= 48 && b <= 57 else { return nil }
            if k < 4 { y = y * 10 + Int(b - 48) } else { m = m * 10 + Int(b - 48) }
        }
        return u.next() == nil ? (y, m) : nil
    }
}
