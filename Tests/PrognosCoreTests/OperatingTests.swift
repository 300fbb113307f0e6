import Foundation
import Testing
@testable import PrognosCore

@Suite("Operating statement")
struct OperatingTests {
    static func statement(_ yaml: String) throws -> (OperatingStatement, [Diagnostic]) {
        let s = try #require(try load(yaml).value)
        let run = try ScenarioRun.compute(s)
        return (try #require(run.operating), run.warnings)
    }

    static let header = FrontEndTests.header

    @Test("deviation sign: net-cost units budget − forecast, result units forecast − budget")
    func deviationSigns() throws {
        let (s, _) = try Self.statement(Self.header + """
        operating:
          units:
            - {id: cost, name: C, budget: 100, budget_ytd: 25, actual_ytd: 20, forecast: {method: manual, value: 110}}
            - {id: res, name: R, reported_as: result, budget: 2, budget_ytd: -3.4, actual_ytd: -7.6,
               forecast: {method: manual, value: -5.5}}
        """)
        let cost = s.units[0].figures, res = s.units[1].figures
        // Net cost: 25 − 20 = +5 favourable to date; 100 − 110 = −10 unfavourable for the year.
        #expect(cost.deviationYTD == 5 * mnkr)
        #expect(cost.deviation == -10 * mnkr)
        // Result (the seed's VSS): −7.6 − (−3.4) = −4.2 to date; −5.5 − 2 = −7.5 for the year.
        #expect(abs(res.deviationYTD! - (-4.2 * mnkr)) < 1e-6)
        #expect(res.deviation == -7.5 * mnkr)
        // Result units are not in the total (operating.md: shown below it).
        #expect(s.total.budget == 100 * mnkr)
    }

    @Test("budget_remaining, run_rate and manual with adjustments, by hand")
    func methods() throws {
        let (s, _) = try Self.statement(Self.header + """
        operating:
          units:
            - id: a
              name: A
              budget: 120
              budget_ytd: 24
              actual_ytd: 33
              forecast:
                method: budget_remaining
                adjustments: [{amount: 6.0, note: "IT-säkerhet, ej budgeterat"}, {amount: -1.5, note: vakans}]
            - {id: b, name: B, budget: 120, actual_ytd: 33, forecast: {method: run_rate}}
            - {id: c, name: C, budget: 120, actual_ytd: 33, forecast: {method: manual, value: 118}}
        """)
        // a: A + (B − B_M) = 33 + (120 − 24) = 129; + 6.0 − 1.5 = 133.5
        #expect(s.units[0].methodValue == 129 * mnkr)
        #expect(s.units[0].figures.forecast == 133.5 * mnkr)
        #expect(s.units[0].adjustments.map(\.note) == ["IT-säkerhet, ej budgeterat", "vakans"])
        // b: A × 12 / M = 33 × 12 / 3 = 132; budget_ytd defaults to 120 × 3/12 = 30.
        #expect(s.units[1].figures.forecast == 132 * mnkr)
        #expect(s.units[1].figures.budgetYTD == 30 * mnkr)
        #expect(s.units[1].methods.first { $0.name == "budget_remaining" }?.value == (33 + 120 - 30) * mnkr)
        #expect(s.assumptions.contains { $0.text(.en).contains("budget × 3/12 for B and C") })   // names, not ids (issue 16)
        // c: the controller's figure.
        #expect(s.units[2].figures.forecast == 118 * mnkr)
        #expect(s.units[2].bandReason.contains("rule O6"))
        // Methods that need history say why they cannot run.
        #expect(s.units[2].methodsUnavailable.map(\.name) == ["profile", "trend"])
    }

    @Test("reconciliation: within 0.05 × rows mnkr is rounding, beyond is an error (rule O8)")
    func reconciliationTolerance() throws {
        func units(_ reported: String) -> String {
            Self.header + """
            operating:
              units:
                - {id: a, name: A, budget: 10.1, actual_ytd: 1}
                - {id: b, name: B, budget: 10.1, actual_ytd: 1}
              reported_totals: {budget: \(reported), actual_ytd: 2.0}
            """
        }
        // Rows sum to 20.2; two rows → tolerance 0.1 mnkr.
        let (exact, _) = try Self.statement(units("20.2"))
        #expect(exact.reconciliation.isEmpty)
        let (rounding, warnings) = try Self.statement(units("20.3"))
        #expect(rounding.reconciliation.map(\.status) == [.rounding])
        #expect(abs(rounding.reconciliation[0].difference! - (-0.1 * mnkr)) < 1e-6)
        #expect(warnings.contains { $0.message.contains("budget 20.3 mnkr against the rows' sum 20.2: a rounding difference") })
        let (error, _) = try Self.statement(units("20.4"))
        #expect(error.reconciliation.map(\.status) == [.error])
        #expect(error.reconciliationErrors.count == 1)
    }

    @Test("reconciliation tolerance in tkr is 0.5 per row")
    func reconciliationTkr() throws {
        let yaml = """
        prognos: 1
        unit: tkr
        as_of: 2024-06-30
        operating:
          units:
            - {id: a, name: A, budget: 1000, actual_ytd: 400}
            - {id: b, name: B, budget: 1000, actual_ytd: 400}
            - {id: c, name: C, budget: 1000, actual_ytd: 400}
          reported_totals: {budget: 3001.5}
        """
        let (s, _) = try Self.statement(yaml)   // tolerance 3 × 0.5 = 1.5 tkr
        #expect(s.reconciliation.first?.status == .rounding)
        #expect(s.reconciliation.first?.tolerance == 1500)
        let (t, _) = try Self.statement(yaml.replacingOccurrences(of: "3001.5", with: "3001.6"))
        #expect(t.reconciliation.first?.status == .error)
    }

    @Test("a unit tree: parents sum their leaves, totals count leaves once (rule O9)")
    func unitTree() throws {
        let (s, _) = try Self.statement(Self.header + """
        operating:
          units:
            - {id: klf, name: KLF}
            - {id: stab, name: Stab, parent: klf}
            - {id: e1, name: E1, parent: stab, budget: 10, actual_ytd: 2, forecast: {method: manual, value: 9}}
            - {id: e2, name: E2, parent: stab, budget: 20, actual_ytd: 6, forecast: {method: manual, value: 21}}
            - {id: e3, name: E3, parent: klf, budget: 5, actual_ytd: 1, forecast: {method: manual, value: 5}}
        """)
        let byID = Dictionary(uniqueKeysWithValues: s.units.map { ($0.id, $0) })
        #expect(byID["stab"]?.figures.budget == 30 * mnkr)
        #expect(byID["klf"]?.figures.forecast == 35 * mnkr)
        #expect(byID["klf"]?.isLeaf == false)
        #expect(s.total.budget == 35 * mnkr)   // not 35 + 30 + 35
        #expect(s.total.deviation == 0)
    }

    @Test("unit-tree errors: unknown parent (with suggestion), a cycle")
    func unitTreeErrors() throws {
        let s = try #require(try load(Self.header + """
        operating:
          units:
            - {id: klf, name: KLF, budget: 3}
            - {id: e1, name: E1, parent: klf, budget: 1, actual_ytd: 1}
            - {id: e2, name: E2, parent: kfl, budget: 1, actual_ytd: 1}
        """).value)
        #expect(throws: InputFailure.self) { _ = try ScenarioRun.compute(s) }
        do {
            _ = try ScenarioRun.compute(s)
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains("unit 'e2' names parent 'kfl', which is not a unit (did you mean 'klf'?)"))
            // Figures on a parent are printed subtotals since issue 17 (rule O14), not an error.
            #expect(!messages.contains { $0.contains("unit 'klf'") })
        }
        let cyclic = try #require(try load(Self.header + """
        operating:
          units:
            - {id: a, name: A, parent: b}
            - {id: b, name: B, parent: a}
        """).value)
        #expect(throws: InputFailure.self) { _ = try ScenarioRun.compute(cyclic) }
    }

    @Test("a net-cost unit without a forecast makes the total forecast null, with a warning (rule O10)")
    func nullTotal() throws {
        let (s, warnings) = try Self.statement(Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 10, actual_ytd: 2, forecast: {method: manual, value: 9}}
            - {id: b, name: B, budget: 10, actual_ytd: 2}
        """)
        #expect(s.total.forecast == nil)
        #expect(s.total.deviation == nil)
        #expect(s.total.budget == 20 * mnkr)
        #expect(warnings.contains { $0.message == "total forecast is null: no forecast for B (rule O10)" })   // the unit's name (issue 16)
    }

    @Test("the seed's two Driftsammandrag tables (Linköping KS, March 2024)")
    func seedTables() throws {
        let path = repositoryRoot.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
        let run = try ScenarioRun.compute(try Scenario.load(path: path))
        let s = try #require(run.operating)
        func close(_ a: Double?, _ mn: Double) -> Bool { a.map { abs($0 - mn * mnkr) < 1 } ?? false }

        // Totals as the report prints them (figures from the seed text).
        #expect(close(s.total.actualYTD, 146.6))
        #expect(close(s.total.forecast, 639.5))
        #expect(close(s.total.budget, 650.5))
        #expect(close(s.total.deviation, 11.0))
        #expect(close(s.total.actualYTDPrior, 85.6))
        // The rows' own sums where the report rounded: 160.4 (printed 160.5), 13.8 (13.9), 506.9 (506.8).
        #expect(close(s.total.budgetYTD, 160.4))
        #expect(close(s.total.deviationYTD, 13.8))
        #expect(close(s.total.outcomePrior, 506.9))
        #expect(s.reconciliation.map(\.column) == [.budgetYTD, .deviationYTD, .outcomePrior])
        #expect(s.reconciliation.allSatisfy { $0.status == .rounding })
        #expect(run.failures.isEmpty)

        // VSS below the total, as a result unit.
        let vss = try #require(s.resultUnits.first)
        #expect(close(vss.figures.actualYTD, -7.6))
        #expect(close(vss.figures.deviationYTD, -4.2))
        #expect(close(vss.figures.forecast, -5.5))
        #expect(close(vss.figures.deviation, -5.5))
        #expect(s.netCostUnits.count == 8)

        // Every row's deviation as printed.
        let printedYTD = [0.7, 2.6, 3.2, 0.5, 1.0, 1.6, 1.8, 2.4]
        let printedYear = [1.0, 2.0, 5.0, 0.0, 0.8, 1.5, 0.7, 0.0]
        for (i, u) in s.netCostUnits.enumerated() {
            #expect(close(u.figures.deviationYTD, printedYTD[i]), "\(u.id)")
            #expect(close(u.figures.deviation, printedYear[i]), "\(u.id)")
        }
        // varav kostnader / intäkter (rule O12).
        #expect(close(s.gross?.costs.deviation, 11.0))
        #expect(close(s.gross?.income.deviation, 0.0))
    }
}
