/// The investments section computed: the investment table (investeringsredovisning) and
/// the capital costs by year and unit, budget against forecast.
public struct InvestmentRun: Sendable {
    public struct ProjectRow: Sendable {
        public var project: Project
        public var carryOver: Double
        public var forecastActivation: Day?
        public var comparison: CapitalCostEngine.Comparison
        /// frame − forecast net (positive = under the frame).
        public var deviation: Double { project.frame - project.forecastNet }
    }

    public struct Totals: Sendable, Equatable {
        public var spentYTD = 0.0, incomeYTD = 0.0, forecastSpend = 0.0, forecastIncome = 0.0, frame = 0.0, carryOver = 0.0
        public var forecastNet: Double { forecastSpend - forecastIncome }
        public var deviation: Double { frame - forecastNet }

        mutating func add(_ r: ProjectRow) {
            spentYTD += r.project.spentYTD; incomeYTD += r.project.incomeYTD
            forecastSpend += r.project.forecastSpend; forecastIncome += r.project.forecastIncome
            frame += r.project.frame; carryOver += r.carryOver
        }

        func value(_ key: String) -> Double? {
            switch key {
            case "spent_ytd": return spentYTD
            case "income_ytd": return incomeYTD
            case "forecast_spend": return forecastSpend
            case "forecast_income": return forecastIncome
            case "forecast_net": return forecastNet
            case "frame": return frame
            case "deviation": return deviation
            default: return nil
            }
        }
    }

    public struct UnitCost: Sendable, Equatable {
        public var unit: String
        public var budget: Double, forecast: Double
        /// budget − forecast (positive = favourable), and its split.
        public var deviation: Double { budget - forecast }
        public var timing: Double, spend: Double, rate: Double
    }

    public var fiscalYear: Int
    public var projects: [ProjectRow]
    public var total: Totals
    public var byGroup: [(group: String, totals: Totals)]
    public var reconciliation: [InvestmentCheck]
    /// Printed group rows' frame lineages, by group (issue 17).
    public var groupLineage: [String: BudgetLineage] = [:]
    /// Five years from the fiscal year (rule C5): forecast and budget.
    public var years: [(year: Int, depreciation: Double, interest: Double)]
    public var budgetYears: [(year: Int, depreciation: Double, interest: Double)]
    public var byUnit: [UnitCost]
    /// The rate scenario behind `interest_basis: market` (rule C9), else nil.
    public var scenario: String?
    /// False for a table as printed: no project has an activation date and there are no
    /// existing assets, so no capital cost can arise (capital.md: such a section needs no
    /// `kind` and no `internal_rate`); the capital-cost tables are then left out.
    public var computesCapitalCosts: Bool
    /// The `by_unit` key of projects and assets without a unit (shown as "(ingen enhet)" /
    /// "(no unit)" by `--lang`).
    public static let noUnit = "(ingen enhet)"
    public var assumptions: [Message]

    static func compute(_ input: InvestmentsInput, fiscalYear: Int, month: Int, unit: AmountUnit,
                        market: (name: String, rates: [Double])?, log: DiagnosticLog) -> InvestmentRun {
        let engine = CapitalCostEngine(input, fiscalYear: fiscalYear, month: month, marketRate: market?.rates)
        let yearEnd = Day(year: fiscalYear, month: 12, day: 31)!
        var rows: [ProjectRow] = []
        for p in input.projects {
            let forecast = engine.forecastActivation(p)
            // Activation before any spending: nothing to take into use.
            for (label, date, plan) in [("planned", p.plannedActivation, CapitalCostEngine.SpendPlan.budget),
                                        ("forecast", forecast, .forecast)] {
                guard let date, p.costAtActivation == nil, p.wipOpening == 0, p.kind != .shares else { continue }
                let a = engine.monthIndex(date)
                let before = engine.spend(p, plan)[0..<max(0, min(12, a))].reduce(0, +)
                if before == 0 && (p.budgetSpend ?? p.forecastSpend) > 0 {
                    log.error("project \(p.id): \(label) activation \(date) is before any spending (no wip_opening, no spend before it); give wip_opening or cost_at_activation",
                              at: p.location)
                }
            }
            let inProgress = forecast.map { $0 > yearEnd } ?? true
            rows.append(ProjectRow(project: p, carryOver: inProgress ? max(p.frame - p.forecastNet, 0) : 0,
                                   forecastActivation: forecast, comparison: engine.compare(p)))
        }
        var total = Totals()
        var groups: [String: Totals] = [:], groupOrder: [String] = []
        for r in rows {
            total.add(r)
            if let g = r.project.group {
                if groups[g] == nil { groupOrder.append(g) }
                groups[g, default: Totals()].add(r)
            }
        }
        // A printed group row without projects is a row of the table (capital.md).
        var tableRows = rows.count
        for g in input.groups where groups[g.name] == nil {
            groupOrder.append(g.name)
            groups[g.name] = g.asTotals
            total.add(g.asTotals)
            tableRows += 1
        }
        // Rule C12: printed totals against the rows, tolerance as O8.
        var reconciliation: [InvestmentCheck] = []
        let tolerance = unit.halfLastDigit * Double(tableRows)
        for key in CapitalSpecs.totals.keys.map(\.name) {
            guard let (reported, location) = input.reportedTotals[key], let computed = total.value(key) else { continue }
            let d = computed - reported
            guard abs(d) >= 1e-6 else { continue }
            let status: Reconciliation.Status = abs(d) <= tolerance + 1e-6 ? .rounding : .error
            reconciliation.append(InvestmentCheck(key: key, group: nil, project: nil, reported: reported, computed: computed,
                                                  status: status, location: location, tolerance: tolerance))
            if status == .rounding {
                log.warning(Message(.capitalReconciliationRounding, .term(sv: CapitalTotalTerm.sv(key), en: key), .amount(reported, unit),
                                    .text(unit.rawValue), .amount(computed, unit), .amount(tolerance, unit), .int(tableRows)), at: location)
            }
        }
        reconciliation += printedChecks(input, rows: rows, unit: unit, log: log)

        var forecast = CapitalCostEngine.Costs(), budget = CapitalCostEngine.Costs()
        var units: [String: UnitCost] = [:], unitOrder: [String] = []
        func add(_ unit: String?, _ c: CapitalCostEngine.Comparison) {
            forecast = forecast + c.forecast
            budget = budget + c.budget
            let key = unit ?? Self.noUnit
            if units[key] == nil { unitOrder.append(key); units[key] = UnitCost(unit: key, budget: 0, forecast: 0, timing: 0, spend: 0, rate: 0) }
            units[key]!.budget += c.budget.fiscalYearTotal
            units[key]!.forecast += c.forecast.fiscalYearTotal
            units[key]!.timing += c.timing
            units[key]!.spend += c.spend
            units[key]!.rate += c.rate
        }
        for r in rows { add(r.project.unit, r.comparison) }
        for asset in input.existingAssets { add(asset.unit, engine.compare(asset)) }

        let computes = !input.existingAssets.isEmpty || rows.contains { $0.project.plannedActivation != nil || $0.forecastActivation != nil }
        var assumptions = !computes ? [Message(.capitalNone)] : [
            Message(.capitalSpendPlans, .int(month)),
            Message(.capitalCost, input.interestBasis == .market ? .term(sv: "marknadsmässig", en: "market") : .term(sv: "intern", en: "internal"),
                    input.depreciationStart == .activationMonth ? .term(sv: "aktiveringsmånaden", en: "activation month")
                        : .term(sv: "månaden efter aktivering", en: "month after activation")),
            Message(.capitalDeviationSplit),
        ]
        if computes, !input.defaultedKinds.isEmpty {
            let kinds = input.defaultedKinds.sorted()   // by name in the sentence, never the file's codes
            assumptions.append(Message(.capitalDefaultComponents, AssetKind.names(kinds)))
        }
        if let market {
            assumptions.append(Message(.capitalMarketInterest, .text(market.name), .percent(input.margin, decimals: 2)))
        }
        func summarize(_ c: CapitalCostEngine.Costs) -> [(Int, Double, Double)] {
            (0..<5).map { y in let v = c.year(y); return (fiscalYear + y, v.depreciation, v.interest) }
        }
        var run = InvestmentRun(fiscalYear: fiscalYear, projects: rows, total: total,
                                byGroup: groupOrder.map { ($0, groups[$0]!) }, reconciliation: reconciliation,
                                years: summarize(forecast), budgetYears: summarize(budget),
                                byUnit: computes ? unitOrder.map { units[$0]! } : [], scenario: market?.name,
                                computesCapitalCosts: computes, assumptions: assumptions)
        for g in input.groups { if let l = g.frameLineage { run.groupLineage[g.name] = l } }
        return run
    }

    /// forecast − budget capital cost of a unit's projects and assets: the operating
    /// adjustment `{from: capital_costs}` (operating.md, Capital costs in the forecast).
    public func costChange(unit: String) -> Double? {
        byUnit.first { $0.unit == unit }.map { $0.forecast - $0.budget }
    }
}

extension InvestmentRun {
    /// A project or existing asset whose `unit` is not an id of the operating section: a
    /// warning (its capital cost is still shown under that unit, as capital.md allows), so a
    /// misspelt unit does not move a capital cost to a new row unnoticed. Checked only when
    /// the file has an operating section; with a suggestion when an id is close.
    static func checkUnits(_ input: InvestmentsInput, operating: OperatingInput, log: DiagnosticLog) {
        let ids = operating.units.map(\.id)
        let known = Set(ids)
        func check(_ unit: String?, _ what: MessageArg, _ name: String, _ location: SourceLocation?) {
            guard let unit, !known.contains(unit) else { return }
            let hint = Suggest.closest(to: unit, among: ids).map { MessageArg.term(sv: " (menade du '\($0)'?)", en: " (did you mean '\($0)'?)") }
                ?? .text("")
            log.warning(Message(.investmentsUnitNotOperating, what, .text(name), .text(unit), hint), at: location)
        }
        for p in input.projects { check(p.unit, .term(sv: "Projektet", en: "Project"), p.name, p.location) }
        for a in input.existingAssets { check(a.unit, .term(sv: "Tillgången", en: "Asset"), a.id, a.location) }
    }
}
