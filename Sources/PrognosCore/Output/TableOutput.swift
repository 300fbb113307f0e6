/// The table output of a run: a heading, each section's tables, the assumptions; rendered
/// from the result document like every view (docs/architecture.md).
public enum TableOutput {
    public static func render(_ run: ScenarioRun, lang: Language) -> String {
        render(ResultDocument(run, lang: lang), lang: lang)
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
        // Every section through its printed tables (PrintedSections: the one exhaustive switch), as the workbook and excel-sv CSV.
        PrintedSections.section(section, doc, lang: lang).map { PrintedText.render($0, NumberStyle(lang: lang, unit: doc.amountUnit, html: false)) }
    }
}
