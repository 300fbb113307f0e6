import Foundation

/// A batch manifest (batch.md): a base scenario and a sweep, or a folder of scenario files,
/// and the outputs to tabulate.
public struct Manifest: Sendable {
    /// The runs' scenario: one file (with the sweep) or every `.yaml` in a folder.
    public enum Source: Sendable { case base(String), folder([String]) }

    public var source: Source
    /// Key paths in manifest order, each with its values (YAML nodes).
    public var sweep: [(path: String, values: [SourceNode])]
    /// JSON paths (files.md) to tabulate; nil = the defaults.
    public var outputs: [String]?
    /// Where each of `outputs` is written in the manifest (for messages).
    public var outputLocations: [SourceLocation] = []
    /// A fingerprint of the manifest and the command's --set: shards and resumes must match it.
    public var fingerprint: String
    public var file: String
    /// The manifest file as read (its content's SHA-256 is part of the batch's identity).
    public var inputFile: InputFile?

    public static let spec = SectionSpec("(batch manifest)",
        "A batch: `base` with a `sweep` (their Cartesian product), or every scenario file in `folder`.",
        keys: [
            KeySpec("base", .file, "the scenario file every run starts from (relative to the manifest)"),
            KeySpec("folder", .file, "a folder of scenario files, one run each (instead of base + sweep)"),
            KeySpec("sweep", .section("key path → list of values"), "e.g. `treasury.internal_bank.margin: [0.10%, 0.20%]`"),
            KeySpec("outputs", .list("JSON paths"), "columns of results.csv: paths into the JSON contract; through `years` one column per year"),
        ])

    /// The number of runs; nil when it exceeds `Int.max` (computed without overflow: a
    /// sweep of 10^21 runs is a count to refuse, never a trap).
    public var runCount: Int? {
        switch source {
        case .folder(let files): return files.count
        case .base:
            var product = 1
            for (_, values) in sweep {
                let (p, overflow) = product.multipliedReportingOverflow(by: values.count)
                if overflow { return nil }
                product = p
            }
            return product
        }
    }

    /// The sweep's size as the product of its value counts ("4 × 3 × 2"), for messages.
    public var runCountFactors: String {
        switch source {
        case .folder(let files): return "\(files.count) files"
        case .base: return sweep.map { String($0.values.count) }.joined(separator: " × ")
        }
    }

    /// The swept values of run i (the last key varies fastest), as (path, node).
    public func assignment(_ i: Int) -> [(String, SourceNode)] {
        zip(sweep, valueIndices(i)).map { ($0.path, $0.values[$1]) }
    }

    /// The index of each swept key's value in run i (the last key varies fastest).
    func valueIndices(_ i: Int) -> [Int] {
        var rest = i
        var out = [Int](repeating: 0, count: sweep.count)
        for k in sweep.indices.reversed() {
            out[k] = rest % sweep[k].values.count
            rest /= sweep[k].values.count
        }
        return out
    }

    public static func read(path: String, extraOverrides: [String], limits: InputLimits = InputLimits()) throws(InputFailure) -> Manifest {
        let (text, read) = try InputFileLog.collecting { () throws(InputFailure) -> String in
            try SourceLoader.readText(path, limits: limits)
        }
        var reader = YAMLReader(file: path, limits: limits)
        let tree = try reader.read(text)
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: .kr)
        guard let r = MapReader(tree, spec: spec, context: "the manifest", ctx) else {
            throw InputFailure(.badInput, "a manifest must be a mapping of keys", at: tree.location)
        }
        var source: Source?
        if let base = r.text("base") {
            source = .base(TreasuryInput.resolve(base, relativeTo: path))
        }
        if let folder = r.text("folder") {
            if source != nil { r.error("give either 'base' (with 'sweep') or 'folder', not both", at: "folder") }
            let dir = TreasuryInput.resolve(folder, relativeTo: path)
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (dir as NSString).appendingPathComponent($0) }
            if files.isEmpty { r.error("folder '\(folder)' has no .yaml scenario files", at: "folder") }
            if r.has("sweep") { r.error("a folder batch takes no 'sweep'", at: "sweep") }
            source = .folder(files)
        }
        if source == nil { r.error("the manifest needs 'base' (and 'sweep') or 'folder'") }
        var sweep: [(String, [SourceNode])] = []
        for entry in r.dataMapping("sweep") ?? [] {
            do { _ = try Override.parsePath(entry.key) } catch {
                log.error("bad key path '\(entry.key)' in sweep", at: entry.keyLocation)
                continue
            }
            guard case .sequence(let values, _) = entry.value, !values.isEmpty else {
                log.error("expected a non-empty list of values for '\(entry.key)'", at: entry.value.location)
                continue
            }
            sweep.append((entry.key, values))
        }
        var outputs: [String]?
        var outputLocations: [SourceLocation] = []
        if let items = r.list("outputs") {
            outputs = items.compactMap { item in
                guard let s = item.scalarText, !item.isNull else {
                    log.error("expected a JSON path in outputs", at: item.location)
                    return nil
                }
                outputLocations.append(item.location)
                return s
            }
        }
        try log.throwIfErrors()
        return Manifest(source: source!, sweep: sweep, outputs: outputs, outputLocations: outputLocations,
                        fingerprint: SourceNode.scalar(text + "\u{0}" + extraOverrides.joined(separator: "\u{0}"), plain: false,
                                                       tree.location).fingerprint,
                        file: path, inputFile: read.first)
    }
}

extension Override {
    /// An override with a value already parsed (a sweep value).
    public init(path: String, value: SourceNode) throws(InputFailure) {
        self.pathText = path
        self.path = try Override.parsePath(path)
        self.value = value
    }
}
