/// The result section as CSV (both dialects, like every section): the resultaträkning and the
/// balanskravsutredning's lines, one row per scenario and year, the deficits, and the Monte
/// Carlo per year and series. Kronor to the öre, rates and probabilities as decimals.
enum ResultCSV {
    static let lineColumns = ["result_line", "budget", "forecast", "outcome_prior"]
    static let scenarioColumns = ["scenario", "year", "arets_resultat", "financial_net", "balanskravsresultat", "target_share", "target_ok"]
    static let deficitColumns = ["scenario", "deficit_year", "amount", "restore_by", "restored", "waived", "remaining", "late"]
    static let simulationColumns = ["year", "result_series", "mean", "stderr", "p05", "p50", "p95", "prob_negative"]

    static func render(_ r: MunicipalResult, dialect: CSVDialect) throws -> String {
        let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
        func flag(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "" }
        var parts: [String] = []
        parts.append(try CSVOutput.write(dialect) { w in
            try w.write(row: lineColumns)
            for l in r.lines { try w.write(row: [l.key, m(l.budget), m(l.forecast), m(l.outcomePrior)]) }
            try w.write(row: ["arets_resultat", m(r.aretsResultat.budget), m(r.aretsResultat.forecast), m(r.aretsResultat.outcomePrior)])
            try w.write(row: ["excluding_items", "", m(r.excludingItems.forecast), ""])
            for l in r.balanskrav.lines where l.key != "arets_resultat" { try w.write(row: ["balanskrav." + l.key, "", m(l.amount), ""]) }
            try w.write(row: ["balanskrav.after_adjustments", "", m(r.balanskrav.afterAdjustments), ""])
            try w.write(row: ["balanskrav.balanskravsresultat", "", m(r.balanskrav.balanskravsresultat), ""])
        })
        parts.append(try CSVOutput.write(dialect) { w in
            try w.write(row: scenarioColumns)
            for s in r.byScenario {
                for y in s.years {
                    try w.write(dialect, row: [s.name, String(y.year), m(y.aretsResultat), m(y.financialNet), m(y.balanskravsresultat),
                                               m(y.targetShare), flag(y.targetOk)], text: [0])
                }
            }
        })
        let deficits = r.byScenario.flatMap { s in s.deficits.map { (s.name, $0) } }
        if !deficits.isEmpty {
            parts.append(try CSVOutput.write(dialect) { w in
                try w.write(row: deficitColumns)
                for (name, d) in deficits {
                    try w.write(dialect, row: [name, String(d.year), m(d.amount), String(d.restoreBy), flag(d.restored), flag(d.waived),
                                               m(d.remaining), flag(d.late)], text: [0])
                }
            })
        }
        if let sim = r.simulation {
            parts.append(try CSVOutput.write(dialect) { w in
                try w.write(row: simulationColumns)
                for y in sim.years {
                    for (key, d) in [("arets_resultat", y.aretsResultat), ("balanskravsresultat", y.balanskravsresultat)] {
                        try w.write(row: [String(y.year), key, m(d.mean), m(d.stderr), m(d.p05), m(d.p50), m(d.p95), m(d.probNegative?.value ?? nil)])
                    }
                }
            })
        }
        return parts.joined(separator: "\n")
    }
}
