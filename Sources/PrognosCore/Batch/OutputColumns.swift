import Foundation

/// Paths into the JSON contract as results.csv columns (batch.md, Outputs): a path through
/// a list without a selector gives one column per element, named by its `year` (or `id`,
/// `name`, index): `treasury.scenarios[stress].years.external_interest_2025`.
public enum OutputColumns {
    /// The default outputs for a run's JSON: every scenario's yearly external interest and
    /// municipality net (the base scenario's first), the fixing period and the policy verdict; without a
    /// treasury, the operating total's forecast and deviation.
    public static func defaults(for json: [String: Any]) -> [String] {
        if let t = json["treasury"] as? [String: Any], let base = t["base_scenario"] as? String {
            // Every scenario, the base first (issue 16: a sweep of another scenario's shift
            // must not give identical rows); docs/batch.md "Default columns".
            let names = [base] + ((t["scenarios"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.filter { $0 != base }
            return names.flatMap { ["treasury.scenarios[\($0)].years.external_interest", "treasury.scenarios[\($0)].years.municipality_net"] }
                + ["treasury.metrics.fixing_years", "treasury.policy_ok"]
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

    /// Why `path` gives no value in `json` (nil when it does): the first segment that is not
    /// there, with the keys (or element ids) that are, or a path that ends at an object or a
    /// list instead of a value. A path through a list without a selector is checked against
    /// the list's first element (every element of a result list has the same keys).
    public static func problem(_ path: String, in json: Any) -> String? {
        guard let segments = try? Override.parsePath(path) else { return "'\(path)' is not a key path" }
        var node: Any = json
        var walked: [String] = []
        func known(_ keys: [String]) -> String {
            let sorted = keys.sorted()
            return sorted.isEmpty ? "" : "; it has " + sorted.prefix(12).joined(separator: ", ") + (sorted.count > 12 ? ", …" : "")
        }
        for (n, segment) in segments.enumerated() {
            let here = walked.isEmpty ? "the result" : "'" + walked.joined(separator: ".") + "'"
            guard let object = node as? [String: Any] else {
                return "'\(path)': \(here) is a value, it has no '\(segment.key)'"
            }
            guard let child = object[segment.key], !(child is NSNull) || n == segments.count - 1 else {
                return "'\(path)' is not in the result: \(here) has no '\(segment.key)'" + known(Array(object.keys))
            }
            walked.append(segment.key)
            if let selector = segment.selector {
                let list = child as? [Any] ?? []
                let labels = list.compactMap { ($0 as? [String: Any]).flatMap { ($0["id"] as? String) ?? ($0["name"] as? String) } }
                let element = list.first {
                    (($0 as? [String: Any])?["id"] as? String) == selector || (($0 as? [String: Any])?["name"] as? String) == selector
                } ?? Int(selector).flatMap { i in i >= 0 && i < list.count ? list[i] : nil }
                guard let element else {
                    return "'\(path)' is not in the result: '\(walked.joined(separator: "."))' has no element '\(selector)'" + known(labels)
                }
                walked[walked.count - 1] += "[\(selector)]"
                node = element
            } else if let list = child as? [Any], n < segments.count - 1 {
                guard let first = list.first else {
                    return "'\(path)': '\(walked.joined(separator: "."))' is an empty list in the base run's result"
                }
                node = first
            } else {
                node = child
            }
        }
        if node is [String: Any] || node is [Any] {
            let keys = (node as? [String: Any]).map { Array($0.keys) } ?? []
            return "'\(path)' is \(node is [Any] ? "a list" : "an object"), not a value: name one of its fields" + known(keys)
        }
        return nil
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
