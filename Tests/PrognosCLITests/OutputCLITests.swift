import Foundation
import Testing

/// Outputs never destroy, standard output is checked (spec/files.md "Errors and exit
/// codes"; issue 14 items 2 and 7), end to end on the built binary.
@Suite("prognos CLI: outputs", .serialized)
struct OutputCLITests {
    typealias Outcome = CLITests.Outcome

    /// The binary with its standard output on `stdout` (a pipe read here when nil).
    static func prognos(_ arguments: [String], stdout: FileHandle? = nil) throws -> Outcome {
        try CLITests.execute(arguments, stdout: stdout)
    }

    /// A bash script with `$PROGNOS` the binary, run from the package root.
    static func bash(_ script: String) throws -> Outcome {
        try CLITests.execute(["-c", script], executable: URL(fileURLWithPath: "/bin/bash"),
                             environment: ProcessInfo.processInfo.environment.merging(["PROGNOS": CLITests.binary.path]) { _, b in b })
    }

    /// A scenario with an include and a loans CSV (every kind of input file), in a fresh folder.
    static func scenarioWithInputs() throws -> URL {
        let main = """
        prognos: 1
        unit: mnkr
        include: [more.yaml]
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 2
          curve: {type: zero, points: {1Y: 3%, 5Y: 3%}}
          loans_file: data/loans.csv

        """
        let path = try CLITests.scenario("s.yaml", main, extra: ["more.yaml": "prognos: 1\nname: Med include\n"])
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "id,type,notional,start,maturity,rate\nL1,fixed,100,2023-01-01,2027-01-01,2%\n"
            .write(to: dir.appendingPathComponent("data/loans.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("--output onto an input (the scenario, a link to it, another spelling, an include, the loans CSV): 64, the file unchanged")
    func outputOntoInput() throws {
        let dir = try Self.scenarioWithInputs()
        let d = dir.path
        #expect(try Self.prognos(["run", "\(d)/s.yaml"]).status == 0)   // the scenario itself runs
        #expect(symlink("s.yaml", "\(d)/link.yaml") == 0)
        let cases: [(output: String, input: String)] = [
            ("\(d)/s.yaml", "s.yaml"), ("\(d)/link.yaml", "s.yaml"), ("\(d)/data/../s.yaml", "s.yaml"),
            ("\(d)/more.yaml", "more.yaml"), ("\(d)/data/loans.csv", "loans.csv"),
        ]
        for (output, input) in cases {
            let before = try Data(contentsOf: dir.appendingPathComponent(input == "loans.csv" ? "data/loans.csv" : input))
            let r = try Self.prognos(["run", "\(d)/s.yaml", "--format", "json", "--output", output])
            #expect(r.status == 64, "\(output)")
            // The message names both the output and the input it would destroy.
            #expect(r.stderr.contains("--output \(output) is the input "), "\(r.stderr)")
            #expect(r.stderr.contains(input))
            #expect(try Data(contentsOf: dir.appendingPathComponent(input == "loans.csv" ? "data/loans.csv" : input)) == before)
        }
        // `report` onto the JSON it reads.
        let json = "\(d)/result.json"
        #expect(try Self.prognos(["run", "\(d)/s.yaml", "--format", "json", "--output", json]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: json))
        let r = try Self.prognos(["report", json, "--output", "\(d)/./result.json"])
        #expect(r.status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == before)
        // `merge` of folders into one of them.
        let shard = "\(d)/shard"
        try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
        #expect(try Self.prognos(["merge", shard, "--output", shard + "/"]).status == 64)
    }

    @Test("--output x --report x: 64 before anything is written; standard output to the --report file: 64")
    func twoOutputsOneFile() throws {
        let dir = try Self.scenarioWithInputs()
        let out = dir.appendingPathComponent("x.html").path
        let r = try Self.prognos(["run", dir.appendingPathComponent("s.yaml").path, "--output", out, "--report", out])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--output \(out) and --report \(out) are the same file"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Standard output redirected onto the report (the table would be lost).
        let s = try Self.bash("\"$PROGNOS\" run '\(dir.path)/s.yaml' --report '\(out)' > '\(out)'")
        #expect(s.status == 64)
        #expect(s.stderr.contains("--report \(out) and standard output are the same file"))
    }

    @Test("--output '' is a usage error (64)")
    func emptyOutput() throws {
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--output", ""])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--output: the path is empty"))
        #expect(try Self.prognos(["report", "x.json", "--output", ""]).status == 64)
    }

    @Test("standard output on /dev/full: exit 73 with the reason (run, validate, reference), never a silent 0")
    func stdoutFull() throws {
        for arguments in [["run", "Scenarios/linkoping-ks-2024-03.yaml"], ["validate", "Scenarios/treasury-2024.yaml"], ["reference"]] {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let r = try Self.prognos(arguments, stdout: full)
            #expect(r.status == 73, "\(arguments)")
            // strerror(ENOSPC), the system's words.
            #expect(r.stderr.contains("error: cannot write to standard output: No space left on device"))
            #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("standard output closed (>&-): exit 73; with --output the run needs no standard output and exits 0")
    func stdoutClosed() throws {
        let r = try Self.bash("\"$PROGNOS\" run Scenarios/linkoping-ks-2024-03.yaml >&-")
        #expect(r.status == 73)
        #expect(r.stderr.contains("error: cannot write to standard output: it is closed"))
        let out = CLITests.temp("closed") + ".json"
        let w = try Self.bash("\"$PROGNOS\" run Scenarios/linkoping-ks-2024-03.yaml --format json --output '\(out)' >&-")
        #expect(w.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{"))
    }

    @Test("a reader that stopped reading (EPIPE): quiet, the run's own status (0; 1 for a policy breach), warnings still shown")
    func readerGone() throws {
        // Deterministic: a pipe whose read end is closed before the run starts, so the first
        // write fails with EPIPE (before the fix: killed by SIGPIPE, status 13 as a signal).
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        let writeEnd = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"], stdout: writeEnd)
        try writeEnd.close()
        #expect(r.status == 0)
        // The standard error of a normal run, and nothing about the pipe.
        let normal = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(r.stderr == normal.stderr)
        #expect(r.stderr.contains("varning: Rapportens summa för budget hittills, 160,5 mnkr"))
        // `| head -c 10` on 88 kB of JSON (more than the 64 kB pipe buffer: the write meets the closed pipe).
        let head = try Self.bash("set -o pipefail; \"$PROGNOS\" run Scenarios/linkoping-internbank-2024.yaml --format json | head -c 10")
        #expect(head.status == 0)
        #expect(head.stdout == "{\n  \"as_of")
        #expect(head.stderr.isEmpty)
        // The run still finishes: --check-policy's breaches are named and it exits 1.
        let policy = try Self.bash("\"$PROGNOS\" run Scenarios/linkoping-internbank-2024.yaml --format json --check-policy | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}")
        #expect(policy.status == 1)
        #expect(policy.stderr.contains("finanspolicyn bryts: Kapitalförfall inom 12 mån per 2024-12-31:"))
        #expect(!policy.stderr.contains("standard output"))
    }

    @Test("a failed write (file size limit) is 73, leaves the old file intact and no temporary file")
    func failedWriteKeepsOld() throws {
        let dir = URL(fileURLWithPath: CLITests.temp("limit"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out.json").path
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        // 1 kB file-size limit (bash: 1024-byte blocks); SIGXFSZ ignored so write(2) returns EFBIG.
        let r = try Self.bash("trap '' XFSZ; ulimit -f 1; exec \"$PROGNOS\" run Scenarios/linkoping-ks-2024-03.yaml --format json --output '\(out)'")
        #expect(r.status == 73)
        #expect(r.stderr.contains("error: cannot write \(out): File too large"))   // strerror(EFBIG)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test("--output on a FIFO writes through (it stays a FIFO); on a device node as root it stays a device")
    func nonRegularTargets() throws {
        let dir = URL(fileURLWithPath: CLITests.temp("fifo"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("out").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let received = ReceivedText()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json", "--output", fifo])
        #expect(r.status == 0)
        let text = try #require(received.wait(seconds: 30))
        // The same bytes as the JSON on standard output.
        #expect(text == (try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json"])).stdout)
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        guard getuid() == 0 else { return }   // mknod needs root; as another user the device cannot be replaced anyway
        let node = dir.appendingPathComponent("null").path
        try #require(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)   // /dev/null's numbers (1, 3)
        #expect(try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--output", node]).status == 0)
        #expect(lstat(node, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
        #expect(try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--output", "/dev/null", "--report", "/dev/null"]).status == 0)
        #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("merge with a missing part or folder: exit 66 naming it")
    func mergeMissing() throws {
        let missing = CLITests.temp("part") + ".bin"
        let r = try Self.prognos(["merge", missing, "--output", CLITests.temp("merged") + ".json"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("error: \(missing): no such part file or folder to merge"))
        let folder = CLITests.temp("shard")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let gone = CLITests.temp("gone")
        let f = try Self.prognos(["merge", folder, gone, "--output", CLITests.temp("out")])
        #expect(f.status == 66)
        #expect(f.stderr.contains(gone))
    }
}

/// Text handed over from a reader thread.
final class ReceivedText: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text: String?

    func set(_ data: Data) {
        text = String(decoding: data, as: UTF8.self)
        done.signal()
    }

    func wait(seconds: Double) -> String? {
        done.wait(timeout: .now() + seconds) == .success ? text : nil
    }
}
