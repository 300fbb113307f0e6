/// `JSONWriter` over the encoder's `Box` tree, the same bytes as `JSONWriter.write(box.resolved)`
/// (keys sorted in Swift's String order, two-space indentation, numbers as `JSONWriter.number`)
/// without the `Any` tree: no dictionary of `Any` is built and no value is cast back from
/// `Any`. The batch writes each run's result through it (issue 20, item 4).
///
/// Since 2026-12-02 it writes bytes straight into the buffer: a string's UTF-8 is copied
/// whole, an integral number's digits are written without making a String, the indentation
/// is a slice of spaces, and an object's keys are sorted as indices (no copy of its entries;
/// not at all for the hand-boxed objects marked `keysSorted`).
/// It was 16 % of a `sweep-1000` run's CPU; `JSONWriter.write(_: Any)` stays the reference
/// (the tests compare the two byte for byte).
extension JSONWriter {
    static func write(_ box: ResultEncoder.Box) -> String { String(decoding: bytes(box), as: UTF8.self) }

    /// The UTF-8 of `write(box)`, without making a String of it (the batch writes the bytes).
    static func bytes(_ box: ResultEncoder.Box) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 18)
        bytes(box, into: &buffer)
        return buffer
    }

    /// `bytes(box)` into `buffer`, emptied first and its capacity kept: a batch's worker
    /// writes each run into the same memory instead of fresh pages (a run's JSON is larger
    /// than malloc's mmap threshold, so each new buffer was mapped, faulted in and zeroed).
    static func bytes(_ box: ResultEncoder.Box, into buffer: inout [UInt8]) {
        var out = BoxSink()
        buffer.removeAll(keepingCapacity: true)
        swap(&out.bytes, &buffer)
        out.emit(box, indent: 0)
        out.bytes.append(10)
        swap(&out.bytes, &buffer)
    }
}

/// The byte buffer `JSONWriter.bytes(_: Box)` fills.
private struct BoxSink {
    var bytes: [UInt8] = []
    /// The key orders of the last few unsorted objects: a result's `[name: amount]` maps come
    /// from one template and repeat their keys in the same order (`order(_:)`).
    private var orders: [(keys: [String], order: [Int])] = []

    private static let newline: UInt8 = 10, space: UInt8 = 32, quote: UInt8 = 34, comma: UInt8 = 44, colon: UInt8 = 58
    private static let backslash: UInt8 = 92
    /// Indentation: two spaces a level, copied from here.
    private static let spaces = [UInt8](repeating: 32, count: 128)

    mutating func emit(_ node: ResultEncoder.Box.Node, indent: Int) {
        switch node {
        case .leaf(let s): scalar(s)
        case .box(let b): emit(b, indent: indent)
        }
    }

    mutating func scalar(_ s: ResultEncoder.Box.Scalar) {
        switch s {
        case .null: raw("null")
        case .double(let x): number(x)
        case .string(let s): string(s)
        case .int(let i): integer(Int64(i))
        case .bool(let b): raw(b ? "true" : "false")
        case .uint(let u): digits(u)
        }
    }

    mutating func emit(_ box: ResultEncoder.Box, indent: Int) {
        // A subtree a batch's memo shares: the bytes it was written as at this indentation,
        // or written now and kept (BoxMemo.swift).
        if let written = box.written {
            if written.append(at: indent, to: &bytes) { return }
            let start = bytes.count
            emitTree(box, indent: indent)
            written.keep(bytes[start...], at: indent)
            return
        }
        emitTree(box, indent: indent)
    }

    private mutating func emitTree(_ box: ResultEncoder.Box, indent: Int) {
        switch box.kind {
        case .empty: raw("null")
        case .scalar: scalar(box.scalar)
        case .object:
            let entries = box.entries
            if entries.isEmpty { raw("{}"); return }
            bytes.append(UInt8(ascii: "{")); bytes.append(Self.newline)
            if box.keysSorted {
                // In order already, each key once (DirectBoxing.swift).
                assert(zip(entries, entries.dropFirst()).allSatisfy { $0.key < $1.key }, "keys not ascending")
                for (n, entry) in entries.enumerated() {
                    if n > 0 { bytes.append(Self.comma); bytes.append(Self.newline) }
                    member(entry.key, entry.value, indent: indent + 1)
                }
            } else {
                // The keys in Swift's String order, as indices; stable, so that of a key encoded
                // twice its last value is the last index of the run of equal keys.
                let order = order(entries)
                // A key encoded twice: written once, as the dictionary of `resolved` holds it
                // (the first spelling of the key, the last value).
                var n = 0
                while n < order.count {
                    var last = n
                    while last + 1 < order.count, entries[order[last + 1]].key == entries[order[n]].key { last += 1 }
                    if n > 0 { bytes.append(Self.comma); bytes.append(Self.newline) }
                    member(entries[order[n]].key, entries[order[last]].value, indent: indent + 1)
                    n = last + 1
                }
            }
            bytes.append(Self.newline)
            pad(indent)
            bytes.append(UInt8(ascii: "}"))
        case .array:
            let a = box.array
            if a.isEmpty { raw("[]"); return }
            bytes.append(UInt8(ascii: "[")); bytes.append(Self.newline)
            for (i, v) in a.enumerated() {
                if i > 0 { bytes.append(Self.comma); bytes.append(Self.newline) }
                pad(indent + 1)
                emit(v, indent: indent + 1)
            }
            bytes.append(Self.newline)
            pad(indent)
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// The indices of `entries` in Swift's String order of their keys, stable (equal keys in
    /// encoding order). The permutation depends only on the keys compared with `<` and `==`, so
    /// an object whose keys are `==` one by one to a recent object's takes its permutation
    /// (the comparison is short when they are the same strings, as a template's copies are).
    private mutating func order(_ entries: [(key: String, value: ResultEncoder.Box.Node)]) -> [Int] {
        for known in orders where known.keys.count == entries.count
            && zip(known.keys, entries).allSatisfy({ $0 == $1.key }) {
            return known.order
        }
        var order = Array(entries.indices)
        order.sort { entries[$0].key < entries[$1].key || (entries[$0].key == entries[$1].key && $0 < $1) }
        if orders.count == 4 { orders.removeFirst() }
        orders.append((entries.map(\.key), order))
        return order
    }

    /// `"key": value` at `indent`.
    private mutating func member(_ key: String, _ value: ResultEncoder.Box.Node, indent: Int) {
        pad(indent)
        string(key)
        bytes.append(Self.colon); bytes.append(Self.space)
        emit(value, indent: indent)
    }

    /// A string's UTF-8 as it is (no escaping).
    private mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func pad(_ level: Int) {
        var n = 2 * level
        while n > 0 {
            let k = min(n, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<k])) }
            n -= k
        }
    }

    /// `JSONWriter.number(x)`: null when not finite, an integral value below 10^15 as an
    /// integer, else Swift's shortest round-trip form.
    private mutating func number(_ x: Double) {
        guard x.isFinite else { raw("null"); return }
        if x == x.rounded() && abs(x) < 1e15 { integer(Int64(x)); return }
        if cents(x) { return }
        raw(x.description)
    }

    /// An amount to the öre (x = c / 100 for an integer c, |x| < 10^13), written as
    /// `description` writes it without building a String: the digits of c with the point
    /// before its last two, a trailing zero dropped ("12.5", "-0.05"). `description` gives
    /// the shortest decimal that reads back as x; c / 100 is one, and no shorter one is: a
    /// decimal with fewer digits lies ≥ 0.01 from c / 100, more than x's spacing (≤ 2⁻⁹
    /// below 10^13) — and below 2^53 it is not written in exponent form. False (nothing
    /// written) for any other x. `BatchSpeedTests.centsAsDescription` compares the two.
    private mutating func cents(_ x: Double) -> Bool {
        let c = (x * 100).rounded()
        guard abs(c) < 1e15, c / 100 == x else { return false }
        let m = UInt64(abs(c))
        if x < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(m / 100)
        bytes.append(UInt8(ascii: "."))
        let fraction = m % 100
        bytes.append(UInt8(ascii: "0") &+ UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") &+ UInt8(fraction % 10)) }
        return true
    }

    /// `String(v)`, written in place.
    private mutating func integer(_ v: Int64) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(v.magnitude)
    }

    /// The decimal digits of `m` (as `String(m)`), written in place.
    private mutating func digits(_ m: UInt64) {
        var m = m
        // At most 20 digits (UInt64.max), written backwards into a buffer on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var k = buffer.count
            repeat {
                k -= 1
                buffer[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            } while m > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k...]))
        }
    }

    /// A JSON string: copied whole when nothing needs escaping (most strings), else escaped as
    /// `JSONWriter.string` does.
    private mutating func string(_ s: String) {
        var s = s
        let plain: Bool = s.withUTF8 { utf8 in
            for b in utf8 where b < 0x20 || b == Self.quote || b == Self.backslash { return false }
            bytes.append(Self.quote)
            bytes.append(contentsOf: utf8)
            bytes.append(Self.quote)
            return true
        }
        if plain { return }
        var escaped = JSONWriter.Bytes()
        JSONWriter.string(s, &escaped)
        bytes.append(contentsOf: escaped.storage)
    }
}
