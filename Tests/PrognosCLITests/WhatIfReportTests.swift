import Foundation
import Testing

/// The HTML report marks a what-if as the text table does (`WhatIfMarks`, docs/decisions.md
/// "What-if and the gross lines"): "†" on figures that show the `--set` change, "‡" on the
/// printed gross lines that no longer add up to it, each explained in a note under its table.
@Suite("What-if marks in the HTML report")
struct WhatIfReportTests {
    static func report(_ arguments: [String]) throws -> String {
        let html = CLITests.temp("whatif") + ".html"
        let r = try CLITests.prognos(arguments + ["--report", html, "--output", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: html, encoding: .utf8)
    }

    /// The cells of the last table row whose first cell is `label`, tags stripped (the total's
    /// last row is the full-year table's: the result to date comes first).
    static func row(_ html: String, _ label: String) -> [String]? {
        var found: [String]? = nil
        for tr in html.components(separatedBy: "<tr").dropFirst() {
            let cells = tr.components(separatedBy: "<td").dropFirst().map { cell -> String in
                let inner = cell.drop { $0 != ">" }.dropFirst()
                let text = inner.components(separatedBy: "</td>").first ?? ""
                return text.replacingOccurrences(of: "&nbsp;", with: " ")
                    .replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespaces)
            }
            if cells.first == label { found = Array(cells.dropFirst()) }
        }
        return found
    }

    @Test("what-if on Kommunledningsstaben's forecast: the report's total marked †, varav kostnader / intäkter marked ‡, both notes in Swedish")
    func reportMarks() throws {
        // The seed: Summa prognos 639,5 = varav kostnader 690,4 + varav intäkter −50,9 (mnkr). The unit's
        // forecast 107,3 → 110,3 makes the total 642,5 and its deviation 8,0 (budget 650,5): the text
        // table prints the same figures with the same marks (ReviewFixTests.whatIfMarksGrossLines).
        let sv = try Self.report(ReviewFixTests.whatIf)
        let total = try #require(Self.row(sv, "Summa nettokostnader"))
        #expect(total == ["642,5 †", "650,5", "8,0 †", "506,9"])
        // The result to date is not touched by a forecast change: no mark in its total row.
        #expect(!(sv.components(separatedBy: "<h3>")[1...].first { $0.contains("146,6") } ?? "").contains("†"))
        let costs = try #require(Self.row(sv, "varav kostnader"))
        #expect(costs == ["690,4 ‡", "701,4", "11,0 ‡", "630,5"])
        let income = try #require(Self.row(sv, "varav intäkter"))
        #expect(income == ["-50,9 ‡", "-50,9", "0,0 ‡", "-123,7"] || income == ["−50,9 ‡", "−50,9", "0,0 ‡", "−123,7"])
        #expect(sv.contains("† Ändrat med --set: beloppet visar ändringen"))
        #expect(sv.contains("‡ Rapportens tryckta belopp, som inte stämmer med ändringen med --set"))
        let en = try Self.report(ReviewFixTests.whatIf + ["--lang", "en"])
        #expect(en.contains("† Changed with --set: the figure shows the change"))
        #expect(en.contains("‡ The report&#39;s printed figure") || en.contains("‡ The report's printed figure"))
    }

    @Test("the seed without --set: no mark and no note in the report")
    func noMarksWithoutWhatIf() throws {
        let plain = try Self.report(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(Self.row(plain, "Summa nettokostnader") == ["639,5", "650,5", "11,0", "506,9"])
        #expect(!plain.contains("†") && !plain.contains("‡"))
    }
}
