import Foundation

/// The lines the treasury charts share: each rate scenario in its fixed style, and the
/// interest budget (spec/treasury.md "interest budget": a line in the scenario chart and the fan).
extension Report {
    /// Every deterministic scenario's external interest cost per year, styled by its id.
    static func scenarioSeries(_ tr: TreasuryResult) -> [SVGChart.Series] {
        tr.scenarios.map { sc in .init(name: sc.display, values: sc.years.map(\.externalInterest), style: ScenarioStyle.style(sc.name)) }
    }

    /// The interest budget over `years` (nil where the file gives none); empty without a budget.
    static func budgetSeries(_ tr: TreasuryResult, years: [Int], _ f: ReportFormat) -> [SVGChart.Series] {
        let budget = tr.interestBudget ?? []
        guard !budget.isEmpty else { return [] }
        return [.init(name: ReportLabels(lang: f.lang).interestBudget,
                      values: years.map { y in budget.first { $0.year == y }?.amount ?? nil }, style: .budget)]
    }

    /// Deterministic scenario lines on the simulation's years (a scenario year the
    /// simulation does not have is left out; a simulated year the scenario lacks is a gap).
    static func scenarioSeries(_ tr: TreasuryResult, years: [Int]) -> [SVGChart.Series] {
        tr.scenarios.map { sc in
            .init(name: sc.display, values: years.map { y in sc.years.first { $0.year == y }?.externalInterest ?? nil },
                  style: ScenarioStyle.style(sc.name))
        }
    }

    /// Decimals beyond the unit's that show `x` (kronor) with two significant digits (at most four more).
    static func extraDecimals(_ x: Double, _ f: ReportFormat) -> Int {
        let v = abs(x) / f.unit.factor
        guard v > 0, v.isFinite else { return 0 }
        let needed = 1 - Int(floor(log10(v)))   // two significant digits
        return min(4, max(0, needed - f.unit.decimals))
    }

    /// Per amount series and year: the mean, CaR95 and their 95 % intervals (CaRInterval).
    static func precision(_ sim: SimulationResult, _ f: ReportFormat) -> String {
        let R = ReportLabels(lang: f.lang)
        var s = ""
        for series in SimulationSeries.allCases where series.isAmount && series != .swapMarketValue {
            let rows: [[String]] = sim.years.compactMap { y in
                guard let st = y.series[series], let mean = st[.mean], let ci = CaRInterval(st, paths: sim.paths, lowTail: series.lowTail) else { return nil }
                return [String(y.year), f.amount(mean), "±\u{00A0}" + f.fineAmount(ci.meanHalfWidth, extra: extraDecimals(ci.meanHalfWidth, f)),
                        f.amount(ci.car95), R.range(f.amount(ci.low), f.amount(ci.high)),
                        (series.lowTail ? "P05 " : "P95 ") + R.range(f.amount(ci.quantileLow), f.amount(ci.quantileHigh))]
            }
            guard !rows.isEmpty else { continue }
            s += "<h3>\(HTML.escape(R.precisionTitle(series.label(f.lang), unit: f.unit)))</h3>"
            s += HTML.table(R.precisionColumns, rows)
        }
        if !s.isEmpty { s += "<p class=\"meta\">\(HTML.escape(R.precisionNote(paths: sim.paths, antithetic: sim.antithetic)))</p>" }
        return s
    }
}
