/// The simulation as tables: per year, the distribution of each series with its
/// Cost-at-Risk, and the yearly fan of STIBOR 3M.
public enum SimulationTable {
    public static func render(_ sim: SimulationResult, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func a(_ v: Double?) -> String { n.amount(v) }
        func pct(_ v: Double?) -> String { n.percent(v) }
        func share(_ v: Double?) -> String { n.percent(v, decimals: 1) }
        var out = [sv ? "Simulering: \(sim.model), a = \(pct(sim.meanReversion)), σ = \(pct(sim.volatility)), \(sim.paths) banor, frö \(sim.seed), \(sim.rng)\(sim.antithetic ? ", antitetiska par" : "")"
                      : "Simulation: \(sim.model), a = \(pct(sim.meanReversion)), σ = \(pct(sim.volatility)), \(sim.paths) paths, seed \(sim.seed), \(sim.rng)\(sim.antithetic ? ", antithetic pairs" : "")"]
        for series in SimulationSeries.allCases {
            let title = series.label(lang)
            let isRate = !series.isAmount
            let f: (Double?) -> String = isRate ? pct : a
            // The standard error is small: two more decimals than the amounts.
            let fine: (Double?) -> String = { v in isRate ? n.percent(v, decimals: 4) : n.fineAmount(v, extra: 2) }
            let columns: [Statistic] = [.mean, .stderr, .p05, .p50, .p95, .p99, .car95, .car99, .es95, .probOverBudget]
            var t = TextTable(headers: [[n.t("År", "Year")]] + columns.map { $0.label(lang).split(separator: " ").map(String.init) })
            for y in sim.years {
                guard let x = y.series[series] else { continue }
                t.add([String(y.year), f(x[.mean]), fine(x[.stderr]), f(x[.p05]), f(x[.p50]), f(x[.p95]), f(x[.p99]), f(x[.car95]),
                       f(x[.car99]), f(x[.es95]), share(x[.probOverBudget])])
            }
            out.append("")
            out.append(title + (isRate ? "" : (sv ? ", belopp \(unit.rawValue)" : ", amounts in \(unit.rawValue)"))
                       + (series == .internalIncome ? (sv ? " (risken är den låga svansen)" : " (the risk is the low tail)") : ""))
            out.append("")
            out.append(t.render())
        }
        if !sim.bands.isEmpty {
            var t = TextTable(headers: sv ? [["Datum"], ["STIBOR 3M", "P05"], ["P25"], ["P50"], ["P75"], ["P95"], ["Låneränta", "P05"], ["P50"], ["P95"]]
                                          : [["Date"], ["STIBOR 3M", "P05"], ["P25"], ["P50"], ["P75"], ["P95"], ["Funding", "P05"], ["P50"], ["P95"]])
            // Once a year: the bands in the first band's month (`YYYY-MM-DD`).
            let month = { (d: String) in d.dropFirst(5).prefix(2) }
            for b in sim.bands where month(b.date) == month(sim.bands[0].date) {
                t.add([b.date, pct(b.stibor?.p05), pct(b.stibor?.p25), pct(b.stibor?.p50), pct(b.stibor?.p75), pct(b.stibor?.p95),
                       pct(b.fundingRate?.p05), pct(b.fundingRate?.p50), pct(b.fundingRate?.p95)])
            }
            out.append("")
            out.append(sv ? "Ränteutfall per år (månadsband i JSON), från de första \(sim.bandPaths) banorna"
                          : "Rate fan once a year (monthly bands in the JSON), from the first \(sim.bandPaths) paths")
            out.append("")
            out.append(t.render())
        }
        if let gap = sim.curveGap?.value, !gap.isEmpty {
            out.append("")
            out.append(sv ? "Vasicek mot kurvan, P(0,T):" : "Vasicek against the curve, P(0,T):")
            // Discount factors with six decimals and a point in both languages; a figure that is not finite is null (`nan`).
            let df = { (x: Double?) in Format.grouped(x ?? .nan, decimals: 6, decimalMark: ".", groupMark: "") }
            for g in gap { out.append("  \(g.tenor): \(df(g.model)) vs \(df(g.curve))") }
        }
        out.append("")
        out.append(sv ? "Antaganden" : "Assumptions")
        out += sim.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
