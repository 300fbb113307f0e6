import Foundation
import Synchronization

/// `prognos batch` (batch.md), the scheduler: which runs of a manifest this invocation
/// computes (its shard, less what a resumed folder holds intact), computed in parallel, each
/// written through the folder protocol (`BatchFolder`: layout, identity, run records,
/// assembling, merging) as it finishes.
public enum BatchRunner {
    public struct Report: Sendable {
        public var runs: Int; public var done: Int; public var failed: Int
        /// Runs found damaged by `--resume` (a file that is not the bytes written) and run again.
        public var damaged: Int = 0
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
                           shard: (index: Int, count: Int)?, maxRuns: Int = defaultMaxRuns, csvDialect: CSVDialect = .rfc4180,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> Report {
        // The size first, in overflow-safe arithmetic: nothing is allocated for a sweep refused.
        guard let count = manifest.runCount, count <= maxRuns else {
            let size = manifest.runCount.map(String.init) ?? "more than \(Int.max)"
            throw InputFailure(.badInput, "the sweep has \(size) runs (\(manifest.runCountFactors)), more than --max-runs \(maxRuns): split it into smaller manifests or raise --max-runs",
                               at: SourceLocation(file: manifest.file, line: 0, column: 0))
        }
        // Every run reads the same files: parse them once.
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false; PlanCache.clear() }
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
            case .base: return manifest.assignment(i).map { $0.1.flowText }
            case .folder(let files): return [(files[i] as NSString).lastPathComponent]
            }
        }
        let sweepNames: [String]
        if case .folder = manifest.source { sweepNames = ["file"] } else { sweepNames = manifest.sweep.map(\.path) }
        let identity = BatchIdentity(format: BatchIdentity.formatVersion, manifest: manifest.fingerprint, sets: overrides, runs: count,
                                sweep: sweepNames, values: values, outputs: outputs, columns: columns, inputs: inputs,
                                csvDialect: csvDialect == .rfc4180 ? nil : csvDialect.rawValue)
        let mine = (0..<count).filter { shard == nil || $0 % shard!.count == shard!.index }

        // The folder: new (or empty), or the same batch when resuming; on a resume every
        // completed run is verified and every input it read compared with the file now.
        let batch = BatchFolder(folder)
        var done = Set<Int>()
        var damaged = 0
        if try batch.prepare(identity: identity, resume: resume) {
            let (complete, damagedRuns) = try batch.verifyResume(identity: identity, runs: mine, labels: labels)
            done = complete
            damaged = damagedRuns
            try batch.clean(identity: identity, keep: done, runs: mine)
        }
        if let shard {
            try batch.write(shard: shard.index, of: shard.count)
        }
        let todo = mine.filter { !done.contains($0) }

        // Each run's files are written as it finishes; a run that fails writes its error. Only
        // a failure to write stops the batch (after the runs under way).
        let finished = Atomic<Int>(0)
        let paths = BoxColumns.Paths(identity)
        let failure = Mutex<InputFailure?>(nil)
        // The cells each run of this invocation wrote, for results.csv without reading them back.
        let written = Mutex<[Int: [String]]>([:])
        let writeBehind = WriteBehind()
        // Each worker writes its runs' JSON into one buffer (`JSONWriter.bytes(_:into:)`);
        // the parts runs repeat are boxed and written once (`BoxMemo`).
        let memo = BoxMemo()
        let files = try BatchFolder.RunFiles(batch)
        let sweepOverrides = SweepOverrides(manifest)
        Parallel.forEach(todo.count, threads: jobs, state: { _ in [UInt8]() }) { (json: inout [UInt8], k: Int) in
            let i = todo[k]
            let id = identity.runID(i)
            var read: [InputFile] = []
            do throws(InputFailure) {
                let (path, extra) = runInput(manifest, i, sweepOverrides)
                let scenario = try Scenario.load(path: path, overrides: global + extra)
                read = scenario.inputFiles
                let tree = try runTree(scenario, into: &json, memo: memo)
                let cells = BoxColumns.cells(tree, paths)
                try batch.writeResult(id: id, cells: cells, json: json, inputs: labels.labels(read), files: files)
                written.withLock { $0[i] = cells }
            } catch where error.kind != .cannotWriteOutput {
                do throws(InputFailure) {
                    try batch.writeFailure(id: id, error, inputs: labels.labels(read), files: files)
                } catch {
                    failure.withLock { $0 = error }
                }
            } catch {
                failure.withLock { $0 = error }
            }
            progress?(finished.add(1, ordering: .relaxed).newValue, todo.count)
        }
        writeBehind.stop()
        if let error = failure.withLock({ $0 }) { throw error }
        var report = try batch.assemble(identity: identity, runs: mine, written: written.withLock { $0 })
        report.damaged = damaged
        return report
    }

    /// The scenario file and sweep overrides of run i.
    static func runInput(_ manifest: Manifest, _ i: Int) -> (String, [Override]) {
        runInput(manifest, i, SweepOverrides(manifest))
    }

    /// `runInput` with each swept value's override made once for the batch (`SweepOverrides`).
    static func runInput(_ manifest: Manifest, _ i: Int, _ overrides: SweepOverrides) -> (String, [Override]) {
        switch manifest.source {
        case .folder(let files): return (files[i], [])
        case .base(let base):
            return (base, zip(overrides.byKey, manifest.valueIndices(i)).compactMap { $0[$1] })
        }
    }

    /// Every swept key's value as an override, parsed once for a batch (a run's overrides
    /// were parsed again for each run: ≈ 1 % of a `sweep-1000` run). Nil where the path does
    /// not parse (checked before any run; such a value was left out as it is now).
    struct SweepOverrides: Sendable {
        let byKey: [[Override?]]
        init(_ manifest: Manifest) {
            byKey = manifest.sweep.map { path, values in values.map { try? Override(path: path, value: $0) } }
        }
    }

    /// One run: load with overrides, compute (a simulation on one thread), render the JSON.
    static func runJSON(path: String, overrides: [Override]) throws(InputFailure) -> (text: String, object: [String: Any], files: [InputFile]) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let (text, object) = try runJSON(scenario)
        return (text, object, scenario.inputFiles)
    }

    static func runJSON(_ scenario: Scenario) throws(InputFailure) -> (text: String, object: [String: Any]) {
        // Reconciliation errors do not fail a run (as a plain `prognos run`): the JSON marks them.
        let run = try ScenarioRun.compute(scenario, simulation: .ifPresent, threads: 1)
        let object = JSONOutput.object(run)
        return (JSONOutput.serialize(object), object)
    }

    /// One run as `runJSON`, its result kept as the encoder's tree: the same JSON text, written
    /// into `json` without the `Any` tree (`JSONWriter.bytes(_:into:)`), and the tree the cells
    /// are read from.
    static func runTree(_ scenario: Scenario, into json: inout [UInt8], memo: BoxMemo? = nil) throws(InputFailure) -> ResultEncoder.Box {
        let run = try ScenarioRun.compute(scenario, simulation: .ifPresent, threads: 1)
        let tree = ResultEncoder.$memo.withValue(memo) { JSONOutput.box(run) }
        JSONWriter.bytes(tree, into: &json)
        return tree
    }

    /// `prognos merge DIR… --output DIR` (`BatchFolder.merge`).
    public static func merge(folders: [String], into output: String) throws(InputFailure) -> Report {
        try BatchFolder.merge(folders: folders, into: output)
    }
}
