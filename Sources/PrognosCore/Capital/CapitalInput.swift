/// What an investment becomes (capital.md): its depreciation and interest rules.
public enum AssetKind: String, Sendable, CaseIterable {
    case building, equipment, it, land, shares, other

    /// Land bears interest but no depreciation; shares bear neither (rule C11).
    public var depreciates: Bool { self != .land && self != .shares }
    public var bearsInterest: Bool { self != .shares }

    /// The components Prognos uses when neither the project nor `component_defaults` gives
    /// them (stated in the output's assumptions).
    public var defaultComponents: [Component] {
        switch self {
        case .building: return [Component(share: 0.50, life: 50), Component(share: 0.20, life: 30),
                                Component(share: 0.20, life: 20), Component(share: 0.10, life: 15)]
        case .equipment: return [Component(share: 1, life: 10)]
        case .it: return [Component(share: 1, life: 3)]
        case .other: return [Component(share: 1, life: 10)]
        case .land, .shares: return []
        }
    }
}

/// A component of an asset (komponentavskrivning): its share of the cost and its life in years.
public struct Component: Sendable, Equatable {
    public var share: Double
    public var life: Double
}

/// An investment project (investeringsprojekt); amounts in kronor.
public struct Project: Sendable {
    public var id: String
    public var name: String
    /// The operating unit that bears its capital cost.
    public var unit: String?
    public var kind: AssetKind
    public var group: String?
    /// Investeringsram, including carry-over from last year.
    public var frame: Double
    public var spentYTD: Double
    public var incomeYTD: Double
    public var forecastSpend: Double
    public var forecastIncome: Double
    /// Months after M with explicit spend (else the rest is spread evenly).
    public var spendProfile: [Int: Double]
    public var plannedActivation: Day?
    public var forecastActivation: Day?
    public var components: [Component]
    public var wipOpening: Double
    public var budgetSpend: Double?
    public var costAtActivation: Double?
    /// Overrides the section's `delay_months` (rule C3).
    public var delayMonths: Int?
    public var location: SourceLocation?
    /// Earlier forecast rounds of the net forecast (`previous_forecast`, ForecastRounds.swift).
    public var previousForecast: [ForecastRound] = []
    /// False for a table-only project written without `kind` (capital.md "Real investment tables as printed").
    public var kindGiven = true
    /// `frame: {original, changes, printed}`: Ursprunglig budget and Ombudgetering (rule O21 applies).
    public var frameLineage: BudgetLineage?

    public var forecastNet: Double { forecastSpend - forecastIncome }
}

/// An asset already in use (rule C7): book value at 1 January, straight line over the remaining life.
public struct ExistingAsset: Sendable {
    public var id: String
    public var unit: String?
    public var kind: AssetKind
    public var bookValue: Double
    public var remainingLife: Double
    public var location: SourceLocation?
}

public struct InvestmentsInput: Sendable {
    public enum InterestBasis: String, Sendable, CaseIterable { case internal_ = "internal", market }
    public enum DepreciationStart: String, Sendable, CaseIterable { case activationMonth = "activation_month", nextMonth = "next_month" }

    /// Internränta: one rate for every year, or by year (rule C6: nearest year given).
    public var internalRate: [Int: Double]
    public var interestBasis: InterestBasis
    /// Added to the market funding rate (rule C9).
    public var margin: Double
    public var depreciationStart: DepreciationStart
    public var delayMonths: Int
    public var projects: [Project]
    public var existingAssets: [ExistingAsset]
    public var reportedTotals: [String: (value: Double, location: SourceLocation)]
    public var location: SourceLocation
    /// Kinds whose components came from the engine's defaults (for the assumptions).
    public var defaultedKinds: Set<String>
    /// Group rows as printed (`investments.groups`), reconciled against their projects.
    public var groups: [PrintedGroup] = []
    /// `plan`: net spend of each later year (rule T25), kronor.
    public var plan: [Int: Double] = [:]

    /// The internal rate of a year: the year's own, else the nearest year given (rule C6).
    public func internalRate(_ year: Int) -> Double {
        if let r = internalRate[year] { return r }
        guard let nearest = internalRate.keys.min(by: { (abs($0 - year), $0) < (abs($1 - year), $1) }) else { return 0 }
        return internalRate[nearest]!
    }
}

public enum CapitalSpecs {
    public static let investments = SectionSpec("investments",
        "Investment projects and assets: the investment table and capital costs (capital.md).",
        keys: [
            KeySpec("internal_rate", .rate, "internränta: one rate (`2.5%`) or a mapping by year (`{2024: 2.5%}`); rule C6"),
            KeySpec("interest_basis", .choice(InvestmentsInput.InterestBasis.allCases.map(\.rawValue)), "`internal` (default) or `market` (the treasury scenario's funding rate + margin, rule C9)"),
            KeySpec("margin", .rate, "added to the market rate (`interest_basis: market`)"),
            KeySpec("depreciation_start", .choice(InvestmentsInput.DepreciationStart.allCases.map(\.rawValue)), "`activation_month` (default) or `next_month`"),
            KeySpec("delay_months", .integer, "moves every forecast activation (rule C3; a project's own wins)"),
            KeySpec("component_defaults", .section("kind → components"), "components per kind: `{building: [{share: 60%, life: 50}, …]}`"),
            KeySpec("projects", .list("investments.projects[]"), "the year's projects"),
            KeySpec("existing_assets", .list("investments.existing_assets[]"), "assets already in use (rule C7)"),
            KeySpec("reported_totals", .section("investments.reported_totals"), "the printed totals, reconciled (rule C12)"),
            KeySpec("groups", .list("investments.groups[]"), "group rows as printed, reconciled against the group's projects (rule O14); a group without projects is a row of its own"),
            KeySpec("plan", .section("year → amount"), "net investment spend of later years (`{2025: 450, 2026: 380}`), spread evenly over their months; the borrowing need of `treasury.refinancing.from_investments` (rule T25)"),
        ])

    public static let project = SectionSpec("investments.projects[]",
        "A project: amounts in the file's unit, dates ISO.",
        keys: [
            KeySpec("id", .text, required: true, "unique"),
            KeySpec("name", .text, required: true, "as printed"),
            KeySpec("unit", .text, "the operating unit that bears its capital cost"),
            KeySpec("kind", .choice(AssetKind.allCases.map(\.rawValue)), "building, equipment, it, land, shares, other; required where capital costs are computed (activation or components)"),
            KeySpec("group", .text, "subtotal key (KLF, VSS), rule C12"),
            KeySpec("frame", .amount, required: true, "investeringsram incl. carry-over, or a lineage `{original, changes, printed}` (Ursprunglig budget, Ombudgetering; rule O21)"),
            KeySpec("spent_ytd", .amount, "expenditure to date (default 0)"),
            KeySpec("income_ytd", .amount, "income (grants) to date (default 0)"),
            KeySpec("forecast_spend", .amount, required: true, "full-year expenditure"),
            KeySpec("forecast_income", .amount, "full-year income (default 0)"),
            KeySpec("spend_profile", .section("month → amount"), "spend per month after M (else even)"),
            KeySpec("activation", .section("{planned, forecast}"), "activation dates (aktivering); none = work in progress (rule C8)"),
            KeySpec("components", .list("{share, life}"), "component shares (sum 100 %) and lives in years"),
            KeySpec("wip_opening", .amount, "work in progress from earlier years (default 0)"),
            KeySpec("budget_spend", .amount, "the spend the budget assumed (default forecast_spend)"),
            KeySpec("cost_at_activation", .amount, "the whole cost at activation (replaces the plan, rule C1)"),
            KeySpec("delay_months", .integer, "moves this project's forecast activation (rule C3)"),
            KeySpec("previous_forecast", .section("previous_forecast"), "earlier rounds of the net forecast this year: `{as_of, value}` or a list, oldest first (rule O18)"),
        ])

    static let activation = SectionSpec("investments.projects[].activation", "When the asset is taken into use.",
        keys: [KeySpec("planned", .date, "the budget's date"), KeySpec("forecast", .date, "today's forecast (default: planned)")])

    static let component = SectionSpec("investments.projects[].components[]", "One component.",
        keys: [KeySpec("share", .rate, required: true, "share of the cost, e.g. `60%`"),
               KeySpec("life", .text, required: true, "life in years (a positive number)")])

    public static let asset = SectionSpec("investments.existing_assets[]",
        "An asset in use: book value at 1 January, written off straight over the remaining life (rule C7).",
        keys: [
            KeySpec("id", .text, required: true, "unique"),
            KeySpec("unit", .text, "the unit bearing its capital cost"),
            KeySpec("kind", .choice(AssetKind.allCases.map(\.rawValue)), required: true, "as for projects"),
            KeySpec("book_value", .amount, required: true, "book value at 1 January"),
            KeySpec("remaining_life", .text, "years left (required unless land or shares)"),
        ])

    static let totals = SectionSpec("investments.reported_totals", "The \"Summa investeringar\" row as printed.",
        keys: ["spent_ytd", "income_ytd", "forecast_spend", "forecast_income", "forecast_net", "frame", "deviation"]
            .map { KeySpec($0, .amount, "printed total of `\($0)`") })

    /// The largest delay (either way) an activation may be moved by: dates stay inside what
    /// date arithmetic handles (issue 14: counts from input are bounded before arithmetic).
    static let maxDelayMonths = 1200

    static func years(_ text: String) -> Parsed<Double> {
        guard let v = Literal.decimal(text), v.isFinite else { return .failure("expected a number of years, found '\(text)'") }
        guard v > 0, v <= 200 else { return .failure("a life must be positive years, found '\(text)'") }
        return .success(v)
    }

    static func read(_ r: MapReader, fiscalYear: Int?) -> InvestmentsInput {
        let log = r.ctx.log
        var rates: [Int: Double] = [:]
        if let node = r.node("internal_rate") {
            if case .mapping = node {
                for e in r.dataMapping("internal_rate") ?? [] {
                    guard let y = Int(e.key), (1900...2200).contains(y) else {
                        log.error("expected a year such as 2024, found '\(e.key)' (key 'internal_rate' in investments)", at: e.keyLocation)
                        continue
                    }
                    if let x = r.parse(e.value, key: "internal_rate", expected: "a rate", Literal.rate) { rates[y] = x }
                }
            } else if let x = r.rate("internal_rate") {
                rates[fiscalYear ?? 2000] = x
            }
        }
        let basis = r.choice("interest_basis").flatMap(InvestmentsInput.InterestBasis.init(rawValue:)) ?? .internal_
        var defaults: [AssetKind: [Component]] = [:]
        for e in r.dataMapping("component_defaults") ?? [] {
            guard let kind = AssetKind(rawValue: e.key) else {
                log.error("unknown kind '\(e.key)' in component_defaults" + Suggest.phrase(for: e.key, among: AssetKind.allCases.map(\.rawValue)),
                          at: e.keyLocation)
                continue
            }
            defaults[kind] = readComponents(e.value, key: "component_defaults", r)
        }
        var defaulted: Set<String> = []
        var projects: [Project] = []
        var seen: [String: SourceLocation] = [:]
        for p in r.records("projects", spec: project) {
            guard let id = p.text("id"), let name = p.text("name") else { continue }
            if let first = seen[id] { p.error("duplicate project id '\(id)' (first at \(first))", at: "id"); continue }
            seen[id] = p.location(of: "id")
            // `kind` only where capital costs are computed (capital.md "Real investment tables as printed").
            let needsKind = p.has("activation") || p.has("components")
            if needsKind && !p.has("kind") {
                p.error("project \(id) has \(p.has("activation") ? "an activation" : "components"), so its capital cost is computed: it needs 'kind' (building, equipment, it, land, shares, other)")
            }
            let (frameValue, frameLineage) = PrintedSpecs.amountOrLineage(p, key: "frame")
            guard let kind = p.has("kind") ? p.choice("kind").flatMap(AssetKind.init(rawValue:)) : AssetKind.other,
                  let frame = frameValue, let spend = p.amount("forecast_spend") else { continue }
            var components = p.node("components").map { readComponents($0, key: "components", p) } ?? []
            if !p.has("components") && p.has("kind") {
                if let d = defaults[kind] { components = d } else {
                    components = kind.defaultComponents
                    if kind.depreciates { defaulted.insert(kind.rawValue) }
                }
            }
            if !kind.depreciates && p.has("components") {
                p.error("a \(kind.rawValue) asset is not depreciated (rule C11); remove 'components'", at: "components")
            }
            var planned: Day?, forecast: Day?
            if let a = p.section("activation", spec: activation) {
                planned = a.date("planned")
                forecast = a.date("forecast") ?? planned
            }
            var profile: [Int: Double] = [:]
            for e in p.dataMapping("spend_profile") ?? [] {
                guard let m = Month(inputISO: e.key), m.year == (fiscalYear ?? m.year) else {
                    log.error("expected a month YYYY-MM of the fiscal year, found '\(e.key)' (spend_profile of \(id))", at: e.keyLocation)
                    continue
                }
                if let x = p.parse(e.value, key: "spend_profile", expected: "an amount", { Literal.amount($0, unit: p.ctx.unit) }) {
                    profile[m.month] = x
                }
            }
            var delay = p.integer("delay_months")
            if let d = delay, !(-maxDelayMonths...maxDelayMonths).contains(d) {
                p.error("delay_months must be −\(maxDelayMonths) … \(maxDelayMonths) (100 years), found \(d) (project \(id))", at: "delay_months")
                delay = nil
            }
            var project = Project(id: id, name: name, unit: p.text("unit"), kind: kind, group: p.text("group"), frame: frame,
                                  spentYTD: p.amount("spent_ytd") ?? 0, incomeYTD: p.amount("income_ytd") ?? 0,
                                  forecastSpend: spend, forecastIncome: p.amount("forecast_income") ?? 0,
                                  spendProfile: profile, plannedActivation: planned, forecastActivation: forecast,
                                  components: components, wipOpening: p.amount("wip_opening") ?? 0,
                                  budgetSpend: p.amount("budget_spend"), costAtActivation: p.amount("cost_at_activation"),
                                  delayMonths: delay, location: p.location)
            project.previousForecast = ForecastRoundsSpecs.readRounds(p)
            project.kindGiven = p.has("kind")
            project.frameLineage = frameLineage
            if project.spentYTD > project.forecastSpend + 1e-6 {
                p.error("spent_ytd is more than forecast_spend for project \(id)", at: "spent_ytd")
            }
            projects.append(project)
        }
        var assets: [ExistingAsset] = []
        for a in r.records("existing_assets", spec: asset) {
            guard let id = a.text("id"), let kind = a.choice("kind").flatMap(AssetKind.init(rawValue:)),
                  let bv = a.amount("book_value") else { continue }
            var life = 0.0
            if let node = a.node("remaining_life") {
                life = a.parse(node, key: "remaining_life", expected: "a number of years", years) ?? 0
            } else if kind.depreciates {
                a.error("a \(kind.rawValue) asset needs 'remaining_life' (asset \(id))", at: "remaining_life")
            }
            if bv < 0 { a.error("book_value must not be negative (asset \(id))", at: "book_value") }
            assets.append(ExistingAsset(id: id, unit: a.text("unit"), kind: kind, bookValue: bv, remainingLife: life, location: a.location))
        }
        // `internal_rate` only where some project or asset has capital costs.
        if basis == .internal_ && rates.isEmpty
            && (projects.contains { $0.plannedActivation != nil || $0.forecastActivation != nil } || !assets.isEmpty) {
            r.error("investments needs 'internal_rate' (e.g. 2.5%, SKR's recommendation for 2024): some project or asset has capital costs",
                    at: "internal_rate")
        }
        var totals: [String: (Double, SourceLocation)] = [:]
        if let t = r.section("reported_totals", spec: CapitalSpecs.totals) {
            for key in CapitalSpecs.totals.keys.map(\.name) {
                if let v = t.amount(key) { totals[key] = (v, t.location(of: key)) }
            }
        }
        var delay = r.integer("delay_months") ?? 0
        if !(-maxDelayMonths...maxDelayMonths).contains(delay) {
            r.error("delay_months must be −\(maxDelayMonths) … \(maxDelayMonths) (100 years), found \(delay)", at: "delay_months")
            delay = 0
        }
        var input = InvestmentsInput(internalRate: rates, interestBasis: basis, margin: r.rate("margin") ?? 0,
                                depreciationStart: r.choice("depreciation_start").flatMap(InvestmentsInput.DepreciationStart.init(rawValue:)) ?? .activationMonth,
                                delayMonths: delay, projects: projects, existingAssets: assets, reportedTotals: totals,
                                location: r.location, defaultedKinds: defaulted)
        input.groups = PrintedGroup.read(r)
        input.plan = readPlan(r, fiscalYear: fiscalYear)
        return input
    }

    /// `[{share: 60%, life: 50}, …]`: shares must sum to 100 %, lives be positive.
    static func readComponents(_ node: SourceNode, key: String, _ r: MapReader) -> [Component] {
        guard case .sequence(let items, let location) = node else {
            r.ctx.log.error("expected a list of {share, life} for '\(key)' in \(r.context)", at: node.location)
            return []
        }
        var out: [Component] = []
        for (i, item) in items.enumerated() {
            guard let c = MapReader(item, spec: component, context: "\(r.context).\(key)[\(i)]", r.ctx),
                  let share = c.rate("share"), let lifeNode = c.node("life"),
                  let life = c.parse(lifeNode, key: "life", expected: "a number of years", years) else { continue }
            if share <= 0 { c.error("a component's share must be positive", at: "share") }
            out.append(Component(share: share, life: life))
        }
        let total = out.reduce(0) { $0 + $1.share }
        // The sum only when every component was read: a component with a bad share or life
        // has its own error, and the others' sum would be a second, false one.
        if !out.isEmpty && out.count == items.count && abs(total - 1) > 1e-9 {
            r.ctx.log.error("component shares of \(r.context) sum to \(Format.grouped(total * 100, decimals: 2, decimalMark: ".", groupMark: "")) %, not 100 %",
                            at: location)
        }
        return out
    }
}
