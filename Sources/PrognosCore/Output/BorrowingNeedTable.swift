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
    static func printed(_ need: [BorrowingNeedYear], unit: AmountUnit, lang: Language) -> PrintedTable {
        let L = BorrowingNeedLabels(lang: lang)
        var t = PrintedTable(title: L.title(unit: unit), sheet: lang == .sv ? "Lånebehov" : "Borrowing need", headers: [L.year, L.need])
        for y in need { t.add([.year(y.year), .amount(y.amount)]) }
        t.add([.text(L.total), .amount(need.reduce(0) { $0 + ($1.amount ?? 0) })])
        return t
    }

    static func html(_ need: [BorrowingNeedYear], _ f: ReportFormat) -> String {
        let L = BorrowingNeedLabels(lang: f.lang)
        let rows = need.map { [String($0.year), f.amount($0.amount)] } + [[L.total, f.amount(need.reduce(0) { $0 + ($1.amount ?? 0) })]]
        return "<h3>\(HTML.escape(L.title(unit: f.unit)))</h3>" + HTML.table([L.year, L.need], rows)
    }
}
