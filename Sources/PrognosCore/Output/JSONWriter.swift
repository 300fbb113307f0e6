/// Writes the JSON of `JSONOutput` deterministically: keys sorted (Swift's String order),
/// two-space indentation, numbers in their shortest round-trip form (integral values
/// without a fraction), no escaped slashes. Foundation's `JSONSerialization` sorts keys with
/// locale collation and costs most of a batch run; this writer gives the same structure
/// in a fraction of the time, and the same bytes on every machine.
enum JSONWriter {
    static func write(_ value: Any) -> String {
        var out = Bytes()
        out.storage.reserveCapacity(1 << 16)
        emit(value, indent: 0, into: &out)
        out.append("\n")
        return String(decoding: out.storage, as: UTF8.self)
    }

    /// A byte buffer: appending UTF-8 bytes is cheaper than growing a String.
    struct Bytes {
        var storage: [UInt8] = []
        mutating func append(_ s: String) { storage.append(contentsOf: s.utf8) }
        mutating func append(_ s: Substring) { storage.append(contentsOf: s.utf8) }
    }

    private static func emit(_ value: Any, indent: Int, into out: inout Bytes) {
        // The most frequent types first: a cast from Any is not free.
        if let x = value as? Double { out.append(number(x)); return }
        if let s = value as? String { string(s, &out); return }
        if let i = value as? Int { out.append(String(i)); return }
        if let d = value as? [String: Any] {
            if d.isEmpty { out.append("{}"); return }
            out.append("{\n")
            let keys = d.keys.sorted()
            for (i, k) in keys.enumerated() {
                pad(indent + 1, &out)
                string(k, &out)
                out.append(": ")
                emit(d[k]!, indent: indent + 1, into: &out)
                out.append(i + 1 < keys.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("}")
            return
        }
        if let a = value as? [Any] {
            if a.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (i, v) in a.enumerated() {
                pad(indent + 1, &out)
                emit(v, indent: indent + 1, into: &out)
                out.append(i + 1 < a.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("]")
            return
        }
        if let b = value as? Bool { out.append(b ? "true" : "false"); return }
        if let u = value as? UInt64 { out.append(String(u)); return }
        out.append("null")
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    static func pad(_ n: Int, _ out: inout Bytes) {
        out.storage.append(contentsOf: repeatElement(32, count: 2 * n))
    }

    static func string(_ s: String, _ out: inout Bytes) {
        // Most strings need no escaping: append them whole.
        let plain = s.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
            ?? !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        if plain {
            out.append("\"")
            out.append(s)
            out.append("\"")
            return
        }
        out.append("\"")
        for c in s.unicodeScalars {
            switch c {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.append(String(c))
            }
        }
        out.append("\"")
    }
}
