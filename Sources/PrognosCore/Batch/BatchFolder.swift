import Foundation

/// The batch folder protocol (batch.md): the layout of a batch folder, its identity
/// (`batch.json`), each run's files and record (`sums/ID.json`, written last: the run is
/// done), the checks of `--resume`, and the assembling of `results.csv` and `errors.csv`
/// from the per-run files in run order, so a resumed, sharded-and-merged or uninterrupted
/// batch ends with the same bytes. Merging shard folders is `BatchFolder.merge`. Which
/// runs are computed, and when, is the scheduler's (`BatchRunner`).
struct BatchFolder {
    let path: String

    init(_ path: String) { self.path = path }

    // MARK: layout

    static let subfolders = ["runs", "errors", "sums"]

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func runPath(_ id: String) -> String { file("runs/\(id).json") }
    func errorPath(_ id: String) -> String { file("errors/\(id).txt") }
    func recordPath(_ id: String) -> String { file("sums/\(id).json") }

    /// What an output folder holds: nothing (or nothing but a killed write's temporary
    /// files), a batch (its identity, nil when batch.json is unreadable), or something else.
    enum State { case empty, batch(BatchIdentity?), foreign([String]) }

    func state() throws(InputFailure) -> State {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return .empty }
        guard isDirectory.boolValue else {
            throw InputFailure(.usage, "\(path) is a file, not a folder: give a new or empty folder for the batch")
        }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: path).filter { !Self.isTemporary($0) }.sorted() } catch {
            throw InputFailure(.cannotWriteOutput, "cannot read the folder \(path): \(plainReason(error))")
        }
        if entries.isEmpty { return .empty }
        guard entries.contains("batch.json") else { return .foreign(entries) }
        guard let data = fm.contents(atPath: file("batch.json")),
              let identity = try? JSONDecoder().decode(BatchIdentity.self, from: data), identity.format == BatchIdentity.formatVersion,
              identity.runs >= 0, identity.values.count == identity.runs else { return .batch(nil) }
        return .batch(identity)
    }

    /// A temporary file an atomic write leaves when killed (`OutputFile.temporaryName`), or
    /// a merge's temporary folder `.NAME.PID.tmp`.
    static func isTemporary(_ name: String) -> Bool {
        if OutputFile.isTemporaryName(name) { return true }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && !parts.last!.isEmpty && parts.last!.allSatisfy(\.isNumber)
    }

    /// "… (it holds a, b, c, …)": what a foreign folder holds.
    static func holding(_ entries: [String]) -> String {
        "it holds \(entries.prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")"
    }

    /// The subfolders, created.
    func createSubfolders() throws(InputFailure) {
        do {
            for sub in Self.subfolders {
                try FileManager.default.createDirectory(atPath: file(sub), withIntermediateDirectories: true)
            }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(path): \(plainReason(error))")
        }
    }

    /// The per-run subfolders held open while a batch writes its runs (`OutputFile.Directory`).
    final class RunFiles: Sendable {
        let runs: OutputFile.Directory, errors: OutputFile.Directory, sums: OutputFile.Directory
        init(_ folder: BatchFolder) throws(InputFailure) {
            runs = try OutputFile.Directory(folder.file("runs"))
            errors = try OutputFile.Directory(folder.file("errors"))
            sums = try OutputFile.Directory(folder.file("sums"))
        }
    }

    // MARK: identity and records

    /// Makes the folder ready: true when it already holds this batch (a resume), false when
    /// it was new or empty. A folder that is neither is refused before anything is written.
    func prepare(identity: BatchIdentity, resume: Bool) throws(InputFailure) -> Bool {
        let at = SourceLocation(file: path, line: 0, column: 0)
        var resuming = false
        switch try state() {
        case .empty: break
        case .foreign(let entries):
            throw InputFailure(.usage, "not empty and not a batch folder (\(Self.holding(entries))): batch writes only into a new or empty folder, or resumes a folder of the same batch", at: at)
        case .batch(let old):
            guard resume else {
                throw InputFailure(.usage, "already holds a batch: use --resume to finish it, or give a new or empty folder", at: at)
            }
            guard let old else {
                throw InputFailure(.badInput, "batch.json is unreadable or from another version of prognos: cannot resume this folder", at: at)
            }
            let changes = BatchIdentity.inputChanges(before: old.inputs, now: identity.inputs)
            if !changes.isEmpty {
                throw InputFailure(.badInput, changes.map {
                    Diagnostic(.error, "cannot resume: \($0.file): \($0.how) since the batch ran (its results would mix old and new inputs)", at: at)
                })
            }
            guard old.sameRuns(as: identity) else {
                throw InputFailure(.badInput, "holds another batch (a different manifest, --set, sweep, outputs or --csv-dialect): cannot resume it", at: at)
            }
            resuming = true
        }
        try createSubfolders()
        try write(identity: identity)
        return resuming
    }

    func write(identity: BatchIdentity) throws(InputFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(identity) else { throw InputFailure(.internalError, "cannot encode batch.json") }
        try OutputFile.write(data, to: file("batch.json"))
    }

    func write(record: RunRecord, id: String, files: RunFiles? = nil) throws(InputFailure) {
        let data = record.json()
        if let files { try files.sums.write(data, name: "\(id).json") } else { try OutputFile.write(data, to: recordPath(id), durable: false) }
    }

    /// `shard.json` of a shard's folder: `{"count":N,"index":K}`.
    func write(shard index: Int, of count: Int) throws(InputFailure) {
        struct Shard: Encodable { var count: Int; var index: Int }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Shard(count: count, index: index)) else {
            throw InputFailure(.internalError, "cannot encode shard.json")
        }
        try OutputFile.write(data, to: file("shard.json"))
    }

    /// A run's result: its JSON, then its record with the checksum and the row's cells (which
    /// marks the run done). Per-run files are atomic but not synced one by one (≈ 6 ms a
    /// file): a file lost in a crash fails its checksum and `--resume` runs it again;
    /// `assemble` syncs the whole folder once at the end, so a batch that exits has
    /// everything on disk. `files`: the subfolders held open (`RunFiles`), when the caller has them.
    func writeResult(id: String, cells: [String], json runData: [UInt8], inputs: [String: String], files: RunFiles? = nil) throws(InputFailure) {
        // The record first (the one step that can fail before anything is written), so a run
        // never leaves its JSON without its record.
        let record = try RunRecord.result(id: id, jsonSum: runData.withUnsafeBytes { Checksum.sha256($0) }, cells: cells, inputs: inputs)
        if let files { try files.runs.write(runData, name: "\(id).json") } else { try OutputFile.write(runData, to: runPath(id), durable: false) }
        try write(record: record, id: id, files: files)
    }

    /// A failed run: its diagnostics, then its record.
    func writeFailure(id: String, _ failure: InputFailure, inputs: [String: String], files: RunFiles? = nil) throws(InputFailure) {
        let message = Data((failure.diagnostics.map(\.description).joined(separator: "\n") + "\n").utf8)
        if let files { try files.errors.write(message, name: "\(id).txt") } else { try OutputFile.write(message, to: errorPath(id), durable: false) }
        try write(record: RunRecord(files: ["errors/\(id).txt": Checksum.sha256(message)], inputs: inputs), id: id, files: files)
    }

    /// A run's state in a folder.
    enum RunState { case complete(RunRecord), damaged(String), incomplete }

    /// Whether run `id`'s record is there and each file it lists still has its checksum.
    func verify(id: String) -> RunState {
        let fm = FileManager.default
        let marker = recordPath(id)
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: marker, isDirectory: &isDirectory) else { return .incomplete }
        guard !isDirectory.boolValue, let data = fm.contents(atPath: marker),
              let record = try? JSONDecoder().decode(RunRecord.self, from: data) else {
            return .damaged("sums/\(id).json is not a run record")
        }
        // The run's own files, and only those: a result (and its cells), or an error.
        let keys = Set(record.files.keys)
        guard (keys == ["runs/\(id).json"] && record.cells != nil) || (keys == ["errors/\(id).txt"] && record.cells == nil) else {
            return .damaged("sums/\(id).json does not list the run's files")
        }
        if let cells = record.cells {
            guard (try? RunRecord.cellsChecksum(cells)) == record.cellsSum else { return .damaged("sums/\(id).json: its cells are not the cells written (checksum)") }
        }
        for (name, sum) in record.files.sorted(by: { $0.key < $1.key }) {
            let full = file(name)
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else { return .damaged("\(name) is missing") }
            if isDirectory.boolValue { return .damaged("\(name) is a folder") }
            guard let bytes = fm.contents(atPath: full) else { return .damaged("\(name) is unreadable") }
            if Checksum.sha256(bytes) != sum { return .damaged("\(name) is not the bytes written (checksum)") }
        }
        return .complete(record)
    }

    /// On `--resume`: the runs complete and intact, and how many were damaged. Refuses (65)
    /// when an input a completed run read is no longer the same, naming the file.
    func verifyResume(identity: BatchIdentity, runs: [Int], labels: InputLabels) throws(InputFailure) -> (Set<Int>, Int) {
        var done = Set<Int>(), damaged = 0
        var seen: [String: [String: String]] = [:]          // input → checksum → first run
        for i in runs {
            let id = identity.runID(i)
            switch verify(id: id) {
            case .complete(let record):
                done.insert(i)
                for (file, sum) in record.inputs where seen[file]?[sum] == nil { seen[file, default: [:]][sum] = id }
            case .damaged: damaged += 1
            case .incomplete: break
            }
        }
        var diagnostics: [Diagnostic] = []
        let at = SourceLocation(file: path, line: 0, column: 0)
        for (file, sums) in seen.sorted(by: { $0.key < $1.key }) {
            let now = FileManager.default.contents(atPath: labels.path(file)).map(Checksum.sha256)
            for (sum, id) in sums.sorted(by: { $0.value < $1.value }) where sum != now {
                let how = now == nil ? "file removed" : "content changed"
                diagnostics.append(Diagnostic(.error, "cannot resume: \(file): \(how) since run \(id) read it (its results would mix old and new inputs)", at: at))
                break
            }
        }
        if !diagnostics.isEmpty { throw InputFailure(.badInput, diagnostics) }
        return (done, damaged)
    }

    /// Removes what a killed or damaged batch left: temporary files, and every file of a run
    /// that is not complete and intact (it runs again).
    func clean(identity: BatchIdentity, keep: Set<Int>, runs: [Int]) throws(InputFailure) {
        let fm = FileManager.default
        do {
            for sub in [""] + Self.subfolders {
                let dir = sub.isEmpty ? path : file(sub)
                for name in try fm.contentsOfDirectory(atPath: dir) where Self.isTemporary(name) {
                    try fm.removeItem(atPath: (dir as NSString).appendingPathComponent(name))
                }
            }
            for i in runs where !keep.contains(i) {
                let id = identity.runID(i)
                for file in [recordPath(id), runPath(id), errorPath(id)] {
                    var isDirectory: ObjCBool = false
                    if fm.fileExists(atPath: file, isDirectory: &isDirectory) { try fm.removeItem(atPath: file) }
                }
            }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot clean \(path) for the resume: \(plainReason(error))")
        }
    }

    // MARK: assembling

    /// A run's output cells, in the identity's column order.
    static func cells(_ json: Any, _ identity: BatchIdentity) -> [String] {
        var cells: [String: String] = [:]
        for output in identity.outputs {
            for (column, value) in OutputColumns.evaluate(output, in: json) { cells[column] = OutputColumns.cell(value) }
        }
        return identity.columns.map { cells[$0] ?? "" }
    }

    /// results.csv and errors.csv from the per-run files, in run order.
    /// `written`: the cells of runs this process wrote, not read back; the others' are read
    /// from their records.
    func assemble(identity: BatchIdentity, runs: [Int], written: [Int: [String]] = [:]) throws(InputFailure) -> BatchRunner.Report {
        let fm = FileManager.default
        var results = [(["run"] + identity.sweep + identity.columns)]
        var errors = [(["run"] + identity.sweep + ["error"])]
        var done = 0, failed = 0
        for i in runs {
            let id = identity.runID(i)
            if fm.fileExists(atPath: runPath(id)) {
                // The cells written with the run; a JSON without them is read again.
                let row: [String]
                if let cells = written[i] {
                    row = cells
                } else if let data = fm.contents(atPath: recordPath(id)), let record = try? JSONDecoder().decode(RunRecord.self, from: data),
                          let cells = record.cells {
                    row = cells
                } else if let data = fm.contents(atPath: runPath(id)), let json = try? JSONSerialization.jsonObject(with: data) {
                    row = Self.cells(json, identity)
                } else {
                    throw InputFailure(.badInput, "\(runPath(id)) is unreadable")
                }
                results.append([id] + identity.values[i] + row)
                done += 1
            } else if let data = fm.contents(atPath: errorPath(id)) {
                let message = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                errors.append([id] + identity.values[i] + [message])
                failed += 1
            }
        }
        OutputFile.syncFileSystems()   // the per-run files, written without a sync each
        try OutputFile.write(try BatchCSV.text(results, dialect: identity.dialect), to: file("results.csv"))
        try OutputFile.write(try BatchCSV.text(errors, dialect: identity.dialect), to: file("errors.csv"))
        return BatchRunner.Report(runs: runs.count, done: done, failed: failed)
    }
}
