import Foundation
import Testing

/// `prognos simulate FILE --report`: one treasury page (issue 16 item 5) with the
/// deterministic scenarios and policy beside the Monte Carlo results.
@Suite("prognos simulate --report", .serialized)
struct ReportCLITests {
    @Test("simulate --report holds the rate scenarios, the policy verdicts and CaR on one page; its JSON output is unchanged")
    func combinedTreasuryPage() throws {
        let dir = Scratch.folder.appendingPathComponent("prognos-simreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("car.html").path, json = dir.appendingPathComponent("car.json").path
        let r = try CLITests.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "400", "--threads", "1",
                                      "--format", "json", "--output", json, "--report", html])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        // The deterministic part (linkoping-internbank-2024.yaml's scenarios, metrics and policy) and the simulation.
        for s in ["<h2>Räntor och internbank</h2>", "Finanspolicy vid värderingsdagen", "Finanspolicy vid årsskiften",
                  "Räntekostnad per år: simuleringens spridning, räntescenarierna och räntebudgeten", "CaR95, 95\u{00A0}% intervall",
                  ">Riksbankens bana 2024–2025</text>", ">Räntebudget</text>"] {
            #expect(page.contains(s) || page.contains(s.replacingOccurrences(of: "\u{00A0}", with: " ")), "\(s) missing")
        }
        // The JSON stays the simulation's (spec/files.md): no treasury section added to it.
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(doc?["simulation"] != nil && doc?["treasury"] == nil)
    }
}
