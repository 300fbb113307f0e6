import Foundation

/// Reads a scenario file and everything it includes into one `SourceNode` tree.
///
/// `include: [a.yaml, b.yaml]` (paths relative to the including file) merges each
/// file's mappings into the including one, recursively: a mapping may be split over
/// files, but a key whose value is not a mapping, defined twice, is an error naming
/// both places. Include cycles are errors. An included file may repeat `prognos`
/// and may declare `unit` only if it is the same unit (rule F2).
public struct SourceLoader {
    public var limits: InputLimits

    public init(limits: InputLimits = InputLimits()) { self.limits = limits }

    /// Per-file keys: each file may state them; they are not merged.
    static let fileKeys: Set<String> = ["prognos", "unit", "include"]

    /// The merged tree of `path` and its includes; errors go to `log` (nil when the
    /// root could not be read at all).
    public func load(path: String, log: DiagnosticLog) -> SourceNode? {
        var chain: [String] = []
        return load(path: path, displayPath: path, chain: &chain, parentUnit: nil, includedFrom: nil, log: log)
    }

    /// Reads a file's text, enforcing the size limit; missing files are `.missingInput`.
    /// The file is recorded in the current `InputFileLog` (batch identity, output-path checks).
    public static func readText(_ path: String, limits: InputLimits, includedFrom: SourceLocation? = nil) throws(InputFailure) -> String {
        try readTextRecorded(path, limits: limits, includedFrom: includedFrom).text
    }

    /// `readText` with the record of the file read.
    static func readTextRecorded(_ path: String, limits: InputLimits,
                                 includedFrom: SourceLocation? = nil) throws(InputFailure) -> (text: String, file: InputFile) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let message = includedFrom == nil ? "no such file: \(path)" : "included file not found: \(path)"
            throw InputFailure(.missingInput, message, at: includedFrom)
        }
        guard !isDirectory.boolValue else {
            throw InputFailure(.missingInput, "\(path) is a directory, not a file", at: includedFrom)
        }
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maxFileBytes {
            throw InputFailure(.badInput, "\(path) is \(size) bytes; the limit is \(limits.maxFileBytes) (rule F7)",
                               at: includedFrom)
        }
        guard let data = fm.contents(atPath: path) else {
            throw InputFailure(.missingInput, "cannot read \(path)", at: includedFrom)
        }
        guard data.count <= limits.maxFileBytes else {
            throw InputFailure(.badInput, "\(path) is larger than \(limits.maxFileBytes) bytes (rule F7)", at: includedFrom)
        }
        let file = InputFile.make(path: path, data: data)
        InputFileLog.current?.record(file)
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFailure(.badInput, "\(path) is not UTF-8 text", at: includedFrom)
        }
        return (text, file)
    }

    private func load(path: String, displayPath: String, chain: inout [String], parentUnit: (String, SourceLocation)?,
                      includedFrom: SourceLocation?, log: DiagnosticLog) -> SourceNode? {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let start = chain.firstIndex(of: canonical) {
            let cycle = (chain[start...] + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            log.error("include cycle: \(cycle.joined(separator: " → "))", at: includedFrom)
            return nil
        }
        let root: SourceNode
        let cacheKey = canonical + "\u{0}" + displayPath
        if let cached = InputCache.shared.tree(cacheKey) {
            root = cached.tree
            InputFileLog.current?.record(cached.file)
        } else {
            do {
                let (text, file) = try SourceLoader.readTextRecorded(path, limits: limits, includedFrom: includedFrom)
                var reader = YAMLReader(file: displayPath, limits: limits)
                root = try reader.read(text)
                InputCache.shared.store(tree: root, file: file, cacheKey)
            } catch {
                log.absorb(error)
                return nil
            }
        }
        guard case .mapping(let entries, let location) = root else {
            log.error("a scenario file must be a mapping of keys, found \(root.kindName)", at: root.location)
            return nil
        }

        // Rule F2: an included file may only repeat the including file's unit.
        if let parentUnit, let own = root["unit"], let ownText = own.scalarText,
           ownText.trimmingSpaces() != parentUnit.0 {
            log.error("included file declares unit '\(ownText)' but the including file uses '\(parentUnit.0)' (rule F2)",
                      at: own.location)
        }
        let unit = parentUnit ?? root["unit"].flatMap { n in n.scalarText.map { ($0.trimmingSpaces(), n.location) } }

        var merged: [SourceNode.Entry] = parentUnit == nil ? entries.filter { $0.key != "include" }
                                                           : entries.filter { !SourceLoader.fileKeys.contains($0.key) }
        guard let include = entries.first(where: { $0.key == "include" }) else {
            return .mapping(merged, location)
        }
        let items: [SourceNode]
        switch include.value {
        case .sequence(let list, _): items = list
        case .scalar where !include.value.isNull: items = [include.value]
        default:
            log.error("expected a file name or a list of file names for 'include', found \(include.value.kindName)",
                      at: include.value.location)
            return .mapping(merged, location)
        }
        chain.append(canonical)
        defer { chain.removeLast() }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let displayDirectory = (displayPath as NSString).deletingLastPathComponent
        for item in items {
            guard let name = item.scalarText, !item.isNull else {
                log.error("expected a file name in 'include', found \(item.kindName)", at: item.location)
                continue
            }
            let childPath = name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path
            let childDisplay = name.hasPrefix("/") || displayDirectory.isEmpty ? name
                : (displayDirectory as NSString).appendingPathComponent(name)
            guard let child = load(path: childPath, displayPath: childDisplay, chain: &chain, parentUnit: unit,
                                   includedFrom: item.location, log: log),
                  let childEntries = child.entries else { continue }
            SourceLoader.merge(childEntries, into: &merged, log: log)
        }
        return .mapping(merged, location)
    }

    /// Merges `incoming` into `base`: mappings merge key by key; any other value
    /// defined on both sides is an error naming both places.
    static func merge(_ incoming: [SourceNode.Entry], into base: inout [SourceNode.Entry], log: DiagnosticLog) {
        for entry in incoming {
            guard let i = base.firstIndex(where: { $0.key == entry.key }) else {
                base.append(entry)
                continue
            }
            if case .mapping(var mine, let location) = base[i].value, case .mapping(let theirs, _) = entry.value {
                merge(theirs, into: &mine, log: log)
                base[i].value = .mapping(mine, location)
            } else {
                log.error("key '\(entry.key)' is defined twice: here and at \(base[i].keyLocation)", at: entry.keyLocation)
            }
        }
    }
}
