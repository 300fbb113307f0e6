import Foundation

/// The self-contained HTML report (no network, no scripts, no external fonts), built from
/// the JSON contract so that `prognos run --report` and `prognos report RESULT.json` give
/// the same page. Swedish by default; every name from an input file is escaped.
public enum Report {
    public static func html(_ json: [String: Any], lang: Language) -> String {
        let unit = AmountUnit(rawValue: json["unit"] as? String ?? "mnkr") ?? .mnkr
        let fmt = ReportFormat(lang: lang, unit: unit)
        let t = fmt.t
        let name = json["name"] as? String ?? "Prognos"
        var body = "<h1>\(HTML.escape(name))</h1>"
        if let asOf = json["as_of"] as? String { body += "<p class=\"meta\">\(t("Per", "As of")) \(HTML.escape(asOf)) · \(t("belopp", "amounts in")) \(unit.rawValue)</p>" }
        if let o = json["operating"] as? [String: Any] { body += operating(o, fmt) }
        if let inv = json["investments"] as? [String: Any] {
            // Capital costs name units by id; show the operating statement's names where they exist.
            var unitNames: [String: String] = [:]
            for u in list(dict(json["operating"])["units"]) { if let id = u["id"] as? String, let n = u["name"] as? String { unitNames[id] = n } }
            body += investments(inv, json["capital_costs"] as? [String: Any], unitNames: unitNames, fmt)
        }
        if let tr = json["treasury"] as? [String: Any] { body += treasury(tr, fmt) }
        if let sim = json["simulation"] as? [String: Any] { body += simulation(sim, json["treasury"] as? [String: Any], fmt) }
        if let ind = json["indicators"] as? [String: Any] { body += indicators(ind, fmt) }
        body += notes(json, fmt)
        return """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><title>\(HTML.escape(name))</title>
        <style>\(css)</style></head><body>\(body)
        <footer>\(t("Framtagen med Prognos", "Made with Prognos")) · \(t("alla belopp i", "all amounts in")) \(unit.rawValue)</footer>
        </body></html>

        """
    }

    static let css = """
    body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:12px;color:#222;max-width:760px;margin:24px auto;padding:0 12px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #1f4e79;padding-bottom:3px;color:#1f4e79}
    h3{font-size:13px;margin:18px 0 6px}p.meta{color:#555;margin:0 0 12px}
    table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-variant-numeric:tabular-nums}
    th,td{padding:3px 6px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:bottom}
    th{background:#f2f5f9;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}
    tr.total td{font-weight:700;border-top:1.5px solid #333}tr.sub td{color:#555;font-style:italic}
    tr.result td{color:#444}.bad{color:#c62828;font-weight:700}.good{color:#2e7d32}
    .matrix table{font-size:10.5px}.matrix td,.matrix th{padding:2px 3px}
    tr.goal td{background:#f7f7f7;padding-top:6px}.indicators td:first-child{min-width:230px}.indicators td.num:nth-last-child(3),.indicators td.num:nth-last-child(1){white-space:normal}ul.notes{font-size:10.5px;color:#555}svg.spark{display:inline;margin:0;vertical-align:middle}
    svg{display:block;margin:6px 0 14px}ul{padding-left:18px}li{margin:2px 0}footer{margin-top:30px;color:#888;font-size:10px}
    @media print{body{margin:0;max-width:none}h2{break-after:avoid}svg,table{break-inside:avoid}}
    """

    // MARK: JSON access (native values from a run, NSNumbers from a parsed file)

    static func num(_ v: Any?) -> Double? {
        switch v {
        case let d as Double: return d
        case let i as Int: return Double(i)
        case let n as NSNumber: return n.doubleValue
        default: return nil
        }
    }
    static func int(_ v: Any?) -> Int? { num(v).map { Int($0) } }
    static func dict(_ v: Any?) -> [String: Any] { v as? [String: Any] ?? [:] }
    static func list(_ v: Any?) -> [[String: Any]] { v as? [[String: Any]] ?? [] }
    static func bool(_ v: Any?) -> Bool? {
        if let b = v as? Bool { return b }
        if let n = v as? NSNumber { return n.boolValue }
        return nil
    }
    static func text(_ v: Any?) -> String { HTML.escape(v as? String ?? "") }

    // MARK: sections

    static func operating(_ o: [String: Any], _ f: ReportFormat) -> String {
        let t = f.t
        let units = list(o["units"])
        let netCost = units.filter { x in (x["reported_as"] as? String) != "result" && !(units.contains { u in (u["parent"] as? String) == (x["id"] as? String) }) }
        let results = units.filter { ($0["reported_as"] as? String) == "result" }
        let total = dict(o["total"])
        let period = int(o["month"]).map { m in Labels(lang: f.lang).period(m) } ?? ""
        let year = int(o["fiscal_year"]).map(String.init) ?? ""
        var s = "<h2>\(t("Driftsammandrag", "Operating statement"))</h2>"
        // Results to date.
        var rows: [[String]] = [], classes: [Int: String] = [:]
        func ytdRow(_ u: [String: Any], star: Bool = false) -> [String] {
            [text(u["name"]) + (star ? "*" : ""), f.amount(num(u["actual_ytd"])), f.amount(num(u["budget_ytd"])),
             f.amount(num(u["deviation_ytd"])), f.amount(num(u["actual_ytd_prior"]))]
        }
        rows += netCost.map { ytdRow($0) }
        classes[rows.count] = "total"
        rows.append([t("Summa nettokostnader", "Total net cost"), f.amount(num(total["actual_ytd"])), f.amount(num(total["budget_ytd"])),
                     f.amount(num(total["deviation_ytd"])), f.amount(num(total["actual_ytd_prior"]))])
        for u in results { classes[rows.count] = "result"; rows.append(ytdRow(u, star: true)) }
        s += "<h3>\(t("Resultat", "Results to date")) \(HTML.escape(period)) \(year)</h3>"
        s += HTML.table(["", t("Redovisat", "Actual"), t("Budget", "Budget"), t("Avvikelse", "Deviation"),
                         t("Redovisat samma period föregående år", "Actual same period last year")], rows, classes: classes)
        // Full-year forecast.
        rows = []; classes = [:]
        func yearRow(_ u: [String: Any], star: Bool = false) -> [String] {
            [text(u["name"]) + (star ? "*" : ""), f.amount(num(u["forecast"])), f.amount(num(u["budget"])),
             f.amount(num(u["deviation"])), f.amount(num(u["outcome_prior"]))]
        }
        rows += netCost.map { yearRow($0) }
        classes[rows.count] = "total"
        rows.append([t("Summa nettokostnader", "Total net cost"), f.amount(num(total["forecast"])), f.amount(num(total["budget"])),
                     f.amount(num(total["deviation"])), f.amount(num(total["outcome_prior"]))])
        if let g = o["gross"] as? [String: Any] {
            for (key, label) in [("costs", t("varav kostnader", "of which costs")), ("income", t("varav intäkter", "of which income"))] {
                let p = dict(g[key])
                classes[rows.count] = "sub"
                rows.append([label, f.amount(num(p["forecast"])), f.amount(num(p["budget"])), f.amount(num(p["deviation"])),
                             f.amount(num(p["outcome_prior"]))])
            }
        }
        for u in results { classes[rows.count] = "result"; rows.append(yearRow(u, star: true)) }
        s += "<h3>\(t("Prognos för helår", "Full-year forecast")) \(year)</h3>"
        s += HTML.table(["", t("Prognos helår", "Forecast"), t("Budget", "Budget") + " \(year)", t("Avvikelse", "Deviation"),
                         t("Bokslut", "Outcome") + " \(Int(year).map { String($0 - 1) } ?? "")"], rows, classes: classes)
        if !results.isEmpty {
            s += "<p class=\"meta\">* \(t("Redovisas som resultat: minustecken innebär underskott eller negativ avvikelse.", "Reported as a result: a minus sign is a deficit or an unfavourable deviation."))</p>"
        }
        // Deviation by unit.
        let shown = (netCost + results).filter { num($0["deviation"]) != nil }
        if !shown.isEmpty {
            s += "<h3>\(t("Avvikelse mot budget per enhet, helår (positiv = gynnsam)", "Deviation from budget by unit, full year (positive = favourable)"))</h3>"
            s += SVGChart.deviationBars(labels: shown.map { $0["name"] as? String ?? "" }, values: shown.map { num($0["deviation"])! },
                                        format: { f.amount($0) }, caption: t("Avvikelse per enhet", "Deviation by unit"))
        }
        // Methods and bands.
        let withBand = units.filter { $0["band"] is [String: Any] }
        if !withBand.isEmpty || total["band"] is [String: Any] {
            rows = withBand.map { u in
                let b = dict(u["band"])
                return [text(u["name"]), text(u["method"]), f.amount(num(b["p10"])), f.amount(num(b["p50"])), f.amount(num(b["p90"])),
                        text(dict(u["backtest"])["recommended"])]
            }
            if let b = total["band"] as? [String: Any] {
                classes = [rows.count: "total"]
                rows.append([t("Summa nettokostnader", "Total net cost"), "", f.amount(num(b["p10"])), f.amount(num(b["p50"])),
                             f.amount(num(b["p90"])), ""])
            } else { classes = [:] }
            s += "<h3>\(t("Osäkerhetsintervall (från backtest)", "Uncertainty bands (from the backtest)"))</h3>"
            s += HTML.table([t("Enhet", "Unit"), t("Metod", "Method"), "P10", "P50", "P90", t("Bäst i backtest", "Best in backtest")],
                            rows, numericFrom: 2, classes: classes)
            if let e = total["band_estimator"] as? String { s += "<p class=\"meta\">\(t("Summans intervall", "The total's band")): \(HTML.escape(e))</p>" }
        }
        return s
    }

    static func investments(_ inv: [String: Any], _ cc: [String: Any]?, unitNames: [String: String], _ f: ReportFormat) -> String {
        let t = f.t
        var s = "<h2>\(t("Investeringar", "Investments"))</h2>"
        var rows = list(inv["projects"]).map { p in
            [text(p["name"]), f.amount(num(p["spent_ytd"])), f.amount(num(p["forecast_net"])), f.amount(num(p["frame"])),
             f.amount(num(p["deviation"])), f.amount(num(p["carry_over"]))]
        }
        let total = dict(inv["total"])
        let classes = [rows.count: "total"]
        rows.append([t("Summa investeringar", "Total investments"), f.amount(num(total["spent_ytd"])), f.amount(num(total["forecast_net"])),
                     f.amount(num(total["frame"])), f.amount(num(total["deviation"])), f.amount(num(total["carry_over"]))])
        s += HTML.table(["", t("Utgifter hittills", "Spent to date"), t("Prognos netto", "Forecast net"), t("Investeringsram", "Frame"),
                         t("Avvikelse", "Deviation"), t("Ombudgetering", "Carry-over")], rows, classes: classes)
        let groups = list(inv["by_group"])
        if !groups.isEmpty {
            s += HTML.table([t("Grupp", "Group"), t("Utgifter hittills", "Spent to date"), t("Prognos netto", "Forecast net"),
                             t("Investeringsram", "Frame"), t("Avvikelse", "Deviation")],
                            groups.map { [text($0["group"]), f.amount(num($0["spent_ytd"])), f.amount(num($0["forecast_net"])),
                                          f.amount(num($0["frame"])), f.amount(num($0["deviation"]))] })
        }
        if let cc {
            s += "<h3>\(t("Kapitalkostnader: budget mot prognos", "Capital costs: budget against forecast"))</h3>"
            s += HTML.table([t("Enhet", "Unit"), "Budget", t("Prognos", "Forecast"), t("Avvikelse", "Deviation"),
                             t("varav aktivering", "of which timing"), t("varav utgifter", "of which spend"), t("varav ränta", "of which rate")],
                            list(cc["by_unit"]).map { u in
                                let split = dict(u["split"])
                                let id = u["unit"] as? String ?? ""
                                return [HTML.escape(unitNames[id] ?? id), f.amount(num(u["budget"])), f.amount(num(u["forecast"])), f.amount(num(u["deviation"])),
                                        f.amount(num(split["timing"])), f.amount(num(split["spend"])), f.amount(num(split["rate"]))]
                            })
            let budgetYears = list(cc["budget_years"]), forecastYears = list(cc["years"])
            if !forecastYears.isEmpty {
                let years = forecastYears.compactMap { int($0["year"]) }
                s += "<h3>\(t("Kapitalkostnad per år: budget och prognos", "Capital cost per year: budget and forecast"))</h3>"
                func total(_ list: [[String: Any]], _ year: Int) -> Double? { list.first { int($0["year"]) == year }.flatMap { num($0["total"]) } }
                s += SVGChart.lines(x: years.map(String.init), series: [
                    (t("Budget", "Budget"), years.map { total(budgetYears, $0) }),
                    (t("Prognos", "Forecast"), years.map { total(forecastYears, $0) }),
                ], format: { f.amount($0) }, caption: t("Kapitalkostnad per år: budget och prognos", "Capital cost per year: budget and forecast"))
            }
        }
        return s
    }

    static func treasury(_ tr: [String: Any], _ f: ReportFormat) -> String {
        let t = f.t
        var s = "<h2>\(t("Räntor och internbank", "Interest and the internal bank"))</h2>"
        let scenarios = list(tr["scenarios"])
        if let first = scenarios.first {
            let years = list(first["years"]).map { String(int($0["year"]) ?? 0) }
            s += "<h3>\(t("Räntekostnad per år och scenario", "Interest cost per year and scenario"))</h3>"
            s += SVGChart.lines(x: years, series: scenarios.map { sc in
                (sc["name"] as? String ?? "", list(sc["years"]).map { num($0["external_interest"]) })
            }, format: { f.amount($0) }, caption: t("Räntekostnad per scenario", "Interest cost per scenario"))
            let base = scenarios.first { ($0["name"] as? String) == (tr["base_scenario"] as? String) } ?? first
            s += "<h3>\(t("Basscenario", "Base scenario")): \(text(base["name"]))</h3>"
            s += HTML.table([t("År", "Year"), t("Extern räntekostnad", "External interest"), t("Intern ränteintäkt", "Internal income"),
                             t("varav marginal", "of which margin"), t("Kommunens netto", "Municipality net"), t("Genomsnittlig låneränta", "Average funding rate")],
                            list(base["years"]).map { y in
                                [String(int(y["year"]) ?? 0), f.amount(num(y["external_interest"])), f.amount(num(y["internal_income"])),
                                 f.amount(num(y["margin_income"])), f.amount(num(y["municipality_net"])), f.percent(num(y["average_funding_rate"]))]
                            })
        }
        if let sens = tr["sensitivity"] as? [String: Any] {
            s += "<h3>\(t("Räntekänslighet: +100 punkter", "Interest sensitivity: +100 bp"))</h3>"
            s += HTML.table([t("År", "Year"), t("Koncernen", "Group"), t("Kommunen", "Municipality"), t("Tumregel D × 1 %-enhet", "Rule of thumb D × 1 pp")],
                            list(sens["years"]).map { [String(int($0["year"]) ?? 0), f.amount(num($0["group"])), f.amount(num($0["municipality"])),
                                                       f.amount(num($0["rule_of_thumb"]))] })
        }
        let ladder = list(tr["maturity_ladder"])
        if !ladder.isEmpty {
            s += "<h3>\(t("Förfallostruktur (kapitalförfall per år)", "Maturity ladder (principal due per year)"))</h3>"
            s += SVGChart.columns(labels: ladder.map { String(int($0["year"]) ?? 0) }, values: ladder.map { num($0["principal"]) ?? 0 },
                                  format: { f.amount($0) }, caption: t("Kapitalförfall per år", "Principal due per year"))
        }
        let metrics = dict(tr["metrics"])
        let policy = list(tr["policy"])
        if let buckets = metrics["fixing_buckets"] as? [String: Any] {
            let keys = PolicySpecs.bucketKeys
            let atV = policy.filter { ($0["date"] as? String) == (metrics["date"] as? String) }
            let ranges: [(Double, Double)?] = keys.map { k in
                atV.first { ($0["rule"] as? String) == "fixing_buckets.\(k)" }.map { p in
                    let l = dict(p["limit"]); return (num(l["min"]) ?? 0, num(l["max"]) ?? 1)
                }
            }
            let values = keys.map { num(buckets[$0]) ?? 0 }
            let colors = keys.indices.map { i -> String in
                guard let r = ranges[i] else { return SVGChart.palette[0] }
                return values[i] >= r.0 - 1e-12 && values[i] <= r.1 + 1e-12 ? SVGChart.favourable : SVGChart.unfavourable
            }
            s += "<h3>\(t("Räntebindning per löptid mot finanspolicyns intervall", "Fixing buckets against the policy's ranges"))</h3>"
            s += SVGChart.columns(labels: keys.map { $0 + t(" år", " y") }, values: values, ranges: ranges, format: { f.percent($0, decimals: 0) },
                                  caption: t("Räntebindning", "Fixing buckets"), colors: colors)
        }
        if !metrics.isEmpty {
            let rows: [(String, String)] = [
                (t("Skuld", "Debt"), f.amount(num(metrics["debt"]))),
                (t("Genomsnittlig ränta", "Average rate"), f.percent(num(metrics["average_rate"]))),
                (t("Räntebindningstid", "Fixing period"), f.number(num(metrics["fixing_years"]), decimals: 2) + t(" år", " y")),
                (t("Kapitalbindningstid", "Capital maturity"), f.number(num(metrics["maturity_years"]), decimals: 2) + t(" år", " y")),
                (t("Kapitalförfall inom 12 mån", "Maturing within 12 months"), f.percent(num(metrics["share_maturing_12m"]), decimals: 1)),
                (t("Ränteförfall inom 12 mån", "Fixing within 12 months"), f.percent(num(metrics["share_fixing_12m"]), decimals: 1)),
                (t("Andel gröna lån", "Green share"), f.percent(num(metrics["green_share"]), decimals: 1)),
                (t("Derivatandel", "Derivative ratio"), f.percent(num(metrics["derivative_ratio"]), decimals: 1)),
                (t("Vidareutlåning", "On-lending"), f.amount(num(dict(metrics["internal_lending"])["total"]))),
            ]
            s += "<h3>\(t("Nyckeltal vid värderingsdagen", "Metrics at the valuation date")) \(text(metrics["date"]))</h3>"
            s += HTML.table([t("Nyckeltal", "Metric"), t("Värde", "Value")], rows.map { [$0.0, $0.1] })
        }
        if !policy.isEmpty { s += policyTables(policy, valuationDate: metrics["date"] as? String, f) }
        if let b = tr["balance"] as? [String: Any] {
            s += "<h3>\(t("Soliditet före och efter internbanken", "Equity ratio before and after the internal bank"))</h3>"
            s += HTML.table(["", t("Före", "Before"), t("Efter", "After")], [
                [t("Soliditet", "Equity ratio"), f.percent(num(b["soliditet_before"]), decimals: 1), f.percent(num(b["soliditet_after"]), decimals: 1)],
                [t("inkl. pensionsförpliktelser", "incl. pension commitments"), f.percent(num(b["soliditet_incl_pensions_before"]), decimals: 1),
                 f.percent(num(b["soliditet_incl_pensions_after"]), decimals: 1)],
            ])
        }
        return s
    }

    /// Finance-policy verdicts: the valuation date in full (rule, value, limit, verdict),
    /// then the year-ends as one matrix (a rule per row, a year per column, breaches in red).
    static func policyTables(_ policy: [[String: Any]], valuationDate: String?, _ f: ReportFormat) -> String {
        let t = f.t
        var rules: [String] = []
        for p in policy { if let r = p["rule"] as? String, !rules.contains(r) { rules.append(r) } }
        var dates: [String] = []
        for p in policy { if let d = p["date"] as? String, !dates.contains(d) { dates.append(d) } }
        let v = valuationDate ?? dates.first ?? ""
        func entry(_ rule: String, _ date: String) -> [String: Any]? {
            policy.first { ($0["rule"] as? String) == rule && ($0["date"] as? String) == date }
        }
        func show(_ rule: String, _ x: Double?) -> String {
            PolicySpecs.yearRules.contains(rule) ? f.number(x, decimals: 2) : f.percent(x, decimals: 1)
        }
        func limit(_ rule: String, _ p: [String: Any]) -> String {
            let l = dict(p["limit"])
            return [num(l["min"]).map { "≥ " + show(rule, $0) }, num(l["max"]).map { "≤ " + show(rule, $0) }]
                .compactMap { $0 }.joined(separator: ", ")
        }
        var s = "<h3>\(t("Finanspolicy vid värderingsdagen", "Finance policy at the valuation date")) \(HTML.escape(v))</h3>"
        s += HTML.table([t("Regel", "Rule"), t("Värde", "Value"), t("Gräns", "Limit"), t("Bedömning", "Verdict")],
                        rules.compactMap { rule in
                            entry(rule, v).map { p in
                                let ok = bool(p["ok"]) ?? false
                                return [ruleLabel(rule, f), show(rule, num(p["value"])), limit(rule, p),
                                        ok ? "<span class=\"good\">\(t("inom", "within"))</span>" : "<span class=\"bad\">\(t("BRYTS", "BREACH"))</span>"]
                            }
                        })
        let later = dates.filter { $0 != v }
        if !later.isEmpty {
            let breaches = policy.filter { ($0["date"] as? String) != v && bool($0["ok"]) == false }.count
            s += "<h3>\(t("Finanspolicy vid årsskiften (prognos, basscenario)", "Finance policy at year-ends (projection, base scenario)"))</h3>"
            s += "<p class=\"meta\">\(breaches == 0 ? t("Inga gränser bryts.", "No limit is broken.") : t("\(breaches) gränsbrott, markerade i rött.", "\(breaches) breaches, marked in red."))</p>"
            s += "<div class=\"matrix\">" + HTML.table([t("Regel", "Rule"), t("Gräns", "Limit")] + later.map { HTML.escape(String($0.prefix(4))) },
                            rules.map { rule in
                                let any = later.lazy.compactMap { entry(rule, $0) }.first
                                return [ruleLabel(rule, f), any.map { limit(rule, $0) } ?? ""] + later.map { d in
                                    guard let p = entry(rule, d) else { return "" }
                                    let value = show(rule, num(p["value"]))
                                    return bool(p["ok"]) == false ? "<span class=\"bad\">\(value)</span>" : value
                                }
                            }) + "</div>"
        }
        return s
    }

    /// The finance policy's rule in words (the JSON key is kept in the English report).
    static func ruleLabel(_ rule: String, _ f: ReportFormat) -> String {
        let t = f.t
        if rule.hasPrefix("fixing_buckets.") {
            let bucket = String(rule.dropFirst("fixing_buckets.".count))
            return HTML.escape(t("Räntebindning \(bucket) år", "Fixing \(bucket) y"))
        }
        switch rule {
        case "fixing_years": return t("Räntebindningstid, år", "Fixing period, years")
        case "maturity_years": return t("Kapitalbindningstid, år", "Capital maturity, years")
        case "max_single_fixing_years": return t("Längsta räntebindning, år", "Longest single fixing, years")
        case "share_maturing_12m": return t("Kapitalförfall inom 12 mån", "Maturing within 12 months")
        case "share_fixing_12m": return t("Ränteförfall inom 12 mån", "Fixing within 12 months")
        case "derivative_ratio": return t("Derivatandel", "Derivative ratio")
        case "swaps_within_floating": return t("Swappar i förhållande till rörlig skuld", "Swaps against floating debt")
        case "green_share": return t("Andel gröna lån", "Green share")
        default: return HTML.escape(rule)
        }
    }

    /// Goal follow-up: per goal area a table in the report's layout, with a status mark
    /// and a small trend line (three or more values) per indicator when assessed.
    static func indicators(_ ind: [String: Any], _ f: ReportFormat) -> String {
        let t = f.t
        let g = IndicatorFormat(lang: f.lang, html: true)
        let assess = bool(ind["assess"]) ?? true
        var s = "<h2>\(t("Nämndmål och nämndindikatorer", "Board goals and indicators"))</h2>"
        if !assess {
            s += "<p class=\"meta\">\(t("Ingen bedömning av måluppfyllelse görs i denna rapport.", "No assessment of goal attainment in this report."))</p>"
        }
        for area in list(ind["areas"]) {
            let periods = (area["periods"] as? [Any])?.compactMap { $0 as? String } ?? []
            s += "<h3>\(t("Målområde", "Goal area")): \(text(area["name"]))"
                + ((area["goal"] as? String).map { " · " + HTML.escape($0) } ?? "") + "</h3>"
            var headers = [t("Nämndmål / Nämndindikator", "Board goal / indicator")] + periods.map(HTML.escape)
            headers.append(t("Önskad riktning/värde", "Desired direction/value"))
            if assess { headers += [t("Status", "Status"), t("Trend", "Trend")] }
            var rows: [[String]] = [], classes: [Int: String] = [:]
            var notes: [String] = []
            for goal in list(area["board_goals"]) {
                classes[rows.count] = "goal"
                rows.append(["<strong>\(text(goal["name"]))</strong>"])
                let indicators = list(goal["indicators"])
                if indicators.isEmpty {
                    rows.append(["&nbsp;&nbsp;<em>\(t("Ingen nämndindikator", "No indicator"))</em>"])
                }
                for i in indicators {
                    let values = dict(i["values"]), decimals = dict(i["decimals"])
                    let series = periods.map { p -> IndicatorValue? in
                        guard let raw = values[p] else { return nil }
                        if raw is NSNull { return IndicatorValue(value: nil, refersTo: nil, decimals: 0) }   // I.U.
                        return IndicatorValue(value: num(raw), refersTo: int(dict(i["refers_to"])[p]), decimals: int(decimals[p]) ?? 0)
                    }
                    let unit = i["unit"] as? String
                    var row = ["&nbsp;&nbsp;" + text(i["name"])] + series.map { g.value($0) }
                    row.append(HTML.escape(g.target(IndicatorTarget(json: dict(i["target"])), unit: unit, decimals: int(i["target_decimals"]) ?? 0)))
                    if assess {
                        let status = i["status"] as? String ?? ""
                        let (mark, cls) = status == "met" ? ("✓", "good") : status == "not_met" ? ("✗", "bad") : status == "no_data" ? ("–", "meta") : ("", "meta")
                        let label = IndicatorStatus(rawValue: status).map(g.status) ?? ""
                        row.append("<span class=\"\(cls)\" title=\"\(label)\">\(mark)</span> \(label)")
                        let points = series.compactMap { $0?.value }
                        let trend = IndicatorTrend(rawValue: i["trend"] as? String ?? "")
                        row.append((points.count >= 3 ? SVGChart.sparkline(points, color: cls == "bad" ? SVGChart.unfavourable : cls == "good" ? SVGChart.favourable : "#777") + " " : "")
                                   + g.trend(trend))
                    }
                    rows.append(row)
                    let breakdownDecimals = dict(i["breakdown_decimals"])
                    for b in dict(i["breakdown"]).sorted(by: { $0.key < $1.key }) {
                        let bv = dict(b.value), bd = dict(breakdownDecimals[b.key])
                        rows.append(["&nbsp;&nbsp;&nbsp;&nbsp;" + HTML.escape(b.key)] + periods.map { p in
                            guard let raw = bv[p] else { return "" }
                            return raw is NSNull ? g.value(IndicatorValue(value: nil, refersTo: nil, decimals: 0))
                                                 : g.value(IndicatorValue(value: num(raw), refersTo: nil, decimals: int(bd[p]) ?? 0))
                        } + Array(repeating: "", count: headers.count - 1 - periods.count))
                    }
                    if let note = i["note"] as? String { notes.append("\(text(i["name"])): \(HTML.escape(note))") }
                }
                if assess, let sum = goal["summary"] as? [String: Any] {
                    classes[rows.count] = "sub"
                    rows.append([t("Summering: \(int(sum["met"]) ?? 0) uppfyllda, \(int(sum["not_met"]) ?? 0) ej uppfyllda, \(int(sum["no_data"]) ?? 0) utan uppgift, \(int(sum["no_target"]) ?? 0) utan mål",
                                   "Summary: \(int(sum["met"]) ?? 0) met, \(int(sum["not_met"]) ?? 0) not met, \(int(sum["no_data"]) ?? 0) no data, \(int(sum["no_target"]) ?? 0) no target")])
                }
            }
            s += "<div class=\"indicators\">" + HTML.table(headers, rows, classes: classes) + "</div>"
            if !notes.isEmpty { s += "<ul class=\"notes\">" + notes.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        }
        return s
    }

    static func simulation(_ sim: [String: Any], _ tr: [String: Any]?, _ f: ReportFormat) -> String {
        let t = f.t
        var s = "<h2>\(t("Simulering och Cost-at-Risk", "Simulation and Cost-at-Risk"))</h2>"
        s += "<p class=\"meta\">\(text(sim["model"])), \(int(sim["paths"]) ?? 0) \(t("banor", "paths")), \(t("frö", "seed")) \(int(sim["seed"]) ?? 0)</p>"
        let years = list(sim["years"])
        let ext = years.map { dict($0["external_interest"]) }
        if !ext.isEmpty {
            let bands = ext.map { (num($0["p05"]) ?? 0, num($0["p25"]) ?? 0, num($0["p50"]) ?? 0, num($0["p75"]) ?? 0, num($0["p95"]) ?? 0) }
            let markers = ext.enumerated().compactMap { i, e -> (Int, Double, String)? in
                guard let p95 = num(e["p95"]), let car = num(e["car95"]) else { return nil }
                return i % 3 == 0 ? (i, p95, "CaR95 " + f.amount(car)) : nil
            }
            s += "<h3>\(t("Räntekostnad per år: P05–P95, P25–P75 och median", "Interest cost per year: P05–P95, P25–P75 and median"))</h3>"
            s += SVGChart.fan(x: years.map { String(int($0["year"]) ?? 0) }, bands: bands, format: { f.amount($0) },
                              caption: t("Räntekostnad, solfjäder", "Interest cost fan"), markers: markers)
            s += "<p class=\"meta\">\(t("Röda punkter: P95 var tredje år, märkt med CaR95 = P95 − medelvärdet. P(över budget) där budget för räntekostnaden finns.", "Red points: P95 every third year, labelled with CaR95 = P95 − mean. P(over budget) where an interest budget is given."))</p>"
            s += HTML.table([t("År", "Year"), t("Medel", "Mean"), "P05", "P50", "P95", "CaR95", "CaR99", "ES95", t("P(över budget)", "P(over budget)")],
                            zip(years, ext).map { y, e in
                                [String(int(y["year"]) ?? 0), f.amount(num(e["mean"])), f.amount(num(e["p05"])), f.amount(num(e["p50"])),
                                 f.amount(num(e["p95"])), f.amount(num(e["car95"])), f.amount(num(e["car99"])), f.amount(num(e["es95"])),
                                 num(e["prob_over_budget"]).map { f.percent($0, decimals: 1) } ?? "–"]
                            })
        }
        let bands = list(sim["bands"])
        if !bands.isEmpty {
            let st = bands.map { dict($0["stibor"]) }
            s += "<h3>\(t("STIBOR 3M per månad: P05–P95, P25–P75 och median", "STIBOR 3M by month: P05–P95, P25–P75 and median"))</h3>"
            s += SVGChart.fan(x: bands.map { String(($0["date"] as? String ?? "").prefix(7)) },
                              bands: st.map { (num($0["p05"]) ?? 0, num($0["p25"]) ?? 0, num($0["p50"]) ?? 0, num($0["p75"]) ?? 0, num($0["p95"]) ?? 0) },
                              format: { f.percent($0, decimals: 1) }, caption: "STIBOR 3M", labelEvery: 12)
        }
        return s
    }

    static func notes(_ json: [String: Any], _ f: ReportFormat) -> String {
        let t = f.t
        var items: [String] = []
        for section in ["operating", "treasury", "investments", "simulation", "indicators"] {
            items += (dict(json[section])["assumptions"] as? [String] ?? []).map(HTML.escape)
        }
        let warnings = (json["warnings"] as? [String] ?? []).map(HTML.escape)
        guard !warnings.isEmpty || !items.isEmpty else { return "" }
        var s = "<h2>\(t("Antaganden och anmärkningar", "Assumptions and notes"))</h2>"
        if !warnings.isEmpty { s += "<h3>\(t("Varningar", "Warnings"))</h3><ul>" + warnings.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        if !items.isEmpty { s += "<h3>\(t("Antaganden", "Assumptions"))</h3><ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        return s
    }
}
