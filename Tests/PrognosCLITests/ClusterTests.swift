import Foundation
import Testing

/// docs/cluster.md on a real scheduler: a one-node Slurm started for the test
/// (scripts/slurm-local.sh: munged, slurmctld, slurmd on 127.0.0.1, all state in a temporary
/// folder), the page's command blocks run as they are written, the merged results compared
/// byte for byte with one machine's; and the Kubernetes manifests parsed and their commands
/// run locally. Issue 21.
@Suite("cluster recipes", .serialized)
struct ClusterTests {
    static let root = CLITests.root

    // MARK: running things

    /// A shell command's exit status and its stdout and stderr together.
    struct Shell {
        var status: Int32
        var output: String
    }

    /// `bash -c script` in `folder` with `env` added to this process's environment, ended
    /// after `seconds` (coreutils' `timeout`): a Slurm client that cannot reach its
    /// controller retries for long, and the test must not hang on it.
    static func bash(_ script: String, in folder: URL, env: [String: String] = [:], seconds: Int = 90) throws -> Shell {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "5", "\(seconds)", "/bin/bash", "-c", "set -euo pipefail\n" + script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PROGNOS"] = nil            // the recipes must find prognos on PATH, as the docs say
        environment.merge(env) { _, new in new }
        process.environment = environment
        // Output to a file, not a pipe: the daemons started by slurm-local.sh must not keep
        // a pipe open that this process would wait on for its end.
        let file = Scratch.folder.appendingPathComponent("prognos-sh-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = (try? Data(contentsOf: file)) ?? Data()
        return Shell(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The `sh` block of docs/cluster.md after `<!-- cluster-test: NAME -->`.
    static func docsBlock(_ name: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("docs/cluster.md"), encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- cluster-test: \(name) -->"), "docs/cluster.md has no block \(name)")
        let open = try #require(text.range(of: "```sh\n", range: marker.upperBound..<text.endIndex))
        // Only blank lines between the marker and the block.
        let between = text[marker.upperBound..<open.lowerBound].allSatisfy { $0.isWhitespace }
        #expect(between, "block \(name) is not right after its marker")
        let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// `KEY=value` lines of a script's output.
    static func value(_ key: String, in output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    /// A short folder in the tests' scratch folder (munged's socket path must stay below 108 bytes).
    static func tempFolder(_ name: String) throws -> URL {
        let url = Scratch.folder.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A folder to submit from, like a user's project folder: docs/ and Scenarios/ of this
    /// repository, and the outputs written beside them.
    static func workFolder(_ base: URL) throws -> URL {
        let work = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for name in ["docs", "Scenarios"] {
            try FileManager.default.createSymbolicLink(at: work.appendingPathComponent(name),
                                                       withDestinationURL: root.appendingPathComponent(name))
        }
        return work
    }

    // MARK: Slurm

    static let slurmTools = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
                             "/usr/bin/scontrol", "/usr/bin/squeue", "/usr/bin/sinfo", "/usr/bin/scancel", "/usr/bin/timeout"]
    static var missingTools: [String] { slurmTools.filter { !FileManager.default.isExecutableFile(atPath: $0) } }
    static var slurmRunnable: Bool { getuid() == 0 && missingTools.isEmpty }
    /// CI (`.ci/run`, CI=true) installs slurm-wlm and munge and runs as root: there the test
    /// must run, and fails rather than skips when it cannot.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    struct ClusterFailure: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    /// The cluster started for one test, and what is needed to report on it.
    final class Cluster {
        let base: URL, work: URL, slurmDir: URL
        let env: [String: String]
        var jobs: [String] = []

        init() throws {
            base = try ClusterTests.tempFolder("slurm")
            slurmDir = base.appendingPathComponent("slurm")
            work = try ClusterTests.workFolder(base)
            let start = try ClusterTests.bash("\(root.path)/scripts/slurm-local.sh start \(slurmDir.path)", in: base, seconds: 90)
            let binaryDir = CLITests.binary.deletingLastPathComponent().path
            env = ["SLURM_CONF": slurmDir.appendingPathComponent("slurm.conf").path,
                   "PATH": "\(binaryDir):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"):/usr/sbin:/sbin"]
            guard start.status == 0 else {
                _ = try? ClusterTests.bash("\(root.path)/scripts/slurm-local.sh stop \(slurmDir.path)", in: base)
                throw ClusterFailure(text: "the one-node Slurm did not start:\n\(start.output)")
            }
        }

        func stop() {
            _ = try? ClusterTests.bash("scancel --full \(jobs.joined(separator: " ")) 2>/dev/null || true; \(root.path)/scripts/slurm-local.sh stop \(slurmDir.path)",
                                       in: base, env: env, seconds: 60)
            try? FileManager.default.removeItem(at: base)
        }

        func sh(_ script: String, seconds: Int = 90) throws -> Shell {
            try ClusterTests.bash(script, in: work, env: env, seconds: seconds)
        }

        /// The daemons' logs, the queue, the jobs and the jobs' own logs: printed when a
        /// step fails, so CI's output says why.
        func diagnostics() -> String {
            let script = """
            echo '----- squeue'; squeue -a || true
            for j in \(jobs.joined(separator: " ")); do echo "----- scontrol show job $j"; scontrol show job "$j" || true; done
            echo '----- sinfo'; sinfo -N -l || true
            for f in *.log; do [ -f "$f" ] && { echo "----- $f"; tail -n 30 "$f"; }; done
            \(root.path)/scripts/slurm-local.sh logs \(slurmDir.path)
            """
            return (try? sh(script, seconds: 30).output) ?? "(no diagnostics)"
        }

        func fail(_ what: String) -> Error {
            let text = "\(what)\n\(diagnostics())"
            print(text)
            return ClusterFailure(text: text)
        }

        /// `JobState` and `Reason` of every record of a job (an array: one per task).
        func states(_ job: String) throws -> [(state: String, reason: String)] {
            let r = try sh("scontrol show job -o \(job)", seconds: 30)
            guard r.status == 0 else { throw fail("scontrol show job \(job) failed: \(r.output)") }
            return r.output.split(separator: "\n").map { line in
                let fields = line.split(separator: " ")
                func field(_ key: String) -> String {
                    fields.first { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) } ?? ""
                }
                return (field("JobState"), field("Reason"))
            }
        }

        /// Polls until `done` holds for the job's records, failing after `seconds`.
        func wait(for job: String, _ what: String, seconds: Double = 150,
                  until done: ([(state: String, reason: String)]) -> Bool) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                let s = try states(job)
                if done(s) { return }
                if Date() > deadline { throw fail("job \(job): \(what) not reached after \(Int(seconds)) s (\(s))") }
                usleep(250_000)
            }
        }

        /// Waits for a merge job to complete; a failed task (the merge then waits forever on
        /// DependencyNeverSatisfied) or a failed merge ends the wait at once.
        func waitCompleted(_ job: String) throws {
            try wait(for: job, "COMPLETED") { s in
                if !s.isEmpty, s.allSatisfy({ $0.state == "COMPLETED" }) { return true }
                return s.contains { ["FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE"].contains($0.state)
                    || $0.reason == "DependencyNeverSatisfied" }
            }
            let s = try states(job)
            guard s.allSatisfy({ $0.state == "COMPLETED" }) else { throw fail("job \(job) did not complete: \(s)") }
        }

        /// Runs docs blocks with `vars` set, returning the values of `keys` after them.
        func run(blocks: [String], vars: [String: String], keys: [String]) throws -> [String: String] {
            let assignments = vars.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let script = assignments + "\n" + (try blocks.map(ClusterTests.docsBlock).joined(separator: "\n")) + "\n"
                + keys.map { "echo \"\($0)=$\($0)\"" }.joined(separator: "\n")
            let r = try sh(script)
            guard r.status == 0 else { throw fail("docs blocks \(blocks) failed (exit \(r.status)):\n\(script)\n\(r.output)") }
            var out: [String: String] = [:]
            for key in keys {
                guard let v = ClusterTests.value(key, in: r.output), !v.isEmpty else { throw fail("docs blocks \(blocks) set no \(key):\n\(r.output)") }
                out[key] = v
                if key == "JOB" || key == "MERGE" || key == "AGAIN" { jobs.append(v) }
            }
            out["output"] = r.output
            return out
        }
    }

    @Test("Slurm: both recipes as docs/cluster.md submits them merge to one machine's bytes; a cancelled task resubmitted as documented merges too",
          // Skipped without root or without Debian's slurm-wlm and munge (.ci/run installs them); in CI it runs.
          .enabled(if: slurmRunnable || inCI, "needs root and Debian's slurm-wlm and munge (apt-get install slurm-wlm munge; .ci/run does)"),
          .timeLimit(.minutes(5)))
    func slurm() throws {
        try #require(Self.slurmRunnable, "CI: root \(getuid() == 0), missing \(Self.missingTools): .ci/run must install slurm-wlm and munge")
        let clock = ContinuousClock(), started = clock.now
        let cluster = try Cluster()
        defer { cluster.stop() }
        let work = cluster.work

        // A small simulation (4 blocks of 1,024 paths: one a task) and a small sweep
        // (3 × 3 = 9 runs of the internal-bank scenario in 3 shards), submitted at once.
        let sim: [String: String] = ["SCENARIO": "Scenarios/internbank-car-2024.yaml", "N": "4", "PATHS": "4096", "DIR": "runs/sim"]
        try """
        base: Scenarios/linkoping-internbank-2024.yaml
        sweep:
          rates.scenarios[plus100].shift: [0bp, 100bp, 200bp]
          treasury.internal_bank.margin: [0.10%, 0.20%, 0.30%]

        """.write(to: work.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        let sweep: [String: String] = ["MANIFEST": "sweep.yaml", "N": "3", "DIR": "runs/sweep"]
        let s1 = try cluster.run(blocks: ["simulate-submit"], vars: sim, keys: ["JOB", "MERGE"])
        let b1 = try cluster.run(blocks: ["batch-submit"], vars: sweep, keys: ["JOB", "MERGE"])
        try cluster.waitCompleted(s1["MERGE"]!)
        try cluster.waitCompleted(b1["MERGE"]!)
        // Every task completed (the merge's afterok implies it; checked to report it plainly).
        #expect(try cluster.states(s1["JOB"]!).map(\.state) == Array(repeating: "COMPLETED", count: 4))
        #expect(try cluster.states(b1["JOB"]!).map(\.state) == Array(repeating: "COMPLETED", count: 3))
        // The logs are in the submission folder, one a task (no log folder needed).
        for k in 0..<4 {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("prognos-simulate-\(s1["JOB"]!)_\(k).log").path))
        }
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("prognos-merge-\(s1["MERGE"]!).log").path))

        // The single-machine comparison, as the docs give it: identical bytes.
        let single = try cluster.run(blocks: ["simulate-single"], vars: sim, keys: [])
        #expect(single["output"]!.contains("identical"))
        let singleJSON = try Data(contentsOf: work.appendingPathComponent("single.json"))
        #expect(try Data(contentsOf: work.appendingPathComponent("runs/sim/result.json")) == singleJSON)
        #expect(singleJSON.count > 1_000)
        // The sweep: the merged folder is `prognos batch` on one machine, file for file.
        let one = try cluster.sh("prognos batch sweep.yaml --output single-sweep")
        #expect(one.status == 0, "\(one.output)")
        let merged = CLITests.tree(work.appendingPathComponent("runs/sweep/all").path)
        #expect(merged.keys.filter { $0.hasPrefix("runs/") }.count == 9)
        #expect(merged == CLITests.tree(work.appendingPathComponent("single-sweep").path))

        // A second array with one task cancelled. A job holding the whole node keeps the
        // array's tasks pending, so task 2 is cancelled before it can start, whatever the
        // machine's speed; then the node is let go.
        let blocker = try cluster.sh("sbatch --parsable --exclusive --job-name=blocker --output=/dev/null --wrap 'sleep 300'")
        guard blocker.status == 0 else { throw cluster.fail("blocker not submitted: \(blocker.output)") }
        let blockerID = blocker.output.trimmingCharacters(in: .whitespacesAndNewlines)
        cluster.jobs.append(blockerID)
        try cluster.wait(for: blockerID, "blocker RUNNING", seconds: 60) { $0.first?.state == "RUNNING" }
        var sim2 = sim
        sim2["DIR"] = "runs/sim2"
        let s2 = try cluster.run(blocks: ["simulate-submit"], vars: sim2, keys: ["JOB", "MERGE"])
        let cancel = try cluster.sh("scancel \(s2["JOB"]!)_2 && scancel \(blockerID)")
        guard cancel.status == 0 else { throw cluster.fail("scancel: \(cancel.output)") }
        // The documented symptom: the other tasks complete, the merge waits forever.
        // (A task cancelled while still pending leaves no record of its own in scontrol.)
        try cluster.wait(for: s2["JOB"]!, "tasks 0, 1, 3 COMPLETED and nothing else left", seconds: 120) { s in
            s.filter { $0.state == "COMPLETED" }.count == 3 && s.allSatisfy { ["COMPLETED", "CANCELLED"].contains($0.state) }
        }
        try cluster.wait(for: s2["MERGE"]!, "merge PENDING on DependencyNeverSatisfied", seconds: 60) { s in
            s.first?.state == "PENDING" && s.first?.reason == "DependencyNeverSatisfied"
        }
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("runs/sim2/result.json").path))
        // The docs' remedy: find the missing part, resubmit its task, cancel the stuck
        // merge, submit a new one after the resubmitted task.
        var vars = sim2
        vars["MERGE"] = s2["MERGE"]!
        let again = try cluster.run(blocks: ["simulate-missing", "simulate-resubmit"], vars: vars, keys: ["K", "AGAIN", "MERGE"])
        #expect(again["K"] == "2")
        #expect(again["output"]!.contains("missing: 2"))
        #expect(again["MERGE"] != s2["MERGE"])
        try cluster.waitCompleted(again["MERGE"]!)
        #expect(try cluster.states(s2["MERGE"]!).first?.state == "CANCELLED")
        #expect(try cluster.states(again["AGAIN"]!).map(\.state) == ["COMPLETED"])
        #expect(try Data(contentsOf: work.appendingPathComponent("runs/sim2/result.json")) == singleJSON)
        print("cluster test: \(clock.now - started)")
    }

    // MARK: Kubernetes

    /// The documents of a YAML file as JSON objects (PyYAML: Debian's python3-yaml, which
    /// .ci/run installs; no Kubernetes runs here, so the manifests are checked as data).
    static func yamlDocuments(_ path: String) throws -> [[String: Any]] {
        let r = try bash("/usr/bin/python3 -c 'import json, sys, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]))' \(path)",
                         in: root, seconds: 30)
        try #require(r.status == 0, "cannot parse \(path): \(r.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [[String: Any]])
    }

    static var pythonYAML: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
            && ((try? bash("/usr/bin/python3 -c 'import yaml'", in: root, seconds: 30).status) == 0)
    }

    /// The one container of a Job and its spec.
    static func container(_ job: [String: Any]) throws -> (spec: [String: Any], pod: [String: Any], container: [String: Any]) {
        let spec = try #require(job["spec"] as? [String: Any])
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        return (spec, pod, containers[0])
    }

    static func env(_ container: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for e in container["env"] as? [[String: Any]] ?? [] {
            if let n = e["name"] as? String, let v = e["value"] as? String { out[n] = v }
        }
        return out
    }

    /// The claim the pod mounts at the container's working folder.
    static func claim(_ pod: [String: Any], _ container: [String: Any]) throws -> String {
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let workdir = try #require(container["workingDir"] as? String)
        let mount = try #require(mounts.first { $0["mountPath"] as? String == workdir }, "nothing mounted at \(workdir)")
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let volume = try #require(volumes.first { $0["name"] as? String == mount["name"] as? String })
        return try #require((volume["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String)
    }

    @Test("Kubernetes: the claim, the Indexed Job (parts/ created, JOB_COMPLETION_INDEX in --shard) and the merge Job with memory; their commands run locally merge to one machine's bytes",
          // PyYAML parses the manifests (Debian's python3-yaml; .ci/run installs it).
          .enabled(if: pythonYAML || inCI, "needs /usr/bin/python3 with PyYAML (apt-get install python3-yaml; .ci/run does)"))
    func kubernetes() throws {
        let recipes = Self.root.appendingPathComponent("docs/recipes").path
        let volume = try Self.yamlDocuments(recipes + "/k8s-volume.yaml")
        let simulate = try Self.yamlDocuments(recipes + "/k8s-simulate.yaml")
        let merge = try Self.yamlDocuments(recipes + "/k8s-merge.yaml")
        // One document a file: the merge is applied on its own, after `kubectl wait`.
        try #require(volume.count == 1 && simulate.count == 1 && merge.count == 1)
        #expect(volume[0]["kind"] as? String == "PersistentVolumeClaim")
        let claimName = (volume[0]["metadata"] as? [String: Any])?["name"] as? String
        #expect(((volume[0]["spec"] as? [String: Any])?["accessModes"] as? [String]) == ["ReadWriteMany"])   // every pod mounts it

        #expect(simulate[0]["kind"] as? String == "Job")
        let (spec, pod, shard) = try Self.container(simulate[0])
        let shardEnv = Self.env(shard)
        let n = try #require(Int(shardEnv["N"] ?? ""))
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == n)
        #expect(spec["parallelism"] as? Int == n)
        #expect(try Self.claim(pod, shard) == claimName)
        let shardCommand = try #require((shard["args"] as? [String])?.first)
        #expect(shard["command"] as? [String] == ["sh", "-c"])
        #expect(shardCommand.contains("--shard \"$JOB_COMPLETION_INDEX/$N\""))
        #expect(shardCommand.contains("mkdir -p \"$DIR/parts\""))
        let shardMemory = (shard["resources"] as? [String: Any]).flatMap { ($0["requests"] as? [String: Any])?["memory"] as? String }
        #expect(shardMemory != nil)

        #expect(merge[0]["kind"] as? String == "Job")
        let (mergeSpec, mergePod, merger) = try Self.container(merge[0])
        #expect(mergeSpec["completionMode"] == nil)
        #expect(try Self.claim(mergePod, merger) == claimName)
        let mergeEnv = Self.env(merger)
        #expect(mergeEnv["N"] == shardEnv["N"])
        #expect(mergeEnv["DIR"] == shardEnv["DIR"])
        let requests = (merger["resources"] as? [String: Any])?["requests"] as? [String: Any]
        #expect(requests?["memory"] as? String != nil, "the merge asks for its memory (Sizing table)")
        let mergeCommand = try #require((merger["args"] as? [String])?.first)

        // The docs apply the merge only after waiting for the shards.
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/cluster.md"), encoding: .utf8)
        let wait = try #require(docs.range(of: "kubectl wait --for=condition=complete --timeout=24h job/prognos-simulate\n"))
        let apply = try #require(docs.range(of: "kubectl apply -f docs/recipes/k8s-merge.yaml"))
        #expect(wait.upperBound <= apply.lowerBound)

        // The commands, run as the pods would (the working folder a fresh volume holding
        // Scenarios/, the manifest's env, JOB_COMPLETION_INDEX = K), with fewer paths.
        let base = try Self.tempFolder("k8s")
        defer { try? FileManager.default.removeItem(at: base) }
        let volumeRoot = try Self.workFolder(base)
        let paths = "\(1024 * n)"                 // one block of 1,024 paths a shard
        var env = shardEnv
        env["PATHS"] = paths
        env["PATH"] = CLITests.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for k in 0..<n {
            env["JOB_COMPLETION_INDEX"] = "\(k)"
            let r = try Self.bash("exec sh -c \"$SHARD_COMMAND\"", in: volumeRoot, env: env.merging(["SHARD_COMMAND": shardCommand]) { a, _ in a })
            #expect(r.status == 0, "shard \(k): \(r.output)")
        }
        let dir = try #require(shardEnv["DIR"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: volumeRoot.appendingPathComponent(dir + "/parts").path).sorted()
                == (0..<n).map { "part-\($0).bin" }.sorted())
        var mergeRun = mergeEnv
        mergeRun["PATH"] = env["PATH"]
        mergeRun["MERGE_COMMAND"] = mergeCommand
        let m = try Self.bash("exec sh -c \"$MERGE_COMMAND\"", in: volumeRoot, env: mergeRun)
        #expect(m.status == 0, "merge: \(m.output)")
        let single = try CLITests.prognos(["simulate", try #require(shardEnv["SCENARIO"]), "--paths", paths, "--format", "json"])
        #expect(single.status == 0)
        #expect(try String(contentsOfFile: volumeRoot.appendingPathComponent(dir + "/result.json").path, encoding: .utf8) == single.stdout)
        // A part missing: the merge names it (exit 66), so a merge applied too early fails plainly.
        try FileManager.default.removeItem(at: volumeRoot.appendingPathComponent(dir + "/parts/part-1.bin"))
        let early = try Self.bash("exec sh -c \"$MERGE_COMMAND\"", in: volumeRoot, env: mergeRun)
        #expect(early.status == 66)
        #expect(early.output.contains("part-1.bin"))
    }
}
