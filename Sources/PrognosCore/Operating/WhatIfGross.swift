import Foundation

/// What-if and the total's gross lines (operating.md "What-if": "the gross lines that no longer
/// add up are marked in the same way"). A `--set` on a unit's net forecast or budget cannot say
/// how the change splits into costs and income, so "varav kostnader / varav intäkter" keep the
/// printed figures and, where they added up to the total on the file as written but no longer
/// do, the statement gets a check `gross.forecast` or `gross.budget` (no unit) with status
/// `overridden`: the views mark those cells as not matching the what-if (docs/decisions.md
/// "What-if and the gross lines").
extension OperatingStatement {
    /// The JSON `column` of the checks: the forecast's and the budget's gross lines.
    static let grossForecastCheck = "gross.forecast"
    static let grossBudgetCheck = "gross.budget"

    /// True for the label of a gross-lines check (`gross.forecast`, `gross.budget`).
    static func isGrossCheck(_ column: String) -> Bool { column == grossForecastCheck || column == grossBudgetCheck }

    /// Adds a check with status `overridden` for each column (forecast, budget) whose printed
    /// gross lines added up to the total on the file as written but no longer do.
    mutating func markGrossOverridden(against base: OperatingStatement) {
        let columns: [(TotalColumn, String, (GrossFigures.Part) -> Double?)] = [
            (.forecast, Self.grossForecastCheck, { $0.forecast }),
            (.budget, Self.grossBudgetCheck, { $0.budget }),
        ]
        let tolerance = 2 * unit.halfLastDigit
        for (column, label, figure) in columns {
            func gap(_ s: OperatingStatement) -> (sum: Double, total: Double)? {
                guard let g = s.gross, let c = figure(g.costs), let i = figure(g.income), let t = s.total[column] else { return nil }
                return (c + i, t)
            }
            guard let before = gap(base), abs(before.sum - before.total) <= tolerance + 1e-6,
                  let now = gap(self), abs(now.sum - now.total) > tolerance + 1e-6 else { continue }
            let location = reconciliation.first { $0.unit == nil && $0.column == column }?.location
                ?? SourceLocation(file: "", line: 0, column: 0)
            reconciliation.append(Reconciliation(column: column, reported: now.sum, computed: now.total, difference: now.total - now.sum,
                                                 tolerance: tolerance, status: .overridden, location: location, label: label))
        }
    }
}
