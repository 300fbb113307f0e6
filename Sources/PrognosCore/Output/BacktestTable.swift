/// `prognos backtest`: per unit and method, the error of each backtest year, MAE, MAPE,
/// bias, the years used and the recommended method.
public enum BacktestTable {
    public static func render(_ s: OperatingResult, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        func a(_ v: Double?) -> String { n.amount(v) }
        func pct(_ v: Double?) -> String { n.percent(v, decimals: 1) }
        let L = OperatingLabels(lang: lang)
        var out = [L.backtestTitle(s.month, unit)]
        let years = Array(Set(s.units.compactMap { $0.backtest }.flatMap { $0.methods.values.flatMap(\.years) })).sorted()
        for u in s.leafUnits {
            out.append("")
            guard let b = u.backtest else {
                out.append("\(u.name): " + (sv ? "ingen historik i huvudboken" : "no ledger history"))
                continue
            }
            out.append("\(u.name) — " + (sv ? "bäst: " : "best: ") + (MethodTerm.name(key: b.recommended, lang) ?? "–"))
            var t = TextTable(headers: [[L.method]] + years.map { [sv ? "fel" : "error", String($0)] }
                              + [["MAE"], ["MAPE"], [L.bias], [L.yearsUsed]])
            // The methods in the order of rule O4 (budget_remaining, run_rate, profile, trend).
            for m in MethodTerm.allCases {
                guard let r = b.methods[m.key] else { continue }
                let errors = Dictionary(zip(r.years, r.errors), uniquingKeysWith: { x, _ in x })
                t.add([m.name(lang) + (m.key == b.recommended ? " *" : "")] + years.map { errors[$0].map(a) ?? "" }
                      + [a(r.mae), pct(r.mape), a(r.bias), String(r.n)])
            }
            out.append(t.render())
        }
        out.append("")
        out.append(sv ? "* lägst genomsnittligt absolut fel (MAE); lika fel avgörs i ordningen Budget återstår, Takt, Säsongsprofil, Trend. Fel = prognos − utfall."
                      : "* lowest mean absolute error (MAE); ties in the order budget_remaining, run_rate, profile, trend (rule O4). Error = forecast − outcome.")
        return TerminalText.escaped(out.joined(separator: "\n"), keepNewlines: true) + "\n"
    }
}

extension BacktestTable {
    /// The backtest table of a computed statement (through the document, as every view).
    public static func render(_ s: OperatingStatement, lang: Language) -> String {
        render(OperatingResult(s, lang: lang), unit: s.unit, lang: lang)
    }
}
