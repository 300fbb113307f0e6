import Foundation
import Testing

/// Defects a fresh-eyes review of issues 16 (committee-ready, in Swedish) and 17 (any
/// municipality's report as printed) found, kept so they stay fixed. Expected figures come
/// from the printed reports the shipped scenarios copy (named in each test) or by hand.
@Suite("prognos CLI: review fixes (issues 16/17)", .serialized)
struct ReviewFixTests {
    // MARK: helpers

    /// The row of a text table whose label (trimmed) is `label`; nil if none.
    static func rows(_ text: String, labelled label: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            guard line.hasPrefix(label) || line.hasPrefix("  " + label) else { return false }
            let rest = line.trimmingCharacters(in: .whitespaces).dropFirst(label.count)
            return rest.first == " "
        }
    }

    /// The figures of a text row (everything after the label), split at runs of two or more spaces.
    static func figures(_ row: String, label: String) -> [String] {
        let rest = row.trimmingCharacters(in: .whitespaces).dropFirst(label.count)
        return rest.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every shipped scenario that runs on its own (the include-only files `rates-2024.yaml` and
    /// `investments-ks-2024.yaml` are parts of others).
    static let shipped: [String] = {
        let dir = CLITests.root.appendingPathComponent("Scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") && !["rates-2024.yaml", "investments-ks-2024.yaml"].contains($0) }
            .sorted().map { "Scenarios/" + $0 }
    }()

    /// Fewer paths where the file simulates, so the suite stays quick; the texts are the same kind.
    static func quick(_ file: String) -> [String] {
        let text = (try? String(contentsOfFile: CLITests.root.appendingPathComponent(file).path, encoding: .utf8)) ?? ""
        return text.contains("\nsimulation:") || file.contains("internbank-car") ? ["--set", "simulation.paths=2000"] : []
    }

    // MARK: 1. parent rows print the printed subtotals

    @Test("Västervik: a nämnd row prints the report's own budget, outcome and deviation (rule O14); the computed sums only in the reconciliation")
    func parentRowsPrintTheirPrintedSubtotals() throws {
        // Västerviks kommun, Årsredovisning 2021, Driftsredovisning (as printed, net costs negative):
        // Kommunstyrelse −410,7 / budget −415,1 / avvikelse 4,4; Barn- och utbildningsnämnd −878,4 /
        // −877,1 / −1,3; Socialnämnd −950,3 / −964,6 / 14,3. Their verksamheter sum to −415,0,
        // −878,3 and −950,4 (by hand from the rows of the same page).
        let sv = try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml"])
        #expect(sv.status == 0, "\(sv.stderr)")
        for (name, printed) in [("Kommunstyrelse", ["-410,7", "-415,1", "4,4"]),
                                ("Barn- och utbildningsnämnd", ["-878,4", "-877,1", "-1,3"]),
                                ("Socialnämnd", ["-950,3", "-964,6", "14,3"])] {
            let rows = Self.rows(sv.stdout, labelled: name)
            #expect(!rows.isEmpty, "no row \(name)")
            for row in rows { #expect(Array(Self.figures(row, label: name).prefix(3)) == printed, "\(row)") }
        }
        // The computed sums stay visible, in the reconciliation only.
        #expect(sv.stdout.contains("Kommunstyrelse, Budget: rapporten anger -415,1, raderna ger -415,0"))
        let en = try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml", "--lang", "en"])
        for row in Self.rows(en.stdout, labelled: "Kommunstyrelse") {
            #expect(Array(Self.figures(row, label: "Kommunstyrelse").prefix(3)) == ["-410.7", "-415.1", "4.4"], "\(row)")
        }
        // The HTML report's statement shows the same printed subtotal.
        let html = CLITests.temp("vastervik") + ".html"
        #expect(try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml", "--report", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        // (The report writes a real minus sign, U+2212.)
        #expect(page.contains("Kommunstyrelse</td><td class=\"num\">\u{2212}410,7</td><td class=\"num\">\u{2212}415,1</td><td class=\"num\">4,4</td>"))
        #expect(!page.contains("\u{2212}415,0</td><td class=\"num\">4,4"))
    }

    @Test("every shipped as-printed scenario: each parent's row shows its printed budget and forecast (rule O14)")
    func everyParentRowPrinted() throws {
        for file in Self.shipped {
            let json = try CLITests.prognos(["run", file, "--format", "json"] + Self.quick(file))
            guard let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
                  let operating = doc["operating"] as? [String: Any], let units = operating["units"] as? [[String: Any]] else { continue }
            let negative = operating["sign_convention"] as? String == "net_cost_negative"
            let parents = units.filter { $0["printed_subtotals"] is [String: Any] }
            if parents.isEmpty { continue }
            let text = try CLITests.prognos(["run", file] + Self.quick(file)).stdout
            for p in parents {
                let name = try #require(p["name"] as? String), printed = try #require(p["printed_subtotals"] as? [String: Any])
                // Below 1 000 mnkr (no thousands space to format here).
                for key in ["budget", "forecast"] where (printed[key] as? Double).map({ abs($0) < 1e9 }) == true {
                    let v = printed[key] as? Double ?? 0
                    // Kronor → mnkr with one decimal, in the file's sign convention (rule O13), Swedish comma.
                    let shown = String(format: "%.1f", (negative ? -v : v) / 1e6).replacingOccurrences(of: ".", with: ",")
                    let rows = Self.rows(text, labelled: name)
                    #expect(rows.contains { Self.figures($0, label: name).contains(shown) }, "\(file): \(name) \(key) \(shown) not in \(rows)")
                }
            }
        }
    }

    // MARK: 2. the annual report prints its statement once

    @Test("annual-report mode (as_of = 31 December): the outcome table is printed once, not the same figures as a result to date too")
    func annualReportPrintsOnce() throws {
        for lang in ["sv", "en"] {
            let r = try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml", "--lang", lang])
            #expect(r.status == 0)
            // Kommunstyrelse's statement row: once (the gross table's rows read "Kommunstyrelse, kostnader").
            #expect(Self.rows(r.stdout, labelled: "Kommunstyrelse").count == 1, "\(lang)")
            #expect(Self.rows(r.stdout, labelled: lang == "sv" ? "Summa nettokostnader" : "Total net cost").count == 1, "\(lang)")
        }
        let sv = try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml"]).stdout
        #expect(sv.contains("Driftsammandrag för utfall helår 2021"))
        #expect(!sv.contains("Driftsammandrag för resultat 31 december 2021"))
        let html = CLITests.temp("annual") + ".html"
        #expect(try CLITests.prognos(["run", "Scenarios/vastervik-2021-drift.yaml", "--report", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.components(separatedBy: "<h3>Driftsammandrag för").count - 1 == 1)
        // A report during the year keeps both tables.
        let ks = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"]).stdout
        #expect(ks.contains("Driftsammandrag för resultat 31 mars 2024") && ks.contains("Driftsammandrag för prognos för helår 2024"))
    }

    // MARK: 3. what-if: the gross lines marked, in text and workbook

    static let whatIf = ["run", "Scenarios/linkoping-ks-2024-03.yaml", "--set", "operating.units[kls].forecast.value=110.3"]

    @Test("what-if on a unit's forecast: the total marked † (the change), varav kostnader / intäkter marked ‡ (printed, no longer adding up)")
    func whatIfMarksGrossLines() throws {
        // The seed report: Summa prognos 639,5 = varav kostnader 690,4 + varav intäkter −50,9. Kommunledningsstaben's
        // forecast 107,3 → 110,3 makes the total 642,5 (+3,0), which the gross lines no longer make.
        let sv = try CLITests.prognos(Self.whatIf)
        #expect(sv.status == 0, "\(sv.stderr)")
        let total = try #require(Self.rows(sv.stdout, labelled: "Summa nettokostnader").last)
        #expect(Array(Self.figures(total, label: "Summa nettokostnader")) == ["642,5†", "650,5", "8,0†", "506,9"])
        let costs = try #require(Self.rows(sv.stdout, labelled: "varav kostnader").first)
        #expect(Self.figures(costs, label: "varav kostnader") == ["690,4‡", "701,4", "11,0‡", "630,5"])
        let income = try #require(Self.rows(sv.stdout, labelled: "varav intäkter").first)
        #expect(Self.figures(income, label: "varav intäkter") == ["-50,9‡", "-50,9", "0,0‡", "-123,7"])
        #expect(sv.stdout.contains("‡ Rapportens tryckta belopp, som inte stämmer med ändringen med --set"))
        #expect(sv.stdout.contains("varav kostnader + varav intäkter, prognos helår: rapporten anger 639,5, nettoprognosen efter --set är 642,5"))
        let en = try CLITests.prognos(Self.whatIf + ["--lang", "en"])
        let enCosts = try #require(Self.rows(en.stdout, labelled: "of which costs").first)
        #expect(Self.figures(enCosts, label: "of which costs").first == "690.4‡")
        #expect(en.stdout.contains("‡ The report's printed figure, which does not match the change made with --set"))
        // JSON: the check with status overridden, figures in kronor (639,5 and 642,5 mnkr).
        let json = try CLITests.prognos(Self.whatIf + ["--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = try #require((doc["operating"] as? [String: Any])?["reconciliation"] as? [[String: Any]])
        let gross = try #require(checks.first { $0["column"] as? String == "gross.forecast" })
        #expect(gross["status"] as? String == "overridden")
        #expect(gross["reported"] as? Double == 639_500_000)
        #expect(gross["computed"] as? Double == 642_500_000)
        // Without the --set: no marks, no such check.
        let plain = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(!plain.stdout.contains("†") && !plain.stdout.contains("‡"))
    }

    /// openpyxl: the value, number format and comment of a sheet's cells whose first column is `label`.
    static let commentReader = """
    import json, sys, datetime, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None: continue
                v = c.value.isoformat() if isinstance(c.value, datetime.datetime) else c.value
                out.setdefault(ws.title, {})[c.coordinate] = [v, c.number_format, c.comment.text if c.comment else None,
                                                             isinstance(c.value, datetime.datetime)]
    print(json.dumps(out))
    """

    static func readCells(_ path: String) throws -> [String: [String: [Any]]] {
        let python = try #require(WorkbookCLITests.python, "no python3 with openpyxl: install python3-openpyxl (.ci/run does)")
        let script = CLITests.temp("cells") + ".py"
        try commentReader.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try CLITests.execute([python, script, path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [String: [Any]]])
        return json
    }

    @Test("what-if workbook: the marked cells keep their numbers, carry the mark in the number format and a comment \"ändrad i what-if\"")
    func whatIfWorkbookMarks() throws {
        let path = CLITests.temp("whatif") + ".xlsx"
        let r = try CLITests.prognos(Self.whatIf + ["--format", "xlsx", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        let cells = try Self.readCells(path)
        let sheet = try #require(cells["Driftsammandrag prognos"])
        func row(_ label: String) -> String? {
            sheet.first { $0.key.hasPrefix("A") && ($0.value[0] as? String) == label }.map { String($0.key.dropFirst()) }
        }
        let total = try #require(row("Summa nettokostnader")), costs = try #require(row("varav kostnader"))
        let forecast = try #require(sheet["B\(total)"])
        #expect(forecast[0] as? Double == 642.5)   // 639,5 + 3,0 (by hand)
        #expect((forecast[1] as? String)?.contains("†") == true)
        #expect((forecast[2] as? String)?.contains("Ändrad i what-if") == true)
        let stale = try #require(sheet["B\(costs)"])
        #expect(stale[0] as? Double == 690.4)
        #expect((stale[1] as? String)?.contains("‡") == true)
        #expect((stale[2] as? String)?.contains("Stämmer inte med what-if") == true)
        // An unchanged cell: no comment.
        #expect(sheet["C\(total)"]?[2] is NSNull)
    }

    // MARK: 4. workbook dates are dates

    @Test("workbook: a date is a real Excel date (openpyxl reads a datetime) with the format yyyy-mm-dd")
    func workbookDates() throws {
        let path = CLITests.temp("dates") + ".xlsx"
        let r = try CLITests.prognos(["run", "Scenarios/treasury-2024.yaml", "--format", "xlsx", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        let cells = try Self.readCells(path)
        // The swap book's value at the valuation date, 2024-03-31 (treasury-2024.yaml's valuation_date).
        let sheet = try #require(cells["Swappvärde per scenario"])
        let dates = sheet.values.filter { $0[3] as? Bool == true }
        #expect(!dates.isEmpty)
        #expect(dates.contains { $0[0] as? String == "2024-03-31T00:00:00" && $0[1] as? String == "yyyy-mm-dd" })
        // No cell below the headers holds an ISO date as text.
        for (name, s) in cells {
            for (ref, c) in s where Int(ref.drop { $0.isLetter }) ?? 0 > 4 {
                if let t = c[0] as? String, t.count == 10, Self.isISODate(t) { Issue.record("\(name)!\(ref) holds the date \(t) as text") }
            }
        }
    }

    /// The first match of `pattern` in `text` (or its whole line), nil if none.
    static func match(_ pattern: String, in text: String, line: Bool = false) -> String? {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let r = Range(m.range, in: text) else { return nil }
        guard line else { return String(text[r]) }
        return text[text.lineRange(for: r)].trimmingCharacters(in: .newlines)
    }

    /// True for `YYYY-MM-DD`.
    static func isISODate(_ t: String) -> Bool { t.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil }

    // MARK: 5, 8, 9. every shipped scenario, as a reader sees it

    @Test("every shipped scenario, sv and en: every line of run/simulate ≤ 120 columns; Swedish output without rule ids, asset codes or unlabelled ids")
    func everyShippedScenarioReads() throws {
        let ruleID = #"\b[Rr]egel [A-Z]{1,2}\d"#
        for file in Self.shipped {
            let simulates = (try String(contentsOfFile: CLITests.root.appendingPathComponent(file).path, encoding: .utf8)).contains("\nsimulation:")
                || file.contains("internbank-car")
            var labels: [String: String] = [:]
            let json = try CLITests.prognos(["run", file, "--format", "json"] + Self.quick(file))
            if let doc = try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
               let scenarios = (doc["treasury"] as? [String: Any])?["scenarios"] as? [[String: Any]] {
                for s in scenarios { if let n = s["name"] as? String, let l = s["label"] as? String { labels[n] = l } }
            }
            for lang in ["sv", "en"] {
                var outputs: [(String, String)] = []
                let html = CLITests.temp("page") + ".html"
                let run = try CLITests.prognos(["run", file, "--lang", lang] + Self.quick(file) + (lang == "sv" ? ["--report", html] : []))
                #expect(run.status == 0, "\(file) \(lang): \(run.stderr)")
                outputs.append(("run", run.stdout))
                if simulates {
                    let sim = try CLITests.prognos(["simulate", file, "--lang", lang, "--paths", "2000"])
                    #expect(sim.status == 0, "\(file) \(lang): \(sim.stderr)")
                    outputs.append(("simulate", sim.stdout))
                }
                for (command, text) in outputs {
                    // Item 5: counted in characters (graphemes), not bytes.
                    for line in text.split(separator: "\n") where line.count > 120 {
                        Issue.record("\(file) \(command) --lang \(lang): \(line.count) columns: \(line.prefix(60))…")
                    }
                    guard lang == "sv" else { continue }
                    // Item 8: no rule ids, no asset kind codes in a sentence.
                    if let m = Self.match(ruleID, in: text) { Issue.record("\(file) \(command): a rule id in Swedish: \(m)") }
                    #expect(!text.contains("building, equipment"), "\(file) \(command)")
                    // Item 9: a scenario with a label is never named by its id.
                    for (id, _) in labels {
                        let pattern = "(?<![\\w-])" + NSRegularExpression.escapedPattern(for: id) + "(?![\\w-])"
                        if let line = Self.match(pattern, in: text, line: true) {
                            Issue.record("\(file) \(command): the id \(id) where it has a label: \(line)")
                        }
                    }
                }
                if lang == "sv", let page = try? String(contentsOfFile: html, encoding: .utf8) {
                    let visible = page.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                    if let m = Self.match(ruleID, in: visible) { Issue.record("\(file) report: a rule id in Swedish: \(m)") }
                    #expect(!visible.contains("building, equipment"), "\(file) report")
                }
            }
        }
    }

    @Test("the components assumption names the kinds in words: byggnader, inventarier och IT (sv); buildings, equipment and IT (en)")
    func componentNames() throws {
        let sv = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"]).stdout
        #expect(sv.contains("Komponenter enligt Prognos standardvärden för: byggnader, inventarier och IT"))
        let en = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--lang", "en"]).stdout
        #expect(en.contains("Components from Prognos's defaults for: buildings, equipment and IT"))
    }

    @Test("linkoping-kommun: every rate scenario has a Swedish label and the balanskrav tables print it")
    func resultTablesPrintLabels() throws {
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-kommun-2024.yaml", "--set", "simulation.paths=2000"])
        #expect(r.status == 0, "\(r.stderr)")
        // The file's labels (Scenarios/linkoping-kommun-2024.yaml): base "Terminskurvan", plus200-2025 "+200 punkter från 2025".
        #expect(r.stdout.contains("Balanskravsutredning, prognos 2024 (räntescenario Terminskurvan)"))
        #expect(Self.rows(r.stdout, labelled: "+200 punkter från 2025").count >= 3)
        #expect(!r.stdout.contains("plus200-2025"))
    }

    // MARK: 6. an option's error names the option

    @Test("--paths: an error about its value names --paths as written, never --set simulation.paths")
    func pathsOptionNamed() throws {
        // Antithetic paths must be even (rule S9): 3 is refused.
        let odd = try CLITests.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "3"])
        #expect(odd.status == 65)
        #expect(odd.stderr.contains("--paths"), "\(odd.stderr)")
        #expect(!odd.stderr.contains("--set simulation.paths"), "\(odd.stderr)")
        // Above --max-paths (10 000 000 by default, rule F7): the message names the option and its value.
        let many = try CLITests.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "20000000"])
        #expect(many.status == 65)
        #expect(many.stderr.contains("--paths 20000000; the limit is 10000000"), "\(many.stderr)")
        // Written with --set, the key is named as written.
        let set = try CLITests.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--set", "simulation.paths=3"])
        #expect(set.stderr.contains("--set simulation.paths"), "\(set.stderr)")
    }

    // MARK: 7. batch and merge speak Swedish by default

    @Test("batch and merge: progress and summary lines from the catalogue, Swedish by default, English with --lang en")
    func batchLinesInSwedish() throws {
        let dir = try BatchCLITests.project()
        let sv = try BatchCLITests.batch(dir, CLITests.temp("sv"))
        #expect(sv.status == 0, "\(sv.stderr)")
        // 2 horizons × 2 valuation dates = 4 runs (BatchCLITests.project's sweep).
        #expect(sv.stderr.contains("batch: 4 av 4 körningar"), "\(sv.stderr)")
        #expect(sv.stderr.contains("batch: 4 körningar (4 klara, 0 misslyckade) på "), "\(sv.stderr)")
        #expect(sv.stderr.contains(" körningar/s; "), "\(sv.stderr)")
        #expect(!sv.stderr.contains(" runs"), "\(sv.stderr)")
        let en = try BatchCLITests.batch(dir, CLITests.temp("en"), ["--lang", "en"])
        #expect(en.stderr.contains("batch: 4/4 runs"), "\(en.stderr)")
        #expect(en.stderr.contains("batch: 4 runs (4 ok, 0 failed) in "), "\(en.stderr)")
        // Shards merged: one line, in --lang.
        let a = CLITests.temp("s0"), b = CLITests.temp("s1")
        #expect(try BatchCLITests.batch(dir, a, ["--shard", "0/2"]).status == 0)
        #expect(try BatchCLITests.batch(dir, b, ["--shard", "1/2"]).status == 0)
        let merged = try CLITests.prognos(["merge", a, b, "--output", CLITests.temp("m")])
        #expect(merged.stderr.contains("sammanslaget: 2 mappar, 4 körningar, 0 misslyckade"), "\(merged.stderr)")
        let mergedEN = try CLITests.prognos(["merge", a, b, "--output", CLITests.temp("m-en"), "--lang", "en"])
        #expect(mergedEN.stderr.contains("merged 2 folders: 4 runs, 0 failed"), "\(mergedEN.stderr)")
    }
}
