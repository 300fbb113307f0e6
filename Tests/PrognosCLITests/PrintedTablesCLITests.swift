import Foundation
import Testing

/// The printed tables (issue 16 items 4 and 6): the excel-sv CSV for people, and text
/// tables a terminal can show: at most 120 columns, headers broken only at spaces.
@Suite("prognos CLI: printed tables", .serialized)
struct PrintedTablesCLITests {
    /// Every shipped scenario as GoldenViewsTests runs it (run, simulate with few paths, backtest).
    static let runs: [[String]] = [
        ["run", "Scenarios/linkoping-ks-2024-03.yaml"],
        ["run", "Scenarios/linkoping-ks-2024-03-ledger.yaml"],
        ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml"],
        ["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml", "--set", "indicators.assess=true"],
        ["run", "Scenarios/linkoping-internbank-2024.yaml"],
        ["run", "Scenarios/portfolio-2024.yaml"],
        ["run", "Scenarios/treasury-2024.yaml"],
        ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "200"],
        ["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml"],
    ]

    @Test("text tables of every shipped scenario: no line over 120 columns, no header broken inside a word (sv and en)")
    func width() throws {
        for args in Self.runs {
            for lang in ["sv", "en"] {
                let r = try CLITests.prognos(args + ["--lang", lang])
                #expect(r.status == 0, "\(args) \(r.stderr)")
                let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                let wide = lines.filter { $0.count > 120 }
                #expect(wide.isEmpty, "\(args) --lang \(lang): \(wide.count) lines over 120 columns, e.g. \(wide.first ?? "")")
                // A word hyphenated at a line's end ("Juste-", "Ombudget-", "Investerings-", "Carry-").
                let broken = lines.filter { l in l.count >= 2 && l.last == "-" && l.dropLast().last?.isLetter == true }
                #expect(broken.isEmpty, "\(args) --lang \(lang): \(broken)")
            }
        }
    }

    @Test("the seed's tables: Justeringar and Ombudgetering whole, the methods by name, capital costs by unit name")
    func seedHeaders() throws {
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(r.stdout.contains("Justeringar"))
        #expect(r.stdout.contains("ombudgetering") && !r.stdout.contains("budget-\n"))   // "Föreslagen ombudgetering till nästa år", whole words
        #expect(r.stdout.contains("Investeringsram"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasSuffix("budget_") })   // was "budget_" over "remaining"
        #expect(r.stdout.contains("Budget återstående") || r.stdout.contains("återstående"))
        // Capital costs per unit: the operating unit's name, never its id (kls → Kommunledningsstaben).
        let table = r.stdout.components(separatedBy: "Kapitalkostnader 2024 per enhet").last ?? ""
        let unitRows = table.split(separator: "\n").prefix(10)
        #expect(unitRows.contains { $0.hasPrefix("Kommunledningsstaben ") })
        #expect(!unitRows.contains { $0.hasPrefix("kls ") })
        // The sign convention of the deviations, under the tables (positive = favourable).
        #expect(r.stdout.contains("positiv avvikelse är gynnsam"))
    }

    @Test("treasury without an internal bank: no table of zeros, one sentence; +100 punkter and the rule of thumb explained")
    func treasuryNotes() throws {
        let r = try CLITests.prognos(["run", "Scenarios/treasury-2024.yaml"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("Internbanken, scenario"))
        #expect(r.stdout.contains("Filen har ingen internbank"))
        #expect(r.stdout.contains("+100 punkter: alla räntor i scenario Terminskurvan höjs med 1 procentenhet"))   // by its label
        #expect(r.stdout.contains("Tumregel D × 1 %-enhet: skulden vid värderingsdagen (15 600,0 mnkr) gånger 1 procentenhet"))
        // The scenario table (7 columns) fits; the metrics table (13 columns) is split, the names repeated.
        #expect(r.stdout.components(separatedBy: "\nSkuld  ").count - 1 == 2)
        let bank = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        #expect(bank.stdout.contains("Internbanken, scenario"))
        #expect(bank.stdout.contains("Kommunens netto = extern räntekostnad − intern ränteintäkt"))
        let en = try CLITests.prognos(["run", "Scenarios/treasury-2024.yaml", "--lang", "en"])
        #expect(en.stdout.contains("The file has no internal bank"))
        #expect(en.stdout.contains("Rule of thumb D × 1 pp: the debt at the valuation date (15,600.0 mnkr)"))
    }

    static func csv(_ args: [String]) throws -> String {
        let r = try CLITests.prognos(args + ["--format", "csv", "--csv-dialect", "excel-sv"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test("excel-sv CSV: BOM, ';', Swedish headers, mnkr rounded as printed with a decimal comma, every table the text prints")
    func excelSV() throws {
        let text = try Self.csv(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(text.hasPrefix("\u{FEFF}Linköping KS, delårsrapport mars 2024\n"))
        let lines = text.split(separator: "\n").map(String.init)
        // The forecast table's header and Kommunstyrelsen's row (the seed: 29,2 30,2 1,0 25,5).
        #expect(lines.contains(";Prognos helår;Budget 2024;Avvikelse;Bokslut 2023"))
        #expect(lines.contains("Kommunstyrelsen;29,2;30,2;1,0;25,5"))
        // Every table of the text output under its title.
        let table = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"]).stdout
        for title in ["Driftsammandrag för resultat 31 mars 2024, belopp mnkr", "Driftsammandrag för prognos för helår 2024, belopp mnkr",
                      "Prognosmetod per enhet, belopp mnkr", "Investeringar, resultat 31 mars 2024 och prognos för helår 2024, belopp mnkr",
                      "Kapitalkostnader 2024 per enhet (avskrivning och internränta), belopp mnkr", "Kapitalkostnader per år (prognos), belopp mnkr"] {
            #expect(table.contains(title + "\n"))
            #expect(lines.contains(title), "excel-sv lacks \(title)")
        }
        // Treasury: rates in percent as Excel reads them, the policy table, English headers with --lang en.
        let t = try Self.csv(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        #expect(t.contains("\nÅr;Extern räntekostnad;Intern ränteintäkt;varav marginal;Kommunens netto;"))
        #expect(t.range(of: #";[0-9]+,[0-9]{2}%\n"#, options: .regularExpression) != nil)   // the average funding rate column
        #expect(t.contains("\nRäntekänslighet: +100 punkter mot scenario Terminskurvan, belopp mnkr\n"))
        #expect(t.contains("\nNyckeltal;Föreg. år 2023-12-31;2024-03-31;31 dec 2024;"))   // last year's comparatives first (issue 19)
        let en = try Self.csv(["run", "Scenarios/linkoping-internbank-2024.yaml", "--lang", "en"])
        #expect(en.contains("\nYear;External cost;Internal income;of which margin;Municipality net;"))
        // The simulation and the indicators too.
        let sim = try Self.csv(["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "200"])
        #expect(sim.contains("\nÅr;Medel;(medelfel);P05;P50;P95;P99;CaR95;CaR99;ES95;P(över budget)\n"))
        let ind = try Self.csv(["run", "Scenarios/linkoping-ks-2024-03-indikatorer.yaml"])
        #expect(ind.contains("Nämndmål / Nämndindikator;"))
    }
}
