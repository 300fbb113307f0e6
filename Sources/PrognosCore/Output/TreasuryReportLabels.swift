/// Labels of what treasury reports also print (issue 19): metrics without derivatives, the
/// floating share, lender and counterparty shares, swap values per scenario, comparatives.
/// Swedish and English side by side, as `TreasuryLabels`.
struct TreasuryReportLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var exclDerivatives: String { sv ? "exkl. derivat" : "excl. derivatives" }
    func withoutDerivatives(_ label: String) -> String { "\(label), \(exclDerivatives)" }
    var floatingShare: String { sv ? "Andel rörlig ränta" : "Floating share" }
    func lender(_ name: String) -> String { (sv ? "Långivare: " : "Lender: ") + name }
    func counterparty(_ name: String) -> String { (sv ? "Swapmotpart: " : "Swap counterparty: ") + name }
    var unknown: String { sv ? LenderShares.unknown : "unknown" }
    func name(_ key: String) -> String { key == LenderShares.unknown ? unknown : key }
    func comparativesHeader(_ date: String) -> [String] { [sv ? "Föreg. år" : "Prior year", date] }
    func swapValueTitle(unit: AmountUnit) -> String {
        sv ? "Swapparnas marknadsvärde per scenario (inkl. upplupen ränta, sett från kommunen), belopp \(unit.rawValue)"
           : "The swaps' market value per scenario (dirty, seen from the municipality), amounts in \(unit.rawValue)"
    }
    func swapValueBySwapTitle(date: String, unit: AmountUnit) -> String {
        sv ? "Marknadsvärde per swap vid \(date) per scenario, belopp \(unit.rawValue)"
           : "Market value per swap at \(date) per scenario, amounts in \(unit.rawValue)"
    }
    var date: String { sv ? "Datum" : "Date" }
    var swap: String { "Swap" }
    var total: String { sv ? "Summa" : "Total" }
    func yearEnd(_ date: String) -> String { sv ? "31 dec \(date.prefix(4))" : "31 Dec \(date.prefix(4))" }
}
