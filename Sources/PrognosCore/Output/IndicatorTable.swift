/// The goal follow-up tables in the report's layout: per goal area (Målområde) and its
/// municipality-wide goal, board goals (Nämndmål) with their indicators (Nämndindikator),
/// the periods, Önskad riktning/värde, and — when assessed — status and trend.
public enum IndicatorTable {
    public static func render(_ input: IndicatorsResult, lang: Language) -> String {
        var printed = section(input, lang: lang)
        printed.blocks.removeAll(where: \.isAssumptions)
        return PrintedText.render(printed, NumberStyle(lang: lang, unit: .mnkr, html: false))
    }

    static func section(_ input: IndicatorsResult, lang: Language) -> PrintedSection {
        let f = IndicatorFormat(lang: lang)
        let L = IndicatorLabels(lang: lang)
        var blocks: [PrintedBlock] = []
        if !input.assess { blocks.append(.lines([L.noAssessment])) }
        for area in input.areas {
            var title = [L.goalArea(area.name)]
            if let goal = area.goal { title.append(L.municipalGoal(goal)) }
            var table = PrintedTable(title: title.joined(separator: "\n"), sheet: area.name,
                                     headers: [L.boardGoal] + area.periods + [L.desired] + (input.assess ? [L.status, L.trend] : []))
            for goal in area.boardGoals {
                table.add([.text(goal.name)])
                if goal.indicators.isEmpty { table.add([.text("  " + L.noIndicator)]) }
                for i in goal.indicators {
                    // Values as the file wrote them (decimals, I.U., lagging years as text).
                    func cell(_ v: IndicatorValue?) -> PrintedCell {
                        guard let v, let x = v.value, v.refersTo == nil else { return .text(f.value(v)) }
                        return .figure(x, decimals: v.decimals, text: f.value(v))
                    }
                    var row: [PrintedCell] = [.text("  " + i.name)]
                    row += area.periods.map { cell(i.value(at: $0)) }
                    row.append(.text(f.target(i.target?.target, unit: i.unit, decimals: i.targetDecimals)))
                    if input.assess {
                        row += [.text(f.status(IndicatorStatus(rawValue: i.status ?? "") ?? .noData)), .text(f.trend(IndicatorTrend(rawValue: i.trend ?? "")))]
                    }
                    table.add(row)
                    for group in i.groups { table.add([.text("    " + group)] + area.periods.map { cell(i.value(at: $0, group: group)) }) }
                    if let note = i.note { table.notes.append("  \(i.name): \(note)") }
                }
                if input.assess, let s = goal.summary {
                    table.add([.text("  " + L.summary(met: s.met, notMet: s.notMet, noData: s.noData, noTarget: s.noTarget))])
                }
            }
            blocks.append(.table(table))
        }
        blocks.append(.assumptions(input.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
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
