import Synchronization

/// Parsed inputs kept for the process when many runs read the same files (a batch): a
/// YAML tree per file and a CSV table per file, read once. Off unless enabled; files are
/// assumed not to change while the process runs.
public final class InputCache: Sendable {
    public static let shared = InputCache()

    private let enabledFlag = Mutex(false)
    private let trees = Mutex<[String: SourceNode]>([:])
    private let tables = Mutex<[String: CSVTable]>([:])
    private let records = Mutex<[String: any Sendable]>([:])

    public var enabled: Bool {
        get { enabledFlag.withLock { $0 } }
        set { enabledFlag.withLock { $0 = newValue } }
    }

    func tree(_ key: String) -> SourceNode? { enabled ? trees.withLock { $0[key] } : nil }
    func store(tree: SourceNode, _ key: String) { if enabled { trees.withLock { $0[key] = tree } } }
    func table(_ key: String) -> CSVTable? { enabled ? tables.withLock { $0[key] } : nil }
    func store(table: CSVTable, _ key: String) { if enabled { tables.withLock { $0[key] = table } } }
    /// Records read from a file (loans of a CSV), kept only when they read without errors.
    func records<T: Sendable>(_ key: String, as: T.Type) -> T? { enabled ? records.withLock { $0[key] as? T } : nil }
    func store<T: Sendable>(records value: T, _ key: String) { if enabled { records.withLock { $0[key] = value } } }
}
