/// One deterministic scenario as the file defines it (`rates.scenarios[]`).
public struct ScenarioDefinition: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case curve, flat, path, shift, ramp, policyPath = "policy_path" }

    public var name: String
    /// What tables, charts, CSV and the report show for the scenario (the name stays its id).
    public var label: String? = nil
    public var kind: Kind
    public var level: Double?
    /// Path points: a month key means its 1st day (rule T3).
    public var points: [(Day, Double)]
    public var interpolation: PathScenario.Interpolation
    /// Another scenario's name; nil = the initial curve's forwards.
    public var base: String?
    public var shift: Double?
    public var from: Day?
    public var to: Double?
    public var overMonths: Int?
    public var location: SourceLocation
    /// `policy_path`: the rate in force at V when the first point is after it; STIBOR 3M over
    /// the policy rate; when a decision applies (rule T22).
    public var initial: Double? = nil
    public var spread: Double? = nil
    public var effective: PolicyPathScenario.Effective = .asWritten
}

public struct RatesInput: Sendable {
    public var scenarios: [ScenarioDefinition]
}

public enum RatesSpecs {
    public static let rates = SectionSpec("rates",
        "Interest-rate scenarios. Without this section there is one scenario `base` of type `curve` (rule T16).",
        keys: [KeySpec("scenarios", .list("rates.scenarios[]"), required: true, "the deterministic scenarios; the base is `base`, else the first")],
        reserved: [])

    public static let scenario = SectionSpec("rates.scenarios[]",
        "A deterministic scenario: what STIBOR 3M fixes at on each date; new loans are priced from the same fixings (rule T4).",
        keys: [
            KeySpec("name", .text, required: true, "unique; `--scenario NAME` runs one"),
            KeySpec("type", .choice(ScenarioDefinition.Kind.allCases.map(\.rawValue)), required: true,
                    "`curve` (implied forwards), `flat`, `path`, `shift`, `ramp`, `policy_path`"),
            KeySpec("label", .text, "what tables, charts, CSV and the report show (the name stays the id)"),
            KeySpec("level", .rate, "`flat`: the fixing"),
            KeySpec("points", .section("month or date → rate"), "`path`: `{2024-05: 3.75%, 2024-08-21: 3.50%}`"),
            KeySpec("interpolation", .choice(PathScenario.Interpolation.allCases.map(\.rawValue)), "`path`: `step` (default) or `linear`"),
            KeySpec("base", .text, "`shift`/`ramp`: the scenario shifted (default: the curve's forwards)"),
            KeySpec("shift", .rate, "`shift`: added to every fixing on or after `from`"),
            KeySpec("from", .date, "`shift`: first date shifted (default: the day after V)"),
            KeySpec("to", .rate, "`ramp`: the shift reached after `over_months`"),
            KeySpec("over_months", .integer, "`ramp`: months from V to the full shift"),
            KeySpec("points_file", .file, "`policy_path`: a CSV `decision_date,policy_rate` (the Riksbank's decisions), relative to this file"),
            KeySpec("initial", .rate, "`policy_path`: the policy rate in force before the first point (required when it is after V)"),
            KeySpec("spread", .rate, "`policy_path`: STIBOR 3M over the policy rate, `10bp` (default 0)"),
            KeySpec("effective", .choice(PolicyPathScenario.Effective.allCases.map(\.rawValue)),
                    "`policy_path`: `as_written` (default) or `next_wednesday` (a decision applies from the following Wednesday)"),
        ])

    /// Keys each type reads; any other is an error.
    static let keysByKind: [ScenarioDefinition.Kind: Set<String>] = [
        .curve: [], .flat: ["level"], .path: ["points", "interpolation"], .shift: ["base", "shift", "from"],
        .ramp: ["base", "to", "over_months"], .policyPath: ["points", "points_file", "initial", "spread", "effective"],
    ]
    static let requiredByKind: [ScenarioDefinition.Kind: [String]] = [
        .curve: [], .flat: ["level"], .path: ["points"], .shift: ["shift"], .ramp: ["to", "over_months"], .policyPath: [],
    ]
}

extension RatesInput {
    static func read(_ r: MapReader, limits: InputLimits = InputLimits()) -> RatesInput {
        var out: [ScenarioDefinition] = []
        var seen: [String: SourceLocation] = [:]
        var labels: [(label: String, owner: String, at: SourceLocation)] = []
        for s in r.records("scenarios", spec: RatesSpecs.scenario) {
            guard let name = s.text("name"), let kind = s.choice("type").flatMap(ScenarioDefinition.Kind.init(rawValue:)) else { continue }
            if let first = seen[name] {
                s.error("duplicate scenario name '\(name)' (first at \(first))", at: "name")
                continue
            }
            seen[name] = s.location(of: "name")
            let allowed = RatesSpecs.keysByKind[kind]!
            for key in RatesSpecs.scenario.keys.map(\.name) where !["name", "type", "label"].contains(key) && s.has(key) && !allowed.contains(key) {
                s.error("'\(key)' is not used by a scenario of type \(kind.rawValue)", at: key)
            }
            for key in RatesSpecs.requiredByKind[kind]! where !s.has(key) {
                s.error("a scenario of type \(kind.rawValue) needs '\(key)' (\(s.context))")
            }
            var points: [(Day, Double)] = []
            for entry in s.dataMapping("points") ?? [] {
                let key = entry.key.trimmingSpaces()
                let day = Day(inputISO: key) ?? Month(inputISO: key).flatMap { Day(year: $0.year, month: $0.month, day: 1) }
                guard let day else {
                    s.ctx.log.error("expected a month YYYY-MM or a date YYYY-MM-DD in \(Day.supportedRangeText), found '\(key)' (key 'points' in \(s.context))",
                                    at: entry.keyLocation)
                    continue
                }
                if points.contains(where: { $0.0 == day }) {
                    s.ctx.log.error("date \(day) given twice in \(s.context).points", at: entry.keyLocation)
                    continue
                }
                if kind == .policyPath, let last = points.last, day < last.0 {
                    s.ctx.log.error("decision dates out of order in \(s.context).points: \(day) is written after \(last.0); "
                                    + "write a policy path's points in date order", at: entry.keyLocation)
                    continue
                }
                if let x = s.parse(entry.value, key: "points", expected: "a rate", Literal.rate) { points.append((day, x)) }
            }
            if kind == .path && s.has("points") && (s.dataMapping("points") ?? []).isEmpty {
                s.error("a path needs at least one point", at: "points")
            }
            if kind == .policyPath {
                points += PolicyPathInput.pointsFile(s, limits: limits, after: points)
                if s.has("points") == s.has("points_file") {
                    s.error("a scenario of type policy_path needs 'points' or 'points_file' (one of them) (\(s.context))",
                            at: s.has("points") ? "points_file" : nil)
                }
            }
            let overMonths = s.integer("over_months")
            if let m = overMonths, !(1...1200).contains(m) {
                s.error("over_months must be 1 … 1200 (100 years), found \(m)", at: "over_months")
            }
            out.append(ScenarioDefinition(
                name: name, kind: kind, level: s.rate("level"), points: points,
                interpolation: s.choice("interpolation").flatMap(PathScenario.Interpolation.init(rawValue:)) ?? .step,
                base: s.text("base"), shift: s.rate("shift"), from: s.date("from"), to: s.rate("to"),
                overMonths: overMonths, location: s.location))
            if let label = s.text("label") {
                if label.trimmingSpaces().isEmpty {
                    s.error("a blank label would show the scenario without a name; leave 'label' out to show the name '\(name)'", at: "label")
                } else {
                    out[out.count - 1].label = label
                    labels.append((label, name, s.location(of: "label")))
                }
            }
            if kind == .policyPath {
                out[out.count - 1].initial = s.rate("initial")
                out[out.count - 1].spread = s.rate("spread")
                out[out.count - 1].effective = s.choice("effective").flatMap(PolicyPathScenario.Effective.init(rawValue:)) ?? .asWritten
                PolicyPathInput.check(out[out.count - 1], s)
            }
        }
        checkLabels(labels, names: seen, log: r.ctx.log)
        return RatesInput(scenarios: out)
    }

    /// A label is what tables, charts, CSV and the report show for its scenario (treasury.md), so
    /// two scenarios must never show under one name: a label equal to another scenario's label,
    /// or to another scenario's name, is an error at the later label (docs/decisions.md). A label
    /// equal to its own scenario's name is harmless.
    static func checkLabels(_ labels: [(label: String, owner: String, at: SourceLocation)],
                            names: [String: SourceLocation], log: DiagnosticLog) {
        var firstLabel: [String: (owner: String, at: SourceLocation)] = [:]
        for l in labels {
            let key = l.label.trimmingSpaces()   // "Bas" and "Bas " print alike
            if let other = firstLabel[key] {
                log.error("label '\(TerminalText.quoted(l.label))' of scenario '\(l.owner)' is already the label of scenario '\(other.owner)' (at \(other.at)); tables would show two scenarios under one name: give each its own label",
                          at: l.at)
                continue
            }
            firstLabel[key] = (l.owner, l.at)
            if key != l.owner, let at = names[key] {
                log.error("label '\(TerminalText.quoted(l.label))' of scenario '\(l.owner)' is the name of another scenario (at \(at)); tables would show two scenarios under one name: give it another label",
                          at: l.at)
            }
        }
    }

    /// The scenarios as evaluable objects, in file order; errors (unknown base with a
    /// suggestion, a cycle of bases, `curve` without a curve) are logged.
    static func build(_ definitions: [ScenarioDefinition], curve: ZeroCurve?, valuationDate v: Day,
                      at location: SourceLocation, log: DiagnosticLog) -> [(name: String, scenario: any RateScenario)] {
        let byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var built: [String: any RateScenario] = [:]
        var failed = false
        func curveScenario(_ at: SourceLocation) -> (any RateScenario)? {
            guard let curve else {
                log.error("this scenario needs the initial curve (treasury.curve)", at: at)
                return nil
            }
            return CurveScenario(curve: curve)
        }
        func make(_ d: ScenarioDefinition, _ stack: [String]) -> (any RateScenario)? {
            if let s = built[d.name] { return s }
            if stack.contains(d.name) {
                log.error("scenario bases form a cycle: \((stack + [d.name]).joined(separator: " → "))", at: d.location)
                return nil
            }
            func baseScenario() -> (any RateScenario)? {
                guard let b = d.base else { return curveScenario(d.location) }
                guard let def = byName[b] else {
                    log.error("scenario '\(d.name)' has base '\(b)', which is not a scenario"
                              + Suggest.phrase(for: b, among: definitions.map(\.name)), at: d.location)
                    return nil
                }
                return make(def, stack + [d.name])
            }
            let s: (any RateScenario)?
            switch d.kind {
            case .curve: s = curveScenario(d.location)
            case .flat: s = d.level.map { FlatScenario(valuationDate: v, level: $0) }
            case .path: s = d.points.isEmpty ? nil : PathScenario(valuationDate: v, points: d.points, interpolation: d.interpolation)
            case .policyPath:
                s = d.points.isEmpty ? nil : PolicyPathScenario(valuationDate: v, points: d.points.map { (d.effective.date($0.0), $0.1) },
                                                                initial: d.initial, spread: d.spread ?? 0)
                if s != nil, d.initial == nil, let first = d.points.first, d.effective.date(first.0) > v {
                    log.error("policy path '\(d.name)' starts on \(d.effective.date(first.0)), after V = \(v): "
                              + "give 'initial', the policy rate in force at V (rule T22)", at: d.location)
                    return nil
                }
            case .shift: s = d.shift.flatMap { shift in baseScenario().map { ShiftScenario(base: $0, shift: shift, from: d.from) } }
            case .ramp:
                s = d.to.flatMap { to in d.overMonths.flatMap { m in m > 0 ? baseScenario().map { RampScenario(base: $0, to: to, overMonths: m) } : nil } }
            }
            if let s { built[d.name] = s }
            return s
        }
        var out: [(String, any RateScenario)] = []
        for d in definitions {
            if let s = make(d, []) { out.append((d.name, s)) } else { failed = true }
        }
        if failed && !log.hasErrors { log.error("could not build the rate scenarios", at: location) }
        return out
    }
}
