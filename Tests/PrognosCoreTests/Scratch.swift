import Foundation

/// The one folder under the system's temporary directory that holds every file and folder
/// this test process makes, removed when the process exits (a run of the suite used to leave
/// several thousand entries in /tmp).
enum Scratch {
    static let folder: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("prognos-core-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.folder) }
        return url
    }()
}
