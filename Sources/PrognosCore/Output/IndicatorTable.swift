/// The goal follow-up tables in the report's layout: per goal area (Målområde) and its
/// municipality-wide goal, board goals (Nämndmål) with their indicators (Nämndindikator),
/// the periods, Önskad riktning/värde, and — when assessed — status and trend.
public enum IndicatorTable {
    public static func render(_ input: IndicatorsResult, lang: Language) -> String {
        let f = IndicatorFormat(lang: lang)
        let L = IndicatorLabels(lang: lang)
        var out: [String] = []
        if !input.assess {
            out.append(L.noAssessment)
        }
        for area in input.areas {
            var lines = [L.goalArea(area.name)]
            if let goal = area.goal { lines.append(L.municipalGoal(goal)) }
            var headers: [[String]] = [[L.boardGoal]]
            headers += area.periods.map { [$0] }
            headers.append(SectionLabel.lines(L.desired))
            if input.assess { headers += [[L.status], [L.trend]] }
            var table = TextTable(headers: headers)
            var notes: [String] = []
            for goal in area.boardGoals {
                table.add([goal.name])
                if goal.indicators.isEmpty { table.add(["  " + L.noIndicator]) }
                for i in goal.indicators {
                    var row = ["  " + i.name]
                    row += area.periods.map { f.value(i.value(at: $0)) }
                    row.append(f.target(i.target?.target, unit: i.unit, decimals: i.targetDecimals))
                    if input.assess {
                        row += [f.status(IndicatorStatus(rawValue: i.status ?? "") ?? .noData), f.trend(IndicatorTrend(rawValue: i.trend ?? ""))]
                    }
                    table.add(row)
                    for group in i.groups { table.add(["    " + group] + area.periods.map { f.value(i.value(at: $0, group: group)) }) }
                    if let note = i.note { notes.append("\(i.name): \(note)") }
                }
                if input.assess, let s = goal.summary {
                    table.add(["  " + L.summary(met: s.met, notMet: s.notMet, noData: s.noData, noTarget: s.noTarget)])
                }
            }
            lines.append(table.render())
            lines += notes.map { "  " + $0 }
            out.append(lines.joined(separator: "\n") + "\n")
        }
        return out.joined(separator: "\n")
    }
}

extension IndicatorsResult.Indicator {
    /// The figure of a period as the input had it: nil for a blank period, a nil value for I.U.,
    /// the decimals the file wrote and a lagging value's year (the breakdown's `group` without one).
    func value(at period: String, group: String? = nil) -> IndicatorValue? {
        let values = group.map { breakdown[$0] ?? [:] } ?? self.values
        guard let raw = values[period] else { return nil }
        let year = group == nil ? refersTo[period] : nil
        guard let v = raw else { return IndicatorValue(value: nil, refersTo: year, decimals: 0) }
        let decimals = group.map { breakdownDecimals[$0]?[period] } ?? self.decimals[period]
        return IndicatorValue(value: v, refersTo: year, decimals: decimals ?? 0)
    }
}
