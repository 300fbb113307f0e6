import Foundation
import Yams

/// A YAML node that remembers where it was written: the tree the schema reads.
/// Scalars keep their text (rule F1: the key decides the type, not YAML).
public indirect enum SourceNode: Sendable {
    case scalar(String, plain: Bool, SourceLocation)
    case mapping([Entry], SourceLocation)
    case sequence([SourceNode], SourceLocation)

    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SourceNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .mapping(_, let l), .sequence(_, let l): return l
        }
    }

    /// An empty value, `~` or `null` written plainly.
    public var isNull: Bool {
        if case .scalar(let s, true, _) = self { return ["", "~", "null", "Null", "NULL"].contains(s) }
        return false
    }

    /// "a mapping", "a list", "a scalar" — for messages.
    var kindName: String {
        switch self {
        case .scalar: return isNull ? "nothing" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The value as a reader writes it: a scalar as is, a list or mapping in YAML flow style
    /// (a sweep's value in results.csv, a what-if's value in a note).
    public var flowText: String {
        switch self {
        case .scalar(let s, _, _): return s
        case .sequence(let items, _): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries, _): return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    public var scalarText: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let e, _) = self { return e }
        return nil
    }

    public subscript(key: String) -> SourceNode? {
        entries?.first { $0.key == key }?.value
    }
}

extension SourceNode {
    /// A stable 64-bit fingerprint of the tree's content (FNV-1a over a canonical dump; keys
    /// in file order, positions ignored): two runs of the same scenario and overrides agree.
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
        func walk(_ n: SourceNode) {
            switch n {
            case .scalar(let s, _, _): feed("s\(s.utf8.count):"); feed(s)
            case .sequence(let items, _): feed("[\(items.count)"); items.forEach(walk); feed("]")
            case .mapping(let entries, _):
                feed("{\(entries.count)")
                for e in entries { feed("k\(e.key.utf8.count):"); feed(e.key); walk(e.value) }
                feed("}")
            }
        }
        walk(self)
        return String(h, radix: 16)
    }
}

/// Limits on what one input may cost (rule F7), each configurable.
public struct InputLimits: Sendable {
    /// Bytes per input file (default 50 MB).
    public var maxFileBytes: Int = 50_000_000
    /// YAML nodes after alias expansion (default 1,000,000): stops alias bombs.
    public var maxNodes: Int = 1_000_000
    /// Nesting depth of YAML collections.
    public var maxDepth: Int = 200
    /// Operating units (default 1,000,000; the year-end benchmark runs 10,000).
    public var maxUnits: Int = 1_000_000
    /// Treasury instruments: loans, swaps, internal loans and planned borrowing together (default 1,000,000).
    public var maxInstruments: Int = 1_000_000
    /// Monte Carlo paths (default 10,000,000): the per-path results are kept for the
    /// quantiles, 8 bytes × paths × years × series.
    public var maxPaths: Int = 10_000_000
    /// `--allow-outside-includes`: includes and data files may lie outside `scenarioRoot`.
    public var allowOutsideIncludes = false
    /// The folder tree (symlinks resolved) includes and data files (`loans_file`, `ledger`, …)
    /// must stay in: the folder of the scenario file given to the command. Set when it is loaded.
    public var scenarioRoot: String?
    /// The same folder as the user named it, for messages (`Scenarios`, `.`).
    public var scenarioFolder: String?

    public init() {}

    /// Every limit as text, for keys of what a batch keeps (`SourceLoader.load`): explicit,
    /// because `"\(limits)"` goes through reflection (1 % of a `sweep-1000` run).
    var cacheKey: String {
        [String(maxFileBytes), String(maxNodes), String(maxDepth), String(maxUnits), String(maxInstruments), String(maxPaths),
         allowOutsideIncludes ? "outside" : "confined", scenarioRoot ?? "-", scenarioFolder ?? "-"].joined(separator: "\u{0}")
    }

    /// Sets `scenarioRoot` to the real folder of `scenarioPath` unless it is set already.
    public mutating func confine(to scenarioPath: String) {
        guard scenarioRoot == nil, !allowOutsideIncludes else { return }
        let folder = (scenarioPath as NSString).deletingLastPathComponent
        scenarioFolder = folder.isEmpty ? "." : folder
        scenarioRoot = SourceLoader.realPath(scenarioFolder!)
    }
}

/// Turns YAML text into `SourceNode`s, counting nodes as aliases are expanded.
struct YAMLReader {
    let file: String
    let limits: InputLimits
    private(set) var nodes = 0
    /// Anchored nodes met so far (name and position) and whether one was met again (an alias).
    private var anchorsSeen: Set<String> = []
    private(set) var aliasesExpanded = false

    init(file: String, limits: InputLimits) {
        self.file = file
        self.limits = limits
    }

    /// Parses one YAML document; an empty file is an empty mapping.
    mutating func read(_ text: String) throws(InputFailure) -> SourceNode {
        try checkNesting(text)
        let root: Node?
        // The parser is kept alive while the tree is converted: it owns the anchors that the
        // nodes refer to weakly, by which aliases are recognised (see `convert`).
        let parser: Parser
        do {
            // `.basic`: no implicit tag rules. The reader takes every scalar as its text and style
            // (plain or quoted) and decides types itself, so Yams' regex tag resolution (int,
            // float, bool, timestamp …) was pure cost: ≈ half of loading a 300-line file.
            // Duplicate keys are then compared as text, so `yes` and `'yes'` are the same key.
            parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw InputFailure(.badInput, [YAMLReader.diagnostic(for: error, file: file)])
        } catch {
            throw InputFailure(.badInput, "cannot read YAML: \(TerminalText.quoted(String(describing: error), limit: 200))",
                               at: SourceLocation(file: file, line: 0, column: 0))
        }
        guard let root else { return .mapping([], SourceLocation(file: file, line: 1, column: 1)) }
        return try withExtendedLifetime(parser) { () throws(InputFailure) -> SourceNode in try convert(root, depth: 0) }
    }

    /// libyaml recurses per nesting level; refuse absurd nesting before it does.
    private func checkNesting(_ text: String) throws(InputFailure) {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        for byte in text.utf8 {
            column += 1
            if byte == UInt8(ascii: "\n") { line += 1; column = 0; continue }
            if let q = quote { if byte == q { quote = nil }; continue }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limits.maxDepth {
                    throw InputFailure(.badInput, "YAML nested deeper than \(limits.maxDepth) levels",
                                       at: SourceLocation(file: file, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    private mutating func convert(_ node: Node, depth: Int) throws(InputFailure) -> SourceNode {
        nodes += 1
        let location = SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        // An alias is composed as its anchored node again, anchor and position included:
        // seeing one anchored node twice means aliases are being expanded.
        if let anchor = node.anchor {
            let key = "\(anchor.rawValue)\u{0}\(location.line):\(location.column)"
            if !anchorsSeen.insert(key).inserted { aliasesExpanded = true }
        }
        if nodes > limits.maxNodes {
            // Only name aliases when some were expanded: a large plain file is just large.
            let why = aliasesExpanded ? "YAML expands, through its aliases, to more than \(limits.maxNodes) nodes (an alias bomb?)"
                                      : "YAML has more than \(limits.maxNodes) nodes"
            throw InputFailure(.badInput, "\(why); refusing to read it (rule F7; raise the limit with --max-yaml-nodes)",
                               at: location)
        }
        if depth > limits.maxDepth {
            throw InputFailure(.badInput, "YAML nested deeper than \(limits.maxDepth) levels", at: location)
        }
        switch node {
        case .scalar(let s):
            return .scalar(s.string, plain: s.style == .plain, location)
        case .sequence(let seq):
            var items: [SourceNode] = []
            items.reserveCapacity(seq.count)
            for child in seq { items.append(try convert(child, depth: depth + 1)) }
            return .sequence(items, location)
        case .mapping(let map):
            var entries: [SourceNode.Entry] = []
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    // Not `\(k)`: that would print the whole key structure back.
                    let kind = k.mapping != nil ? "a mapping" : k.sequence != nil ? "a list" : "an alias"
                    throw InputFailure(.badInput, "a mapping key must be a plain name, not \(kind)", at: location)
                }
                nodes += 1
                let keyLocation = SourceLocation(file: file, line: k.mark?.line ?? 0, column: k.mark?.column ?? 0)
                entries.append(.init(key: ks.string, keyLocation: keyLocation, value: try convert(v, depth: depth + 1)))
            }
            return .mapping(entries, location)
        case .alias:
            throw InputFailure(.badInput, "unexpected unresolved YAML alias", at: location)
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's context comes first: "expected a single document in the stream, but found
            // another document", "while parsing a block mapping, did not find expected key".
            if problem == "but found another document" {
                return Diagnostic(.error, "a second YAML document starts here ('---'): a scenario file holds one document; "
                                  + "remove this line and what follows, or put it in a file of its own", at: at(mark))
            }
            let c = context.map { "\($0.text), " } ?? ""
            return Diagnostic(.error, "invalid YAML: \(c)\(problem)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
            return Diagnostic(.error, "key \(keys) defined twice in the same mapping", at: at(context.mark))
        case .reader(let problem, let offset, _, _):
            return Diagnostic(.error, "cannot read YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")",
                              at: SourceLocation(file: file, line: 0, column: 0))
        default:
            return Diagnostic(.error, "invalid YAML: \(TerminalText.quoted(String(describing: error), limit: 200))",
                              at: SourceLocation(file: file, line: 0, column: 0))
        }
    }
}
