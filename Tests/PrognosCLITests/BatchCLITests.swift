import Foundation
import Testing

/// `prognos batch` and `prognos merge` of batch folders: a batch knows what it was computed
/// from (spec/batch.md "Batch", issue 14 item 3), refuses what it cannot finish honestly,
/// and never writes into a folder that is not its own (spec/files.md "Errors and exit codes").
@Suite("batch integrity (CLI)", .serialized)
struct BatchCLITests {
    /// A small treasury scenario that reads three files: itself, an include and a loans CSV.
    static let main = """
    prognos: 1
    unit: mnkr
    include: [more.yaml]
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 2
      curve: {type: zero, points: {1Y: 3%, 5Y: 3%}}
      loans_file: loans.csv

    """
    static let more = "prognos: 1\nname: Batchtest\n"
    static let loans = "id,type,notional,start,maturity,rate\nL1,fixed,100,2023-01-01,2027-01-01,2%\nL2,fixed,50,2023-06-01,2029-06-01,3%\n"

    /// A folder with the three files and a manifest of `runs` = 2 × 2 runs (or `sweep` as given).
    static func project(sweep: String = "  treasury.horizon_years: [2, 3]\n  treasury.valuation_date: [2024-03-31, 2024-06-30]\n",
                        extra: String = "") throws -> URL {
        let manifest = "base: s.yaml\nsweep:\n" + sweep + extra
        let m = try CLITests.scenario("m.yaml", manifest, extra: ["s.yaml": main, "more.yaml": more, "loans.csv": loans])
        return URL(fileURLWithPath: m).deletingLastPathComponent()
    }

    static func batch(_ dir: URL, _ out: String, _ more: [String] = []) throws -> CLITests.Outcome {
        try CLITests.prognos(["batch", dir.appendingPathComponent("m.yaml").path, "--output", out, "--jobs", "2"] + more)
    }

    static func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    @Test("a completed batch: 4 runs, each with a record of its files' and inputs' SHA-256")
    func records() throws {
        let dir = try Self.project()
        let out = CLITests.temp("b")
        let r = try Self.batch(dir, out)
        #expect(r.status == 0, "\(r.stderr)")
        let files = CLITests.tree(out)
        // 2 horizons × 2 valuation dates = 4 runs (batch.md: the Cartesian product).
        #expect(files.keys.filter { $0.hasPrefix("runs/") }.count == 4)
        #expect(files.keys.filter { $0.hasPrefix("sums/") }.count == 4)
        let record = try #require(try JSONSerialization.jsonObject(with: files["sums/0002.json"]!) as? [String: Any])
        let sums = record["files"] as? [String: String], inputs = record["inputs"] as? [String: String]
        // The checksum of runs/0002.json is the SHA-256 of its bytes, computed here independently of prognos.
        #expect(sums == ["runs/0002.json": sha256(files["runs/0002.json"]!)])
        // The run read the three files, by path relative to the manifest's folder.
        #expect(inputs?.keys.sorted() == ["loans.csv", "more.yaml", "s.yaml"])
        #expect(inputs?["loans.csv"] == sha256(Data(Self.loans.utf8)))
        // Its cells (issue 20: kept in the record, no cells/ folder) are its row of results.csv
        // after the id and the two swept values, and their checksum is the SHA-256 of that
        // row as one CSV line (the cells are numbers: no quoting).
        let results = String(decoding: try #require(files["results.csv"]), as: UTF8.self)
        let row = try #require(results.split(separator: "\n").first { $0.hasPrefix("0002,") }).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let cells = try #require(record["cells"] as? [String])
        #expect(cells == Array(row.dropFirst(3)))
        #expect(!cells.isEmpty)
        #expect(record["cellsSum"] as? String == sha256(Data((cells.joined(separator: ",") + "\n").utf8)))
        #expect(!files.keys.contains { $0.hasPrefix("cells/") })
        let identity = try #require(try JSONSerialization.jsonObject(with: files["batch.json"]!) as? [String: Any])
        #expect((identity["inputs"] as? [String: String])?.keys.sorted() == ["loans.csv", "m.yaml", "more.yaml", "s.yaml"])
    }

    @Test("--resume after an input's content changed: exit 65 naming the file, the folder untouched",
          arguments: ["s.yaml", "more.yaml", "loans.csv"])
    func resumeRefusesChangedInput(file: String) throws {
        let dir = try Self.project()
        let out = CLITests.temp("b")
        #expect(try Self.batch(dir, out).status == 0)
        let before = CLITests.tree(out)
        // A change that still parses: a YAML comment, or one more loan row.
        try Self.append(file.hasSuffix(".csv") ? "L3,fixed,10,2023-01-01,2026-01-01,1%\n" : "# changed\n",
                        to: dir.appendingPathComponent(file))
        let r = try Self.batch(dir, out, ["--resume"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("cannot resume: \(file): content changed since the batch ran"), "\(r.stderr)")
        #expect(CLITests.tree(out) == before)
    }

    @Test("--resume refuses an input a completed run read when it changed, even one read only by swept runs")
    func resumeRefusesChangedSweptFile() throws {
        // The sweep chooses the loans file: other.csv is read by runs 1 and 3 only (not by the base).
        let dir = try Self.project(sweep: "  treasury.loans_file: [loans.csv, other.csv]\n  treasury.horizon_years: [2, 3]\n")
        try Self.loans.write(to: dir.appendingPathComponent("other.csv"), atomically: true, encoding: .utf8)
        let out = CLITests.temp("b")
        #expect(try Self.batch(dir, out).status == 0)
        try Self.append("L9,fixed,1,2023-01-01,2026-01-01,1%\n", to: dir.appendingPathComponent("other.csv"))
        let r = try Self.batch(dir, out, ["--resume"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("other.csv: content changed"), "\(r.stderr)")
    }

    @Test("a folder batch: each scenario of the folder is an input; one edited or one added → --resume refused (65)")
    func folderBatchInputs() throws {
        let dir = try Self.project()
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("set"), withIntermediateDirectories: true)
        // Includes stay inside each scenario's own folder tree (issue 14, include confinement):
        // the shared files sit in the folder beside the scenarios.
        try fm.createDirectory(at: dir.appendingPathComponent("set/common"), withIntermediateDirectories: true)
        for name in ["more.yaml", "loans.csv"] {
            try fm.copyItem(at: dir.appendingPathComponent(name), to: dir.appendingPathComponent("set/common/\(name)"))
        }
        for name in ["a.yaml", "b.yaml"] {
            try Self.main.replacingOccurrences(of: "more.yaml", with: "common/more.yaml")
                .replacingOccurrences(of: "loans.csv", with: "common/loans.csv")
                .write(to: dir.appendingPathComponent("set/\(name)"), atomically: true, encoding: .utf8)
        }
        try "folder: set\n".write(to: dir.appendingPathComponent("f.yaml"), atomically: true, encoding: .utf8)
        let out = CLITests.temp("folder")
        let run = { (more: [String]) in try CLITests.prognos(["batch", dir.appendingPathComponent("f.yaml").path, "--output", out] + more) }
        #expect(try run([]).status == 0)
        let identity = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/batch.json"))) as? [String: Any])
        #expect((identity["inputs"] as? [String: String])?.keys.sorted() == ["f.yaml", "set/a.yaml", "set/b.yaml", "set/common/loans.csv", "set/common/more.yaml"])
        #expect(try run(["--resume"]).status == 0)                       // nothing changed: resumable
        try Self.append("# edited\n", to: dir.appendingPathComponent("set/b.yaml"))
        let edited = try run(["--resume"])
        #expect(edited.status == 65)
        #expect(edited.stderr.contains("set/b.yaml: content changed since the batch ran"), "\(edited.stderr)")
        try fm.removeItem(at: dir.appendingPathComponent("set/b.yaml"))
        try Self.main.replacingOccurrences(of: "more.yaml", with: "common/more.yaml")
            .replacingOccurrences(of: "loans.csv", with: "common/loans.csv")
            .write(to: dir.appendingPathComponent("set/b.yaml"), atomically: true, encoding: .utf8)
        #expect(try run(["--resume"]).status == 0)                       // the same bytes again: resumable
        try fm.copyItem(at: dir.appendingPathComponent("set/a.yaml"), to: dir.appendingPathComponent("set/c.yaml"))
        let added = try run(["--resume"])
        #expect(added.status == 65)
        #expect(added.stderr.contains("set/c.yaml: file added since the batch ran"), "\(added.stderr)")
    }

    @Test("merge of shards where one shard ran after the loans CSV changed: exit 65 naming it, nothing written")
    func mergeRefusesChangedInput() throws {
        let dir = try Self.project()
        let shards = [CLITests.temp("s0"), CLITests.temp("s1")]
        #expect(try Self.batch(dir, shards[0], ["--shard", "0/2"]).status == 0)
        try Self.append("L3,fixed,10,2023-01-01,2026-01-01,1%\n", to: dir.appendingPathComponent("loans.csv"))
        #expect(try Self.batch(dir, shards[1], ["--shard", "1/2"]).status == 0)
        let merged = CLITests.temp("merged")
        let r = try CLITests.prognos(["merge"] + shards + ["--output", merged])
        #expect(r.status == 65)
        #expect(r.stderr.contains("loans.csv: content differs"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged))
        // Nothing half-built beside it either.
        let parent = (merged as NSString).deletingLastPathComponent, name = (merged as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(name) }.isEmpty)
    }

    enum Damage: String, CaseIterable { case truncated, edited, emptied, folder }

    @Test("--resume reruns a damaged run file, counts it, and ends byte-identical to an uninterrupted batch",
          arguments: Damage.allCases)
    func damagedRunsRerun(damage: Damage) throws {
        let dir = try Self.project()
        let whole = CLITests.temp("whole"), damaged = CLITests.temp("damaged")
        #expect(try Self.batch(dir, whole).status == 0)
        #expect(try Self.batch(dir, damaged).status == 0)
        let reference = CLITests.tree(whole)
        #expect(CLITests.tree(damaged) == reference)     // both uninterrupted: the same bytes
        // Two runs damaged: one's JSON result, another's record (which holds its cells).
        for file in ["runs/0001.json", "sums/0003.json"] {
            let url = URL(fileURLWithPath: damaged).appendingPathComponent(file)
            let bytes = try Data(contentsOf: url)
            switch damage {
            case .truncated: try bytes.prefix(bytes.count / 2).write(to: url)
            case .edited:
                // The same length, one digit changed: only a checksum tells.
                // In a record, a digit of its cells (a digit of an input's checksum would be
                // an input that changed: refused, not rerun).
                var text = String(decoding: bytes, as: UTF8.self)
                let from = file.hasPrefix("sums/") ? try #require(text.range(of: "\"cells\":[")).upperBound : text.startIndex
                let i = try #require(file.hasPrefix("sums/") ? text[from...].firstIndex(where: { $0.isNumber && $0 != "9" })
                                                             : text.lastIndex(where: { $0.isNumber && $0 != "9" }))
                text.replaceSubrange(i...i, with: String(Int(String(text[i]))! + 1))
                try Data(text.utf8).write(to: url)
                #expect(text.utf8.count == bytes.count)
            case .emptied: try Data().write(to: url)
            case .folder:
                try FileManager.default.removeItem(at: url)
                try FileManager.default.createDirectory(at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
            }
        }
        let r = try Self.batch(dir, damaged, ["--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("4 körningar (4 klara, 0 misslyckade, 2 skadade körningar omkörda)"), "\(r.stderr)")
        let after = CLITests.tree(damaged)
        #expect(after.keys.sorted() == reference.keys.sorted())
        #expect(after == reference)
        // And a folder left inside a run path is gone (the tree above lists files only).
        var isDirectory: ObjCBool = false
        #expect(!(FileManager.default.fileExists(atPath: damaged + "/runs/0001.json/inside", isDirectory: &isDirectory)))
    }

    @Test("--resume removes the hidden temporary files a killed batch leaves: the folder equals an uninterrupted one")
    func strayTemporaryFiles() throws {
        let dir = try Self.project()
        let whole = CLITests.temp("whole"), killed = CLITests.temp("killed")
        #expect(try Self.batch(dir, whole).status == 0)
        #expect(try Self.batch(dir, killed).status == 0)
        // What OutputFile leaves when killed between write and rename: `.NAME.PID.HEX.tmp`.
        for stray in [".x.123.tmp", "runs/.0002.json.4711.tmp", "errors/.0000.txt.99.tmp", "sums/.0001.json.5.tmp",
                      ".results.csv.4242.1a2b3c.tmp", "runs/.0003.json.4242.ff.tmp", "errors/.0001.txt.99.ab.tmp"] {
            try Data("half".utf8).write(to: URL(fileURLWithPath: killed).appendingPathComponent(stray))
        }
        // A run whose record was never written (killed after its JSON): run again, not counted as damaged.
        try FileManager.default.removeItem(atPath: killed + "/sums/0002.json")
        let r = try Self.batch(dir, killed, ["--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("0 skadade körningar omkörda"), "\(r.stderr)")
        let a = CLITests.tree(whole), b = CLITests.tree(killed)
        #expect(b.keys.sorted() == a.keys.sorted())
        #expect(a == b)
    }

    @Test("a sweep of 10^12 or 10^21 runs: exit 65 with the count, fast, nothing allocated or written",
          arguments: [4, 7])
    func hugeSweep(keys: Int) throws {
        // `keys` swept paths of 1000 values each: 1000^4 = 10^12 runs, 1000^7 = 10^21 > Int.max (≈ 9.2·10^18).
        let values = "[" + (1...1000).map(String.init).joined(separator: ", ") + "]"
        let sweep = (0..<keys).map { "  treasury.x\($0): \(values)\n" }.joined()
        let dir = try Self.project(sweep: sweep)
        let out = CLITests.temp("huge")
        let started = Date()
        let r = try Self.batch(dir, out)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 65)
        let size = keys == 4 ? "1000000000000" : "more than 9223372036854775807"
        #expect(r.stderr.contains("the sweep has \(size) runs (1000 × 1000 × 1000 × 1000"), "\(r.stderr)")
        #expect(r.stderr.contains("more than --max-runs 1000000"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--max-runs 3 refuses a sweep of 2 × 2 = 4 runs (65); --max-runs 4 runs it")
    func maxRuns() throws {
        let dir = try Self.project()
        let out = CLITests.temp("max")
        let r = try Self.batch(dir, out, ["--max-runs", "3"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("the sweep has 4 runs (2 × 2), more than --max-runs 3"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try Self.batch(dir, out, ["--max-runs", "4"]).status == 0)
        #expect(try Self.batch(dir, CLITests.temp("x"), ["--max-runs", "0"]).status == 64)
    }

    @Test("an outputs path the result does not have: exit 65 naming it and its manifest line, before any run")
    func unknownOutputs() throws {
        let dir = try Self.project(extra: """
        outputs:
          - treasury.metrics.fixing_years
          - treasury.scenarios[base].years.external_interest
          - treasury.metrics.fixing_yeers

        """)
        let out = CLITests.temp("outputs")
        let r = try Self.batch(dir, out)
        #expect(r.status == 65)
        // The manifest: base (1), sweep (2–4), outputs (5), the third path on line 8, column 5.
        #expect(r.stderr.contains("m.yaml:8:5: error: outputs: 'treasury.metrics.fixing_yeers' is not in the result: 'treasury.metrics' has no 'fixing_yeers'; it has "), "\(r.stderr)")
        #expect(r.stderr.contains("fixing_years"))
        #expect(!r.stderr.contains("m.yaml:6:"))             // the two good paths are not reported
        #expect(!FileManager.default.fileExists(atPath: out))  // no runs/ written
        // A path that ends at an object is not a value either.
        let obj = try Self.project(extra: "outputs: [treasury.metrics]\n")
        let o = try Self.batch(obj, CLITests.temp("obj"))
        #expect(o.status == 65)
        #expect(o.stderr.contains("'treasury.metrics' is an object, not a value"), "\(o.stderr)")
        // A scenario id that is not there.
        let sel = try Self.project(extra: "outputs:\n  - treasury.scenarios[stress].years.external_interest\n")
        let s = try Self.batch(sel, CLITests.temp("sel"))
        #expect(s.status == 65)
        #expect(s.stderr.contains("'treasury.scenarios' has no element 'stress'; it has base"), "\(s.stderr)")
    }

    @Test("batch and merge refuse a non-empty folder that is not the same batch (64) and leave it untouched")
    func foreignFolder() throws {
        let dir = try Self.project()
        let foreign = CLITests.temp("foreign")
        try FileManager.default.createDirectory(atPath: foreign + "/runs", withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: foreign + "/runs/0000.json"))
        let before = CLITests.tree(foreign)
        for resume in [[], ["--resume"]] {
            let r = try Self.batch(dir, foreign, resume)
            #expect(r.status == 64)
            #expect(r.stderr.contains("\(foreign): error: not empty and not a batch folder (it holds notes.txt, runs)"), "\(r.stderr)")
            #expect(CLITests.tree(foreign) == before)
        }
        // An empty folder is fine; a folder of the same batch without --resume is refused (64).
        let empty = CLITests.temp("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try Self.batch(dir, empty).status == 0)
        let again = try Self.batch(dir, empty)
        #expect(again.status == 64)
        #expect(again.stderr.contains("already holds a batch: use --resume"))
        // Merge into the foreign folder: refused, untouched; into an empty one: the same as the batch.
        let shards = [CLITests.temp("s0"), CLITests.temp("s1")]
        for k in 0..<2 { #expect(try Self.batch(dir, shards[k], ["--shard", "\(k)/2"]).status == 0) }
        let m = try CLITests.prognos(["merge"] + shards + ["--output", foreign])
        #expect(m.status == 64)
        #expect(m.stderr.contains("\(foreign): error: not empty and not a batch folder"), "\(m.stderr)")
        #expect(CLITests.tree(foreign) == before)
        // Into another batch's folder (a different sweep): refused too.
        let other = try Self.project(sweep: "  treasury.horizon_years: [4]\n")
        let otherOut = CLITests.temp("other")
        #expect(try Self.batch(other, otherOut).status == 0)
        let otherBefore = CLITests.tree(otherOut)
        #expect(try CLITests.prognos(["merge"] + shards + ["--output", otherOut]).status == 64)
        #expect(CLITests.tree(otherOut) == otherBefore)
        // Into one of its own shards: a usage error.
        #expect(try CLITests.prognos(["merge"] + shards + ["--output", shards[0]]).status == 64)
        // Into the same batch's folder (merged again): allowed, and equal to the single batch.
        #expect(try CLITests.prognos(["merge"] + shards + ["--output", empty]).status == 0)
        let merged = CLITests.temp("merged")
        #expect(try CLITests.prognos(["merge"] + shards + ["--output", merged]).status == 0)
        #expect(CLITests.tree(merged) == CLITests.tree(empty))
    }

    @Test("merge refuses a shard with a damaged run (65), naming the folder and the run")
    func mergeRefusesDamagedRun() throws {
        let dir = try Self.project()
        let shards = [CLITests.temp("s0"), CLITests.temp("s1")]
        for k in 0..<2 { #expect(try Self.batch(dir, shards[k], ["--shard", "\(k)/2"]).status == 0) }
        // Run 1 is shard 1's (1 mod 2 = 1): one byte of its result changed.
        let url = URL(fileURLWithPath: shards[1] + "/runs/0001.json")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: url)
        let merged = CLITests.temp("merged")
        let r = try CLITests.prognos(["merge"] + shards + ["--output", merged])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(shards[1]): error: run 0001 is damaged (runs/0001.json is not the bytes written (checksum))"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged))
    }
}

/// SHA-256 by the test's own means (the system's `sha256sum`), not through Prognos.
private func sha256(_ data: Data) -> String {
    let url = Scratch.folder.appendingPathComponent("prognos-sha-\(UUID().uuidString)")
    try? data.write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: out, as: UTF8.self).prefix(64))
}
