import Foundation

/// Goal follow-up (spec/indicators.md): målområde → kommunövergripande mål → nämndmål →
/// nämndindikatorer, each indicator with values by period and a desired direction or
/// target (Önskad riktning/värde).

/// One figure of an indicator: a number, or nil for I.U. (ingen uppgift, no data); a
/// lagging value says the year it refers to (the seed's "41 (2021)").
public struct IndicatorValue: Sendable, Equatable {
    public var value: Double?
    public var refersTo: Int?
    /// Decimals as the file wrote them, so tables print "141,0" and "2,0" as the report does.
    public var decimals: Int
}

/// The target forms of the seed (spec table "Targets").
public enum IndicatorTarget: Sendable, Equatable {
    /// "Öka" / "Minska" / "Positiv trend": met when the latest value beats the previous one.
    case increase, decrease
    /// "≥4%", "Ej negativ" (min 0): met when v ≥ min.
    case min(Double)
    /// "Mindre än 23": met when v < below.
    case below(Double)
    /// A plain figure with the side that is better: v ≤ value (lower) or v ≥ value (higher).
    case value(Double, higherIsBetter: Bool)

    /// Higher is better for increase, min and `better: higher`.
    public var higherIsBetter: Bool {
        switch self {
        case .increase, .min: return true
        case .decrease, .below: return false
        case .value(_, let h): return h
        }
    }
}

extension IndicatorTarget {
    /// The JSON form (spec/indicators.md "Output"): the file's own keys, `4%` as 4.
    var json: [String: Any] {
        switch self {
        case .increase: return ["direction": "increase"]
        case .decrease: return ["direction": "decrease"]
        case .min(let m): return ["min": m]
        case .below(let b): return ["below": b]
        case .value(let x, let h): return ["value": x, "better": h ? "higher" : "lower"]
        }
    }

    /// Back from the JSON form (the report reads a saved result); nil for null or no form.
    init?(json: [String: Any]) {
        func number(_ key: String) -> Double? { (json[key] as? NSNumber)?.doubleValue ?? json[key] as? Double }
        if let d = json["direction"] as? String { self = d == "increase" ? .increase : .decrease }
        else if let m = number("min") { self = .min(m) }
        else if let b = number("below") { self = .below(b) }
        else if let v = number("value") { self = .value(v, higherIsBetter: (json["better"] as? String) == "higher") }
        else { return nil }
    }
}

public enum IndicatorStatus: String, Sendable { case met, notMet = "not_met", noData = "no_data", noTarget = "no_target" }
public enum IndicatorTrend: String, Sendable { case improving, worsening, unchanged }

public struct Indicator: Sendable {
    public var id: String
    public var name: String
    public var unit: String?
    /// By period, in the order of `periods`; nil where the file has no entry (blank cell).
    public var values: [IndicatorValue?]
    public var target: IndicatorTarget?
    /// Decimals of the target figure as written ("3,0 %" stays "3,0 %").
    public var targetDecimals: Int = 0
    /// Group (Män, Kvinnor, an area …) → values by period.
    public var breakdown: [(group: String, values: [IndicatorValue?])]
    public var note: String?

    public init(id: String, name: String, unit: String?, values: [IndicatorValue?], target: IndicatorTarget?,
                targetDecimals: Int = 0, breakdown: [(group: String, values: [IndicatorValue?])] = [], note: String? = nil) {
        self.id = id; self.name = name; self.unit = unit; self.values = values; self.target = target
        self.targetDecimals = targetDecimals; self.breakdown = breakdown; self.note = note
    }

    /// The latest period's value (the last period; nil when blank or I.U.).
    public var latest: Double? { values.last.flatMap { $0?.value } }

    /// The latest earlier period with a value (spec: "previous").
    public var previous: Double? {
        values.dropLast().reversed().lazy.compactMap { $0?.value }.first
    }

    /// Status on the latest value (spec/indicators.md "Status"): no_target without a target,
    /// no_data when the latest period has no value, or when a direction target has no
    /// earlier value to compare with.
    public var status: IndicatorStatus {
        guard let target else { return .noTarget }
        guard let v = latest else { return .noData }
        switch target {
        case .increase:
            guard let p = previous else { return .noData }
            return v > p ? .met : .notMet
        case .decrease:
            guard let p = previous else { return .noData }
            return v < p ? .met : .notMet
        case .min(let m): return v >= m ? .met : .notMet
        case .below(let b): return v < b ? .met : .notMet
        case .value(let x, let higher): return (higher ? v >= x : v <= x) ? .met : .notMet
        }
    }

    /// The latest value against the previous one in the desired sense; nil without a
    /// target, without a latest value or without an earlier one.
    public var trend: IndicatorTrend? {
        guard let target, let v = latest, let p = previous else { return nil }
        if v == p { return .unchanged }
        return (v > p) == target.higherIsBetter ? .improving : .worsening
    }
}

public struct BoardGoal: Sendable {
    /// Nämndmål.
    public var name: String
    public var description: String?
    public var indicators: [Indicator]

    /// Indicators counted by status.
    public var summary: [IndicatorStatus: Int] {
        var out: [IndicatorStatus: Int] = [.met: 0, .notMet: 0, .noData: 0, .noTarget: 0]
        for i in indicators { out[i.status, default: 0] += 1 }
        return out
    }
}

public struct GoalArea: Sendable {
    /// Målområde.
    public var name: String
    /// Kommunövergripande mål.
    public var goal: String?
    /// Periods of this area's table when they differ from the section's (the personnel
    /// table's "Mars 2023, Mars 2024").
    public var periods: [String]
    public var boardGoals: [BoardGoal]
}

public struct IndicatorsInput: Sendable {
    public var periods: [String]
    /// False for a report that prints values and targets without assessing them.
    public var assess: Bool
    public var areas: [GoalArea]
}
