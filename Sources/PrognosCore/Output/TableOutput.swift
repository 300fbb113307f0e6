/// The table output of a run: a heading, each section's tables, the assumptions; rendered
/// from the result document like every view (docs/architecture.md).
public enum TableOutput {
    public static func render(_ run: ScenarioRun, lang: Language) -> String {
        render(ResultDocument(run), lang: lang)
    }

    public static func render(_ doc: ResultDocument, lang: Language) -> String {
        let parts = ["\(doc.name)\n"] + ResultSection.allCases.filter { $0.isPresent(in: doc) }.compactMap { render($0, doc, lang: lang) }
        // Names reach the headings and assumption lines too: nothing but a newline is
        // left raw (tables are escaped cell by cell already, so this changes only the rest).
        return TerminalText.escaped(parts.joined(separator: "\n"), keepNewlines: true)
    }

    /// The text of one section (exhaustive: a new section must be rendered here); nil for a
    /// section shown with another one.
    static func render(_ section: ResultSection, _ doc: ResultDocument, lang: Language) -> String? {
        let unit = doc.amountUnit, L = Labels(lang: lang)
        func assumptions(_ lines: [String]) -> String { L.assumptionsTitle + "\n" + lines.map { "  \($0)\n" }.joined() }
        switch section {
        case .operating:
            guard let o = doc.operating else { return nil }
            return OperatingTable.render(o, unit: unit, lang: lang) + "\n" + assumptions(o.assumptions)
        case .investments:
            guard let inv = doc.investments, let asOf = doc.asOf.flatMap(Day.init(iso:)) else { return nil }
            let need = doc.treasury?.borrowingNeed.map { "\n" + BorrowingNeedTable.render($0.value, unit: unit, lang: lang) } ?? ""
            return InvestmentTable.render(inv, doc.capitalCosts, asOf: asOf, unit: unit, lang: lang) + need
        case .capitalCosts:
            return nil   // with the investments (one table set, as the report prints it)
        case .treasury:
            guard let t = doc.treasury else { return nil }
            return TreasuryTable.render(t, unit: unit, lang: lang) + "\n" + assumptions(t.assumptions)
        case .simulation:
            return doc.simulation.map { SimulationTable.render($0, unit: unit, lang: lang) }
        case .indicators:
            guard let ind = doc.indicators else { return nil }
            return IndicatorTable.render(ind, lang: lang) + "\n" + assumptions(ind.assumptions)
        }
    }
}
