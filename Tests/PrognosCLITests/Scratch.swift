import Foundation

/// Where the CLI tests write: one folder per test process under the system's temporary
/// directory (short, for munged's socket path in `ClusterTests`), removed at exit, so the
/// `prognos` runs' outputs do not pile up in /tmp from one run of the suite to the next.
enum Scratch {
    static let folder: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("prognos-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.folder) }
        return url
    }()
}
