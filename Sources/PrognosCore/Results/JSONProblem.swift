import Foundation

/// Why a file given as a JSON result is not one, in a reader's terms: a file that is not
/// JSON at all says what was expected; a syntax error names its line and column (Foundation
/// reports a character offset).
public enum JSONProblem {
    public static func describe(_ error: any Error, in data: Data) -> String {
        let start = data.first { !" \t\r\n".utf8.contains($0) }
        guard start == UInt8(ascii: "{") else {
            return "not a JSON result: expected a JSON object ({ … }) as `prognos run --format json`, "
                + "`simulate --format json` or `merge` writes it"
        }
        let reason = plainReason(error)
        guard let range = reason.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(reason[range].dropFirst("character ".count)) else {
            return "not valid JSON (\(reason))"
        }
        let (line, column) = position(of: offset, in: data)
        let what = reason[..<range.lowerBound].replacingOccurrences(of: " around ", with: "").trimmingCharacters(in: .whitespaces)
        return "not valid JSON at line \(line), column \(column)" + (what.isEmpty ? "" : " (\(what.lowercased()))")
    }

    /// Line and column (from 1, in characters) of a UTF-16 offset, as Foundation counts it.
    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        let text = String(decoding: data, as: UTF8.self)
        var line = 1, column = 1, count = 0
        for ch in text {
            if count >= offset { break }
            count += ch.utf16.count
            if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
