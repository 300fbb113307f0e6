import Foundation
import Testing

/// The shipped municipality scenario end to end (issue 18): it runs in the README's
/// first-command style, its report shows the balanskravsresultat per scenario with zero marked
/// and P(deficit) per year, and its simulation's parts merge into the single run's bytes,
/// the result's distribution included.
@Suite("prognos: the municipality's result (issue 18)", .serialized)
struct ResultCLITests {
    static let file = "Scenarios/linkoping-kommun-2024.yaml"
    static let options = ["--paths", "3000", "--set", "simulation.band_paths=100"]

    @Test("run answers +200 bp from 2025: the balanskravsresultat 2025–2027 per scenario and P(deficit); the report marks zero")
    func runAndReport() throws {
        let report = CLITests.temp("kommun") + ".html"
        let runOptions = ["--set", "simulation.paths=3000", "--set", "simulation.band_paths=100"]
        let r = try CLITests.prognos(["run", Self.file] + runOptions + ["--report", report])
        #expect(r.status == 0, "\(r.stderr)")
        // Scenarios by their labels (the file's: base "Terminskurvan", plus200-2025 "+200 punkter från 2025").
        #expect(r.stdout.contains("Balanskravsutredning, prognos 2024 (räntescenario Terminskurvan)"))
        for year in 2025...2027 { #expect(r.stdout.contains("+200 punkter från 2025  \(year)")) }
        #expect(r.stdout.contains("P(under-"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("Balanskravsresultat per räntescenario och år (noll markerad)"))
        #expect(html.contains("stroke-dasharray=\"5,3\""))      // the zero line
        #expect(html.contains("P(&lt;0) "))                      // the probability of a deficit, per year
        let en = try CLITests.prognos(["run", Self.file] + runOptions + ["--lang", "en", "--format", "csv", "--csv-dialect", "rfc4180"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("scenario,year,arets_resultat,financial_net,balanskravsresultat"))
    }

    @Test("3 shards merge into the single simulate's JSON, the result's distribution included")
    func shardsMerge() throws {
        let single = try CLITests.prognos(["simulate", Self.file] + Self.options + ["--format", "json"])
        #expect(single.status == 0)
        #expect(single.stdout.contains("\"prob_negative\""))
        var parts: [String] = []
        for k in 0..<3 {
            let part = CLITests.temp("kpart\(k)") + ".bin"
            let s = try CLITests.prognos(["simulate", Self.file] + Self.options + ["--shard", "\(k)/3", "--output", part, "--threads", "1"])
            #expect(s.status == 0)
            parts.append(part)
        }
        let out = CLITests.temp("kmerged") + ".json"
        let m = try CLITests.prognos(["merge"] + parts + ["--output", out])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == single.stdout)
    }
}
