import Foundation

/// How the statement's views mark a what-if (`--set`, reconciliation status `overridden`):
/// "†" on a figure that shows the change instead of the report's printed figure (a total or a
/// parent's subtotal, and its deviation), "‡" on the printed gross lines (varav kostnader /
/// intäkter, a unit's kostnader / intäkter) that no longer add up to the changed net forecast.
/// The text table and the people's CSV print the mark after the figure, the workbook the same
/// number format and a cell comment (docs/decisions.md "What-if and the gross lines").
struct WhatIfLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    static let changedMark = "†"
    static let staleMark = "‡"

    var changedNote: String {
        sv ? "† Ändrat med --set: beloppet visar ändringen, inte rapportens tryckta belopp (se avstämningen nedan)."
           : "† Changed with --set: the figure shows the change, not the report's printed figure (see the reconciliation below)."
    }
    var staleNote: String {
        sv ? "‡ Rapportens tryckta belopp, som inte stämmer med ändringen med --set: hur en ändrad nettoprognos eller nettobudget fördelas på kostnader och intäkter går inte att härleda."
           : "‡ The report's printed figure, which does not match the change made with --set: how a changed net forecast or net budget splits into costs and income cannot be derived."
    }
    /// The workbook's cell comment on a marked cell.
    func comment(_ mark: String) -> String? {
        switch mark {
        case Self.changedMark: return sv ? "Ändrad i what-if (--set): visar ändringen, inte rapportens tryckta belopp."
                                         : "Changed in the what-if (--set): shows the change, not the report's printed figure."
        case Self.staleMark: return sv ? "Stämmer inte med what-if (--set): rapportens tryckta belopp, fördelningen av ändringen går inte att härleda."
                                       : "Does not match the what-if (--set): the report's printed figure; how the change splits cannot be derived."
        default: return nil
        }
    }
    /// The reconciliation line of a gross lines' check (forecast or budget).
    func grossLine(_ r: OperatingResult.Reconciliation, _ unit: AmountUnit) -> String {
        let reported = Format.amount(r.reported, unit, lang), computed = Format.amount(r.computed, unit, lang)
        if r.column == OperatingStatement.grossBudgetCheck {
            return sv ? "varav kostnader + varav intäkter, budget: rapporten anger \(reported), nettobudgeten efter --set är \(computed) (stämmer inte med ändringen)"
                      : "of which costs + of which income, budget: the report prints \(reported), the net budget after --set is \(computed) (does not match the change, status overridden)"
        }
        return sv ? "varav kostnader + varav intäkter, prognos helår: rapporten anger \(reported), nettoprognosen efter --set är \(computed) (stämmer inte med ändringen)"
                  : "of which costs + of which income, full-year forecast: the report prints \(reported), the net forecast after --set is \(computed) (does not match the change, status overridden)"
    }
}

extension OperatingResult {
    private var overriddenStatus: String { PrognosCore.Reconciliation.Status.overridden.rawValue }

    /// True when a what-if changed a figure under the check of `unit` (nil: the total) in `column`.
    func isOverridden(unit: String?, _ column: String) -> Bool {
        reconciliation.contains { $0.unit == unit && $0.column == column && $0.status == overriddenStatus }
    }

    /// The total's varav kostnader / intäkter no longer add up to the changed forecast (budget).
    var grossForecastStale: Bool { isOverridden(unit: nil, OperatingStatement.grossForecastCheck) }
    var grossBudgetStale: Bool { isOverridden(unit: nil, OperatingStatement.grossBudgetCheck) }

    /// A statement cell, marked "†" where the row shows the change instead of the printed figure;
    /// a deviation is marked with the forecast or budget it is computed from.
    func whatIfCell(_ cell: PrintedCell, unit: String?, _ c: TotalColumn) -> PrintedCell {
        let operands: [TotalColumn] = switch c {
        case .deviation: [.deviation, .forecast, .budget]
        case .deviationYTD: [.deviationYTD, .actualYTD, .budgetYTD]
        default: [c]
        }
        guard operands.contains(where: { isOverridden(unit: unit, $0.rawValue) }) else { return cell }
        return .marked(cell, WhatIfLabels.changedMark)
    }

    /// A gross cell (costs or income) in `column`, marked "‡" where it no longer matches the what-if:
    /// the total's (`unit` nil) forecast or budget and the deviation, or a unit's forecast whose O16 check a `--set` broke.
    func whatIfGrossCell(_ cell: PrintedCell, unit: String?, _ c: TotalColumn) -> PrintedCell {
        let stale = unit == nil ? grossForecastStale && (c == .forecast || c == .deviation)
                                    || grossBudgetStale && (c == .budget || c == .deviation)
                                : isOverridden(unit: unit, "gross." + c.rawValue)
        return stale ? .marked(cell, WhatIfLabels.staleMark) : cell
    }

    /// True when some cell of the statement carries a what-if mark.
    var hasWhatIfMarks: Bool { overriddenCount > 0 }
}
