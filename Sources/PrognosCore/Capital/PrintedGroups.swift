import Foundation

/// A group row as a report prints it (`investments.groups[]`, capital.md "Real investment tables
/// as printed"): reconciled against the group's projects as rule O14 does for a parent unit; a
/// group without projects ("Projekt < 3 mnkr") is a row of the table and counts in the total.
public struct PrintedGroup: Sendable {
    public static let columns = ["frame", "spent_ytd", "income_ytd", "forecast_spend", "forecast_income", "forecast_net", "deviation"]
    public var name: String
    public var figures: [String: Double]
    public var locations: [String: SourceLocation]
    public var location: SourceLocation
    /// `frame: {original, changes, printed}` on the group row (a report that prints its budget
    /// lineage by group, as Ängelholm 2021 does for skattefinansierad / avgiftsfinansierad).
    public var frameLineage: BudgetLineage?

    public static let spec = SectionSpec("investments.groups[]",
        "A group row as printed; `name` as the projects' `group`.",
        keys: [KeySpec("name", .text, required: true, "the group, as the projects' `group` names it")]
            + columns.map { KeySpec($0, .amount, "the group row's `\($0)` as printed") })

    static func read(_ r: MapReader) -> [PrintedGroup] {
        var out: [PrintedGroup] = []
        for g in r.records("groups", spec: spec) {
            guard let name = g.text("name") else { continue }
            if out.contains(where: { $0.name == name }) { g.error("duplicate group '\(name)'", at: "name"); continue }
            var figures: [String: Double] = [:], locations: [String: SourceLocation] = [:]
            let (frame, lineage) = PrintedSpecs.amountOrLineage(g, key: "frame")
            for c in columns where c != "frame" { if let v = g.amount(c) { figures[c] = v; locations[c] = g.location(of: c) } }
            if let frame { figures["frame"] = frame; locations["frame"] = lineage?.location ?? g.location(of: "frame") }
            out.append(PrintedGroup(name: name, figures: figures, locations: locations, location: g.location, frameLineage: lineage))
        }
        return out
    }

    /// The totals a group without projects adds to the table: its printed figures (forecast
    /// spend = forecast net + forecast income where only the net is printed).
    var asTotals: InvestmentRun.Totals {
        var t = InvestmentRun.Totals()
        t.spentYTD = figures["spent_ytd"] ?? 0
        t.incomeYTD = figures["income_ytd"] ?? 0
        t.forecastIncome = figures["forecast_income"] ?? 0
        t.forecastSpend = figures["forecast_spend"] ?? ((figures["forecast_net"] ?? 0) + t.forecastIncome)
        t.frame = figures["frame"] ?? ((figures["forecast_net"] ?? 0) + (figures["deviation"] ?? 0))
        return t
    }
}

/// One reconciliation of the investment table: a printed total (rule C12), a printed group row
/// (O14) or a frame lineage (O21).
public struct InvestmentCheck: Sendable {
    public var key: String
    public var group: String?
    public var project: String?
    public var reported: Double
    public var computed: Double
    public var status: Reconciliation.Status
    public var location: SourceLocation
    public var tolerance: Double

    var identity: String { (group ?? "") + "|" + (project ?? "") + "|" + key }
}

extension InvestmentRun {
    /// Rule O14 for group rows and rule O21 for frame lineages, in whole printed digits.
    static func printedChecks(_ input: InvestmentsInput, rows: [ProjectRow], unit: AmountUnit, log: DiagnosticLog) -> [InvestmentCheck] {
        let digit = PrintedDigit(unit: unit, decimals: nil)
        var out: [InvestmentCheck] = []
        func check(_ key: String, group: String?, project: String?, reported: Double, parts: [Double], halfDigits: Double,
                   at location: SourceLocation, rule: String) {
            let k = digit.digits(reported) - parts.reduce(0) { $0 + digit.digits($1) }
            guard k != 0 else { return }
            let status: Reconciliation.Status = abs(k) <= halfDigits / 2 + 1e-9 ? .rounding : .error
            let c = InvestmentCheck(key: key, group: group, project: project, reported: reported, computed: parts.reduce(0, +),
                                    status: status, location: location, tolerance: halfDigits * digit.kronor / 2)
            out.append(c)
            if status == .rounding { log.warning(message(c, unit: unit) + " (rule \(rule))", at: location) }
        }
        for g in input.groups {
            let members = rows.filter { $0.project.group == g.name }
            guard !members.isEmpty else { continue }
            for key in PrintedGroup.columns {
                guard let printed = g.figures[key], let location = g.locations[key] else { continue }
                let parts: [Double] = members.map { r in
                    switch key {
                    case "frame": return r.project.frame
                    case "spent_ytd": return r.project.spentYTD
                    case "income_ytd": return r.project.incomeYTD
                    case "forecast_spend": return r.project.forecastSpend
                    case "forecast_income": return r.project.forecastIncome
                    case "forecast_net": return r.project.forecastNet
                    default: return r.deviation
                    }
                }
                check(key, group: g.name, project: nil, reported: printed, parts: parts, halfDigits: Double(members.count),
                      at: location, rule: "O14")
            }
        }
        for g in input.groups {
            guard let l = g.frameLineage, let printed = l.printed else { continue }
            check("frame.printed", group: g.name, project: nil, reported: printed, parts: [l.original] + l.changes.map(\.amount),
                  halfDigits: Double(l.changes.count + 1), at: l.location, rule: "O21")
        }
        for r in rows {
            guard let l = r.project.frameLineage, let printed = l.printed else { continue }
            check("frame.printed", group: nil, project: r.project.id, reported: printed, parts: [l.original] + l.changes.map(\.amount),
                  halfDigits: Double(l.changes.count + 1), at: l.location, rule: "O21")
        }
        return out
    }

    func message(_ c: InvestmentCheck, unit: AmountUnit) -> String { InvestmentRun.message(c, unit: unit) }

    static func message(_ c: InvestmentCheck, unit: AmountUnit) -> String {
        let what = c.group.map { "group '\($0)' " } ?? c.project.map { "project '\($0)' " } ?? "investment total "
        let head = "\(what)\(c.key): the report prints \(Format.plain(c.reported, unit)) \(unit.rawValue), the rows give \(Format.plain(c.computed, unit))"
        switch c.status {
        case .rounding: return head + ": a rounding difference (within \(Format.plain(c.tolerance, unit)))"
        case .error: return head + ": the rows do not reconcile (tolerance \(Format.plain(c.tolerance, unit)))"
        case .overridden: return head + ": overridden by --set (held on the file as written)"
        }
    }

    /// Reconciliation errors (status `error`): a plain run shows them and exits 0; `validate` and `--strict` fail.
    public var reconciliationErrors: [InvestmentCheck] { reconciliation.filter { $0.status == .error } }

    mutating func markOverridden(against base: InvestmentRun) {
        let failedBefore = Set(base.reconciliation.filter { $0.status == .error }.map(\.identity))
        for i in reconciliation.indices where reconciliation[i].status == .error && !failedBefore.contains(reconciliation[i].identity) {
            reconciliation[i].status = .overridden
        }
    }
}

extension InvestmentRun.Totals {
    mutating func add(_ t: InvestmentRun.Totals) {
        spentYTD += t.spentYTD; incomeYTD += t.incomeYTD
        forecastSpend += t.forecastSpend; forecastIncome += t.forecastIncome
        frame += t.frame; carryOver += t.carryOver
    }
}
