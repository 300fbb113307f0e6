import Foundation
import Synchronization

/// Parsed inputs kept for the process when many runs read the same files (a batch): a
/// YAML tree per file and a CSV table per file, read once. Off unless enabled; files are
/// assumed not to change while the process runs.
public final class InputCache: Sendable {
    public static let shared = InputCache()

    private let enabledFlag = Mutex(false)
    // Keyed by the keys' bytes (`ExactString`): an NFC and an NFD spelling of a name are
    // equal Strings but two files.
    private let trees = Mutex<[ExactString: (tree: SourceNode, file: InputFile)]>([:])
    private let tables = Mutex<[ExactString: (table: CSVTable, files: [InputFile])]>([:])
    private let records = Mutex<[ExactString: (value: any Sendable, files: [InputFile])]>([:])
    private let canonicalPaths = Mutex<[ExactString: String]>([:])
    private let realPaths = Mutex<[ExactString: String?]>([:])

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
        if let known = canonicalPaths.withLock({ $0[ExactString(path)] }) { return known }
        let resolved = resolve()
        canonicalPaths.withLock { $0[ExactString(path)] = resolved }
        return resolved
    }

    /// `SourceLoader.realPath(path)`, worked out once per path while enabled: resolving a
    /// path component by component is a `readlink` each, 26 a `sweep-1000` run (≈ 5 % of its
    /// system calls' time), for the same four paths in every run.
    func realPath(_ path: String, _ resolve: () -> String?) -> String? {
        guard enabled else { return resolve() }
        if let known = realPaths.withLock({ $0[ExactString(path)] }) { return known }
        let resolved = resolve()
        realPaths.withLock { $0[ExactString(path)] = .some(resolved) }
        return resolved
    }

    func tree(_ key: String) -> (tree: SourceNode, file: InputFile)? { enabled ? trees.withLock { $0[ExactString(key)] } : nil }
    func store(tree: SourceNode, file: InputFile, _ key: String) { if enabled { trees.withLock { $0[ExactString(key)] = (tree, file) } } }
    func table(_ key: String) -> (table: CSVTable, files: [InputFile])? { enabled ? tables.withLock { $0[ExactString(key)] } : nil }
    func store(table: CSVTable, files: [InputFile], _ key: String) {
        if enabled { tables.withLock { $0[ExactString(key)] = (table, files) } }
    }
    /// Records read from a file (loans of a CSV), kept only when they read without errors.
    func records<T: Sendable>(_ key: String, as: T.Type) -> (value: T, files: [InputFile])? {
        guard enabled, let entry = records.withLock({ $0[ExactString(key)] }), let value = entry.value as? T else { return nil }
        return (value, entry.files)
    }
    func store<T: Sendable>(records value: T, files: [InputFile], _ key: String) {
        if enabled { records.withLock { $0[ExactString(key)] = (value, files) } }
    }
}

/// A String as a dictionary key compared and hashed by its UTF-8 bytes. `String`'s own `==`
/// is canonical equivalence, under which "Å" spelt NFC and NFD are equal; on Linux they name
/// two files, so a cache keyed by paths must tell them apart.
struct ExactString: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (a: ExactString, b: ExactString) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}
