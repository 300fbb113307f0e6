import Foundation
import Testing
@testable import PrognosCore

/// The typed result document (issue 15): its coding keys are the JSON contract, and the HTML
/// report renders every section of it.
@Suite("result document")
struct ResultDocumentTests {
    static let goldens = ["linkoping-ks-2024-03", "linkoping-ks-2024-03-ledger", "linkoping-ks-2024-03-indikatorer",
                          "linkoping-ks-2024-03-indikatorer.assess", "linkoping-internbank-2024", "portfolio-2024", "treasury-2024",
                          "internbank-car-2024", "internbank-car-2024.vasicek"]

    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/golden/\(name).json"))
    }

    @Test("decoding a golden JSON result with JSONDecoder and encoding it again gives the same bytes (every key decoded, nulls kept)",
          arguments: goldens)
    func roundTrip(_ name: String) throws {
        let data = try Self.golden(name)
        let document = try ResultDocument.decode(data)
        #expect(try JSONOutput.render(document) == String(decoding: data, as: UTF8.self))
    }

    /// Every section a document carries is shown by the report, figure for figure: the
    /// expected strings come from the document (formatted as the report formats), not from the HTML.
    @Test("parity: every section of each shipped scenario's document reaches the HTML report, figure for figure", arguments: goldens)
    func parity(_ name: String) throws {
        let doc = try ResultDocument.decode(try Self.golden(name))
        let html = Report.html(doc, lang: .sv)
        let f = ReportFormat(lang: .sv, unit: doc.amountUnit)
        func expectShown(_ s: String, _ what: String) { #expect(html.contains(s), "\(name): \(what) '\(s)' missing from the report") }
        for section in ResultSection.allCases where section.isPresent(in: doc) {
            switch section {
            case .operating:
                let o = try #require(doc.operating)
                for u in o.units {
                    expectShown(HTML.escape(u.name), "unit")
                    for v in [u.figures.actualYTD, u.figures.budgetYTD, u.figures.forecast, u.figures.budget, u.figures.deviation] { expectShown(f.amount(v), "\(u.id) figure") }
                    for a in u.adjustments { expectShown(f.amount(a.amount), "\(u.id) adjustment"); expectShown(HTML.escape(a.note), "\(u.id) adjustment note") }
                    for (_, v) in u.methods { if let v { expectShown(f.amount(v), "\(u.id) method value") } }
                    for (_, r) in u.backtest?.methods ?? [:] { expectShown(f.amount(r.mae), "\(u.id) backtest MAE") }
                }
                // The statement's column headers and titles, as the text table words them (one label table for both).
                let L = OperatingLabels(lang: .sv)
                for h in L.resultColumns(o.month, o.fiscalYear) + L.forecastColumns(o.fiscalYear) {
                    expectShown("<th class=\"num\">" + HTML.escape(SectionLabel.oneLine(h)) + "</th>", "operating column")
                }
                expectShown(HTML.escape(L.resultTitle(o.asOf, f.unit)), "results title")
                expectShown(HTML.escape(L.forecastTitle(o.fiscalYear, f.unit)), "forecast title")
            case .investments:
                // All eight columns of the text table (issue 15): each project's and the total's figures.
                let inv = try #require(doc.investments)
                for p in inv.projects {
                    expectShown(HTML.escape(p.name), "project")
                    for v in [p.spentYTD, p.incomeYTD, p.forecastSpend, p.forecastIncome, p.forecastNet, p.frame, p.deviation, p.carryOver] {
                        expectShown(">" + f.amount(v) + "<", "project \(p.id) figure")
                    }
                }
                let x = inv.total
                for v in [x.spentYTD, x.incomeYTD, x.forecastSpend, x.forecastIncome, x.forecastNet, x.frame, x.deviation, x.carryOver,
                          x.ofWhichExpenditure.actualYTD, x.ofWhichIncome.actualYTD, x.ofWhichIncome.forecast] {
                    expectShown(">" + f.amount(v) + "<", "investment total figure")
                }
                // The eight column headers, as the text table words them (one label table for both).
                let asOf = try #require(doc.asOf.flatMap(Day.init(iso:)))
                let year = String(doc.capitalCosts?.years.first?.year ?? asOf.year)
                for h in InvestmentLabels(lang: .sv).columns(period: Labels(lang: .sv).period(asOf.month), year: year) {
                    expectShown("<th class=\"num\">" + HTML.escape(SectionLabel.oneLine(h)) + "</th>", "investment column")
                }
            case .capitalCosts:
                for u in doc.capitalCosts?.byUnit ?? [] { expectShown(f.amount(u.forecast), "capital cost"); expectShown(f.amount(u.split.rate), "capital cost rate split") }
            case .treasury:
                let t = try #require(doc.treasury)
                for s in t.scenarios { for y in s.years { expectShown(f.amount(y.externalInterest), "interest cost \(s.name) \(y.year)") } }
                for y in t.base?.years ?? [] { for b in t.borrowers { expectShown(f.amount(y.internalIncomeByBorrower[b.id] ?? nil), "internal income \(b.id) \(y.year)") } }
                for b in t.borrowers { expectShown(f.amount(t.metrics.internalLending.byBorrower[b.id] ?? nil), "on-lending \(b.id)") }
                if let mv = t.metrics.swapMarketValue { expectShown(f.amount(mv.value), "swap market value") }
                for y in t.sensitivity.years { expectShown(f.amount(y.group), "sensitivity \(y.year)") }
                // Issue 15 item 5: the interest budget and the +1 pp figures (additive JSON keys).
                for b in t.interestBudget ?? [] { expectShown(f.amount(b.amount), "interest budget \(b.year)") }
                for y in t.sensitivity.shiftedYears ?? [] {
                    for v in [y.externalInterest, y.internalIncome, y.municipalityNet] { expectShown(f.amount(v), "+1 pp figure \(y.year)") }
                }
                // The rule's label as the report writes it (an en dash in number ranges, Report.ruleLabel).
                for c in t.policy { expectShown(HTML.escape(Report.ruleLabel(c.rule, .sv)), "policy rule") }
            case .simulation:
                let sim = try #require(doc.simulation)
                for y in sim.years {
                    for (series, st) in y.series {
                        // The swap book's value is a small table of its own: mean, P05, P95 (issue 19).
                        for stat in series == .swapMarketValue ? [Statistic.mean, .p05, .p95] : [Statistic.mean, .p95, .car95, .es95] {
                            expectShown(series.isAmount ? f.amount(st[stat]) : f.percent(st[stat]), "\(series.key) \(stat.key) \(y.year)")
                        }
                    }
                }
                // Each series under the text table's title (one label table for both).
                for series in Set(sim.years.flatMap { $0.series.keys }) {
                    let title = series == .swapMarketValue ? SwapValueSimulationLabels(lang: .sv).title(unit: f.unit)
                        : SimulationLabels(lang: .sv).seriesTitle(series, unit: f.unit)
                    expectShown("<h3>" + HTML.escape(title) + "</h3>", "\(series.key) title")
                }
            case .indicators:
                for a in doc.indicators?.areas ?? [] { for g in a.boardGoals { for i in g.indicators { expectShown(HTML.escape(i.name), "indicator") } } }
            case .frontier:
                // The frontier mixes and the current mix, figure for figure (FrontierReportTests covers a whole document).
                let r = try #require(doc.frontier)
                for m in r.frontier.map({ r.mixes[$0] }) + [r.current.mix] { for v in [m.mean, m.car95, m.es95] { expectShown(f.amount(v), "frontier figure") } }
            case .result:
                // Issue 18: the resultaträkning, the balanskravsutredning and every scenario's years reach the report.
                let r = try #require(doc.result)
                for l in r.lines { expectShown(f.amount(l.forecast), "result line \(l.key)") }
                for l in r.balanskrav.lines { expectShown(f.amount(l.amount), "balanskrav \(l.key)") }
                for s in r.byScenario { for y in s.years { expectShown(f.amount(y.balanskravsresultat), "balanskravsresultat \(s.name) \(y.year)") } }
            }
        }
    }

    @Test("the ledger scenario's adjustments are in the report: IT-säkerhet 6,0 and kapitalkostnader −16,9 (the scenario file's figures)")
    func seedAdjustments() throws {
        let html = Report.html(try ResultDocument.decode(try Self.golden("linkoping-ks-2024-03-ledger")), lang: .sv)
        #expect(html.contains(">6,0<"))
        #expect(html.contains(">−16,9<"))
        #expect(html.contains("IT-säkerhet, ej budgeterad"))
    }

    @Test("policy rules: each JSON key maps to one rule and back (the vocabulary names each rule once)")
    func policyKeys() {
        for r in PolicyRule.fixed + PolicySpecs.bucketKeys.map(PolicyRule.fixingBucket) { #expect(PolicyRule(key: r.key) == r) }
        #expect(PolicyRule(key: "no_such_rule") == nil)
    }
}
