/// The goal follow-up tables in the report's layout: per goal area (Målområde) and its
/// municipality-wide goal, board goals (Nämndmål) with their indicators (Nämndindikator),
/// the periods, Önskad riktning/värde, and — when assessed — status and trend.
public enum IndicatorTable {
    public static func render(_ input: IndicatorsInput, lang: Language) -> String {
        let f = IndicatorFormat(lang: lang)
        let sv = lang == .sv
        var out: [String] = []
        if !input.assess {
            out.append(sv ? "Ingen bedömning av måluppfyllelse görs i denna rapport (assess: false)."
                          : "No assessment of goal attainment in this report (assess: false).")
        }
        for area in input.areas {
            var lines = [(sv ? "Målområde: " : "Goal area: ") + area.name]
            if let goal = area.goal { lines.append((sv ? "Kommunövergripande mål: " : "Municipal goal: ") + goal) }
            var headers: [[String]] = [[sv ? "Nämndmål / Nämndindikator" : "Board goal / indicator"]]
            headers += area.periods.map { [$0] }
            headers.append(sv ? ["Önskad", "riktning/värde"] : ["Desired", "direction/value"])
            if input.assess { headers += [[sv ? "Status" : "Status"], [sv ? "Trend" : "Trend"]] }
            var table = TextTable(headers: headers)
            var notes: [String] = []
            for goal in area.boardGoals {
                table.add([goal.name])
                if goal.indicators.isEmpty { table.add(["  " + (sv ? "Ingen nämndindikator" : "No indicator")]) }
                for i in goal.indicators {
                    var row = ["  " + i.name]
                    row += i.values.map(f.value)
                    row.append(f.target(of: i))
                    if input.assess { row += [f.status(i.status), f.trend(i.trend)] }
                    table.add(row)
                    for b in i.breakdown { table.add(["    " + b.group] + b.values.map(f.value)) }
                    if let note = i.note { notes.append("\(i.name): \(note)") }
                }
                if input.assess {
                    let s = goal.summary
                    table.add(["  " + (sv ? "Summering: \(s[.met]!) uppfyllda, \(s[.notMet]!) ej uppfyllda, \(s[.noData]!) utan uppgift, \(s[.noTarget]!) utan mål"
                                         : "Summary: \(s[.met]!) met, \(s[.notMet]!) not met, \(s[.noData]!) no data, \(s[.noTarget]!) no target")])
                }
            }
            lines.append(table.render())
            lines += notes.map { "  " + $0 }
            out.append(lines.joined(separator: "\n") + "\n")
        }
        return out.joined(separator: "\n")
    }
}
