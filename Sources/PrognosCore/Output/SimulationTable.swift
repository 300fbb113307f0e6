/// The simulation as tables: per year, the distribution of each series with its
/// Cost-at-Risk, and the yearly fan of STIBOR 3M.
public enum SimulationTable {
    public static func render(_ sim: SimulationRun, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        func pct(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "–" }
            return Format.grouped(v * 100, decimals: 2, decimalMark: sv ? "," : ".", groupMark: "") + " %"
        }
        func share(_ v: Double?) -> String {
            guard let v else { return "–" }
            return Format.grouped(v * 100, decimals: 1, decimalMark: sv ? "," : ".", groupMark: "") + " %"
        }
        let st = sim.settings
        var out = [sv ? "Simulering: \(st.model.rawValue), a = \(pct(st.meanReversion)), σ = \(pct(st.volatility)), \(st.paths) banor, frö \(st.seed), \(st.rng)\(st.antithetic ? ", antitetiska par" : "")"
                      : "Simulation: \(st.model.rawValue), a = \(pct(st.meanReversion)), σ = \(pct(st.volatility)), \(st.paths) paths, seed \(st.seed), \(st.rng)\(st.antithetic ? ", antithetic pairs" : "")"]
        let titles = sv ? ["Extern räntekostnad", "Intern ränteintäkt", "Kommunens räntenetto", "Genomsnittlig låneränta"]
                        : ["External interest cost", "Internal interest income", "Municipality's net interest", "Average funding rate"]
        for (s, title) in titles.enumerated() {
            let isRate = s == 3
            let f: (Double?) -> String = isRate ? pct : a
            // The standard error is small: two more decimals than the amounts.
            let fine: (Double?) -> String = { v in
                guard let v else { return "–" }
                if isRate { return Format.grouped(v * 100, decimals: 4, decimalMark: sv ? "," : ".", groupMark: "") + " %" }
                return Format.grouped(v / unit.factor, decimals: unit.decimals + 2, decimalMark: sv ? "," : ".", groupMark: sv ? " " : ",")
            }
            var t = TextTable(headers: sv
                ? [["År"], ["Medel"], ["(medelfel)"], ["P05"], ["P50"], ["P95"], ["P99"], [s == 1 ? "CaR95" : "CaR95"], ["CaR99"], ["ES95"], ["P(över", "budget)"]]
                : [["Year"], ["Mean"], ["(stderr)"], ["P05"], ["P50"], ["P95"], ["P99"], ["CaR95"], ["CaR99"], ["ES95"], ["P(over", "budget)"]])
            for y in sim.years {
                let x = y.series[s]
                t.add([String(y.year), f(x.mean), fine(x.stderr), f(x.p05), f(x.p50), f(x.p95), f(x.p99), f(x.car95), f(x.car99),
                       f(x.es95), share(x.probOverBudget)])
            }
            out.append("")
            out.append(title + (isRate ? "" : (sv ? ", belopp \(unit.rawValue)" : ", amounts in \(unit.rawValue)"))
                       + (s == 1 ? (sv ? " (risken är den låga svansen)" : " (the risk is the low tail)") : ""))
            out.append("")
            out.append(t.render())
        }
        if !sim.bands.isEmpty {
            var t = TextTable(headers: sv ? [["Datum"], ["STIBOR 3M", "P05"], ["P25"], ["P50"], ["P75"], ["P95"], ["Låneränta", "P05"], ["P50"], ["P95"]]
                                          : [["Date"], ["STIBOR 3M", "P05"], ["P25"], ["P50"], ["P75"], ["P95"], ["Funding", "P05"], ["P50"], ["P95"]])
            for b in sim.bands where b.date.month == sim.bands[0].date.month {
                t.add([b.date.description, pct(b.stibor.p05), pct(b.stibor.p25), pct(b.stibor.p50), pct(b.stibor.p75), pct(b.stibor.p95),
                       pct(b.fundingRate?.p05), pct(b.fundingRate?.p50), pct(b.fundingRate?.p95)])
            }
            out.append("")
            out.append(sv ? "Ränteutfall per år (månadsband i JSON), från de första \(sim.bandPaths) banorna"
                          : "Rate fan once a year (monthly bands in the JSON), from the first \(sim.bandPaths) paths")
            out.append("")
            out.append(t.render())
        }
        if !sim.curveGap.isEmpty {
            out.append("")
            out.append(sv ? "Vasicek mot kurvan, P(0,T):" : "Vasicek against the curve, P(0,T):")
            for g in sim.curveGap {
                out.append("  \(g.tenor): \(Format.grouped(g.model, decimals: 6, decimalMark: ".", groupMark: "")) vs \(Format.grouped(g.curve, decimals: 6, decimalMark: ".", groupMark: ""))")
            }
        }
        out.append("")
        out.append(sv ? "Antaganden" : "Assumptions")
        out += sim.assumptions.map { "  " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
