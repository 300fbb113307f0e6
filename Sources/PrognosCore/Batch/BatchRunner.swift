import Dispatch
import Foundation
import Synchronization

/// `prognos batch` (batch.md): every run of a manifest, in parallel, each result written
/// atomically to `runs/ID.json` (or `errors/ID.txt`); `results.csv` and `errors.csv` are then
/// assembled from those files in run order, so a resumed, sharded-and-merged or
/// uninterrupted batch ends with the same bytes.
public enum BatchRunner {
    public struct Report: Sendable {
        public var runs: Int; public var done: Int; public var failed: Int
        /// Runs found damaged by `--resume` (a file that is not the bytes written) and run again.
        public var damaged: Int = 0
    }

    /// What every folder of one batch shares (`batch.json`): what was asked (manifest, `--set`,
    /// sweep, outputs) and what it was computed from (every input file's SHA-256).
    struct Identity: Codable, Equatable {
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

        /// The same runs asked for (everything but the inputs' content).
        func sameRuns(as other: Identity) -> Bool {
            var a = self, b = other
            a.inputs = [:]; b.inputs = [:]
            return a == b
        }
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

    public static func runID(_ i: Int, of count: Int) -> String {
        let width = max(4, String(max(count - 1, 0)).count)
        let s = String(i)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// The default `--max-runs`.
    public static let defaultMaxRuns = 1_000_000

    /// Runs the manifest's runs of this shard (all of them without one) into `folder`.
    public static func run(_ manifest: Manifest, overrides: [String], folder: String, jobs: Int, resume: Bool,
                           shard: (index: Int, count: Int)?, maxRuns: Int = defaultMaxRuns,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> Report {
        // The size first, in overflow-safe arithmetic: nothing is allocated for a sweep refused.
        guard let count = manifest.runCount, count <= maxRuns else {
            let size = manifest.runCount.map(String.init) ?? "more than \(Int.max)"
            throw InputFailure(.badInput, "the sweep has \(size) runs (\(manifest.runCountFactors)), more than --max-runs \(maxRuns): split it into smaller manifests or raise --max-runs",
                               at: SourceLocation(file: manifest.file, line: 0, column: 0))
        }
        // Every run reads the same files: parse them once.
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        let global: [Override]
        do { global = try overrides.map { ($0, try Override($0)) }.map(\.1) } catch let e as InputFailure { throw e } catch {
            throw InputFailure(.badInput, "\(error)")
        }
        let labels = InputLabels(manifest: manifest.file)
        var inputs: [String: String] = [:]
        func record(_ files: [InputFile]) { for f in files { inputs[labels.label(f)] = f.sha256 } }
        if let file = manifest.inputFile { record([file]) }

        // Before anything runs: the base with no sweep, and each swept path with its first
        // value (an unknown path is an error here, rule of batch.md).
        var baseJSON: [String: Any] = [:]
        switch manifest.source {
        case .base(let base):
            let log = DiagnosticLog()
            for (path, values) in manifest.sweep {
                do {
                    record(try Scenario.load(path: base, overrides: global + [try Override(path: path, value: values[0])]).inputFiles)
                } catch { log.absorb(error) }
            }
            try log.throwIfErrors()
            let (_, object, files) = try runJSON(path: base, overrides: global)
            baseJSON = object
            record(files)
        case .folder(let files):
            // Each scenario of the folder, its includes and CSVs (one that does not load is
            // recorded as itself: its run will fail and say why).
            for file in files {
                if let scenario = try? Scenario.load(path: file, overrides: global) {
                    record(scenario.inputFiles)
                } else if let data = FileManager.default.contents(atPath: file) {
                    record([InputFile.make(path: file, data: data)])
                }
            }
            baseJSON = try runJSON(path: files[0], overrides: global).object
        }
        let outputs = manifest.outputs ?? OutputColumns.defaults(for: baseJSON)
        // Every output path the manifest names must give a value in the base run's result
        // (batch.md): checked before any run, so a misspelt path is not a column of empty
        // cells. (The defaults are chosen from that result and are not checked.)
        let log = DiagnosticLog()
        for (n, path) in (manifest.outputs ?? []).enumerated() {
            if let problem = OutputColumns.problem(path, in: baseJSON) {
                log.error("outputs: \(problem)", at: n < manifest.outputLocations.count ? manifest.outputLocations[n] : nil)
            }
        }
        try log.throwIfErrors()
        let columns = outputs.flatMap { OutputColumns.evaluate($0, in: baseJSON).map(\.column) }
        let values: [[String]] = (0..<count).map { i in
            switch manifest.source {
            case .base: return manifest.assignment(i).map { $0.1.scalarText ?? flow($0.1) }
            case .folder(let files): return [(files[i] as NSString).lastPathComponent]
            }
        }
        let sweepNames: [String]
        if case .folder = manifest.source { sweepNames = ["file"] } else { sweepNames = manifest.sweep.map(\.path) }
        let identity = Identity(format: Identity.formatVersion, manifest: manifest.fingerprint, sets: overrides, runs: count,
                                sweep: sweepNames, values: values, outputs: outputs, columns: columns, inputs: inputs)
        let mine = (0..<count).filter { shard == nil || $0 % shard!.count == shard!.index }

        // The folder: new (or empty), or the same batch when resuming; on a resume every
        // completed run is verified and every input it read compared with the file now.
        var done = Set<Int>()
        var damaged = 0
        if try prepare(folder: folder, identity: identity, resume: resume) {
            let (complete, damagedRuns) = try verifyResume(folder: folder, identity: identity, runs: mine, labels: labels)
            done = complete
            damaged = damagedRuns
            try clean(folder: folder, identity: identity, keep: done, runs: mine)
        }
        if let shard {
            try write(json: ["index": shard.index, "count": shard.count], to: (folder as NSString).appendingPathComponent("shard.json"))
        }
        let todo = mine.filter { !done.contains($0) }

        let finished = Atomic<Int>(0)
        let failure = Mutex<InputFailure?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, todo.count))) { w in
            var k = w
            let workers = max(1, min(jobs, todo.count))
            while k < todo.count {
                let i = todo[k]
                let id = runID(i, of: count)
                var read: [InputFile] = []
                do {
                    let (path, extra) = runInput(manifest, i)
                    let scenario = try Scenario.load(path: path, overrides: global + extra)
                    read = scenario.inputFiles
                    let (text, object) = try runJSON(scenario)
                    // The row's cells, the run's JSON, then the record of both: the record
                    // marks the run done.
                    let cellsData = Data(csv([cells(object, identity)]).utf8), runData = Data(text.utf8)
                    try OutputFile.write(cellsData, to: cellsPath(folder, id))
                    try OutputFile.write(runData, to: runsPath(folder, id))
                    try writeRecord(RunRecord(files: ["cells/\(id).csv": Checksum.sha256(cellsData), "runs/\(id).json": Checksum.sha256(runData)],
                                              inputs: labels.labels(read)), folder: folder, id: id)
                } catch let error as InputFailure where error.kind != .cannotWriteOutput {
                    let message = Data((error.diagnostics.map(\.description).joined(separator: "\n") + "\n").utf8)
                    do {
                        try OutputFile.write(message, to: errorsPath(folder, id))
                        try writeRecord(RunRecord(files: ["errors/\(id).txt": Checksum.sha256(message)], inputs: labels.labels(read)),
                                        folder: folder, id: id)
                    } catch let writeError as InputFailure {
                        failure.withLock { $0 = writeError }
                    } catch {
                        failure.withLock { $0 = InputFailure(.internalError, "\(error)") }
                    }
                } catch let error as InputFailure {
                    failure.withLock { $0 = error }
                } catch {
                    failure.withLock { $0 = InputFailure(.internalError, "\(error)") }
                }
                progress?(finished.add(1, ordering: .relaxed).newValue, todo.count)
                k += workers
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var report = try assemble(folder: folder, identity: identity, runs: mine)
        report.damaged = damaged
        return report
    }

    // MARK: input files

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

    // MARK: the folder

    /// What an output folder holds: nothing (or nothing but a killed write's temporary
    /// files), a batch (its identity, nil when batch.json is unreadable), or something else.
    enum FolderState { case empty, batch(Identity?), foreign([String]) }

    static func state(of folder: String) throws(InputFailure) -> FolderState {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory) else { return .empty }
        guard isDirectory.boolValue else {
            throw InputFailure(.usage, "\(folder) is a file, not a folder: give a new or empty folder for the batch")
        }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: folder).filter { !isTemporary($0) }.sorted() } catch {
            throw InputFailure(.cannotWriteOutput, "cannot read the folder \(folder): \(plainReason(error))")
        }
        if entries.isEmpty { return .empty }
        guard entries.contains("batch.json") else { return .foreign(entries) }
        guard let data = fm.contents(atPath: (folder as NSString).appendingPathComponent("batch.json")),
              let identity = try? JSONDecoder().decode(Identity.self, from: data), identity.format == Identity.formatVersion,
              identity.runs >= 0, identity.values.count == identity.runs else { return .batch(nil) }
        return .batch(identity)
    }

    /// A temporary file an atomic write leaves when killed: `.NAME.PID.tmp` (OutputFile).
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && !parts.last!.isEmpty && parts.last!.allSatisfy(\.isNumber)
    }

    static let subfolders = ["runs", "cells", "errors", "sums"]

    /// Makes `folder` ready: true when it already holds this batch (a resume), false when it
    /// was new or empty. A folder that is neither is refused before anything is written.
    static func prepare(folder: String, identity: Identity, resume: Bool) throws(InputFailure) -> Bool {
        let at = SourceLocation(file: folder, line: 0, column: 0)
        var resuming = false
        switch try state(of: folder) {
        case .empty: break
        case .foreign(let entries):
            throw InputFailure(.usage, "not empty and not a batch folder (it holds \(entries.prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): batch writes only into a new or empty folder, or resumes a folder of the same batch", at: at)
        case .batch(let old):
            guard resume else {
                throw InputFailure(.usage, "already holds a batch: use --resume to finish it, or give a new or empty folder", at: at)
            }
            guard let old else {
                throw InputFailure(.badInput, "batch.json is unreadable or from another version of prognos: cannot resume this folder", at: at)
            }
            let changes = inputChanges(before: old.inputs, now: identity.inputs)
            if !changes.isEmpty {
                throw InputFailure(.badInput, changes.map {
                    Diagnostic(.error, "cannot resume: \($0.file): \($0.how) since the batch ran (its results would mix old and new inputs)", at: at)
                })
            }
            guard old.sameRuns(as: identity) else {
                throw InputFailure(.badInput, "holds another batch (a different manifest, --set, sweep or outputs): cannot resume it", at: at)
            }
            resuming = true
        }
        do {
            for sub in subfolders {
                try FileManager.default.createDirectory(atPath: (folder as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
            }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(folder): \(plainReason(error))")
        }
        try writeIdentity(identity, folder: folder)
        return resuming
    }

    /// A run's state in a folder.
    enum RunState { case complete(RunRecord), damaged(String), incomplete }

    /// Whether run `id`'s record is there and each file it lists still has its checksum.
    static func verify(folder: String, id: String) -> RunState {
        let fm = FileManager.default
        let marker = sumsPath(folder, id)
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: marker, isDirectory: &isDirectory) else { return .incomplete }
        guard !isDirectory.boolValue, let data = fm.contents(atPath: marker),
              let record = try? JSONDecoder().decode(RunRecord.self, from: data) else {
            return .damaged("sums/\(id).json is not a run record")
        }
        // The run's own files, and only those: a result and its cells, or an error.
        let keys = Set(record.files.keys)
        guard keys == ["runs/\(id).json", "cells/\(id).csv"] || keys == ["errors/\(id).txt"] else {
            return .damaged("sums/\(id).json does not list the run's files")
        }
        for (file, sum) in record.files.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent(file)
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return .damaged("\(file) is missing") }
            if isDirectory.boolValue { return .damaged("\(file) is a folder") }
            guard let bytes = fm.contents(atPath: path) else { return .damaged("\(file) is unreadable") }
            if Checksum.sha256(bytes) != sum { return .damaged("\(file) is not the bytes written (checksum)") }
        }
        return .complete(record)
    }

    /// On `--resume`: the runs complete and intact, and how many were damaged. Refuses (65)
    /// when an input a completed run read is no longer the same, naming the file.
    static func verifyResume(folder: String, identity: Identity, runs: [Int],
                             labels: InputLabels) throws(InputFailure) -> (Set<Int>, Int) {
        var done = Set<Int>(), damaged = 0
        var seen: [String: [String: String]] = [:]          // input → checksum → first run
        for i in runs {
            let id = runID(i, of: identity.runs)
            switch verify(folder: folder, id: id) {
            case .complete(let record):
                done.insert(i)
                for (file, sum) in record.inputs where seen[file]?[sum] == nil { seen[file, default: [:]][sum] = id }
            case .damaged: damaged += 1
            case .incomplete: break
            }
        }
        var diagnostics: [Diagnostic] = []
        let at = SourceLocation(file: folder, line: 0, column: 0)
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
    static func clean(folder: String, identity: Identity, keep: Set<Int>, runs: [Int]) throws(InputFailure) {
        let fm = FileManager.default
        do {
            for sub in [""] + subfolders {
                let dir = sub.isEmpty ? folder : (folder as NSString).appendingPathComponent(sub)
                for name in try fm.contentsOfDirectory(atPath: dir) where isTemporary(name) {
                    try fm.removeItem(atPath: (dir as NSString).appendingPathComponent(name))
                }
            }
            for i in runs where !keep.contains(i) {
                let id = runID(i, of: identity.runs)
                for path in [sumsPath(folder, id), runsPath(folder, id), cellsPath(folder, id), errorsPath(folder, id)] {
                    var isDirectory: ObjCBool = false
                    if fm.fileExists(atPath: path, isDirectory: &isDirectory) { try fm.removeItem(atPath: path) }
                }
            }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot clean \(folder) for the resume: \(plainReason(error))")
        }
    }

    static func writeRecord(_ record: RunRecord, folder: String, id: String) throws(InputFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { throw InputFailure(.internalError, "cannot encode sums/\(id).json") }
        try OutputFile.write(data + Data("\n".utf8), to: sumsPath(folder, id))
    }

    /// The scenario file and sweep overrides of run i.
    static func runInput(_ manifest: Manifest, _ i: Int) -> (String, [Override]) {
        switch manifest.source {
        case .folder(let files): return (files[i], [])
        case .base(let base):
            return (base, manifest.assignment(i).compactMap { try? Override(path: $0.0, value: $0.1) })
        }
    }

    /// One run: load with overrides, compute (a simulation on one thread), render the JSON.
    static func runJSON(path: String, overrides: [Override]) throws(InputFailure) -> (text: String, object: [String: Any], files: [InputFile]) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let (text, object) = try runJSON(scenario)
        return (text, object, scenario.inputFiles)
    }

    static func runJSON(_ scenario: Scenario) throws(InputFailure) -> (text: String, object: [String: Any]) {
        let run = try ScenarioRun.compute(scenario, simulation: .ifPresent, threads: 1)
        if !run.failures.isEmpty { throw InputFailure(.badInput, run.failures) }
        let object = JSONOutput.object(run)
        return (JSONOutput.serialize(object), object)
    }

    /// A run's output cells, in the identity's column order.
    static func cells(_ json: Any, _ identity: Identity) -> [String] {
        var cells: [String: String] = [:]
        for output in identity.outputs {
            for (column, value) in OutputColumns.evaluate(output, in: json) { cells[column] = OutputColumns.cell(value) }
        }
        return identity.columns.map { cells[$0] ?? "" }
    }

    static func runsPath(_ folder: String, _ id: String) -> String { (folder as NSString).appendingPathComponent("runs/\(id).json") }
    static func cellsPath(_ folder: String, _ id: String) -> String { (folder as NSString).appendingPathComponent("cells/\(id).csv") }
    static func errorsPath(_ folder: String, _ id: String) -> String { (folder as NSString).appendingPathComponent("errors/\(id).txt") }
    static func sumsPath(_ folder: String, _ id: String) -> String { (folder as NSString).appendingPathComponent("sums/\(id).json") }

    static func writeIdentity(_ identity: Identity, folder: String) throws(InputFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(identity) else { throw InputFailure(.internalError, "cannot encode batch.json") }
        try OutputFile.write(data, to: (folder as NSString).appendingPathComponent("batch.json"))
    }

    static func write(json: [String: Any], to path: String) throws(InputFailure) {
        guard let data = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]) else {
            throw InputFailure(.internalError, "cannot encode \(path)")
        }
        try OutputFile.write(data, to: path)
    }

    /// results.csv and errors.csv from the per-run files, in run order.
    static func assemble(folder: String, identity: Identity, runs: [Int]) throws(InputFailure) -> Report {
        let fm = FileManager.default
        var results = [(["run"] + identity.sweep + identity.columns)]
        var errors = [(["run"] + identity.sweep + ["error"])]
        var done = 0, failed = 0
        for i in runs {
            let id = runID(i, of: identity.runs)
            if fm.fileExists(atPath: runsPath(folder, id)) {
                // The cells written with the run; a JSON without them is read again.
                let row: [String]
                if let data = fm.contents(atPath: cellsPath(folder, id)) {
                    row = parseCSVRow(String(decoding: data, as: UTF8.self))
                } else if let data = fm.contents(atPath: runsPath(folder, id)), let json = try? JSONSerialization.jsonObject(with: data) {
                    row = cells(json, identity)
                } else {
                    throw InputFailure(.badInput, "\(runsPath(folder, id)) is unreadable")
                }
                results.append([id] + identity.values[i] + row)
                done += 1
            } else if let data = fm.contents(atPath: errorsPath(folder, id)) {
                let message = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                errors.append([id] + identity.values[i] + [message])
                failed += 1
            }
        }
        try OutputFile.write(csv(results), to: (folder as NSString).appendingPathComponent("results.csv"))
        try OutputFile.write(csv(errors), to: (folder as NSString).appendingPathComponent("errors.csv"))
        return Report(runs: runs.count, done: done, failed: failed)
    }

    /// One CSV row as written by `csv`.
    static func parseCSVRow(_ text: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = Array(text.hasSuffix("\n") ? String(text.dropLast()) : text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { out.append(field); field = "" }
            else { field.append(c) }
        }
        out.append(field)
        return out
    }

    /// A sweep value that is not a scalar, in YAML flow style.
    static func flow(_ n: SourceNode) -> String {
        switch n {
        case .scalar(let s, _, _): return s
        case .sequence(let items, _): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries, _): return "{" + entries.map { "\($0.key): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// `prognos merge DIR… --output DIR`: the shards' runs joined; every run must be there,
    /// intact (its checksums) and computed from the same inputs. Everything is checked
    /// before anything is written; the result is built in a temporary folder beside `output`
    /// and renamed into place, so a refused or failed merge leaves nothing half filled.
    public static func merge(folders: [String], into output: String) throws(InputFailure) -> Report {
        let fm = FileManager.default
        var identity: Identity?
        for folder in folders {
            let at = SourceLocation(file: folder, line: 0, column: 0)
            guard case .batch(let found) = try state(of: folder) else {
                throw InputFailure(.badInput, "not a batch folder (no batch.json)", at: at)
            }
            guard let found else {
                throw InputFailure(.badInput, "batch.json is unreadable or from another version of prognos", at: at)
            }
            if let identity {
                let changes = inputChanges(before: identity.inputs, now: found.inputs)
                if !changes.isEmpty {
                    throw InputFailure(.badInput, changes.map {
                        Diagnostic(.error, "\($0.file): \(describe($0.how)) compared with \(folders[0]) (an input changed between the shards' runs)", at: at)
                    })
                }
                if !identity.sameRuns(as: found) {
                    throw InputFailure(.badInput, "is from a different batch than \(folders[0]) (manifest, --set or columns differ)", at: at)
                }
            }
            identity = identity ?? found
        }
        guard let identity else { throw InputFailure(.badInput, "no folders to merge") }

        // The output: not one of the folders merged, and new, empty or this batch.
        let outAt = SourceLocation(file: output, line: 0, column: 0)
        if let target = fileID(output), folders.contains(where: { fileID($0) == target }) {
            throw InputFailure(.usage, "the merged folder is one of the folders being merged: give another --output", at: outAt)
        }
        switch try state(of: output) {
        case .empty: break
        case .batch(let old) where old == identity: break
        case .batch:
            throw InputFailure(.usage, "holds another batch: merge writes only into a new or empty folder, or one of the same batch", at: outAt)
        case .foreign(let entries):
            throw InputFailure(.usage, "not empty and not a batch folder (it holds \(entries.prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): merge writes only into a new or empty folder, or one of the same batch", at: outAt)
        }

        // Every run: complete and intact in some folder, from the same inputs as the others.
        var sources: [(folder: String, record: RunRecord)] = []
        sources.reserveCapacity(identity.runs)
        var missing: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: (sum: String, folder: String, id: String)] = [:]
        for i in 0..<identity.runs {
            let id = runID(i, of: identity.runs)
            var found: (String, RunRecord)?
            var damage: (String, String)?
            for folder in folders {
                switch verify(folder: folder, id: id) {
                case .complete(let record): found = (folder, record)
                case .damaged(let reason): damage = damage ?? (folder, reason)
                case .incomplete: break
                }
                if found != nil { break }
            }
            guard let found else {
                if let damage {
                    let (folder, reason) = damage
                    diagnostics.append(Diagnostic(.error, "run \(id) is damaged (\(reason)): run `prognos batch --resume` on this folder",
                                                  at: SourceLocation(file: folder, line: 0, column: 0)))
                } else {
                    missing.append(id)
                }
                continue
            }
            let (folder, record) = found
            for (file, sum) in record.inputs.sorted(by: { $0.key < $1.key }) {
                if let first = seen[file] {
                    if first.sum != sum && diagnostics.count < 20 {
                        diagnostics.append(Diagnostic(.error, "\(file): content changed between run \(first.id) (in \(first.folder)) and run \(id) (an input changed between the shards' runs)",
                                                      at: SourceLocation(file: folder, line: 0, column: 0)))
                    }
                } else {
                    seen[file] = (sum, folder, id)
                }
            }
            sources.append((folder, record))
        }
        if !diagnostics.isEmpty { throw InputFailure(.badInput, diagnostics) }
        if !missing.isEmpty {
            throw InputFailure(.badInput, "runs \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "") are in none of the folders: a shard is missing or unfinished")
        }

        // Built beside the output, then renamed into place.
        let parent = (output as NSString).deletingLastPathComponent.isEmpty ? "." : (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = (parent as NSString).appendingPathComponent(".\(name).\(pid).tmp")
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: temporary) { try fm.removeItem(atPath: temporary) }
            for sub in subfolders {
                try fm.createDirectory(atPath: (temporary as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
            }
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(temporary): \(plainReason(error))")
        }
        do throws(InputFailure) {
            for (i, source) in sources.enumerated() {
                let id = runID(i, of: identity.runs)
                for (file, sum) in source.record.files.sorted(by: { $0.key < $1.key }) {
                    // Read again and checked again: the bytes copied are the bytes verified.
                    guard let data = fm.contents(atPath: (source.folder as NSString).appendingPathComponent(file)),
                          Checksum.sha256(data) == sum else {
                        throw InputFailure(.badInput, "\(file) changed while it was merged",
                                           at: SourceLocation(file: source.folder, line: 0, column: 0))
                    }
                    try OutputFile.write(data, to: (temporary as NSString).appendingPathComponent(file))
                }
                try writeRecord(source.record, folder: temporary, id: id)
            }
            try writeIdentity(identity, folder: temporary)
            let report = try assemble(folder: temporary, identity: identity, runs: Array(0..<identity.runs))
            try replace(output, with: temporary)
            return report
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
    }

    /// "content changed" as seen from one shard against another.
    private static func describe(_ how: String) -> String {
        how == "content changed" ? "content differs" : how == "file added" ? "read by this shard only" : "not read by this shard"
    }

    /// Device and inode of an existing path (symbolic links followed).
    static func fileID(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Puts the folder `built` at `path`: a rename, the old folder (empty or the same batch)
    /// moved aside first and removed after.
    static func replace(_ path: String, with built: String) throws(InputFailure) {
        let fm = FileManager.default
        let aside = (((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) as NSString)
            .appendingPathComponent(".\((path as NSString).lastPathComponent).old.\(ProcessInfo.processInfo.processIdentifier).tmp")
        let exists = fm.fileExists(atPath: path)
        if exists, rename(path, aside) != 0 {
            throw InputFailure(.cannotWriteOutput, "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(built, path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside, path) }
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(reason)")
        }
        if exists { try? fm.removeItem(atPath: aside) }
    }
}
