/// The simulation as tables: per year, the distribution of each series with its
/// Cost-at-Risk, and the yearly fan of STIBOR 3M.
public enum SimulationTable {
    public static func render(_ sim: SimulationResult, unit: AmountUnit, lang: Language) -> String {
        PrintedText.render(section(sim, unit: unit, lang: lang), NumberStyle(lang: lang, unit: unit, html: false))
    }

    static func section(_ sim: SimulationResult, unit: AmountUnit, lang: Language) -> PrintedSection {
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        let L = SimulationLabels(lang: lang), P = PrintedLabels(lang: lang)
        var blocks: [PrintedBlock] = [.lines([L.run(model: ModelTerm.name(key: sim.model, lang), a: n.percent(sim.meanReversion), sigma: n.percent(sim.volatility),
                                                   paths: sim.paths, seed: sim.seed, rng: sim.rng, antithetic: sim.antithetic)])]
        for series in SimulationSeries.allCases where series != .swapMarketValue {
            let isRate = !series.isAmount
            let f: (Double?) -> PrintedCell = { isRate ? .percent($0, decimals: 2) : .amount($0) }
            // The standard error is small: two more decimals than the amounts.
            let fine: (Double?) -> PrintedCell = { isRate ? .percent($0, decimals: 4) : .fineAmount($0, extra: 2) }
            let columns: [Statistic] = [.mean, .stderr, .p05, .p50, .p95, .p99, .car95, .car99, .es95, .probOverBudget]
            var t = PrintedTable(title: L.seriesTitle(series, unit: unit), sheet: series.label(lang),
                                 headers: [L.year] + columns.map(L.column))
            for y in sim.years {
                guard let x = y.series[series] else { continue }
                t.add([.year(y.year), f(x[.mean]), fine(x[.stderr]), f(x[.p05]), f(x[.p50]), f(x[.p95]), f(x[.p99]), f(x[.car95]),
                       f(x[.car99]), f(x[.es95]), .percent(x[.probOverBudget], decimals: 1)])
            }
            if series == .externalInterest {
                // The report's fan of the interest cost: P05–P50–P95 as stacked areas.
                t.chart = PrintedChart(kind: .stackedArea, title: lang == .sv ? "Räntekostnad, solfjäder" : "Interest cost fan",
                                       series: [3, 4, 5], rows: 0..<t.rows.count, fan: [3, 4, 5])
            }
            blocks.append(.table(t))
        }
        if let t = SwapValueSimulationTable.printed(sim, unit: unit, lang: lang) { blocks.append(.table(t)) }
        if !sim.bands.isEmpty {
            var t = PrintedTable(title: L.bandsTitle(paths: sim.bandPaths), sheet: P.sheetBands, headers: L.bandColumns)
            // Once a year: the bands in the first band's month (`YYYY-MM-DD`).
            let month = { (d: String) in d.dropFirst(5).prefix(2) }
            for b in sim.bands where month(b.date) == month(sim.bands[0].date) {
                t.add([PrintedCell.isoDate(b.date), .percent(b.stibor?.p05, decimals: 2), .percent(b.stibor?.p25, decimals: 2), .percent(b.stibor?.p50, decimals: 2),
                       .percent(b.stibor?.p75, decimals: 2), .percent(b.stibor?.p95, decimals: 2),
                       .percent(b.fundingRate?.p05, decimals: 2), .percent(b.fundingRate?.p50, decimals: 2), .percent(b.fundingRate?.p95, decimals: 2)])
            }
            t.chart = PrintedChart(kind: .stackedArea, title: "STIBOR 3M", series: [1, 2, 3, 4, 5], rows: 0..<t.rows.count,
                                   fan: [1, 2, 3, 4, 5], fromZero: false)
            blocks.append(.table(t))
        }
        if let gap = sim.curveGap?.value, !gap.isEmpty {
            // Discount factors with six decimals and a point in both languages; a figure that is not finite is null (`nan`).
            let df = { (x: Double?) in Format.grouped(x ?? .nan, decimals: 6, decimalMark: ".", groupMark: "") }
            blocks.append(.lines(["", L.curveGapTitle] + gap.map { "  \($0.tenor): \(df($0.model)) vs \(df($0.curve))" }))
        }
        blocks.append(.assumptions(sim.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
    }
}
