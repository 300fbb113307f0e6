import Foundation
import Synchronization

/// What every folder of one batch shares (`batch.json`): what was asked (manifest, `--set`,
/// sweep, outputs) and what it was computed from (every input file's SHA-256).
struct BatchIdentity: Codable, Equatable {
    /// 3: a result's cells are kept in its record (`RunRecord.cells`), not in `cells/ID.csv`.
    static let formatVersion = 3
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
/// of each input file the run read, and a result's row of results.csv. `--resume` trusts a
/// run only when its files and its cells still have these checksums.
struct RunRecord: Codable, Equatable {
    /// Path inside the batch folder → SHA-256 of the bytes written.
    var files: [String: String]
    /// Input path (relative to the manifest's folder) → SHA-256 of the content read.
    var inputs: [String: String]
    /// A result's output cells in the identity's column order (nil for a failed run). Kept
    /// here rather than in a file of their own, so a run writes two files, not three (issue 20,
    /// item 4: a file's create and rename cost ≈ 1.5 % of a `sweep-1000` run).
    var cells: [String]? = nil
    /// SHA-256 of `cells` as one RFC 4180 row (`BatchCSV.text([cells])`): a record whose
    /// cells were edited or cut is damaged, as a run file would be.
    var cellsSum: String? = nil

    /// A result's record: its JSON file's checksum and its cells.
    static func result(id: String, jsonSum: String, cells: [String], inputs: [String: String]) throws(InputFailure) -> RunRecord {
        RunRecord(files: ["runs/\(id).json": jsonSum], inputs: inputs, cells: cells, cellsSum: try cellsChecksum(cells))
    }

    static func cellsChecksum(_ cells: [String]) throws(InputFailure) -> String {
        Checksum.sha256(Data(try BatchCSV.text([cells]).utf8))
    }

    /// The record as one line of compact JSON, keys sorted (Swift's String order, as
    /// `JSONWriter`; `JSONEncoder`'s `.sortedKeys` orders digits numerically, so the two agree
    /// only where no key holds a number), strings escaped by `JSONWriter.string`, and a
    /// newline: what `JSONDecoder` reads back (`RunRecordTests`). Written by hand because
    /// `JSONEncoder` cost 1.4 % of a `sweep-1000` run, for a record of four keys.
    func json() -> [UInt8] {
        var out = JSONWriter.Bytes()
        out.storage.reserveCapacity(512)
        func map(_ m: [String: String]) {
            out.append("{")
            for (i, key) in m.keys.sorted().enumerated() {
                if i > 0 { out.append(",") }
                JSONWriter.string(key, &out)
                out.append(":")
                JSONWriter.string(m[key]!, &out)
            }
            out.append("}")
        }
        out.append("{")
        if let cells {
            out.append("\"cells\":[")
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(",") }
                JSONWriter.string(cell, &out)
            }
            out.append("],")
        }
        if let cellsSum {
            out.append("\"cellsSum\":")
            JSONWriter.string(cellsSum, &out)
            out.append(",")
        }
        out.append("\"files\":")
        map(files)
        out.append(",\"inputs\":")
        map(inputs)
        out.append("}\n")
        return out.storage
    }
}

/// Input paths as recorded in `batch.json` and the run records: relative to the manifest's
/// folder (so a batch folder can be resumed or merged from another working directory, or
/// with the project tree moved as a whole).
struct InputLabels: Sendable {
    let folder: String
    /// Each file's label, worked out once (every run of a batch reads the same files: the
    /// splitting and joining was ≈ 1 % of a `sweep-1000` run).
    private let known = Known()
    private final class Known: Sendable { let labels = Mutex<[ExactString: String]>([:]) }

    init(manifest: String) {
        folder = URL(fileURLWithPath: manifest).deletingLastPathComponent().standardizedFileURL
            .resolvingSymlinksInPath().path
    }

    func label(_ file: InputFile) -> String {
        let key = ExactString(file.resolved)
        if let label = known.labels.withLock({ $0[key] }) { return label }
        let label = Self.relative(file.resolved, to: folder)
        known.labels.withLock { $0[key] = label }
        return label
    }

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
