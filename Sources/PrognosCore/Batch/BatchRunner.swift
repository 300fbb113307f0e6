import Dispatch
import Foundation
import Synchronization

/// `prognos batch` (batch.md): every run of a manifest, in parallel, each result written
/// atomically to `runs/ID.json` (or `errors/ID.txt`); `results.csv` and `errors.csv` are then
/// assembled from those files in run order, so a resumed, sharded-and-merged or
/// uninterrupted batch ends with the same bytes.
public enum BatchRunner {
    public struct Report: Sendable { public var runs: Int; public var done: Int; public var failed: Int }

    /// What every folder of one batch shares (`batch.json`).
    struct Identity: Codable, Equatable {
        var format: Int
        var manifest: String
        var runs: Int
        /// The swept key paths (or `file` for a folder batch) and each run's values.
        var sweep: [String]
        var values: [[String]]
        var outputs: [String]
        var columns: [String]
    }

    public static func runID(_ i: Int, of count: Int) -> String {
        let width = max(4, String(max(count - 1, 0)).count)
        let s = String(i)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Runs the manifest's runs of this shard (all of them without one) into `folder`.
    public static func run(_ manifest: Manifest, overrides: [String], folder: String, jobs: Int, resume: Bool,
                           shard: (index: Int, count: Int)?, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> Report {
        let fm = FileManager.default
        // Every run reads the same files: parse them once.
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        let global: [Override]
        do { global = try overrides.map { ($0, try Override($0)) }.map(\.1) } catch let e as InputFailure { throw e } catch {
            throw InputFailure(.badInput, "\(error)")
        }

        // Before anything runs: the base with no sweep, and each swept path with its first
        // value (an unknown path is an error here, rule of batch.md).
        let count = manifest.runCount
        var baseJSON: [String: Any] = [:]
        switch manifest.source {
        case .base(let base):
            let log = DiagnosticLog()
            for (path, values) in manifest.sweep {
                do {
                    _ = try Scenario.load(path: base, overrides: global + [try Override(path: path, value: values[0])])
                } catch { log.absorb(error) }
            }
            try log.throwIfErrors()
            baseJSON = try runJSON(path: base, overrides: global).object
        case .folder(let files):
            baseJSON = try runJSON(path: files[0], overrides: global).object
        }
        let outputs = manifest.outputs ?? OutputColumns.defaults(for: baseJSON)
        let columns = outputs.flatMap { OutputColumns.evaluate($0, in: baseJSON).map(\.column) }
        let values: [[String]] = (0..<count).map { i in
            switch manifest.source {
            case .base: return manifest.assignment(i).map { $0.1.scalarText ?? flow($0.1) }
            case .folder(let files): return [(files[i] as NSString).lastPathComponent]
            }
        }
        let sweepNames: [String]
        if case .folder = manifest.source { sweepNames = ["file"] } else { sweepNames = manifest.sweep.map(\.path) }
        let identity = Identity(format: 1, manifest: manifest.fingerprint, runs: count, sweep: sweepNames, values: values,
                                outputs: outputs, columns: columns)

        // The folder: new, or the same batch when resuming.
        try prepare(folder: folder, identity: identity, resume: resume)
        if let shard {
            try write(json: ["index": shard.index, "count": shard.count], to: (folder as NSString).appendingPathComponent("shard.json"))
        }
        let mine = (0..<count).filter { shard == nil || $0 % shard!.count == shard!.index }
        let todo = mine.filter { i in
            let id = runID(i, of: count)
            return !fm.fileExists(atPath: runsPath(folder, id)) && !fm.fileExists(atPath: errorsPath(folder, id))
        }

        let done = Atomic<Int>(0)
        let failure = Mutex<InputFailure?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, todo.count))) { w in
            var k = w
            let workers = max(1, min(jobs, todo.count))
            while k < todo.count {
                let i = todo[k]
                let id = runID(i, of: count)
                do {
                    let (path, extra) = runInput(manifest, i)
                    let (text, object) = try runJSON(path: path, overrides: global + extra)
                    // The row's cells first, then the run's JSON: the JSON marks the run done.
                    try OutputFile.write(csv([cells(object, identity)]), to: cellsPath(folder, id))
                    try OutputFile.write(text, to: runsPath(folder, id))
                } catch let error as InputFailure where error.kind != .cannotWriteOutput {
                    let message = error.diagnostics.map(\.description).joined(separator: "\n") + "\n"
                    do {
                        try OutputFile.write(message, to: errorsPath(folder, id))
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
                progress?(done.add(1, ordering: .relaxed).newValue, todo.count)
                k += workers
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return try assemble(folder: folder, identity: identity, runs: mine)
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
    static func runJSON(path: String, overrides: [Override]) throws(InputFailure) -> (text: String, object: [String: Any]) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
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

    static func prepare(folder: String, identity: Identity, resume: Bool) throws(InputFailure) {
        let fm = FileManager.default
        let marker = (folder as NSString).appendingPathComponent("batch.json")
        if fm.fileExists(atPath: marker) {
            guard resume else {
                throw InputFailure(.cannotWriteOutput, "\(folder) already holds a batch: use --resume to finish it, or another folder")
            }
            guard let data = fm.contents(atPath: marker), let old = try? JSONDecoder().decode(Identity.self, from: data), old == identity else {
                throw InputFailure(.badInput, "\(folder) holds another batch (a different manifest or --set): cannot resume it")
            }
        }
        do {
            try fm.createDirectory(atPath: (folder as NSString).appendingPathComponent("runs"), withIntermediateDirectories: true)
            try fm.createDirectory(atPath: (folder as NSString).appendingPathComponent("errors"), withIntermediateDirectories: true)
            try fm.createDirectory(atPath: (folder as NSString).appendingPathComponent("cells"), withIntermediateDirectories: true)
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(folder): \(error.localizedDescription)")
        }
        try writeIdentity(identity, folder: folder)
    }

    static func writeIdentity(_ identity: Identity, folder: String) throws(InputFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
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

    /// `prognos merge DIR… --output DIR`: the shards' runs joined; every run must be there.
    public static func merge(folders: [String], into output: String) throws(InputFailure) -> Report {
        let fm = FileManager.default
        var identity: Identity?
        for folder in folders {
            guard let data = fm.contents(atPath: (folder as NSString).appendingPathComponent("batch.json")),
                  let id = try? JSONDecoder().decode(Identity.self, from: data) else {
                throw InputFailure(.badInput, "\(folder) is not a batch folder (no batch.json)")
            }
            if let identity, identity != id {
                throw InputFailure(.badInput, "\(folder) is from a different batch than \(folders[0]) (manifest, --set or columns differ)")
            }
            identity = id
        }
        guard let identity else { throw InputFailure(.badInput, "no folders to merge") }
        do {
            try fm.createDirectory(atPath: (output as NSString).appendingPathComponent("runs"), withIntermediateDirectories: true)
            try fm.createDirectory(atPath: (output as NSString).appendingPathComponent("errors"), withIntermediateDirectories: true)
            try fm.createDirectory(atPath: (output as NSString).appendingPathComponent("cells"), withIntermediateDirectories: true)
        } catch {
            throw InputFailure(.cannotWriteOutput, "cannot create \(output): \(error.localizedDescription)")
        }
        var missing: [String] = []
        for i in 0..<identity.runs {
            let id = runID(i, of: identity.runs)
            var found = false
            for folder in folders {
                for (from, to) in [(cellsPath(folder, id), cellsPath(output, id)), (runsPath(folder, id), runsPath(output, id)),
                                   (errorsPath(folder, id), errorsPath(output, id))]
                where fm.fileExists(atPath: from) {
                    if let data = fm.contents(atPath: from) { try OutputFile.write(data, to: to) }
                    found = true
                }
            }
            if !found { missing.append(id) }
        }
        if !missing.isEmpty {
            throw InputFailure(.badInput, "runs \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "") are in none of the folders: a shard is missing or unfinished")
        }
        try writeIdentity(identity, folder: output)
        return try assemble(folder: output, identity: identity, runs: Array(0..<identity.runs))
    }
}
