import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4 (the batch path): the plan cache's key, the encoder's tree written and
/// read without the `Any` tree, and the plain CSV rows. Each fast path must give the bytes
/// of the path it replaces (spec/batch.md: a run's files do not depend on the runs before it,
/// on --jobs, --shard or --resume).
@Suite("batch speed")
struct BatchSpeedTests {
    static let internbank = repositoryRoot.appendingPathComponent("Scenarios/linkoping-internbank-2024.yaml").path

    static func treasury(_ overrides: [String] = []) throws -> TreasuryInput {
        try #require(try Scenario.load(path: internbank, overrides: overrides).treasury)
    }

    // MARK: the plan key

    @Test("the plan key's input types have the fields it was written for (a new field: look at PlanKey again)")
    func planKeyTripwire() throws {
        // PlanKey lists what PlanBuilder reads of these types; a field added to one of them must
        // be checked against PlanBuilder (and added to the key if the builder reads it).
        func labels(_ x: Any) -> [String] { Mirror(reflecting: x).children.compactMap(\.label) }
        let t = try Self.treasury()
        #expect(labels(t) == ["valuationDate", "horizonYears", "curve", "fundingSpread", "loans", "swaps", "tenorMix",
                              "newBorrowing", "fixingHistory", "internalBank", "balanceSheet", "policy", "interestBudget",
                              "netInterestBudget", "location", "comparatives", "fromInvestments", "borrowingNeed"])
        #expect(labels(try #require(t.loans.first)) == ["id", "kind", "notional", "start", "maturity", "rate", "margin",
                                                        "frequencyMonths", "dayCount", "floor", "amortization", "green",
                                                        "lender", "lastFixing", "location"])
        #expect(labels(try #require(t.swaps.first)) == ["id", "pay", "notional", "start", "maturity", "fixedRate",
                                                        "fixedFrequencyMonths", "floatFrequencyMonths", "lastFixing", "green",
                                                        "lender", "location", "counterparty"])
        let bank = try #require(t.internalBank)
        #expect(labels(bank) == ["margin", "pricing", "loans", "borrowers"])
        #expect(labels(try #require(bank.loans.first)) == ["id", "borrower", "notional", "start", "maturity", "pricing", "rate",
                                                           "margin", "rollover", "location"])
        #expect(labels(try #require(t.tenorMix?.first)) == ["tenor", "kind", "share"])
        #expect(labels(Amortization(amount: 1, frequencyMonths: 12)) == ["amount", "frequencyMonths"])
    }

    @Test("the plan key changes with what the plan reads (margin rule T10, funding spread rule T7) and not with what it does not")
    func planKeyFields() throws {
        let t = try Self.treasury()
        let key = PlanKey(t, monthGrid: nil)
        #expect(PlanKey(t, monthGrid: nil) == key)
        var margin = t; margin.internalBank!.margin += 0.0001
        #expect(PlanKey(margin, monthGrid: nil) != key)
        // … but the same compile, rebound (`PortfolioPlan.rebound(bankMargin:)`).
        #expect(PlanKey(margin, monthGrid: nil).withoutMargin == key.withoutMargin)
        #expect(PlanKey(margin, monthGrid: nil).withoutMargin.hashValue == key.withoutMargin.hashValue)
        var spread = t; spread.fundingSpread[0].1 += 0.0001
        #expect(PlanKey(spread, monthGrid: nil) != key)
        #expect(PlanKey(spread, monthGrid: nil).withoutMargin != key.withoutMargin)
        var notional = t; notional.loans[3].notional += 1
        #expect(PlanKey(notional, monthGrid: nil) != key)
        var lastFixing = t; lastFixing.swaps[0].lastFixing = 0.031
        #expect(PlanKey(lastFixing, monthGrid: nil) != key)
        var rollover = t; rollover.internalBank!.loans[0].rollover.toggle()
        #expect(PlanKey(rollover, monthGrid: nil) != key)
        #expect(PlanKey(t, monthGrid: [19723, 19813, 20089]) != key)
        // The key on another grid from the key without one: equal, with an equal hash, to the
        // key made on that grid (rule T26's plan is looked up this way).
        let grid = [19723, 19813, 20089]
        #expect(key.with(monthGrid: grid) == PlanKey(t, monthGrid: grid))
        #expect(key.with(monthGrid: grid).hashValue == PlanKey(t, monthGrid: grid).hashValue)
        #expect(key.with(monthGrid: grid).with(monthGrid: nil) == key)
        #expect(PlanKey(margin, monthGrid: grid) != key.with(monthGrid: grid))
        // Not read by PlanBuilder: lenders, ids, the policy, the budget.
        var other = t
        other.loans[0].lender = "Another bank"; other.loans[0].id = "renamed"
        other.policy = []; other.interestBudget = [:]
        #expect(PlanKey(other, monthGrid: nil) == key)
    }

    @Test("a run with the plan cache gives the bytes of a run without it, whichever runs came before (rules T9–T11)")
    func cachedRunsEqualFresh() throws {
        let overrides = [["treasury.internal_bank.margin=0.40%"], ["treasury.funding_spread.5Y=0.55%"],
                         ["treasury.internal_bank.margin=0.40%", "treasury.funding_spread.5Y=0.55%"], [],
                         // Floating internal loans: the margin in the floating periods too (rule T10).
                         ["treasury.internal_bank.pricing=floating"],
                         ["treasury.internal_bank.pricing=floating", "treasury.internal_bank.margin=0.15%"]]
        func json(_ o: [String]) throws -> String {
            JSONWriter.write(JSONOutput.object(try ScenarioRun.compute(try Scenario.load(path: Self.internbank, overrides: o))))
        }
        // Without the cache (the plan compiled for each run) …
        let fresh = try overrides.map(json)
        // … and with it, in two orders: each run after the others have filled the cache.
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        let cached = try overrides.map(json)
        let reversed = try overrides.reversed().map(json)
        #expect(cached == fresh)
        #expect(Array(reversed.reversed()) == fresh)
        // The margin is in the figures: 0.30 % → 0.40 % gives a different document.
        #expect(fresh[0] != fresh[3])
        #expect(fresh[4] != fresh[5])
    }

    @Test("rule T26's split: evaluating only what accrues on the two-period grid gives the same months, bit for bit")
    func accruingOnly() throws {
        let t = try Self.treasury()
        let v = t.valuationDate
        let plan = PortfolioPlan(t, monthGrid: [Day.january1(v.year).serial, v.serial, Day.january1(v.year + 1).serial])
        // Most refinancing events start after V's year: they accrue nothing on this grid.
        #expect(plan.parEvents.accrues.contains(false))
        #expect(plan.parEvents.accrues.contains(true))
        var all = PortfolioEvaluator(plan: plan), some = PortfolioEvaluator(plan: plan)
        for shift in [0.0, 0.01, -0.005] {
            let scenario = ShiftScenario(base: CurveScenario(curve: try #require(t.curve)), shift: shift)
            all.evaluate(scenario)
            some.evaluate(scenario, accruingOnly: true)
            #expect(all.external.map(\.bitPattern) == some.external.map(\.bitPattern))
            #expect(all.swaps.map(\.bitPattern) == some.swaps.map(\.bitPattern))
            #expect(all.internalIncome.map(\.bitPattern) == some.internalIncome.map(\.bitPattern))
            // The realised quarter's external interest is positive (interest on 15.6 bn).
            #expect(all.external[0] > 0)
        }
    }

    // MARK: the encoder's tree

    struct Sample: Encodable {
        struct Inner: Encodable { var year: Int; var id: String?; var value: Double }
        var text = "a \"quoted\"\nline\t\u{1}, å"
        var nan = Double.nan
        var negativeZero = -0.0
        var big = 1e20
        var tenth = 0.1
        var integral = 2024.0
        var int = -7
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var flag = true
        var none: Double? = nil
        var omitted: Present<Double>? = nil
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var rows = [Inner(year: 2024, id: nil, value: 1.5), Inner(year: 2025, id: "b", value: -2)]
    }

    @Test("the tree's JSON: the bytes of the Any tree's, every kind of value (null for NaN, 0 for −0, sorted keys)")
    func boxWriter() throws {
        let box = try ResultEncoder.box(Sample())
        let text = JSONWriter.write(box)
        #expect(text == JSONWriter.write(box.resolved))
        // Written by hand from the JSON contract (files.md: keys sorted, nulls explicit, the
        // conditional key absent, integral doubles without a fraction, two-space indentation).
        let expected = """
        {
          "big": 1e+20,
          "empty": [],
          "emptyObject": {},
          "flag": true,
          "int": -7,
          "integral": 2024,
          "nan": null,
          "negativeZero": 0,
          "none": null,
          "rows": [
            {
              "id": null,
              "value": 1.5,
              "year": 2024
            },
            {
              "id": "b",
              "value": -2,
              "year": 2025
            }
          ],
          "tenth": 0.1,
          "text": "a \\"quoted\\"\\nline\\t\\u0001, å",
          "unsigned": 18446744073709551615
        }

        """
        #expect(text == expected)
    }

    /// A key written twice: the last value counts (as a dictionary). Built by hand because no
    /// `Codable` type of the project encodes a key twice.
    private static func duplicateKeys() -> ResultEncoder.Box {
        // Leaves both in place and as nodes of their own (as `Present` makes them).
        func leaf(_ s: ResultEncoder.Box.Scalar) -> ResultEncoder.Box.Node { .leaf(s) }
        func node(_ s: ResultEncoder.Box.Scalar) -> ResultEncoder.Box.Node { let b = ResultEncoder.Box(); b.set(s); return .box(b) }
        let box = ResultEncoder.Box()
        box.kind = .object
        box.entries = [("b", leaf(.int(1))), ("a", node(.string("first"))), ("b", node(.int(2))), ("c", leaf(.null)),
                       ("a", leaf(.string("last")))]
        return box
    }

    struct Extremes: Encodable {
        struct Level: Encodable { var next: [Level] }
        var integers = [Int.min, Int.max, -1, 0, 9, 10, 99, 100]
        var unsigned: [UInt64] = [0, 7, 10_000_000_000_000_000_000]
        // 1e15 is the first value written in Swift's form; −(1e15 − 1) the last integral one.
        var doubles = [1e15 - 1, -(1e15 - 1), 1e15, -1e15, 0.5, -0.0, 123456789.125, 1e-7, .infinity, -.infinity]
        var escapedKey = ["a\"b": 1, "c\\d": 2, "tab\there": 3, "å": 4, "Z": 5]
        var deep = Level(next: [Level(next: [Level(next: [])])])
    }

    @Test("the tree's JSON written in place: the Any tree's bytes for integer extremes, escaped keys, deep nesting, a key twice")
    func boxWriterInPlace() throws {
        let box = try ResultEncoder.box(Extremes())
        let text = JSONWriter.write(box)
        #expect(text == JSONWriter.write(box.resolved))
        // By hand: String(Int.min), the 10^19 UInt64, −(10^15 − 1), and 10^15 in Swift's
        // shortest form (`description` writes it with ".0": below 2^53 it is not exponential).
        #expect(text.contains("-9223372036854775808,"))
        #expect(text.contains("10000000000000000000\n"))
        #expect(text.contains("-999999999999999,"))
        #expect(text.contains("1000000000000000.0,"))
        #expect(text.contains("\"a\\\"b\": 1"))
        #expect(text.contains("\"tab\\there\": 3"))
        // 71 levels, an object and an array each: the deepest key at indentation level
        // 2 × 70 + 1 = 141, 282 spaces, longer than the writer's slice of 128.
        var level = Extremes.Level(next: [])
        for _ in 0..<70 { level = Extremes.Level(next: [level]) }
        let deep = try ResultEncoder.box(level)
        let deepText = JSONWriter.write(deep)
        #expect(deepText == JSONWriter.write(deep.resolved))
        #expect(deepText.contains("\n" + String(repeating: " ", count: 282) + "\"next\": []"))
        // A key encoded twice: written once, with its last value.
        let twice = JSONWriter.write(Self.duplicateKeys())
        #expect(twice == "{\n  \"a\": \"last\",\n  \"b\": 2,\n  \"c\": null\n}\n")
        #expect(twice == JSONWriter.write(Self.duplicateKeys().resolved))
        // Two spellings of one key (NFC "é" and "e" + combining acute, equal as Swift compares
        // strings): the first spelling with the last value, as the dictionary of `resolved`.
        let spellings = ResultEncoder.Box()
        spellings.kind = .object
        spellings.entries = [("Caf\u{e9}", .leaf(.int(1))), ("Cafe\u{301}", .leaf(.int(2)))]
        let written = JSONWriter.write(spellings)
        #expect(Array(written.utf8) == Array("{\n  \"Caf\u{e9}\": 2\n}\n".utf8))
        #expect(Array(written.utf8) == Array(JSONWriter.write(spellings.resolved).utf8))
    }

    @Test("objects with recurring keys take a recent object's key order, and only when their keys are the same")
    func recurringKeyOrder() {
        func object(_ pairs: [(String, Int)]) -> ResultEncoder.Box.Node {
            let b = ResultEncoder.Box()
            b.kind = .object
            b.entries = pairs.map { ($0.0, .leaf(.int($0.1))) }
            return .box(b)
        }
        let list = ResultEncoder.Box()
        list.kind = .array
        list.array = [
            object([("tekniska", 1), ("bostader", 2), ("stangastaden", 3)]),
            object([("tekniska", 4), ("bostader", 5), ("stangastaden", 6)]),      // the same keys: the same order
            object([("bostader", 7), ("stangastaden", 8), ("tekniska", 9)]),      // the same keys, another order
            object([("tekniska", 10), ("bostader", 11), ("stangastadet", 12)]),   // one key differs
            object([("b", 13), ("a", 14), ("b", 15)]),                            // a key twice: its last value
            object([("b", 16), ("a", 17), ("b", 18)]),
            object([("Caf\u{e9}", 19), ("Cafe\u{301}", 20), ("a", 21)]),        // one key in two spellings
            object([("Cafe\u{301}", 22), ("Caf\u{e9}", 23), ("a", 24)]),        // the spellings the other way round
        ]
        let text = JSONWriter.write(list)
        #expect(Array(text.utf8) == Array(JSONWriter.write(list.resolved).utf8))
        #expect(text.contains("\"bostader\": 5,\n    \"stangastaden\": 6,\n    \"tekniska\": 4"))
        #expect(text.contains("\"bostader\": 11,\n    \"stangastadet\": 12,\n    \"tekniska\": 10"))
        #expect(text.contains("\"a\": 17,\n    \"b\": 18"))
        // The first spelling with the last value, in each object.
        #expect(text.contains("\"Caf\u{e9}\": 20"))
        #expect(text.contains("\"Cafe\u{301}\": 23"))
    }

    @Test("amounts to the öre written in place as `description` writes them; other numbers through `description`")
    func centsAsDescription() {
        // The writer's text for an array of numbers against `description` (integral values as
        // integers, what the Any writer has always written).
        func expected(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : x.description
        }
        var values: [Double] = [0.01, -0.01, 0.05, 0.1, 0.5, -0.5, 12.5, 12.05, 12.34, -12.34, 99.99, 100.01,
                                379415910.74, -4239784.17, 9_999_999_999_999.99, -9_999_999_999_999.99, 1e13 + 0.5,
                                1e14 + 0.25, 0.015, 1.005, 0.1 + 0.2, 1.0 / 3, 2.675, 1e-5, 123456.7891, .pi]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            // Amounts to the öre at every magnitude up to 10^13, as Ore.round leaves them.
            let c = Double(Int64.random(in: -1_000_000_000_000_000...1_000_000_000_000_000, using: &rng))
            let scale = Double(Int.random(in: 0...15, using: &rng))
            values.append(((c / pow(10, scale)).rounded()) / 100)
            // And any double of an amount's size.
            values.append(Double.random(in: -1e9...1e9, using: &rng))
        }
        for c in -20_000...20_000 { values.append(Double(c) / 100) }
        let box = ResultEncoder.Box()
        box.kind = .array
        box.array = values.map { .leaf(.double($0)) }
        let text = JSONWriter.write(box)
        let lines = text.split(separator: "\n").dropFirst().dropLast()
        #expect(lines.count == values.count)
        var mismatches = 0
        for (line, x) in zip(lines, values) {
            let written = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ","))
            if written != expected(x) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(x.bitPattern): wrote \(written), description \(expected(x))") }
            }
        }
        #expect(mismatches == 0)
        #expect(text.contains("  379415910.74,") && text.contains("  12.5,") && text.contains("  -0.05,"))
    }

    @Test("metrics' lender shares: one name for canonically equal spellings, spelt by the first instrument touching it")
    func lenderSpelling() {
        // NFC "Län" and NFD "La" + combining diaeresis + "n" are equal Swift strings: one index.
        let names = ["Kommuninvest", "L\u{e4}n", "La\u{308}n", "Kommuninvest"]
        let (index, count) = MetricsPortfolio.indexed(names)
        #expect(index == [0, 1, 1, 0] && count == 2)
        // Only the NFD instrument (2) touched "Län" on the date: its spelling is the key, as a
        // dictionary filled on that date would have it; an untouched name is left out.
        let amounts = MetricsPortfolio.amounts(names, [0, 5], [-1, 2])
        #expect(amounts.count == 1)
        #expect(amounts.keys.first.map { Array($0.utf8) } == Array("La\u{308}n".utf8))
        #expect(amounts["L\u{e4}n"] == 5)
    }

    @Test("cells read from the tree equal cells read from the Any tree: selectors, years, ids, indices, missing paths")
    func boxCells() throws {
        let run = try ScenarioRun.compute(try Scenario.load(path: Self.internbank))
        let box = JSONOutput.box(run)
        let object = box.resolved
        let paths = OutputColumns.defaults(for: object as! [String: Any]) + [
            "treasury.scenarios[plus100].years.external_interest", "treasury.scenarios[0].years.municipality_net",
            "treasury.scenarios[nosuch].years.external_interest",
            "treasury.metrics.fixing_years", "treasury.metrics_year_end.fixing_years", "treasury.policy_ok",
            "treasury.no_such_key", "treasury.scenarios.years.external_interest", "treasury", "name",
        ]
        var columns = 0
        for path in paths {
            let a = OutputColumns.evaluate(path, in: object), b = BoxColumns.evaluate(path, in: box)
            #expect(a.map(\.column) == b.map(\.column), "\(path)")
            #expect(a.map { OutputColumns.cell($0.value) } == b.map { OutputColumns.cell($0.value) }, "\(path)")
            columns += a.count
        }
        // The base scenario's external interest 2024 is a number in kronor (the scenario's
        // interest is hundreds of mnkr a year: between 1e8 and 1e9).
        let cell = BoxColumns.evaluate("treasury.scenarios[base].years.external_interest", in: box).first { $0.column.hasSuffix("_2024") }
        let value = try #require(Double(OutputColumns.cell(cell?.value)))
        #expect(value > 1e8 && value < 1e9)
        #expect(columns > 50)
    }

    @Test("a run's cells: the short way (the identity's columns in order) and the map from column to cell give the same row")
    func boxCellRows() throws {
        let run = try ScenarioRun.compute(try Scenario.load(path: Self.internbank))
        let box = JSONOutput.box(run)
        let object = box.resolved as! [String: Any]
        // The row as `BatchFolder.cells` builds it from the `Any` tree: every column's last
        // value by name, a column the run does not give empty.
        func expected(_ outputs: [String], _ columns: [String]) -> [String] {
            var cells: [String: String] = [:]
            for path in outputs { for (c, v) in OutputColumns.evaluate(path, in: object) { cells[c] = OutputColumns.cell(v) } }
            return columns.map { cells[$0] ?? "" }
        }
        func identity(_ outputs: [String], _ columns: [String]) -> BatchIdentity {
            BatchIdentity(format: BatchIdentity.formatVersion, manifest: "", sets: [], runs: 1, sweep: [], values: [[]],
                          outputs: outputs, columns: columns, inputs: [:])
        }
        let defaults = OutputColumns.defaults(for: object)
        // The defaults and, not already among them, a flag, a metric and a text.
        let outputs = defaults + ["treasury.policy_ok", "treasury.metrics.fixing_years", "name"].filter { !defaults.contains($0) }
        #expect(outputs.contains("treasury.policy_ok") && outputs.contains("name"))
        let columns = outputs.flatMap { OutputColumns.evaluate($0, in: object).map(\.column) }
        // The short way: the run gives these columns in this order.
        let paths = BoxColumns.Paths(identity(outputs, columns))
        #expect(paths.distinct)
        let row = BoxColumns.cells(box, paths)
        #expect(row == expected(outputs, columns))
        #expect(row.count == columns.count && row.contains { $0 == "true" || $0 == "false" } && row.contains { Double($0).map { $0 > 1e8 } ?? false })
        // Columns in another order, one the run does not give and one named twice: the map.
        let shuffled = columns.reversed() + ["treasury.no_such_column", columns[0]]
        let other = BoxColumns.Paths(identity(outputs, shuffled))
        #expect(!other.distinct)
        let otherRow = BoxColumns.cells(box, other)
        #expect(otherRow == expected(outputs, shuffled))
        #expect(otherRow[columns.count] == "" && otherRow.last == row.first)
        // An output given twice: both positions hold the value (the identity names it twice).
        let twice = BoxColumns.Paths(identity(outputs + outputs.prefix(1), columns + OutputColumns.evaluate(outputs[0], in: object).map(\.column)))
        #expect(BoxColumns.cells(box, twice) == expected(outputs + outputs.prefix(1), twice.columns))
        // Every leaf's cell equals the `Any` tree's.
        for node: ResultEncoder.Box.Node in [.leaf(.null), .leaf(.double(0.1)), .leaf(.double(-2.5e-7)), .leaf(.int(-3)),
                                             .leaf(.string("Stångåstaden")), .leaf(.bool(false)), .leaf(.uint(UInt64.max))] {
            #expect(BoxColumns.cell(node) == OutputColumns.cell(node.resolved), "\(node)")
        }
        #expect(BoxColumns.cell(nil) == "" && BoxColumns.cell(.box(box)) == "")
    }

    // MARK: CSV rows

    @Test("plain CSV rows: the bytes CSV.swift writes (RFC 4180, LF), quoting cells left to CSV.swift")
    func plainCSV() throws {
        // By hand from CSVWriter: ',' between cells, LF before each row but the first, LF at the end.
        #expect(BatchCSV.plainText([["a", "1.5", ""], ["b", "-2", "x y"]]) == "a,1.5,\nb,-2,x y\n")
        #expect(BatchCSV.plainText([["å", "ä"]]) == "å,ä\n")
        // A row without cells writes nothing, not even its LF (CSVWriter writes LF with a row's first cell).
        #expect(BatchCSV.plainText([[], ["x"], [], ["y"]]) == "x\ny\n")
        #expect(BatchCSV.plainText([]) == "\n")
        // A quote, comma, CR or LF: not plain; text() quotes it through CSV.swift.
        for cell in ["a\"b", "a,b", "a\rb", "a\nb"] { #expect(BatchCSV.plainText([["x", cell]]) == nil) }
        #expect(try BatchCSV.text([["x", "a,b"], ["say \"hi\""]]) == "x,\"a,b\"\n\"say \"\"hi\"\"\"\n")
        #expect(try BatchCSV.text([["x", "y"]]) == "x,y\n")
        // The same bytes as CSV.swift wherever the plain path applies.
        let samples: [[[String]]] = [[["run", "a b", "", "2.5e-05", "Stångåstaden"]], [["1"], ["2", "3"]], [["", ""]], [[" x ", "\t"]]]
        for rows in samples {
            #expect(try BatchCSV.plainText(rows) == BatchCSV.libraryText(rows), "\(rows)")
        }
    }
}
