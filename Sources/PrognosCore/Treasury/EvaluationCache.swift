import Synchronization

/// What a batch keeps of one compiled plan across its runs (issue 20, item 4): a sweep that
/// changes one scenario (a shift) or nothing the plan reads leaves every other scenario's
/// evaluation, swap values and the base scenario's metrics as they were, and they are taken
/// from here instead of being computed again.
///
/// Each is a pure function of the plan and of what its key holds, so a hit gives the same
/// bits as the computation it stands for:
/// - `PortfolioEvaluator.evaluate` reads the scenario only through its fixings on the plan's
///   fixing dates (`FloatingPeriods.slotDays`; the par rates are read from the same fixings,
///   rule T4). Its key is the scenario's words (`ScenarioKey`), or for a scenario type without
///   words those fixings as bit patterns (only the slots read when `accruingOnly`).
/// - `MetricsPortfolio.swapValues` on the plan's dates (V and each 31 December, rule T24)
///   reads the swaps, V, rule T2's history and the scenario: its key is those as words
///   (`SwapBookKey`, `ScenarioKey`), and the store is shared by the plans of a batch.
/// - The metrics at V and each 31 December and the ladders (rules T13, T20) read the plan, the
///   base scenario's par rates (its evaluation: the plan and the scenario), the base scenario,
///   the initial curve (rule T20's market value) and, outside the plan, each loan's lender and
///   each swap's counterparty as written (`MetricsKey`).
/// The plan itself is shared by `PlanCache` for equal `PlanKey`s, and the cache hangs on it,
/// so a run's numbers do not depend on which runs came before.
final class EvaluationCache: Sendable {
    /// What an evaluation leaves in the evaluator: per month the external interest, the swaps'
    /// part, the internal income per borrower, and each par event's rate.
    struct Evaluation: Sendable {
        var external: [Double]
        var swaps: [Double]
        var internalIncome: [Double]
        var parRates: [Double]
    }

    /// The base scenario's metrics at V and each 31 December, and the ladders at V.
    struct Metrics: Sendable {
        var atValuation: PortfolioMetrics
        var yearEnd: [PortfolioMetrics]
        var ladders: Ladders
    }

    /// At most this many evaluations (and as many swap-value sets) are kept per plan; beyond
    /// it new ones are not stored (a batch's plan sees one per scenario of the file, the
    /// shifted base of rule T17, and one per value of a swept scenario). An evaluation is
    /// ≈ (2 + borrowers) × months + par events doubles (≈ 10 kB for the internal bank), so with
    /// `PlanCache.capacity` plans the cache holds at most ≈ 256 × 32 × 10 kB ≈ 80 MB, and in
    /// `sweep-1000` ≈ 200 × 19 × 10 kB. Swap values are (1 + years) × swaps doubles each.
    static let capacity = 32
    /// Metrics are kept for this many (base scenario, curve, lenders) per plan.
    static let metricsCapacity = 4
    private let entries = Mutex<[[UInt64]: Evaluation]>([:])
    /// The metrics, by `MetricsKey.words`.
    let metrics = KeptValues<Metrics>(capacity: EvaluationCache.metricsCapacity)
    /// Swap values do not read what tells plans apart in a sweep (margins, spreads, loans): they
    /// are kept by the swap book's words and the scenario's (`SwapBookKey`), in a store that
    /// `PlanCache` gives every plan of a batch.
    let swapValueStore: KeptValues<[SwapValuation]>

    init(swapValues: KeptValues<[SwapValuation]> = KeptValues(capacity: KeptValues<[SwapValuation]>.swapValueCapacity)) {
        swapValueStore = swapValues
    }

    func evaluation(_ key: [UInt64]) -> Evaluation? { entries.withLock { $0[key] } }

    func store(_ key: [UInt64], _ evaluation: Evaluation) {
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[key] = evaluation }
        }
    }

    var count: Int { entries.withLock { $0.count } }
    var swapValueCount: Int { swapValueStore.count }
    var metricsCount: Int { metrics.count }
}

/// What the metrics read besides the plan (see `EvaluationCache`): the base scenario's words,
/// the initial curve's, and each loan's lender and each swap's counterparty as UTF-8 bytes (so
/// two spellings Swift compares equal are two keys: the metrics name a lender as spelt).
enum MetricsKey {
    static func words(base: [UInt64], curve: ZeroCurve?, _ input: TreasuryInput) -> [UInt64] {
        var w = [UInt64(base.count)] + base
        let c = ScenarioKey.words(curve)
        w.append(UInt64(c.count)); w += c
        func add(_ text: String?) {
            guard let text else { w.append(0); return }
            var word: UInt64 = 0, shift: UInt64 = 0
            w.append(UInt64(text.utf8.count) + 1)
            for b in text.utf8 {
                word |= UInt64(b) << shift
                shift += 8
                if shift == 64 { w.append(word); word = 0; shift = 0 }
            }
            if shift > 0 { w.append(word) }
        }
        w.append(UInt64(input.loans.count))
        for loan in input.loans { add(loan.lender) }
        w.append(UInt64(input.swaps.count))
        for swap in input.swaps { add(swap.counterparty) }
        return w
    }
}

/// Values a batch keeps by exact words, computed once each: at most `capacity` are kept,
/// beyond it new ones are computed and not stored.
final class KeptValues<Value: Sendable>: Sendable {
    let capacity: Int
    private let entries = Mutex<[[UInt64]: Value]>([:])

    init(capacity: Int) { self.capacity = capacity }

    /// The value for `key`, computed by `make` when not kept.
    func value(_ key: [UInt64], _ make: () -> Value) -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let value = make()
        entries.withLock { entries in
            if entries.count < capacity { entries[key] = value }
        }
        return value
    }

    var count: Int { entries.withLock { $0.count } }
    func clear() { entries.withLock { $0.removeAll() } }
}

extension KeptValues where Value == [SwapValuation] {
    /// Swap values (rule T24) kept by `SwapBookKey` + the scenario's words, shared by a batch's
    /// plans; a set is (1 + years) × swaps doubles. `sweep-1000` has 15 distinct scenarios on
    /// one swap book.
    static var swapValueCapacity: Int { 256 }
}

/// What `MetricsPortfolio.swapValues` reads besides the scenario, as exact words: V, rule T2's
/// fixing history, each swap's fields that its schedules and legs are built from
/// (`PlanBuilder`: pay, notional, start, maturity, fixed rate, both frequencies, last fixing),
/// and the dates. `ScenarioKeyTests.swapBookTripwire` fails when a field is added to `Swap`.
enum SwapBookKey {
    static func words(_ input: TreasuryInput, dates: [Day]) -> [UInt64] {
        var w: [UInt64] = []
        func add(_ n: Int) { w.append(UInt64(bitPattern: Int64(n))) }
        func add(_ x: Double) { w.append(x.bitPattern) }
        func add(_ x: Double?) { if let x { add(1); add(x) } else { add(0) } }
        add(input.valuationDate.serial)
        add(input.fixingHistory.count)
        for (d, x) in input.fixingHistory { add(d.serial); add(x) }
        add(input.swaps.count)
        for s in input.swaps {
            add(s.pay == .fixed ? 1 : 0)
            add(s.notional); add(s.start.serial); add(s.maturity.serial); add(s.fixedRate)
            add(s.fixedFrequencyMonths); add(s.floatFrequencyMonths); add(s.lastFixing)
        }
        add(dates.count)
        for d in dates { add(d.serial) }
        return w
    }
}
