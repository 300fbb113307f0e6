import CSV
import Foundation

/// The machine CSV (`rfc4180`) of the investments and the capital costs they give: one row per
/// project and one for the total, then one per unit bearing capital costs, with the JSON's keys
/// as headers, amounts in kronor and rates as decimals (spec files.md: "snake_case keys, kronor,
/// decimals"). Until 2026-12-03 `--format csv` left them out, so an investments-only file gave an
/// empty operating table with exit 0 (docs/decisions.md).
enum InvestmentsCSV {
    static let projectColumns = ["section", "id", "name", "unit", "kind", "group", "spent_ytd", "income_ytd", "forecast_spend",
                                 "forecast_income", "forecast_net", "frame", "deviation", "carry_over", "activation_planned",
                                 "activation_forecast", "capital_cost_budget", "capital_cost_forecast"]
    static let capitalColumns = ["section", "unit", "name", "budget", "forecast", "deviation"]

    static func projects(_ inv: InvestmentsResult, dialect: CSVDialect) throws -> String {
        try CSVOutput.write(dialect) { writer in
            try writer.write(row: projectColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            for p in inv.projects {
                try writer.write(dialect, row: ["project", p.id, p.name, p.unit ?? "", p.kind ?? "", p.group ?? "",
                                                m(p.spentYTD), m(p.incomeYTD), m(p.forecastSpend), m(p.forecastIncome), m(p.forecastNet),
                                                m(p.frame), m(p.deviation), m(p.carryOver), p.activationPlanned ?? "", p.activationForecast ?? "",
                                                m(p.capitalCostBudget), m(p.capitalCostForecast)],
                                 text: [0, 1, 2, 3, 4, 5, 14, 15])
            }
            let t = inv.total
            try writer.write(row: ["total", "total", InvestmentLabels(lang: .sv).total, "", "", "",
                                   m(t.spentYTD), m(t.incomeYTD), m(t.forecastSpend), m(t.forecastIncome), m(t.forecastNet),
                                   m(t.frame), m(t.deviation), m(t.carryOver), "", "", "", ""])
        }
    }

    static func capitalCosts(_ c: CapitalCostsResult, dialect: CSVDialect) throws -> String? {
        guard !c.byUnit.isEmpty else { return nil }
        return try CSVOutput.write(dialect) { writer in
            try writer.write(row: capitalColumns)
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            for u in c.byUnit {
                try writer.write(dialect, row: ["capital_cost", u.unit, u.name ?? u.unit, m(u.budget), m(u.forecast), m(u.deviation)],
                                 text: [0, 1, 2])
            }
        }
    }
}
