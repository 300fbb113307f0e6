/// The swap book's market value at each year end in the Monte Carlo (rule T24 per path):
/// mean, P05 and P95 per year, in the simulate text table, the people's CSV, the workbook
/// and the HTML report. Absent when the result has no swap series (no swaps).
struct SwapValueSimulationLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }
    func title(unit: AmountUnit) -> String {
        sv ? "Swapparnas marknadsvärde per årsskifte (Monte Carlo), belopp \(unit.rawValue)"
           : "Swap book market value at each year end (Monte Carlo), amounts in \(unit.rawValue)"
    }
    var sheet: String { sv ? "Swapvärde MC" : "Swap value MC" }
    var year: String { sv ? "År" : "Year" }
    var mean: String { sv ? "Medel" : "Mean" }
    var headers: [String] { [year, mean, "P05", "P95"] }
    var note: String {
        sv ? "Värdet den 31 december, sett från kommunen (positivt är en tillgång); ett lägre värde är risken."
           : "Value on 31 December from the municipality's side (positive is an asset); a lower value is the risk."
    }
}

enum SwapValueSimulationTable {
    /// The years with the series, or nil when there is none.
    static func rows(_ sim: SimulationResult) -> [(year: Int, SimulationResult.Statistics)]? {
        let rows = sim.years.compactMap { y in y.series[.swapMarketValue].map { (y.year, $0) } }
        return rows.isEmpty ? nil : rows
    }

    static func printed(_ sim: SimulationResult, unit: AmountUnit, lang: Language) -> PrintedTable? {
        guard let rows = rows(sim) else { return nil }
        let L = SwapValueSimulationLabels(lang: lang)
        var t = PrintedTable(title: L.title(unit: unit), sheet: L.sheet, headers: L.headers)
        for (year, s) in rows { t.add([.year(year), .amount(s[.mean]), .amount(s[.p05]), .amount(s[.p95])]) }
        t.notes.append(L.note)
        return t
    }

    static func html(_ sim: SimulationResult, _ f: ReportFormat) -> String {
        guard let rows = rows(sim) else { return "" }
        let L = SwapValueSimulationLabels(lang: f.lang)
        return "<h3>\(HTML.escape(L.title(unit: f.unit)))</h3>"
            + HTML.table(L.headers, rows.map { year, s in [String(year), f.amount(s[.mean]), f.amount(s[.p05]), f.amount(s[.p95])] })
            + "<p class=\"meta\">\(HTML.escape(L.note))</p>"
    }
}
