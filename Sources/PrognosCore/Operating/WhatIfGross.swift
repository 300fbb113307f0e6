import Foundation

/// What-if and the total's gross lines (operating.md "What-if": "the gross lines that no longer
/// add up are marked in the same way"). A `--set` on a unit's net forecast cannot say how the
/// change splits into costs and income, so "varav kostnader / varav intäkter" keep the printed
/// figures and, where they added up to the total forecast on the file as written but no longer
/// do, the statement gets a check `gross.forecast` (no unit) with status `overridden`: the views
/// mark those cells as not matching the what-if (docs/decisions.md "What-if and the gross lines").
extension OperatingStatement {
    /// The JSON `column` of the check.
    static let grossForecastCheck = "gross.forecast"

    mutating func markGrossOverridden(against base: OperatingStatement) {
        func gap(_ s: OperatingStatement) -> (sum: Double, total: Double)? {
            guard let g = s.gross, let c = g.costs.forecast, let i = g.income.forecast, let f = s.total.forecast else { return nil }
            return (c + i, f)
        }
        let tolerance = 2 * unit.halfLastDigit
        guard let before = gap(base), abs(before.sum - before.total) <= tolerance + 1e-6,
              let now = gap(self), abs(now.sum - now.total) > tolerance + 1e-6 else { return }
        let location = reconciliation.first { $0.unit == nil && $0.column == .forecast }?.location
            ?? SourceLocation(file: "", line: 0, column: 0)
        reconciliation.append(Reconciliation(column: .forecast, reported: now.sum, computed: now.total, difference: now.total - now.sum,
                                             tolerance: tolerance, status: .overridden, location: location,
                                             label: Self.grossForecastCheck))
    }
}
