/// `prognos backtest`: per unit and method, the error of each backtest year, MAE, MAPE,
/// bias, the years used and the recommended method.
public enum BacktestTable {
    public static func render(_ s: OperatingResult, unit: AmountUnit, lang: Language) -> String {
        let text = PrintedText.render(section(s, unit: unit, lang: lang), NumberStyle(lang: lang, unit: unit, html: false))
        return TerminalText.escaped(text, keepNewlines: true)
    }

    /// A table per unit: each method's error per year, MAE, MAPE, bias and the years used.
    static func section(_ s: OperatingResult, unit: AmountUnit, lang: Language) -> PrintedSection {
        let L = OperatingLabels(lang: lang), P = PrintedLabels(lang: lang)
        var blocks: [PrintedBlock] = [.lines([L.backtestTitle(s.month, unit)])]
        let years = Array(Set(s.units.compactMap { $0.backtest }.flatMap { $0.methods.values.flatMap(\.years) })).sorted()
        for u in s.leafUnits {
            guard let b = u.backtest else {
                blocks.append(.lines(["", "\(u.name): " + P.noLedgerHistory]))
                continue
            }
            var t = PrintedTable(title: P.backtestBest(u.name, P.method(b.recommended) ?? "–"), sheet: u.name,
                                 headers: [L.method] + years.map(P.errorColumn) + ["MAE", "MAPE", L.bias, L.yearsUsed])
            // The methods in the order of rule O4 (budget_remaining, run_rate, profile, trend).
            for m in MethodTerm.allCases {
                guard let r = b.methods[m.key] else { continue }
                let errors = Dictionary(zip(r.years, r.errors), uniquingKeysWith: { x, _ in x })
                let perYear: [PrintedCell] = years.map { y in errors[y].map { PrintedCell.amount($0) } ?? PrintedCell.blank }
                let summary: [PrintedCell] = [.amount(r.mae), .percent(r.mape, decimals: 1), .amount(r.bias), .number(Double(r.n), decimals: 0)]
                t.add([PrintedCell.text((P.method(m.key) ?? m.key) + (m.key == b.recommended ? " *" : ""))] + perYear + summary)
            }
            blocks.append(.table(t))
        }
        blocks.append(.lines(["", P.backtestNote]))
        return PrintedSection(title: "Backtest", blocks: blocks)
    }
}

extension BacktestTable {
    /// The backtest table of a computed statement (through the document, as every view).
    public static func render(_ s: OperatingStatement, lang: Language) -> String {
        render(OperatingResult(s, lang: lang), unit: s.unit, lang: lang)
    }
}
