import Foundation
import Testing
@testable import PrognosCore

/// The HTML report (issue 9): escaping, number formats, and the table layouts as snapshots.
@Suite("HTML report")
struct ReportTests {
    static func report(_ path: String, lang: Language) throws -> String {
        let run = try ScenarioRun.compute(try Scenario.load(path: repositoryRoot.appendingPathComponent(path).path))
        return Report.html(ResultDocument(run), lang: lang)
    }

    /// The report's tables as text: one line per row, cells joined by " | ", tags removed
    /// and entities decoded; a value in red (a policy breach) starts with "!". A change to a table's columns, rows, labels or number format
    /// shows up as a diff against the stored snapshot.
    static func tableText(_ html: String) throws -> String {
        let table = try NSRegularExpression(pattern: "<table>(.*?)</table>", options: .dotMatchesLineSeparators)
        let row = try NSRegularExpression(pattern: "<tr[^>]*>(.*?)</tr>", options: .dotMatchesLineSeparators)
        let cell = try NSRegularExpression(pattern: "<t[dh][^>]*>(.*?)</t[dh]>", options: .dotMatchesLineSeparators)
        let tag = try NSRegularExpression(pattern: "<[^>]+>")
        func groups(_ re: NSRegularExpression, _ s: String) -> [String] {
            let ns = s as NSString
            return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
        }
        var lines: [String] = []
        for t in groups(table, html) {
            for r in groups(row, t) {
                lines.append(groups(cell, r).map { raw in
                    // A breach (red) keeps a visible mark in the text: "30,7 %!".
                    let c = raw.replacingOccurrences(of: "<span class=\"bad\">", with: "!").replacingOccurrences(of: "!BRYTS", with: "BRYTS")
                    return Self.decode(tag.stringByReplacingMatches(in: c, range: NSRange(location: 0, length: (c as NSString).length), withTemplate: ""))
                        .trimmingCharacters(in: CharacterSet(charactersIn: " "))
                }.joined(separator: " | "))
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "\u{202F}", with: "_").replacingOccurrences(of: "\u{00A0}", with: "~")
    }

    /// Compares with Tests/PrognosCoreTests/Snapshots/NAME; PROGNOS_UPDATE_SNAPSHOTS=1 rewrites it.
    static func expectSnapshot(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = repositoryRoot.appendingPathComponent("Tests/PrognosCoreTests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["PROGNOS_UPDATE_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: url, encoding: .utf8)
        #expect(text == stored, "table layout differs from \(name); run with PROGNOS_UPDATE_SNAPSHOTS=1 and review the diff",
                sourceLocation: sourceLocation)
    }

    @Test("snapshot: the seed's driftsammandrag, investment and capital cost tables, in Swedish and English")
    func seedTables() throws {
        try Self.expectSnapshot(try Self.tableText(try Self.report("Scenarios/linkoping-ks-2024-03.yaml", lang: .sv)), "seed.sv.txt")
        try Self.expectSnapshot(try Self.tableText(try Self.report("Scenarios/linkoping-ks-2024-03.yaml", lang: .en)), "seed.en.txt")
    }

    @Test("snapshot: the internal bank's treasury tables (scenarios, sensitivity, metrics, policy, equity ratio)")
    func treasuryTables() throws {
        try Self.expectSnapshot(try Self.tableText(try Self.report("Scenarios/linkoping-internbank-2024.yaml", lang: .sv)), "internbank.sv.txt")
    }

    @Test("the seed report carries the report's own figures in Swedish format")
    func seedFigures() throws {
        let html = try Self.report("Scenarios/linkoping-ks-2024-03.yaml", lang: .sv)
        let text = try Self.tableText(html)
        // Row of the seed's Prognos för helår table: Kommunledningsstaben 107,3 / 112,3 / 5,0 / 95,4.
        #expect(text.contains("Kommunledningsstaben | 107,3 | 112,3 | 5,0 | 95,4"))
        // VSS's deviation −5,5 with a true minus sign, as printed in the report.
        #expect(text.contains("Verksamhetsstöd och service (VSS)* | −5,5 | 0,0 | −5,5 | −1,9"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"sv\">"))
        // Self-contained: no network, no scripts, no external fonts or style sheets.
        for forbidden in ["<script", "https://", "src=", "href=", "<link", "@import", "url("] {
            #expect(!html.contains(forbidden), "report contains \(forbidden)")
        }
        // The deviation chart colours favourable and unfavourable bars differently.
        #expect(html.contains(SVGChart.favourable) && html.contains(SVGChart.unfavourable))
    }

    @Test("every name from an input file is escaped: a unit called <script> appears as text")
    func escaping() throws {
        let dir = try temporaryFiles(["s.yaml": """
            prognos: 1
            name: "Test & <b>bold</b>"
            unit: mnkr
            as_of: 2024-03-31
            fiscal_year: 2024
            operating:
              units:
                - id: x
                  name: "<script>alert(1)</script>"
                  actual_ytd: 1.0
                  budget_ytd: 1.5
                  budget: 6.0
                  forecast: {method: manual, value: 5.0}
            """])
        let run = try ScenarioRun.compute(try Scenario.load(path: dir.appendingPathComponent("s.yaml").path))
        let html = Report.html(ResultDocument(run), lang: .sv)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<h1>Test &amp; &lt;b&gt;bold&lt;/b&gt;</h1>"))
        // The name is also a label in the deviation chart (SVG text), escaped there too.
        #expect(html.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</text>"))
        #expect(HTML.escape("a\"b'c&d") == "a&quot;b&#39;c&amp;d")
    }

    @Test("number formats: Swedish decimal comma and narrow no-break space thousands; English point and comma")
    func numberFormats() {
        // Hand-written expectations: 1 234 567 890 kr = 1 234,6 mnkr (rounded half away from zero).
        let sv = ReportFormat(lang: .sv, unit: .mnkr), en = ReportFormat(lang: .en, unit: .mnkr)
        #expect(sv.amount(1_234_567_890) == "1\u{202F}234,6")
        #expect(en.amount(1_234_567_890) == "1,234.6")
        #expect(sv.amount(-5_500_000) == "−5,5")
        #expect(en.amount(-5_500_000) == "−5.5")
        #expect(sv.amount(999_949_999) == "999,9")
        #expect(sv.amount(nil) == "–")
        #expect(sv.amount(.nan) == "–")
        #expect(sv.percent(0.0253) == "2,53\u{00A0}%")
        #expect(en.percent(0.0253) == "2.53\u{00A0}%")
        #expect(sv.percent(-0.004, decimals: 1) == "−0,4\u{00A0}%")
        #expect(sv.number(2.714, decimals: 2) == "2,71")
        #expect(sv.number(15_600, decimals: 0) == "15\u{202F}600")
        // tkr: a thousand kronor, no decimals.
        let tkr = ReportFormat(lang: .sv, unit: .tkr)
        #expect(tkr.amount(1_234_567) == "1\u{202F}235")
    }

    @Test("indicators in the report: a status mark and a trend line per indicator, I.U., escaped names")
    func indicatorSection() throws {
        let path = repositoryRoot.appendingPathComponent("Scenarios/linkoping-ks-2024-03-indikatorer.yaml").path
        let assessed = Report.html(ResultDocument(try ScenarioRun.compute(try Scenario.load(path: path, overrides: ["indicators.assess=true"]))), lang: .sv)
        let text = try Self.tableText(assessed)
        // KLF sick leave 2,2 / 2,0 / 2,0 against 3,0 % (lower better): met (✓), unchanged.
        #expect(text.contains("Total sjukfrånvaro KLF | 2,2 | 2,0 | 2,0 | 3,0~% (lägre bättre) | ✓ Uppfyllt | Oförändrad"))
        #expect(text.contains("Antal invånare som har mer än 10 km till närmaste dagligvarubutik |  | 1_878~(2021) | I.U. | Minska | – Ingen uppgift | –"))
        #expect(assessed.components(separatedBy: "<svg class=\"spark\"").count - 1 >= 20)   // three or more values
        #expect(text.contains("Summering: 2 uppfyllda, 0 ej uppfyllda, 0 utan uppgift, 1 utan mål"))
        let plain = Report.html(ResultDocument(try ScenarioRun.compute(try Scenario.load(path: path))), lang: .sv)
        #expect(plain.contains("Ingen bedömning av måluppfyllelse görs i denna rapport (assess: false)."))   // the text table's wording
        #expect(!plain.contains("<svg class=\"spark\"") && !plain.contains("✓"))
        let dir = try temporaryFiles(["s.yaml": """
            prognos: 1
            unit: mnkr
            indicators:
              periods: ["2023"]
              areas:
                - name: "<i>Område</i>"
                  board_goals:
                    - name: "Mål & <b>mer</b>"
                      indicators:
                        - {id: x, name: "<script>alert(1)</script>", values: {"2023": 1}}
            """])
        let html = Report.html(ResultDocument(try ScenarioRun.compute(try Scenario.load(path: dir.appendingPathComponent("s.yaml").path))), lang: .sv)
        #expect(!html.contains("<script") && !html.contains("<i>Omr") && !html.contains("<b>mer"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("chart axes cover the data: first tick ≤ min, last tick ≥ max, steps 1, 2, 2.5 or 5 × 10^k")
    func axisTicks() {
        // 57…128 in 5 steps: raw step 14.2 → 20; ticks 40, 60, …, 140 (by hand).
        #expect(SVGChart.ticks(57, 128) == [40, 60, 80, 100, 120, 140])
        #expect(SVGChart.ticks(-5.5, 19.5) == [-10, -5, 0, 5, 10, 15, 20])
        for (lo, hi) in [(0.0, 1.0), (-0.004, 0.071), (12.1, 1043.8), (380.3, 380.3), (-123.7, -0.6)] {
            let t = SVGChart.ticks(lo, hi)
            #expect(t.first! <= lo && t.last! >= hi, "ticks \(t) do not cover \(lo)…\(hi)")
            #expect(t.count <= 8)
        }
    }

    @Test("a report from a saved JSON result equals the report of the run (run --report ≡ report RESULT.json)")
    func fromParsedJSON() throws {
        for (file, overrides) in [("Scenarios/linkoping-internbank-2024.yaml", [String]()),
                                  ("Scenarios/linkoping-ks-2024-03-indikatorer.yaml", ["indicators.assess=true"])] {
            let run = try ScenarioRun.compute(try Scenario.load(path: repositoryRoot.appendingPathComponent(file).path, overrides: overrides))
            let direct = Report.html(ResultDocument(run), lang: .sv)
            let parsed = try ResultDocument.decode(Data(try JSONOutput.render(run).utf8))
            #expect(parsed == ResultDocument(run), "\(file)")
            #expect(Report.html(parsed, lang: .sv) == direct, "\(file)")
        }
    }
}
