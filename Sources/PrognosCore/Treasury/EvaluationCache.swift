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
///   reads the plan's swaps and rule T2 history and the scenario: its key is the scenario's words.
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
    private let swapValueEntries = Mutex<[[UInt64]: [SwapValuation]]>([:])
    private let metricsEntries = Mutex<[[UInt64]: Metrics]>([:])

    func evaluation(_ key: [UInt64]) -> Evaluation? { entries.withLock { $0[key] } }

    func store(_ key: [UInt64], _ evaluation: Evaluation) {
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[key] = evaluation }
        }
    }

    /// The swap values under the scenario with these words, computed by `make` when not kept.
    func swapValues(_ scenario: [UInt64], _ make: () -> [SwapValuation]) -> [SwapValuation] {
        if let hit = swapValueEntries.withLock({ $0[scenario] }) { return hit }
        let values = make()
        swapValueEntries.withLock { entries in
            if entries.count < Self.capacity { entries[scenario] = values }
        }
        return values
    }

    /// The metrics for `key` (`MetricsKey.words`), computed by `make` when not kept.
    func metrics(_ key: [UInt64], _ make: () -> Metrics) -> Metrics {
        if let hit = metricsEntries.withLock({ $0[key] }) { return hit }
        let metrics = make()
        metricsEntries.withLock { entries in
            if entries.count < Self.metricsCapacity { entries[key] = metrics }
        }
        return metrics
    }

    var count: Int { entries.withLock { $0.count } }
    var swapValueCount: Int { swapValueEntries.withLock { $0.count } }
    var metricsCount: Int { metricsEntries.withLock { $0.count } }
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
