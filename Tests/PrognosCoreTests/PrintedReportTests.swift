import Foundation
import Testing
@testable import PrognosCore

/// Issue 17 items 1, 2, 4 (spec/operating.md "Real reports as printed" and "What-if", rules
/// O13–O17 and O21, spec/capital.md "Real investment tables as printed"). Every expected
/// figure is worked out by hand from the printed cells in the comment beside it.
@Suite("Real reports as printed")
struct PrintedReportTests {
    static let header = "prognos: 1\nunit: mnkr\nas_of: 2024-03-31\n"

    static func run(_ yaml: String, overrides: [String] = []) throws -> ScenarioRun {
        let s = try #require(try load(yaml, overrides: overrides).value)
        return try ScenarioRun.compute(s)
    }

    static func check(_ o: OperatingStatement, unit: String?, _ column: String) -> Reconciliation? {
        o.reconciliation.first { $0.unit == unit && $0.columnKey == column }
    }

    // MARK: O13 sign convention

    @Test("rule O13: net_cost_negative is read as printed, JSON stays net-cost positive, tables print as the file")
    func signConvention() throws {
        // Västervik 2021, Kommunstyrelse: nettokostnad −410,7, budget −415,1, avvikelse 4,4 (as printed).
        let run = try Self.run(Self.header + """
        operating:
          sign_convention: net_cost_negative
          units:
            - {id: ks, name: Kommunstyrelse, actual_ytd: -410.7, budget_ytd: -415.1, budget: -415.1,
               forecast: {method: manual, value: -410.7}, deviation: 4.4}
            - {id: vss, name: VSS, reported_as: result, actual_ytd: -7.6, budget_ytd: -3.4, budget: 0.0,
               forecast: {method: manual, value: -5.5}}
          reported_totals: {forecast: -410.7, budget: -415.1, deviation: 4.4}
        """)
        let o = try #require(run.operating)
        let ks = o.units[0].figures
        // Engine convention: costs positive. Deviation = budget − forecast = 415.1 − 410.7 = 4.4 (not flipped).
        #expect(ks.forecast == 410.7 * mnkr && ks.budget == 415.1 * mnkr)
        #expect(abs(ks.deviation! - 4.4 * mnkr) < 1)
        // A result unit is a result in both conventions: −5.5 stays −5.5; deviation −5.5 − 0 = −5.5.
        #expect(o.units[1].figures.forecast == -5.5 * mnkr)
        // The printed totals were flipped too (except the deviation): they reconcile exactly, no entry.
        #expect(o.reconciliation.isEmpty)
        let doc = ResultDocument(run)
        #expect(doc.operating?.signConvention?.value == "net_cost_negative")
        #expect(doc.operating?.units[0].figures.forecast == 410_700_000)
        // The text table prints as the report: −410,7 and −415,1, deviation 4,4.
        let table = TableOutput.render(run, lang: .sv)
        #expect(table.contains("Kommunstyrelse") && table.contains("-410,7") && table.contains("-415,1"))
        #expect(!table.contains(" 410,7"))
        #expect(table.contains("4,4"))
    }

    @Test("rule O13: an unknown sign convention is an error naming the key, with file:line:column")
    func unknownSignConvention() throws {
        let failure = try #require(try load(Self.header + """
        operating:
          sign_convention: costs_negative
          units:
            - {id: ks, name: KS, budget: 1, actual_ytd: 1}
        """).failure)
        // Line 5 column 20: the value of sign_convention (header is 3 lines, "operating:" line 4).
        #expect(failure.diagnostics.contains {
            $0.message.contains("'costs_negative' is not one of net_cost_positive, net_cost_negative") && $0.location?.line == 5
                && $0.location?.column == 20
        })
    }

    // MARK: O14 parents

    static let tree = header + """
    operating:
      units:
        - {id: ks, name: Kommunstyrelse, budget: BUDGET}
        - {id: a, parent: ks, name: Ledning, budget: 30.2, actual_ytd: 7.0, forecast: {method: manual, value: 30.0}}
        - {id: b, parent: ks, name: Kultur, budget: 9.1, actual_ytd: 2.0, forecast: {method: manual, value: 9.0}}
    """

    @Test("rule O14: a parent's printed subtotal against its leaves: exact, rounding (≤ 0.05 × 2), error; totals count leaves once")
    func parentSubtotal() throws {
        // Leaves: 30.2 + 9.1 = 39.3.
        let exact = try #require(try Self.run(Self.tree.replacingOccurrences(of: "BUDGET", with: "39.3")).operating)
        #expect(exact.reconciliation.isEmpty)
        #expect(exact.total.budget == 39.3 * mnkr)   // rule O9: the parent is not added again
        let rounding = try #require(try Self.run(Self.tree.replacingOccurrences(of: "BUDGET", with: "39.4")).operating)
        // 39.4 − 39.3 = one digit ≤ 0.05 × 2 leaves = 0.1: rounding.
        #expect(Self.check(rounding, unit: "ks", "budget")?.status == .rounding)
        let run = try Self.run(Self.tree.replacingOccurrences(of: "BUDGET", with: "40.0"))
        let error = try #require(run.operating)
        // 40.0 − 39.3 = 0.7 > 0.1: error; difference computed − reported = −0.7.
        let e = try #require(Self.check(error, unit: "ks", "budget"))
        #expect(e.status == .error)
        #expect(abs(e.difference! - (-0.7 * mnkr)) < 1)
        #expect(run.failures.count == 1)
        #expect(run.failures[0].message.contains("unit Kommunstyrelse budget: the report prints 40.0"))
        // The forecast column: no leaf lacks it and the parent prints none: not checked.
        #expect(Self.check(error, unit: "ks", "forecast") == nil)
    }

    // MARK: O15 printed deviations

    @Test("rule O15: a printed row deviation 3,4 beside a computed 3,3 is rounding; 3,7 is an error; tables print the printed one")
    func printedDeviation() throws {
        // Västervik 2021, Ledning: −61,1 against −64,4 gives 3,3; the report prints 3,4.
        func yaml(_ d: String) -> String {
            Self.header + """
            operating:
              units:
                - {id: l, name: Ledning, actual_ytd: 15.0, budget: 64.4, forecast: {method: manual, value: 61.1}, deviation: \(d)}
            """
        }
        let run = try Self.run(yaml("3.4"))
        let o = try #require(run.operating)
        #expect(Self.check(o, unit: "l", "deviation")?.status == .rounding)
        #expect(abs(o.units[0].figures.deviation! - 3.3 * mnkr) < 1)   // JSON deviation stays computed
        let doc = ResultDocument(run)
        #expect(doc.operating?.units[0].printed.deviationPrinted?.value == 3_400_000)
        let table = TableOutput.render(run, lang: .en)
        #expect(table.contains("3.4") && table.contains("rounding difference, rule O15"))
        // 3.7 − 3.3 = 4 digits > 1.5: an error naming the row.
        let bad = try #require(try Self.run(yaml("3.7")).operating)
        #expect(Self.check(bad, unit: "l", "deviation")?.status == .error)
        // 3.3 exactly: nothing to report.
        #expect(try #require(try Self.run(yaml("3.3")).operating).reconciliation.isEmpty)
    }

    // MARK: O16 gross lines

    @Test("rule O16: intäkter + kostnader against the net per column; Västervik's Äldreomsorg is 30,0 off")
    func grossLines() throws {
        let run = try Self.run(Self.header + """
        operating:
          sign_convention: net_cost_negative
          units:
            - {id: ao, name: Äldreomsorg, actual_ytd: -431.2, budget: -445.1, forecast: {method: manual, value: -431.2},
               gross: {income: {actual_ytd: 157.0}, costs: {actual_ytd: -558.2}}}
            - {id: sb, name: Samhällsbyggnad, actual_ytd: -124.9, budget: -111.6, forecast: {method: manual, value: -124.9},
               gross: {income: {actual_ytd: 48.3}, costs: {actual_ytd: -173.1}}}
        """)
        let o = try #require(run.operating)
        // 157.0 − 558.2 = −401.2 against −431.2: 30.0 beyond 0.15 → error. Engine convention:
        // costs 558.2 + income −157.0 = 401.2 computed, reported 431.2, difference −30.0.
        let ao = try #require(Self.check(o, unit: "ao", "gross.actual_ytd"))
        #expect(ao.status == .error)
        #expect(abs(ao.difference! - (-30.0 * mnkr)) < 1)
        #expect(run.failures.contains { $0.message.contains("Äldreomsorg") && $0.message.contains("rule O16") })
        // 48.3 − 173.1 = −124.8 against −124.9: one digit → rounding.
        #expect(Self.check(o, unit: "sb", "gross.actual_ytd")?.status == .rounding)
        // The total's "varav" lines sum the leaves' gross lines where the file gives no total gross:
        // forecast is not among the printed gross columns, so only what is printed is summed.
        #expect(o.gross == nil || o.gross?.costs.forecast == nil)
    }

    // MARK: O17 blanks

    @Test("rule O17: a blank cell counts 0 in sums and prints –; a blank forecast keeps the total forecast unknown")
    func blankCells() throws {
        let run = try Self.run(Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 10, actual_ytd: 2, outcome_prior: null, forecast: {method: manual, value: 9}}
            - {id: b, name: B, budget: 5, actual_ytd: 1, outcome_prior: 4.0, forecast: {method: manual, value: 5}}
          reported_totals: {outcome_prior: 4.0}
        """)
        let o = try #require(run.operating)
        // 0 (blank) + 4.0 = 4.0: the total is not null, and it reconciles with the printed 4.0.
        #expect(o.total.outcomePrior == 4 * mnkr)
        #expect(o.reconciliation.isEmpty)
        #expect(o.blankRows[.outcomePrior] == ["a"])
        // The assumption names the unit (A), the JSON's blank list keeps its id (a).
        #expect(o.assumptions.contains { $0.text(.en).contains("Blank") && $0.text(.en).contains("outcome_prior for A:") })
        let table = TableOutput.render(run, lang: .sv)
        #expect(table.contains("– = tom cell i rapporten"))
        let blankForecast = try #require(try Self.run(Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 10, actual_ytd: 2, forecast: null}
            - {id: b, name: B, budget: 5, actual_ytd: 1, forecast: {method: manual, value: 5}}
        """).operating)
        // A blank forecast is not a zero forecast (rule O10): the total forecast is unknown.
        #expect(blankForecast.total.forecast == nil)
        #expect(blankForecast.total.budget == 15 * mnkr)
        // A blank budget is no error (the absent budget would be one).
        let blankBudget = try #require(try Self.run(Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: null, actual_ytd: 2, forecast: {method: manual, value: 3}}
            - {id: b, name: B, budget: 5, actual_ytd: 1, forecast: {method: manual, value: 5}}
        """).operating)
        #expect(blankBudget.total.budget == 5 * mnkr)
        #expect(blankBudget.units[0].figures.deviation == nil)
    }

    // MARK: O21 lineage

    @Test("rule O21: budget = original + Σ changes; a printed budget checked within (k + 1) half digits")
    func lineage() throws {
        func yaml(_ printed: String) -> String {
            Self.header + """
            operating:
              units:
                - id: ks
                  name: Kommunstyrelsen
                  actual_ytd: 6.8
                  forecast: {method: manual, value: 29.2}
                  budget:
                    original: 46.5
                    changes: [{amount: -16.3, note: "Återfört centralt", decided: 2024-03-20}]
                    printed: \(printed)
            """
        }
        // The seed: 46.5 − 16.3 = 30.2.
        let run = try Self.run(yaml("30.2"))
        let o = try #require(run.operating)
        #expect(abs(o.units[0].figures.budget! - 30.2 * mnkr) < 1)
        #expect(o.reconciliation.isEmpty)
        let table = TableOutput.render(run, lang: .sv)
        #expect(table.contains("Ursprunglig") && table.contains("Ombudgetering") && table.contains("-16,3"))
        let doc = ResultDocument(run)
        #expect(doc.operating?.units[0].printed.budgetLineage?.original == 46_500_000)
        // 30.3: one digit within (1 + 1) half digits → rounding; 31.2: ten digits → error.
        #expect(Self.check(try #require(try Self.run(yaml("30.3")).operating), unit: "ks", "budget.printed")?.status == .rounding)
        let bad = try Self.run(yaml("31.2"))
        #expect(Self.check(try #require(bad.operating), unit: "ks", "budget.printed")?.status == .error)
        #expect(bad.failures.first?.location?.line == 13)   // the line of `printed:`
    }

    // MARK: what-if

    @Test("what-if: a --set under a printed total is 'overridden', not an error; a check failing before stays 'error'")
    func whatIf() throws {
        let path = CLIPaths.seed
        let base = try ScenarioRun.compute(try Scenario.load(path: path))
        #expect(base.failures.isEmpty)
        // Kommunledningsstaben 107.3 → 110.3: the total forecast 639.5 + 3.0 = 642.5, deviation 11.0 − 3.0 = 8.0.
        let changed = try ScenarioRun.compute(try Scenario.load(path: path, overrides: ["operating.units[kls].forecast.value=110.3"]))
        let o = try #require(changed.operating)
        #expect(abs(o.total.forecast! - 642.5 * mnkr) < 1)
        #expect(abs(o.total.deviation! - 8.0 * mnkr) < 1)
        #expect(changed.failures.isEmpty)
        #expect(Self.check(o, unit: nil, "forecast")?.status == .overridden)
        #expect(Self.check(o, unit: nil, "deviation")?.status == .overridden)
        // The rounding differences of the file as written keep their status.
        #expect(Self.check(o, unit: nil, "budget_ytd")?.status == .rounding)
        #expect(ResultDocument(changed).operating?.reconciliation.contains { $0.status == "overridden" && $0.column == "forecast" } == true)
        // A printed total that is wrong in the file stays an error whatever the --set.
        let wrong = try Self.run(Self.header + """
        operating:
          units:
            - {id: a, name: A, budget: 10, actual_ytd: 2, forecast: {method: manual, value: 9}}
          reported_totals: {budget: 12.0, forecast: 9.0}
        """, overrides: ["operating.units[a].forecast.value=9.5"])
        let w = try #require(wrong.operating)
        #expect(Self.check(w, unit: nil, "budget")?.status == .error)
        #expect(Self.check(w, unit: nil, "forecast")?.status == .overridden)
    }

    // MARK: comments

    @Test("comment per unit and for the statement: JSON keys and 'Analys och kommentar' under the tables")
    func comments() throws {
        let run = try Self.run(Self.header + """
        operating:
          comment: Överskott i samtliga staber.
          units:
            - {id: a, name: Ekonomistaben, budget: 10, actual_ytd: 2, forecast: {method: manual, value: 9}, comment: Vakanser i början av året.}
        """)
        let doc = ResultDocument(run)
        #expect(doc.operating?.comment?.value == "Överskott i samtliga staber.")
        #expect(doc.operating?.units[0].printed.comment?.value == "Vakanser i början av året.")
        let sv = TableOutput.render(run, lang: .sv), en = TableOutput.render(run, lang: .en)
        #expect(sv.contains("Analys och kommentar") && sv.contains("Ekonomistaben: Vakanser i början av året."))
        #expect(en.contains("Analysis and comments"))
        let html = Report.html(doc, lang: .sv)
        #expect(html.contains("Analys och kommentar") && html.contains("Vakanser i början av året."))
    }

    // MARK: capital

    @Test("capital: frame lineage, kind optional for a table-only project, a printed group row with and without projects")
    func investmentsAsPrinted() throws {
        let run = try Self.run(Self.header + """
        investments:
          groups:
            - {name: KLF, frame: 42.6, forecast_net: 35.0}
            - {name: "Projekt < 3 mnkr", frame: 4.0, spent_ytd: 1.0, forecast_net: 3.5}
          projects:
            - {id: p1, name: Simhall, group: KLF, frame: {original: 0.0, changes: [{amount: 40.0, note: Om-budget}], printed: 40.0},
               forecast_spend: 30.0}
            - {id: p2, name: Lokaler, group: KLF, frame: 2.5, forecast_spend: 5.0}
        """)
        let inv = try #require(run.investments)
        // No kind and no activation: table only, no internal_rate needed, no capital cost.
        #expect(ResultDocument(run).investments?.projects[0].kind == nil)
        // KLF: frame 40.0 + 2.5 = 42.5 against 42.6 → one digit within 0.05 × 2 → rounding; net 30 + 5 = 35 exact.
        #expect(inv.reconciliation.first { $0.group == "KLF" && $0.key == "frame" }?.status == .rounding)
        #expect(!inv.reconciliation.contains { $0.group == "KLF" && $0.key == "forecast_net" })
        // The group without projects counts as a row: total frame 40 + 2.5 + 4.0 = 46.5, net 30 + 5 + 3.5 = 38.5.
        #expect(abs(inv.total.frame - 46.5 * mnkr) < 1)
        #expect(abs(inv.total.forecastNet - 38.5 * mnkr) < 1)
        #expect(ResultDocument(run).investments?.projects[0].frameLineage?.changes.first?.amount == 40_000_000)
        let table = TableOutput.render(run, lang: .sv)
        #expect(table.contains("Ursprunglig") && table.contains("Om-budget") == false)
        // kind is required once the capital cost is computed.
        let needsKind = try #require(try load(Self.header + """
        investments:
          internal_rate: 2.5%
          projects:
            - {id: p1, name: Förskola, frame: 40.0, forecast_spend: 30.0, activation: {planned: 2024-09-30}}
        """).failure)
        #expect(needsKind.diagnostics.contains { $0.message.contains("it needs 'kind'") })
    }
}

enum CLIPaths {
    /// The seed scenario, from the package root.
    static var seed: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
    }
}
