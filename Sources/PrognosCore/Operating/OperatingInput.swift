/// How a unit's lines are reported (the seed's VSS is a `result` unit).
public enum ReportedAs: String, Sendable, CaseIterable {
    /// Net cost (nettokostnad): costs positive; deviation = budget − forecast.
    case netCost = "net_cost"
    /// Result (resultat): negative = deficit; deviation = forecast − budget.
    case result
}

/// How the full-year forecast (prognos helår) of a unit is made (operating.md).
public enum ForecastMethod: String, Sendable, CaseIterable {
    /// F = the controller's value.
    case manual
    /// F = A + (B − B_M): the remaining months follow budget.
    case budgetRemaining = "budget_remaining"
    /// F = A × 12 / M.
    case runRate = "run_rate"
    /// F = A / s_M, the seasonal share of complete prior years.
    case profile
    /// F = A + Σ ŷ of a least-squares trend with month dummies.
    case trend

    /// The projection method behind it (nil for `manual`).
    public var projection: Projection.Method? {
        switch self {
        case .manual: return nil
        case .budgetRemaining: return .budgetRemaining
        case .runRate: return .runRate
        case .profile: return .profile
        case .trend: return .trend
        }
    }
}

/// A known event added to the method's figure (justering), e.g. unbudgeted IT security.
public struct Adjustment: Sendable, Equatable {
    /// Kronor, added to the forecast (a cost is positive in a net-cost unit).
    public var amount: Double
    public var note: String
    /// `capital_costs`: the amount is the unit's capital-cost change (forecast − budget),
    /// filled in from the investments section.
    public var source: String?

    public init(amount: Double, note: String, source: String? = nil) {
        self.amount = amount; self.note = note; self.source = source
    }
}

public struct ForecastSpec: Sendable {
    public var method: ForecastMethod
    /// The `manual` figure, kronor.
    public var value: Double?
    public var adjustments: [Adjustment]
    /// Years of history for `profile` and `trend` (default 3).
    public var years: Int

    public init(method: ForecastMethod, value: Double? = nil, adjustments: [Adjustment] = [], years: Int = 3) {
        self.method = method; self.value = value; self.adjustments = adjustments; self.years = years
    }
}

/// One row of the operating statement (driftsammandrag) as the file gives it; amounts in kronor.
public struct OperatingUnitInput: Sendable {
    public var id: String
    public var name: String
    public var parent: String?
    public var reportedAs: ReportedAs
    /// Annual net budget (budget).
    public var budget: Double?
    /// Budget to date (budget jan–M).
    public var budgetYTD: Double?
    /// Actual net cost to date (redovisat jan–M).
    public var actualYTD: Double?
    /// Actual for the same period last year (redovisat samma period föregående år).
    public var actualYTDPrior: Double?
    /// Last year's full-year outcome (bokslut).
    public var outcomePrior: Double?
    public var forecast: ForecastSpec?
    public var location: SourceLocation
    /// Printed deviations, gross lines, blank cells, budget lineage, comment (operating.md "Real reports as printed").
    public var printed = PrintedRow()

    public init(id: String, name: String, parent: String? = nil, reportedAs: ReportedAs = .netCost, budget: Double? = nil,
                budgetYTD: Double? = nil, actualYTD: Double? = nil, actualYTDPrior: Double? = nil, outcomePrior: Double? = nil,
                forecast: ForecastSpec?, location: SourceLocation) {
        self.id = id; self.name = name; self.parent = parent; self.reportedAs = reportedAs; self.budget = budget
        self.budgetYTD = budgetYTD; self.actualYTD = actualYTD; self.actualYTDPrior = actualYTDPrior
        self.outcomePrior = outcomePrior; self.forecast = forecast; self.location = location
    }
}

/// The columns a printed report sums, and `reported_totals` may state.
public enum TotalColumn: String, Sendable, CaseIterable {
    case actualYTD = "actual_ytd", budgetYTD = "budget_ytd", deviationYTD = "deviation_ytd"
    case actualYTDPrior = "actual_ytd_prior", forecast, budget, deviation
    case outcomePrior = "outcome_prior"
}

/// "varav kostnader / varav intäkter" at total level (rule O12), as printed.
public struct GrossFigures: Sendable {
    public struct Part: Sendable {
        public init(forecast: Double? = nil, budget: Double? = nil, outcomePrior: Double? = nil) {
            self.forecast = forecast
            self.budget = budget
            self.outcomePrior = outcomePrior
        }
        public var forecast: Double?
        public var budget: Double?
        public var outcomePrior: Double?
        /// budget − forecast, for costs and income alike (rule O12).
        public var deviation: Double? { budget.flatMap { b in forecast.map { b - $0 } } }
    }
    public var costs: Part
    public var income: Part
}

public struct OperatingInput: Sendable {
    public var units: [OperatingUnitInput]
    /// Sums printed in a report, to reconcile against (kronor, where written).
    public var reportedTotals: [TotalColumn: (value: Double, location: SourceLocation)]
    public var gross: GrossFigures?
    /// Monthly actuals and budget with history (`operating.ledger`).
    public var ledger: Ledger?
    public var location: SourceLocation
    /// Earlier forecast rounds and the forecast history (ForecastRounds.swift).
    public var rounds = ForecastRoundsInput()
    /// How the report prints its amounts (rule O13); the engine's figures are net-cost positive.
    public var signConvention: SignConvention = .netCostPositive
    /// "Analys och kommentar" for the whole statement.
    public var comment: String?
    /// Decimals the report prints (default: the unit's); the rounding tolerances count in that digit.
    public var printedDecimals: Int?

    public init(units: [OperatingUnitInput], reportedTotals: [TotalColumn: (value: Double, location: SourceLocation)] = [:],
                gross: GrossFigures? = nil, ledger: Ledger?, location: SourceLocation) {
        self.units = units; self.reportedTotals = reportedTotals; self.gross = gross; self.ledger = ledger; self.location = location
    }
}

/// The declared keys of the `operating` section.
public enum OperatingSpecs {
    public static let operating = SectionSpec("operating",
        "The operating statement (driftsammandrag): units, their forecasts, and the totals a report printed.",
        keys: [
            KeySpec("units", .list("operating.units[]"), required: true, "the rows of the statement"),
            KeySpec("reported_totals", .section("operating.reported_totals"), "sums as printed in the report, reconciled against the rows (rule O8)"),
            KeySpec("gross", .section("operating.gross"), "\"varav kostnader / varav intäkter\" rows (rule O12)"),
            KeySpec("ledger", .file, "monthly actuals and budget with history: CSV `unit,period,type,amount` (optional `account`)"),
            KeySpec("forecast_history", .file, "past years' forecast rounds: CSV `unit,year,as_of,forecast,outcome` (net cost positive); forecast accuracy per round month (rule O19)"),
            KeySpec("sign_convention", .choice(SignConvention.allCases.map(\.rawValue)),
                    "how the report prints: `net_cost_positive` (default) or `net_cost_negative` (net costs −, income +); amounts are written as printed (rule O13)"),
            KeySpec("comment", .text, "the statement's \"Analys och kommentar\", printed under the tables"),
            KeySpec("printed_decimals", .integer, "decimals the report prints (default 1 for mnkr, 0 for tkr and kr); rounding tolerances count in that digit"),
        ])

    public static let unit = SectionSpec("operating.units[]",
        "One unit (stab, förvaltning). Amounts are net costs, or results for `reported_as: result`.",
        keys: [
            KeySpec("id", .text, required: true, "unique identifier, used by `parent`, `--set operating.units[ID]…` and JSON"),
            KeySpec("name", .text, required: true, "the name printed in tables"),
            KeySpec("parent", .text, "id of the unit this one belongs to (förvaltning → stab → enhet); totals sum the leaves (rule O9), a parent's own figures are printed subtotals (rule O14)"),
            KeySpec("reported_as", .choice(ReportedAs.allCases.map(\.rawValue)), "`net_cost` (default) or `result` (deviation = forecast − budget)"),
            KeySpec("budget", .amount, "annual net budget (Budget), or a lineage `{original, changes, printed}` (rule O21)"),
            KeySpec("budget_ytd", .amount, "budget to date (Budget jan–M); default `budget × M / 12`"),
            KeySpec("actual_ytd", .amount, "actual to date (Redovisat jan–M)"),
            KeySpec("actual_ytd_prior", .amount, "actual for the same period last year"),
            KeySpec("outcome_prior", .amount, "last year's outcome (Bokslut)"),
            KeySpec("forecast", .section("operating.units[].forecast"), "how the full-year forecast is made; absent = no forecast"),
            KeySpec("previous_forecast", .section("previous_forecast"), "earlier forecast rounds this year: `{as_of, value}` or a list of them, oldest first (rule O18)"),
            KeySpec("deviation", .amount, "the full-year deviation as printed (favourable-positive; rule O15)"),
            KeySpec("deviation_ytd", .amount, "the deviation to date as printed (rule O15)"),
            KeySpec("gross", .section("operating.units[].gross"), "the unit's costs and income as printed (rule O16)"),
            KeySpec("comment", .text, "the unit's \"Analys och kommentar\", printed under the tables"),
        ])

    public static let forecast = SectionSpec("operating.units[].forecast",
        "The full-year forecast (prognos helår): a method, and adjustments added to its figure.",
        keys: [
            KeySpec("method", .choice(ForecastMethod.allCases.map(\.rawValue)), required: true,
                    "`manual` (the value given), `budget_remaining` (A + B − B_M), `run_rate` (A × 12 / M), `profile` (A / s_M), `trend` (least squares)"),
            KeySpec("years", .integer, "years of history for `profile` and `trend` (default 3)"),
            KeySpec("value", .amount, "the controller's figure, for `method: manual` only"),
            KeySpec("adjustments", .list("operating.units[].forecast.adjustments[]"), "known events added to the method's figure"),
        ])

    public static let adjustment = SectionSpec("operating.units[].forecast.adjustments[]",
        "A judgement added to the method's figure, shown beside it; or `{from: capital_costs}`.",
        keys: [
            KeySpec("amount", .amount, "added to the forecast (net cost: a cost is positive); required unless `from`"),
            KeySpec("note", .text, "why, e.g. \"IT-säkerhet, ej budgeterat\"; required unless `from`"),
            KeySpec("from", .choice(["capital_costs"]), "`capital_costs`: the unit's capital-cost change (forecast − budget) from the investments section"),
        ])

    public static let reportedTotals = SectionSpec("operating.reported_totals",
        "The \"Summa nettokostnader\" row as printed, per column.",
        keys: TotalColumn.allCases.map { KeySpec($0.rawValue, .amount, "printed total of `\($0.rawValue)`") })

    public static let gross = SectionSpec("operating.gross",
        "Gross costs and income of the total (rule O12), as printed.",
        keys: [
            KeySpec("costs", .section("operating.gross.costs"), "varav kostnader"),
            KeySpec("income", .section("operating.gross.income"), "varav intäkter (negative, as printed)"),
        ])

    public static let grossPart = SectionSpec("operating.gross.costs | operating.gross.income",
        "One gross row; deviation = budget − forecast (rule O12).",
        keys: [
            KeySpec("forecast", .amount, "Prognos helår"),
            KeySpec("budget", .amount, "Budget"),
            KeySpec("outcome_prior", .amount, "Bokslut föregående år"),
        ])
}

extension OperatingInput {
    /// Reads the `operating` section; errors go to the log and reading goes on.
    static func read(_ r: MapReader, limits: InputLimits) -> OperatingInput {
        var units: [OperatingUnitInput] = []
        var seen: [String: SourceLocation] = [:]
        var rounds = ForecastRoundsInput()
        for item in r.list("units") ?? [] {
            let fallback = "operating.units[\(units.count)]"
            let idText = item["id"]?.scalarText
            guard let u = MapReader(item, spec: OperatingSpecs.unit,
                                    context: idText.map { "operating.units[\($0)]" } ?? fallback, r.ctx) else {
                if item.isNull { r.ctx.log.error("empty unit in operating.units", at: item.location) }
                continue
            }
            guard let id = u.text("id"), let name = u.text("name") else { continue }
            if let first = seen[id] {
                u.error("duplicate unit id '\(id)' (first at \(first))", at: "id")
                continue
            }
            seen[id] = u.location(of: "id")
            let (budget, lineage) = PrintedSpecs.budget(u)
            units.append(OperatingUnitInput(
                id: id, name: name, parent: u.text("parent"),
                reportedAs: u.choice("reported_as").flatMap(ReportedAs.init(rawValue:)) ?? .netCost,
                budget: budget, budgetYTD: u.amount("budget_ytd"), actualYTD: u.amount("actual_ytd"),
                actualYTDPrior: u.amount("actual_ytd_prior"), outcomePrior: u.amount("outcome_prior"),
                forecast: u.section("forecast", spec: OperatingSpecs.forecast).flatMap(readForecast),
                location: u.location))
            rounds.read(unit: id, u)
            units[units.count - 1].printed = PrintedSpecs.row(u, lineage: lineage)
        }

        var totals: [TotalColumn: (Double, SourceLocation)] = [:]
        if let t = r.section("reported_totals", spec: OperatingSpecs.reportedTotals) {
            for column in TotalColumn.allCases {
                if let v = t.amount(column.rawValue) { totals[column] = (v, t.location(of: column.rawValue)) }
            }
        }
        var gross: GrossFigures?
        if let g = r.section("gross", spec: OperatingSpecs.gross) {
            func part(_ key: String) -> GrossFigures.Part {
                guard let p = g.section(key, spec: OperatingSpecs.grossPart) else { return .init() }
                return .init(forecast: p.amount("forecast"), budget: p.amount("budget"), outcomePrior: p.amount("outcome_prior"))
            }
            gross = GrossFigures(costs: part("costs"), income: part("income"))
        }
        var ledger: Ledger?
        if let file = r.text("ledger"),
           let path = SourceLoader.dataFile(file, key: "ledger", at: r.location(of: "ledger"), limits: limits, log: r.ctx.log) {
            ledger = Ledger.read(path: path, units: units.map(\.id), limits: limits, ctx: r.ctx,
                                 includedFrom: r.location(of: "ledger"))
        }
        rounds.readHistory(r, units: units.map(\.id), limits: limits)
        var input = OperatingInput(units: units, reportedTotals: totals, gross: gross, ledger: ledger, location: r.location)
        input.rounds = rounds
        input.signConvention = r.choice("sign_convention").flatMap(SignConvention.init(rawValue:)) ?? .netCostPositive
        input.comment = r.text("comment")
        if let d = r.integer("printed_decimals") {
            if (0...3).contains(d) { input.printedDecimals = d } else { r.error("printed_decimals must be 0 … 3, found \(d)", at: "printed_decimals") }
        }
        input.applySignConvention()
        return input
    }

    private static func readForecast(_ f: MapReader) -> ForecastSpec? {
        var adjustments: [Adjustment] = []
        for (i, item) in (f.list("adjustments") ?? []).enumerated() {
            guard let a = MapReader(item, spec: OperatingSpecs.adjustment, context: "\(f.context).adjustments[\(i)]", f.ctx) else { continue }
            if let source = a.choice("from") {
                if a.has("amount") { a.error("'amount' comes from \(source); remove it", at: "amount") }
                adjustments.append(Adjustment(amount: 0, note: a.text("note") ?? "kapitalkostnader", source: source))
                continue
            }
            guard a.has("amount"), a.has("note") else {
                a.error("an adjustment needs 'amount' and 'note' (or 'from: capital_costs') in \(a.context)")
                continue
            }
            guard let amount = a.amount("amount"), let note = a.text("note") else { continue }
            adjustments.append(Adjustment(amount: amount, note: note))
        }
        guard let method = f.choice("method").flatMap(ForecastMethod.init(rawValue:)) else { return nil }
        let value = f.amount("value")
        let years = f.integer("years") ?? 3
        if !(1...30).contains(years) { f.error("years must be 1 … 30, found \(years)", at: "years") }
        if f.has("years") && !(method == .profile || method == .trend) {
            f.error("'years' is read by methods profile and trend only (\(f.context))", at: "years")
        }
        if method == .manual, !f.has("value") {
            f.error("method 'manual' needs 'value' (the controller's figure) in \(f.context)")
        } else if method != .manual, f.has("value") {
            f.error("'value' is only read with method 'manual'; method '\(method.rawValue)' computes its figure (\(f.context))",
                    at: "value")
        }
        return ForecastSpec(method: method, value: value, adjustments: adjustments, years: years)
    }
}

