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
        let box = Box()
        try box.put(value)
        return box.resolved
    }

    final class Box {
        enum Content { case empty, scalar(Any), object([String: Box]), array([Box]) }
        var content = Content.empty

        var resolved: Any {
            switch content {
            case .empty: return NSNull()
            case .scalar(let v): return v
            case .object(let d): return d.mapValues(\.resolved) as [String: Any]
            case .array(let a): return a.map(\.resolved) as [Any]
            }
        }

        func put<T: Encodable>(_ value: T) throws {
            switch value {
            case let x as Double: content = .scalar(Self.number(x))
            case let s as String: content = .scalar(s)
            case let i as Int: content = .scalar(i)
            case let b as Bool: content = .scalar(b)
            case let u as UInt64: content = .scalar(u)
            case let f as Float: content = .scalar(Self.number(Double(f)))
            case let i as any BinaryInteger: content = .scalar(Int(i))
            default: try value.encode(to: TreeEncoder(box: self))
            }
        }

        static func number(_ x: Double) -> Any {
            guard x.isFinite else { return NSNull() }
            return x == 0 ? 0.0 : x   // no "-0"
        }
    }

    struct TreeEncoder: Encoder {
        let box: Box
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = box.content {} else { box.content = .object([:]) }
            return KeyedEncodingContainer(Keyed<Key>(box: box))
        }
        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array = box.content {} else { box.content = .array([]) }
            return Unkeyed(box: box)
        }
        func singleValueContainer() -> SingleValueEncodingContainer { Single(box: box) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [CodingKey] = []

        private func child(_ key: Key) -> Box {
            let b = Box()
            if case .object(var d) = box.content { d[key.stringValue] = b; box.content = .object(d) }
            return b
        }
        mutating func encodeNil(forKey key: Key) throws { child(key).content = .scalar(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try child(key).put(value) }
        // The contract's nulls are explicit: nil is written as null, except for conditional keys.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else if !(T.self is OmittedWhenNil.Type) { try encodeNil(forKey: key) }
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try child(key).put(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try child(key).put(value) }
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
            if let value { try child(key).put(value) } else { try encodeNil(forKey: key) }
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
        var count: Int { if case .array(let a) = box.content { return a.count }; return 0 }

        private func next() -> Box {
            let b = Box()
            if case .array(var a) = box.content { a.append(b); box.content = .array(a) }
            return b
        }
        mutating func encodeNil() throws { next().content = .scalar(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T) throws { try next().put(value) }
        mutating func encode(_ value: Bool) throws { try next().put(value) }
        mutating func encode(_ value: String) throws { try next().put(value) }
        mutating func encode(_ value: Double) throws { try next().put(value) }
        mutating func encode(_ value: Float) throws { try next().put(value) }
        mutating func encode(_ value: Int) throws { try next().put(value) }
        mutating func encode(_ value: Int8) throws { try next().put(value) }
        mutating func encode(_ value: Int16) throws { try next().put(value) }
        mutating func encode(_ value: Int32) throws { try next().put(value) }
        mutating func encode(_ value: Int64) throws { try next().put(value) }
        mutating func encode(_ value: UInt) throws { try next().put(value) }
        mutating func encode(_ value: UInt8) throws { try next().put(value) }
        mutating func encode(_ value: UInt16) throws { try next().put(value) }
        mutating func encode(_ value: UInt32) throws { try next().put(value) }
        mutating func encode(_ value: UInt64) throws { try next().put(value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(box: next()).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { TreeEncoder(box: next()).unkeyedContainer() }
        mutating func superEncoder() -> Encoder { TreeEncoder(box: next()) }
    }

    struct Single: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws { box.content = .scalar(NSNull()) }
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
