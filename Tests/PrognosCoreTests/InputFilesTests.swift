import Foundation
import Testing
@testable import PrognosCore

/// The record of every file a run reads (batch identity, output-path checks).
@Suite("input files")
struct InputFilesTests {
    @Test("SHA-256 matches the FIPS 180-2 test vector for \"abc\"")
    func sha256Vector() {
        // FIPS 180-2, appendix B.1.
        #expect(Checksum.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a scenario's load lists itself, its include and its loans CSV, with content checksums")
    func recordsEveryFileRead() throws {
        let dir = try threeFileScenario()
        let csv = threeFileLoansCSV
        let scenario = try Scenario.load(path: dir.appendingPathComponent("s.yaml").path)
        let names = scenario.inputFiles.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(names == ["s.yaml", "more.yaml", "loans.csv"])
        #expect(scenario.inputFiles.last?.sha256 == Checksum.sha256(Data(csv.utf8)))
        #expect(scenario.inputFiles.allSatisfy { $0.inode != 0 })
        // Cached reads (a batch) still name the files they stand for.
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        _ = try Scenario.load(path: dir.appendingPathComponent("s.yaml").path)
        let again = try Scenario.load(path: dir.appendingPathComponent("s.yaml").path)
        #expect(again.inputFiles.map(\.sha256) == scenario.inputFiles.map(\.sha256))
    }
}
