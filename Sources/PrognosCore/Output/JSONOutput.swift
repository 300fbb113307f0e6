import Foundation

/// The JSON contract of files.md: snake_case keys, amounts in kronor, rates as
/// decimals, dates ISO, null where a figure is unknown. Keys are sorted so the same
/// run gives byte-identical output.
public enum JSONOutput {
    public static func render(_ run: ScenarioRun) throws -> String {
        var top: [String: Any] = [
            "name": run.scenario.name,
            "as_of": run.scenario.asOf.map { $0.description as Any } ?? NSNull(),
            "unit": run.scenario.unit.rawValue,
            "warnings": run.warnings.map(\.description),
        ]
        if let o = run.operating { top["operating"] = operating(o) }
        if let t = run.treasury { top["treasury"] = treasury(t) }
        let data = try JSONSerialization.data(withJSONObject: top,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func n(_ v: Double?) -> Any {
        guard let v else { return NSNull() }
        return v == 0 ? 0.0 : v   // no "-0"
    }

    static func str(_ v: String?) -> Any { v.map { $0 as Any } ?? NSNull() }

    static func amounts(_ f: StatementFigures) -> [String: Any] {
        var d: [String: Any] = [:]
        for c in TotalColumn.allCases { d[c.rawValue] = n(f[c]) }
        return d
    }

    static func treasury(_ t: TreasuryRun) -> [String: Any] {
        [
            "valuation_date": t.valuationDate.description,
            "debt_at_valuation": n(t.debtAtValuation),
            "base_scenario": t.baseScenario,
            "scenarios": t.scenarios.map { s -> [String: Any] in
                ["name": s.name, "years": s.years.map { y -> [String: Any] in
                    // Without an internal bank all interest is the municipality's own.
                    ["year": y.year, "external_interest": n(y.externalInterest), "swap_net": n(y.swapNet),
                     "internal_income": n(0), "internal_income_by_borrower": [String: Any](), "margin_income": n(0),
                     "municipality_net": n(y.externalInterest), "average_funding_rate": n(y.averageFundingRate),
                     "average_debt": n(y.averageDebt), "debt_end": n(y.debtEnd)]
                }]
            },
            "sensitivity": [
                "shift": n(t.sensitivity.shift),
                "base": t.sensitivity.base,
                "years": t.sensitivity.years.map { y -> [String: Any] in
                    ["year": y.year, "group": n(y.group), "municipality": n(y.municipality), "rule_of_thumb": n(y.ruleOfThumb)]
                },
            ] as [String: Any],
            "assumptions": t.assumptions,
        ]
    }

    static func operating(_ s: OperatingStatement) -> [String: Any] {
        let units: [[String: Any]] = s.units.map { p in
            var u = amounts(p.figures)
            u["id"] = p.id
            u["name"] = p.name
            u["parent"] = str(p.parent)
            u["reported_as"] = p.reportedAs.rawValue
            u["method"] = str(p.method?.rawValue)
            u["method_value"] = n(p.methodValue)
            u["adjustments"] = p.adjustments.map { ["amount": n($0.amount), "note": $0.note] as [String: Any] }
            u["band"] = NSNull()
            u["band_reason"] = p.bandReason
            u["methods"] = Dictionary(p.methods.map { ($0.name, n($0.value)) }, uniquingKeysWith: { a, _ in a })
            u["methods_unavailable"] = Dictionary(p.methodsUnavailable.map { ($0.name, $0.reason as Any) },
                                                  uniquingKeysWith: { a, _ in a })
            u["backtest"] = NSNull()
            return u
        }
        var total = amounts(s.total)
        total["band"] = NSNull()
        total["band_estimator"] = NSNull()
        total["band_reason"] = "no unit has a backtest (no monthly history), so there is no band for the total"
        var out: [String: Any] = [
            "as_of": s.asOf.description,
            "month": s.month,
            "fiscal_year": s.fiscalYear,
            "units": units,
            "total": total,
            "reconciliation": s.reconciliation.map { r -> [String: Any] in
                ["column": r.column.rawValue, "reported": n(r.reported), "computed": n(r.computed),
                 "difference": n(r.difference), "tolerance": n(r.tolerance), "status": r.status.rawValue]
            },
            "assumptions": s.assumptions,
        ]
        if let g = s.gross {
            func part(_ p: GrossFigures.Part) -> [String: Any] {
                ["forecast": n(p.forecast), "budget": n(p.budget), "deviation": n(p.deviation), "outcome_prior": n(p.outcomePrior)]
            }
            out["gross"] = ["costs": part(g.costs), "income": part(g.income)]
        }
        return out
    }
}
