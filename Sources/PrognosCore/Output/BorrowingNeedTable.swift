/// Rule T25 beside the investment table: the borrowing need per year that
/// `treasury.refinancing.from_investments` hands to the treasury (text and report).
struct BorrowingNeedLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }
    func title(unit: AmountUnit) -> String {
        sv ? "Lånebehov från investeringarna (nettoutgift utöver avskrivningar, lånas till räntorna), belopp \(unit.rawValue)"
           : "Borrowing need from the investments (net spend beyond depreciation, borrowed by the treasury), amounts in \(unit.rawValue)"
    }
    var year: String { sv ? "År" : "Year" }
    var need: String { sv ? "Lånebehov" : "Borrowing need" }
    var total: String { sv ? "Summa" : "Total" }
}

enum BorrowingNeedTable {
    static func render(_ need: [BorrowingNeedYear], unit: AmountUnit, lang: Language) -> String {
        let L = BorrowingNeedLabels(lang: lang)
        let n = NumberStyle(lang: lang, unit: unit, html: false)
        var t = TextTable(headers: [[L.year], [L.need]])
        for y in need { t.add([String(y.year), n.amount(y.amount)]) }
        t.add([L.total, n.amount(need.reduce(0) { $0 + ($1.amount ?? 0) })])
        return L.title(unit: unit) + "\n\n" + t.render() + "\n"
    }

    static func html(_ need: [BorrowingNeedYear], _ f: ReportFormat) -> String {
        let L = BorrowingNeedLabels(lang: f.lang)
        let rows = need.map { [String($0.year), f.amount($0.amount)] } + [[L.total, f.amount(need.reduce(0) { $0 + ($1.amount ?? 0) })]]
        return "<h3>\(HTML.escape(L.title(unit: f.unit)))</h3>" + HTML.table([L.year, L.need], rows)
    }
}
