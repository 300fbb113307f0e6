import Synchronization

/// The evaluations of one compiled plan while a batch runs (issue 20, item 4): a sweep that
/// changes one scenario (a shift) or nothing the plan reads leaves every other scenario's
/// evaluation as it was, and it is taken from here instead of being computed again.
///
/// `PortfolioEvaluator.evaluate` is a pure function of its plan and of the scenario's fixings
/// on the plan's fixing dates (`FloatingPeriods.slotDays`; the par rates are read from the same
/// fixings, rule T4): it reads the scenario nowhere else. So the key is those fixings as bit
/// patterns (only the slots read when `accruingOnly`), and a hit gives the same bits as the
/// evaluation it stands for. The plan itself is shared by `PlanCache` for equal `PlanKey`s, and
/// the cache hangs on it, so a run's numbers do not depend on which runs came before.
final class EvaluationCache: Sendable {
    /// What an evaluation leaves in the evaluator: per month the external interest, the swaps'
    /// part, the internal income per borrower, and each par event's rate.
    struct Evaluation: Sendable {
        var external: [Double]
        var swaps: [Double]
        var internalIncome: [Double]
        var parRates: [Double]
    }

    /// At most this many evaluations are kept per plan; beyond it new ones are not stored (a
    /// batch's plan sees one per scenario of the file, the shifted base of rule T17, and one
    /// per value of a swept scenario). An evaluation is ≈ (2 + borrowers) × months + par
    /// events doubles (≈ 10 kB for the internal bank), so with `PlanCache.capacity` plans the
    /// cache holds at most ≈ 256 × 32 × 10 kB ≈ 80 MB, and in `sweep-1000` ≈ 100 × 7 × 10 kB.
    static let capacity = 32
    private let entries = Mutex<[[UInt64]: Evaluation]>([:])

    func evaluation(_ key: [UInt64]) -> Evaluation? { entries.withLock { $0[key] } }

    func store(_ key: [UInt64], _ evaluation: Evaluation) {
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[key] = evaluation }
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
