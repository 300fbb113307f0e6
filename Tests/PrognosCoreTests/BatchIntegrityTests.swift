import Foundation
import Testing
@testable import PrognosCore

/// The pieces of a batch's integrity (spec/batch.md "Batch"): the run count in overflow-safe
/// arithmetic, output paths checked against a result, input paths recorded relative to the
/// manifest, the temporary-file pattern `--resume` removes, and how inputs changed.
@Suite("batch integrity")
struct BatchIntegrityTests {
    static func manifest(keys: Int, values: Int) throws -> Manifest {
        let list = "[" + (1...values).map(String.init).joined(separator: ", ") + "]"
        let text = "base: s.yaml\nsweep:\n" + (0..<keys).map { "  treasury.x\($0): \(list)\n" }.joined()
        let dir = try temporaryFiles(["m.yaml": text])
        return try Manifest.read(path: dir.appendingPathComponent("m.yaml").path, extraOverrides: [])
    }

    @Test("run count: 1000^4 = 10^12 exactly; 1000^7 = 10^21 > Int.max is nil, not a trap")
    func runCount() throws {
        #expect(try Self.manifest(keys: 4, values: 1000).runCount == 1_000_000_000_000)
        #expect(try Self.manifest(keys: 7, values: 1000).runCount == nil)
        // 3 × 3 × 3 = 27 (and the factors as the message writes them).
        let small = try Self.manifest(keys: 3, values: 3)
        #expect(small.runCount == 27)
        #expect(small.runCountFactors == "3 × 3 × 3")
        // Int.max = 2^63 − 1: 2^62 fits (62 keys of 2), 2^63 does not (63 keys of 2).
        #expect(try Self.manifest(keys: 62, values: 2).runCount == 1 << 62)
        #expect(try Self.manifest(keys: 63, values: 2).runCount == nil)
    }

    @Test("BatchRunner refuses a sweep over --max-runs before it reads the base scenario")
    func maxRunsBeforeAnything() throws {
        // The base scenario does not exist: reaching it would be exit 66, not the count's 65.
        let m = try Self.manifest(keys: 2, values: 3)
        let out = Scratch.folder.appendingPathComponent("prognos-max-\(UUID().uuidString)").path
        do {
            _ = try BatchRunner.run(m, overrides: [], folder: out, jobs: 1, resume: false, shard: nil, maxRuns: 8)
            Issue.record("a sweep of 9 runs passed --max-runs 8")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.description.contains("the sweep has 9 runs (3 × 3), more than --max-runs 8"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    static var result: [String: Any] { [
        "treasury": [
            "metrics": ["fixing_years": 2.5, "policy_ok": NSNull()],
            "scenarios": [["id": "base", "years": [["year": 2024, "external_interest": 1.0], ["year": 2025, "external_interest": 2.0]]]],
        ] as [String: Any],
    ] }

    @Test("output paths: a value (null included) is fine; a missing key, element, or an object is named")
    func outputProblems() {
        #expect(OutputColumns.problem("treasury.metrics.fixing_years", in: Self.result) == nil)
        #expect(OutputColumns.problem("treasury.metrics.policy_ok", in: Self.result) == nil)      // null is a value (empty cell)
        #expect(OutputColumns.problem("treasury.scenarios[base].years.external_interest", in: Self.result) == nil)
        #expect(OutputColumns.problem("treasury.metrics.fixing_yeers", in: Self.result)
                == "'treasury.metrics.fixing_yeers' is not in the result: 'treasury.metrics' has no 'fixing_yeers'; it has fixing_years, policy_ok")
        #expect(OutputColumns.problem("treasury.scenarios[stress].years.external_interest", in: Self.result)
                == "'treasury.scenarios[stress].years.external_interest' is not in the result: 'treasury.scenarios' has no element 'stress'; it has base")
        #expect(OutputColumns.problem("treasury.scenarios[base].years.net", in: Self.result)
                == "'treasury.scenarios[base].years.net' is not in the result: 'treasury.scenarios[base].years' has no 'net'; it has external_interest, year")
        #expect(OutputColumns.problem("treasury.metrics", in: Self.result)
                == "'treasury.metrics' is an object, not a value: name one of its fields; it has fixing_years, policy_ok")
        #expect(OutputColumns.problem("simulation.years", in: Self.result)
                == "'simulation.years' is not in the result: the result has no 'simulation'; it has treasury")
        #expect(OutputColumns.problem("treasury.metrics.fixing_years.x", in: Self.result)
                == "'treasury.metrics.fixing_years.x': 'treasury.metrics.fixing_years' is a value, it has no 'x'")
    }

    @Test("input paths are recorded relative to the manifest's folder, ../ when outside it")
    func relativeLabels() {
        #expect(InputLabels.relative("/a/b/s.yaml", to: "/a/b") == "s.yaml")
        #expect(InputLabels.relative("/a/b/data/l.csv", to: "/a/b") == "data/l.csv")
        #expect(InputLabels.relative("/a/s.yaml", to: "/a/b/c") == "../../s.yaml")
        #expect(InputLabels.relative("/x/s.yaml", to: "/a") == "../x/s.yaml")
        let labels = InputLabels(manifest: "/tmp/p/q/m.yaml")
        #expect(labels.path("../s.yaml").hasSuffix("/p/s.yaml"))
        #expect(labels.path("data/l.csv").hasSuffix("/p/q/data/l.csv"))
    }

    @Test("temporary files: exactly OutputFile's `.NAME.PID.HEX.tmp` and a merge folder's `.NAME.PID.tmp`")
    func temporaryPattern() {
        #expect(BatchFolder.isTemporary(".x.123.tmp"))
        // What OutputFile really names them (found by an attack review: a hex suffix with a
        // letter was not recognised, so --resume left ≈ 98 % of them behind).
        #expect(BatchFolder.isTemporary(".results.csv.4242.1a2b3c.tmp"))
        #expect(BatchFolder.isTemporary(".0003.json.4242.ff.tmp"))
        #expect(BatchFolder.isTemporary(OutputFile.temporaryName(for: "0001.json")))
        #expect(!BatchFolder.isTemporary(".x.4242.zz.tmp"))
        #expect(BatchFolder.isTemporary(".0001.json.4711.tmp"))
        #expect(!BatchFolder.isTemporary(".x.tmp"))          // no PID
        #expect(!BatchFolder.isTemporary("x.123.tmp"))       // not hidden
        #expect(!BatchFolder.isTemporary(".x.12a.tmp"))
        #expect(!BatchFolder.isTemporary("results.csv"))
    }

    @Test("input changes: content changed, file added, file removed; one line each, sorted by path")
    func changes() {
        let before = ["a.yaml": "1", "b.csv": "2", "c.yaml": "3"]
        let now = ["a.yaml": "1", "b.csv": "9", "d.yaml": "4"]
        let c = BatchIdentity.inputChanges(before: before, now: now)
        #expect(c.map(\.file) == ["b.csv", "c.yaml", "d.yaml"])
        #expect(c.map(\.how) == ["content changed", "file removed", "file added"])
        #expect(BatchIdentity.inputChanges(before: before, now: before).isEmpty)
    }
}
