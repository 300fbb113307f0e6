import Foundation

/// Paths into the JSON contract as results.csv columns (batch.md, Outputs): a path through
/// a list without a selector gives one column per element, named by its `year` (or `id`,
/// `name`, index): `treasury.scenarios[stress].years.external_interest_2025`.
public enum OutputColumns {
    /// The default outputs for a run's JSON: the base scenario's yearly external interest
    /// and municipality net, the fixing period and the policy verdict (batch.md); without a
    /// treasury, the operating total's forecast and deviation.
    public static func defaults(for json: [String: Any]) -> [String] {
        if let t = json["treasury"] as? [String: Any], let base = t["base_scenario"] as? String {
            return ["treasury.scenarios[\(base)].years.external_interest", "treasury.scenarios[\(base)].years.municipality_net",
                    "treasury.metrics.fixing_years", "treasury.policy_ok"]
        }
        return ["operating.total.forecast", "operating.total.deviation"]
    }

    /// Every (column, value) a path gives in `json`.
    public static func evaluate(_ path: String, in json: Any) -> [(column: String, value: Any?)] {
        guard let segments = try? Override.parsePath(path) else { return [(path, nil)] }
        return walk(json, segments[...], []).map { suffix, value in
            (suffix.isEmpty ? path : path + "_" + suffix.joined(separator: "_"), value)
        }
    }

    private static func walk(_ node: Any?, _ rest: ArraySlice<Override.Segment>, _ suffix: [String]) -> [([String], Any?)] {
        guard let segment = rest.first else { return [(suffix, node)] }
        let child = (node as? [String: Any])?[segment.key]
        if let selector = segment.selector {
            let element = (child as? [[String: Any]])?.first {
                ($0["id"] as? String) == selector || ($0["name"] as? String) == selector
            } ?? (Int(selector).flatMap { i in (child as? [Any]).flatMap { i < $0.count ? $0[i] : nil } })
            return walk(element, rest.dropFirst(), suffix)
        }
        if let list = child as? [Any], rest.count > 1 {
            return list.enumerated().flatMap { i, element -> [([String], Any?)] in
                let e = element as? [String: Any]
                let label = e.flatMap { ($0["year"] as? Int).map(String.init) ?? ($0["id"] as? String) ?? ($0["name"] as? String) } ?? String(i)
                return walk(element, rest.dropFirst(), suffix + [label])
            }
        }
        return walk(child, rest.dropFirst(), suffix)
    }

    /// A cell: numbers as in the JSON (kronor, decimals), booleans true/false, null empty.
    public static func cell(_ value: Any?) -> String {
        switch value {
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let d as Double: return Format.machine(d, decimalComma: false)
        case let n as NSNumber:
            // JSON booleans come back as NSNumbers of type "c" (char).
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return Format.machine(n.doubleValue, decimalComma: false)
        case let s as String: return s
        default: return ""
        }
    }
}
