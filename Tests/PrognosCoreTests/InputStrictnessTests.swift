import Foundation
import Testing
@testable import PrognosCore

/// Issue 14 items 1, 6 and 7 (input side): CSV inputs parse strictly or fail loudly, numbers
/// with thousands separators are read one way or refused, dates are range-checked before any
/// arithmetic, ledger rows the run does not use are counted in a warning, amounts come out to
/// the öre.
@Suite("Input strictness (issue 14)")
struct InputStrictnessTests {
    static let loanColumns = TreasurySpecs.loanCSVColumns
    static let loanRequired = ["id", "type", "notional", "start", "maturity"]

    /// A generated loans CSV of `n` rows under `delimiter`, some lenders quoted with an escaped
    /// quote inside, so quoting is exercised (not only plain fields).
    static func loansCSV(rows n: Int, delimiter: String) -> (text: String, lines: [String]) {
        let header = ["id", "type", "notional", "start", "maturity", "rate", "lender"].joined(separator: delimiter)
        var lines = [header]
        for i in 0..<n {
            let notional = delimiter == ";" ? "\(10 + i),5" : "\(10 + i).5"
            let rate = delimiter == ";" ? "2,\(i % 10)%" : "2.\(i % 10)%"
            let lender = i % 3 == 0 ? "\"Kommun\"\"invest \(i)\"" : "Lender \(i)"
            lines.append(["L\(i)", "fixed", notional, "2024-01-31", "2030-01-31", rate, lender].joined(separator: delimiter))
        }
        return (lines.joined(separator: "\n") + "\n", lines)
    }

    static func parse(_ text: String, rowsNeeded: String? = "loan") -> (CSVTable?, DiagnosticLog) {
        let log = DiagnosticLog()
        let table = CSVTable.parse(text, displayPath: "loans.csv", required: ["id", "type", "notional", "start", "maturity"],
                                   allowed: ["id", "type", "notional", "start", "maturity", "rate", "lender"],
                                   rowsNeeded: rowsNeeded, log: log)
        return (table, log)
    }

    @Test("a generated CSV reads every row: N rows in, N rows out, lender with an escaped quote intact")
    func generatedCleanReadsAllRows() {
        for delimiter in [",", ";"] {
            let (text, _) = Self.loansCSV(rows: 40, delimiter: delimiter)
            let (table, log) = Self.parse(text)
            #expect(!log.hasErrors, "\(log.diagnostics)")
            #expect(table?.rows.count == 40)
            // Row 0 is line 2; its lender is `Kommun"invest 0` (the doubled quote is one quote).
            #expect(table?.rows.first?.line == 2)
            #expect(table?.rows.first?.fields.last == "Kommun\"invest 0")
        }
    }

    /// The regression for issue 14's first case (`…;"Kommuninvest` swallowed 149 rows): a
    /// stray quote inserted at ANY position of ANY row is an error on that row's line, never a
    /// table with fewer rows. Every valid line has an even number of quotes (an opening and a
    /// closing one, escapes in pairs, no line breaks inside fields), so one more quote can
    /// never leave a valid file.
    @Test("property: one stray quote at any position of any row of a generated CSV is an error naming that line")
    func strayQuoteAnywhereIsAnError() {
        for delimiter in [",", ";"] {
            let n = 12
            let (_, lines) = Self.loansCSV(rows: n, delimiter: delimiter)
            var cases = 0
            for row in 1...n {   // lines[row] is the file's line row + 1
                let line = Array(lines[row])
                for position in 0...line.count {
                    var changed = lines
                    changed[row] = String(line[..<position]) + "\"" + String(line[position...])
                    let (table, log) = Self.parse(changed.joined(separator: "\n") + "\n")
                    cases += 1
                    #expect(table == nil, "quote at \(position) of line \(row + 1) gave a table of \(table?.rows.count ?? 0) rows")
                    #expect(log.errors.count == 1)
                    #expect(log.errors.first?.location?.line == row + 1,
                            "quote at \(position) of line \(row + 1): \(log.errors.first?.description ?? "no error")")
                    #expect(log.errors.first?.location?.file == "loans.csv")
                }
            }
            #expect(cases > 12 * 40)
        }
    }

    @Test("issue 14's case: `…;\"Kommuninvest` in the first row of 150 is an error at line 2 (not 1 loan, exit 0)")
    func issueCase() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Scenarios/data/loans-2024.csv"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        #expect(lines[1].hasSuffix(";Kommuninvest"))
        lines[1] = lines[1].replacingOccurrences(of: ";Kommuninvest", with: ";\"Kommuninvest")
        let log = DiagnosticLog()
        let table = CSVTable.parse(lines.joined(separator: "\n"), displayPath: "loans-2024.csv", required: Self.loanRequired,
                                   allowed: Self.loanColumns, rowsNeeded: "loan", log: log)
        #expect(table == nil)
        #expect(log.errors.map(\.description).first?.hasPrefix("loans-2024.csv:2:") == true)
        #expect(log.errors.first?.message.contains("not closed on its line") == true)
        // Unchanged, the file has 150 loans (its own line count minus the header and the final newline).
        let clean = CSVTable.parse(text, displayPath: "loans-2024.csv", required: Self.loanRequired,
                                   allowed: Self.loanColumns, rowsNeeded: "loan", log: DiagnosticLog())
        #expect(clean?.rows.count == text.split(separator: "\n").count - 1)
        #expect(clean?.rows.count == 150)
    }

    @Test("structural errors: each names the line (and column) and what was expected")
    func structuralErrors() {
        let header = "id,type,notional,start,maturity,rate,lender\n"
        let cases: [(String, Int, String)] = [
            // A quoted field with a line break inside (no Prognos input has one).
            (header + "L1,fixed,10,2024-01-31,2030-01-31,2%,\"Kommun\ninvest\"\n", 2, "not closed on its line"),
            // Text after a closing quote.
            (header + "L1,fixed,10,2024-01-31,2030-01-31,2%,\"Kommun\"invest\n", 2, "text after the closing quote"),
            // A quote inside an unquoted field.
            (header + "L1,fixed,10,2024-01-31,2030-01-31,2%,Kommun\"invest\"\n", 2, "stray quote"),
            // The last line's quote never closes (no final newline).
            (header + "L1,fixed,10,2024-01-31,2030-01-31,2%,ok\nL2,fixed,10,2024-01-31,2030-01-31,2%,\"x", 3, "never closed"),
            // CRLF line ends: the count is still by line.
            ("id,type,notional,start,maturity,rate,lender\r\nL1,fixed,10,2024-01-31,2030-01-31,2%,a\r\nL2,fixed,\"10,2024-01-31\r\n",
             3, "not closed on its line"),
        ]
        for (text, line, fragment) in cases {
            let (table, log) = Self.parse(text)
            #expect(table == nil)
            #expect(log.errors.first?.location?.line == line, "\(log.diagnostics)")
            #expect(log.errors.first?.message.contains(fragment) == true, "\(log.diagnostics)")
        }
        // A value with the delimiter inside shifts the columns: the row's line is named.
        let (_, log) = Self.parse(header + "L1,fixed,1,234,2024-01-31,2030-01-31,2%,a\n")
        #expect(log.errors.map(\.description) == ["loans.csv:2: error: row has 8 fields; the header has 7 (a ',' inside a value, such as a thousands separator?)"])
    }

    @Test("an empty file names the header it expected; a header with no rows is an error where rows are needed")
    func emptyAndHeaderOnly() {
        for empty in ["", "\n", "  \n\n", "\u{FEFF}"] {
            let (table, log) = Self.parse(empty)
            #expect(table == nil)
            #expect(log.errors.map(\.description) == [
                "loans.csv:1: error: empty file: expected a header row `id,type,notional,start,maturity` (optional columns: rate, lender)",
            ])
        }
        let (table, log) = Self.parse("id,type,notional,start,maturity\n\n")
        #expect(table == nil)
        #expect(log.errors.map(\.description) == ["loans.csv:1: error: the file has a header and no rows: expected at least one loan"])
        // Where rows are optional (a swaps file of a municipality without swaps) a header alone is an empty table.
        let (optional, quiet) = Self.parse("id,type,notional,start,maturity\n", rowsNeeded: nil)
        #expect(optional?.rows.count == 0)
        #expect(!quiet.hasErrors)
    }

    @Test("a loans_file with one stray quote stops the scenario (through Scenario.load), naming file and line")
    func scenarioLevel() throws {
        let csv = "id;type;notional;start;maturity;rate\nL1;fixed;44,7;2019-12-31;2028-12-31;0,47%;\"Kommuninvest\nL2;fixed;10;2019-12-31;2028-12-31;1%\n"
        let yaml = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          curve: {type: zero, points: {1Y: 3.6%, 5Y: 2.6%}}
          loans_file: loans.csv

        """
        let failure = try load(yaml, extra: ["loans.csv": csv]).failure
        #expect(failure?.kind == .badInput)
        #expect(failure?.diagnostics.count == 1)
        #expect(failure?.diagnostics.first?.location?.line == 2)
        #expect(failure?.diagnostics.first?.location?.file.hasSuffix("loans.csv") == true)
    }

    // MARK: Numbers with thousands separators

    @Test("CSV numbers under ';': decimal comma and space groups read; mixed, dotted or misplaced groups refused with a hint")
    func csvNumbersSemicolon() {
        let read: [(String, String)] = [
            ("1 234,5", "1234.5"), ("1\u{00A0}234\u{202F}567,25", "1234567.25"), ("-1 234", "-1234"), ("3,25%", "3.25%"),
            ("3,25 %", "3.25%"), ("25bp", "25bp"), ("44.75", "44.75"), ("0.125", "0.125"), ("1234.567", "1234.567"),
            ("1,5e3", "1.5e3"), ("12", "12"), ("abc", "abc"),
        ]
        for (text, expected) in read {
            #expect(Literal.csvNumber(text, semicolon: true) == .success(expected), "\(text)")
        }
        let refused: [(String, String)] = [
            ("1.234,5", "mixes '.' and ','"), ("1,234.5", "mixes '.' and ','"), ("1,234,567", "more than one ','"),
            ("1.234.567", "more than one '.'"), ("1.234", "ambiguous"), ("12 34,5", "misplaced thousands separator"),
            ("1 2345", "misplaced thousands separator"), ("1,23 4", "a space after the decimal mark"),
        ]
        for (text, fragment) in refused {
            guard case .failure(let e) = Literal.csvNumber(text, semicolon: true) else {
                Issue.record("'\(text)' was read"); continue
            }
            #expect(e.message.contains(fragment), "\(text): \(e.message)")
            #expect(e.message.contains("1 234 567,5"), "the hint shows the accepted form: \(e.message)")
        }
    }

    @Test("CSV numbers under ',': decimal point, no grouping; a comma or a space inside is refused")
    func csvNumbersComma() {
        #expect(Literal.csvNumber("1234.5", semicolon: false) == .success("1234.5"))
        #expect(Literal.csvNumber("3.25%", semicolon: false) == .success("3.25%"))
        for text in ["1,234", "1,5", "1 234", "1,234.5"] {
            guard case .failure(let e) = Literal.csvNumber(text, semicolon: false) else { Issue.record("'\(text)' was read"); continue }
            #expect(e.message.contains("1234.5"))
        }
    }

    @Test("a CSV amount refused for its separators names the column and the row, in a loans file read end to end")
    func csvAmountInFile() {
        let (table, _) = Self.parse("id;type;notional;start;maturity\nL1;fixed;1.234,5;2024-01-31;2030-01-31\n")
        let log = DiagnosticLog()
        let rec = table!.record(0, context: "loan L1", DecodeContext(log: log, unit: .mnkr))
        #expect(rec.amount("notional") == nil)
        #expect(log.errors.map(\.description) == [
            "loans.csv:2: error: number '1.234,5' mixes '.' and ',', which is read two ways; under ';' the decimal mark is ',' "
                + "and thousands are grouped with spaces (1 234 567,5) in column 'notional' for loan L1",
        ])
        // The same cell with space groups is 1 234.5 mnkr = 1,234,500,000 kr.
        let (good, _) = Self.parse("id;type;notional;start;maturity\nL1;fixed;1 234,5;2024-01-31;2030-01-31\n")
        #expect(good!.record(0, context: "loan L1", DecodeContext(log: log, unit: .mnkr)).amount("notional") == 1_234_500_000)
    }

    @Test("YAML amounts with a thousands separator or decimal comma are refused with a hint")
    func yamlAmountHints() {
        for text in ["1,234", "1 234", "1_234", "1'234", "1.234,5", "1,234.5"] {
            guard case .failure(let e) = Literal.amount(text, unit: .mnkr) else { Issue.record("'\(text)' was read"); continue }
            #expect(e.message.contains("thousands separator or a decimal comma"), "\(text): \(e.message)")
        }
        guard case .failure(let e) = Literal.amount("abc", unit: .mnkr) else { Issue.record("abc was read"); return }
        #expect(e.message == "expected an amount (a number in mnkr), found 'abc'")
    }

    // MARK: Dates and counts from input

    @Test("dates are checked against 1900-01-01 … 2200-12-31 before any arithmetic")
    func dateRange() {
        #expect(Literal.date("1900-01-01") == .success(Day(year: 1900, month: 1, day: 1)!))
        #expect(Literal.date("2200-12-31") == .success(Day(year: 2200, month: 12, day: 31)!))
        for text in ["1899-12-31", "2201-01-01", "9999-12-31", "0001-01-01"] {
            #expect(Literal.date(text) == .failure(LiteralError(stringLiteral:
                "date \(text) is outside the supported range 1900-01-01 … 2200-12-31")))
        }
        #expect(Literal.date("2024-02-30") == .failure("'2024-02-30' is not a real date"))
        #expect(Literal.month("9999-12") == .failure("month 9999-12 is outside the supported range 1900-01 … 2200-12"))
        #expect(Month(inputISO: "2200-12") != nil)
        // Dates Prognos writes itself (a part's grid up to V + 50 years) still read back beyond 2200.
        #expect(Day(iso: "2250-12-31") != nil)
        #expect(Day(inputISO: "2250-12-31") == nil)
        // The largest date arithmetic on bounded input: 2200-12-31 + 100-year tenor + 50-year horizon.
        #expect(Day(year: 2200, month: 12, day: 31)!.addingMonths(1200 + 600).year == 2350)
    }

    @Test("extreme counts and dates in a scenario are errors (exit 65 class), one per cause, never a trap")
    func extremeInputs() throws {
        let cases: [(String, String)] = [
            ("as_of: 9999-12-31\n", "date 9999-12-31 is outside the supported range"),
            ("fiscal_year: 99999999\n", "fiscal_year 99999999 is outside the supported years 1900 … 2200"),
            ("treasury:\n  valuation_date: 9999-12-30\n  horizon_years: 1000000\n  curve: {type: zero, points: {99999Y: 3%}}\n",
             "outside the supported range"),
            ("treasury:\n  valuation_date: 2024-03-31\n  horizon_years: 1000000\n  curve: {type: zero, points: {1Y: 3%}}\n",
             "horizon_years must be 1 … 50, found 1000000"),
            ("as_of: 2024-03-31\ninvestments:\n  internal_rate: 2.5%\n  delay_months: 9223372036854775807\n  projects: []\n",
             "delay_months must be −1200 … 1200"),
            ("as_of: 2024-03-31\ninvestments:\n  internal_rate: 2.5%\n  delay_months: -9223372036854775808\n  projects: []\n",
             "delay_months must be −1200 … 1200"),
            ("operating:\n  units:\n    - {id: ks, name: KS, budget: 1e-9223372036854775808, actual_ytd: 1}\nas_of: 2024-03-31\n",
             "expected an amount"),
        ]
        for (body, fragment) in cases {
            let failure = try load("prognos: 1\nunit: mnkr\n" + body).failure
            #expect(failure?.kind == .badInput, "\(body)")
            #expect(failure?.diagnostics.contains { $0.message.contains(fragment) } == true, "\(body): \(failure?.description ?? "no failure")")
        }
    }

    @Test("one bad date gives one error, not a second one about as_of (issue 14 item 7)")
    func oneBadDateOneError() throws {
        let failure = try load("""
        prognos: 1
        unit: mnkr
        as_of: 2024-02-30
        operating:
          units:
            - {id: ks, name: KS, budget: 30.2, actual_ytd: 6.8}

        """).failure
        #expect(failure?.diagnostics.map(\.message) == ["'2024-02-30' is not a real date (key 'as_of' in the scenario)"])
        // Absent, it is still required.
        let missing = try load("prognos: 1\nunit: mnkr\noperating:\n  units:\n    - {id: ks, name: KS, budget: 30.2, actual_ytd: 6.8}\n").failure
        #expect(missing?.diagnostics.map(\.message) == ["the operating section needs 'as_of' (its month is M)"])
    }

    // MARK: Ledger rows the run does not use

    /// Two units (ks at line 7, bf at line 8) whose figures all come from `ledger.csv`.
    static let twoUnitLedgerScenario = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31
    operating:
      ledger: ledger.csv
      units:
        - {id: ks, name: KS, forecast: {method: manual, value: 30}}
        - {id: bf, name: BF, forecast: {method: manual, value: 12}}

    """

    @Test("ledger rows after as_of and budget rows after the fiscal year are counted in a warning (rows, months, sum)")
    func ledgerUnusedRows() throws {
        // as_of 2024-03-31: actual rows 2024-04 and 2024-05 (1.5 + 2.25 = 3.75 mnkr, 3 rows: two units' rows in
        // 2024-04 count separately) are after it, of units KS and BF (named, in the file's order); budget rows
        // 2025-01 (1 row, 4 mnkr, KS only) are after fiscal year 2024.
        var csv = "unit,period,type,amount\n"
        for m in 1...12 { csv += "ks,2024-\(m < 10 ? "0" : "")\(m),budget,2.5\n" }
        for m in 1...3 { csv += "ks,2024-0\(m),actual,2\n" }
        csv += "ks,2024-04,actual,1\nbf,2024-04,actual,0.5\nks,2024-05,actual,2.25\nks,2025-01,budget,4\n"
        for m in 1...12 { csv += "bf,2024-\(m < 10 ? "0" : "")\(m),budget,1\n" }
        for m in 1...3 { csv += "bf,2024-0\(m),actual,1\n" }
        let yaml = Self.twoUnitLedgerScenario
        let scenario = try #require(try load(yaml, extra: ["ledger.csv": csv]).value)
        let messages = scenario.warnings.map(\.message)
        #expect(messages.contains("the ledger has 3 actual rows (2024-04 … 2024-05, sum 3.8 mnkr) dated after as_of 2024-03-31, for KS and BF, not used (actuals to date end with 2024-03)"),
                "\(messages)")
        #expect(messages.contains("the ledger has 1 budget row (2025-01, sum 4.0 mnkr) after fiscal year 2024, for KS, not used"),
                "\(messages)")
        // A reader sees them in Swedish by default (catalogued, decimal comma, rad/rader).
        let sv = scenario.warnings.map { $0.text(.sv) }
        #expect(sv.contains("Huvudboken har utfall daterat efter prognosdagen 2024-03-31 för KS och BF: 3 rader (2024-04 … 2024-05, summa 3,8 mnkr), som inte används (utfallet hittills slutar med 2024-03)."), "\(sv)")
        #expect(sv.contains("Huvudboken har budget för år efter budgetåret 2024 för KS: 1 rad (2025-01, summa 4,0 mnkr), som inte används."), "\(sv)")
        #expect(scenario.warnings.allSatisfy { $0.location?.file.hasSuffix("ledger.csv") == true })
        // Each warning points at the first such row: line 17 (ks,2024-04,actual) and line 20 (ks,2025-01,budget),
        // counting the header as line 1, 12 + 3 rows before them.
        #expect(scenario.warnings.map { $0.location?.line ?? 0 }.sorted() == [17, 20])
        // Nothing unused: no warning.
        let clean = csv.split(separator: "\n").filter { !$0.contains("2024-04,actual") && !$0.contains("2024-05") && !$0.contains("2025") }
        let quiet = try #require(try load(yaml, extra: ["ledger.csv": clean.joined(separator: "\n") + "\n"]).value)
        #expect(quiet.warnings.isEmpty, "\(quiet.warnings)")
    }

    @Test("the units of unused ledger rows: all up to six names, else five and how many more")
    func ledgerUnusedRowNames() {
        // A Swedish list ends with "och", an English one with "and"; one name stands alone.
        #expect(Ledger.names(["A", "B", "C", "D", "E", "F"]).text(.sv) == "A, B, C, D, E och F")
        #expect(Ledger.names(["A", "B"]).text(.en) == "A and B")
        #expect(Ledger.names(["A"]).text(.sv) == "A")
        #expect(Ledger.names(["A", "B", "C", "D", "E", "F", "G", "H"]).text(.sv) == "A, B, C, D, E och 3 till")
        #expect(Ledger.names(["A", "B", "C", "D", "E", "F", "G", "H"]).text(.en) == "A, B, C, D, E and 3 more")
    }

    @Test("a ledger file with a header and no rows is an error naming the file")
    func ledgerHeaderOnly() throws {
        let yaml = "prognos: 1\nunit: mnkr\nas_of: 2024-03-31\noperating:\n  ledger: ledger.csv\n  units:\n    - {id: ks, name: KS, budget: 1, actual_ytd: 1}\n"
        let failure = try load(yaml, extra: ["ledger.csv": "unit,period,type,amount\n"]).failure
        #expect(failure?.diagnostics.map(\.message) == ["the file has a header and no rows: expected at least one ledger row"])
        #expect(failure?.diagnostics.first?.location?.file.hasSuffix("ledger.csv") == true)
    }

    // MARK: Amounts to the öre (issue 14 item 6)

    @Test("amounts round to the öre half away from zero; the decimal the value shows decides a tie")
    func oreRounding() {
        // 0.1 + 0.2 = 0.30000000000000004 in binary; 0.7 kr scaled by noise; both print as the decimal.
        #expect(JSONWriter.number(Ore.round(0.1 + 0.2)) == "0.3")
        #expect(JSONWriter.number(Ore.round(0.7000000000000002)) == "0.7")
        #expect(JSONWriter.number(Ore.round(0.7)) == "0.7")
        // Exact binary ties: 0.125 = 1/8, 0.375 = 3/8, 2.5 öre → away from zero (half-to-even would give 0.12, 0.38→0.38, −0.12).
        #expect(Ore.round(0.125) == 0.13)
        #expect(Ore.round(-0.125) == -0.13)
        #expect(Ore.round(0.625) == 0.63)
        #expect(Ore.round(123_456_789.125) == 123_456_789.13)
        // Written ties whose binary value is a hair below: the written decimal decides (decisions.md).
        #expect(Ore.round(1.005) == 1.01)
        #expect(Ore.round(2.675) == 2.68)
        #expect(Ore.round(-1.005) == -1.01)
        #expect(Ore.round(0.005) == 0.01)
        // Not ties.
        #expect(Ore.round(0.004999) == 0)
        #expect(Ore.round(-0.004) == 0)
        #expect(Ore.round(-0.004).sign == .plus)   // no "-0"
        #expect(Ore.round(1.994) == 1.99)
        #expect(Ore.round(9.995) == 10)
        #expect(Ore.round(44_700_000) == 44_700_000)
        #expect(Ore.round(1e-7) == 0)
        #expect(Ore.round(Double.nan).isNaN)
        // Beyond 10^13 kr a Double has no öre to round: unchanged.
        #expect(Ore.round(2e13 + 0.125) == 2e13 + 0.125)
    }

    @Test("property: rounding to the öre agrees with decimal rounding of the value's shortest text")
    func oreMatchesDecimal() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Random amounts with 0–4 decimals, some exactly on half an öre.
            let cents = Int.random(in: -10_000_000...10_000_000, using: &g)
            let extra = [0, 5, Int.random(in: 0...9, using: &g)][Int.random(in: 0...2, using: &g)]
            let text = "\(cents < 0 ? "-" : "")\(abs(cents) / 100).\(String(format: "%02d", abs(cents) % 100))\(extra)"
            let v = Double(text)!
            // Expected by integer arithmetic on the text: thousandths, half away from zero.
            let milli = abs(cents) * 10 + extra
            let roundedCents = (milli + 5) / 10
            let expected = Double("\(cents < 0 && roundedCents != 0 ? "-" : "")\(roundedCents / 100).\(String(format: "%02d", roundedCents % 100))")!
            #expect(Ore.round(v) == expected, "\(text)")
        }
    }

    @Test("tables round half away from zero on a true tie: 2.5 kr → 3, −2.5 → −3, 0.25 mnkr → 0,3, 1.5 tkr → 2")
    func tableTies() {
        #expect(Format.amount(2.5, .kr, .sv) == "3")
        #expect(Format.amount(-2.5, .kr, .sv) == "-3")
        #expect(Format.amount(3.5, .kr, .en) == "4")     // half-to-even would give 4 too; 2.5 is the one that tells
        #expect(Format.amount(250_000, .mnkr, .sv) == "0,3")
        #expect(Format.amount(-250_000, .mnkr, .sv) == "-0,3")
        #expect(Format.amount(1_500, .tkr, .sv) == "2")
        #expect(Format.amount(2_500, .tkr, .en) == "3")
    }

    @Test("JSON of a run in kr: amounts that sum inputs come out to the öre; rates keep full precision")
    func jsonAmountsExact() throws {
        // 0.1 + 0.2 kr budgets of two units sum to 0.30000000000000004 in binary: the total is 0.3 in the JSON.
        let yaml = """
        prognos: 1
        unit: kr
        as_of: 2024-03-31
        operating:
          units:
            - {id: a, name: A, budget: 0.1, budget_ytd: 0.1, actual_ytd: 0.7, forecast: {method: manual, value: 0.1}}
            - {id: b, name: B, budget: 0.2, budget_ytd: 0.2, actual_ytd: 0.2, forecast: {method: manual, value: 0.2}}

        """
        #expect(0.1 + 0.2 != 0.3)
        let scenario = try #require(try load(yaml).value)
        let run = try ScenarioRun.compute(scenario)
        let json = try JSONOutput.render(run)
        #expect(json.contains("\"budget\": 0.3,"), "\(json)")
        #expect(json.contains("\"actual_ytd\": 0.9,"), "\(json)")   // 0.7 + 0.2
        #expect(!json.contains("0000000"), "\(json)")
        let csv = try CSVOutput.render(run, dialect: .rfc4180)
        #expect(!csv.contains("0000000"), "\(csv)")
        #expect(csv.contains(",0.3,"), "\(csv)")
    }
}
