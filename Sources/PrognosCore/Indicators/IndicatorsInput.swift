/// Reading the `indicators` section (spec/indicators.md) through the strict front end.
public enum IndicatorSpecs {
    public static let indicators = SectionSpec("indicators",
        "Goal follow-up (nämndmål, nämndindikatorer) and personnel statistics: values by period, targets, status and trend.",
        keys: [
            KeySpec("periods", .list("period labels"), required: true,
                    "column order as printed, the last is current: `[\"2022\", \"2023\", \"2024-03\"]`"),
            KeySpec("assess", .boolean, "false: print values and targets without status or trend (default true)"),
            KeySpec("areas", .list("indicators.areas[]"), required: true, "goal areas (målområden)"),
        ])

    public static let area = SectionSpec("indicators.areas[]", "A goal area (målområde) with its municipality-wide goal.",
        keys: [
            KeySpec("name", .text, required: true, "målområde, e.g. `Medarbetare`"),
            KeySpec("goal", .text, "kommunövergripande mål"),
            KeySpec("periods", .list("period labels"), "this area's own columns (e.g. the personnel table's months); default: the section's"),
            KeySpec("board_goals", .list("indicators.areas[].board_goals[]"), required: true, "nämndmål"),
        ])

    public static let boardGoal = SectionSpec("indicators.areas[].board_goals[]", "A board goal (nämndmål) and its indicators.",
        keys: [
            KeySpec("name", .text, required: true, "nämndmål"),
            KeySpec("description", .text, "the goal's text"),
            KeySpec("indicators", .list("indicators.areas[].board_goals[].indicators[]"), "nämndindikatorer (none: \"Ingen nämndindikator\")"),
        ])

    public static let indicator = SectionSpec("indicators.areas[].board_goals[].indicators[]",
        "An indicator: values by period (a number, `null` for I.U., or `{value, refers_to}` when it lags).",
        keys: [
            KeySpec("id", .text, required: true, "unique over the file"),
            KeySpec("name", .text, required: true, "nämndindikator"),
            KeySpec("unit", .text, "e.g. `\"%\"` (values above 100 are then an error), `ha`, `antal`"),
            KeySpec("values", .section("period → value"), "`{\"2022\": 2.2, \"2024-03\": null}`; a period not in `periods` is an error"),
            KeySpec("target", .section("indicators…target"), "önskad riktning/värde; absent or null: no target (\"-\")"),
            KeySpec("breakdown", .section("group → period → value"), "e.g. `{Män: {\"2022\": 1.2}, Kvinnor: {…}}`"),
            KeySpec("note", .text, "a footnote printed under the table"),
        ])

    public static let target = SectionSpec("indicators…target",
        "Exactly one form: `direction`, `min`, `below`, or `value` with `better`.",
        keys: [
            KeySpec("direction", .choice(["increase", "decrease"]), "\"Öka\"/\"Positiv trend\" or \"Minska\": met when v beats the previous value"),
            KeySpec("min", .text, "\"≥4%\" (`4%` or `4`), \"Ej negativ\" (`0`): met when v ≥ min"),
            KeySpec("below", .text, "\"Mindre än 23\": met when v < below"),
            KeySpec("value", .text, "a plain figure (30 %, 7,5, 80): needs `better`"),
            KeySpec("better", .choice(["lower", "higher"]), "with `value`: met when v ≤ value (lower) or v ≥ value (higher)"),
        ])

    static let valueSpec = SectionSpec("indicators…values{}", "A lagging value.",
        keys: [
            KeySpec("value", .text, required: true, "the figure (or null)"),
            KeySpec("refers_to", .integer, required: true, "the year it refers to"),
        ])

    /// The choices the spec leaves open, as the output states them.
    static func assumptions(_ input: IndicatorsInput) -> [Message] {
        guard input.assess else { return [Message(.indicatorsNotAssessed)] }
        return [Message(.indicatorsLatest), Message(.indicatorsNoTarget), Message(.indicatorsDirection), Message(.indicatorsLagging)]
    }

    /// A number as an indicator writes it: `2.2`, `-4`, `79`; `4%` is 4 (percentage points).
    static func number(_ text: String) -> Double? {
        var t = text.trimmingSpaces()
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingSpaces() }
        return Literal.decimal(t)
    }

    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    static func read(_ r: MapReader) -> IndicatorsInput {
        let periods = labels(r, "periods") ?? []
        if r.has("periods") && periods.isEmpty { r.error("periods must list at least one period", at: "periods") }
        var seenIDs: [String: SourceLocation] = [:]
        let areas = r.records("areas", spec: area).map { a -> GoalArea in
            let own = labels(a, "periods")
            let areaPeriods = own ?? periods
            let goals = a.records("board_goals", spec: boardGoal).map { g -> BoardGoal in
                let indicators = g.records("indicators", spec: indicator).compactMap { i -> Indicator? in
                    guard let id = i.text("id"), let name = i.text("name") else { return nil }
                    if let first = seenIDs[id] {
                        i.error("duplicate indicator id '\(id)' (first at \(first))", at: "id")
                    } else {
                        seenIDs[id] = i.location(of: "id")
                    }
                    let unit = i.text("unit")
                    let values = series(i, "values", periods: areaPeriods, unit: unit, context: "indicator \(id)")
                    var breakdown: [(String, [IndicatorValue?])] = []
                    for entry in i.dataMapping("breakdown") ?? [] {
                        guard case .mapping(let entries, _) = entry.value else {
                            i.ctx.log.error("breakdown '\(entry.key)' of indicator \(id) must map periods to values, found \(entry.value.kindName)",
                                            at: entry.value.location)
                            continue
                        }
                        breakdown.append((entry.key, series(entries, i, periods: areaPeriods, unit: unit,
                                                            context: "indicator \(id), \(entry.key)")))
                    }
                    let (target, targetDecimals) = readTarget(i, id: id)
                    return Indicator(id: id, name: name, unit: unit, values: values, target: target, targetDecimals: targetDecimals,
                                     breakdown: breakdown, note: i.text("note"))
                }
                return BoardGoal(name: g.text("name") ?? "", description: g.text("description"), indicators: indicators)
            }
            return GoalArea(name: a.text("name") ?? "", goal: a.text("goal"), periods: areaPeriods, boardGoals: goals)
        }
        return IndicatorsInput(periods: periods, assess: r.bool("assess") ?? true, areas: areas)
    }

    static func labels(_ r: MapReader, _ key: String) -> [String]? {
        guard let items = r.list(key) else { return nil }
        var out: [String] = []
        for item in items {
            guard let t = item.scalarText, !item.isNull else {
                r.ctx.log.error("expected a period label, found \(item.kindName) (key '\(key)')", at: item.location)
                continue
            }
            if out.contains(t) { r.ctx.log.error("period '\(t)' is listed twice", at: item.location) }
            out.append(t)
        }
        return out
    }

    static func series(_ r: MapReader, _ key: String, periods: [String], unit: String?, context: String) -> [IndicatorValue?] {
        series(r.dataMapping(key) ?? [], r, periods: periods, unit: unit, context: context)
    }

    /// Values by period in `periods` order; each entry's period must be one of them.
    static func series(_ entries: [SourceNode.Entry], _ r: MapReader, periods: [String], unit: String?, context: String) -> [IndicatorValue?] {
        var out = [IndicatorValue?](repeating: nil, count: periods.count)
        for e in entries {
            guard let k = periods.firstIndex(of: e.key) else {
                r.ctx.log.error("period '\(e.key)' of \(context) is not in periods [\(periods.joined(separator: ", "))]"
                                + Suggest.phrase(for: e.key, among: periods), at: e.keyLocation)
                continue
            }
            if let v = value(e.value, r, unit: unit, context: context) { out[k] = v }
        }
        return out
    }

    static func value(_ node: SourceNode, _ r: MapReader, unit: String?, context: String) -> IndicatorValue? {
        if node.isNull { return IndicatorValue(value: nil, refersTo: nil, decimals: 0) }
        switch node {
        case .scalar(let s, _, let l):
            let t = s.trimmingSpaces()
            if ["I.U.", "I.U", "i.u."].contains(t) { return IndicatorValue(value: nil, refersTo: nil, decimals: 0) }
            guard let x = Literal.decimal(t), x.isFinite else {
                r.ctx.log.error("expected a number or null (I.U.), found '\(t)' (\(context))", at: l)
                return nil
            }
            if unit == "%" && abs(x) > 100 {
                r.ctx.log.error("\(t) is above 100 for a percentage (\(context), unit \"%\")", at: l)
                return nil
            }
            return IndicatorValue(value: x, refersTo: nil, decimals: decimals(t))
        case .mapping:
            guard let m = MapReader(node, spec: valueSpec, context: context, r.ctx), let vn = m.node("value") else { return nil }
            let year = m.integer("refers_to")
            var v = value(vn, r, unit: unit, context: context)
            v?.refersTo = year
            return v
        case .sequence:
            r.ctx.log.error("expected a number, null or {value, refers_to}, found a list (\(context))", at: node.location)
            return nil
        }
    }

    /// One target form; anything else is an error naming the forms.
    static func readTarget(_ r: MapReader, id: String) -> (IndicatorTarget?, Int) {
        var written = 0
        let target = readTargetForm(r, id: id, decimals: &written)
        return (target, written)
    }

    static func readTargetForm(_ r: MapReader, id: String, decimals written: inout Int) -> IndicatorTarget? {
        guard let node = r.node("target"), !node.isNull else { return nil }
        if let s = node.scalarText {
            let hint: String
            switch s.trimmingSpaces().lowercased() {
            case "öka", "positiv trend": hint = " (write {direction: increase})"
            case "minska": hint = " (write {direction: decrease})"
            case "ej negativ": hint = " (write {min: 0})"
            case "-": hint = " (leave the target out)"
            default: hint = ""
            }
            r.error("unknown target form '\(s)' for indicator \(id): give {direction}, {min}, {below} or {value, better}\(hint)", at: "target")
            return nil
        }
        guard let t = r.section("target", spec: target) else { return nil }
        let forms = ["direction", "min", "below", "value"].filter { t.has($0) }
        if forms.count != 1 {
            t.error(forms.isEmpty ? "unknown target form for indicator \(id): give {direction}, {min}, {below} or {value, better}"
                                  : "indicator \(id) has more than one target form (\(forms.joined(separator: ", "))): give one")
            return nil
        }
        if t.has("better") && forms[0] != "value" {
            t.error("'better' goes with a plain-figure 'value' target only (indicator \(id))", at: "better")
        }
        func figure(_ key: String) -> Double? {
            guard let (text, _) = t.scalar(key, expected: "a number") else { return nil }
            guard let x = number(text) else {
                t.error("expected a number (or N%) for '\(key)', found '\(text)' (indicator \(id))", at: key)
                return nil
            }
            written = decimals(text)
            return x
        }
        switch forms[0] {
        case "direction": return t.choice("direction").map { $0 == "increase" ? .increase : .decrease }
        case "min": return figure("min").map { .min($0) }
        case "below": return figure("below").map { .below($0) }
        default:
            guard let x = figure("value") else { return nil }
            guard let better = t.choice("better") else {
                if !t.has("better") {
                    t.error("a plain-figure target needs 'better: lower' or 'better: higher' (indicator \(id); the report leaves it implicit)", at: "value")
                }
                return nil
            }
            return .value(x, higherIsBetter: better == "higher")
        }
    }
}
