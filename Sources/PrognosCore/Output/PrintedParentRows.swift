import Foundation

/// What a row of the statement prints: one consistent set of figures per row (review of
/// issues 16/17). A parent with printed subtotals (a nämnd row above its verksamheter,
/// rule O14) prints the report's own budget, forecast, actual and deviation; the computed
/// sums of its children are shown only in the reconciliation. A column a what-if changed
/// (`--set`, status `overridden`) shows the new sum instead, and its deviation follows
/// (budget − forecast of the figures shown), never the stale printed one.
extension OperatingResult {
    /// The figures a unit's row prints, in the document's convention (call on `asPrinted()`).
    func shownFigures(_ u: Unit) -> Figures {
        var f = u.figures
        let overridden = Set(reconciliation.filter {
            $0.unit == u.id && $0.status == PrognosCore.Reconciliation.Status.overridden.rawValue
        }.map(\.column))
        if let printed = u.printed.printedSubtotals?.value {
            for c in TotalColumn.allCases where !overridden.contains(c.rawValue) {
                if let v = printed[c.rawValue] { f.set(c, v) }
            }
        }
        // The year's and the period's deviation: printed (O14/O15) unless a what-if moved an operand.
        func stale(_ columns: [TotalColumn]) -> Bool { columns.contains { overridden.contains($0.rawValue) } }
        let flipped = printsNetCostNegative || u.reportedAs == ReportedAs.result.rawValue
        if stale([.forecast, .budget, .deviation]) {
            f.deviation = f.budget.flatMap { b in f.forecast.map { Self.deviation(budget: b, forecast: $0, flipped: flipped) } }
        } else {
            f.deviation = u.printed.printedSubtotals?.value["deviation"] ?? shownDeviation(u, ytd: false)
        }
        if stale([.actualYTD, .budgetYTD, .deviationYTD]) {
            f.deviationYTD = f.budgetYTD.flatMap { b in f.actualYTD.map { Self.deviation(budget: b, forecast: $0, flipped: flipped) } }
        } else {
            f.deviationYTD = u.printed.printedSubtotals?.value["deviation_ytd"] ?? shownDeviation(u, ytd: true)
        }
        return f
    }

    /// Budget − forecast for net costs; forecast − budget for a result unit, and for net costs
    /// shown negative (the amounts are negated; the deviation stays favourable-positive, rule O13).
    private static func deviation(budget b: Double, forecast x: Double, flipped: Bool) -> Double {
        flipped ? x - b : b - x
    }
}

extension OperatingResult.Figures {
    /// Sets the figure of a column of the statement.
    mutating func set(_ c: TotalColumn, _ v: Double?) {
        switch c {
        case .actualYTD: actualYTD = v
        case .budgetYTD: budgetYTD = v
        case .deviationYTD: deviationYTD = v
        case .actualYTDPrior: actualYTDPrior = v
        case .forecast: forecast = v
        case .budget: budget = v
        case .deviation: deviation = v
        case .outcomePrior: outcomePrior = v
        }
    }
}
