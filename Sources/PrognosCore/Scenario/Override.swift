import Foundation

/// One `--set KEY=VALUE`: a key path into the scenario tree and a YAML value.
///
/// Key paths are dot-separated keys; a list element is chosen by its `id` or
/// `name` in brackets (`rates.scenarios[plus100].shift`, `operating.units[ks].budget`),
/// or by a zero-based index. The same paths serve batch sweeps. The value is read
/// as YAML, so `--set operating.units[ks].forecast={method: manual, value: 29}` works,
/// and it is then checked by the schema exactly as if it were written in the file.
public struct Override: Sendable {
    public struct Segment: Sendable, Equatable {
        public var key: String
        public var selector: String?
    }

    public var path: [Segment]
    public var pathText: String
    public var value: SourceNode

    /// Parses `KEY=VALUE`, or an option's override made by `Override.option` (errors name the option).
    public init(_ assignment: String, limits: InputLimits = InputLimits()) throws(InputFailure) {
        var assignment = assignment, origin: String? = nil
        if assignment.first == Override.optionMark {
            let parts = assignment.dropFirst().split(separator: Override.optionMark, maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { origin = String(parts[0]); assignment = String(parts[1]) }
        }
        guard let eq = assignment.firstIndex(of: "=") else {
            throw InputFailure(.badInput, "--set expects KEY=VALUE, found '\(assignment)'")
        }
        pathText = String(assignment[..<eq]).trimmingSpaces()
        if let refusal = Override.refusal(assignment) { throw InputFailure(.badInput, refusal) }
        path = try Override.parsePath(pathText)
        let valueText = String(assignment[assignment.index(after: eq)...])
        // `KEY=` with nothing after it would read as YAML's empty document (null), which the
        // schema then reports as a missing key or a missing mapping, far from the slip itself.
        if valueText.allSatisfy({ $0 == " " || $0 == "\t" }) {
            throw InputFailure(.badInput, Override.noValue(origin ?? "--set \(pathText)"))
        }
        var reader = YAMLReader(file: origin ?? "--set \(pathText)", limits: limits)
        value = try reader.read(valueText)
    }

    static func noValue(_ name: String) -> String {
        "\(name): no value after '='; write the value (for example KEY=31.5, or KEY='' for an empty text)"
    }

    /// Why `assignment` cannot be read as an override at all, before any file is loaded: no '=',
    /// a key path that is not one, nothing after '=', or an `include` (see `refusal`). The CLI
    /// makes each a usage error (exit 64), like any other malformed option.
    public static func syntaxError(_ assignment: String) -> String? {
        if let refusal = refusal(assignment) { return refusal }
        guard let eq = assignment.firstIndex(of: "=") else {
            return "--set expects KEY=VALUE, found '\(TerminalText.quoted(assignment, limit: 60))'"
        }
        let pathText = String(assignment[..<eq]).trimmingSpaces()
        do { _ = try parsePath(pathText) } catch { return "--set: " + (error.diagnostics.first?.message ?? "bad key path") }
        if assignment[assignment.index(after: eq)...].allSatisfy({ $0 == " " || $0 == "\t" }) {
            return noValue("--set \(pathText)")
        }
        return nil
    }

    /// An override a command-line option makes (`--paths 5000` sets `simulation.paths`): read as
    /// `KEY=VALUE`, but errors about its value name the option as the user wrote it (`--paths`),
    /// not `--set simulation.paths`. The mark (NUL) cannot come from a command line.
    public static func option(_ option: String, key: String, value: String) -> String {
        "\(optionMark)\(option)\(optionMark)\(key)=\(value)"
    }
    static let optionMark: Character = "\u{0}"

    /// Why `assignment` cannot be an override, for the keys that are not values of the
    /// scenario: `include` is read while the files are loaded, before any override applies,
    /// so `--set include=…` (or `include[0]=…`, `include.x=…`) would silently do nothing.
    /// The CLI makes this a usage error (exit 64); a batch sweep gets it as bad input.
    public static func refusal(_ assignment: String) -> String? {
        let keyPath = assignment.prefix { $0 != "=" }
        let first = keyPath.prefix { $0 != "." && $0 != "[" }.trimmingCharacters(in: .whitespaces)
        guard first == "include" else { return nil }
        return "--set \(TerminalText.quoted(String(keyPath), limit: 60)): 'include' cannot be overridden (includes are read "
            + "with the files, before --set applies); write the include in a scenario file instead"
    }

    public static func parsePath(_ text: String) throws(InputFailure) -> [Segment] {
        var segments: [Segment] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var key = Substring(part), selector: String? = nil
            if let open = part.firstIndex(of: "[") {
                guard part.last == "]", open > part.startIndex else {
                    throw InputFailure(.badInput, "bad key path '\(text)': write key[id] for a list element")
                }
                key = part[..<open]
                selector = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
                if selector?.isEmpty ?? true {
                    throw InputFailure(.badInput, "bad key path '\(text)': empty [] selector")
                }
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw InputFailure(.badInput, "bad key path '\(text)': '\(part)' is not a key")
            }
            segments.append(Segment(key: String(key), selector: selector))
        }
        return segments
    }

    /// The value the path holds in `root` (the file as written), nil where the path leads
    /// nowhere: a what-if that sets a key to what the file already says changes nothing.
    public func current(in root: SourceNode) -> SourceNode? {
        var node: SourceNode? = root
        for segment in path {
            node = node?[segment.key]
            guard let selector = segment.selector else { continue }
            guard case .sequence(let items, _)? = node else { return nil }
            node = items.first { $0["id"]?.scalarText == selector } ?? items.first { $0["name"]?.scalarText == selector }
                ?? Int(selector).flatMap { items.indices.contains($0) ? items[$0] : nil }
        }
        return node
    }

    /// True when two values say the same: the same text, or two rates (`100bp`, `1%`, `+100bp`)
    /// or two plain numbers (`30.2`, `30.20`) of equal value.
    public static func sameValue(_ a: SourceNode, _ b: SourceNode) -> Bool {
        if a.flowText == b.flowText { return true }
        guard let x = a.scalarText?.trimmingSpaces(), let y = b.scalarText?.trimmingSpaces() else { return false }
        if case .success(let p) = Literal.rate(x), case .success(let q) = Literal.rate(y) { return p == q }
        if let p = Double(x), let q = Double(y) { return p == q }
        return false
    }

    /// The tree with this override applied. Missing keys are created (the schema
    /// then rejects unknown ones with a suggestion); a missing list element is an error.
    public func apply(to root: SourceNode) throws(InputFailure) -> SourceNode {
        try set(root, at: path[...], trail: [])
    }

    private func set(_ node: SourceNode, at rest: ArraySlice<Segment>, trail: [String]) throws(InputFailure) -> SourceNode {
        guard let segment = rest.first else { return value }
        let here = trail + [segment.key]
        var entries: [SourceNode.Entry]
        let location: SourceLocation
        switch node {
        case .mapping(let e, let l): entries = e; location = l
        case _ where node.isNull: entries = []; location = node.location
        default:
            throw InputFailure(.badInput,
                "--set \(pathText): '\(trail.joined(separator: "."))' holds \(node.kindName), not a mapping",
                at: node.location)
        }
        let index = entries.firstIndex { $0.key == segment.key }
        var child: SourceNode
        if let index {
            child = entries[index].value
        } else {
            child = .mapping([], value.location)
        }
        if let selector = segment.selector {
            guard case .sequence(var items, let listLocation) = child else {
                throw InputFailure(.badInput,
                    "--set \(pathText): '\(here.joined(separator: "."))' is not a list in this scenario",
                    at: index == nil ? nil : child.location)
            }
            let ids = items.map { ($0["id"] ?? $0["name"])?.scalarText ?? "" }
            let pick = items.firstIndex { $0["id"]?.scalarText == selector }
                ?? items.firstIndex { $0["name"]?.scalarText == selector }
                ?? Int(selector).flatMap { items.indices.contains($0) ? $0 : nil }
            guard let pick else {
                throw InputFailure(.badInput,
                    "--set \(pathText): no element '\(selector)' in '\(here.joined(separator: "."))'"
                    + Suggest.phrase(for: selector, among: ids.filter { !$0.isEmpty }),
                    at: listLocation)
            }
            items[pick] = try set(items[pick], at: rest.dropFirst(), trail: here + ["[\(selector)]"])
            child = .sequence(items, listLocation)
        } else {
            child = try set(child, at: rest.dropFirst(), trail: here)
        }
        if let index {
            entries[index].value = child
        } else {
            entries.append(.init(key: segment.key, keyLocation: value.location, value: child))
        }
        return .mapping(entries, location)
    }
}
