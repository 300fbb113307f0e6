import Foundation
import Testing
@testable import PrognosCore

/// A fresh temporary directory with the given files written into it.
func temporaryFiles(_ files: [String: String]) throws -> URL {
    let dir = Scratch.folder.appendingPathComponent("prognos-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
}

/// Loads a scenario from text; returns the scenario or the failure.
func load(_ yaml: String, name: String = "s.yaml", extra: [String: String] = [:], overrides: [String] = [])
    throws -> Result<Scenario, InputFailure> {
    let dir = try temporaryFiles(extra.merging([name: yaml]) { a, _ in a })
    do {
        return .success(try Scenario.load(path: dir.appendingPathComponent(name).path, overrides: overrides))
    } catch {
        return .failure(error)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f }; return nil }
    var value: Success? { if case .success(let v) = self { return v }; return nil }
}

/// The path of the repository's root (for shipped scenarios).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let mnkr = 1e6

/// A small treasury scenario that reads three files: `s.yaml`, its include `more.yaml` and
/// the loans CSV at `csvPath`, in a fresh folder (input-file records, output-path checks).
let threeFileLoansCSV = "id,type,notional,start,maturity,rate\nL1,fixed,100,2023-01-01,2027-01-01,2%\n"

func threeFileScenario(csvPath: String = "loans.csv") throws -> URL {
    let main = """
    prognos: 1
    unit: mnkr
    include: [more.yaml]
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 2
      curve: {type: zero, points: {1Y: 3%, 5Y: 3%}}
      loans_file: \(csvPath)
    """
    return try temporaryFiles(["s.yaml": main, "more.yaml": "prognos: 1\nname: Med include\n", csvPath: threeFileLoansCSV])
}

/// Runs the manifest at `path` as a batch into a new `out` folder beside it and returns each
/// run's JSON as written, after checking that none failed and that each is the bytes
/// `prognos run` of that run alone writes (spec/batch.md: a run's files do not depend on
/// the other runs or on --jobs).
func batchRunsEqualAlone(_ path: String, jobs: Int = 2) throws -> [Data] {
    let manifest = try Manifest.read(path: path, extraOverrides: [])
    let count = try #require(manifest.runCount)
    let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out").path
    let report = try BatchRunner.run(manifest, overrides: [], folder: out, jobs: jobs, resume: false, shard: nil)
    #expect(report.failed == 0)
    return try (0..<count).map { i in
        let (input, overrides) = BatchRunner.runInput(manifest, i)
        let alone = try BatchRunner.runJSON(path: input, overrides: overrides).text
        let written = try Data(contentsOf: URL(fileURLWithPath: out + "/runs/\(BatchRunner.runID(i, of: count)).json"))
        let same = Array(written) == Array(alone.utf8)   // (a Bool: the arrays are ≈ 139 kB)
        #expect(same, "run \(i): \(input)")
        return written
    }
}
