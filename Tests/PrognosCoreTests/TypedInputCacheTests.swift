import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: a batch keeps each treasury section it has read (`TypedInputCache`), its
/// input labels, path resolutions and swept overrides. Each must give a run exactly what
/// reading it afresh gives (spec/batch.md: a run's files do not depend on the other runs).
@Suite("batch input caches")
struct TypedInputCacheTests {
    /// The internal-bank scenario's merged tree with `overrides`, and its unit and limits.
    static func tree(_ overrides: [String] = []) throws -> (SourceNode, AmountUnit, InputLimits) {
        let scenario = try Scenario.load(path: BatchSpeedTests.internbank, overrides: overrides)
        var limits = InputLimits()
        limits.confine(to: BatchSpeedTests.internbank)
        return (try #require(scenario.mergedTree), scenario.unit, limits)
    }

    /// The treasury section of `tree` read through `cache`: the value, the files recorded and
    /// the diagnostics logged.
    static func read(_ tree: SourceNode, _ unit: AmountUnit, _ limits: InputLimits,
                     cache: TypedInputCache) throws -> (TreasuryInput?, [String], [String]) {
        let log = DiagnosticLog()
        let root = try #require(MapReader(tree, spec: ScenarioSpecs.root, context: "the scenario", DecodeContext(log: log, unit: unit)))
        let section = try #require(root.section("treasury", spec: TreasurySpecs.treasury))
        let node = try #require(root.node("treasury"))
        let (value, files) = try InputFileLog.collecting { () -> TreasuryInput? in cache.treasury(node, section, limits: limits) }
        return (value, files.map(\.resolved), log.diagnostics.map(\.message))
    }

    @Test("a kept section gives the value, the files and the silence of its first read; a section that logs is not kept")
    func keptOnlyWhenSilent() throws {
        let cache = TypedInputCache()
        let (tree, unit, limits) = try Self.tree()
        let first = try Self.read(tree, unit, limits, cache: cache)
        #expect(first.0 != nil && first.2.isEmpty && cache.count == 1)
        // The loans CSV of the internal bank is recorded on the first read and on the kept one.
        #expect(first.1.contains { $0.hasSuffix("reverser-2024.csv") })
        let again = try Self.read(tree, unit, limits, cache: cache)
        #expect(cache.count == 1)
        #expect(again.1 == first.1 && again.2.isEmpty)
        // The kept value is the one read: same loans, internal loans, margin, valuation date.
        let a = try #require(first.0), b = try #require(again.0)
        #expect(a.loans.map(\.id) == b.loans.map(\.id) && a.valuationDate == b.valuationDate)
        #expect(a.internalBank?.margin == b.internalBank?.margin && a.internalBank?.loans.count == b.internalBank?.loans.count)

        // Another margin is another section: read, and kept beside the first.
        let (other, _, _) = try Self.tree(["treasury.internal_bank.margin=0.45%"])
        let third = try Self.read(other, unit, limits, cache: cache)
        #expect(cache.count == 2)
        let thirdInput = try #require(third.0)
        let margin = try #require(thirdInput.internalBank?.margin)
        #expect(abs(margin - 0.0045) < 1e-15 && third.2.isEmpty)

        // A section whose read logs an error (a margin that is not a rate) logs it on every
        // read and is never kept. (Unknown keys are logged by the section's reader, before
        // the cache is asked.)
        let here = PrognosCore.SourceLocation(file: "test", line: 1, column: 1)
        let broken = try #require(Self.replacing(["treasury", "internal_bank", "margin"], with: .scalar("abc", plain: true, here), in: tree))
        for _ in 0..<2 {
            let read = try Self.read(broken, unit, limits, cache: cache)
            #expect(read.2.contains { $0.contains("margin") }, "\(read.2)")
        }
        #expect(cache.count == 2)
    }

    /// `tree` with the value at `path` (mapping keys) replaced, nil when it has none.
    static func replacing(_ path: [String], with value: SourceNode, in tree: SourceNode) -> SourceNode? {
        guard let key = path.first else { return value }
        guard case .mapping(var entries, let at) = tree, let i = entries.firstIndex(where: { $0.key == key }),
              let inner = replacing(Array(path.dropFirst()), with: value, in: entries[i].value) else { return nil }
        entries[i].value = inner
        return .mapping(entries, at)
    }

    /// `tree`'s key bytes.
    static func bytes(_ tree: SourceNode) -> [UInt8] {
        var b = SourceNode.ExactBytes()
        b.add(tree)
        return b.out
    }

    @Test("the key: equal trees give equal bytes; NFC and NFD, plain and quoted, positions, files and splits of text differ")
    func keyBytes() {
        let f = PrognosCore.SourceLocation(file: "a.yaml", line: 3, column: 5)
        func map(_ key: String, _ value: String, plain: Bool = true, at: PrognosCore.SourceLocation = f, keyAt: PrognosCore.SourceLocation = f) -> SourceNode {
            .mapping([.init(key: key, keyLocation: keyAt, value: .scalar(value, plain: plain, at))], f)
        }
        let base = Self.bytes(map("name", "Stångåstaden"))
        #expect(base == Self.bytes(map("name", "Stångåstaden")))
        // Canonically equal spellings are equal Strings, but not equal bytes.
        #expect("Sta\u{30A}ngåstaden" == "Stångåstaden")
        #expect(base != Self.bytes(map("name", "Sta\u{30A}ngåstaden")))
        #expect(base != Self.bytes(map("name", "Stångåstaden", plain: false)))
        #expect(base != Self.bytes(map("name", "Stångåstaden", at: PrognosCore.SourceLocation(file: "a.yaml", line: 3, column: 6))))
        #expect(base != Self.bytes(map("name", "Stångåstaden", keyAt: PrognosCore.SourceLocation(file: "a.yaml", line: 4, column: 5))))
        // The same position in another file; a file written in full, not as the mark of "same file".
        #expect(base != Self.bytes(map("name", "Stångåstaden", at: PrognosCore.SourceLocation(file: "b.yaml", line: 3, column: 5))))
        // Text split differently between key and value, or between two scalars.
        #expect(Self.bytes(map("ab", "c")) != Self.bytes(map("a", "bc")))
        let two = SourceNode.sequence([.scalar("ab", plain: true, f), .scalar("c", plain: true, f)], f)
        let split = SourceNode.sequence([.scalar("a", plain: true, f), .scalar("bc", plain: true, f)], f)
        #expect(Self.bytes(two) != Self.bytes(split))
        // A list of one mapping is not the mapping; an empty string is not an absent one.
        #expect(Self.bytes(.sequence([map("a", "b")], f)) != Self.bytes(map("a", "b")))
        #expect(Self.bytes(.sequence([.scalar("", plain: true, f)], f)) != Self.bytes(.sequence([], f)))
    }

    @Test("a folder batch of two scenario files named Å in NFC and NFD: each run is its own file's, as a run alone (review finding)")
    func folderSpellings() throws {
        // The caches a batch keeps (merged trees, resolved paths, labels) were keyed by
        // String, under which the two names are equal: the NFC file's run was the NFD file's.
        let scenarios = repositoryRoot.appendingPathComponent("Scenarios")
        func text(_ name: String) throws -> String { try String(contentsOf: scenarios.appendingPathComponent(name), encoding: .utf8) }
        let scenario = try text("linkoping-internbank-2024.yaml")
            .replacingOccurrences(of: "include: [portfolio-2024.yaml, rates-2024.yaml]", with: "include: [inc/portfolio-2024.yaml, inc/rates-2024.yaml]")
        #expect(scenario.contains("inc/portfolio-2024.yaml") && scenario.contains("margin: 0.30%"))
        let nfc = "\u{C5}", nfd = "A\u{30A}"
        let dir = try temporaryFiles([
            "m.yaml": "folder: scen\n",
            "scen/data/reverser-2024.csv": try text("data/reverser-2024.csv"),
            "scen/inc/portfolio-2024.yaml": try text("portfolio-2024.yaml"),
            "scen/inc/rates-2024.yaml": try text("rates-2024.yaml"),
            "scen/inc/data/loans-2024.csv": try text("data/loans-2024.csv"),
            "scen/inc/data/riksbank-policy-rate.csv": try text("data/riksbank-policy-rate.csv"),
        ])
        // Written one by one: as keys of one dictionary the two names are one.
        for (name, text) in [(nfc, scenario), (nfd, scenario.replacingOccurrences(of: "margin: 0.30%", with: "margin: 0.40%"))] {
            #expect(FileManager.default.createFile(atPath: dir.path + "/scen/" + name + ".yaml", contents: Data(text.utf8)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/scen").filter { $0.hasSuffix(".yaml") }.count == 2)
        let runs = try batchRunsEqualAlone(dir.appendingPathComponent("m.yaml").path, jobs: 1)
        #expect(runs.count == 2)
        // The two margins give two documents (0.30 % and 0.40 %).
        let differ = runs.count == 2 && runs[0] != runs[1]
        #expect(differ)
    }

    @Test("a batch sweeping a borrower's name in NFC and NFD and the margin writes each run as a run alone writes it")
    func batchSpellings() throws {
        let nfd = "Sta\u{30A}ngåstaden"
        let text = """
            base: \(BatchSpeedTests.internbank)
            sweep:
              treasury.internal_bank.borrowers[stangastaden].name: ["Stångåstaden", "\(nfd)"]
              treasury.internal_bank.margin: [0.20%, 0.40%]
              rates.scenarios[plus100].shift: [50bp, 75bp]

            """
        let dir = try temporaryFiles(["m.yaml": text])
        let runs = try batchRunsEqualAlone(dir.appendingPathComponent("m.yaml").path)
        #expect(runs.count == 8)
        var names = Set<[UInt8]>()
        for (i, written) in runs.enumerated() {
            // The borrower's name as the run's JSON spells it (a key of its income by borrower).
            let spelt = ["Stångåstaden", nfd].filter { written.range(of: Data($0.utf8)) != nil }
            #expect(spelt.count == 1, "run \(i)")
            spelt.forEach { names.insert(Array($0.utf8)) }
        }
        #expect(names == [Array("Stångåstaden".utf8), Array(nfd.utf8)])
    }

    @Test("a batch's swept overrides, made once: the values of each run, the last key varying fastest")
    func sweepOverrides() throws {
        let text = """
            base: \(BatchSpeedTests.internbank)
            sweep:
              rates.scenarios[plus100].shift: [0bp, 25bp]
              treasury.internal_bank.margin: [0.10%, 0.20%, 0.30%]
              treasury.funding_spread.5Y: [0.20%, 0.25%, 0.30%, 0.35%]

            """
        let dir = try temporaryFiles(["m.yaml": text])
        let manifest = try Manifest.read(path: dir.appendingPathComponent("m.yaml").path, extraOverrides: [])
        // By hand: run 1 takes the last key's second value; run 4 the middle key's second
        // value and the others' first; run 23 (the last) every key's last value.
        #expect(manifest.valueIndices(1) == [0, 0, 1])
        #expect(manifest.valueIndices(4) == [0, 1, 0])
        #expect(manifest.valueIndices(23) == [1, 2, 3])
        let made = BatchRunner.SweepOverrides(manifest)
        for i in 0..<24 {
            let (_, kept) = BatchRunner.runInput(manifest, i, made)
            let fresh = try manifest.assignment(i).map { try Override(path: $0.0, value: $0.1) }
            #expect(kept.map(\.pathText) == fresh.map(\.pathText), "run \(i)")
            #expect(kept.map(\.value.scalarText) == fresh.map(\.value.scalarText), "run \(i)")
            #expect(kept.map(\.path) == fresh.map(\.path), "run \(i)")
        }
        let (_, last) = BatchRunner.runInput(manifest, 23, made)
        #expect(last.map(\.value.scalarText) == ["25bp", "0.30%", "0.35%"])
    }

    @Test("input labels: a file's label, worked out once, is its path relative to the manifest's folder")
    func labels() throws {
        let dir = try temporaryFiles(["m.yaml": "x", "sub/a.yaml": "y"])
        let labels = InputLabels(manifest: dir.appendingPathComponent("m.yaml").path)
        let inside = InputFile.make(path: dir.appendingPathComponent("sub/a.yaml").path, data: Data("y".utf8))
        let outside = InputFile.make(path: "/usr/share/x.csv", data: Data())
        for _ in 0..<2 {
            #expect(labels.label(inside) == "sub/a.yaml")
            #expect(labels.label(outside) == InputLabels.relative("/usr/share/x.csv", to: labels.folder))
            #expect(labels.label(outside).hasPrefix("../") && labels.label(outside).hasSuffix("/usr/share/x.csv"))
        }
        #expect(labels.labels([inside, outside]).count == 2)
    }
}
