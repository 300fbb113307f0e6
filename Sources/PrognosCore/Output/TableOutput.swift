/// The table output of a run: a heading, each section's tables, the assumptions.
public enum TableOutput {
    public static func render(_ run: ScenarioRun, lang: Language) -> String {
        var parts = ["\(run.scenario.name)\n"]
        if let o = run.operating {
            parts.append(OperatingTable.render(o, lang: lang))
            let L = Labels(lang: lang)
            parts.append(L.assumptionsTitle + "\n" + o.assumptions.map { "  \($0)\n" }.joined())
        }
        if let inv = run.investments, let asOf = run.scenario.asOf {
            parts.append(InvestmentTable.render(inv, asOf: asOf, unit: run.scenario.unit, lang: lang))
        }
        if let t = run.treasury {
            parts.append(TreasuryTable.render(t, unit: run.scenario.unit, lang: lang))
            parts.append(Labels(lang: lang).assumptionsTitle + "\n" + t.assumptions.map { "  \($0)\n" }.joined())
        }
        if let sim = run.simulation {
            parts.append(SimulationTable.render(sim, unit: run.scenario.unit, lang: lang))
        }
        if let ind = run.scenario.indicators, !run.isSimulationOnly {
            parts.append(IndicatorTable.render(ind, lang: lang))
            parts.append(Labels(lang: lang).assumptionsTitle + "\n" + IndicatorSpecs.assumptions(ind).map { "  \($0)\n" }.joined())
        }
        // Names reach the headings and assumption lines too: nothing but a newline is
        // left raw (tables are escaped cell by cell already, so this changes only the rest).
        return TerminalText.escaped(parts.joined(separator: "\n"), keepNewlines: true)
    }
}
