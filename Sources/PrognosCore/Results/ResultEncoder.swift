import Foundation

/// A key left out of the JSON (not written as null) when its value is nil: the few keys the
/// contract of spec/files.md makes conditional (a section the run has no input for, the
/// swap market value at V only, the Vasicek fit). Every other optional is an explicit null.
public protocol OmittedWhenNil {}

/// A conditional scalar: the key is absent when nil, the value is written as itself.
public struct Present<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable, OmittedWhenNil {
    public var value: Value
    public init(_ value: Value) { self.value = value }
    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(Value.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// Encodes a `Codable` result into the value tree `JSONWriter` writes (and the batch's output
/// columns read): dictionaries, arrays, `Double`, `Int`, `UInt64`, `String`, `Bool`, `NSNull`.
/// Unlike `JSONEncoder`, a nil optional is an explicit null unless its type is
/// `OmittedWhenNil`, and a number that is not finite is null and −0 is 0 (the contract).
enum ResultEncoder {
    static func tree<T: Encodable>(_ value: T) throws -> Any {
        try box(value).resolved
    }

    /// Encodes `value` into a `Box` tree: what `JSONWriter.write(_: Box)` writes and the batch's
    /// output columns walk (`BoxColumns`) without first turning it into `Any` values.
    static func box<T: Encodable>(_ value: T) throws -> Box {
        let box = Box()
        try box.put(value)
        return box
    }

    /// A node of the tree. The object and array are stored properties of the class (not
    /// payloads of an enum), so that adding a key or an element mutates them in place instead
    /// of copying the whole dictionary or array each time. A leaf inside an object or array is
    /// held in place (`Node.leaf`), not as a `Box` of its own: most of a result's nodes are
    /// numbers, and an object each cost an allocation, its reference counting and its
    /// release (issue 20, item 4).
    final class Box {
        enum Kind: UInt8 { case empty, scalar, object, array }
        /// A leaf value; `null` also stands for a number that is not finite (the contract).
        enum Scalar { case null, double(Double), string(String), int(Int), bool(Bool), uint(UInt64) }
        /// A child of an object or array: a leaf in place, or a node.
        enum Node {
            case leaf(Scalar)
            case box(Box)

            /// The node's kind: a leaf in place is a scalar.
            var kind: Kind {
                switch self {
                case .leaf: return .scalar
                case .box(let b): return b.kind
                }
            }
            /// The leaf value, in place or in a node of its own (a value that encodes itself
            /// through a single-value container, such as `Present`).
            var scalar: Scalar? {
                switch self {
                case .leaf(let s): return s
                case .box(let b): return b.kind == .scalar ? b.scalar : nil
                }
            }
            /// The node when it is one (an object, an array, or a leaf of its own).
            var box: Box? { if case .box(let b) = self { return b } else { return nil } }
            /// The value of `key` when this is an object (`Box.value`).
            func value(_ key: String) -> Node? { box?.value(key) }
            var resolved: Any {
                switch self {
                case .leaf(let s): return Box.resolved(s)
                case .box(let b): return b.resolved
                }
            }
        }
        // The stored properties are `@exclusivity(unchecked)`: a box is built by one encoder on
        // one thread and only read after, and the runtime's access checks on every append cost
        // ≈ 2 % of a `sweep-1000` run (every other property is still checked).
        @exclusivity(unchecked) var kind = Kind.empty
        @exclusivity(unchecked) var scalar = Scalar.null
        /// An object's keys and values in the order encoded (a key encoded twice: its last value
        /// counts, as in a dictionary). Appending is cheaper than inserting into a dictionary;
        /// `JSONWriter` sorts the keys when it writes them (unless `keysSorted`).
        @exclusivity(unchecked) var entries: [(key: String, value: Node)] = []
        /// Set by the hand-boxed types (DirectBoxing.swift), which append their keys in
        /// ascending String order, each once: the writer then takes them as they are.
        @exclusivity(unchecked) var keysSorted = false
        @exclusivity(unchecked) var array: [Node] = []
        /// The JSON this subtree is written as, when a batch's memo shares it (BoxMemo.swift).
        @exclusivity(unchecked) var written: BoxMemo.Written? = nil

        /// The object as a dictionary (the last value of a key encoded twice).
        var object: [String: Node] { Dictionary(entries, uniquingKeysWith: { _, last in last }) }

        /// The value of `key` in an object (its last, as `object[key]`).
        func value(_ key: String) -> Node? {
            guard kind == .object else { return nil }
            for entry in entries.reversed() where entry.key == key { return entry.value }
            return nil
        }

        /// The tree as `Any` values: dictionaries, arrays, `Double`, `Int`, `UInt64`, `String`,
        /// `Bool`, `NSNull` (what `tree` returns).
        var resolved: Any {
            switch kind {
            case .empty: return NSNull()
            case .scalar: return Self.resolved(scalar)
            case .object: return object.mapValues(\.resolved) as [String: Any]
            case .array: return array.map(\.resolved) as [Any]
            }
        }

        static func resolved(_ scalar: Scalar) -> Any {
            switch scalar {
            case .null: return NSNull()
            case .double(let x): return x
            case .string(let s): return s
            case .int(let i): return i
            case .bool(let b): return b
            case .uint(let u): return u
            }
        }

        func set(_ value: Scalar) { kind = .scalar; scalar = value }

        /// Appends a leaf under `key` (to an object) or at the end (to an array).
        func append(_ key: String, _ leaf: Scalar) { if kind == .object { entries.append((key, .leaf(leaf))) } }
        func append(_ leaf: Scalar) { if kind == .array { array.append(.leaf(leaf)) } }

        func put<T: Encodable>(_ value: T) throws {
            if let leaf = Self.leaf(value) { set(leaf); return }
            try putComposite(value)
        }

        /// `put` for a value known not to be a leaf.
        func putComposite<T: Encodable>(_ value: T) throws {
            // The treasury result's most frequent nodes, by hand (DirectBoxing.swift).
            if putDirect(value) { return }
            try value.encode(to: TreeEncoder(box: self))
        }

        /// The leaf `value` is, by its exact type (comparisons of type metadata), or nil for
        /// every other type (a struct, an array, an existential), which encodes itself: a leaf
        /// it holds comes back here by its exact type (`Optional<Double>.some(x)` and an
        /// `any Encodable` holding x call `encode(x)` on a single-value container). An optional
        /// of a leaf type is that leaf or null, as its `encode(to:)` would make it. (Until
        /// 2026-12-02 every non-leaf value first went through seven failing dynamic casts,
        /// ≈ 2 % of a batch run; same tree either way.)
        @inline(__always)
        static func leaf<T>(_ value: T) -> Scalar? {
            if T.self == Double.self { return number(reinterpret(value, as: Double.self)) }
            if T.self == String.self { return .string(reinterpret(value, as: String.self)) }
            if T.self == Int.self { return .int(reinterpret(value, as: Int.self)) }
            if T.self == Optional<Double>.self { return reinterpret(value, as: Double?.self).map(number) ?? .null }
            if T.self == Bool.self { return .bool(reinterpret(value, as: Bool.self)) }
            if T.self == Optional<String>.self { return reinterpret(value, as: String?.self).map { .string($0) } ?? .null }
            if T.self == Optional<Int>.self { return reinterpret(value, as: Int?.self).map { .int($0) } ?? .null }
            if T.self == UInt64.self { return .uint(reinterpret(value, as: UInt64.self)) }
            if T.self == Float.self { return number(Double(reinterpret(value, as: Float.self))) }
            if T.self == Int64.self { return .int(Int(reinterpret(value, as: Int64.self))) }
            if T.self == Int32.self { return .int(Int(reinterpret(value, as: Int32.self))) }
            if T.self == Int16.self { return .int(Int(reinterpret(value, as: Int16.self))) }
            if T.self == Int8.self { return .int(Int(reinterpret(value, as: Int8.self))) }
            if T.self == UInt.self { return .int(Int(reinterpret(value, as: UInt.self))) }
            if T.self == UInt32.self { return .int(Int(reinterpret(value, as: UInt32.self))) }
            if T.self == UInt16.self { return .int(Int(reinterpret(value, as: UInt16.self))) }
            if T.self == UInt8.self { return .int(Int(reinterpret(value, as: UInt8.self))) }
            return nil
        }

        /// `value` as `U`, when `T` is `U` (checked by the caller).
        @inline(__always)
        static func reinterpret<T, U>(_ value: T, as: U.Type) -> U {
            withUnsafePointer(to: value) { $0.withMemoryRebound(to: U.self, capacity: 1) { $0.pointee } }
        }

        static func number(_ x: Double) -> Scalar {
            guard x.isFinite else { return .null }
            return .double(x == 0 ? 0.0 : x)   // no "-0"
        }
    }

    struct TreeEncoder: Encoder {
        let box: Box
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if box.kind != .object { box.kind = .object; box.entries = [] }
            return KeyedEncodingContainer(Keyed<Key>(box: box))
        }
        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if box.kind != .array { box.kind = .array; box.array = [] }
            return Unkeyed(box: box)
        }
        func singleValueContainer() -> SingleValueEncodingContainer { Single(box: box) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [CodingKey] = []

        private func child(_ key: Key) -> Box {
            let b = Box()
            if box.kind == .object { box.entries.append((key.stringValue, .box(b))) }
            return b
        }
        private func leaf(_ key: Key, _ value: Box.Scalar) { box.append(key.stringValue, value) }
        mutating func encodeNil(forKey key: Key) throws { leaf(key, .null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let scalar = Box.leaf(value) { leaf(key, scalar) } else { try child(key).putComposite(value) }
        }
        // The contract's nulls are explicit: nil is written as null, except for conditional keys.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else if !(T.self is OmittedWhenNil.Type) { try encodeNil(forKey: key) }
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { leaf(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { leaf(key, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { leaf(key, Box.number(value)) }
        mutating func encode(_ value: Float, forKey key: Key) throws { leaf(key, Box.number(Double(value))) }
        mutating func encode(_ value: Int, forKey key: Key) throws { leaf(key, .int(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { leaf(key, .int(Int(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { leaf(key, .uint(value)) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try maybe(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try maybe(value, key) }
        private mutating func maybe<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(box: child(key)).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { TreeEncoder(box: child(key)).unkeyedContainer() }
        mutating func superEncoder() -> Encoder { TreeEncoder(box: box) }
        mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(box: child(key)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] = []
        var count: Int { box.kind == .array ? box.array.count : 0 }

        private func next() -> Box {
            let b = Box()
            if box.kind == .array { box.array.append(.box(b)) }
            return b
        }
        mutating func encodeNil() throws { box.append(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let scalar = Box.leaf(value) { box.append(scalar) } else { try next().putComposite(value) }
        }
        mutating func encode(_ value: Bool) throws { box.append(.bool(value)) }
        mutating func encode(_ value: String) throws { box.append(.string(value)) }
        mutating func encode(_ value: Double) throws { box.append(Box.number(value)) }
        mutating func encode(_ value: Float) throws { box.append(Box.number(Double(value))) }
        mutating func encode(_ value: Int) throws { box.append(.int(value)) }
        mutating func encode(_ value: Int8) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: Int16) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: Int32) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: Int64) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: UInt) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: UInt8) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: UInt16) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: UInt32) throws { box.append(.int(Int(value))) }
        mutating func encode(_ value: UInt64) throws { box.append(.uint(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(box: next()).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { TreeEncoder(box: next()).unkeyedContainer() }
        mutating func superEncoder() -> Encoder { TreeEncoder(box: next()) }
    }

    struct Single: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws { box.set(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try box.put(value) }
        mutating func encode(_ value: Bool) throws { try box.put(value) }
        mutating func encode(_ value: String) throws { try box.put(value) }
        mutating func encode(_ value: Double) throws { try box.put(value) }
        mutating func encode(_ value: Float) throws { try box.put(value) }
        mutating func encode(_ value: Int) throws { try box.put(value) }
        mutating func encode(_ value: Int8) throws { try box.put(value) }
        mutating func encode(_ value: Int16) throws { try box.put(value) }
        mutating func encode(_ value: Int32) throws { try box.put(value) }
        mutating func encode(_ value: Int64) throws { try box.put(value) }
        mutating func encode(_ value: UInt) throws { try box.put(value) }
        mutating func encode(_ value: UInt8) throws { try box.put(value) }
        mutating func encode(_ value: UInt16) throws { try box.put(value) }
        mutating func encode(_ value: UInt32) throws { try box.put(value) }
        mutating func encode(_ value: UInt64) throws { try box.put(value) }
    }
}
