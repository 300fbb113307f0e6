import Foundation
import Testing
@testable import PrognosCore

/// Slips a controller or treasurer makes when editing a scenario by hand, found by trying
/// them on the shipped files (2026-12-03): each must be said, never turned silently into
/// another number.
@Suite("Input slips: said, not silent")
struct InputSlipTests {
    static let ks = repositoryRoot.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
    static let car = repositoryRoot.appendingPathComponent("Scenarios/internbank-car-2024.yaml").path

    @Test("a project's unit that is not an operating unit: a warning with a suggestion, in Swedish and English")
    func projectUnitNotOperating() throws {
        let clean = try ScenarioRun.compute(try Scenario.load(path: Self.ks))
        #expect(!clean.warnings.contains { $0.catalogued?.code == .investmentsUnitNotOperating })
        // civil-beredskap is borne by kls (Kommunledningsstaben); "klx" is one letter off.
        let run = try ScenarioRun.compute(try Scenario.load(path: Self.ks, overrides: ["investments.projects[civil-beredskap].unit=klx"]))
        let slips = run.warnings.filter { $0.catalogued?.code == .investmentsUnitNotOperating }
        #expect(slips.count == 1)
        let w = try #require(slips.first)
        #expect(w.message.hasSuffix("is borne by unit 'klx', which is not a unit of the operating statement (did you mean 'kls'?); its capital cost is shown under 'klx'"),
                "\(w.message)")
        let sv = try #require(w.catalogued).text(.sv)
        #expect(sv.hasPrefix("Projektet ") && sv.contains("bärs av enheten 'klx', som inte finns i driftsammandraget (menade du 'kls'?)"), "\(sv)")
        #expect(w.location?.file.hasSuffix("investments-ks-2024.yaml") == true)
    }

    @Test("a month missing inside a unit's ledger history: a warning naming unit, month and year (rule O3 leaves the year out)")
    func ledgerHistoryGap() throws {
        var csv = "unit,period,type,amount\n"
        for m in 1...12 { csv += "ks,2024-\(m < 10 ? "0" : "")\(m),budget,2.5\nbf,2024-\(m < 10 ? "0" : "")\(m),budget,1\n" }
        // 2022 complete, 2023 without July for ks; bf starts in 2023-04 (a leading gap is no gap).
        for y in [2022, 2023] {
            for m in 1...12 where !(y == 2023 && m == 7) { csv += "ks,\(y)-\(m < 10 ? "0" : "")\(m),actual,2\n" }
        }
        for m in 4...12 { csv += "bf,2023-\(m < 10 ? "0" : "")\(m),actual,1\n" }
        for m in 1...3 { csv += "ks,2024-0\(m),actual,2\nbf,2024-0\(m),actual,1\n" }
        let scenario = try #require(try load(InputStrictnessTests.twoUnitLedgerScenario, extra: ["ledger.csv": csv]).value)
        let gaps = scenario.warnings.filter { $0.code == .operatingLedgerHistoryGap }
        #expect(gaps.count == 1, "\(scenario.warnings.map(\.message))")
        let en = try #require(gaps.first?.message)
        #expect(en.hasSuffix("ledger.csv) has no actual row for KS in 2023-07, though it has other months of 2023: the year is incomplete and left out of the methods' history (rule O3)"), "\(en)")
        let sv = try #require(gaps.first?.text(.sv))
        #expect(sv.hasSuffix("ledger.csv) saknar utfallsrad för KS i juli 2023, fast den har andra månader av 2023: året är inte komplett och lämnas utanför metodernas historik (backtest, trend, intervall)."), "\(sv)")
        #expect(gaps.first?.location?.line == 7)   // the unit's row in the scenario
        // The complete history: nothing to say.
        let whole = csv.replacingOccurrences(of: "ks,2023-06,actual,2\n", with: "ks,2023-06,actual,2\nks,2023-07,actual,2\n")
        let quiet = try #require(try load(InputStrictnessTests.twoUnitLedgerScenario, extra: ["ledger.csv": whole]).value)
        #expect(!quiet.warnings.contains { $0.code == .operatingLedgerHistoryGap })
    }

    @Test("a reconciliation whose rows' sum is unknown says 'saknas' in Swedish, never the JSON word null")
    func unknownSumInSwedish() {
        let r = Reconciliation(column: .outcomePrior, reported: 506.8e6, computed: nil, difference: nil, tolerance: 0.4e6, status: .error,
                               location: SourceLocation(file: "s.yaml", line: 1, column: 1))
        let m = r.catalogued(unit: .mnkr, rows: 8)
        #expect(m.text(.sv).contains("stämmer inte med radernas summa saknas"), "\(m.text(.sv))")
        #expect(!m.text(.sv).contains("null"))
        #expect(m.text(.en).contains("against the rows' sum null"))
    }

    @Test("a month missing from a unit's ledger actuals: a warning naming unit and month; the sum is of the months given")
    func ledgerGap() throws {
        var csv = "unit,period,type,amount\n"
        for m in 1...12 { csv += "ks,2024-\(m < 10 ? "0" : "")\(m),budget,2.5\nbf,2024-\(m < 10 ? "0" : "")\(m),budget,1\n" }
        csv += "ks,2024-01,actual,2\nks,2024-03,actual,2\n"                      // 2024-02 lost
        for m in 1...3 { csv += "bf,2024-0\(m),actual,1\n" }
        let yaml = InputStrictnessTests.twoUnitLedgerScenario
        let scenario = try #require(try load(yaml, extra: ["ledger.csv": csv]).value)
        let gaps = scenario.warnings.filter { $0.message.contains("has no actual row") }
        #expect(gaps.count == 1, "\(scenario.warnings)")
        #expect(gaps.first?.message.hasPrefix("the ledger (") == true)
        #expect(gaps.first?.message.hasSuffix("ledger.csv) has no actual row for KS in 2024-02, though it has other months of 2024 up to as_of: its actual to date counts that month as 0") == true,
                "\(gaps)")
        // Catalogued (operating.ledger_gap): Swedish by default, the unit by name, the month by its name.
        #expect(gaps.first?.code == .operatingLedgerGap)
        let sv = try #require(gaps.first?.text(.sv))
        #expect(sv.hasPrefix("Huvudboken (") && sv.hasSuffix("ledger.csv) saknar utfallsrad för KS i februari 2024, fast den har andra månader av 2024 fram till prognosdagen: utfallet hittills räknar den månaden som 0."),
                "\(sv)")
        // At the unit's row of the scenario (line 7).
        #expect(gaps.first?.location?.line == 7)
        let run = try ScenarioRun.compute(scenario)
        let ks = try #require(run.operating?.units.first { $0.id == "ks" })
        #expect(abs((ks.figures.actualYTD ?? 0) - 4 * mnkr) < 1e-6)                     // 2 + 2, the month given as 0
        // The unit's own actual_ytd in the file: nothing to say.
        let given = yaml.replacingOccurrences(of: "{id: ks, name: KS,", with: "{id: ks, name: KS, actual_ytd: 6,")
        let quiet = try #require(try load(given, extra: ["ledger.csv": csv]).value)
        #expect(!quiet.warnings.contains { $0.message.contains("has no actual row") })
    }

    @Test("a short-rate volatility above 10 % a year (90% for 0.9%) is refused at the key; 10 % is accepted")
    func absurdVolatility() throws {
        var caught: InputFailure?
        do { _ = try Scenario.load(path: Self.car, overrides: ["simulation.volatility=90%"]) } catch { caught = error }
        let failure = try #require(caught)
        #expect(failure.kind == .badInput)
        let d = try #require(failure.diagnostics.first { $0.message.hasPrefix("volatility") })
        #expect(d.message == "volatility 90.00 % is more than 10 % a year: it is the short rate's absolute volatility (0.9% = 90bp is typical)")
        #expect(d.location?.file == "--set simulation.volatility", "\(String(describing: d.location))")
        _ = try Scenario.load(path: Self.car, overrides: ["simulation.volatility=10%"])
    }

    @Test("a component with a bad life: its own error only, no false 'shares sum to 40 %'")
    func componentLife() throws {
        for (edit, expected) in [("{share: 60%, life: 0}", "life"), ("{share: 60, life: 20}", "share")] {
            var caught: InputFailure?
            do {
                _ = try Scenario.load(path: Self.ks, overrides: ["investments.projects[klf-lokaler].components=[\(edit), {share: 40%, life: 10}]"])
            } catch { caught = error }
            let failure = try #require(caught, "\(edit)")
            let messages = failure.diagnostics.map(\.message)
            #expect(!messages.contains { $0.contains("sum to") }, "\(edit): \(messages)")
            #expect(messages.contains { $0.contains(expected) }, "\(edit): \(messages)")
        }
        // Both read, 60 % + 30 %: the sum's own error (it must still be said).
        var caught: InputFailure?
        do {
            _ = try Scenario.load(path: Self.ks, overrides: ["investments.projects[klf-lokaler].components=[{share: 60%, life: 20}, {share: 30%, life: 10}]"])
        } catch { caught = error }
        #expect(try #require(caught).diagnostics.contains { $0.message.contains("sum to 90.00 %, not 100 %") })
    }

    @Test("the same file twice in one include list: one error naming both places, not its every key 'defined twice'")
    func includedTwice() throws {
        let main = FrontEndTests.header + "include: [b.yaml, b.yaml]\n"
        let failure = try #require(try load(main, extra: ["b.yaml": "name: B\n"]).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("'b.yaml' is included twice: here and at ") == true, "\(messages)")
    }

    @Test("an invalid unit in the including file: its own error, the includes' valid unit not blamed (rule F2)")
    func invalidUnitNotBlamedOnIncludes() throws {
        let main = "prognos: 1\nunit: MNKR\nas_of: 2024-03-31\ninclude: b.yaml\n"
        let failure = try #require(try load(main, extra: ["b.yaml": "unit: mnkr\nname: B\n"]).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(!messages.contains { $0.contains("rule F2") }, "\(messages)")
        #expect(messages.contains { $0.contains("'MNKR'") }, "\(messages)")
    }
}
