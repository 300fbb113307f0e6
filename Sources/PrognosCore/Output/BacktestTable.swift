/// `prognos backtest`: per unit and method, the error of each backtest year, MAE, MAPE,
/// bias, the years used and the recommended method.
public enum BacktestTable {
    public static func render(_ s: OperatingStatement, lang: Language) -> String {
        let sv = lang == .sv
        func a(_ v: Double?) -> String { Format.amount(v, s.unit, lang) }
        func pct(_ v: Double?) -> String {
            guard let v else { return "–" }
            return Format.grouped(v * 100, decimals: 1, decimalMark: sv ? "," : ".", groupMark: "") + " %"
        }
        var out = [sv ? "Backtest: varje metod tillämpad per \(Labels(lang: lang).period(s.month)) tidigare år, belopp \(s.unit.rawValue)"
                      : "Backtest: each method applied as of \(Labels(lang: lang).period(s.month)) in earlier years, amounts in \(s.unit.rawValue)"]
        let years = Array(Set(s.units.compactMap { $0.backtest }.flatMap { $0.methods.flatMap(\.result.years) })).sorted()
        for u in s.units where u.isLeaf {
            out.append("")
            guard let b = u.backtest else {
                out.append("\(u.name): " + (sv ? "ingen historik i huvudboken" : "no ledger history"))
                continue
            }
            out.append("\(u.name) — " + (sv ? "bäst: " : "best: ") + (b.recommended?.rawValue ?? "–"))
            var t = TextTable(headers: [[sv ? "Metod" : "Method"]] + years.map { [sv ? "fel" : "error", String($0)] }
                              + [["MAE"], ["MAPE"], [sv ? "Snedvridning" : "Bias"], [sv ? "År" : "Years"]])
            for (m, r) in b.methods {
                let errors = Dictionary(uniqueKeysWithValues: zip(r.years, r.errors))
                t.add([m.rawValue + (m == b.recommended ? " *" : "")] + years.map { errors[$0].map(a) ?? "" }
                      + [a(r.mae), pct(r.mape), a(r.bias), String(r.n)])
            }
            out.append(t.render())
        }
        out.append("")
        out.append(sv ? "* lägst genomsnittligt absolut fel (MAE); lika fel avgörs i ordningen budget_remaining, run_rate, profile, trend (regel O4). Fel = prognos − utfall."
                      : "* lowest mean absolute error (MAE); ties in the order budget_remaining, run_rate, profile, trend (rule O4). Error = forecast − outcome.")
        return TerminalText.escaped(out.joined(separator: "\n"), keepNewlines: true) + "\n"
    }
}
