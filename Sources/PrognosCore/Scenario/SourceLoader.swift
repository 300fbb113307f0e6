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
    /// root could not be read at all). Includes must stay in `path`'s folder tree
    /// (`InputLimits.scenarioRoot`, set here from `path` when not set yet).
    public func load(path: String, log: DiagnosticLog) -> SourceNode? {
        var chain: [String] = []
        var loader = self
        loader.limits.confine(to: path)
        guard InputCache.shared.enabled else {
            return loader.load(path: path, displayPath: path, chain: &chain, parentUnit: nil, includedFrom: nil, log: log)
        }
        // In a batch: the file merged with its includes, kept once it loaded without a
        // diagnostic, with every file it read (each run still records them). The limits are
        // in the key: they decide which includes may be read.
        let key = "merged\u{0}\(InputCache.shared.canonical(path))\u{0}\(path)\u{0}\(loader.limits.cacheKey)"
        if let kept = InputCache.shared.records(key, as: SourceNode.self) {
            kept.files.forEach { InputFileLog.current?.record($0) }
            return kept.value
        }
        let read = InputFileLog()
        let before = log.diagnostics.count
        let tree = InputFileLog.$current.withValue(read) {
            loader.load(path: path, displayPath: path, chain: &chain, parentUnit: nil, includedFrom: nil, log: log)
        }
        read.all.forEach { InputFileLog.current?.record($0) }
        if let tree, log.diagnostics.count == before { InputCache.shared.store(records: tree, files: read.all, key) }
        return tree
    }

    // MARK: Confinement: includes and CSV files stay in the scenario's folder tree

    /// `path` made absolute with `.` and `..` removed, symlinks left alone.
    static func lexicalPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out: [Substring] = []
        for c in absolute.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { _ = out.popLast(); continue }
            out.append(c)
        }
        return "/" + out.joined(separator: "/")
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// Where `path` really is: symlinks resolved (`realpath`), `..` removed. A path that does
    /// not exist (yet) is resolved as far as it exists and lexically beyond. Nil with ELOOP.
    /// `..` is left to `realpath` as long as the path exists, as the kernel reads it:
    /// `link/../x` is next to the link's target, not next to the link. Once per path in a
    /// batch (`InputCache.realPath`).
    static func realPath(_ path: String) -> String? {
        InputCache.shared.realPath(path) { resolveRealPath(path) }
    }

    private static func resolveRealPath(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components = absolute.split(separator: "/").map(String.init)
        var rest: [String] = []
        while true {
            let head = "/" + components.joined(separator: "/")
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                var out = String(cString: resolved)
                for r in rest.reversed() { out = (out == "/" ? "" : out) + "/" + r }
                return rest.isEmpty ? out : lexicalPath(out)
            }
            if errno == ELOOP { return nil }
            guard let last = components.popLast() else { return lexicalPath(path) }
            rest.append(last)
        }
    }

    /// Refuses `path` (written as `written` for key `key` at `location`) when it resolves
    /// outside `limits.scenarioRoot`, unless `--allow-outside-includes`. A symlink loop is
    /// left to the reader, which names it.
    static func checkConfined(_ path: String, written: String, key: String, limits: InputLimits,
                              at location: SourceLocation?) throws(InputFailure) {
        guard !limits.allowOutsideIncludes, let root = limits.scenarioRoot else { return }
        guard let real = realPath(path) else { return }
        if isInside(real, root) { return }
        // No absolute paths in the message but the user's own: it names the folder as given.
        let folder = limits.scenarioFolder ?? root
        let how = written.hasPrefix("/") ? "is an absolute path"
            : isInside(lexicalPath(path), lexicalPath(folder)) ? "leads through a symbolic link" : "leads"
        throw InputFailure(.badInput,
            "\(key) '\(TerminalText.quoted(written, limit: 200))' \(how) outside the scenario's folder '\(folder)' "
            + "(includes and data files must stay in the folder of the scenario file and its subfolders; "
            + "allow it with --allow-outside-includes)", at: location)
    }

    /// A data file named in the scenario (`loans_file`, `swaps_file`, `ledger`, …): its path
    /// relative to the file that names it (to the working folder when given with `--set`),
    /// and confined like an include, whoever wrote it: a batch manifest's sweep values reach
    /// here as `--set` too. Nil (logged) when refused.
    public static func dataFile(_ written: String, key: String, at location: SourceLocation, limits: InputLimits,
                                log: DiagnosticLog) -> String? {
        let path = TreasuryInput.resolve(written, relativeTo: location.file)
        do { try checkConfined(path, written: written, key: key, limits: limits, at: location) } catch {
            log.absorb(error)
            return nil
        }
        return path
    }

    /// Reads a file's text, enforcing the size limit; missing files are `.missingInput`.
    /// The file is recorded in the current `InputFileLog` (batch identity, output-path checks).
    public static func readText(_ path: String, limits: InputLimits, includedFrom: SourceLocation? = nil) throws(InputFailure) -> String {
        try readTextRecorded(path, limits: limits, includedFrom: includedFrom).text
    }

    /// `readText` with the record of the file read.
    static func readTextRecorded(_ path: String, limits: InputLimits,
                                 includedFrom: SourceLocation? = nil) throws(InputFailure) -> (text: String, file: InputFile) {
        let data = try readData(path, limits: limits, includedFrom: includedFrom)
        let file = InputFile.make(path: path, data: data)
        InputFileLog.current?.record(file)
        return (try text(of: data, path: path, includedFrom: includedFrom), file)
    }

    /// The text of a file's bytes read by `readData`, or why it is refused (not UTF-8).
    static func text(of data: Data, path: String, includedFrom: SourceLocation?) throws(InputFailure) -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFailure(.badInput, "\(path) is not UTF-8 text", at: includedFrom)
        }
        return text
    }

    /// A file's bytes, with the checks of `readTextRecorded` before the UTF-8 check (missing,
    /// a directory, a symlink loop, the size limit); the caller records the file.
    static func readData(_ path: String, limits: InputLimits, includedFrom: SourceLocation?) throws(InputFailure) -> Data {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        var info = stat()
        if stat(path, &info) != 0 && errno == ELOOP {
            throw InputFailure(.missingInput, "symlink loop: \(path) (or a folder on its way) is a symbolic link that leads back to itself",
                               at: includedFrom)
        }
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
        return data
    }

    private func load(path: String, displayPath: String, chain: inout [String], parentUnit: (String, SourceLocation)?,
                      includedFrom: SourceLocation?, log: DiagnosticLog) -> SourceNode? {
        let canonical = InputCache.shared.canonical(path)
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

        // Rule F2: an included file may only repeat the including file's unit (checked against
        // a valid unit only: an invalid one is the including file's own error, not its includes').
        if let parentUnit, AmountUnit(rawValue: parentUnit.0) != nil, let own = root["unit"], let ownText = own.scalarText,
           ownText.trimmingSpaces() != parentUnit.0 {
            log.error("included file declares unit '\(ownText)' but the including file uses '\(parentUnit.0)' (rule F2)",
                      at: own.location)
        }
        let unit = parentUnit ?? root["unit"].flatMap { n in n.scalarText.map { ($0.trimmingSpaces(), n.location) } }

        // An included file's own `prognos`, `unit` and `include` describe that file, never the
        // scenario, also when the including file lacks them (a misspelt `unit` there is then
        // "unknown key" and "missing required key 'unit'", not a unit taken from the include
        // and a `prognos` "defined twice").
        var merged: [SourceNode.Entry] = includedFrom == nil ? entries.filter { $0.key != "include" }
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
        var listed: [String: SourceLocation] = [:]
        for item in items {
            guard let name = item.scalarText, !item.isNull else {
                log.error("expected a file name in 'include', found \(item.kindName)", at: item.location)
                continue
            }
            let childPath = name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path
            // The same file twice in one list: one error, not every key of it "defined twice".
            let childCanonical = InputCache.shared.canonical(childPath)
            if let first = listed[childCanonical] {
                log.error("'\(name)' is included twice: here and at \(first)", at: item.location)
                continue
            }
            listed[childCanonical] = item.location
            let childDisplay = name.hasPrefix("/") || displayDirectory.isEmpty ? name
                : (displayDirectory as NSString).appendingPathComponent(name)
            do {
                try SourceLoader.checkConfined(childPath, written: name, key: "include", limits: limits, at: item.location)
            } catch {
                log.absorb(error)
                continue
            }
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
