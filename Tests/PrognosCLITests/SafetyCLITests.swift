import Foundation
import Testing

/// End-to-end for issue 14 item 5 and the front-end messages of item 7, on the real binary.
@Suite("prognos CLI: what a person sees is safe", .serialized)
struct SafetyCLITests {
    static func prognos(_ arguments: [String]) throws -> CLITests.Outcome { try CLITests.prognos(arguments) }

    static func hasRawControl(_ s: String) -> Bool {
        s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
    }

    @Test("--set include=… (and include[0], include.x) is a usage error, exit 64, in run and validate")
    func setInclude() throws {
        for assignment in ["include=other.yaml", "include[0]=other.yaml", "include.x=1"] {
            let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", assignment])
            #expect(r.status == 64, "\(assignment)")
            #expect(r.stderr.contains("'include' cannot be overridden"))
            #expect(r.stdout.isEmpty)
        }
        #expect(try Self.prognos(["validate", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "include=x.yaml"]).status == 64)
    }

    @Test("a unit name with ESC[31m and BEL: escaped in the table and in the error message, raw in JSON")
    func controlCharacters() throws {
        let yaml = CLITests.good.replacingOccurrences(of: "name: Kommunstyrelsen", with: "name: \"\\e[31mRöd\\a\"")
        let path = try CLITests.scenario("x.yaml", yaml)
        let table = try Self.prognos(["run", path])
        #expect(table.status == 0)
        #expect(!Self.hasRawControl(table.stdout) && !Self.hasRawControl(table.stderr))
        #expect(table.stdout.contains("\\u{1B}[31mRöd\\u{7}"))
        let json = try Self.prognos(["run", path, "--format", "json"])
        #expect(json.stdout.contains("\\u001b[31mRöd\\u0007") || json.stdout.contains("\\u001B[31mRöd\\u0007"))
        // An error in a unit whose id carries the codes: the message shows them escaped.
        let bad = CLITests.good.replacingOccurrences(of: "id: ks", with: "id: \"\\e[31mks\\a\"")
            .replacingOccurrences(of: "budget_ytd", with: "budgt_ytd")
        let r = try Self.prognos(["run", try CLITests.scenario("y.yaml", bad)])
        #expect(r.status == 65)
        #expect(!Self.hasRawControl(r.stderr))
        #expect(r.stderr.contains("unknown key 'budgt_ytd' in operating.units[\\u{1B}[31mks\\u{7}]"))
    }

    @Test("excel-sv CSV: =, +, -, @ names neutralised and quoted; the rfc4180 CSV keeps them")
    func excelInjection() throws {
        let yaml = CLITests.good.replacingOccurrences(of: "name: Kommunstyrelsen", with: "name: '=HYPERLINK(\"http://x\")'")
        let path = try CLITests.scenario("x.yaml", yaml)
        let sv = try Self.prognos(["run", path, "--format", "csv", "--csv-dialect", "excel-sv"])
        #expect(sv.status == 0)
        // By hand (OWASP + RFC 4180 quote doubling); the amounts are kronor, decimal comma dialect.
        #expect(sv.stdout.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\";6,8;7,5;0,7;"))   // the printed table, mnkr (issue 16)
        let rfc = try Self.prognos(["run", path, "--format", "csv"])
        #expect(rfc.stdout.contains("unit,ks,\"=HYPERLINK(\"\"http://x\"\")\",net_cost,"))
    }

    @Test("an include out of the scenario's folder: exit 65 at the include naming the flag; the flag allows it")
    func includeOutside() throws {
        let dir = Scratch.folder.appendingPathComponent("prognos-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "name: Utanför\n".write(to: dir.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
        let scenario = dir.appendingPathComponent("sub/s.yaml")
        try (CLITests.good + "include: ../outside.yaml\n").write(to: scenario, atomically: true, encoding: .utf8)
        let r = try Self.prognos(["run", scenario.path])
        #expect(r.status == 65)
        // CLITests.good is 7 lines and a blank one; the include is line 8, its value at column 10.
        #expect(r.stderr.contains("s.yaml:8:10: error: include '../outside.yaml' leads outside the scenario's folder"))
        #expect(r.stderr.contains("--allow-outside-includes"))
        let allowed = try Self.prognos(["run", scenario.path, "--allow-outside-includes"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.hasPrefix("Utanför\n"))
    }

    @Test("a file with many bad keys: run shows 10 and '… and 20 more errors'; validate lists all 30")
    func capped() throws {
        let keys = (1...30).map { "bad_key_\($0): 1" }.joined(separator: "\n")
        let path = try CLITests.scenario("x.yaml", "prognos: 1\nunit: mnkr\n" + keys + "\n")
        let run = try Self.prognos(["run", path])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.last == "… and 20 more errors")
        let validate = try Self.prognos(["validate", path])
        #expect(validate.status == 65)
        #expect(validate.stderr.split(separator: "\n").count == 30)
    }

    @Test("an HTML page and a CSV passed as scenario: one or two lines, never the file echoed back")
    func notYAML() throws {
        let html = "<!DOCTYPE html>\n<html>\n<head><title>Prognos</title></head>\n<body>\n"
            + (1...100).map { "<p>Rad \($0): text</p>" }.joined(separator: "\n") + "\n</body></html>\n"
        let r = try Self.prognos(["run", try CLITests.scenario("page.html", html)])
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count <= 2)
        #expect(!r.stderr.contains("Rad 50"))
        let csv = try Self.prognos(["run", "Scenarios/data/loans-2024.csv"])
        #expect(csv.status == 65)
        #expect(csv.stderr.split(separator: "\n").count == 1)
        #expect(!csv.stderr.contains("Kommuninvest"))
        let notes = (1...40).map { "Rubrik \($0): en lång rad text som inte är ett scenario utan anteckningar \($0)" }.joined(separator: "\n")
        let n = try Self.prognos(["validate", try CLITests.scenario("notes.yaml", notes + "\n")])
        #expect(n.status == 65)
        #expect(n.stderr.split(separator: "\n").count == 1)
        #expect(n.stderr.contains("not a prognos scenario: none of its 40 top-level keys is a scenario key"))
    }

    @Test("--seed out of range names the range (exit 64); a YAML seed out of range too (exit 65)")
    func seed() throws {
        for value in ["--seed=-1", "--seed=18446744073709551616"] {
            let r = try Self.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", value])
            #expect(r.status == 64)
            #expect(r.stderr.contains("0 … 18446744073709551615"))
        }
        let y = try Self.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--set", "simulation.seed=-5"])
        #expect(y.status == 65)
        #expect(y.stderr.contains("the seed must be a whole number in 0 … 18446744073709551615 (2^64 − 1), found '-5'"))
    }

    @Test("a symlink loop as the scenario says 'symlink loop', exit 66")
    func symlinkLoop() throws {
        let dir = Scratch.folder.appendingPathComponent("prognos-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a.yaml").path, withDestinationPath: "b.yaml")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b.yaml").path, withDestinationPath: "a.yaml")
        let r = try Self.prognos(["run", dir.appendingPathComponent("a.yaml").path])
        #expect(r.status == 66)
        #expect(r.stderr.contains("symlink loop"))
    }

    @Test("the node limit names --max-yaml-nodes and says alias only for aliases")
    func nodeLimit() throws {
        let r = try Self.prognos(["validate", "Scenarios/linkoping-ks-2024-03.yaml", "--max-yaml-nodes", "20"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("YAML has more than 20 nodes; refusing to read it (rule F7; raise the limit with --max-yaml-nodes)"))
        #expect(!r.stderr.contains("alias"))
        let bomb = "prognos: 1\nunit: mnkr\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        let b = try Self.prognos(["validate", try CLITests.scenario("b.yaml", bomb), "--max-yaml-nodes", "50"])
        #expect(b.stderr.contains("through its aliases"))
        #expect(b.stderr.contains("--max-yaml-nodes"))
    }

    @Test("report on a file that is not JSON: no Foundation boilerplate in the message")
    func reportNotJSON() throws {
        let path = try CLITests.scenario("r.json", "{\"a\":")
        let out = Scratch.folder.appendingPathComponent("prognos-\(UUID().uuidString).html").path
        let r = try Self.prognos(["report", path, "--output", out])
        #expect(r.status == 65)
        #expect(r.stderr.contains("not valid JSON ("))
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("could not be completed"))
    }
}
