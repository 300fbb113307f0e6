import Foundation

/// A batch's memory of the treasury result's parts that its runs repeat: a scenario's
/// years (`TreasuryResult.Scenario`), the policy checks and the metrics at each 31 December.
/// In `sweep-1000` eight of a run's nine scenarios, its policy and its year-end metrics are the
/// same in the ten runs that share its internal margin and funding spread (only the swept
/// scenario moves), and boxing and writing them was ≈ 20 % of a run (issue 20, item 4).
///
/// A part equal to one met before takes that part's `Box` (its children shared, as they are
/// never changed once built) and the JSON that box was written as, at the same indentation:
/// the bytes of a subtree depend only on its values, so they are the bytes writing it again
/// would give. "Equal" is exact: the synthesized `==` of the values, and the UTF-8 of every
/// string in them compared byte for byte (`sameSpelling`: `==` on `String` holds for
/// canonically equivalent spellings, NFC and NFD, which are written as different bytes). A
/// value holding NaN is not equal to one built apart (NaN ≠ NaN) and is boxed afresh. Nothing
/// is kept when the memo is absent (every command but `batch`).
///
/// One memo serves all of a batch's workers (a part boxed by one is reused by the others),
/// behind a lock held only to find or add a part: boxing a new one happens outside it.
/// `@unchecked Sendable`: its store is read and changed only under `lock`, and a kept box is
/// not changed once it is kept.
final class BoxMemo: @unchecked Sendable {
    /// The JSON a shared subtree was written as, and at which indentation; filled by the first
    /// writer, read by the next (under the lock: the workers write on their own threads).
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var indent = -1
        private var bytes: [UInt8] = []

        /// Appends the subtree's JSON at `indent` to `out`; false when it is not known yet.
        func append(at indent: Int, to out: inout [UInt8]) -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard indent == self.indent else { return false }
            out.append(contentsOf: bytes)
            return true
        }

        /// Keeps `bytes` as the subtree's JSON at `indent` (the first one written).
        func keep(_ bytes: ArraySlice<UInt8>, at indent: Int) {
            lock.lock(); defer { lock.unlock() }
            guard self.indent < 0 else { return }
            self.indent = indent
            self.bytes = Array(bytes)
        }
    }

    private struct Store {
        var scenarios = Kept<TreasuryResult.Scenario>()
        var checks = Kept<[TreasuryResult.Check]>()
        var yearEnds = Kept<[TreasuryResult.Metrics]>()
        var reused = 0, boxed = 0
    }
    private let lock = NSLock()
    private var store = Store()

    /// How many parts were taken from the memo and how many were boxed (the tests read them).
    var counts: (reused: Int, boxed: Int) { lock.withLock { (store.reused, store.boxed) } }

    /// Fills `box` with `value`'s tree: a memorised part's when one is equal, else `build()`'s
    /// (then remembered). True when `value` is one of the memorised types.
    func put<T>(_ value: T, into box: ResultEncoder.Box, build: () -> Void) -> Bool {
        typealias Box = ResultEncoder.Box
        if T.self == TreasuryResult.Scenario.self {
            let s = Box.reinterpret(value, as: TreasuryResult.Scenario.self)
            fill(\.scenarios, s, BoxMemo.digest(s), BoxMemo.sameSpelling, into: box, build: build)
        } else if T.self == [TreasuryResult.Check].self {
            let c = Box.reinterpret(value, as: [TreasuryResult.Check].self)
            fill(\.checks, c, BoxMemo.digest(c), BoxMemo.sameSpelling, into: box, build: build)
        } else if T.self == [TreasuryResult.Metrics].self {
            let m = Box.reinterpret(value, as: [TreasuryResult.Metrics].self)
            fill(\.yearEnds, m, BoxMemo.digest(m), BoxMemo.sameSpelling, into: box, build: build)
        } else {
            return false
        }
        return true
    }

    private func fill<V: Equatable>(_ kept: WritableKeyPath<Store, Kept<V>>, _ value: V, _ digest: UInt64,
                                    _ sameSpelling: (V, V) -> Bool, into box: ResultEncoder.Box, build: () -> Void) {
        let hit = lock.withLock { () -> (box: ResultEncoder.Box, written: Written)? in
            guard let e = store[keyPath: kept].find(value, digest, sameSpelling) else { return nil }
            store.reused += 1
            return (e.box, e.written)
        }
        if let hit {
            box.adopt(hit.box, written: hit.written)
            return
        }
        build()
        let written = Written()
        box.written = written   // this run writes it first
        let entry = Kept<V>.Entry(value: value, digest: digest, box: box, written: written)
        lock.withLock {
            store[keyPath: kept].insert(entry)
            store.boxed += 1
        }
    }

    /// Kept parts of one type, found by their digest's bucket, then by `==` and `sameSpelling`. Two
    /// generations: a part not met again while `limit` others were added is dropped, so a
    /// sweep's one-off parts (its swept scenario) do not pile up; a part met again moves to
    /// the young generation.
    struct Kept<V: Equatable> {
        struct Entry { let value: V; let digest: UInt64; let box: ResultEncoder.Box; let written: Written }
        static var limit: Int { 512 }
        private var young: [UInt64: [Entry]] = [:], old: [UInt64: [Entry]] = [:]
        private var youngCount = 0

        /// The kept part that is `value`: equal by `==` and spelt with the same bytes.
        mutating func find(_ value: V, _ digest: UInt64, _ sameSpelling: (V, V) -> Bool) -> Entry? {
            func same(_ e: Entry) -> Bool { e.value == value && sameSpelling(e.value, value) }
            if let e = young[digest]?.first(where: same) { return e }
            guard let k = old[digest]?.firstIndex(where: same) else { return nil }
            let e = old[digest]!.remove(at: k)
            insert(e)
            return e
        }

        mutating func insert(_ e: Entry) {
            if youngCount == Self.limit { old = young; young = [:]; youngCount = 0 }
            young[e.digest, default: []].append(e)
            youngCount += 1
        }
    }

    // MARK: the strings of a part, as bytes

    /// Whether `a` and `b`, equal by `==`, spell every string with the same UTF-8 (`==` on
    /// `String` holds for canonically equivalent spellings, NFC and NFD, which are written as
    /// different bytes). Their fields correspond one to one; a map's key is found in the other
    /// map by lookup (which matches canonically) and its bytes compared.
    static func sameSpelling(_ a: TreasuryResult.Scenario, _ b: TreasuryResult.Scenario) -> Bool {
        guard same(a.name, b.name), same(a.label?.value, b.label?.value) else { return false }
        for (x, y) in zip(a.years, b.years) {
            guard same(x.internalIncomeByBorrower, y.internalIncomeByBorrower),
                  same(x.realised?.from, y.realised?.from), same(x.realised?.to, y.realised?.to),
                  same(x.forecast?.from, y.forecast?.from), same(x.forecast?.to, y.forecast?.to) else { return false }
        }
        for (x, y) in zip(a.swapMarketValue ?? [], b.swapMarketValue ?? []) {
            guard same(x.date, y.date), same(x.bySwap, y.bySwap) else { return false }
        }
        return true
    }

    static func sameSpelling(_ a: [TreasuryResult.Check], _ b: [TreasuryResult.Check]) -> Bool {
        zip(a, b).allSatisfy { same($0.rule, $1.rule) && same($0.date, $1.date) }
    }

    static func sameSpelling(_ a: [TreasuryResult.Metrics], _ b: [TreasuryResult.Metrics]) -> Bool {
        zip(a, b).allSatisfy { x, y in
            same(x.date, y.date) && same(x.fixingBuckets, y.fixingBuckets)
                && same(x.fixingBucketsExclDerivatives, y.fixingBucketsExclDerivatives)
                && same(x.byLender, y.byLender) && same(x.byCounterparty, y.byCounterparty)
                && same(x.internalLending.byBorrower, y.internalLending.byBorrower)
        }
    }

    private static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return same(a, b)
    }

    /// The UTF-8 of `a` and `b`, compared as two buffers (`utf8.elementsEqual` went byte by
    /// byte through the view's iterator: 2 % of a `sweep-1000` run).
    private static func same(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// The keys of two maps equal by `==`, byte for byte.
    private static func same(_ a: [String: Double?]?, _ b: [String: Double?]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        guard a.count == b.count else { return false }
        for key in a.keys {
            guard let i = b.index(forKey: key), same(b[i].key, key) else { return false }
        }
        return true
    }

    /// The bucket a part is kept in: a digest of its names and dates and of a few of its
    /// numbers' bits, so that parts differing only in their numbers fall into different
    /// buckets. It only picks the bucket; `==` and `sameSpelling` decide (a map's keys, whose
    /// order is the dictionary's, are left to them).
    static func digest(_ s: TreasuryResult.Scenario) -> UInt64 {
        var d = Digest()
        d.add(s.name)
        d.add(s.label?.value ?? "\u{0}")
        for y in s.years {
            d.add(y.externalInterest); d.add(y.internalIncome); d.add(y.municipalityNet); d.add(y.debtEnd)
            d.add(y.realised?.from ?? "\u{0}"); d.add(y.realised?.to ?? "\u{0}")
            d.add(y.forecast?.from ?? "\u{0}"); d.add(y.forecast?.to ?? "\u{0}")
        }
        for v in s.swapMarketValue ?? [] { d.add(v.date); d.add(v.total) }
        return d.value
    }

    static func digest(_ checks: [TreasuryResult.Check]) -> UInt64 {
        var d = Digest()
        for c in checks { d.add(c.rule); d.add(c.date); d.add(c.value) }
        return d.value
    }

    static func digest(_ metrics: [TreasuryResult.Metrics]) -> UInt64 {
        var d = Digest()
        for m in metrics {
            d.add(m.date); d.add(m.debt); d.add(m.averageRate); d.add(m.fixingYears)
        }
        return d.value
    }

    /// FNV-1a over bytes.
    struct Digest {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ s: String) {
            for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
            value = (value ^ 0xff) &* 0x100_0000_01b3   // a separator: "ab","c" ≠ "a","bc"
        }

        /// A number's bits (nil apart): the digest only sorts parts into buckets, so −0 and 0
        /// in different buckets cost a box, not a wrong one.
        mutating func add(_ x: Double?) {
            value = (value ^ (x?.bitPattern ?? 0x7ff8_dead_0000_0001)) &* 0x100_0000_01b3
        }
    }
}

extension ResultEncoder {
    /// The batch's memo (`BoxMemo`), bound around boxing a run's result; nil elsewhere.
    @TaskLocal static var memo: BoxMemo? = nil
}

extension ResultEncoder.Box {
    /// Becomes `other`'s tree: its kind and children (the arrays' storage shared), and the
    /// JSON it is written as.
    func adopt(_ other: ResultEncoder.Box, written: BoxMemo.Written) {
        kind = other.kind
        scalar = other.scalar
        entries = other.entries
        keysSorted = other.keysSorted
        array = other.array
        self.written = written
    }
}
