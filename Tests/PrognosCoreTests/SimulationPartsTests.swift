import Foundation
import Testing
@testable import PrognosCore

/// Simulation parts (batch.md, Beyond one machine; issue 14 item 4): a part is verified —
/// checksum, header against itself, the file and --max-paths, finite outcomes — before
/// anything is trusted or allocated for it, and merging parts gives the single run's bytes.
@Suite("Simulation parts: integrity and merge")
struct SimulationPartsTests {
    /// The shipped internal-bank Cost-at-Risk scenario, made small: 3 years, no antithetic
    /// pairs (so that the path count may be odd), band paths ending inside the second block.
    static let base = ["simulation.horizon_years=3", "simulation.antithetic=false", "simulation.band_paths=1500"]

    struct Run {
        var files: [String]
        var single: String
        var dir: URL
    }

    static func json(_ run: SimulationRun, _ s: Scenario) throws -> String {
        try JSONOutput.render(simulation: run, name: s.name, asOf: s.asOf?.description, unit: s.unit.rawValue,
                              warnings: s.warnings.map(\.description))
    }

    /// `shards` parts of a `paths`-path run written to files, and the single run's JSON.
    static func shards(_ shards: Int, paths: Int, extra: [String] = []) throws -> Run {
        let scenario = try Scenario.load(path: repositoryRoot.appendingPathComponent("Scenarios/internbank-car-2024.yaml").path,
                                         overrides: base + ["simulation.paths=\(paths)"] + extra)
        let treasury = try #require(scenario.treasury), settings = try #require(scenario.simulation)
        let job = try SimulationJob(treasury, settings: settings)
        let dir = try temporaryFiles([:])
        var files: [String] = []
        for k in 0..<shards {
            let blocks = SimulationPart.blocks(shard: k, of: shards, total: job.blockCount)
            let header = SimulationPart.Header(format: SimulationPart.formatVersion, scenarioHash: scenario.fingerprint,
                                               blockCount: job.blockCount, blockFrom: blocks.lowerBound, blockTo: blocks.upperBound,
                                               meta: job.meta, name: scenario.name, asOf: scenario.asOf?.description,
                                               unit: scenario.unit.rawValue, warnings: scenario.warnings.map(\.description))
            let data = try SimulationPart.simulate(job, header: header, threads: 2)
            let file = dir.appendingPathComponent("part-\(k).bin").path
            try data.write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let single = try json(SimulationRun.compute(treasury, settings: settings, threads: 2), scenario)
        return Run(files: files, single: single, dir: dir)
    }

    static func merged(_ files: [String], maxPaths: Int = InputLimits().maxPaths) throws(InputFailure) -> String {
        let (run, h) = try SimulationPart.merge(files, maxPaths: maxPaths)
        do {
            return try JSONOutput.render(simulation: run, name: h.name, asOf: h.asOf, unit: h.unit, warnings: h.warnings)
        } catch { throw InputFailure(.internalError, "\(error)") }
    }

    /// The failure of merging `files`, or nil if it succeeded.
    static func failure(_ files: [String], maxPaths: Int = InputLimits().maxPaths) -> InputFailure? {
        do { _ = try merged(files, maxPaths: maxPaths); return nil } catch { return error }
    }

    /// The layout a part's bytes have (the format is documented in SimulationParts.swift):
    /// the values start after the 16-byte prefix and the header length read at byte 12.
    static func valuesOffset(_ data: Data) -> Int {
        16 + Int(UInt32(data[12]) | UInt32(data[13]) << 8 | UInt32(data[14]) << 16 | UInt32(data[15]) << 24)
    }

    static func header(_ data: Data) throws -> SimulationPart.Header {
        try JSONDecoder().decode(SimulationPart.Header.self, from: data[16..<valuesOffset(data)])
    }

    /// The part with its header rewritten and its checksum recomputed: only the header
    /// checks can refuse it.
    static func recraft(_ data: Data, _ change: (inout SimulationPart.Header) -> Void) throws -> Data {
        var h = try header(data)
        change(&h)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = try encoder.encode(h)
        while (16 + json.count) % 8 != 0 { json.append(0x20) }
        var out = Data(data[0..<12])
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        out.append(data[valuesOffset(data)...])
        SimulationPart.seal(&out)
        return out
    }

    static func setDouble(_ data: inout Data, at offset: Int, _ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.replaceSubrange(offset..<(offset + 8), with: $0) }
    }

    @Test("3 shards of an odd number of paths (3001, blocks 1024 + 1024 + 953) merge to the single run's bytes")
    func threeShardsOddPaths() throws {
        let run = try Self.shards(3, paths: 3001)
        // Blocks of shard k of 3 over 3 blocks: [k, k + 1) (k·B/N with B = ⌈3001/1024⌉ = 3).
        let sizes = try run.files.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        let data = try Data(contentsOf: URL(fileURLWithPath: run.files[2]))
        let h = try Self.header(data)
        #expect(h.blockFrom == 2 && h.blockTo == 3)
        // Part 2 holds paths 2048..<3001 (953 paths, none a band path: bands are paths < 1500):
        // 5 series (the portfolio has swaps: the 4 costs and the swap book's value) × 3 years × 953
        // values × 8 bytes, + prefix, header and the 32-byte checksum.
        let years = h.meta.years.count
        #expect(years == 3 && h.meta.seriesCount == 5)
        #expect(sizes[2] == Self.valuesOffset(data) + 5 * years * 953 * 8 + 32)
        #expect(try Self.merged(run.files) == run.single)
        // The order of the files on the command line does not matter.
        #expect(try Self.merged(run.files.reversed()) == run.single)
    }

    @Test("one flipped bit anywhere in a part (prefix, header, values, checksum) → refused, naming the part (exit 65)")
    func everyBitFlip() throws {
        let run = try Self.shards(3, paths: 3001)
        let original = try Data(contentsOf: URL(fileURLWithPath: run.files[1]))
        let flipped = run.dir.appendingPathComponent("flipped.bin")
        let start = Self.valuesOffset(original), count = original.count
        // Every bit of the prefix; one bit of every 11th header byte; every 499th value byte;
        // every checksum byte (≈ 1,000 merges).
        var positions = (0..<(16 * 8)).map { ($0 / 8, $0 % 8) }
        positions += stride(from: 16, to: start, by: 11).map { ($0, $0 % 8) }
        positions += stride(from: start, to: count - 32, by: 499).map { ($0, $0 % 8) }
        positions += ((count - 32)..<count).map { ($0, ($0 * 3) % 8) }
        var accepted: [Int] = []
        for (byte, bit) in positions {
            var data = original
            data[byte] ^= UInt8(1 << bit)
            try data.write(to: flipped)
            guard let failure = Self.failure([run.files[0], flipped.path, run.files[2]]) else { accepted.append(byte); continue }
            #expect(failure.kind == .badInput)
            #expect(failure.description.contains("flipped.bin"), "byte \(byte) bit \(bit): \(failure.description)")
        }
        #expect(accepted.isEmpty, "flips accepted at bytes \(accepted.prefix(10))")
        // And the untouched parts still merge (the test's flips were the only cause).
        #expect(try Self.merged(run.files) == run.single)
    }

    @Test("NaN or ±Inf in a part with a valid checksum → refused as non-finite (exit 65)")
    func nonFinite() throws {
        let run = try Self.shards(3, paths: 3001)
        let original = try Data(contentsOf: URL(fileURLWithPath: run.files[1]))
        let h = try Self.header(original)
        let start = Self.valuesOffset(original), count = 1024, ny = h.meta.years.count
        // Part 1 holds paths 1024..<2048; its band paths are 1024..<1500 (476).
        let band = 1500 - 1024
        let bad = run.dir.appendingPathComponent("bad.bin")
        let cases: [(String, Int, Double)] = [
            ("external_interest NaN", start + 8 * 5, .nan),                                // row 0 (external, year 1), path 1029
            ("net +Inf", start + 8 * ((2 * ny + 1) * count + 7), .infinity),               // row 2·ny + 1
            ("funding rate −Inf", start + 8 * ((3 * ny) * count + 1), -.infinity),          // row 3·ny
            ("funding rate NaN on one path", start + 8 * ((3 * ny + 2) * count + 1), .nan), // a year with debt: mixed
            ("STIBOR band NaN", start + 8 * (h.meta.seriesCount * ny * count + 2 * 3 * band + 10), .nan),   // grid date 3
            ("swap value NaN", start + 8 * ((4 * ny + 1) * count + 3), .nan),              // row 4·ny + 1 (issue 19: swaps)
        ]
        for (name, offset, value) in cases {
            var data = original
            Self.setDouble(&data, at: offset, value)
            SimulationPart.seal(&data)
            try data.write(to: bad)
            let failure = Self.failure([run.files[0], bad.path, run.files[2]])
            #expect(failure?.kind == .badInput, "\(name)")
            #expect(failure?.description.contains("bad.bin") == true && failure?.description.contains("non-finite") == true,
                    "\(name): \(failure?.description ?? "accepted")")
        }
        // The same edit with a finite value is accepted (only non-finite values are refused):
        // the checks are on the value, not on the edit.
        var data = original
        Self.setDouble(&data, at: start + 8 * 5, 1.5e6)
        SimulationPart.seal(&data)
        try data.write(to: bad)
        #expect(Self.failure([run.files[0], bad.path, run.files[2]]) == nil)
    }

    @Test("crafted headers (from > to, huge block count, overflowing start, 10^12 paths, bad dates) → refused before allocation")
    func craftedHeaders() throws {
        let run = try Self.shards(3, paths: 3001)
        let original = try Data(contentsOf: URL(fileURLWithPath: run.files[1]))
        let bad = run.dir.appendingPathComponent("crafted.bin")
        func refused(_ data: Data, maxPaths: Int = InputLimits().maxPaths, _ expected: String) throws {
            try data.write(to: bad)
            let failure = Self.failure([run.files[0], bad.path, run.files[2]], maxPaths: maxPaths)
            #expect(failure?.kind == .badInput, "\(expected)")
            #expect(failure?.description.contains("crafted.bin: ") == true && failure?.description.contains(expected) == true,
                    "expected '\(expected)': \(failure?.description ?? "accepted")")
        }
        try refused(try Self.recraft(original) { $0.blockFrom = 2; $0.blockTo = 1 }, "from > to")
        try refused(try Self.recraft(original) { $0.blockCount = 1 << 40 }, "claims 1099511627776 blocks")
        try refused(try Self.recraft(original) { $0.blockFrom = Int.max; $0.blockTo = Int.max }, "beyond the run's 3 blocks")
        try refused(try Self.recraft(original) { $0.blockFrom = -1 }, "negative block range")
        // 10^12 paths (8 TB of one column), consistent with its block count: allowed by a raised
        // --max-paths, refused because the file does not hold what the header claims. Had
        // anything been allocated from the header, this would have died, not returned.
        let huge = 1_000_000_000_000
        try refused(try Self.recraft(original) {
            $0.meta.settings.paths = huge; $0.blockCount = (huge + 1023) / 1024; $0.blockTo = $0.blockCount
        }, maxPaths: Int.max, "needs")
        // Int.max paths: every size overflows; refused, no trap.
        try refused(try Self.recraft(original) {
            $0.meta.settings.paths = Int.max; $0.blockCount = Int.max / 1024 + 1; $0.blockFrom = 0; $0.blockTo = $0.blockCount
        }, maxPaths: Int.max, "too large to address")
        // The default --max-paths (10,000,000) refuses 20,000,000 paths and names the option.
        try refused(try Self.recraft(original) { $0.meta.settings.paths = 20_000_000; $0.blockCount = 19532 }, "--max-paths")
        try refused(try Self.recraft(original) { $0.meta.gridDates[0] = "2024-13-45" }, "grid dates")
        try refused(try Self.recraft(original) { $0.meta.curveGap = [.init(tenor: "0Q", model: 1, curve: 1)] }, "tenor")
        try refused(try Self.recraft(original) { $0.format = 1 }, "format 1")
        // A header length beyond the file (0xFFFFFFFF), resealed.
        var long = original
        long.replaceSubrange(12..<16, with: [0xFF, 0xFF, 0xFF, 0xFF])
        SimulationPart.seal(&long)
        try refused(long, "header length 4294967295")
        // Header JSON damaged (a bit flipped inside it, resealed): the reason in words, no
        // Swift `DecodingError` dump (found by an attack review).
        var flipped = original
        flipped[16] ^= 1
        SimulationPart.seal(&flipped)
        try refused(flipped, "unreadable part header (corrupt): not valid JSON")
        #expect(Self.failure([run.files[0], bad.path, run.files[2]])?.description.contains("DecodingError") == false)
        // A truncated part and an empty file.
        try refused(original.prefix(original.count - 8), "truncated or corrupt")
        try refused(Data(), "not a prognos simulation part")
    }

    @Test("overlapping parts, missing blocks, parts of another scenario or seed, a missing file")
    func partsOfOneRun() throws {
        let run = try Self.shards(3, paths: 3001)
        let overlap = Self.failure([run.files[0], run.files[1], run.files[1], run.files[2]])
        #expect(overlap?.kind == .badInput && overlap?.description.contains("blocks 2 (counted from 1) are in both") == true)
        let missing = Self.failure([run.files[0], run.files[2]])
        #expect(missing?.kind == .badInput && missing?.description.contains("missing blocks 2 of 3 (counted from 1)") == true)
        let tail = Self.failure([run.files[0], run.files[1]])
        #expect(tail?.description.contains("missing blocks 3 of 3 (counted from 1)") == true)
        // Another scenario (volatility 1 % instead of 0.9 %): a different fingerprint.
        let other = try Self.shards(3, paths: 3001, extra: ["simulation.volatility=1%"])
        let scenario = Self.failure([run.files[0], other.files[1], run.files[2]])
        #expect(scenario?.kind == .badInput)
        #expect(scenario?.description.contains("part-1.bin is from a different scenario") == true)
        // Same scenario hash but another seed in the header (crafted, resealed).
        let original = try Data(contentsOf: URL(fileURLWithPath: run.files[1]))
        let seeded = run.dir.appendingPathComponent("seed.bin")
        try Self.recraft(original) { $0.meta.settings.seed = 7 }.write(to: seeded)
        #expect(Self.failure([run.files[0], seeded.path, run.files[2]])?.description.contains("seed.bin has seed 7") == true)
        let absent = Self.failure([run.files[0], run.dir.appendingPathComponent("nope.bin").path, run.files[2]])
        #expect(absent?.kind == .missingInput)
        #expect(absent?.description.contains("nope.bin") == true)
    }

    @Test("shard K of N takes blocks ⌊K·B/N⌋..<⌊(K+1)·B/N⌋, exactly, even for N near Int.max")
    func shardBlocks() {
        // 10 blocks in 4 shards: ⌊0⌋, ⌊2.5⌋, ⌊5⌋, ⌊7.5⌋, 10.
        #expect((0..<4).map { SimulationPart.blocks(shard: $0, of: 4, total: 10) } == [0..<2, 2..<5, 5..<7, 7..<10])
        // ⌊(Int.max − 1)·10 / Int.max⌋ = 9 (k·B overflows Int; the full-width product does not).
        #expect(SimulationPart.blocks(shard: Int.max - 1, of: Int.max, total: 10) == 9..<10)
        #expect(SimulationPart.blocks(shard: 0, of: Int.max, total: 10) == 0..<0)
    }

    @Test("σ = 0: every path is the same, so the merged statistics have sd 0 and min = mean = max")
    func deterministicMerged() throws {
        let run = try Self.shards(2, paths: 2049, extra: ["simulation.volatility=0%"])
        let (merged, _) = try SimulationPart.merge(run.files, maxPaths: 10_000)
        for year in merged.years {
            for s in year.series where !s.mean.isNaN {
                // Identical values: quantiles exactly equal; the mean and sd up to the sum's rounding.
                let tolerance = 1e-12 * max(1, abs(s.mean))
                #expect(s.p05 == s.p95 && s.min == s.max && s.p50 == s.min)
                #expect(s.sd <= tolerance && abs(s.car95) <= tolerance && abs(s.mean - s.min) <= tolerance)
            }
        }
    }

    @Test("fuzz seeds and regression inputs in Tests/Fixtures/parts end in a value or a clear error")
    func fixtures() throws {
        let dir = repositoryRoot.appendingPathComponent("Tests/Fixtures/parts")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".bin") {
            let path = dir.appendingPathComponent(name).path
            if name.hasPrefix("seed-") {
                // The fuzzer's seeds are whole runs: they merge on their own.
                #expect(Self.failure([path]) == nil, "\(name)")
            } else {
                // Regression inputs: refused with exit 65 naming the file, never a trap.
                let failure = Self.failure([path])
                #expect(failure?.kind == .badInput && failure?.description.contains(name) == true, "\(name)")
            }
        }
    }
}
