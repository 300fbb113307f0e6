import Foundation
import Testing
@testable import PrognosCore

/// Issue 14 item 5 ("What a person sees is safe") and the front-end messages of item 7:
/// spreadsheet formula injection, control characters, include confinement, non-YAML input,
/// `--set include`, symlink loops, the node limit, the seed range, Foundation error text.
@Suite("Safety: what a person sees")
struct SafetyTests {
    static let header = "prognos: 1\nunit: mnkr\nas_of: 2024-03-31\n"

    // MARK: CSV / formula injection (OWASP)

    @Test("neutralized: a leading = + - @ tab CR gets a ' prefix; other text is unchanged")
    func neutralizedText() {
        // Expected values written by hand from OWASP's rule: prefix one apostrophe.
        #expect(SpreadsheetText.neutralized("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        #expect(SpreadsheetText.neutralized("+1") == "'+1")
        #expect(SpreadsheetText.neutralized("-foo") == "'-foo")
        #expect(SpreadsheetText.neutralized("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetText.neutralized("\tx") == "'\tx")
        #expect(SpreadsheetText.neutralized("\rx") == "'\rx")
        #expect(SpreadsheetText.neutralized("\u{FF1D}1+1") == "'\u{FF1D}1+1")   // full-width ＝
        #expect(SpreadsheetText.neutralized("=\u{301}x") == "'=\u{301}x")      // a combining mark does not hide '='
        #expect(SpreadsheetText.neutralized("Kommunstyrelsen") == "Kommunstyrelsen")
        #expect(SpreadsheetText.neutralized("a=b") == "a=b")
        #expect(SpreadsheetText.neutralized("") == "")
    }

    @Test("the excel-sv CSV writer quotes and prefixes formula-like text cells, never a number cell")
    func writerRow() throws {
        let text = try CSVOutput.write(.excelSV) { w in
            try w.write(.excelSV, row: ["=1+1", "-3,0", "@x", "ok"], text: [0, 2, 3])
        }
        // By hand: cell 0 and 2 become "'…" in double quotes; -3,0 is a number column: as is.
        #expect(text == "\"'=1+1\";-3,0;\"'@x\";ok\n")
        let rfc = try CSVOutput.write(.rfc4180) { w in try w.write(.rfc4180, row: ["=1+1", "-3.0"], text: [0]) }
        #expect(rfc == "=1+1,-3.0\n")   // the program dialect keeps the real string
    }

    @Test("excel-sv run output: hostile unit names are neutralised, a negative amount stays a number")
    func excelOutput() throws {
        let yaml = """
        prognos: 1
        unit: kr
        as_of: 2024-03-31
        operating:
          units:
            - {id: a, name: '=HYPERLINK("http://x")', budget: 10, budget_ytd: 2, actual_ytd: 2, forecast: {method: manual, value: 10}}
            - {id: b, name: '+1', budget: 10, budget_ytd: 2, actual_ytd: 2, forecast: {method: manual, value: 10}}
            - {id: c, name: '-foo', budget: 10, budget_ytd: 2, actual_ytd: 2, forecast: {method: manual, value: 10}}
            - {id: d, name: '@SUM(A1)', budget: 10, budget_ytd: 2, actual_ytd: 2, forecast: {method: manual, value: 10}}
            - {id: e, name: "\\tx", budget: 10, budget_ytd: 2, actual_ytd: 2, forecast: {method: manual, value: 10}}
            - {id: '-neg', name: Negativ, budget: -3.5, budget_ytd: -1, actual_ytd: -1, forecast: {method: manual, value: -3.5}}

        """
        let scenario = try #require(try load(yaml).value)
        let csv = try CSVOutput.render(try ScenarioRun.compute(scenario), dialect: .excelSV)
        let rows = csv.split(separator: "\n").map(String.init)
        // The printed tables (issue 16): name;actual to date;budget to date;deviation;… in kr as printed.
        #expect(rows.contains { $0.hasPrefix("\"'=HYPERLINK(\"\"http://x\"\")\";2;2;0;") })
        #expect(rows.contains { $0.hasPrefix("\"'+1\";2;2;0;") })
        #expect(rows.contains { $0.hasPrefix("\"'-foo\";2;2;0;") })
        #expect(rows.contains { $0.hasPrefix("\"'@SUM(A1)\";2;2;0;") })
        #expect(rows.contains { $0.hasPrefix("\"'\tx\";2;2;0;") })
        // Budget −3.5 kr is a number, printed as kr are (no decimals, half away from zero): -4 unquoted, no apostrophe.
        #expect(rows.contains("Negativ;-4;-4;0;"))
        // No number cell anywhere got an apostrophe: every "'" is right after an opening quote.
        for row in rows { #expect(!row.contains(";'"), "bare apostrophe in \(row)") }
        // The rfc4180 dialect is for programs: the names are written as they are.
        let rfc = try CSVOutput.render(try ScenarioRun.compute(scenario), dialect: .rfc4180)
        #expect(rfc.contains("unit,c,-foo,net_cost,"))
    }

    // MARK: Control characters

    @Test("TerminalText.escaped writes controls as Swift escapes, keeps ordinary text")
    func escaping() {
        // Hand-written: ESC is U+1B, BEL U+7, CSI (C1) U+9B, RIGHT-TO-LEFT OVERRIDE U+202E.
        #expect(TerminalText.escaped("a\u{1B}[31mb\u{07}") == "a\\u{1B}[31mb\\u{7}")
        #expect(TerminalText.escaped("x\ty\nz\r") == "x\\ty\\nz\\r")
        #expect(TerminalText.escaped("\u{9B}2J\u{202E}fdp.exe\u{7F}") == "\\u{9B}2J\\u{202E}fdp.exe\\u{7F}")
        #expect(TerminalText.escaped("Kommunstyrelsen åäö – 5 %") == "Kommunstyrelsen åäö – 5 %")
        #expect(TerminalText.escaped("l1\nl2\u{1B}", keepNewlines: true) == "l1\nl2\\u{1B}")
        #expect(TerminalText.quoted(String(repeating: "x", count: 50)) == String(repeating: "x", count: 39) + "…")
        #expect(TerminalText.quoted("short") == "short")
    }

    static let hostile = "\u{1B}[31mRöd\u{07}"

    static var hostileYAML: String {
        header + """
        operating:
          units:
            - {id: ks, name: "\\e[31mRöd\\a", budget: 30.2, budget_ytd: 7.5, actual_ytd: 6.8, forecast: {method: manual, value: 29.2}}

        """
    }

    @Test("a unit name with ESC[31m and BEL is shown escaped in the table, raw in JSON")
    func tableAndJSON() throws {
        let scenario = try #require(try load(Self.hostileYAML).value)
        #expect(scenario.operating?.units.first?.name == Self.hostile)   // the model keeps the real name
        let run = try ScenarioRun.compute(scenario)
        let table = TableOutput.render(run, lang: .sv)
        #expect(!table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(table.contains("\\u{1B}[31mRöd\\u{7}"))
        // Columns still line up: widths are taken from the escaped name (18 characters, shorter than
        // "Summa nettokostnader"), and with one unit the total row has the same figures.
        let lines = table.split(separator: "\n")
        let nameLine = try #require(lines.first { $0.hasPrefix("\\u{1B}[31mRöd\\u{7}") })
        let totalLine = try #require(lines.first { $0.hasPrefix("Summa nettokostnader") })
        #expect(nameLine.count == totalLine.count)
        // JSON keeps the real string (escaped by JSON itself): decoding gives ESC and BEL back.
        let json = try JSONOutput.render(run)
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let units = try #require((object["operating"] as? [String: Any])?["units"] as? [[String: Any]])
        #expect(units.first?["name"] as? String == Self.hostile)
    }

    @Test("an error message about a unit with ESC and BEL in its id shows them escaped")
    func messageEscaped() throws {
        let yaml = Self.header + """
        operating:
          units:
            - {id: "\\e[31mks\\a", name: K, budget: 30.2, budgt_ytd: 7.5, actual_ytd: 6.8, forecast: {method: manual, value: 29.2}}

        """
        let failure = try #require(try load(yaml).failure)
        let text = failure.description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("unknown key 'budgt_ytd' in operating.units[\\u{1B}[31mks\\u{7}]"))
        // A newline in a name cannot fake a second message: one diagnostic is one line.
        let d = Diagnostic(.error, "unit 'a\nb.yaml:1:1: error: fake'", at: SourceLocation(file: "x.yaml", line: 2, column: 3))
        #expect(d.description == "x.yaml:2:3: error: unit 'a\\nb.yaml:1:1: error: fake'")
    }

    // MARK: include confinement

    /// A folder tree: `root/sub/s.yaml` is the scenario, `root/outside.yaml` lies outside it.
    static func tree(_ scenario: String, extra: [String: String] = [:]) throws -> URL {
        try temporaryFiles(["sub/s.yaml": scenario, "outside.yaml": "name: Utanför\n", "sub/parts/in.yaml": "name: Inne\n",
                            "outside.csv": "id;type;notional;start;maturity;rate\nL1;fixed;1;2024-01-01;2025-01-01;1%\n"]
            .merging(extra) { _, b in b })
    }

    static func loadTree(_ dir: URL, allow: Bool = false) -> Result<Scenario, InputFailure> {
        var limits = InputLimits()
        limits.allowOutsideIncludes = allow
        do { return .success(try Scenario.load(path: dir.appendingPathComponent("sub/s.yaml").path, limits: limits)) }
        catch { return .failure(error) }
    }

    @Test("include '../x' and an absolute path outside the folder are errors at the include, naming the flag")
    func includeOutside() throws {
        let dir = try Self.tree(Self.header + "include: ../outside.yaml\n")
        let failure = try #require(Self.loadTree(dir).failure)
        #expect(failure.kind == .badInput)
        let d = try #require(failure.diagnostics.first)
        #expect(d.location?.line == 4)          // line 4: after the three header lines
        #expect(d.location?.column == 10)       // "include: " is 9 characters
        #expect(d.message.hasPrefix("include '../outside.yaml' leads outside the scenario's folder"))
        #expect(d.message.contains("--allow-outside-includes"))
        // With the flag the file is read and merged.
        #expect(Self.loadTree(dir, allow: true).value?.name == "Utanför")

        let absolute = dir.appendingPathComponent("outside.yaml").path
        let dir2 = try Self.tree(Self.header + "include: [\(absolute)]\n")
        let d2 = try #require(Self.loadTree(dir2).failure?.diagnostics.first)
        #expect(d2.message.hasPrefix("include '\(absolute)' is an absolute path outside"))
        // An absolute path that stays inside the folder tree is fine (what matters is where the file is).
        let dir3 = try Self.tree("")
        let inside = dir3.appendingPathComponent("sub/parts/in.yaml").path
        try (Self.header + "include: [\(inside)]\n").write(to: dir3.appendingPathComponent("sub/s.yaml"), atomically: true, encoding: .utf8)
        #expect(Self.loadTree(dir3).value?.name == "Inne")
        // And so is a `..` that comes back in.
        #expect(Self.loadTree(try Self.tree(Self.header + "include: parts/../parts/in.yaml\n")).value?.name == "Inne")
    }

    @Test("a symlink inside the folder that points outside is refused (resolved paths are compared)")
    func includeSymlink() throws {
        let dir = try Self.tree(Self.header + "include: link.yaml\n")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/link.yaml").path,
                                                   withDestinationPath: "../outside.yaml")
        let d = try #require(Self.loadTree(dir).failure?.diagnostics.first)
        #expect(d.message.hasPrefix("include 'link.yaml' leads through a symbolic link outside"))
        #expect(Self.loadTree(dir, allow: true).value?.name == "Utanför")
        // A folder symlink followed by `..`: the kernel reads next to the link's target.
        let dir2 = try Self.tree(Self.header + "include: evil/../outside.yaml\n",
                                 extra: ["elsewhere/outside.yaml": "name: Hemlig\n", "sub/outside.yaml": "name: Lockbete\n"])
        try FileManager.default.createSymbolicLink(atPath: dir2.appendingPathComponent("sub/evil").path,
                                                   withDestinationPath: dir2.appendingPathComponent("elsewhere").path)
        // Either refused or read as the file inside the folder; never the file outside.
        let result = Self.loadTree(dir2)
        #expect(result.value?.name != "Hemlig")
        #expect(result.value?.name == "Lockbete" || result.failure?.diagnostics.first?.message.contains("outside") == true)
    }

    @Test("a loans_file outside the folder is refused like an include; --allow-outside-includes allows it")
    func dataFileOutside() throws {
        let yaml = "prognos: 1\nunit: mnkr\ntreasury:\n  valuation_date: 2024-03-31\n  curve: {type: zero, points: {1Y: 3.6%, 5Y: 2.6%}}\n  loans_file: ../outside.csv\n"
        let dir = try Self.tree(yaml)
        let failure = try #require(Self.loadTree(dir).failure)
        let d = try #require(failure.diagnostics.first { $0.message.hasPrefix("loans_file") })
        #expect(d.message.hasPrefix("loans_file '../outside.csv' leads outside the scenario's folder"))
        #expect(d.message.contains("--allow-outside-includes"))
        #expect(d.location?.line == 6)
        #expect(d.location?.column == 15)     // "  loans_file: " is 14 characters
        let allowed = try #require(Self.loadTree(dir, allow: true).value)
        #expect(allowed.treasury?.loans.map(\.id) == ["L1"])
    }

    @Test("a symlink loop (include or CSV) says 'symlink loop', exit 66")
    func symlinkLoop() throws {
        let dir = try Self.tree(Self.header + "include: loop1.yaml\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop1.yaml").path, withDestinationPath: "loop2.yaml")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop2.yaml").path, withDestinationPath: "loop1.yaml")
        let failure = try #require(Self.loadTree(dir).failure)
        #expect(failure.kind == .missingInput)
        #expect(failure.diagnostics.first?.message.hasPrefix("symlink loop: ") == true)
        #expect(failure.diagnostics.first?.location?.line == 4)

        let csv = "prognos: 1\nunit: mnkr\ntreasury:\n  valuation_date: 2024-03-31\n  curve: {type: zero, points: {1Y: 3.6%}}\n  loans_file: loop1.yaml\n"
        let dir2 = try Self.tree(csv)
        try fm.createSymbolicLink(atPath: dir2.appendingPathComponent("sub/loop1.yaml").path, withDestinationPath: "loop2.yaml")
        try fm.createSymbolicLink(atPath: dir2.appendingPathComponent("sub/loop2.yaml").path, withDestinationPath: "loop1.yaml")
        let f2 = try #require(Self.loadTree(dir2).failure)
        #expect(f2.diagnostics.contains { $0.message.hasPrefix("symlink loop: ") && $0.location?.line == 6 })
    }

    // MARK: Files that are not YAML scenarios

    @Test("a file of 'Key: value' lines that is no scenario gives one error, not one per line")
    func notAScenario() throws {
        let text = (1...30).map { "Header-\($0): text of line \($0)" }.joined(separator: "\n") + "\n"
        let failure = try #require(try load(text).failure)
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics[0].message
                == "not a prognos scenario: none of its 30 top-level keys is a scenario key (the first is 'Header-1'); a scenario file begins with 'prognos: 1'")
    }

    @Test("error lists stop after the cap with '… and N more errors'; a long key is cut to 40 characters")
    func capped() throws {
        let keys = (1...30).map { "bad_key_\($0): 1" }.joined(separator: "\n")
        let failure = try #require(try load("prognos: 1\nunit: mnkr\n" + keys + "\n").failure)
        #expect(failure.diagnostics.count == 30)
        let lines = Diagnostic.lines(failure.diagnostics, limit: 10)
        #expect(lines.count == 11)
        #expect(lines[9].hasSuffix("unknown key 'bad_key_10' in the scenario"))
        #expect(lines[10] == "… and 20 more errors")   // 30 − 10
        #expect(Diagnostic.lines(failure.diagnostics, limit: Diagnostic.shownErrorsValidate).count == 30)
        let long = String(repeating: "abcdefghij", count: 10)   // 100 characters
        let f2 = try #require(try load("prognos: 1\nunit: mnkr\n\(long): 1\n").failure)
        #expect(f2.diagnostics.first?.message == "unknown key '\(String(long.prefix(39)))…' in the scenario")
    }

    // MARK: The node limit

    @Test("a large plain file names --max-yaml-nodes and does not say alias; an alias bomb does")
    func nodeLimit() throws {
        var limits = InputLimits()
        limits.maxNodes = 50
        let plain = Self.header + "l: [" + Array(repeating: "1", count: 100).joined(separator: ", ") + "]\n"
        let dir = try temporaryFiles(["p.yaml": plain])
        do {
            _ = try Scenario.load(path: dir.appendingPathComponent("p.yaml").path, limits: limits)
            Issue.record("accepted")
        } catch {
            let m = try #require(error.diagnostics.first?.message)
            #expect(m == "YAML has more than 50 nodes; refusing to read it (rule F7; raise the limit with --max-yaml-nodes)")
        }
        let bomb = "prognos: 1\nunit: mnkr\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        let dir2 = try temporaryFiles(["b.yaml": bomb])
        do {
            _ = try Scenario.load(path: dir2.appendingPathComponent("b.yaml").path, limits: limits)
            Issue.record("accepted")
        } catch {
            let m = try #require(error.diagnostics.first?.message)
            #expect(m.hasPrefix("YAML expands, through its aliases, to more than 50 nodes (an alias bomb?)"))
            #expect(m.contains("--max-yaml-nodes"))
        }
    }

    // MARK: --set include

    @Test("--set include=…, include[0]=…, include.x=… are refused; a key that only begins with include is not")
    func setInclude() throws {
        for assignment in ["include=x.yaml", "include[0]=x.yaml", "include.x=1", " include =[a.yaml]"] {
            #expect(Override.refusal(assignment)?.contains("'include' cannot be overridden") == true, "\(assignment)")
            #expect(throws: InputFailure.self) { _ = try Override(assignment) }
        }
        #expect(Override.refusal("included=1") == nil)
        #expect(Override.refusal("operating.include=1") == nil)
        let failure = try #require(try load(Self.header, overrides: ["include=other.yaml"]).failure)
        #expect(failure.diagnostics.first?.message.hasPrefix("--set include: 'include' cannot be overridden") == true)
    }

    // MARK: seed range

    @Test("seeds: every UInt64 is accepted; out of range names the range 0 … 2^64 − 1")
    func seedRange() throws {
        // 2^64 − 1 = 18446744073709551615 (UInt64.max).
        #expect(try SimulationSettings.seed("18446744073709551615").get() == UInt64.max)
        #expect(try SimulationSettings.seed(" 0 ").get() == 0)
        for bad in ["-1", "18446744073709551616", "1e3", "abc"] {
            guard case .failure(let e) = SimulationSettings.seed(bad) else { Issue.record("accepted \(bad)"); continue }
            #expect(e.message == "the seed must be a whole number in 0 … 18446744073709551615 (2^64 − 1), found '\(bad)'")
        }
    }

    // MARK: Foundation error text

    @Test("plainReason never passes on NSCocoaErrorDomain or 'could not be completed'")
    func foundationText() throws {
        var caught: (any Error)?
        do { _ = try JSONSerialization.jsonObject(with: Data("{\"a\":".utf8)) } catch { caught = error }
        let reason = plainReason(try #require(caught))
        #expect(!reason.contains("NSCocoaErrorDomain") && !reason.contains("could not be completed"))
        #expect(!reason.isEmpty)
        #expect(plainReason(NSError(domain: NSCocoaErrorDomain, code: NSFileReadNoSuchFileError)) == "no such file")
        #expect(plainReason(NSError(domain: NSPOSIXErrorDomain, code: Int(ELOOP))) == String(cString: strerror(ELOOP)))
    }

    @Test("no localizedDescription or raw error interpolation in the scenario front end")
    func noFoundationTextInFrontEnd() throws {
        let folder = repositoryRoot.appendingPathComponent("Sources/PrognosCore/Scenario")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(".localizedDescription"), "\(name)")
        }
    }
}
