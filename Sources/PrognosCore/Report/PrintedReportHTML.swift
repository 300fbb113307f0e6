import Foundation

/// The HTML report's parts of "Real reports as printed": the reconciliation-error and what-if
/// banners, the budget lineage, the gross lines per unit, the row checks and "Analys och kommentar".
enum PrintedReportHTML {
    static func banners(_ o: OperatingResult, _ f: ReportFormat) -> String {
        let P = AsPrintedLabels(lang: f.lang)
        var s = ""
        if o.reconciliationErrorCount > 0 { s += "<p class=\"meta\"><strong>\(HTML.escape(P.errorBanner(o.reconciliationErrorCount)))</strong></p>" }
        if o.overriddenCount > 0 { s += "<p class=\"meta\"><strong>\(HTML.escape(P.overriddenBanner(o.overriddenCount)))</strong></p>" }
        return s
    }

    static func afterStatement(_ o: OperatingResult, _ f: ReportFormat) -> String {
        let P = AsPrintedLabels(lang: f.lang), L = OperatingLabels(lang: f.lang)
        var s = ""
        if o.printsNetCostNegative { s += "<p class=\"meta\">\(HTML.escape(P.signNote))</p>" }
        if o.units.contains(where: { $0.printed.blank != nil }) { s += "<p class=\"meta\">\(HTML.escape(P.blankNote))</p>" }
        func indent(_ u: OperatingResult.Unit, _ depth: Int) -> String {
            String(repeating: "&nbsp;&nbsp;&nbsp;", count: depth) + HTML.escape(u.name)
        }
        if o.hasBudgetLineage {
            s += "<h3>\(HTML.escape(SectionLabel.oneLine(P.originalBudget) + ", " + SectionLabel.oneLine(P.budgetChanges) + ", Budget"))</h3>"
            let rows = o.treeOrdered(o.units).map { u, depth -> [String] in
                let l = u.printed.budgetLineage
                let budget = o.shownFigures(u).budget   // a parent: the printed subtotal (rule O14)
                return [indent(u, depth), f.amount(l?.original ?? budget),
                        l.map { f.amount($0.changes.reduce(0.0) { $0 + ($1.amount ?? 0) }) } ?? "",
                        f.amount(budget),
                        HTML.escape(l?.changes.compactMap(\.note).joined(separator: "; ") ?? "")]
            }
            s += HTML.table(["", SectionLabel.oneLine(P.originalBudget), SectionLabel.oneLine(P.budgetChanges), "Budget",
                             f.lang == .sv ? "Anmärkning" : "Note"], rows, text: [4])
        }
        let withGross = o.treeOrdered(o.unitsWithGross)
        if !withGross.isEmpty {
            let columns = UnitGross.columns.filter { c in
                withGross.contains { $0.unit.printed.gross?.costs[c.rawValue] != nil || $0.unit.printed.gross?.income[c.rawValue] != nil }
            }
            var rows: [[String]] = []
            var stale = false
            /// A printed gross figure, marked "‡" where a what-if broke its unit's check (`WhatIfMarks`).
            func cell(_ figure: Double??, _ u: OperatingResult.Unit, _ c: TotalColumn) -> String {
                guard let v = figure else { return "" }   // no such column for the unit (a printed blank is nil inside)
                guard case .marked(_, let m) = o.whatIfGrossCell(.amount(v), unit: u.id, c) else { return f.amount(v) }
                stale = true
                return f.amount(v) + "&nbsp;" + HTML.escape(m)
            }
            for (u, depth) in withGross {
                guard let g = u.printed.gross else { continue }
                rows.append([indent(u, depth) + ", " + P.costs] + columns.map { c in cell(g.costs[c.rawValue], u, c) })
                rows.append([indent(u, depth) + ", " + P.income] + columns.map { c in cell(g.income[c.rawValue], u, c) })
            }
            s += "<h3>\(HTML.escape(P.grossTitle))</h3>"
            s += HTML.table([P.unit] + columns.map { HTML.escape(L.columnName($0)) }, rows)
            if stale { s += "<p class=\"meta\">\(HTML.escape(WhatIfLabels(lang: f.lang).staleNote))</p>" }
        }
        if !o.reconciliation.isEmpty {
            let names = o.unitNames, parents = Set(o.units.compactMap(\.parent))
            s += "<h3>\(HTML.escape(L.reconciliationTitle))</h3><ul>"
            for r in o.reconciliation {
                let line = r.unit == nil && OperatingStatement.isGrossCheck(r.column) ? WhatIfLabels(lang: f.lang).grossLine(r, f.unit)
                    : r.unit == nil ? L.reconciliationLine(r, f.unit) : P.line(r, names: names, parents: parents, unit: f.unit, L)
                s += "<li>\(HTML.escape(line))</li>"
            }
            s += "</ul>"
        }
        let commented = o.treeOrdered(o.units).filter { $0.unit.printed.comment != nil }
        if o.comment != nil || !commented.isEmpty {
            s += "<h3>\(HTML.escape(P.commentTitle))</h3>"
            if let c = o.comment?.value { s += "<p>\(HTML.escape(c))</p>" }
            for (u, _) in commented {
                s += "<p><strong>\(HTML.escape(u.name))</strong>: \(HTML.escape(u.printed.comment?.value ?? ""))</p>"
            }
        }
        return s
    }
}
