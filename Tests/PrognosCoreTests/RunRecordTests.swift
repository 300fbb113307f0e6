import Foundation
import Testing
@testable import PrognosCore

/// A batch run's record `sums/ID.json` (batch.md "Every output file is written atomically …
/// each completed run records a checksum"; issue 20 item 4 keeps the row's cells in it).
@Suite("batch: the run record")
struct RunRecordTests {
    static let sample = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"   // SHA-256 of "foo"

    @Test("the hand-written JSON is what JSONDecoder reads back, and JSONEncoder's bytes (sorted keys, no escaped slashes) for plain text")
    func roundTrip() throws {
        let plain = try RunRecord.result(id: "0007", jsonSum: Self.sample,
                                         cells: ["312.5", "", "true", "-0.25"], inputs: ["../Scenarios/x.yaml": Self.sample, "data/loans.csv": Self.sample])
        let failed = RunRecord(files: ["errors/0008.txt": Self.sample], inputs: [:])
        for record in [plain, failed] {
            let bytes = record.json()
            #expect(bytes.last == 0x0A)
            #expect(try JSONDecoder().decode(RunRecord.self, from: Data(bytes)) == record)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try encoder.encode(record), as: UTF8.self) + "\n")
        }
        // The cells' checksum is the SHA-256 of the row as RFC 4180 text: "312.5,,true,-0.25\n"
        // (`sha256sum` of that line).
        #expect(plain.cellsSum == Checksum.sha256(Data("312.5,,true,-0.25\n".utf8)))
    }

    @Test("quotes, backslashes, control characters, commas and non-ASCII in cells and paths survive the round trip")
    func awkwardText() throws {
        let cells = ["a \"quoted\", cell", "back\\slash", "line\nbreak\ttab\u{1}", "Linköping kommun", "=1+1", ""]
        let record = try RunRecord.result(id: "0001", jsonSum: Self.sample, cells: cells,
                                          inputs: ["../dåliga namn/\"x\".yaml": Self.sample, "a\\b.csv": Self.sample])
        let back = try JSONDecoder().decode(RunRecord.self, from: Data(record.json()))
        #expect(back == record)
        #expect(back.cells == cells)
        #expect(try RunRecord.cellsChecksum(cells) == back.cellsSum)
    }
}
