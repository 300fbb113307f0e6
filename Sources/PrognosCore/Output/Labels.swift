/// The calendar words of every view (dates, the year-to-date period) and the assumptions
/// heading; each section's own labels are in SectionLabels.swift.
struct Labels {
    let lang: Language

    static let monthsSV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                           "september", "oktober", "november", "december"]
    static let monthsShortSV = ["jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
    static let monthsShortEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "31 mars 2024" / "31 March 2024".
    func date(_ d: Day) -> String {
        lang == .sv ? "\(d.day) \(Labels.monthsSV[d.month - 1]) \(d.year)" : "\(d.day) \(monthNameEN(d.month)) \(d.year)"
    }

    /// A date of the document (ISO) in words; as written if it is not one.
    func date(_ iso: String) -> String { Day(iso: iso).map { date($0) } ?? iso }

    /// "jan–mars" / "Jan–Mar"; a single month for M = 1.
    func period(_ m: Int) -> String {
        let names = lang == .sv ? Labels.monthsShortSV : Labels.monthsShortEN
        return m == 1 ? names[0] : "\(names[0])–\(names[m - 1])"
    }

    var assumptionsTitle: String { lang == .sv ? "Antaganden" : "Assumptions" }
}
