/// The investment table's budget lineage (capital.md "Real investment tables as printed"):
/// Ursprunglig budget, Ombudgetering (changes into this year, carry-in included) and Budget,
/// where any project has changes. The outgoing proposal stays "Föreslagen ombudgetering till
/// nästa år" (`carry_over`) in the main table, so the two never share a name.
enum FrameLineageTable {
    static func printed(_ inv: InvestmentsResult, unit: AmountUnit, lang: Language) -> PrintedTable? {
        let groupsWithLineage = inv.byGroup.filter { !($0.frameLineage?.changes.isEmpty ?? true) }
        guard inv.projects.contains(where: { !($0.frameLineage?.changes.isEmpty ?? true) }) || !groupsWithLineage.isEmpty else { return nil }
        let P = AsPrintedLabels(lang: lang), sv = lang == .sv
        var t = PrintedTable(title: sv ? "Investeringsbudget: ursprunglig budget och ombudgetering, belopp \(unit.rawValue)"
                                       : "Investment budget: original budget and changes, amounts in \(unit.rawValue)",
                             sheet: sv ? "Investeringsbudget" : "Investment budget",
                             headers: ["", P.originalBudget, sv ? "Ombudgetering\ntill året" : "Changes\ninto the year", "Budget"])
        var original = 0.0, changes = 0.0, frame = 0.0
        let byProject = inv.projects.contains(where: { !($0.frameLineage?.changes.isEmpty ?? true) })
        // A project without a lineage of its own, in a group whose printed row carries one, has
        // no original budget of its own to show: the group's lineage stands for it in the sum.
        let lineageGroups = Set(groupsWithLineage.map(\.group))
        // Groups whose printed lineage stands in the sum: one of their projects has none of its own.
        let summedByGroup = Set(inv.projects.compactMap { p in p.frameLineage == nil ? p.group : nil }.filter(lineageGroups.contains))
        for g in groupsWithLineage where summedByGroup.contains(g.group) {
            original += g.frameLineage?.original ?? 0
            changes += g.frameLineage?.changes.reduce(0.0) { $0 + ($1.amount ?? 0) } ?? 0
        }
        for p in inv.projects where byProject {
            let l = p.frameLineage
            let change = l?.changes.reduce(0.0) { $0 + ($1.amount ?? 0) }
            frame += p.frame ?? 0
            let inGroupSum = p.group.map(summedByGroup.contains) ?? false
            if !inGroupSum {
                original += l?.original ?? p.frame ?? 0
                changes += change ?? 0
            }
            if l == nil && inGroupSum {
                t.add([.text(p.name), .blank, .blank, .amount(p.frame)])
            } else {
                t.add([.text(p.name), .amount(l?.original ?? p.frame), change.map { PrintedCell.amount($0) } ?? .blank, .amount(p.frame)])
            }
        }
        if byProject { t.add([.text(sv ? "Summa" : "Total"), .amount(original), .amount(changes), .amount(frame)]) }
        if !groupsWithLineage.isEmpty {
            if byProject { t.addBlank() }
            for g in groupsWithLineage {
                guard let l = g.frameLineage else { continue }
                t.add([.text(InvestmentLabels(lang: lang).group(g.group)), .amount(l.original), .amount(l.changes.reduce(0.0) { $0 + ($1.amount ?? 0) }), .amount(g.frame)])
            }
        }
        return t
    }
}
