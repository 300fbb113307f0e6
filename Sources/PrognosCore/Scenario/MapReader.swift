/// What every reader of a scenario file shares: the diagnostics log and the unit.
public final class DecodeContext {
    public let log: DiagnosticLog
    public let unit: AmountUnit

    public init(log: DiagnosticLog, unit: AmountUnit) {
        self.log = log
        self.unit = unit
    }
}

/// Typed, position-aware access to one mapping of a scenario file, checked against
/// its `SectionSpec`: unknown keys (with a suggestion), missing required keys and
/// wrongly typed values are logged with file, line and column, and reading goes on
/// so that every error is reported. An accessor returns nil for an absent or bad value.
public struct MapReader {
    public let spec: SectionSpec
    /// Where this mapping sits, for messages: `operating.units[ks]`.
    public let context: String
    public let location: SourceLocation
    let entries: [SourceNode.Entry]
    let ctx: DecodeContext

    /// Nil when `node` is absent, null or not a mapping (the last is logged).
    public init?(_ node: SourceNode?, spec: SectionSpec, context: String, _ ctx: DecodeContext) {
        guard let node, !node.isNull else { return nil }
        guard case .mapping(let entries, let location) = node else {
            ctx.log.error("expected a mapping for '\(context)', found \(node.kindName)", at: node.location)
            return nil
        }
        self.spec = spec
        self.context = context
        self.location = location
        self.entries = entries
        self.ctx = ctx
        for entry in entries where spec.key(entry.key) == nil {
            if spec.reserved.contains(entry.key) {
                ctx.log.error("'\(TerminalText.quoted(entry.key))' in \(context) is part of the format but not implemented in this build of prognos",
                              at: entry.keyLocation)
            } else {
                // Quoted short: a file that is not a scenario must not be echoed back line by line.
                ctx.log.error("unknown key '\(TerminalText.quoted(entry.key))' in \(context)"
                              + Suggest.phrase(for: entry.key, among: spec.keys.map(\.name)),
                              at: entry.keyLocation)
            }
        }
        for key in spec.keys where key.required && self.node(key.name) == nil {
            ctx.log.error("missing required key '\(key.name)' in \(context)", at: location)
        }
    }

    /// The value node of `key`, nil when absent or null.
    public func node(_ key: String) -> SourceNode? {
        assert(spec.key(key) != nil, "key '\(key)' is not declared in \(spec.path)")
        guard let v = entries.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return v
    }

    public func has(_ key: String) -> Bool { node(key) != nil }

    /// Where `key`'s value was written (the mapping itself when absent).
    public func location(of key: String) -> SourceLocation {
        entries.first { $0.key == key }?.value.location ?? location
    }

    func fail(_ key: String, _ message: String, at location: SourceLocation) {
        ctx.log.error("\(message) (key '\(key)' in \(context))", at: location)
    }

    /// The scalar text of `key`; a mapping or list there is an error.
    public func scalar(_ key: String, expected: String) -> (String, SourceLocation)? {
        guard let v = node(key) else { return nil }
        guard case .scalar(let s, _, let l) = v else {
            fail(key, "expected \(expected), found \(v.kindName)", at: v.location)
            return nil
        }
        return (s, l)
    }

    private func parse<T>(_ key: String, expected: String, _ parser: (String) -> Parsed<T>) -> T? {
        guard let (s, l) = scalar(key, expected: expected) else { return nil }
        switch parser(s) {
        case .success(let v): return v
        case .failure(let e): fail(key, e.message, at: l); return nil
        }
    }

    public func text(_ key: String) -> String? { scalar(key, expected: "text").map(\.0) }
    public func amount(_ key: String) -> Double? { parse(key, expected: "an amount") { Literal.amount($0, unit: ctx.unit) } }
    public func rate(_ key: String) -> Double? { parse(key, expected: "a rate", Literal.rate) }
    public func bool(_ key: String) -> Bool? { parse(key, expected: "true or false", Literal.bool) }
    public func integer(_ key: String) -> Int? { parse(key, expected: "a whole number", Literal.integer) }
    public func date(_ key: String) -> Day? { parse(key, expected: "a date", Literal.date) }
    public func month(_ key: String) -> Month? { parse(key, expected: "a month", Literal.month) }

    /// One of the declared choices of `key` (its `ValueKind.choice`).
    public func choice(_ key: String) -> String? {
        guard case .choice(let options)? = spec.key(key)?.kind else {
            preconditionFailure("key '\(key)' is not a choice in \(spec.path)")
        }
        return parse(key, expected: "one of \(options.joined(separator: ", "))") { s in
            let t = s.trimmingSpaces()
            if options.contains(t) { return .success(t) }
            return .failure(LiteralError(stringLiteral: "'\(t)' is not one of \(options.joined(separator: ", "))" + Suggest.phrase(for: t, among: options)))
        }
    }

    /// The items of a list-valued key; a scalar or mapping there is an error.
    public func list(_ key: String) -> [SourceNode]? {
        guard let v = node(key) else { return nil }
        guard case .sequence(let items, _) = v else {
            fail(key, "expected a list, found \(v.kindName)", at: v.location)
            return nil
        }
        return items
    }

    /// The entries of a mapping-valued key whose keys are data (dates, tenors), not names.
    public func dataMapping(_ key: String) -> [SourceNode.Entry]? {
        guard let v = node(key) else { return nil }
        guard case .mapping(let entries, _) = v else {
            fail(key, "expected a mapping, found \(v.kindName)", at: v.location)
            return nil
        }
        return entries
    }

    /// Parses a scalar node found under `key` (a list item, a data-mapping value).
    public func parse<T>(_ node: SourceNode, key: String, expected: String, _ parser: (String) -> Parsed<T>) -> T? {
        guard case .scalar(let s, _, let l) = node, !node.isNull else {
            fail(key, "expected \(expected), found \(node.kindName)", at: node.location)
            return nil
        }
        switch parser(s) {
        case .success(let v): return v
        case .failure(let e): fail(key, e.message, at: l); return nil
        }
    }

    /// Reads each element of a list-valued key as a mapping with `spec`; the element's
    /// context is `path[id]` (or `path[name]`, or `path[index]`).
    public func records(_ key: String, spec: SectionSpec) -> [MapReader] {
        (list(key) ?? []).enumerated().compactMap { i, item in
            let label = (item["id"] ?? item["name"])?.scalarText ?? String(i)
            let path = context == "" || context == "the scenario" ? key : "\(context).\(key)"
            if item.isNull { ctx.log.error("empty element in \(path)", at: item.location) }
            return MapReader(item, spec: spec, context: "\(path)[\(label)]", ctx)
        }
    }

    /// A nested mapping read by `spec`.
    public func section(_ key: String, spec: SectionSpec) -> MapReader? {
        MapReader(node(key), spec: spec, context: context == "" || context == "the scenario" ? key : "\(context).\(key)", ctx)
    }

    public func error(_ message: String, at key: String? = nil) {
        ctx.log.error(message, at: key.map(location(of:)) ?? location)
    }

    public func warning(_ message: String, at key: String? = nil) {
        ctx.log.warning(message, at: key.map(location(of:)) ?? location)
    }
}
