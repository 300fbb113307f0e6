/// The investment table's budget lineage (capital.md "Real investment tables as printed"):
/// Ursprunglig budget, Ombudgetering (changes into this year, carry-in included) and Budget,
/// where any project has changes. The outgoing proposal stays "Föreslagen ombudgetering till
/// nästa år" (`carry_over`) in the main table, so the two never share a name.
enum FrameLineageTable {
    static func render(_ inv: InvestmentsResult, unit: AmountUnit, lang: Language) -> [String] {
        let groupsWithLineage = inv.byGroup.filter { !($0.frameLineage?.changes.isEmpty ?? true) }
        guard inv.projects.contains(where: { !($0.frameLineage?.changes.isEmpty ?? true) }) || !groupsWithLineage.isEmpty else { return [] }
        let P = PrintedLabels(lang: lang), sv = lang == .sv
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        var t = TextTable(headers: [[""], SectionLabel.lines(P.originalBudget), SectionLabel.lines(sv ? "Ombudgetering\ntill året" : "Changes\ninto the year"),
                                    ["Budget"]])
        var original = 0.0, changes = 0.0, frame = 0.0
        let byProject = inv.projects.contains(where: { !($0.frameLineage?.changes.isEmpty ?? true) })
        for p in inv.projects where byProject {
            let l = p.frameLineage
            let change = l?.changes.reduce(0.0) { $0 + ($1.amount ?? 0) }
            original += l?.original ?? p.frame ?? 0
            changes += change ?? 0
            frame += p.frame ?? 0
            t.add([p.name, a(l?.original ?? p.frame), change.map { a($0) } ?? "", a(p.frame)])
        }
        if byProject { t.add([sv ? "Summa" : "Total", a(original), a(changes), a(frame)]) }
        if !groupsWithLineage.isEmpty {
            if byProject { t.addBlank() }
            for g in groupsWithLineage {
                guard let l = g.frameLineage else { continue }
                t.add([InvestmentLabels(lang: lang).group(g.group), a(l.original), a(l.changes.reduce(0.0) { $0 + ($1.amount ?? 0) }), a(g.frame)])
            }
        }
        return ["", sv ? "Investeringsbudget: ursprunglig budget och ombudgetering, belopp \(unit.rawValue)"
                       : "Investment budget: original budget and changes, amounts in \(unit.rawValue)", "", t.render()]
    }
}
