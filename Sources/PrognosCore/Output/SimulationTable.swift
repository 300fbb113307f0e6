/// The simulation as tables: per year, the distribution of each series with its
/// Cost-at-Risk, and the yearly fan of STIBOR 3M.
public enum SimulationTable {
    public static func render(_ sim: SimulationResult, unit: AmountUnit, lang: Language) -> String {
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func a(_ v: Double?) -> String { n.amount(v) }
        func pct(_ v: Double?) -> String { n.percent(v) }
        func share(_ v: Double?) -> String { n.percent(v, decimals: 1) }
        let L = SimulationLabels(lang: lang)
        var out = [L.run(model: ModelTerm.name(key: sim.model, lang), a: pct(sim.meanReversion), sigma: pct(sim.volatility), paths: sim.paths, seed: sim.seed,
                         rng: sim.rng, antithetic: sim.antithetic)]
        for series in SimulationSeries.allCases {
            let isRate = !series.isAmount
            let f: (Double?) -> String = isRate ? pct : a
            // The standard error is small: two more decimals than the amounts.
            let fine: (Double?) -> String = { v in isRate ? n.percent(v, decimals: 4) : n.fineAmount(v, extra: 2) }
            let columns: [Statistic] = [.mean, .stderr, .p05, .p50, .p95, .p99, .car95, .car99, .es95, .probOverBudget]
            var t = TextTable(headers: ([L.year] + columns.map(L.column)).map(SectionLabel.lines))
            for y in sim.years {
                guard let x = y.series[series] else { continue }
                t.add([String(y.year), f(x[.mean]), fine(x[.stderr]), f(x[.p05]), f(x[.p50]), f(x[.p95]), f(x[.p99]), f(x[.car95]),
                       f(x[.car99]), f(x[.es95]), share(x[.probOverBudget])])
            }
            out.append("")
            out.append(L.seriesTitle(series, unit: unit))
            out.append("")
            out.append(t.render())
        }
        if !sim.bands.isEmpty {
            var t = TextTable(headers: L.bandColumns.map(SectionLabel.lines))
            // Once a year: the bands in the first band's month (`YYYY-MM-DD`).
            let month = { (d: String) in d.dropFirst(5).prefix(2) }
            for b in sim.bands where month(b.date) == month(sim.bands[0].date) {
                t.add([b.date, pct(b.stibor?.p05), pct(b.stibor?.p25), pct(b.stibor?.p50), pct(b.stibor?.p75), pct(b.stibor?.p95),
                       pct(b.fundingRate?.p05), pct(b.fundingRate?.p50), pct(b.fundingRate?.p95)])
            }
            out.append("")
            out.append(L.bandsTitle(paths: sim.bandPaths))
            out.append("")
            out.append(t.render())
        }
        if let gap = sim.curveGap?.value, !gap.isEmpty {
            out.append("")
            out.append(L.curveGapTitle)
            // Discount factors with six decimals and a point in both languages; a figure that is not finite is null (`nan`).
            let df = { (x: Double?) in Format.grouped(x ?? .nan, decimals: 6, decimalMark: ".", groupMark: "") }
            for g in gap { out.append("  \(g.tenor): \(df(g.model)) vs \(df(g.curve))") }
        }
        out.append("")
        out.append(Labels(lang: lang).assumptionsTitle)
        out += sim.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
