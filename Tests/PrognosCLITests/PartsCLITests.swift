import Foundation
import Testing

/// `prognos simulate --shard` and `prognos merge` as separate processes (batch.md, Beyond
/// one machine; issue 14 item 4): the merged JSON is the single run's bytes; a damaged part
/// is exit 65 naming the file; a missing part is exit 66.
@Suite("prognos merge: simulation parts", .serialized)
struct PartsCLITests {
    static let file = "Scenarios/internbank-car-2024.yaml"
    /// An odd number of paths (antithetic pairs off), 3 years, bands ending inside block 1.
    static let options = ["--paths", "3001", "--set", "simulation.antithetic=false", "--set", "simulation.horizon_years=3",
                          "--set", "simulation.band_paths=1500"]

    static func parts(_ n: Int) throws -> [String] {
        let parts = (0..<n).map { CLITests.temp("part\($0)") + ".bin" }
        let processes = try (0..<n).map { k -> Process in
            let p = Process()
            p.executableURL = CLITests.binary
            p.currentDirectoryURL = CLITests.root
            p.arguments = ["simulate", file] + options + ["--shard", "\(k)/\(n)", "--output", parts[k], "--threads", "1"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        return parts
    }

    @Test("3 shards of 3001 paths as separate processes: merge = the single run's JSON, byte for byte")
    func threeShardsOdd() throws {
        let single = try CLITests.prognos(["simulate", Self.file] + Self.options + ["--format", "json"])
        #expect(single.status == 0)
        let parts = try Self.parts(3)
        let out = CLITests.temp("merged") + ".json"
        let m = try CLITests.prognos(["merge"] + parts + ["--output", out])
        #expect(m.status == 0)
        #expect(m.stderr.contains("sammanslaget: 3 delar (3 block, 3001 banor)"))   // Swedish by default (the catalogue)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == single.stdout)
    }

    @Test("a flipped bit is exit 65 naming the part; a missing part is exit 66; --max-paths below the run's paths is 65")
    func damaged() throws {
        let parts = try Self.parts(3)
        var data = try Data(contentsOf: URL(fileURLWithPath: parts[1]))
        data[data.count / 2] ^= 0x10          // one bit in the values
        let flipped = CLITests.temp("flipped") + ".bin"
        try data.write(to: URL(fileURLWithPath: flipped))
        let f = try CLITests.prognos(["merge", parts[0], flipped, parts[2], "--output", CLITests.temp("x")])
        #expect(f.status == 65)
        #expect(f.stderr.contains("\(flipped): checksum mismatch"))
        let missing = CLITests.temp("absent") + ".bin"
        let m = try CLITests.prognos(["merge", parts[0], missing, parts[2], "--output", CLITests.temp("x")])
        #expect(m.status == 66)
        // The CLI checks every input exists before reading any (merge of parts or folders alike).
        #expect(m.stderr.contains("\(missing): no such part file or folder to merge"))
        // 3001 paths against --max-paths 3000 (rule F7): refused before reading the values.
        let limited = try CLITests.prognos(["merge"] + parts + ["--max-paths", "3000", "--output", CLITests.temp("x")])
        #expect(limited.status == 65)
        #expect(limited.stderr.contains("claims 3001 paths; the limit is 3000"))
    }
}
