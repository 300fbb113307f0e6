import Foundation
import Testing

/// Batch CSV dialect and default columns (issue 16 item 4 and the batch bullets; docs/batch.md).
@Suite struct BatchDialectCLITests {
    static func manifest(_ shifts: [String]) throws -> String {
        try CLITests.scenario("m.yaml", """
        base: \(CLITests.root.path)/Scenarios/treasury-2024.yaml
        sweep:
          rates.scenarios[plus100].shift: [\(shifts.joined(separator: ", "))]
        """)
    }

    /// The file's bytes as text, a byte-order mark kept (String(contentsOfFile:) drops it).
    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test("default columns cover every scenario: a sweep of plus100's shift gives different rows")
    func defaultColumnsEveryScenario() throws {
        let m = try Self.manifest(["0bp", "100bp", "200bp"])
        let out = CLITests.temp("defaults")
        #expect(try CLITests.prognos(["batch", m, "--output", out]).status == 0)
        let lines = try Self.read(out + "/results.csv").split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        // Every scenario of rates-2024.yaml, the base first.
        #expect(header[2] == "treasury.scenarios[base].years.external_interest_2024")
        for name in ["base", "plus100", "minus100", "plus200", "ramp200", "riksbank-2024-2025"] {
            #expect(header.contains("treasury.scenarios[\(name)].years.external_interest_2025"), "\(name)")
            #expect(header.contains("treasury.scenarios[\(name)].years.municipality_net_2025"), "\(name)")
        }
        #expect(header.suffix(2) == ["treasury.metrics.fixing_years", "treasury.policy_ok"])
        // The three rows differ (in plus100's columns) and agree in the base scenario's.
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",").dropFirst(2) }).count == 3)
        let plus = header.firstIndex(of: "treasury.scenarios[plus100].years.external_interest_2025")!
        let base = header.firstIndex(of: "treasury.scenarios[base].years.external_interest_2025")!
        let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(Set(cells.map { $0[base] }).count == 1)
        let plusValues = cells.map { Double($0[plus])! }
        // 0 bp shift = the base scenario; the cost rises with the shift.
        #expect(plusValues[0] == Double(cells[0][base])! && plusValues[0] < plusValues[1] && plusValues[1] < plusValues[2])
    }

    @Test("--csv-dialect excel-sv: BOM, ';' and decimal comma in results.csv and errors.csv; same values as rfc4180")
    func excelDialect() throws {
        let m = try Self.manifest(["50bp", "abc"])
        let plain = CLITests.temp("plain"), excel = CLITests.temp("excel")
        #expect(try CLITests.prognos(["batch", m, "--output", plain]).status == 1)   // 'abc' fails
        #expect(try CLITests.prognos(["batch", m, "--output", excel, "--csv-dialect", "excel-sv"]).status == 1)
        let p = try Self.read(plain + "/results.csv"), e = try Self.read(excel + "/results.csv")
        #expect(!p.hasPrefix("\u{FEFF}") && e.hasPrefix("\u{FEFF}run;rates.scenarios[plus100].shift;"))
        // Row by row, cell by cell: a number cell with a decimal point becomes a decimal comma, nothing else changes.
        let pRows = p.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let eRows = e.dropFirst().split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        #expect(pRows.count == eRows.count && pRows.count == 2)
        var decimals = 0
        for (a, b) in zip(pRows, eRows) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) {
                if Double(x) != nil && x.contains(".") { decimals += 1; #expect(y == x.replacingOccurrences(of: ".", with: ",")) } else { #expect(y == x) }
            }
        }
        #expect(decimals > 0)
        let errors = try Self.read(excel + "/errors.csv")
        #expect(errors.hasPrefix("\u{FEFF}run;rates.scenarios[plus100].shift;error\n0001;abc;"))
        // The runs themselves are the same bytes whatever the dialect.
        #expect(try Self.read(plain + "/runs/0000.json") == (try Self.read(excel + "/runs/0000.json")))
    }

    @Test("excel-sv is part of the batch identity: resume keeps it, another dialect is refused; merge writes it")
    func dialectIdentity() throws {
        let m = try Self.manifest(["10bp", "20bp", "30bp", "40bp"])
        let whole = CLITests.temp("whole-sv")
        #expect(try CLITests.prognos(["batch", m, "--output", whole, "--csv-dialect", "excel-sv"]).status == 0)
        let expected = try Self.read(whole + "/results.csv")
        // A lost results.csv and a lost run: --resume with the dialect rebuilds the same bytes.
        try FileManager.default.removeItem(atPath: whole + "/results.csv")
        try FileManager.default.removeItem(atPath: whole + "/runs/0002.json")
        let resumed = try CLITests.prognos(["batch", m, "--output", whole, "--csv-dialect", "excel-sv", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.read(whole + "/results.csv") == expected)
        // Resuming it as rfc4180 would mix dialects: refused.
        let other = try CLITests.prognos(["batch", m, "--output", whole, "--resume"])
        #expect(other.status == 65 && other.stderr.contains("--csv-dialect"))
        // Two shards in excel-sv merged: the same results.csv as the single run.
        let shards = (0..<2).map { CLITests.temp("sv-shard\($0)") }
        for k in 0..<2 {
            #expect(try CLITests.prognos(["batch", m, "--output", shards[k], "--shard", "\(k)/2", "--csv-dialect", "excel-sv"]).status == 0)
        }
        let merged = CLITests.temp("sv-merged")
        #expect(try CLITests.prognos(["merge"] + shards + ["--output", merged]).status == 0)
        #expect(try Self.read(merged + "/results.csv") == expected)
        // A shard of the other dialect is another batch.
        let plainShard = CLITests.temp("plain-shard")
        #expect(try CLITests.prognos(["batch", m, "--output", plainShard, "--shard", "1/2"]).status == 0)
        let mixed = try CLITests.prognos(["merge", shards[0], plainShard, "--output", CLITests.temp("mixed")])
        #expect(mixed.status == 65 && mixed.stderr.contains("--csv-dialect"))
    }

    @Test("docs/batch.md's rate-shift example runs as written (base beside Scenarios/)")
    func documentedExample() throws {
        let doc = try Self.read(CLITests.root.path + "/docs/batch.md")
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let shift = try #require(blocks.first { $0.contains("rates.scenarios[plus100].shift") })
        let m = try CLITests.scenario("shift.yaml", shift.replacingOccurrences(of: "base: Scenarios/", with: "base: \(CLITests.root.path)/Scenarios/"))
        let out = CLITests.temp("doc-example")
        #expect(try CLITests.prognos(["batch", m, "--output", out]).status == 0)
        let rows = try Self.read(out + "/results.csv").split(separator: "\n")
        #expect(rows.count == 1 + 6)
        #expect(Set(rows.dropFirst().map { $0.split(separator: ",").dropFirst(2) }).count == 6)   // six different rows
        // The unit-forecast example names paths the seed's result has.
        let unit = try #require(blocks.first { $0.contains("operating.units[kls].forecast.value") })
        for path in ["operating.units[kls].forecast", "operating.units[kls].deviation", "operating.total.forecast"] {
            #expect(unit.contains("  - \(path)\n"))
        }
    }
}
