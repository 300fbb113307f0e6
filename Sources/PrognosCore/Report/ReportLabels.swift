import Foundation

/// The report's own texts (charts' legends, verdict marks, the band and CaR notes), Swedish
/// and English side by side, as Output/SectionLabels.swift writes the tables' labels.
struct ReportLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    // Charts
    var interestBudget: String { sv ? "Räntebudget" : "Interest budget" }
    var budget: String { sv ? "Budget" : "Budget" }
    var forecast: String { sv ? "Prognos" : "Forecast" }
    var outerBand: String { sv ? "P05–P95 (90 % av banorna)" : "P05–P95 (90 % of paths)" }
    var innerBand: String { sv ? "P25–P75 (50 % av banorna)" : "P25–P75 (50 % of paths)" }
    var median: String { sv ? "Median" : "Median" }
    var car95Point: String { sv ? "P95, märkt med CaR95" : "P95, labelled with CaR95" }
    var withinRange: String { sv ? "Inom finanspolicyns intervall" : "Within the policy's range" }
    var outsideRange: String { sv ? "Utanför intervallet (gränsbrott)" : "Outside the range (breach)" }
    var policyRange: String { sv ? "Finanspolicyns intervall" : "The policy's range" }
    var noLimit: String { sv ? "Ingen gräns" : "No limit" }

    func scenarioChartTitle(hasBudget: Bool) -> String {
        hasBudget ? (sv ? "Räntekostnad per år och scenario, mot räntebudgeten" : "Interest cost per year and scenario, against the interest budget")
                  : (sv ? "Räntekostnad per år och scenario" : "Interest cost per year and scenario")
    }
    func fanTitle(scenarios: Bool, budget: Bool) -> String {
        switch (scenarios, budget) {
        case (true, true): return sv ? "Räntekostnad per år: simuleringens spridning, räntescenarierna och räntebudgeten"
                                     : "Interest cost per year: the simulation's spread, the rate scenarios and the interest budget"
        case (true, false): return sv ? "Räntekostnad per år: simuleringens spridning och räntescenarierna"
                                      : "Interest cost per year: the simulation's spread and the rate scenarios"
        case (false, true): return sv ? "Räntekostnad per år: simuleringens spridning och räntebudgeten"
                                      : "Interest cost per year: the simulation's spread and the interest budget"
        case (false, false): return sv ? "Räntekostnad per år: P05–P95, P25–P75 och median" : "Interest cost per year: P05–P95, P25–P75 and median"
        }
    }
    var fanNote: String {
        sv ? "Skuggade band: simuleringens spridning; röda punkter: P95 var tredje år, märkt med CaR95 = P95 − medelvärdet. Linjer: de deterministiska räntescenarierna och räntebudgeten där de finns."
           : "Shaded bands: the simulation's spread; red points: P95 every third year, labelled with CaR95 = P95 − mean. Lines: the deterministic rate scenarios and the interest budget where given."
    }

    // Policy verdicts
    var within: String { sv ? "✓ inom" : "✓ within" }
    var breach: String { sv ? "✗ BRYTS" : "✗ BREACH" }
    func breachCount(_ n: Int) -> String {
        n == 0 ? (sv ? "Inga gränser bryts." : "No limit is broken.")
               : (sv ? "\(n) gränsbrott, markerade med ✗ och i rött." : "\(n) breaches, marked ✗ and in red.")
    }
    var years: String { sv ? "år" : "years" }
    var fromLabel: String { sv ? "minst" : "at least" }
    var toLabel: String { sv ? "högst" : "at most" }

    /// A fixing bucket's key ("0-1", ">7") as a reader writes it: "0–1 år", "över 7 år".
    func bucket(_ key: String) -> String {
        if key.hasPrefix(">") { return (sv ? "över " : "over ") + key.dropFirst() + (sv ? " år" : " years") }
        return key.replacingOccurrences(of: "-", with: "–") + (sv ? " år" : " years")
    }

    // Operating bands
    var bandTitle: String { sv ? "Prognos och osäkerhetsintervall (från backtest)" : "Forecast and uncertainty band (from the backtest)" }
    var bandPosition: String { sv ? "Prognosen mot intervallet" : "Forecast against the band" }
    var insideBand: String { sv ? "inom" : "inside" }
    var belowBand: String { sv ? "◆ under P10" : "◆ below P10" }
    var aboveBand: String { sv ? "◆ över P90" : "◆ above P90" }
    var bandNote: String {
        sv ? "Intervallet är prognosen flyttad med metodens fel i backtesten (hur utfallet tidigare år skilde sig från metodens prognos). Har metoden träffat systematiskt fel åt ett håll (bias) flyttas hela intervallet dit och kan ligga helt vid sidan av prognosen (◆) – det är inget räknefel, utan ett tecken på att prognosen bör prövas mot metodens historik."
           : "The band is the forecast moved by the method's errors in the backtest (how past outcomes differed from the method's forecast). If the method has missed consistently in one direction (bias), the whole band moves that way and can lie entirely beside the forecast (◆): not an error in the figures, but a sign to test the forecast against the method's history."
    }

    // Simulation precision
    func precisionTitle(_ series: String, unit: AmountUnit) -> String {
        sv ? "\(series): hur säkra är siffrorna? 95 % intervall, belopp \(unit.rawValue)"
           : "\(series): how precise are the figures? 95 % intervals, amounts in \(unit.rawValue)"
    }
    var precisionColumns: [String] {
        sv ? ["År", "Medel", "Medlets 95 % intervall", "CaR95", "CaR95, 95 % intervall", "Svansens kvantil, 95 % intervall"]
           : ["Year", "Mean", "The mean's 95 % interval", "CaR95", "CaR95, 95 % interval", "Tail quantile, 95 % interval"]
    }
    func precisionNote(paths: Int, antithetic: Bool) -> String {
        let n = NumberStyle(lang: lang, unit: .kr, html: true).number(Double(paths), decimals: 0)
        return sv ? "Intervallen visar simuleringens eget slumpfel med \(n) banor (fler banor ger smalare intervall), inte osäkerheten i modellens antaganden. Medlets intervall är ± 1,96 medelfel\(antithetic ? " (antitetiska par räknade som par)" : ""); svansens kvantil (P95 för kostnader, P05 för intäkter) har ett fördelningsfritt intervall ur ordningsstatistik, avläst mellan P90, P95 och P99 (P01, P05, P10); CaR95:s intervall kombinerar de två. Metoden: docs/decisions.md."
                  : "The intervals show the simulation's own sampling error with \(n) paths (more paths give narrower intervals), not the uncertainty in the model's assumptions. The mean's interval is ± 1.96 standard errors\(antithetic ? " (antithetic pairs counted as pairs)" : ""); the tail quantile (P95 for costs, P05 for income) has a distribution-free order-statistic interval, read between P90, P95 and P99 (P01, P05, P10); CaR95's interval combines the two. Method: docs/decisions.md."
    }
    func range(_ lo: String, _ hi: String) -> String { lo + "–" + hi }
}
