import Foundation

/// What every folder of one batch shares (`batch.json`): what was asked (manifest, `--set`,
/// sweep, outputs) and what it was computed from (every input file's SHA-256).
struct BatchIdentity: Codable, Equatable {
    static let formatVersion = 2
    var format: Int
    var manifest: String
    var sets: [String]
    var runs: Int
    /// The swept key paths (or `file` for a folder batch) and each run's values.
    var sweep: [String]
    var values: [[String]]
    var outputs: [String]
    var columns: [String]
    /// The files read before the sweep (the manifest, the base scenario or each scenario of
    /// the folder, their includes and CSVs): path relative to the manifest's folder → SHA-256.
    var inputs: [String: String]
    /// The dialect of results.csv and errors.csv (`--csv-dialect`); absent for rfc4180, so a
    /// default batch's identity is as before. Part of the identity: `--resume` and `merge`
    /// keep it (docs/batch.md).
    var csvDialect: String? = nil

    /// The same runs asked for (everything but the inputs' content).
    func sameRuns(as other: BatchIdentity) -> Bool {
        var a = self, b = other
        a.inputs = [:]; b.inputs = [:]
        return a == b
    }

    /// How the inputs `now` differ from those recorded `before`: one line per file.
    static func inputChanges(before: [String: String], now: [String: String]) -> [(file: String, how: String)] {
        Set(before.keys).union(now.keys).sorted().compactMap { file in
            switch (before[file], now[file]) {
            case (let a?, let b?) where a != b: return (file, "content changed")
            case (nil, _?): return (file, "file added")
            case (_?, nil): return (file, "file removed")
            default: return nil
            }
        }
    }

    /// Run i's id: its number, zero-padded to the width of the largest (at least 4 digits).
    func runID(_ i: Int) -> String { BatchRunner.runID(i, of: runs) }
}

/// A completed run (`sums/ID.json`, written last): the SHA-256 of each of its files and
/// of each input file the run read. `--resume` trusts a run only when its files still
/// have these checksums.
struct RunRecord: Codable, Equatable {
    /// Path inside the batch folder → SHA-256 of the bytes written.
    var files: [String: String]
    /// Input path (relative to the manifest's folder) → SHA-256 of the content read.
    var inputs: [String: String]
}

/// Input paths as recorded in `batch.json` and the run records: relative to the manifest's
/// folder (so a batch folder can be resumed or merged from another working directory, or
/// with the project tree moved as a whole).
struct InputLabels: Sendable {
    let folder: String

    init(manifest: String) {
        folder = URL(fileURLWithPath: manifest).deletingLastPathComponent().standardizedFileURL
            .resolvingSymlinksInPath().path
    }

    func label(_ file: InputFile) -> String { Self.relative(file.resolved, to: folder) }

    func labels(_ files: [InputFile]) -> [String: String] {
        Dictionary(files.map { (label($0), $0.sha256) }, uniquingKeysWith: { a, _ in a })
    }

    /// The file a label names, as an absolute path.
    func path(_ label: String) -> String {
        label.hasPrefix("/") ? label : URL(fileURLWithPath: label, relativeTo: URL(fileURLWithPath: folder, isDirectory: true))
            .standardizedFileURL.path
    }

    /// `path` relative to the folder `base` (both absolute): `../x/y.yaml` when outside it.
    static func relative(_ path: String, to base: String) -> String {
        let p = path.split(separator: "/", omittingEmptySubsequences: true)
        let b = base.split(separator: "/", omittingEmptySubsequences: true)
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: b.count - common) + p[common...].map(String.init)
        return parts.joined(separator: "/")
    }
}
