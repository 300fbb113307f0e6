import Foundation
import Testing
@testable import PrognosCore

/// The scenario-file front end: strict keys, positions, includes, limits, --set.
@Suite("Scenario front end")
struct FrontEndTests {
    static let header = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31

    """

    static func unitYAML(_ extra: String = "") -> String {
        header + """
        operating:
          units:
            - id: ks
              name: Kommunstyrelsen
              budget: 30.2
              actual_ytd: 6.8\(extra)
              forecast: {method: manual, value: 29.2}
        """
    }

    @Test("an unknown key is an error at the key's line and column, with a suggestion")
    func unknownKey() throws {
        let failure = try #require(try load(Self.unitYAML("\n      budgt_ytd: 7.5"), name: "x.yaml").failure)
        #expect(failure.kind == .badInput)
        let d = try #require(failure.diagnostics.first)
        #expect(d.location?.line == 10)
        #expect(d.location?.column == 7)
        #expect(d.location?.file.hasSuffix("x.yaml") == true)
        #expect(d.message == "unknown key 'budgt_ytd' in operating.units[ks] (did you mean 'budget_ytd'?)")
    }

    @Test("an unknown top-level key far from any name gets no suggestion")
    func unknownKeyNoSuggestion() throws {
        let failure = try #require(try load(Self.header + "zzzqqq: 1\n").failure)
        #expect(failure.diagnostics.map(\.message) == ["unknown key 'zzzqqq' in the scenario"])
        #expect(failure.diagnostics.first?.location?.line == 4)
        #expect(failure.diagnostics.first?.location?.column == 1)
    }

    @Test("a missing required key is an error naming the key and the mapping")
    func missingRequired() throws {
        let yaml = Self.header + """
        operating:
          units:
            - id: ks
              budget: 30.2
              actual_ytd: 6.8
        """
        let failure = try #require(try load(yaml).failure)
        #expect(failure.diagnostics.map(\.message).contains("missing required key 'name' in operating.units[ks]"))
        #expect(failure.diagnostics.first?.location?.line == 6)
    }

    @Test("wrong types: a list where an amount goes, text where a number goes, a bare rate")
    func wrongTypes() throws {
        let failure = try #require(try load(Self.unitYAML("\n      budget_ytd: [1, 2]\n      outcome_prior: lots")).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("expected an amount, found a list (key 'budget_ytd' in operating.units[ks])"))
        #expect(messages.contains("expected an amount (a number in mnkr), found 'lots' (key 'outcome_prior' in operating.units[ks])"))
        let outcome = try #require(failure.diagnostics.first { $0.message.contains("outcome_prior") })
        #expect(outcome.location?.line == 11)
        #expect(outcome.location?.column == 22)
    }

    @Test("YAML's implicit typing does not leak: a quoted amount is read, a date key rejects a number")
    func keyDecidesType() throws {
        let ok = try load(Self.unitYAML("\n      outcome_prior: \"25.5\"")).value
        #expect(ok?.operating?.units.first?.outcomePrior == 25.5 * mnkr)
        let failure = try #require(try load("prognos: 1\nunit: mnkr\nas_of: 20240331\n").failure)
        #expect(failure.diagnostics.first?.message == "expected an ISO date YYYY-MM-DD, found '20240331' (key 'as_of' in the scenario)")
    }

    @Test("every error is reported, not only the first")
    func allErrors() throws {
        let yaml = Self.header + """
        nmae: x
        operating:
          units:
            - {id: a, name: A, budget: 1, actual_ytd: x}
            - {id: b, name: B, budgett: 1, actual_ytd: 1}
        """
        let failure = try #require(try load(yaml).failure)
        #expect(failure.diagnostics.count >= 3)
        #expect(failure.diagnostics.contains { $0.message.contains("unknown key 'nmae'") && $0.message.contains("'name'") })
        #expect(failure.diagnostics.contains { $0.message.contains("'x'") && $0.message.contains("actual_ytd") })
        #expect(failure.diagnostics.contains { $0.message.contains("unknown key 'budgett'") })
    }

    @Test("format version and unit are required and checked")
    func versionAndUnit() throws {
        let f1 = try #require(try load("unit: mnkr\n").failure)
        #expect(f1.diagnostics.map(\.message) == ["missing required key 'prognos' in the scenario"])
        let f2 = try #require(try load("prognos: 2\nunit: mnkr\n").failure)
        #expect(f2.diagnostics.first?.message.contains("format version 2 is not supported") == true)
        let f3 = try #require(try load("prognos: 1\nunit: mkr\n").failure)
        #expect(f3.diagnostics.first?.message == "'mkr' is not one of mnkr, tkr, kr (did you mean 'mnkr'?) (key 'unit' in the scenario)")
    }

    @Test("from_investments without an investments section is an error at its key, not silently ignored (rule T25)")
    func reservedSection() throws {
        // treasury.refinancing.from_investments was reserved until issue 19 built it (rule T25).
        let failure = try #require(try load(Self.header + """
            treasury: {valuation_date: 2024-03-31, refinancing: {tenor_mix: [{tenor: 3Y, type: fixed, share: 100%}], from_investments: true}}

            """).failure)
        #expect(failure.diagnostics.contains {
            $0.message.hasPrefix("from_investments: true needs an investments section") && $0.location?.line == 4
        })
    }

    @Test("invalid YAML reports the parser's position")
    func invalidYAML() throws {
        let failure = try #require(try load("prognos: 1\nunit: [mnkr\n").failure)
        #expect(failure.kind == .badInput)
        #expect(failure.diagnostics.first?.message.hasPrefix("invalid YAML") == true)
        #expect((failure.diagnostics.first?.location?.line ?? 0) >= 2)
    }

    @Test("a key defined twice in one mapping is an error")
    func duplicateKey() throws {
        let failure = try #require(try load("prognos: 1\nunit: mnkr\nunit: tkr\n").failure)
        #expect(failure.diagnostics.first?.message == "key 'unit' defined twice in the same mapping")
    }

    @Test("duplicate unit ids are errors")
    func duplicateIDs() throws {
        let yaml = Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 1, actual_ytd: 1}
            - {id: a, name: B, budget: 1, actual_ytd: 1}
        """
        let failure = try #require(try load(yaml).failure)
        #expect(failure.diagnostics.first?.message == "duplicate unit id 'a' (first at \(failure.diagnostics.first!.location!.file):6:12)")
    }

    @Test("include merges mappings across files; paths are relative to the including file")
    func includeMerges() throws {
        let main = Self.header + "include: [parts/units.yaml]\nname: Huvud\n"
        let part = "unit: mnkr\noperating:\n  units:\n    - {id: a, name: A, budget: 12, actual_ytd: 3}\n"
        let s = try #require(try load(main, extra: ["parts/units.yaml": part]).value)
        #expect(s.name == "Huvud")
        #expect(s.operating?.units.map(\.budget) == [12 * mnkr])
    }

    @Test("a key defined in the file and in an include is an error naming both places")
    func includeDuplicate() throws {
        let main = Self.header + "include: b.yaml\nname: A\n"
        let failure = try #require(try load(main, extra: ["b.yaml": "name: B\n"]).failure)
        let d = try #require(failure.diagnostics.first)
        #expect(d.location?.file.hasSuffix("b.yaml") == true)
        #expect(d.message.hasPrefix("key 'name' is defined twice: here and at "))
        #expect(d.message.hasSuffix("s.yaml:5:1"))
    }

    @Test("include cycles are errors")
    func includeCycle() throws {
        let main = Self.header + "include: [b.yaml]\n"
        let failure = try #require(try load(main, name: "a.yaml", extra: ["b.yaml": "include: [a.yaml]\n"]).failure)
        #expect(failure.kind == .badInput)
        #expect(failure.diagnostics.map(\.message) == ["include cycle: a.yaml → b.yaml → a.yaml"])
        #expect(failure.diagnostics.first?.location?.line == 1)
    }

    @Test("an included file may not change the unit (rule F2)")
    func includeUnit() throws {
        let failure = try #require(try load(Self.header + "include: b.yaml\n", extra: ["b.yaml": "unit: tkr\n"]).failure)
        #expect(failure.diagnostics.first?.message == "included file declares unit 'tkr' but the including file uses 'mnkr' (rule F2)")
    }

    /// Found by trying a misspelt `unit` in the shipped KS scenario (2026-12-03): the include's
    /// own `unit` filled the root's and its `prognos` was reported as "defined twice".
    @Test("a misspelt unit in a file with an include: unknown key and missing unit, nothing taken from the include")
    func misspeltUnitWithInclude() throws {
        let main = "prognos: 1\nunitt: mnkr\nas_of: 2024-03-31\ninclude: b.yaml\n"
        let failure = try #require(try load(main, extra: ["b.yaml": "prognos: 1\nunit: mnkr\nname: B\n"]).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("unknown key 'unitt' in the scenario (did you mean 'unit'?)"))
        #expect(messages.contains("missing required key 'unit' in the scenario"))
        #expect(!messages.contains { $0.contains("defined twice") })
    }

    @Test("a missing include is a missing input (exit 66)")
    func missingInclude() throws {
        let failure = try #require(try load(Self.header + "include: nowhere.yaml\n").failure)
        #expect(failure.kind == .missingInput)
        #expect(failure.diagnostics.first?.message.hasPrefix("included file not found") == true)
    }

    @Test("an alias bomb stops at the node limit (rule F7)")
    func aliasBomb() throws {
        var yaml = "prognos: 1\nunit: mnkr\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(i): &a\(i) [\(refs)]\n"
        }
        let failure = try #require(try load(yaml).failure)
        #expect(failure.diagnostics.first?.message.contains("more than 1000000 nodes") == true)
    }

    @Test("files above the size limit are refused (rule F7)")
    func sizeLimit() throws {
        let dir = try temporaryFiles(["big.yaml": Self.header + "# " + String(repeating: "x", count: 2000) + "\n"])
        var limits = InputLimits()
        limits.maxFileBytes = 1000
        #expect(throws: InputFailure.self) { _ = try Scenario.load(path: dir.appendingPathComponent("big.yaml").path, limits: limits) }
    }

    @Test("--set overrides a list element by id and a nested key")
    func overrides() throws {
        let s = try #require(try load(Self.unitYAML(), overrides: ["operating.units[ks].budget=31.5",
                                                                   "operating.units[ks].forecast={method: budget_remaining}",
                                                                   "name=Test"]).value)
        #expect(s.name == "Test")
        #expect(s.operating?.units.first?.budget == 31.5 * mnkr)
        #expect(s.operating?.units.first?.forecast?.method == .budgetRemaining)
    }

    @Test("--set with an unknown key or element is an error with a suggestion")
    func overrideErrors() throws {
        let f1 = try #require(try load(Self.unitYAML(), overrides: ["operating.units[ks].budgett=1"]).failure)
        #expect(f1.diagnostics.first?.message == "unknown key 'budgett' in operating.units[ks] (did you mean 'budget'?)")
        #expect(f1.diagnostics.first?.location?.file == "--set operating.units[ks].budgett")
        let f2 = try #require(try load(Self.unitYAML(), overrides: ["operating.units[kss].budget=1"]).failure)
        #expect(f2.diagnostics.first?.message == "--set operating.units[kss].budget: no element 'kss' in 'operating.units' (did you mean 'ks'?)")
        let f3 = try #require(try load(Self.unitYAML(), overrides: ["operating.units[ks].budget=4%"]).failure)
        #expect(f3.diagnostics.first?.message.hasPrefix("expected an amount") == true)
        #expect(throws: InputFailure.self) { _ = try Override("no-equals-sign") }
    }

    @Test("manual needs a value; other methods refuse one")
    func methodValue() throws {
        let yaml = Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 1, actual_ytd: 1, forecast: {method: manual}}
            - {id: b, name: B, budget: 1, actual_ytd: 1, forecast: {method: run_rate, value: 3}}
            - {id: c, name: C, budget: 1, actual_ytd: 1, forecast: {method: profil}}
        """
        let failure = try #require(try load(yaml).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("method 'manual' needs 'value' (the controller's figure) in operating.units[a].forecast"))
        #expect(messages.contains { $0.hasPrefix("'value' is only read with method 'manual'") })
        #expect(messages.contains { $0.hasPrefix("'profil' is not one of manual, budget_remaining, run_rate") })
    }
}
