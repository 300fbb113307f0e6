import Foundation
import Synchronization

/// Parsed inputs kept for the process when many runs read the same files (a batch): a
/// YAML tree per file and a CSV table per file, read once. Off unless enabled; files are
/// assumed not to change while the process runs.
public final class InputCache: Sendable {
    public static let shared = InputCache()

    private let enabledFlag = Mutex(false)
    private let trees = Mutex<[String: (tree: SourceNode, file: InputFile)]>([:])
    private let tables = Mutex<[String: (table: CSVTable, files: [InputFile])]>([:])
    private let records = Mutex<[String: (value: any Sendable, files: [InputFile])]>([:])
    private let canonicalPaths = Mutex<[String: String]>([:])
    private let realPaths = Mutex<[String: String?]>([:])

    public var enabled: Bool {
        get { enabledFlag.withLock { $0 } }
        set {
            enabledFlag.withLock { $0 = newValue }
            // Links may change between batches: paths are resolved again in the next one.
            if !newValue {
                canonicalPaths.withLock { $0.removeAll() }
                realPaths.withLock { $0.removeAll() }
                TypedInputCache.shared.clear()
            }
        }
    }

    /// `path` standardised with its symbolic links resolved (the include chain's and the trees'
    /// key), worked out once per path while enabled (Foundation's URL calls cost 1.5 % of a
    /// `sweep-1000` run).
    func canonical(_ path: String) -> String {
        func resolve() -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        guard enabled else { return resolve() }
        if let known = canonicalPaths.withLock({ $0[path] }) { return known }
        let resolved = resolve()
        canonicalPaths.withLock { $0[path] = resolved }
        return resolved
    }

    /// `SourceLoader.realPath(path)`, worked out once per path while enabled: resolving a
    /// path component by component is a `readlink` each, 26 a `sweep-1000` run (≈ 5 % of its
    /// system calls' time), for the same four paths in every run.
    func realPath(_ path: String, _ resolve: () -> String?) -> String? {
        guard enabled else { return resolve() }
        if let known = realPaths.withLock({ $0[path] }) { return known }
        let resolved = resolve()
        realPaths.withLock { $0[path] = .some(resolved) }
        return resolved
    }

    func tree(_ key: String) -> (tree: SourceNode, file: InputFile)? { enabled ? trees.withLock { $0[key] } : nil }
    func store(tree: SourceNode, file: InputFile, _ key: String) { if enabled { trees.withLock { $0[key] = (tree, file) } } }
    func table(_ key: String) -> (table: CSVTable, files: [InputFile])? { enabled ? tables.withLock { $0[key] } : nil }
    func store(table: CSVTable, files: [InputFile], _ key: String) {
        if enabled { tables.withLock { $0[key] = (table, files) } }
    }
    /// Records read from a file (loans of a CSV), kept only when they read without errors.
    func records<T: Sendable>(_ key: String, as: T.Type) -> (value: T, files: [InputFile])? {
        guard enabled, let entry = records.withLock({ $0[key] }), let value = entry.value as? T else { return nil }
        return (value, entry.files)
    }
    func store<T: Sendable>(records value: T, files: [InputFile], _ key: String) {
        if enabled { records.withLock { $0[key] = (value, files) } }
    }
}
