import Foundation
import Testing
@testable import PrognosCore

/// Outputs never destroy (spec/files.md "Errors and exit codes", issue 14 item 2):
/// regular files replaced atomically with their mode kept, devices and FIFOs written
/// through, output paths checked against the inputs and against each other.
@Suite("output files")
struct OutputFileTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode : 0
    }

    static func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test("a replaced file keeps its permissions: 600 stays 600, 604 stays 604 (not the umask's 644)")
    func keepsMode() throws {
        let dir = try temporaryFiles(["a.txt": "old", "b.txt": "old"])
        for (name, wanted) in [("a.txt", mode_t(0o600)), ("b.txt", mode_t(0o604))] {
            let path = dir.appendingPathComponent(name).path
            #expect(chmod(path, wanted) == 0)
            try OutputFile.write("new", to: path)
            // Expected: exactly the mode set by chmod above, whatever the umask.
            #expect(Self.mode(path) & 0o7777 == wanted)
            #expect(Self.mode(path) & S_IFMT == S_IFREG)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        }
        #expect(try Self.leftovers(dir).isEmpty)
    }

    @Test("a new file gets 0666 less the umask, as a shell redirection would create it")
    func newFileMode() throws {
        let dir = try temporaryFiles([:])
        let path = dir.appendingPathComponent("new.txt").path
        let mask = umask(0o022)
        umask(mask)
        try OutputFile.write("x", to: path)
        #expect(Self.mode(path) & 0o7777 == 0o666 & ~mask)
    }

    @Test("a FIFO is written through and stays a FIFO; the reader gets every byte")
    func fifoWrittenThrough() throws {
        let dir = try temporaryFiles([:])
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = String(repeating: "0123456789", count: 20_000)   // 200 000 bytes: more than a pipe buffer
        let received = ReceivedBytes()
        let reader = Thread {
            // Opening for reading blocks until the writer opens: no race with the write.
            if let handle = FileHandle(forReadingAtPath: fifo) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        try OutputFile.write(text, to: fifo)
        #expect(received.wait(seconds: 20)?.count == 200_000)
        #expect(Self.mode(fifo) & S_IFMT == S_IFIFO)
        #expect(try Self.leftovers(dir).isEmpty)
    }

    @Test("a character device is written through and stays one (a private /dev/null node, then /dev/null itself)",
          .enabled(if: getuid() == 0, "mknod and replacing /dev/null need root; as another user the bug cannot happen"))
    func deviceWrittenThrough() throws {
        let dir = try temporaryFiles([:])
        let node = dir.appendingPathComponent("null").path
        // makedev(1, 3) is /dev/null's device number on Linux.
        try #require(mknod(node, S_IFCHR | 0o644, dev_t(1 << 8 | 3)) == 0)
        try OutputFile.write("discarded", to: node)
        var st = stat()
        #expect(lstat(node, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR && st.st_rdev == dev_t(1 << 8 | 3))
        #expect(try Self.leftovers(dir).isEmpty)
        // The real one, only once the private node has shown the write goes through.
        guard st.st_mode & S_IFMT == S_IFCHR else { return }
        try OutputFile.write("discarded", to: "/dev/null")
        #expect(Self.mode("/dev/null") & S_IFMT == S_IFCHR)
    }

    @Test("a write error is exit 73 with the system's reason, no Foundation text: /dev/full, a folder, a missing folder")
    func writeErrors() throws {
        let dir = try temporaryFiles(["sub/x": "x"])
        let cases: [(String, String)] = [
            ("/dev/full", "cannot write /dev/full: No space left on device"),   // strerror(ENOSPC)
            (dir.appendingPathComponent("sub").path, "it is a folder"),
            (dir.appendingPathComponent("none/out.json").path, "folder \(dir.appendingPathComponent("none").path) does not exist"),
        ]
        for (path, message) in cases {
            do {
                try OutputFile.write("x", to: path)
                Issue.record("\(path) was written")
            } catch {
                #expect(error.kind == .cannotWriteOutput)
                #expect(error.description.contains(message), "\(error)")
                #expect(!error.description.contains("NSCocoaErrorDomain"))
            }
        }
        #expect(try Self.leftovers(dir).isEmpty)
        #expect(try Self.leftovers(dir.appendingPathComponent("sub")).isEmpty)
    }

    @Test("a symbolic link is followed: its target is replaced (mode kept), the link stays; a dangling link's target is created; a loop says so")
    func symlinks() throws {
        let dir = try temporaryFiles(["real.txt": "old"])
        let real = dir.appendingPathComponent("real.txt").path, link = dir.appendingPathComponent("link.txt").path
        #expect(chmod(real, 0o640) == 0)
        #expect(symlink("real.txt", link) == 0)
        try OutputFile.write("new", to: link)
        #expect(Self.mode(link) & S_IFMT == S_IFLNK)
        #expect(Self.mode(real) & 0o7777 == 0o640)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
        let dangling = dir.appendingPathComponent("dangling").path
        #expect(symlink("made.txt", dangling) == 0)
        try OutputFile.write("made", to: dangling)
        #expect(try String(contentsOfFile: dir.appendingPathComponent("made.txt").path, encoding: .utf8) == "made")
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        #expect(symlink("b", a) == 0 && symlink("a", b) == 0)
        #expect(throws: InputFailure.self) { try OutputFile.write("x", to: a) }
        do { try OutputFile.write("x", to: a) } catch { #expect(error.description.contains("a loop of symbolic links")) }
        #expect(try Self.leftovers(dir).isEmpty)
    }

    @Test("an empty output path is a usage error (64)")
    func emptyPath() {
        do { try OutputFile.write("x", to: ""); Issue.record("written") } catch { #expect(error.kind == .usage) }
        do { _ = try OutputTargets([("--output", "")]); Issue.record("accepted") } catch {
            #expect(error.kind.rawValue == 64)
            #expect(error.description.contains("--output: the path is empty"))
        }
    }

    @Test("two outputs on one file are a usage error however spelled (new or existing, through a link); /dev/null twice is not")
    func duplicateOutputs() throws {
        let dir = try temporaryFiles(["sub/keep": "", "old.html": "old"])
        let d = dir.path
        let pairs: [(String, String)] = [
            ("\(d)/x.json", "\(d)/x.json"),                    // same spelling, not there yet
            ("\(d)/x.json", "\(d)/sub/../x.json"),             // another spelling, not there yet
            ("\(d)/old.html", "\(d)/./old.html"),              // existing
        ]
        #expect(symlink("old.html", "\(d)/link.html") == 0)
        for (a, b) in pairs + [("\(d)/old.html", "\(d)/link.html")] {
            do {
                _ = try OutputTargets([("--output", a), ("--report", b)])
                Issue.record("\(a) and \(b) accepted")
            } catch {
                #expect(error.kind == .usage)
                #expect(error.description.contains("--output \(a) and --report \(b) are the same file"))
            }
        }
        _ = try OutputTargets([("--output", "\(d)/a.json"), ("--report", "\(d)/a.html")])
        _ = try OutputTargets([("--output", "/dev/null"), ("--report", "/dev/null")])
    }

    @Test("an output that is an input (scenario, include, CSV; by another spelling or a link) is a usage error naming both")
    func outputIsInput() throws {
        let dir = try threeFileScenario(csvPath: "data/loans.csv")
        let d = dir.path
        let scenario = try Scenario.load(path: "\(d)/s.yaml")
        #expect(symlink("s.yaml", "\(d)/link.yaml") == 0)
        for output in ["\(d)/s.yaml", "\(d)/link.yaml", "\(d)/data/../s.yaml", "\(d)/more.yaml", "\(d)/data/loans.csv"] {
            do {
                try OutputTargets([("--output", output)]).check(inputs: scenario.inputFiles)
                Issue.record("\(output) accepted")
            } catch {
                #expect(error.kind == .usage)
                #expect(error.description.contains("--output \(output) is the input "))
            }
        }
        // Paths given as inputs (the JSON `report` reads, parts being merged).
        #expect(throws: InputFailure.self) {
            try OutputTargets.check([OutputTargets.Target(option: "--output", path: "\(d)/./more.yaml")], inputPaths: ["\(d)/more.yaml"])
        }
        try OutputTargets([("--output", "\(d)/out.json")]).check(inputs: scenario.inputFiles)
        try OutputTargets.check([OutputTargets.Target(option: "--output", path: "\(d)/out.json")], inputPaths: ["\(d)/more.yaml"])
    }
}

/// Bytes handed over from a reader thread.
final class ReceivedBytes: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data: Data?

    func set(_ data: Data) {
        self.data = data
        done.signal()
    }

    func wait(seconds: Double) -> Data? {
        done.wait(timeout: .now() + seconds) == .success ? data : nil
    }
}

/// `OutputFile.Directory`, the batch's per-run writer (issue 20, item 4): new files written
/// atomically relative to an open folder; anything already at the name keeps
/// `OutputFile.write`'s rules.
@Suite("output files: a folder held open")
struct OutputDirectoryTests {
    @Test("new files get their bytes, 0666 less the umask, and leave no temporary file; 200 names from two threads")
    func newFiles() throws {
        let dir = try temporaryFiles([:])
        let folder = try OutputFile.Directory(dir.path)
        let mask = umask(0o022)
        umask(mask)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            try? folder.write(Data("run \(i)\n".utf8), name: "\(i).json")
        }
        for i in 0..<200 {
            let path = dir.appendingPathComponent("\(i).json").path
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "run \(i)\n")
            #expect(OutputFileTests.mode(path) & 0o7777 == 0o666 & ~mask)
        }
        #expect(try OutputFileTests.leftovers(dir).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 200)
    }

    @Test("what is already there keeps OutputFile's rules: a file's mode kept, a link followed, a folder refused (73)")
    func existingTargets() throws {
        let dir = try temporaryFiles(["kept.txt": "old", "real.txt": "old"])
        let folder = try OutputFile.Directory(dir.path)
        let kept = dir.appendingPathComponent("kept.txt").path
        #expect(chmod(kept, 0o600) == 0)
        try folder.write(Data("new".utf8), name: "kept.txt")
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "new")
        #expect(OutputFileTests.mode(kept) & 0o7777 == 0o600)
        #expect(symlink("real.txt", dir.appendingPathComponent("link.txt").path) == 0)
        try folder.write(Data("through".utf8), name: "link.txt")
        #expect(OutputFileTests.mode(dir.appendingPathComponent("link.txt").path) & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir.appendingPathComponent("real.txt").path, encoding: .utf8) == "through")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub.json"), withIntermediateDirectories: false)
        do { try folder.write(Data("x".utf8), name: "sub.json"); Issue.record("written over a folder") } catch {
            #expect(error.kind == .cannotWriteOutput)
            #expect(error.description.contains("sub.json"))
        }
        #expect(try OutputFileTests.leftovers(dir).isEmpty)
    }

    @Test("a folder that cannot be opened or written into is exit 73 naming it")
    func unwritable() throws {
        do { _ = try OutputFile.Directory("/nonexistent-prognos/runs"); Issue.record("opened") } catch {
            #expect(error.kind == .cannotWriteOutput)
            #expect(error.description.contains("/nonexistent-prognos/runs"))
        }
        guard getuid() != 0 else { return }   // root writes into a 0555 folder anyway
        let dir = try temporaryFiles([:])
        #expect(chmod(dir.path, 0o555) == 0)
        defer { chmod(dir.path, 0o755) }
        let folder = try OutputFile.Directory(dir.path)
        do { try folder.write(Data("x".utf8), name: "a.json"); Issue.record("written") } catch {
            #expect(error.kind == .cannotWriteOutput)
        }
    }
}
