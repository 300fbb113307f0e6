import Foundation
import Testing
@testable import PrognosCore

/// The report's charts and readers' texts (issue 16 item 5): axes from zero, ticks without
/// useless decimals, the interest budget as a line, one fixed style per scenario, breaches
/// marked by a symbol, limits as a reader writes them, the forecast beside its band, the
/// 95 % interval of CaR95, and the combined treasury page.
@Suite("HTML report: charts and readers' texts")
struct ReportChartTests {
    static func document(_ name: String) throws -> ResultDocument { try ResultDocument.decode(try ResultDocumentTests.golden(name)) }

    static func matches(_ pattern: String, _ s: String) throws -> [[String]] {
        let re = try NSRegularExpression(pattern: pattern, options: .dotMatchesLineSeparators)
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// The colour of the legend entry of `name` in a chart (the legend's line before its text).
    static func legendColor(_ html: String, _ name: String) throws -> [String] {
        try matches("<line [^>]*stroke=\"(#[0-9A-Fa-f]{6})\"[^>]*/>(?:<(?:circle|rect|polygon|path) [^>]*/>)?<text [^>]*>"
                    + NSRegularExpression.escapedPattern(for: name) + "</text>", html).map { $0[1] }
    }

    @Test("amount axes start at zero and ticks have no useless decimals: 300…400 mnkr → 0, 100, …, 400 (not 300,0)")
    func axisFromZero() throws {
        let f = ReportFormat(lang: .sv, unit: .mnkr)
        let svg = SVGChart.lines(x: ["2024", "2025"], series: [.init(name: "a", values: [310e6, 395e6], style: ScenarioStyle.style("base"))],
                                 format: .amount(f), caption: "c")
        // By hand: ticks(0, 395) = 0, 100, …, 400 (raw step 79 → 100); labels in mnkr with no decimals.
        let ticks = try Self.matches("text-anchor=\"end\" font-size=\"10\" font-weight=\"normal\" fill=\"#555\">([^<]*)</text>", svg).map { $0[1] }
        #expect(ticks == ["0", "100", "200", "300", "400"])
        // Without fromZero (a rate chart) the same data would start at 300.
        let rates = SVGChart.lines(x: ["a", "b"], series: [.init(name: "a", values: [310e6, 395e6], style: .budget)], format: .amount(f),
                                   caption: "c", fromZero: false)
        #expect(rates.contains(">300</text>") && !rates.contains(">0</text>"))
        // Tick decimals follow the step: 1 250 mnkr, not "1 250,0"; 2,5 when the step is 2,5; percent 0,5 % steps keep one.
        let amount = ChartFormat.amount(f).tick([0, 250e6, 500e6, 750e6, 1000e6, 1250e6])
        #expect(amount(1250e6) == "1\u{202F}250")
        #expect(ChartFormat.amount(f).tick([0, 2.5e6, 5e6])(2.5e6) == "2,5")
        #expect(ChartFormat.percent(f, decimals: 1).tick([0, 0.1, 0.2, 0.3])(0.3) == "30\u{00A0}%")
        #expect(ChartFormat.percent(f, decimals: 1).tick([0, 0.005, 0.01])(0.01) == "1,0\u{00A0}%")
        #expect(ChartFormat.amount(ReportFormat(lang: .en, unit: .mnkr)).tick([0, 500e6, 1000e6, 1500e6])(1500e6) == "1,500")
    }

    @Test("one fixed style per scenario, from its id: kinds by the id's words, others by FNV-1a; the same colour in every report")
    func scenarioColours() throws {
        // Okabe–Ito colours by kind (ChartStyle.swift): base blue, down green, up orange (> 100 bp vermillion), ramp purple, Riksbank black.
        #expect(ScenarioStyle.style("base") == SeriesStyle(color: "#0072B2", dash: nil, marker: .circle))
        #expect(ScenarioStyle.style("minus100").color == "#009E73" && ScenarioStyle.style("minus100").marker == .triangleDown)
        #expect(ScenarioStyle.style("plus100").color == "#E69F00" && ScenarioStyle.style("plus100").marker == .triangleUp)
        #expect(ScenarioStyle.style("plus200").color == "#D55E00")
        #expect(ScenarioStyle.style("ramp200").color == "#CC79A7")
        #expect(ScenarioStyle.style("riksbank-2024-2025") == SeriesStyle(color: "#000000", dash: nil, marker: .diamond))
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector); of "" the offset basis.
        #expect(ScenarioStyle.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ScenarioStyle.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        // 0xaf63dc4c8601ec8c mod 8 = 4 → others[4] (green, square); (h / 8) mod 3 picks the dash.
        let h: UInt64 = 0xaf63_dc4c_8601_ec8c
        #expect(ScenarioStyle.style("a") == SeriesStyle(color: "#009E73", dash: ScenarioStyle.dashes[Int((h / 8) % 3)], marker: .square))
        // Two reports with the scenarios in different orders draw each scenario in the same colour.
        let doc = try Self.document("treasury-2024")
        var reordered = doc
        reordered.treasury!.scenarios.reverse()
        let a = Report.html(doc, lang: .sv), b = Report.html(reordered, lang: .sv)
        for sc in doc.treasury!.scenarios {
            let ca = try Self.legendColor(a, sc.display), cb = try Self.legendColor(b, sc.display)   // legends show the label (issue 19)
            #expect(!ca.isEmpty && ca == cb && ca.allSatisfy { $0 == ScenarioStyle.style(sc.name).color }, "\(sc.name): \(ca) vs \(cb)")
        }
        // Six scenarios, six different colours in treasury-2024.
        #expect(Set(doc.treasury!.scenarios.map { ScenarioStyle.style($0.name).color }).count == doc.treasury!.scenarios.count)
    }

    @Test("the interest budget is a dashed line in the scenario chart and in the Monte Carlo fan (spec/treasury.md T22–T26 table)")
    func budgetLine() throws {
        let doc = try Self.document("linkoping-internbank-2024")
        let budget = try #require(doc.treasury?.interestBudget)
        let html = Report.html(doc, lang: .sv)
        #expect(try Self.legendColor(html, "Räntebudget") == ["#333333"])
        // The budget's polyline: 2024…2028 at 420…500 mnkr on the scenario chart's years; one point per budget year.
        let lines = try Self.matches("<polyline fill=\"none\" stroke=\"#333333\" stroke-width=\"2.5\" stroke-dasharray=\"9,4\" points=\"([^\"]*)\"/>", html)
        #expect(lines.count == 1)
        #expect(lines.first.map { $0[1].split(separator: " ").count } == budget.count)
        // The combined page (simulation + deterministic run): the fan carries the budget and every scenario.
        let path = repositoryRoot.appendingPathComponent("Scenarios/internbank-car-2024.yaml").path
        let scenario = try Scenario.load(path: path, overrides: ["simulation.paths=400"])
        let sim = ResultDocument(try ScenarioRun.compute(scenario, simulation: .only, threads: 1))
        let combined = sim.addingDeterministic(ResultDocument(try ScenarioRun.compute(scenario)))
        let page = Report.html(combined, lang: .sv)
        let fan = try #require(page.range(of: "Räntekostnad per år: simuleringens spridning, räntescenarierna och räntebudgeten").map { String(page[$0.upperBound...]) })
        let fanSVG = String(fan[..<fan.range(of: "</svg>")!.upperBound])
        #expect(fanSVG.contains("stroke-dasharray=\"9,4\""))
        for sc in combined.treasury!.scenarios { #expect(fanSVG.contains(">\(sc.display)</text>"), "\(sc.display) missing from the fan") }
        // One page: the rate scenarios, the policy verdicts and CaR together.
        for heading in ["Räntor och internbank", "Finanspolicy vid värderingsdagen", "CaR95"] { #expect(page.contains(heading), "\(heading)") }
        #expect(combined.simulation == sim.simulation && combined.treasury != nil)
    }

    @Test("breaches carry a symbol as well as red: ✗ in the verdicts, the year-end matrix and a hatched column with ✗")
    func breachSymbols() throws {
        var doc = try Self.document("linkoping-internbank-2024")
        // Move the 1–3 year bucket at V to 45 %, outside its 10–30 % range (the file's policy).
        doc.treasury!.metrics.fixingBuckets["1-3"] = 0.45
        let html = Report.html(doc, lang: .sv)
        // One hatched column in the chart and one in its legend; nothing refers outside the page (no url()).
        #expect(html.components(separatedBy: "<g class=\"hatch\">").count - 1 == 2)
        #expect(!html.contains("url("))
        #expect(html.contains(">✗ 45,0\u{00A0}%</text>"))
        #expect(html.contains(">Utanför intervallet (gränsbrott)</text>"))
        // The year-end matrix marks each breach with ✗ beside the value (the document's own verdicts).
        let yearEnd = doc.treasury!.policy.filter { $0.date != doc.treasury!.metrics.date && !$0.ok }
        #expect(!yearEnd.isEmpty)
        #expect(html.components(separatedBy: "<span class=\"bad\">✗\u{00A0}").count - 1 == yearEnd.count)
        #expect(Report.html(doc, lang: .en).contains("breaches, marked ✗ and in red"))
        // A breach at V in the verdict table: "✗ BRYTS".
        var atV = doc
        let i = try #require(atV.treasury!.policy.firstIndex { $0.date == atV.treasury!.metrics.date })
        atV.treasury!.policy[i].ok = false
        #expect(Report.html(atV, lang: .sv).contains("<span class=\"bad\">✗ BRYTS</span>"))
        #expect(Report.html(atV, lang: .sv).contains("<span class=\"good\">✓ inom</span>"))
    }

    @Test("limits and buckets as a reader writes them: 1,5–4,0 år, 10–30 %, högst 30 %, minst 2,0 år, 0–1 år")
    func limitTexts() throws {
        let sv = ReportFormat(lang: .sv, unit: .mnkr), en = ReportFormat(lang: .en, unit: .mnkr)
        typealias L = TreasuryResult.Limit
        // No-break spaces (U+00A0) keep a limit on one line: "högst 30 %" never breaks after "högst".
        #expect(Report.limitText("fixing_years", L(min: 1.5, max: 4), sv) == "1,5–4,0\u{00A0}år")
        #expect(Report.limitText("fixing_years", L(min: 1.5, max: 4), en) == "1.5–4.0\u{00A0}years")
        #expect(Report.limitText("maturity_years", L(min: 2, max: nil), sv) == "minst\u{00A0}2,0\u{00A0}år")
        #expect(Report.limitText("share_maturing_12m", L(min: nil, max: 0.3), sv) == "högst\u{00A0}30\u{00A0}%")
        #expect(Report.limitText("fixing_buckets.1-3", L(min: 0.1, max: 0.3), sv) == "10–30\u{00A0}%")
        #expect(Report.limitText("share_fixing_12m", L(min: nil, max: 0.125), en) == "at most\u{00A0}12.5\u{00A0}%")
        #expect(ReportLabels(lang: .sv).bucket("0-1") == "0–1 år")
        #expect(ReportLabels(lang: .sv).bucket(">7") == "över 7 år")
        #expect(Report.ruleLabel("fixing_buckets.0-1", .sv) == "Räntebindning 0–1 år")
        #expect(Report.ruleLabel("fixing_buckets.>7", .sv) == "Räntebindning över 7 år")
        // In the report: the file's limits (linkoping-internbank-2024.yaml) as written above, never "≥ 1,50, ≤ 4,00".
        let html = Report.html(try Self.document("linkoping-internbank-2024"), lang: .sv)
        #expect(html.contains(">1,5–4,0\u{00A0}år</span></td>") && html.contains(">10–30\u{00A0}%</span></td>")
                && html.contains(">högst\u{00A0}30\u{00A0}%</span></td>"))
        #expect(!html.contains("≥") && !html.contains("≤") && !html.contains("0-1 år"))
        #expect(html.contains(">0–1 år</text>"))
    }

    @Test("the forecast beside its P10–P90 band, marked ◆ when the band excludes it, with the sentence on method bias")
    func forecastBesideBand() throws {
        let doc = try Self.document("linkoping-ks-2024-03-ledger")
        let units = try #require(doc.operating?.units.filter { $0.band != nil })
        try #require(!units.isEmpty)
        let f = ReportFormat(lang: .sv, unit: doc.amountUnit)
        let html = Report.html(doc, lang: .sv)
        let text = try ReportTests.tableText(html)
        for u in units {
            let (x, b) = (u.figures.forecast!, u.band!)
            // Where the forecast lies, decided here from the document's figures (half a printed unit of tolerance).
            let where_ = x < b.p10! - 50_000 ? "◆ under P10" : x > b.p90! + 50_000 ? "◆ över P90" : "inom"
            // The unit's row (name first; the method's wording is the label work's) ends with these cells.
            let cells = [f.amount(x), f.amount(b.p10), f.amount(b.p50), f.amount(b.p90), where_].map(ReportTests.decode).joined(separator: " | ")
            let rows = text.split(separator: "\n").filter { $0.hasPrefix(ReportTests.decode(HTML.escape(u.name)) + " | ") && $0.contains(" | " + cells + " | ") }
            #expect(rows.count == 1, "\(u.name): row with \(cells) missing")
        }
        #expect(html.contains("bias"))
        #expect(Report.html(doc, lang: .en).contains("(bias), the whole band moves that way"))
    }

    @Test("CaR95's 95 % interval: by hand for a made-up distribution; income series use the low tail (rule S10)")
    func carIntervalByHand() throws {
        let st = SimulationResult.Statistics(values: [.mean: 100, .stderr: 1, .p90: 110, .p95: 120, .p99: 140, .car95: 20])
        let ci = try #require(CaRInterval(st, paths: 1900, lowTail: false))
        // By hand (python): δ = 1.959964·√(0.95·0.05/1900) = 0.0097998; down = δ·10/0.05 = 1.959964; up = δ·20/0.04 = 4.899910;
        // high = 20 + √(4.899910² + 1.959964²) = 25.277365; low = 20 − √(2·1.959964²) = 17.228192.
        #expect(abs(ci.high - 25.277364536398107) < 1e-9 && abs(ci.low - 17.228192351300645) < 1e-9)
        #expect(abs(ci.quantileLow - 118.04003601545995) < 1e-9 && abs(ci.quantileHigh - 124.89990996135013) < 1e-9)
        // Mirrored for an income: P05 80, P01 60, P10 90, CaR95 = mean − P05 = 20: the same half-widths, sides swapped.
        let income = SimulationResult.Statistics(values: [.mean: 100, .stderr: 1, .p10: 90, .p05: 80, .p01: 60, .car95: 20])
        let ci2 = try #require(CaRInterval(income, paths: 1900, lowTail: true))
        #expect(abs(ci2.high - 25.277364536398107) < 1e-9 && abs(ci2.low - 17.228192351300645) < 1e-9)
        #expect(CaRInterval(SimulationResult.Statistics(values: [.mean: 1]), paths: 1000, lowTail: false) == nil)
    }

    @Test("CaR95's 95 % interval covers the true CaR95 in about 95 % of simulated samples (normal, n = 2,000, 400 samples)")
    func carIntervalCoverage() throws {
        // True CaR95 of N(0, 1): z(0.95) = 1.6448536. Quantiles as GSL (linear at (n − 1)p of the sorted sample).
        var state: UInt64 = 20_261_201
        func uniform() -> Double {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9; z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return (Double((z ^ (z >> 31)) >> 11) + 0.5) / 9_007_199_254_740_992
        }
        func quantile(_ x: [Double], _ p: Double) -> Double {
            let h = Double(x.count - 1) * p, i = Int(h)
            return i + 1 < x.count ? x[i] + (h - Double(i)) * (x[i + 1] - x[i]) : x[i]
        }
        let n = 2000, samples = 400
        var covered = 0
        for _ in 0..<samples {
            var x = (0..<n).map { _ in (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
            x.sort()
            let mean = x.reduce(0, +) / Double(n)
            let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            var v: [Statistic: Double?] = [.mean: mean, .stderr: sd / Double(n).squareRoot()]
            for (s, p) in [(Statistic.p90, 0.90), (.p95, 0.95), (.p99, 0.99)] { v[s] = quantile(x, p) }
            v[.car95] = quantile(x, 0.95) - mean
            let ci = try #require(CaRInterval(SimulationResult.Statistics(values: v), paths: n, lowTail: false))
            if ci.low <= 1.6448536269514722 && 1.6448536269514722 <= ci.high { covered += 1 }
        }
        // 95 % nominal; the method leaves out a correlation that would narrow it, so somewhat above 95 % is expected.
        // 400 samples: a binomial standard deviation of 1.1 %; [90 %, 99.5 %] is well outside chance.
        let share = Double(covered) / Double(samples)
        #expect(share >= 0.90 && share <= 0.995, "coverage \(share)")
    }

    @Test("the simulation's precision table: each amount series with CaR95 and its interval from the document")
    func precisionTable() throws {
        let doc = try Self.document("internbank-car-2024")
        let sim = try #require(doc.simulation)
        let f = ReportFormat(lang: .sv, unit: doc.amountUnit)
        let text = try ReportTests.tableText(Report.html(doc, lang: .sv))
        let first = try #require(sim.years.first)
        let st = try #require(first.series[.externalInterest])
        let ci = try #require(CaRInterval(st, paths: sim.paths, lowTail: false))
        // The first year's row: year, mean, ± 1.96 stderr, CaR95 and its interval, P95's interval.
        let row = "\(first.year) | \(f.amount(st[.mean])) | ±~\(f.fineAmount(1.959963984540054 * st[.stderr]!, extra: Report.extraDecimals(ci.meanHalfWidth, f)))"
            + " | \(f.amount(st[.car95])) | \(f.amount(ci.low))–\(f.amount(ci.high)) | P95 \(f.amount(ci.quantileLow))–\(f.amount(ci.quantileHigh))"
        #expect(text.contains(ReportTests.decode(row)), "\(ReportTests.decode(row)) missing")
        // stderr 528,5 kr (the golden JSON) → ± 0,0010 mnkr: two significant digits, not "0,0".
        #expect(Report.extraDecimals(1036, f) == 3)
        #expect(ci.high > ci.car95 && ci.low < ci.car95)
    }
}
