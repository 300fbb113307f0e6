import Foundation
import Synchronization

/// A batch's typed treasury inputs (`TreasuryInput.read`), kept by the exact words of their
/// section: in `sweep-1000` the treasury section of a run is that of nine others (only the
/// rate shift moves between them), and reading it again — the loans, swaps, internal bank and
/// policy through the schema — was ≈ 7 % of a run (issue 20, item 4).
///
/// The key is the section's tree as bytes (`SourceNode.ExactBytes`): every key, scalar and
/// position spelt byte for byte (not `String`'s `==`, under which NFC and NFD spellings are
/// equal), with the amount unit and the input limits. A read is kept only when it logged
/// nothing (no error, no warning: nothing to replay), with the files it recorded
/// (`InputFileLog`), which a later run reading it from here records in the same order. The
/// files named in the section (`loans_file`, …) are not part of the key: a batch assumes, as
/// `InputCache` does, that no input changes while it runs. Off unless `InputCache` is
/// enabled; emptied when it is disabled.
final class TypedInputCache: Sendable {
    static let shared = TypedInputCache()
    /// At most this many sections are kept; beyond it the cache starts afresh.
    static let capacity = 256
    private let treasuries = Mutex<[Key: (value: TreasuryInput, files: [InputFile])]>([:])

    /// A section's bytes as a dictionary key: hashed as one buffer and compared with `memcmp`
    /// (`[UInt8]`'s own `Hashable` feeds the hasher a byte at a time).
    struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        static func == (a: Key, b: Key) -> Bool {
            a.bytes.count == b.bytes.count && a.bytes.withUnsafeBytes { x in
                b.bytes.withUnsafeBytes { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
        }
    }

    func clear() { treasuries.withLock { $0.removeAll() } }

    /// How many sections are kept (the tests read it).
    var count: Int { treasuries.withLock { $0.count } }

    /// `TreasuryInput.read(r, limits:)` for the section `node`: from the batch's cache
    /// (`shared`) while `InputCache` is enabled, else read.
    static func treasury(_ node: SourceNode, _ r: MapReader, limits: InputLimits) -> TreasuryInput? {
        guard InputCache.shared.enabled else { return TreasuryInput.read(r, limits: limits) }
        return shared.treasury(node, r, limits: limits)
    }

    /// `TreasuryInput.read(r, limits:)` for the section `node` (`r` reads it), from this cache
    /// when the same words were read before; kept when the read logged nothing.
    func treasury(_ node: SourceNode, _ r: MapReader, limits: InputLimits) -> TreasuryInput? {
        var bytes = SourceNode.ExactBytes()
        bytes.add(node)
        bytes.add(r.ctx.unit.rawValue)
        bytes.add(limits.cacheKey)
        let key = Key(bytes: bytes.out)
        if let kept = treasuries.withLock({ $0[key] }) {
            kept.files.forEach { InputFileLog.current?.record($0) }
            return kept.value
        }
        let log = r.ctx.log
        let before = log.diagnostics.count
        let read = InputFileLog()
        let value = InputFileLog.$current.withValue(read) { TreasuryInput.read(r, limits: limits) }
        let files = read.all
        files.forEach { InputFileLog.current?.record($0) }
        if let value, log.diagnostics.count == before {
            treasuries.withLock {
                if $0.count >= Self.capacity { $0.removeAll() }
                $0[key] = (value, files)
            }
        }
        return value
    }
}

extension SourceNode {
    /// A tree as bytes that differ whenever two trees differ in any way a reader can see:
    /// kinds, keys and scalars by their UTF-8, plain or quoted, and every position (file,
    /// line, column), each length-prefixed so that no two trees give the same bytes. A
    /// position in the same file as the one before it writes the file as a mark (0), not
    /// again.
    struct ExactBytes {
        private(set) var out: [UInt8] = []
        private var lastFile: String? = nil

        init() { out.reserveCapacity(8_192) }

        mutating func add(_ node: SourceNode) {
            switch node {
            case .scalar(let s, let plain, let at):
                out.append(plain ? 1 : 2)
                add(s)
                add(at)
            case .sequence(let items, let at):
                out.append(3)
                add(items.count)
                add(at)
                for item in items { add(item) }
            case .mapping(let entries, let at):
                out.append(4)
                add(entries.count)
                add(at)
                for e in entries {
                    add(e.key)
                    add(e.keyLocation)
                    add(e.value)
                }
            }
        }

        mutating func add(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                add(utf8.count + 1)   // + 1: a string is never the mark 0
                out.append(contentsOf: utf8)
            }
        }

        mutating func add(_ n: Int) {
            withUnsafeBytes(of: n.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func add(_ at: SourceLocation) {
            if let last = lastFile, Self.same(last, at.file) {
                add(0)
            } else {
                add(at.file)
                lastFile = at.file
            }
            add(at.line)
            add(at.column)
        }

        /// Byte-for-byte equality of two strings' UTF-8.
        private static func same(_ a: String, _ b: String) -> Bool {
            var a = a, b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
            }
        }
    }
}
