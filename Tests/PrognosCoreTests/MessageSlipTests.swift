import Foundation
import Testing
@testable import PrognosCore

/// Messages that were right but hard to act on, found by a helper editing the shipped files as
/// a controller, a treasurer and an attacker would (2026-12-03): a CSV error without its column,
/// a value quoted in another notation than the file's, a tab-separated export not named as
/// such, libyaml's words in the wrong order, a runaway figure printed as `1.33e+17` in a Swedish
/// table, and a result JSON refused without saying where.
@Suite("Message slips: every error points at the cell and quotes it as written")
struct MessageSlipTests {
    static let head = PortfolioInputTests.head + "  loans_file: loans.csv\n"

    /// `file:line:column: message` of each diagnostic, the file by its last component.
    static func lines(_ failure: InputFailure) -> [String] {
        failure.diagnostics.map { d in
            let place = d.location.map { URL(fileURLWithPath: $0.file).lastPathComponent + ":\($0.line):\($0.column)" } ?? ""
            return "\(place): \(d.message)"
        }
    }

    @Test("a bad CSV cell is named by line and column; a ';' file's value is quoted as written, not as 87.5")
    func csvCellColumns() throws {
        // Columns counted by hand (1-based characters): in `C2;floating;87,5x;…` the notional
        // starts after "C2;floating;" (12 characters) → 13. In the quoted row the id `"C;3"`
        // holds the delimiter and the notional has a leading space: `"C;3";fixed; -87,5`
        // puts '-' at 6 + 6 + 1 + 1 = 14. The enum cell `fixd` in row 5 starts at 4.
        let csv = "id;type;notional;start;maturity;rate;margin;green\n"
            + "C1;fixed;100;2024-01-15;2030-01-15;3,25%;;\n"
            + "C2;floating;87,5x;2024-01-15;2030-01-15;;0,3%;\n"
            + "\"C;3\";fixed; -87,5;2024-01-15;2030-01-15;2%;;\n"
            + "C5;fixd;10;2024-01-15;2030-01-15;2%;;ja\n"
        let failure = try #require(try load(Self.head, extra: ["loans.csv": csv]).failure)
        let got = Self.lines(failure)
        let expected = [
            "loans.csv:3:13: expected an amount (a number in mnkr), found '87,5x' in column 'notional' for loan C2",
            "loans.csv:4:14: notional must be positive, found '-87,5' mnkr for loan C;3",
            "loans.csv:5:4: 'fixd' is not one of fixed, floating (did you mean 'fixed'?) (column 'type' in loan C5)",
            // "C5;fixd;10;2024-01-15;2030-01-15;2%;;" (margin empty) is 37 characters → 'ja' at 38.
            "loans.csv:5:38: expected true or false, found 'ja' in column 'green' for loan C5",
        ]
        #expect(got == expected, "\(got.joined(separator: "\n"))")
    }

    @Test("the byte-level reader of a large CSV (≥ 1 MB) names the same line and column")
    func csvCellColumnsLargeFile() throws {
        var csv = "id;type;notional;start;maturity;rate\n"
        let rows = 30_000   // ≈ 1.3 MB: past CSVFastLines.threshold, so LoanChunks reads it
        for i in 1...rows {
            if i == 20_000 {
                csv += "L20000 ; fixed ;1 0x0;2024-01-15;2030-01-15;3%\n"   // not a plain line: spaces at edges
            } else {
                csv += "L\(i);fixed;100;2024-01-15;2030-01-15;3,25%\n"
            }
        }
        #expect(csv.utf8.count >= CSVFastLines.threshold)
        let failure = try #require(try load(Self.head, extra: ["loans.csv": csv]).failure)
        // Line 20,001 (the header is line 1). "L20000 ; fixed ;" is 16 characters → 17.
        #expect(Self.lines(failure) == [
            "loans.csv:20001:17: expected an amount (a number in mnkr), found '1 0x0' in column 'notional' for loan L20000",
        ], "\(Self.lines(failure))")
    }

    @Test("a ledger row's bad cells are named by column too")
    func ledgerCellColumns() throws {
        var csv = "unit,period,type,amount\n"
        for m in 1...3 { csv += "ks,2024-0\(m),actual,2\nbf,2024-0\(m),actual,1\n" }
        csv += "ks,2024-03,actual,x1.5\n"
        let failure = try #require(try load(InputStrictnessTests.twoUnitLedgerScenario, extra: ["ledger.csv": csv]).failure)
        // "ks,2024-03,actual," is 18 characters → 19; the row is line 8.
        #expect(Self.lines(failure) == [
            "ledger.csv:8:19: expected an amount (a number in mnkr), found 'x1.5' in column 'amount' for ledger row",
        ], "\(Self.lines(failure))")
    }

    @Test("a ';' file's rate without a unit is quoted as written ('0,47', and the suggestion 0,47%), not as 0.47")
    func rateAsWritten() throws {
        let csv = "id;type;notional;start;maturity;rate\nC1;fixed;100;2024-01-15;2030-01-15;0,47\n"
        let failure = try #require(try load(Self.head, extra: ["loans.csv": csv]).failure)
        // "C1;fixed;100;2024-01-15;2030-01-15;" is 3 + 6 + 4 + 11 + 11 = 35 characters → 36.
        #expect(Self.lines(failure) == ["loans.csv:2:36: rate '0,47' has no unit; write 0,47% or 47bp in column 'rate' for loan C1"],
                "\(Self.lines(failure))")
    }

    @Test("a header ending with the delimiter (a spreadsheet's empty last column) is said as such")
    func trailingDelimiter() throws {
        let csv = "id;type;notional;start;maturity;rate;\nC1;fixed;100;2024-01-15;2030-01-15;2%;\n"
        let failure = try #require(try load(Self.head, extra: ["loans.csv": csv]).failure)
        #expect(failure.diagnostics.map(\.message) == [
            "the header ends with a delimiter (an empty last column name, as some spreadsheet exports write): remove the trailing delimiter from every line",
        ])
    }

    @Test("a tab-separated export is named as such in one error, not as one unknown column and five missing ones")
    func tabSeparated() throws {
        let csv = "id\ttype\tnotional\tstart\tmaturity\trate\nC1\tfixed\t100\t2024-01-15\t2030-01-15\t3%\n"
        let failure = try #require(try load(Self.head, extra: ["loans.csv": csv]).failure)
        #expect(failure.diagnostics.count == 1, "\(failure)")
        let d = try #require(failure.diagnostics.first)
        #expect(d.message.hasPrefix("the header is separated by tabs: Prognos reads CSV separated by ',' or ';'"), "\(d.message)")
        #expect(d.location?.line == 1)
        #expect(failure.kind == .badInput)
    }

    @Test("a second YAML document is said in a reader's words, at its '---'")
    func secondDocument() throws {
        let yaml = Self.head.replacingOccurrences(of: "  loans_file: loans.csv\n", with: "") + "---\nname: second\n"
        let failure = try #require(try load(yaml).failure)
        let d = try #require(failure.diagnostics.first)
        #expect(d.message.hasPrefix("a second YAML document starts here ('---'): a scenario file holds one document"), "\(d.message)")
        #expect(d.location?.line == 5)   // head is four lines; '---' is the fifth
        // Other libyaml errors keep context first: "while parsing …, did not find …".
        let broken = try #require(try load("prognos: 1\nunit: mnkr\noperating: {units: [\n").failure)
        let message = try #require(broken.diagnostics.first?.message)
        #expect(message.hasPrefix("invalid YAML: while parsing a flow"), "\(message)")
    }

    @Test("figures beyond Int's exact range are grouped like the rest, with the language's decimal mark")
    func hugeFigures() {
        // 1.33e23 kr is 133,000,000,000,000,000 mnkr: every digit, grouped by three (by hand).
        #expect(Format.amount(1.33e23, .mnkr, .sv) == "133 000 000 000 000 000,0")
        #expect(Format.amount(-1.33e23, .mnkr, .en) == "-133,000,000,000,000,000.0")
        // Either side of the switch at 9e15 (scaled): 8.9e14 and 9.1e14 mnkr, one decimal.
        #expect(Format.amount(8.9e20, .mnkr, .sv) == "890 000 000 000 000,0")
        #expect(Format.amount(9.1e20, .mnkr, .sv) == "910 000 000 000 000,0")
        #expect(NumberStyle(lang: .sv, unit: .mnkr, html: false).amount(2e24) == "2 000 000 000 000 000 000,0")
        #expect(Format.amount(1234.5e6, .mnkr, .sv) == "1 234,5")   // the ordinary path unchanged
        // Past 10²¹ in the unit (no municipality's figure; a tampered result): a power of ten, not 300 digits.
        #expect(Format.amount(1e308, .kr, .sv) == "1,00e+308")
        #expect(Format.amount(-2.5e27, .mnkr, .en) == "-2.50e+21")
        // A unit without decimals (kronor): no decimal mark on either path.
        #expect(Format.amount(1_234_567, .kr, .sv) == "1 234 567")
        #expect(Format.amount(-2e16, .kr, .en) == "-20,000,000,000,000,000")
    }

    @Test("a result JSON that is JSON but not a result names the JSON path where it stops being one")
    func resultJSONPath() throws {
        let dir = try temporaryFiles([:])
        func problem(_ text: String) throws -> String {
            let path = dir.appendingPathComponent("r-\(UUID().uuidString).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try ResultDocument.read(path: path)
                return "read"
            } catch {
                #expect(error.kind == .badInput)
                return error.diagnostics.first?.message.replacingOccurrences(of: path + ": ", with: "") ?? ""
            }
        }
        #expect(try problem(#"{"x": 1}"#)
                == "not a Prognos JSON result: missing key 'name' at the top level (a result is an object with \"name\" and \"unit\", as `prognos run --format json` writes it)")
        #expect(try problem(#"{"name": "x", "unit": "mnkr", "warnings": [{"code": "w", "message": 5}]}"#)
                .hasPrefix("not a Prognos JSON result: 'warnings[0].message' should hold a text, found a number"))
        #expect(try problem(#"{"name": "x", "unit": "mnkr", "warnings": [{"message": "m"}]}"#)
                == "not a Prognos JSON result: missing key 'code' in 'warnings[0]'")
        #expect(try problem(#"{"name": "x", "unit": "mnkr", "warnings": {}}"#)
                == "not a Prognos JSON result: 'warnings' should hold a list, found an object")
        #expect(try problem("[1, 2]").hasPrefix("not a JSON result: expected a JSON object"))
        #expect(try problem(#"{"name": "x", "unit": "mnkr", "warnings": []}"#) == "read")
        // A number its field cannot hold: Foundation on Linux says only "not valid JSON" with no
        // path; the bisection over the non-whole numbers (hundreds of amounts here) finds it.
        let golden = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/golden/internbank-car-2024.json"), encoding: .utf8)
        #expect(try problem(golden) == "read")
        let second = try #require(golden.range(of: "\"year\": 2025"))
        let fractional = golden.replacingCharacters(in: second, with: "\"year\": 2025.5")
        #expect(try problem(fractional) == "not a Prognos JSON result: 'simulation.years[1].year' should hold a whole number, found 2025.5")
        let huge = golden.replacingCharacters(in: second, with: "\"year\": 1e30")
        #expect(try problem(huge) == "not a Prognos JSON result: 'simulation.years[1].year' should hold a whole number, found 1e30")
        var missing: FailureKind?
        do { _ = try ResultDocument.read(path: dir.appendingPathComponent("none.json").path) } catch { missing = error.kind }
        #expect(missing == .missingInput)
    }

    @Test("--set: no '=', a bad key path or nothing after '=' is refused before any file is read")
    func overrideSyntax() throws {
        #expect(Override.syntaxError("operating.units[ks].budget=31") == nil)
        #expect(Override.syntaxError("name=''") == nil)
        #expect(Override.syntaxError("operating.units[ks].budget") == "--set expects KEY=VALUE, found 'operating.units[ks].budget'")
        #expect(Override.syntaxError("operating..budget=3") == "--set: bad key path 'operating..budget': '' is not a key")
        #expect(Override.syntaxError("operating.units[ks].budget=")
                == "--set operating.units[ks].budget: no value after '='; write the value (for example KEY=31.5, or KEY='' for an empty text)")
        #expect(Override.syntaxError("a.b=  ")?.contains("no value after '='") == true)
        #expect(Override.syntaxError("include=x.yaml")?.contains("'include' cannot be overridden") == true)
        // Scenario.load says the same for an empty value (a batch's or a library user's override).
        let failure = try #require(try load(CompareTests.base, overrides: ["operating.units[ks].budget="]).failure)
        #expect(failure.diagnostics.map(\.message) == [
            "--set operating.units[ks].budget: no value after '='; write the value (for example KEY=31.5, or KEY='' for an empty text)",
        ])
    }
}
