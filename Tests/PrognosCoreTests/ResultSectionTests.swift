import Foundation
import Testing
@testable import PrognosCore

/// Issue 15 item 2: adding a section means one model type and one renderer per view, and a
/// test fails when a section of the document has no rendering in some view. Each view
/// switches exhaustively over `ResultSection` (the compiler asks for the case); this suite
/// asks for the output: a document with every section, rendered by every view, must show
/// each section under its heading — or the view must say here that it leaves it out.
@Suite("result sections in every view")
struct ResultSectionTests {
    /// One document with every section, from the golden JSON of the shipped scenarios
    /// (operating, investments and capital costs from the KS report; treasury from the
    /// internal bank; the simulation; the assessed indicators).
    static func everySection() throws -> ResultDocument {
        func golden(_ name: String) throws -> ResultDocument {
            try ResultDocument.decode(try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/golden/\(name).json")))
        }
        var doc = try golden("linkoping-ks-2024-03-ledger")
        doc.treasury = try golden("linkoping-internbank-2024").treasury
        doc.simulation = try golden("internbank-car-2024").simulation
        doc.indicators = try golden("linkoping-ks-2024-03-indikatorer.assess").indicators
        doc.frontier = FrontierResult.assemble(FrontierTests.handPart())
        // The municipality's result, with its Monte Carlo (issue 18), computed from the shipped scenario.
        let kommun = try Scenario.load(path: repositoryRoot.appendingPathComponent("Scenarios/linkoping-kommun-2024.yaml").path,
                                       overrides: ["simulation.paths=200", "simulation.band_paths=10"])
        doc.result = try ScenarioRun.compute(kommun, simulation: .ifPresent, threads: 2).result?.section
        return doc
    }

    enum View: CaseIterable { case text, csv, html }

    /// The heading each view prints for a section (written here by hand, from the views'
    /// Swedish output), or nil where the view leaves the section out on purpose:
    /// the CSV has no investment or capital-cost table (its tables are the statement, the
    /// treasury years, the simulation and the indicators; the JSON carries the rest).
    static let headings: [View: [ResultSection: String?]] = [
        .text: [.operating: "Driftsammandrag för prognos för helår 2024", .investments: "Investeringar, resultat 31 mars 2024",
                .capitalCosts: "Kapitalkostnader 2024 per enhet", .treasury: "Räntekostnad per scenario och år",
                .simulation: "Simulering: Hull–White", .indicators: "Målområde: ",
                .frontier: "Lånestrategi: kostnad mot risk", .result: "Balanskravsutredning, prognos 2024"],
        .csv: [.operating: "section,id,name,reported_as,actual_ytd", .investments: "section,id,name,unit,kind,group,spent_ytd",
               .capitalCosts: "section,unit,name,budget,forecast,deviation",
               .treasury: "scenario,year,external_interest,swap_net", .simulation: "year,series,mean,sd,stderr",
               .indicators: "area,goal,board_goal,id,name", .frontier: "mix,share_3M_floating,share_5Y_fixed,mean",
               .result: "scenario,year,arets_resultat,financial_net,balanskravsresultat"],
        .html: [.operating: "<h2>Driftsammandrag</h2>", .investments: "<h2>Investeringar</h2>",
                .capitalCosts: "<h3>Kapitalkostnader ", .treasury: "<h2>Räntor och internbank</h2>",
                .simulation: "<h2>Simulering och Cost-at-Risk</h2>", .indicators: "<h2>Nämndmål och nämndindikatorer</h2>",
                .frontier: "<h2>Lånestrategi: kostnad mot risk</h2>", .result: "<h2>Kommunens resultat och balanskrav</h2>"],
    ]

    @Test("the test document carries every section (a new section must be added to it)")
    func documentIsComplete() throws {
        let doc = try Self.everySection()
        for section in ResultSection.allCases { #expect(section.isPresent(in: doc), "\(section) missing from the test document") }
    }

    @Test("every view names every section: a heading, or a stated omission", arguments: View.allCases)
    func everyViewCoversEverySection(_ view: View) throws {
        let doc = try Self.everySection()
        let output: String
        switch view {
        case .text: output = TableOutput.render(doc, lang: .sv)
        case .csv: output = try CSVOutput.render(doc, dialect: .rfc4180)
        case .html: output = Report.html(doc, lang: .sv)
        }
        let headings = try #require(Self.headings[view])
        for section in ResultSection.allCases {
            // A section without an entry fails: the view must say how it shows it.
            guard let entry = headings[section] else { Issue.record("\(view): no entry for section \(section)"); continue }
            if let heading = entry {
                #expect(output.contains(heading), "\(view): section \(section) is not shown (heading '\(heading)')")
            } else {
                // A stated omission must be one: the view's renderer gives the section nothing of its own.
                let own = try CSVOutput.render(section, doc, dialect: .rfc4180)
                #expect(view == .csv && own == nil, "\(view): section \(section) is left out but has a rendering")
            }
        }
    }

    @Test("each section's own text rendering reaches the whole text output")
    func sectionsReachTheWhole() throws {
        let doc = try Self.everySection()
        let text = TableOutput.render(doc, lang: .en)
        for section in ResultSection.allCases {
            if let part = TableOutput.render(section, doc, lang: .en) {
                #expect(text.contains(TerminalText.escaped(part, keepNewlines: true)), "\(section)")
            }
        }
        // Capital costs are shown with the investments in both (one heading set, as the printed report).
        #expect(TableOutput.render(.capitalCosts, doc, lang: .en) == nil)
        #expect(text.contains("Capital costs 2024 by unit"))
    }
}
