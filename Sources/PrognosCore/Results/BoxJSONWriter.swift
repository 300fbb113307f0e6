/// `JSONWriter` over the encoder's `Box` tree, the same bytes as `JSONWriter.write(box.resolved)`
/// (keys sorted in Swift's String order, two-space indentation, numbers as `JSONWriter.number`)
/// without the `Any` tree: no dictionary of `Any` is built and no value is cast back from
/// `Any`. The batch writes each run's result through it (issue 20, item 4).
extension JSONWriter {
    static func write(_ box: ResultEncoder.Box) -> String { String(decoding: bytes(box), as: UTF8.self) }

    /// The UTF-8 of `write(box)`, without making a String of it (the batch writes the bytes).
    static func bytes(_ box: ResultEncoder.Box) -> [UInt8] {
        var out = Bytes()
        out.storage.reserveCapacity(1 << 18)
        emit(box, indent: 0, into: &out)
        out.storage.append(10)
        return out.storage
    }

    private static func emit(_ box: ResultEncoder.Box, indent: Int, into out: inout Bytes) {
        switch box.kind {
        case .empty: out.append("null")
        case .scalar:
            switch box.scalar {
            case .null: out.append("null")
            case .double(let x): out.append(number(x))
            case .string(let s): string(s, &out)
            case .int(let i): out.append(String(i))
            case .bool(let b): out.append(b ? "true" : "false")
            case .uint(let u): out.append(String(u))
            }
        case .object:
            if box.entries.isEmpty { out.append("{}"); return }
            out.append("{\n")
            var entries = box.entries.sorted { $0.key < $1.key }
            if zip(entries, entries.dropFirst()).contains(where: { $0.key == $1.key }) {
                // A key encoded twice: its last value, once (as the dictionary of `resolved`).
                entries = box.object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            for (i, entry) in entries.enumerated() {
                pad(indent + 1, &out)
                string(entry.key, &out)
                out.append(": ")
                emit(entry.value, indent: indent + 1, into: &out)
                out.append(i + 1 < entries.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("}")
        case .array:
            let a = box.array
            if a.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (i, v) in a.enumerated() {
                pad(indent + 1, &out)
                emit(v, indent: indent + 1, into: &out)
                out.append(i + 1 < a.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("]")
        }
    }
}
