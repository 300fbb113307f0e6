import Foundation

/// The frontier's labels, Swedish and English side by side (as `SectionLabels.swift`).
struct FrontierLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var title: String { sv ? "Lånestrategi: kostnad mot risk" : "Borrowing strategy: cost against risk" }
    func run(series: String, years: [Int], mixes: Int, paths: Int, seed: UInt64) -> String {
        let s = series == "municipality_net" ? (sv ? "kommunens räntenetto" : "the municipality's net interest")
            : (sv ? "extern räntekostnad" : "external interest cost")
        let y = years.count > 1 ? "\(years.first!)–\(years.last!)" : "\(years[0])"
        return sv ? "Summa \(s) \(y): \(mixes) mixar på samma \(paths) banor (frö \(seed))"
                  : "Sum of \(s) \(y): \(mixes) mixes on the same \(paths) paths (seed \(seed))"
    }
    func candidate(_ tenor: String, _ type: String) -> String {
        "\(tenor) " + (type == "fixed" ? (sv ? "fast" : "fixed") : (sv ? "rörlig" : "floating"))
    }
    var mix: String { sv ? "Mix" : "Mix" }
    var mean: String { sv ? "Medel" : "Mean" }
    var policy: String { sv ? "Policy" : "Policy" }
    var mark: String { sv ? "Not" : "Note" }
    var ok: String { sv ? "inom" : "inside" }
    var breach: String { sv ? "brott" : "breach" }
    var recommended: String { sv ? "Rekommenderad" : "Recommended" }
    var current: String { sv ? "Nuvarande" : "Current" }
    var frontierTitle: String { sv ? "Fronten (ej dominerade tillåtna mixar, stigande CaR95)" : "The frontier (non-dominated feasible mixes, by ascending CaR95)" }
    var chosenTitle: String { sv ? "Rekommenderad och nuvarande mix" : "Recommended and current mix" }
    func counts(feasible: Int, total: Int, frontier: Int) -> String {
        sv ? "\(feasible) av \(total) mixar tillåtna (policy och risktak), \(frontier) på fronten."
           : "\(feasible) of \(total) mixes feasible (policy and risk limit), \(frontier) on the frontier."
    }
    func limit(_ car: String) -> String { sv ? "Risktak: CaR95 högst \(car)." : "Risk limit: CaR95 at most \(car)." }
    var noFeasible: String { sv ? "Ingen mix är tillåten: ingen rekommendation." : "No mix is feasible: no recommendation." }
    func left(mean: String?, car: String?) -> String {
        var parts: [String] = []
        if let mean { parts.append(sv ? "\(mean) i förväntad kostnad vid samma eller lägre CaR95" : "\(mean) of expected cost at the same or a lower CaR95") }
        if let car { parts.append(sv ? "\(car) i CaR95 vid samma eller lägre förväntad kostnad" : "\(car) of CaR95 at the same or a lower expected cost") }
        if parts.isEmpty { return sv ? "Ingen mix på fronten är lika bra i både kostnad och risk som den nuvarande." : "No frontier mix matches the current mix in both cost and risk." }
        return (sv ? "Den nuvarande mixen lämnar " : "The current mix leaves ") + parts.joined(separator: sv ? " och " : " and ") + (sv ? " på bordet." : " on the table.")
    }
    var onGrid: String { sv ? "på rutnätet" : "on the grid" }
    var offGrid: String { sv ? "utanför rutnätet" : "off the grid" }
    var scatterTitle: String { sv ? "Förväntad kostnad mot CaR95, varje mix" : "Expected cost against CaR95, every mix" }
    var scatterNote: String {
        sv ? "Blå: tillåten, grå: ej tillåten (policy eller risktak); linjen är fronten; ruta: rekommenderad; triangel: nuvarande."
           : "Blue: feasible, grey: infeasible (policy or risk limit); the line is the frontier; square: recommended; triangle: current."
    }
    var xAxis: String { "CaR95" }
    var yAxis: String { sv ? "Medelkostnad" : "Mean cost" }
    func yearTitle(_ unit: AmountUnit) -> String { sv ? "Per år, belopp \(unit.rawValue)" : "By year, amounts in \(unit.rawValue)" }
    var year: String { sv ? "År" : "Year" }
}

extension FrontierResult {
    /// The columns of a mix row: a share per candidate, then mean, P95, CaR95, ES95, policy.
    fileprivate func row(_ m: Mix, _ n: NumberStyle, _ L: FrontierLabels) -> [String] {
        candidates.map { n.percent(m.shares[$0.key] ?? 0, decimals: 0) }
            + [n.amount(m.mean), n.amount(m.p95), n.amount(m.car95), n.amount(m.es95),
               m.policyOK.map { $0 ? L.ok : L.breach } ?? "–"]
    }
    fileprivate func headers(_ L: FrontierLabels) -> [String] {
        candidates.map { L.candidate($0.tenor, $0.type) } + [L.mean, "P95", "CaR95", "ES95", L.policy]
    }
    fileprivate func currentShares(_ L: FrontierLabels, _ n: NumberStyle) -> String {
        current.mix.shares.keys.sorted().map { k in
            let parts = k.split(separator: " ").map(String.init)
            return L.candidate(parts[0], parts.count > 1 ? parts[1] : "") + " " + n.percent(current.mix.shares[k], decimals: 0)
        }.joined(separator: ", ")
    }
}

/// The frontier as printed tables (text, people's CSV, workbook).
enum FrontierTable {
    static func render(_ r: FrontierResult, unit: AmountUnit, lang: Language) -> String {
        PrintedText.render(section(r, unit: unit, lang: lang), NumberStyle(lang: lang, unit: unit, html: false))
    }

    static func section(_ r: FrontierResult, unit: AmountUnit, lang: Language) -> PrintedSection {
        let n = NumberStyle(lang: lang, unit: unit, html: false), L = FrontierLabels(lang: lang)
        func cells(_ m: FrontierResult.Mix) -> [PrintedCell] {
            r.candidates.map { PrintedCell.percent(m.shares[$0.key] ?? 0, decimals: 0) }
                + [.amount(m.mean), .amount(m.p95), .amount(m.car95), .amount(m.es95), .text(m.policyOK.map { $0 ? L.ok : L.breach } ?? "–")]
        }
        var blocks: [PrintedBlock] = [.lines([L.title, L.run(series: r.series, years: r.years, mixes: r.mixes.count, paths: r.paths, seed: r.seed)])]
        var t = PrintedTable(title: r.frontierTitle(L), sheet: lang == .sv ? "Fronten" : "Frontier", headers: r.headers(L) + [L.mark])
        for i in r.frontier { t.add(cells(r.mixes[i]) + [.text(i == r.recommended ? L.recommended : "")]) }
        blocks.append(.table(t))
        var c = PrintedTable(title: L.chosenTitle, sheet: lang == .sv ? "Rekommenderad och nuvarande" : "Recommended and current",
                             headers: [L.mix] + r.headers(L))
        if let rec = r.recommended { c.add([.text(L.recommended)] + cells(r.mixes[rec])) }
        c.add([.text(L.current)] + cells(r.current.mix))
        c.notes.append("\(L.current): \(r.currentShares(L, n)) (\(r.current.gridIndex == nil ? L.offGrid : L.onGrid))")
        c.notes.append(L.counts(feasible: r.mixes.filter(\.feasible).count, total: r.mixes.count, frontier: r.frontier.count))
        if let limit = r.car95Limit { c.notes.append(L.limit(n.amount(limit))) }
        c.notes.append(r.recommended == nil ? L.noFeasible : L.left(mean: r.current.meanLeft.map { n.amount($0) }, car: r.current.car95Left.map { n.amount($0) }))
        blocks.append(.table(c))
        blocks.append(.assumptions(r.assumptions))
        return PrintedSection(title: L.title, blocks: blocks)
    }
}

extension FrontierResult {
    fileprivate func frontierTitle(_ L: FrontierLabels) -> String { L.frontierTitle }
}

/// The frontier as CSV: one row per mix (and the current mix), machine figures.
enum FrontierCSV {
    static func render(_ r: FrontierResult, dialect: CSVDialect) throws -> String {
        try CSVOutput.write(dialect) { writer in
            let shareColumns = r.candidates.map { "share_\($0.tenor)_\($0.type)" }
            try writer.write(row: ["mix"] + shareColumns + ["mean", "p95", "car95", "es95", "feasible", "policy_ok", "risk_ok", "dominated", "frontier", "recommended"])
            let m = { (v: Double?) in Format.machine(v, decimalComma: dialect.decimalComma) }
            let onFrontier = Set(r.frontier)
            func b(_ v: Bool?) -> String { v.map { $0 ? "true" : "false" } ?? "" }
            func row(_ id: String, _ x: FrontierResult.Mix, frontier: Bool, recommended: Bool) -> [String] {
                [id] + r.candidates.map { m(x.shares[$0.key] ?? 0) } + [m(x.mean), m(x.p95), m(x.car95), m(x.es95), b(x.feasible),
                 b(x.policyOK), b(x.riskOK), b(x.dominated), b(frontier), b(recommended)]
            }
            for (i, x) in r.mixes.enumerated() {
                try writer.write(row: row(String(i), x, frontier: onFrontier.contains(i), recommended: i == r.recommended))
            }
            try writer.write(row: row("current", r.current.mix, frontier: false, recommended: false))
        }
    }
}

/// The frontier in the HTML report: the scatter of mean against CaR95 and the tables.
enum FrontierReport {
    static func html(_ r: FrontierResult, _ f: ReportFormat) -> String {
        let L = FrontierLabels(lang: f.lang)
        var s = "<h2>\(L.title)</h2>"
        s += "<p class=\"meta\">\(HTML.escape(L.run(series: r.series, years: r.years, mixes: r.mixes.count, paths: r.paths, seed: r.seed)))</p>"
        s += "<h3>\(L.scatterTitle)</h3>" + scatter(r, f, L)
        s += "<p class=\"meta\">\(HTML.escape(L.scatterNote))</p>"
        s += "<h3>\(HTML.escape(L.frontierTitle))</h3>"
        s += HTML.table(r.headers(L).map { HTML.escape($0) } + [L.mark], r.frontier.map { i in
            r.row(r.mixes[i], f, L).map { HTML.escape($0) } + [i == r.recommended ? L.recommended : ""]
        }, numericFrom: 0, text: [r.candidates.count + 4, r.candidates.count + 5])
        s += "<h3>\(L.chosenTitle)</h3>"
        var rows: [[String]] = []
        if let rec = r.recommended { rows.append([L.recommended] + r.row(r.mixes[rec], f, L).map { HTML.escape($0) }) }
        let cur = r.current.mix
        rows.append([L.current] + (r.candidates.map { f.percent(cur.shares[$0.key] ?? 0, decimals: 0) }
            + [f.amount(cur.mean), f.amount(cur.p95), f.amount(cur.car95), f.amount(cur.es95), cur.policyOK.map { $0 ? L.ok : L.breach } ?? "–"]).map { HTML.escape($0) })
        s += HTML.table([L.mix] + r.headers(L).map { HTML.escape($0) }, rows, text: [r.candidates.count + 5])
        var notes = ["\(L.current): \(r.currentShares(L, f)) (\(r.current.gridIndex == nil ? L.offGrid : L.onGrid))",
                     L.counts(feasible: r.mixes.filter(\.feasible).count, total: r.mixes.count, frontier: r.frontier.count)]
        if let limit = r.car95Limit { notes.append(L.limit(f.amount(limit))) }
        notes.append(r.recommended == nil ? L.noFeasible : L.left(mean: r.current.meanLeft.map { f.amount($0) }, car: r.current.car95Left.map { f.amount($0) }))
        s += "<ul>" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        return s
    }

    /// Every mix as a point (CaR95 across, mean up), the frontier as a line, the recommended
    /// (square) and current (triangle) mixes marked.
    static func scatter(_ r: FrontierResult, _ fm: ReportFormat, _ L: FrontierLabels) -> String {
        let points = r.mixes.compactMap { m -> (Double, Double, Bool)? in
            guard let c = m.car95, let mean = m.mean else { return nil }
            return (c, mean, m.feasible)
        }
        let cur = r.current.mix
        var all = points.map { ($0.0, $0.1) }
        if let c = cur.car95, let m = cur.mean { all.append((c, m)) }
        guard !all.isEmpty else { return "" }
        let width = 720.0, height = 360.0, left = 80.0, right = 20.0, top = 20.0, bottom = 50.0
        let xAxis = SVGChart.ticks(all.map(\.0).min()!, all.map(\.0).max()!), yAxis = SVGChart.ticks(all.map(\.1).min()!, all.map(\.1).max()!)
        let xa = xAxis.first!, xb = xAxis.last!, ya = yAxis.first!, yb = yAxis.last!
        func x(_ v: Double) -> Double { left + (v - xa) / (xb - xa) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (yb - v) / (yb - ya) * (height - top - bottom) }
        let f = SVGChart.f
        var s = SVGChart.open(width, height, caption: L.scatterTitle)
        s += SVGChart.valueGrid(yAxis, left: left, right: width - right, y: y, format: { fm.amount($0) })
        for t in xAxis {
            s += "<line x1=\"\(f(x(t)))\" y1=\"\(f(top))\" x2=\"\(f(x(t)))\" y2=\"\(f(height - bottom))\" stroke=\"#f0f0f0\"/>"
            s += SVGChart.text(x(t), height - bottom + 16, fm.amount(t), size: 10, color: "#555")
        }
        s += SVGChart.text((left + width - right) / 2, height - 8, L.xAxis, size: 11)
        s += SVGChart.text(14, top + 4, L.yAxis, anchor: "start", size: 11)
        for p in points where !p.2 {
            s += "<circle class=\"infeasible\" cx=\"\(f(x(p.0)))\" cy=\"\(f(y(p.1)))\" r=\"2.5\" fill=\"#bbbbbb\"/>"
        }
        for p in points where p.2 {
            s += "<circle class=\"feasible\" cx=\"\(f(x(p.0)))\" cy=\"\(f(y(p.1)))\" r=\"2.5\" fill=\"\(SVGChart.palette[0])\"/>"
        }
        let line = r.frontier.compactMap { i -> String? in
            guard let c = r.mixes[i].car95, let m = r.mixes[i].mean else { return nil }
            return "\(f(x(c))),\(f(y(m)))"
        }
        if !line.isEmpty {
            s += "<polyline class=\"frontier\" points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVGChart.palette[1])\" stroke-width=\"2\"/>"
        }
        if let rec = r.recommended, let c = r.mixes[rec].car95, let m = r.mixes[rec].mean {
            s += "<rect class=\"recommended\" x=\"\(f(x(c) - 5))\" y=\"\(f(y(m) - 5))\" width=\"10\" height=\"10\" fill=\"none\" stroke=\"\(SVGChart.favourable)\" stroke-width=\"2\"/>"
            s += SVGChart.text(x(c) + 8, y(m) - 6, L.recommended, anchor: "start", size: 10, color: SVGChart.favourable)
        }
        if let c = cur.car95, let m = cur.mean {
            let cx = x(c), cy = y(m)
            s += "<polygon class=\"current\" points=\"\(f(cx)),\(f(cy - 6)) \(f(cx - 6)),\(f(cy + 5)) \(f(cx + 6)),\(f(cy + 5))\" fill=\"\(SVGChart.unfavourable)\"/>"
            s += SVGChart.text(cx + 8, cy + 12, L.current, anchor: "start", size: 10, color: SVGChart.unfavourable)
        }
        return s + "</svg>"
    }
}
