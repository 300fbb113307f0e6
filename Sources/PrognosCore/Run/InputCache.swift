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

    public var enabled: Bool {
        get { enabledFlag.withLock { $0 } }
        set { enabledFlag.withLock { $0 = newValue } }
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
