/// Treasury tables: interest cost per scenario and year, the base scenario's detail,
/// and the sensitivity against the rule of thumb.
public enum TreasuryTable {
    public static func render(_ t: TreasuryRun, unit: AmountUnit, lang: Language) -> String {
        let sv = lang == .sv
        func a(_ v: Double?) -> String { Format.amount(v, unit, lang) }
        func pct(_ v: Double?) -> String {
            guard let v else { return "–" }
            return Format.grouped(v * 100, decimals: 2, decimalMark: sv ? "," : ".", groupMark: "") + " %"
        }
        var out: [String] = []

        // Interest cost per scenario (columns) and year (rows).
        var t1 = TextTable(headers: [[sv ? "År" : "Year"]] + t.scenarios.map { [$0.name] })
        for (i, year) in (t.scenarios.first?.years ?? []).enumerated() {
            t1.add([String(year.year)] + t.scenarios.map { a($0.years[i].externalInterest) })
        }
        out.append(sv ? "Räntekostnad per scenario och år (lån och swappar, periodiserad), belopp \(unit.rawValue)"
                      : "Interest cost per scenario and year (loans and swaps, accrued), amounts in \(unit.rawValue)")
        out.append("")
        out.append(t1.render())

        for s in t.scenarios {
            var t2 = TextTable(headers: sv
                ? [["År"], ["Räntekostnad"], ["varav", "swappar"], ["Genomsnittlig", "låneränta"], ["Genomsnittlig", "skuld"], ["Skuld", "31 dec"]]
                : [["Year"], ["Interest"], ["of which", "swaps"], ["Average", "funding rate"], ["Average", "debt"], ["Debt", "31 Dec"]])
            for y in s.years {
                t2.add([String(y.year), a(y.externalInterest), a(y.swapNet), pct(y.averageFundingRate), a(y.averageDebt), a(y.debtEnd)])
            }
            out.append("")
            out.append(sv ? "Scenario \(s.name), belopp \(unit.rawValue)" : "Scenario \(s.name), amounts in \(unit.rawValue)")
            out.append("")
            out.append(t2.render())
        }

        let sens = t.sensitivity
        var t3 = TextTable(headers: sv
            ? [["År"], ["Koncernen", "(extern kostnad)"], ["Kommunen", "(egen netto)"], ["Tumregel", "D × 1 %-enhet"]]
            : [["Year"], ["Group", "(external cost)"], ["Municipality", "(own net)"], ["Rule of thumb", "D × 1 pp"]])
        for y in sens.years { t3.add([String(y.year), a(y.group), a(y.municipality), a(y.ruleOfThumb)]) }
        out.append("")
        out.append(sv ? "Räntekänslighet: +100 punkter mot scenario \(sens.base), belopp \(unit.rawValue)"
                      : "Interest sensitivity: +100 bp against scenario \(sens.base), amounts in \(unit.rawValue)")
        out.append("")
        out.append(t3.render())
        out.append((sv ? "Skuld vid värderingsdagen " : "Debt at the valuation date ") + "\(t.valuationDate): \(a(t.debtAtValuation))")
        return out.joined(separator: "\n") + "\n"
    }
}
