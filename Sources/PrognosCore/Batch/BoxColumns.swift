/// `OutputColumns.evaluate` and `BatchFolder.cells` over the encoder's `Box` tree instead of
/// the `Any` tree (issue 20, item 4): the same walk, step for step (`OutputColumns.walk`), so the
/// same cells; only the leaf a column names is turned into an `Any` value, for
/// `OutputColumns.cell`.
enum BoxColumns {
    typealias Box = ResultEncoder.Box

    /// The identity's output paths, parsed once for a batch (`cells` reads every run with them).
    struct Paths: Sendable {
        let outputs: [(path: String, segments: [Override.Segment]?)]
        let columns: [String]
        /// Whether no column is named twice (then a run giving the columns in this order fills
        /// each from its own value: `cells`' short way).
        let distinct: Bool
        init(_ identity: BatchIdentity) {
            outputs = identity.outputs.map { ($0, try? Override.parsePath($0)) }
            columns = identity.columns
            distinct = Set(columns).count == columns.count
        }
    }

    /// A run's output cells, in the identity's column order (as `BatchFolder.cells`): a column
    /// the run does not give is empty, one it gives twice holds the last value. The usual run
    /// gives exactly the identity's columns, in its order: its cells are then taken as they
    /// come, without the map from column to cell (≈ 2 % of a `sweep-1000` run).
    static func cells(_ root: Box, _ paths: Paths) -> [String] {
        var produced: [(column: String, cell: String)] = []
        produced.reserveCapacity(paths.columns.count)
        for output in paths.outputs {
            guard let segments = output.segments else {
                produced.append((output.path, ""))
                continue
            }
            for (suffix, node) in walk(.box(root), segments[...], []) {
                let column = suffix.isEmpty ? output.path : output.path + "_" + suffix.joined(separator: "_")
                produced.append((column, cell(node)))
            }
        }
        if paths.distinct, produced.count == paths.columns.count,
           zip(produced, paths.columns).allSatisfy({ $0.column == $1 }) {
            return produced.map(\.cell)
        }
        var cells: [String: String] = [:]
        for (column, cell) in produced { cells[column] = cell }
        return paths.columns.map { cells[$0] ?? "" }
    }

    /// `OutputColumns.cell(node?.resolved)` without the `Any` for a leaf: a number as the
    /// JSON writes it (`Format.machine`), a whole number, text, true/false, null empty. Any
    /// other node (an object, a list, an unsigned number) goes through `OutputColumns.cell`.
    static func cell(_ node: Box.Node?) -> String {
        guard let node else { return "" }
        switch node.scalar {
        case .null?: return ""
        case .double(let x)?: return Format.machine(x, decimalComma: false)
        case .int(let i)?: return String(i)
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "true" : "false"
        case .uint?, nil: return OutputColumns.cell(node.resolved)
        }
    }

    /// Every (column, value) a path gives (as `OutputColumns.evaluate`).
    static func evaluate(_ path: String, in root: Box) -> [(column: String, value: Any?)] {
        evaluate(path, try? Override.parsePath(path), in: root)
    }

    /// `evaluate` with the path already parsed (nil: it does not parse).
    static func evaluate(_ path: String, _ segments: [Override.Segment]?, in root: Box) -> [(column: String, value: Any?)] {
        guard let segments else { return [(path, nil)] }
        return walk(.box(root), segments[...], []).map { suffix, node in
            (suffix.isEmpty ? path : path + "_" + suffix.joined(separator: "_"), node?.resolved)
        }
    }

    /// The string a key of an object holds (`object[key] as? String`).
    private static func text(_ node: Box.Node, _ key: String) -> String? {
        guard case .string(let s)? = node.value(key)?.scalar else { return nil }
        return s
    }

    /// The integer a key of an object holds (`object[key] as? Int`).
    private static func integer(_ node: Box.Node, _ key: String) -> Int? {
        guard case .int(let i)? = node.value(key)?.scalar else { return nil }
        return i
    }

    private static func walk(_ node: Box.Node?, _ rest: ArraySlice<Override.Segment>, _ suffix: [String]) -> [([String], Box.Node?)] {
        guard let segment = rest.first else { return [(suffix, node)] }
        // `(node as? [String: Any])?[segment.key]`
        let child = node?.value(segment.key)
        let list = child?.box.flatMap { $0.kind == .array ? $0.array : nil }
        if let selector = segment.selector {
            // `child as? [[String: Any]]` holds only when every element is an object.
            var element: Box.Node? = nil
            if let list, list.allSatisfy({ $0.kind == .object }) {
                element = list.first { text($0, "id") == selector || text($0, "name") == selector }
            }
            if element == nil, let i = Int(selector), let list, i >= 0, i < list.count { element = list[i] }
            return walk(element, rest.dropFirst(), suffix)
        }
        if let list, rest.count > 1 {
            return list.enumerated().flatMap { i, element -> [([String], Box.Node?)] in
                let label = element.kind == .object
                    ? (integer(element, "year").map(String.init) ?? text(element, "id") ?? text(element, "name") ?? String(i)) : String(i)
                return walk(element, rest.dropFirst(), suffix + [label])
            }
        }
        return walk(child, rest.dropFirst(), suffix)
    }
}
