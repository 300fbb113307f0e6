import Foundation
import Testing

/// Issue 17 end to end: what-if runs that do not fail, the exit-code rule of spec/files.md
/// (a plain `run` shows reconciliation errors and exits 0; `validate` and `run --strict` exit 65),
/// a batch sweep over a printed statement, and the shipped real report.
@Suite("prognos CLI: real reports as printed (issue 17)", .serialized)
struct PrintedReportCLITests {
    static let seed = CLITests.root.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path

    @Test("done-when: --set kls forecast 110.3 exits 0 and shows the overridden totals 642,5 and 8,0")
    func whatIfSeed() throws {
        let r = try CLITests.prognos(["run", Self.seed, "--set", "operating.units[kls].forecast.value=110.3"])
        #expect(r.status == 0, "\(r.stderr)")
        // By hand: 639.5 − 107.3 + 110.3 = 642.5; deviation 650.5 − 642.5 = 8.0.
        #expect(r.stdout.contains("Kommunledningsstaben                    110,3   112,3        2,0"))
        // The changed figures marked † (review fix: the total shows the change, not the printed figure).
        #expect(r.stdout.contains("Summa nettokostnader                   642,5†   650,5       8,0†"))
        #expect(r.stdout.contains("Prognos helår: rapporten anger 639,5, efter --set är summan 642,5 (ändrat med --set)"))
        #expect(r.stderr.contains("efter ändring med --set"))
        let json = try CLITests.prognos(["run", Self.seed, "--format", "json", "--set", "operating.units[kls].forecast.value=110.3"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rec = try #require((object["operating"] as? [String: Any])?["reconciliation"] as? [[String: Any]])
        #expect(rec.first { $0["column"] as? String == "forecast" }?["status"] as? String == "overridden")
        #expect(rec.first { $0["column"] as? String == "forecast" }?["unit"] is NSNull)
    }

    @Test("a batch sweep over a unit's forecast in a file with printed totals completes every run")
    func batchSweep() throws {
        let m = try CLITests.scenario("m.yaml", """
        base: \(Self.seed)
        sweep:
          operating.units[kls].forecast.value: [100.0, 105.0, 107.3, 110.3]
        """)
        let out = CLITests.temp("sweep")
        let r = try CLITests.prognos(["batch", m, "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let files = CLITests.tree(out)
        #expect(files.keys.filter { $0.hasPrefix("runs/") }.count == 4)
        #expect(files["errors.csv"].map { String(decoding: $0, as: UTF8.self).split(separator: "\n").count <= 1 } ?? true)
        // Run 0000 (100.0): total forecast 639.5 − 7.3 = 632.2 mnkr, the printed total overridden.
        let data0 = try #require(files["runs/0000.json"])
        let run0 = try #require(try JSONSerialization.jsonObject(with: data0) as? [String: Any])
        let operating = try #require(run0["operating"] as? [String: Any])
        let total = try #require(operating["total"] as? [String: Any])
        #expect(total["forecast"] as? Double == 632_200_000)
        let rec = try #require(operating["reconciliation"] as? [[String: Any]])
        #expect(rec.first { $0["column"] as? String == "forecast" }?["status"] as? String == "overridden")
    }

    @Test("exit codes: a parent's subtotal beyond rounding is 65 in validate and run --strict, 0 in a plain run (marked)")
    func exitCodes() throws {
        let file = CLITests.root.appendingPathComponent("Tests/Fixtures/malformed/120-parent-subtotal-differs.yaml").path
        let v = try CLITests.prognos(["validate", file])
        #expect(v.status == 65)
        // Line 7 column 46: the printed `budget: 40.0` of Kommunstyrelse; leaves 30.2 + 9.1 = 39.3.
        #expect(v.stderr.contains("120-parent-subtotal-differs.yaml:7:46: fel: Kommunstyrelse, årsbudget: rapporten anger 40,0, dess 2 enheter summerar till 39,3"))
        let strict = try CLITests.prognos(["run", file, "--strict"])
        #expect(strict.status == 65)
        let plain = try CLITests.prognos(["run", file])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("AVSTÄMNINGSFEL"))
        #expect(plain.stdout.contains("Kommunstyrelse, Budget: rapporten anger 40,0, raderna ger 39,3, skillnad -0,7: AVSTÄMNINGSFEL"))
        let en = try CLITests.prognos(["run", file, "--lang", "en"])
        #expect(en.stdout.contains("RECONCILIATION ERROR (rule O14)"))
    }

    @Test("Västervik 2021 as printed: −410,7 / −415,1 / 4,4, Ledning's 3,4 as rounding, Äldreomsorg's 30,0 error, exit 0")
    func vastervik() throws {
        let file = CLITests.root.appendingPathComponent("Scenarios/vastervik-2021-drift.yaml").path
        let r = try CLITests.prognos(["run", file])
        #expect(r.status == 0, "\(r.stderr)")
        // Printed row deviations are shown as printed (rule O15), amounts in the report's convention (O13).
        #expect(r.stdout.contains("  Ledning                               -61,1     -64,4        3,4"))
        #expect(r.stdout.contains("Äldreomsorg, brutto (Redovisat hittills): rapporten anger -431,2, raderna ger -401,2, skillnad 30,0: AVSTÄMNINGSFEL"))
        #expect(r.stdout.contains("Ledning, Avvikelse helår: rapporten anger 3,4, raderna ger 3,3 (avrundningsdifferens)"))
        // In Swedish (the catalogue), on a plain run and in validate alike.
        #expect(r.stderr.contains("fel: Äldreomsorg, brutto (utfall hittills): rapporten anger -431,2, kostnader -558,2 + intäkter 157,0 ger -401,2, skillnad 30,0"))
        let strict = try CLITests.prognos(["validate", file])
        #expect(strict.status == 65)
        let json = try CLITests.prognos(["run", file, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let operating = try #require(object["operating"] as? [String: Any])
        #expect(operating["sign_convention"] as? String == "net_cost_negative")
        let ks = try #require((operating["units"] as? [[String: Any]])?.first { $0["id"] as? String == "ks" })
        // JSON in the engine's convention: Kommunstyrelse's leaves sum to 410.7 mnkr net cost, positive.
        #expect(ks["forecast"] as? Double == 410_700_000)
        let html = try CLITests.prognos(["run", file, "--report", CLITests.temp("vv") + ".html"])
        #expect(html.status == 0)
    }

    @Test("Ängelholm 2021 as printed: group lineage 104,4 + 62,8 = 167,2 and 70,0 + 11,1 = 81,1, totals 165,9 / 248,3 / 82,4 exact")
    func angelholm() throws {
        let file = CLITests.root.appendingPathComponent("Scenarios/angelholm-2021-investeringar.yaml").path
        let r = try CLITests.prognos(["run", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Grupp Skattefinansierad verksamhet           104,4           62,8   167,2"))
        #expect(r.stdout.contains("Samhällsbyggnadsnämnden, VA                   70,0           11,1    81,1"))
        // By hand: 7.7 + 0.4 + 22.1 + 1.1 + 64.2 + 14.4 + 56.0 = 165.9; budget 248.3; 248.3 − 165.9 = 82.4.
        #expect(r.stdout.contains("Summa investeringar                        165,9        0,0     165,9        0,0    165,9            248,3       82,4"))
        // The lineage's sum takes each group's printed lineage where its projects have none of their own
        // (review finding): original 104,4 + 70,0 = 174,4, changes 62,8 + 11,1 = 73,9, budget 248,3.
        #expect(r.stdout.contains("Summa                                        174,4           73,9   248,3"))
        let json = try CLITests.prognos(["run", file, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let inv = try #require(object["investments"] as? [String: Any])
        // Every printed figure reconciles exactly: no entry at all.
        #expect((inv["reconciliation"] as? [Any])?.isEmpty == true)
        let groups = try #require(inv["by_group"] as? [[String: Any]])
        #expect((groups[0]["frame_lineage"] as? [String: Any])?["original"] as? Double == 104_400_000)
        #expect((inv["projects"] as? [[String: Any]])?.first?["kind"] is NSNull)
        // A table as printed computes no capital costs (no activation date, no existing asset):
        // no capital_costs section, no tables of zeros under "(ingen enhet)", and a sentence why.
        #expect(object["capital_costs"] == nil)
        #expect(!r.stdout.contains("Kapitalkostnader 2021 per enhet") && !r.stdout.contains("(ingen enhet)"))
        #expect(r.stdout.contains("Inga kapitalkostnader: inget projekt har ett aktiveringsdatum"))
        #expect(!r.stdout.contains("Utgiftsplaner:"))
        let en = try CLITests.prognos(["run", file, "--lang", "en"])
        #expect(en.stdout.contains("No capital costs: no project has an activation date") && !en.stdout.contains("Capital costs 2021 by unit"))
    }

    @Test("a project with an activation date and no unit: its capital cost under '(ingen enhet)' / '(no unit)' by --lang")
    func capitalCostWithoutUnit() throws {
        let file = CLITests.temp("no-unit") + ".yaml"
        // By hand: 12 mnkr of IT (3 years straight line, capital.md defaults) activated 2024-01-01 with
        // depreciation from the activation month: 12 / 3 = 4,0 a year; 2,5 % internal interest on the
        // book value at each month's start, 12 − m · 1/3 for m = 0 … 11: 0,025 / 12 × 122 = 0,25 → 0,3.
        try """
        prognos: 1
        name: Utan enhet
        unit: mnkr
        as_of: 2024-03-31
        fiscal_year: 2024
        investments:
          internal_rate: 2.5%
          projects:
            - {id: it, name: IT-system, kind: it, spent_ytd: 12, forecast_spend: 12, frame: 12,
               cost_at_activation: 12, activation: {planned: 2024-01-01, forecast: 2024-01-01}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let sv = try CLITests.prognos(["run", file])
        #expect(sv.status == 0, "\(sv.stderr)")
        #expect(sv.stdout.contains("Kapitalkostnader 2024 per enhet") && sv.stdout.contains("(ingen enhet)"), "\(sv.stdout)")
        let en = try CLITests.prognos(["run", file, "--lang", "en"])
        #expect(en.stdout.contains("(no unit)") && !en.stdout.contains("(ingen enhet)"), "\(en.stdout)")
        #expect(en.stdout.contains("2024           4.0       0.3    4.3     4.3"), "\(en.stdout)")
        // A Swedish result re-read in English (review finding 3): the no-unit row follows the
        // reader's --lang, not the language the run was saved in, in the report and in the table.
        let json = CLITests.temp("no-unit-sv") + ".json"
        #expect(try CLITests.prognos(["run", file, "--format", "json", "--output", json]).status == 0)
        let page = CLITests.temp("no-unit-en") + ".html"
        let report = try CLITests.prognos(["report", json, "--lang", "en", "--output", page])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("(no unit)") && !html.contains("(ingen enhet)"))
    }

    @Test("Ängelholm's budget lineage (Ursprunglig budget, Ombudgetering, Budget) is in the HTML report, not only the text view")
    func lineageInReport() throws {
        let file = CLITests.root.appendingPathComponent("Scenarios/angelholm-2021-investeringar.yaml").path
        let page = CLITests.temp("lineage") + ".html"
        let r = try CLITests.prognos(["run", file, "--report", page])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h3>Investeringsbudget: ursprunglig budget och ombudgetering"), "lineage title")
        // The printed group lineage 104,4 + 62,8 = 167,2 (narrow no-break space and decimal comma).
        #expect(html.contains("<td class=\"num\">104,4</td><td class=\"num\">62,8</td><td class=\"num\">167,2</td>"), "group lineage row")
        // The sum row is marked as a total: 174,4 + 73,9 = 248,3.
        #expect(html.contains("<tr class=\"total\"><td>Summa</td><td class=\"num\">174,4</td><td class=\"num\">73,9</td><td class=\"num\">248,3</td>"))
    }

    @Test("Kapitalkostnader per enhet ends with Summa: the units' sums, equal to the fiscal year's row of the capital costs by year; bold in the report, with the per-year figures")
    func capitalByUnitSum() throws {
        let file = CLITests.root.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
        let r = try CLITests.prognos(["run", file, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let cc = try #require(json["capital_costs"] as? [String: Any])
        let units = try #require(cc["by_unit"] as? [[String: Any]])
        func sum(_ key: String) -> Double { units.reduce(0) { $0 + (($1[key] as? Double) ?? 0) } }
        // Two independent paths to the same figure: the by-year table sums each month's
        // depreciation and interest over all assets; the by-unit rows sum them per unit.
        let forecast2024 = try #require((cc["years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2024 }?["total"] as? Double)
        let budget2024 = try #require((cc["budget_years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2024 }?["total"] as? Double)
        #expect(abs(sum("forecast") - forecast2024) < 0.5 && abs(sum("budget") - budget2024) < 0.5)
        // As printed (mnkr, one decimal): 3,3 + 52,2 + 25,8 + 8,7 + 0,0 = 90,0 budget; 2,3 + 53,0 + 8,9 + 8,1 = 72,3;
        // the deviation 17,7 split 17,8 timing, −0,1 spend, 0,0 rate (rule C2: the parts sum to it).
        let table = try CLITests.prognos(["run", file])
        #expect(table.stdout.contains("Ekonomistaben                         0,0      0,0        0,0         0,0       0,0    0,0\n"
                                      + "Summa                                90,0     72,3       17,7        17,8      -0,1    0,0\n"), "\(table.stdout)")
        let en = try CLITests.prognos(["run", file, "--lang", "en"])
        #expect(en.stdout.contains("Total                                90.0      72.3       17.7      17.8      -0.1       0.0"), "\(en.stdout)")
        let page = CLITests.temp("capital-sum") + ".html"
        #expect(try CLITests.prognos(["run", file, "--report", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // The capital cost per year is printed as figures under its chart, as in the text and the
        // workbook (until 2026-12-04 the report had only the chart): 2024 = 58,1 + 14,2 = 72,3 against 90,0.
        #expect(html.contains("<h3>Kapitalkostnader per år (prognos), belopp mnkr</h3>"))
        #expect(html.contains("<tr><td>2024</td><td class=\"num\">58,1</td><td class=\"num\">14,2</td><td class=\"num\">72,3</td><td class=\"num\">90,0</td></tr>"))
        #expect(html.contains("<tr class=\"total\"><td>Summa</td><td class=\"num\">90,0</td><td class=\"num\">72,3</td><td class=\"num\">17,7</td>"),
                "\(html.components(separatedBy: "Kapitalkostnader 2024 per enhet").dropFirst().first?.prefix(2500) ?? "")")
    }
}
