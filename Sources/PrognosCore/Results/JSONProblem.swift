import Foundation

/// Why a file given as a JSON result is not one, in a reader's terms: a file that is not
/// JSON at all says what was expected; a syntax error names its line and column (Foundation
/// reports a character offset).
public enum JSONProblem {
    /// A file that is JSON (or not) but not an object: what a result looks like.
    public static let notAnObject = "not a JSON result: expected a JSON object ({ … }) as `prognos run --format json`, "
        + "`simulate --format json` or `merge` writes it"

    public static func describe(_ error: any Error, in data: Data) -> String {
        let start = data.first { !" \t\r\n".utf8.contains($0) }
        guard start == UInt8(ascii: "{") else { return notAnObject }
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

    /// Why a JSON object is not a Prognos result, naming the JSON path where decoding
    /// stopped (`treasury.scenarios[1].years[0].interest_cost`), the key that is missing or
    /// the kind of value that was expected there.
    public static func describeDecoding(_ error: any Error) -> String {
        let lead = "not a Prognos JSON result"
        guard let error = error as? DecodingError else { return lead + " (\(plainReason(error)))" }
        switch error {
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "at the top level" : "in '\(jsonPath(context.codingPath))'"
            return lead + ": missing key '\(key.stringValue)' \(place)"
                + (context.codingPath.isEmpty ? " (a result is an object with \"name\" and \"unit\", as `prognos run --format json` writes it)" : "")
        case .typeMismatch(let type, let context):
            return lead + ": '\(jsonPath(context.codingPath))' should hold \(kind(type))" + found(context)
        case .valueNotFound(let type, let context):
            return lead + ": '\(jsonPath(context.codingPath))' is null where \(kind(type)) is required"
        case .dataCorrupted(let context):
            return lead + (context.codingPath.isEmpty ? "" : " at '\(jsonPath(context.codingPath))'") + " (\(context.debugDescription))"
        @unknown default:
            return lead
        }
    }

    /// `a.b[2].c` for a coding path.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "(top level)" }
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int64.Type, is UInt64.Type: return "a whole number"
        case is String.Type: return "a text"
        case is Bool.Type: return "true or false"
        default:
            return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// Foundation's "… but found a string instead." as ", found a string".
    static func found(_ context: DecodingError.Context) -> String {
        guard let range = context.debugDescription.range(of: "found ") else { return "" }
        let rest = context.debugDescription[range.upperBound...].replacingOccurrences(of: " instead.", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        let words = ["number": "a number", "bool": "true or false", "a string": "a text", "a dictionary": "an object",
                     "an array": "a list", "null": "null"]
        return ", found " + (words[rest] ?? rest)
    }
}


extension JSONProblem {
    /// The number that made decoding fail where Foundation (on Linux) says only "The given
    /// data was not valid JSON." of valid JSON, with no path: a number a field cannot hold, such
    /// as 2024.5 for a year. The candidates are the number tokens that are not whole or beyond a
    /// whole number's range, in file order; writing 0 for the first k of them lets the document
    /// decode exactly when k passes the last culprit (0 fits every number field), so a binary
    /// search over k finds it in ≈ log₂(candidates) decodings. Only on the error path.
    /// - Returns: the culprit's JSON path (`simulation.years[0].year`) and its text, or nil when
    ///   writing 0 for every candidate does not help (another cause).
    static func unfitNumber(in data: Data, decodes: (Data) -> Bool) -> (path: String, value: String)? {
        let bytes = [UInt8](data)
        let tokens = numberTokens(bytes)
        let candidates = tokens.filter { t in
            guard let x = Double(String(decoding: bytes[t.range], as: UTF8.self)) else { return false }
            return x != x.rounded(.towardZero) || abs(x) >= 0x1p63
        }
        guard !candidates.isEmpty else { return nil }
        func fixedBy(first k: Int) -> Bool {
            var out = [UInt8](), at = 0
            out.reserveCapacity(bytes.count)
            for t in candidates.prefix(k) {
                out += bytes[at..<t.range.lowerBound]
                out.append(UInt8(ascii: "0"))
                at = t.range.upperBound
            }
            out += bytes[at...]
            return decodes(Data(out))
        }
        guard fixedBy(first: candidates.count) else { return nil }
        var lo = 1, hi = candidates.count   // the smallest k that fixes it lies in lo…hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if fixedBy(first: mid) { hi = mid } else { lo = mid + 1 }
        }
        let culprit = candidates[lo - 1]
        return (culprit.path, String(decoding: bytes[culprit.range], as: UTF8.self))
    }

    /// Every number token of a JSON text outside strings, with its byte range and JSON path
    /// (keys joined by ".", list indices in brackets), by one scan that keeps the containers open.
    static func numberTokens(_ b: [UInt8]) -> [(range: Range<Int>, path: String)] {
        enum Open { case object(key: String?), list(index: Int) }
        var stack: [Open] = [], out: [(range: Range<Int>, path: String)] = []
        var expectingKey = false
        func path() -> String {
            var text = ""
            for step in stack {
                switch step {
                case .object(let key): if let key { text += (text.isEmpty ? "" : ".") + key }
                case .list(let index): text += "[\(index)]"
                }
            }
            return text
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "{"): stack.append(.object(key: nil)); expectingKey = true; i += 1
            case UInt8(ascii: "["): stack.append(.list(index: 0)); expectingKey = false; i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast(); i += 1
            case UInt8(ascii: ","):
                if case .list(let n)? = stack.last { stack[stack.count - 1] = .list(index: n + 1) } else { expectingKey = true }
                i += 1
            case UInt8(ascii: ":"): expectingKey = false; i += 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < b.count && b[j] != UInt8(ascii: "\"") { j += b[j] == UInt8(ascii: "\\") ? 2 : 1 }
                if expectingKey, case .object? = stack.last {
                    // The key as written (an escape is rare in a result's keys and kept as is).
                    stack[stack.count - 1] = .object(key: String(decoding: b[(i + 1)..<min(j, b.count)], as: UTF8.self))
                }
                i = j + 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i + 1
                while j < b.count, "0123456789+-.eE".utf8.contains(b[j]) { j += 1 }
                out.append((i..<j, path()))
                i = j
            default: i += 1
            }
        }
        return out
    }
}
