import Foundation

/// What every view of the operating statement shares for "Real reports as printed": the file's
/// sign convention (rule O13), the unit tree as the report prints it, printed row deviations and
/// the marks of reconciliation errors and what-if overrides.
extension OperatingResult {
    /// True when the file's report prints net costs negative.
    var printsNetCostNegative: Bool { signConvention?.value == SignConvention.netCostNegative.rawValue }

    /// The document in the file's convention, for tables, CSV and the HTML report: every
    /// net-cost amount negated under `net_cost_negative`; deviations (favourable-positive in
    /// both conventions) and result units as they are (rule O13). JSON is never converted.
    public func asPrinted() -> OperatingResult {
        guard printsNetCostNegative else { return self }
        var o = self
        func neg(_ x: Double?) -> Double? { x.map { $0 == 0 ? 0 : -$0 } }
        func flip(_ f: Figures) -> Figures {
            var g = f
            g.actualYTD = neg(f.actualYTD); g.budgetYTD = neg(f.budgetYTD); g.actualYTDPrior = neg(f.actualYTDPrior)
            g.forecast = neg(f.forecast); g.budget = neg(f.budget); g.outcomePrior = neg(f.outcomePrior)
            return g
        }
        func flip(_ b: Band?) -> Band? { b.map { Band(p10: neg($0.p90), p50: neg($0.p50), p90: neg($0.p10)) } }
        for i in o.units.indices where o.units[i].reportedAs == ReportedAs.netCost.rawValue {
            var u = o.units[i]
            u.figures = flip(u.figures)
            u.methodValue = neg(u.methodValue)
            u.methods = u.methods.mapValues { neg($0) }
            u.adjustments = u.adjustments.map { Adjustment(amount: neg($0.amount), note: $0.note) }
            u.band = flip(u.band)
            if let g = u.printed.gross {
                u.printed.gross = UnitGrossLine(costs: g.costs.mapValues { neg($0) }, income: g.income.mapValues { neg($0) })
            }
            if let l = u.printed.budgetLineage {
                u.printed.budgetLineage = Lineage(original: neg(l.original),
                                                  changes: l.changes.map { .init(amount: neg($0.amount), note: $0.note, decided: $0.decided) },
                                                  printed: neg(l.printed))
            }
            if let p = u.printed.printedSubtotals {
                u.printed.printedSubtotals = Present(Dictionary(uniqueKeysWithValues: p.value.map { k, v in
                    (k, k == "deviation" || k == "deviation_ytd" ? v : neg(v))
                }))
            }
            o.units[i] = u
        }
        o.total.figures = flip(o.total.figures)
        o.total.band = flip(o.total.band)
        o.total.bandIndependent = flip(o.total.bandIndependent)
        if let g = o.gross {
            func part(_ p: GrossPart) -> GrossPart {
                GrossPart(forecast: neg(p.forecast), budget: neg(p.budget), deviation: p.deviation, outcomePrior: neg(p.outcomePrior))
            }
            o.gross = Gross(costs: part(g.costs), income: part(g.income))
        }
        let resultUnits = Set(units.filter { $0.reportedAs == ReportedAs.result.rawValue }.map(\.id))
        for i in o.reconciliation.indices {
            let r = o.reconciliation[i]
            let isDeviation = r.column.hasPrefix("deviation")
            guard !isDeviation, !(r.unit.map(resultUnits.contains) ?? false) else { continue }
            o.reconciliation[i].reported = neg(r.reported)
            o.reconciliation[i].computed = neg(r.computed)
            o.reconciliation[i].difference = neg(r.difference)
        }
        return o
    }

    /// `units` in the report's order: each parent followed by its children (file order within a
    /// level), with the depth for indenting.
    func treeOrdered(_ list: [Unit]) -> [(unit: Unit, depth: Int)] {
        let ids = Set(list.map(\.id))
        var out: [(Unit, Int)] = []
        var placed: Set<String> = []
        func visit(_ u: Unit, _ depth: Int) {
            guard placed.insert(u.id).inserted else { return }
            out.append((u, depth))
            for child in list where child.parent == u.id { visit(child, depth + 1) }
        }
        for u in list where u.parent.map({ !ids.contains($0) }) ?? true { visit(u, 0) }
        for u in list where !placed.contains(u.id) { visit(u, 0) }
        return out
    }

    /// The deviation a row prints: the printed one where the file gives it (rule O15), else the computed.
    func shownDeviation(_ u: Unit, ytd: Bool) -> Double? {
        if ytd { return u.printed.deviationYTDPrinted?.value ?? u.figures.deviationYTD }
        return u.printed.deviationPrinted?.value ?? u.figures.deviation
    }

    /// True when some unit has a budget lineage with changes: the tables show Ursprunglig budget and Ombudgetering.
    var hasBudgetLineage: Bool { units.contains { !($0.printed.budgetLineage?.changes.isEmpty ?? true) } }

    /// Units with gross lines (rule O16).
    var unitsWithGross: [Unit] { units.filter { $0.printed.gross != nil } }

    /// Reconciliation entries by status.
    var reconciliationErrorCount: Int { reconciliation.filter { $0.status == PrognosCore.Reconciliation.Status.error.rawValue }.count }
    var overriddenCount: Int { reconciliation.filter { $0.status == PrognosCore.Reconciliation.Status.overridden.rawValue }.count }

    /// The unit names by id, for messages that name a row.
    var unitNames: [String: String] { Dictionary(units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
}

/// Labels of "Real reports as printed" (sv and en side by side).
struct AsPrintedLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var originalBudget: String { sv ? "Ursprunglig\nbudget" : "Original\nbudget" }
    var budgetChanges: String { sv ? "Ombudgetering" : "Budget\nchanges" }
    var commentTitle: String { sv ? "Analys och kommentar" : "Analysis and comments" }
    var grossTitle: String { sv ? "Kostnader och intäkter per enhet" : "Costs and income by unit" }
    var costs: String { sv ? "kostnader" : "costs" }
    var income: String { sv ? "intäkter" : "income" }
    var line: String { sv ? "Rad" : "Line" }
    var unit: String { sv ? "Enhet" : "Unit" }
    var blankNote: String {
        sv ? "– = tom cell i rapporten (räknas som 0 i summor)." : "– = a blank cell in the report (counts as 0 in sums, rule O17)."
    }
    var signNote: String {
        sv ? "Beloppen visas som rapporten trycker dem: nettokostnader med minustecken (avvikelse positiv = gynnsam)."
           : "Amounts as the report prints them: net costs negative (a positive deviation is favourable)."
    }
    func errorBanner(_ n: Int) -> String {
        sv ? "AVSTÄMNINGSFEL: \(n) tryckta belopp stämmer inte med raderna utöver avrundning (se avstämningen nedan)."
           : "RECONCILIATION ERRORS: \(n) printed figures the rows do not make beyond rounding (see the reconciliation below)."
    }
    func overriddenBanner(_ n: Int) -> String {
        sv ? "Ändrat med --set: \(n) tryckta belopp stämde i filen men inte efter ändringen; summorna visar de nya beloppen."
           : "Changed with --set: \(n) printed figures held in the file but not after the change (status overridden); the totals show the new figures."
    }

    func columnName(_ key: String, _ L: OperatingLabels) -> String {
        if let c = TotalColumn(rawValue: key) { return L.columnName(c) }
        let parts = key.split(separator: ".").map(String.init)
        if parts.first == "gross" {
            let column = parts.last.flatMap(TotalColumn.init(rawValue:)).map(L.columnName) ?? key
            let side = parts.count == 3 ? (parts[1] == "costs" ? costs : income) + ", " : ""
            return (sv ? "brutto (" : "gross (") + side + column + ")"
        }
        if key == "budget.printed" { return sv ? "Budget (ursprunglig + ombudgetering)" : "Budget (original + changes)" }
        return key
    }

    /// One reconciliation line of a row check or the total, in the view's language.
    func line(_ r: OperatingResult.Reconciliation, names: [String: String], parents: Set<String>, unit: AmountUnit,
              _ L: OperatingLabels) -> String {
        let column = columnName(r.column, L)
        let row = r.unit.map { (names[$0] ?? $0) + ", " } ?? ""
        let reported = Format.amount(r.reported, unit, lang), computed = Format.amount(r.computed, unit, lang)
        let difference = Format.amount(r.difference, unit, lang)
        let rule: String
        switch r.column {
        case _ where r.unit == nil: rule = "O8"
        case "deviation", "deviation_ytd": rule = parents.contains(r.unit ?? "") ? "O14" : "O15"
        case _ where r.column.hasPrefix("gross."): rule = r.column.split(separator: ".").count == 3 ? "O14" : "O16"
        case "budget.printed": rule = "O21"
        default: rule = "O14"
        }
        switch (lang, Reconciliation.Status(rawValue: r.status) ?? .error) {
        case (.sv, .rounding): return "\(row)\(column): rapporten anger \(reported), raderna ger \(computed) (avrundningsdifferens)"
        case (.sv, .error): return "\(row)\(column): rapporten anger \(reported), raderna ger \(computed), skillnad \(difference): AVSTÄMNINGSFEL"
        case (.sv, .overridden): return "\(row)\(column): rapporten anger \(reported), efter --set \(computed), skillnad \(difference) (ändrat med --set)"
        case (.en, .rounding): return "\(row)\(column): the report prints \(reported), the rows make \(computed) (a rounding difference, rule \(rule))"
        case (.en, .error): return "\(row)\(column): the report prints \(reported), the rows make \(computed), difference \(difference): RECONCILIATION ERROR (rule \(rule))"
        case (.en, .overridden): return "\(row)\(column): the report prints \(reported), after --set \(computed), difference \(difference) (changed with --set, status overridden)"
        }
    }
}
