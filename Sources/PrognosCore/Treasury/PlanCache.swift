import Foundation
import Synchronization

/// Everything `PortfolioPlan(input, monthGrid:)` reads of its input, as exact words (issue 20,
/// item 4): two inputs with equal keys compile to the same plan, because `PlanBuilder` is a
/// pure function of these fields (it reads nothing else: no clock, no file, no global; see
/// the list in `PlanKey.init`). Doubles are compared by their bit patterns, so equal keys
/// mean identical numbers. Fields the builder does not read (ids, lenders, names, green of a
/// swap, counterparties, locations, the balance sheet, the policy, the budgets) are not in
/// the key; `PlanCacheTests` fails when a field is added to an input type the key covers, so
/// that the list is looked at again.
struct PlanKey: Hashable, Sendable {
    private(set) var words: [UInt64] = []
    private(set) var texts: [String] = []
    /// The month grid (rule T26's split compiles the same input on its own grid).
    private(set) var monthGrid: [Int]? = nil
    /// The internal bank's margin as bits (0 without a bank), apart from `words`: plans whose
    /// keys differ only here are one compile rebound to each margin (`withoutMargin`).
    private(set) var bankMargin: UInt64 = 0
    /// The hash of `words` and `texts`, worked out once: a run looks its input up twice (its
    /// plan and rule T26's), and the key is thousands of words.
    private var digest = 0

    /// The texts byte for byte (not `==`, which holds for canonically equivalent spellings: a
    /// borrower id spelt another way is another plan, since the result names borrowers as
    /// the plan spells them).
    static func == (a: PlanKey, b: PlanKey) -> Bool {
        guard a.digest == b.digest, a.bankMargin == b.bankMargin, a.monthGrid == b.monthGrid, a.words == b.words,
              a.texts.count == b.texts.count else { return false }
        for i in a.texts.indices where !sameUTF8(a.texts[i], b.texts[i]) { return false }
        return true
    }

    private static func sameUTF8(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard x.count == y.count else { return false }
                guard x.count > 0, let p = x.baseAddress, let q = y.baseAddress, p != q else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
        if let fast, let same = fast { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
        hasher.combine(bankMargin)
        hasher.combine(monthGrid)
    }

    /// The key of every plan of this input whatever the bank's margin (`PlanCache`'s compiled
    /// plans, rebound to a margin with `PortfolioPlan.rebound(bankMargin:)`).
    var withoutMargin: PlanKey {
        var key = self
        key.bankMargin = 0
        return key
    }

    /// The same input on another month grid (the words are shared, not copied).
    func with(monthGrid: [Int]?) -> PlanKey {
        var key = self
        key.monthGrid = monthGrid
        return key
    }

    private mutating func add(_ x: Double) { words.append(x.bitPattern) }
    private mutating func add(_ x: Double?) {
        if let x { words.append(1); words.append(x.bitPattern) } else { words.append(0) }
    }
    private mutating func add(_ n: Int) { words.append(UInt64(bitPattern: Int64(n))) }
    private mutating func add(_ d: Day) { add(d.serial) }
    private mutating func add(_ b: Bool) { words.append(b ? 1 : 0) }

    init(_ input: TreasuryInput, monthGrid: [Int]?) {
        // PlanBuilder.init: V, H, the month grid (`monthGrid`), the borrowers, the fixing history (rule T2).
        self.monthGrid = monthGrid
        add(input.valuationDate); add(input.horizonYears)
        add(input.fixingHistory.count)
        for (d, x) in input.fixingHistory { add(d); add(x) }
        // The loans: schedules, fixed interest, floating periods, debt path, metrics' debts.
        add(input.loans.count)
        for l in input.loans {
            texts.append(l.kind.rawValue); texts.append(l.dayCount.rawValue)
            add(l.notional); add(l.start); add(l.maturity); add(l.rate); add(l.margin); add(l.frequencyMonths)
            add(l.floor); add(l.green); add(l.lastFixing)
            if let a = l.amortization { add(1); add(a.amount); add(a.frequencyMonths) } else { add(0) }
        }
        // The swaps: legs, schedules.
        add(input.swaps.count)
        for s in input.swaps {
            texts.append(s.pay.rawValue)
            add(s.notional); add(s.start); add(s.maturity); add(s.fixedRate)
            add(s.fixedFrequencyMonths); add(s.floatFrequencyMonths); add(s.lastFixing)
        }
        // The refinancing tree: the mix, the funding spreads (`input.spread(for:)`), new borrowing.
        if let mix = input.tenorMix {
            add(1); add(mix.count)
            for e in mix { add(e.tenor.months); texts.append(e.kind.rawValue); add(e.share) }
        } else { add(0) }
        add(input.fundingSpread.count)
        for (t, x) in input.fundingSpread { add(t.months); add(x) }
        add(input.newBorrowing.count)
        for (d, x) in input.newBorrowing { add(d); add(x) }
        // The internal bank: its margin (kept apart, `bankMargin`), borrowers (the order of every
        // per-borrower array), loans.
        if let bank = input.internalBank {
            add(1); texts.append(bank.pricing.rawValue)
            bankMargin = bank.margin.bitPattern
            let ids = bank.borrowerIDs
            add(ids.count); texts += ids
            add(bank.loans.count)
            for l in bank.loans {
                texts.append(l.borrower); texts.append(l.pricing.rawValue)
                add(l.notional); add(l.start); add(l.maturity); add(l.rate); add(l.margin); add(l.rollover)
            }
        } else { add(0) }
        var hasher = Hasher()
        hasher.combine(words)
        hasher.combine(texts)
        digest = hasher.finalize()
    }
}

/// Compiled portfolio plans by `PlanKey`, while a batch runs (when `InputCache` is enabled):
/// a sweep that does not change what the plan reads compiles it once, and one that does (a
/// funding spread) once per distinct value. The bank's margin is not compiled for: a plan
/// compiled for one margin is rebound to each other (`PortfolioPlan.rebound(bankMargin:)`,
/// the bits of a compile with that margin). A plan is a pure function of its key, so a run's
/// numbers do not depend on which runs came before or on the thread that compiled it
/// (issue 20, item 4).
final class PlanCache: Sendable {
    static let shared = PlanCache()
    /// At most this many plans are kept (and as many compiles); beyond it the cache starts afresh.
    static let capacity = 256
    /// The plans runs use, with their evaluations, by the whole key.
    private let plans = Mutex<[PlanKey: PortfolioPlan]>([:])
    /// Compiled plans by the key without the bank's margin, to rebind.
    private let compiled = Mutex<[PlanKey: PortfolioPlan]>([:])
    /// The swap values of every plan (`EvaluationCache.swapValueStore`).
    private let swapValues = KeptValues<[SwapValuation]>(capacity: KeptValues<[SwapValuation]>.swapValueCapacity)

    /// `PortfolioPlan(input, monthGrid:)`, compiled once per key while the cache is enabled.
    /// `key`: the input's key on any grid, when the caller has it (`PlanKey.with(monthGrid:)`).
    /// The input's key while the cache is enabled (nil otherwise), for `plan(_:monthGrid:key:)`.
    static func key(_ input: TreasuryInput) -> PlanKey? {
        InputCache.shared.enabled ? PlanKey(input, monthGrid: nil) : nil
    }

    static func plan(_ input: TreasuryInput, monthGrid: [Int]? = nil, key known: PlanKey? = nil) -> PortfolioPlan {
        guard InputCache.shared.enabled else { return PortfolioPlan(input, monthGrid: monthGrid) }
        return shared.plan(input, monthGrid: monthGrid, key: known)
    }

    /// The plan of `input` from this cache: kept, else rebound from a compile of the same
    /// input apart from the bank's margin, else compiled.
    func plan(_ input: TreasuryInput, monthGrid: [Int]? = nil, key known: PlanKey? = nil) -> PortfolioPlan {
        let key = known?.with(monthGrid: monthGrid) ?? PlanKey(input, monthGrid: monthGrid)
        if let plan = plans.withLock({ $0[key] }) { return plan }
        var plan: PortfolioPlan
        let free = key.withoutMargin
        if let base = compiled.withLock({ $0[free] }) {
            // Without a bank nothing is rebound: the compile as it is, without its evaluations.
            plan = base.rebound(bankMargin: input.internalBank?.margin ?? 0)
        } else {
            plan = PortfolioPlan(input, monthGrid: monthGrid)
            compiled.withLock { compiled in
                if compiled.count >= Self.capacity { compiled.removeAll() }
                compiled[free] = plan
            }
        }
        plan.evaluations = EvaluationCache(swapValues: swapValues)
        plans.withLock { plans in
            if plans.count >= Self.capacity { plans.removeAll() }
            plans[key] = plan
        }
        return plan
    }

    /// The plans kept for runs, and the compiles they were rebound from.
    var counts: (plans: Int, compiled: Int) {
        (plans.withLock { $0.count }, compiled.withLock { $0.count })
    }

    /// Empties the cache (the batch does when it ends).
    static func clear() {
        shared.plans.withLock { $0.removeAll() }
        shared.compiled.withLock { $0.removeAll() }
        shared.swapValues.clear()
    }
}
