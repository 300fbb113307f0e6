import Foundation

/// The result of a run as one typed, `Codable` document: one value per section, whose coding
/// keys are the JSON contract of spec/files.md "JSON output" (nulls explicit, conditional keys
/// `OmittedWhenNil`). The JSON is encoded from it (`JSONOutput`), `prognos report` decodes it
/// with `JSONDecoder`, and every view (tables, CSV, HTML) renders from it (docs/architecture.md).
/// Amounts are kronor rounded to the öre (docs/decisions.md "Amounts to the öre"); rates,
/// shares and probabilities are in full.
public struct ResultDocument: Codable, Sendable, Equatable {
    public var name: String
    public var asOf: String?
    public var unit: String
    public var warnings: [WarningEntry]
    public var operating: OperatingResult?
    public var investments: InvestmentsResult?
    public var capitalCosts: CapitalCostsResult?
    public var treasury: TreasuryResult?
    public var simulation: SimulationResult?
    public var indicators: IndicatorsResult?
    /// The borrowing-strategy frontier (`prognos frontier`, spec frontier.md).
    public var frontier: FrontierResult? = nil
    /// The municipality's result and balanskravsutredning (spec/result.md).
    public var result: MunicipalResult?

    enum CodingKeys: String, CodingKey {
        case name, asOf = "as_of", unit, warnings, operating, investments, capitalCosts = "capital_costs", treasury, simulation, indicators
        case frontier
        case result
    }

    public var amountUnit: AmountUnit { AmountUnit(rawValue: unit) ?? .mnkr }

    /// Decodes a saved `--format json` result.
    public static func decode(_ data: Data) throws -> ResultDocument { try JSONDecoder().decode(ResultDocument.self, from: data) }

    /// A saved result read for `compare` and `report`: missing → 66; not JSON (with its line
    /// and column) or not a result (with the JSON path where it stops being one) → 65.
    public static func read(path: String) throws(InputFailure) -> ResultDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFailure(.missingInput, "\(path): cannot read the JSON result")
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputFailure(.badInput, "\(path): \(JSONProblem.describe(error, in: data))")
        }
        guard data.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{") else {
            throw InputFailure(.badInput, "\(path): \(JSONProblem.notAnObject)")
        }
        do {
            return try decode(data)
        } catch {
            // Valid JSON that Foundation calls invalid, with no path: a number its field cannot hold.
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty,
               let (at, value) = JSONProblem.unfitNumber(in: data, decodes: { (try? decode($0)) != nil }) {
                throw InputFailure(.badInput, "\(path): not a Prognos JSON result: '\(at)' should hold a whole number, found \(value)")
            }
            throw InputFailure(.badInput, "\(path): \(JSONProblem.describeDecoding(error))")
        }
    }
}

// MARK: operating

public struct OperatingResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Figures: Codable, Sendable, Equatable {
        public var actualYTD: Double?, budgetYTD: Double?, deviationYTD: Double?, actualYTDPrior: Double?
        public var forecast: Double?, budget: Double?, deviation: Double?, outcomePrior: Double?
        enum CodingKeys: String, CodingKey {
            case actualYTD = "actual_ytd", budgetYTD = "budget_ytd", deviationYTD = "deviation_ytd", actualYTDPrior = "actual_ytd_prior"
            case forecast, budget, deviation, outcomePrior = "outcome_prior"
        }
    }
    public struct Band: Codable, Sendable, Equatable { public var p10: Double?, p50: Double?, p90: Double? }
    public struct Adjustment: Codable, Sendable, Equatable { public var amount: Double?; public var note: String }
    public struct MethodResult: Codable, Sendable, Equatable {
        public var years: [Int], forecasts: [Double?], outcomes: [Double?], errors: [Double?]
        public var n: Int, mae: Double?, mape: Double?, bias: Double?
    }
    public struct Backtest: Codable, Sendable, Equatable {
        public var methods: [String: MethodResult]
        public var recommended: String?
    }
    public struct Unit: Codable, Sendable, Equatable {
        public var id: String, name: String, parent: String?, reportedAs: String
        public var figures: Figures
        public var method: String?, methodValue: Double?
        public var adjustments: [Adjustment]
        public var band: Band?, bandReason: String
        public var methods: [String: Double?], methodsUnavailable: [String: String]
        public var backtest: Backtest?
        /// Forecast rounds (rule O18, O20; ForecastRoundsResult.swift): absent without `previous_forecast`.
        public var previousForecast: Present<[ForecastRoundResult]>? = nil
        public var forecastChange: Present<Double?>? = nil, forecastError: Present<Double?>? = nil
        /// Issue 17 (additive, absent unless the file gives them): "Real reports as printed".
        public var printed = PrintedFields()

        enum CodingKeys: String, CodingKey {
            case id, name, parent, reportedAs = "reported_as", method, methodValue = "method_value", adjustments, band
            case bandReason = "band_reason", methods, methodsUnavailable = "methods_unavailable", backtest
            case previousForecast = "previous_forecast", forecastChange = "forecast_change", forecastError = "forecast_error"
        }
        // The figures sit beside the unit's other keys in the contract.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id); name = try c.decode(String.self, forKey: .name)
            parent = try c.decodeIfPresent(String.self, forKey: .parent); reportedAs = try c.decode(String.self, forKey: .reportedAs)
            figures = try Figures(from: decoder)
            method = try c.decodeIfPresent(String.self, forKey: .method); methodValue = try c.decodeIfPresent(Double.self, forKey: .methodValue)
            adjustments = try c.decode([Adjustment].self, forKey: .adjustments)
            band = try c.decodeIfPresent(Band.self, forKey: .band); bandReason = try c.decode(String.self, forKey: .bandReason)
            methods = try c.decode([String: Double?].self, forKey: .methods)
            methodsUnavailable = try c.decode([String: String].self, forKey: .methodsUnavailable)
            backtest = try c.decodeIfPresent(Backtest.self, forKey: .backtest)
            previousForecast = try c.decodeIfPresent(Present<[ForecastRoundResult]>.self, forKey: .previousForecast)
            forecastChange = try c.decodeIfPresent(Present<Double?>.self, forKey: .forecastChange)
            forecastError = try c.decodeIfPresent(Present<Double?>.self, forKey: .forecastError)
            printed = try PrintedFields(from: decoder)
        }
        public func encode(to encoder: Encoder) throws {
            try figures.encode(to: encoder)
            try printed.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encodeIfPresent(parent, forKey: .parent)
            try c.encode(reportedAs, forKey: .reportedAs); try c.encodeIfPresent(method, forKey: .method)
            try c.encodeIfPresent(methodValue, forKey: .methodValue); try c.encode(adjustments, forKey: .adjustments)
            try c.encodeIfPresent(band, forKey: .band); try c.encode(bandReason, forKey: .bandReason)
            try c.encode(methods, forKey: .methods); try c.encode(methodsUnavailable, forKey: .methodsUnavailable)
            try c.encodeIfPresent(backtest, forKey: .backtest)
            try c.encodeIfPresent(previousForecast, forKey: .previousForecast)
            try c.encodeIfPresent(forecastChange, forKey: .forecastChange); try c.encodeIfPresent(forecastError, forKey: .forecastError)
        }
    }
    public struct Total: Codable, Sendable, Equatable {
        public var figures: Figures
        public var band: Band?, bandEstimator: String?, bandReason: String?, bandIndependent: Band?
        /// The sum of the net-cost leaves' latest earlier rounds, and the change and error (ForecastRoundsResult.swift).
        public var previousForecast: Present<Double?>? = nil, forecastChange: Present<Double?>? = nil, forecastError: Present<Double?>? = nil
        enum CodingKeys: String, CodingKey {
            case band, bandEstimator = "band_estimator", bandReason = "band_reason", bandIndependent = "band_independent"
            case previousForecast = "previous_forecast", forecastChange = "forecast_change", forecastError = "forecast_error"
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            figures = try Figures(from: decoder)
            band = try c.decodeIfPresent(Band.self, forKey: .band); bandEstimator = try c.decodeIfPresent(String.self, forKey: .bandEstimator)
            bandReason = try c.decodeIfPresent(String.self, forKey: .bandReason)
            bandIndependent = try c.decodeIfPresent(Band.self, forKey: .bandIndependent)
            previousForecast = try c.decodeIfPresent(Present<Double?>.self, forKey: .previousForecast)
            forecastChange = try c.decodeIfPresent(Present<Double?>.self, forKey: .forecastChange)
            forecastError = try c.decodeIfPresent(Present<Double?>.self, forKey: .forecastError)
        }
        public func encode(to encoder: Encoder) throws {
            try figures.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(band, forKey: .band); try c.encodeIfPresent(bandEstimator, forKey: .bandEstimator)
            try c.encodeIfPresent(bandReason, forKey: .bandReason); try c.encodeIfPresent(bandIndependent, forKey: .bandIndependent)
            try c.encodeIfPresent(previousForecast, forKey: .previousForecast)
            try c.encodeIfPresent(forecastChange, forKey: .forecastChange); try c.encodeIfPresent(forecastError, forKey: .forecastError)
        }
        init(figures: Figures, band: Band?, bandEstimator: String?, bandReason: String?, bandIndependent: Band?) {
            self.figures = figures; self.band = band; self.bandEstimator = bandEstimator; self.bandReason = bandReason
            self.bandIndependent = bandIndependent
        }
    }
    public struct Reconciliation: Codable, Sendable, Equatable {
        public var column: String, reported: Double?, computed: Double?, difference: Double?, tolerance: Double?, status: String
        /// The unit of a row check; null for the statement's total (issue 17).
        public var unit: String?
    }
    public struct GrossPart: Codable, Sendable, Equatable {
        public var forecast: Double?, budget: Double?, deviation: Double?, outcomePrior: Double?
        enum CodingKeys: String, CodingKey { case forecast, budget, deviation, outcomePrior = "outcome_prior" }
    }
    public struct Gross: Codable, Sendable, Equatable, OmittedWhenNil { public var costs: GrossPart, income: GrossPart }

    public var asOf: String, month: Int, fiscalYear: Int
    public var units: [Unit]
    public var total: Total
    public var reconciliation: [Reconciliation]
    public var assumptions: [String]
    public var gross: Gross?
    /// Present (true) in an annual report (rule O20); the accuracy over `forecast_history` (rule O19).
    public var annualReport: Present<Bool>? = nil
    public var forecastAccuracy: ForecastAccuracyResult? = nil

    /// The file's sign convention (rule O13); every amount here stays net-cost positive.
    /// Absent in results saved before issue 17 (they were all net_cost_positive).
    public var signConvention: Present<String>?
    /// The statement's "Analys och kommentar".
    public var comment: Present<String>?

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", month, fiscalYear = "fiscal_year", units, total, reconciliation, assumptions, gross
        case annualReport = "annual_report", forecastAccuracy = "forecast_accuracy"
        case signConvention = "sign_convention", comment
    }
}

extension OperatingResult.Unit {
    init(id: String, name: String, parent: String?, reportedAs: String, figures: OperatingResult.Figures, method: String?,
         methodValue: Double?, adjustments: [OperatingResult.Adjustment], band: OperatingResult.Band?, bandReason: String,
         methods: [String: Double?], methodsUnavailable: [String: String], backtest: OperatingResult.Backtest?) {
        self.id = id; self.name = name; self.parent = parent; self.reportedAs = reportedAs; self.figures = figures
        self.method = method; self.methodValue = methodValue; self.adjustments = adjustments; self.band = band
        self.bandReason = bandReason; self.methods = methods; self.methodsUnavailable = methodsUnavailable; self.backtest = backtest
    }
}

// MARK: investments and capital costs

public struct InvestmentsResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Split: Codable, Sendable, Equatable { public var timing: Double?, spend: Double?, rate: Double? }
    public struct Project: Codable, Sendable, Equatable {
        public var id: String, name: String, unit: String?, kind: String?, group: String?
        public var spentYTD: Double?, incomeYTD: Double?, forecastSpend: Double?, forecastIncome: Double?, forecastNet: Double?
        public var frame: Double?, deviation: Double?, carryOver: Double?
        public var activationPlanned: String?, activationForecast: String?
        public var capitalCostBudget: Double?, capitalCostForecast: Double?, capitalCostSplit: Split
        /// Forecast rounds (ForecastRoundsResult.swift): absent without `previous_forecast`.
        public var previousForecast: Present<[ForecastRoundResult]>? = nil
        public var forecastChange: Present<Double?>? = nil, forecastError: Present<Double?>? = nil
        /// `frame: {original, changes, printed}` (issue 17), absent otherwise.
        public var frameLineage: OperatingResult.Lineage?
        enum CodingKeys: String, CodingKey {
            case previousForecast = "previous_forecast", forecastChange = "forecast_change", forecastError = "forecast_error"
            case id, name, unit, kind, group, spentYTD = "spent_ytd", incomeYTD = "income_ytd", forecastSpend = "forecast_spend"
            case forecastIncome = "forecast_income", forecastNet = "forecast_net", frame, deviation, carryOver = "carry_over"
            case activationPlanned = "activation_planned", activationForecast = "activation_forecast"
            case capitalCostBudget = "capital_cost_budget", capitalCostForecast = "capital_cost_forecast", capitalCostSplit = "capital_cost_split"
            case frameLineage = "frame_lineage"
        }
    }
    public struct OfWhich: Codable, Sendable, Equatable {
        public var actualYTD: Double?, forecast: Double?
        enum CodingKeys: String, CodingKey { case actualYTD = "actual_ytd", forecast }
    }
    public struct Total: Codable, Sendable, Equatable {
        public var spentYTD: Double?, incomeYTD: Double?, forecastSpend: Double?, forecastIncome: Double?, forecastNet: Double?
        public var frame: Double?, deviation: Double?, carryOver: Double?
        public var ofWhichExpenditure: OfWhich, ofWhichIncome: OfWhich
        enum CodingKeys: String, CodingKey {
            case spentYTD = "spent_ytd", incomeYTD = "income_ytd", forecastSpend = "forecast_spend", forecastIncome = "forecast_income"
            case forecastNet = "forecast_net", frame, deviation, carryOver = "carry_over"
            case ofWhichExpenditure = "of_which_expenditure", ofWhichIncome = "of_which_income"
        }
    }
    public struct Group: Codable, Sendable, Equatable {
        public var group: String, spentYTD: Double?, forecastNet: Double?, frame: Double?, deviation: Double?
        /// Added with issue 15 (docs/decisions.md "Additive JSON keys for the views"): the group row of
        /// the text table shows every column of the total. Absent in results saved before.
        public var incomeYTD: Double?, forecastSpend: Double?, forecastIncome: Double?, carryOver: Double?
        /// A printed group row's frame lineage (issue 17), absent otherwise.
        public var frameLineage: OperatingResult.Lineage? = nil
        enum CodingKeys: String, CodingKey {
            case group, spentYTD = "spent_ytd", forecastNet = "forecast_net", frame, deviation
            case incomeYTD = "income_ytd", forecastSpend = "forecast_spend", forecastIncome = "forecast_income", carryOver = "carry_over"
            case frameLineage = "frame_lineage"
        }
    }
    public struct Reconciliation: Codable, Sendable, Equatable {
        public var column: String, reported: Double?, computed: Double?, difference: Double?, status: String
        /// A printed group row's check names its group; a frame lineage's its project (issue 17).
        public var group: Present<String>? = nil
        public var project: Present<String>? = nil
    }
    public var projects: [Project]
    public var total: Total
    public var byGroup: [Group]
    public var reconciliation: [Reconciliation]
    public var assumptions: [String]
    enum CodingKeys: String, CodingKey { case projects, total, byGroup = "by_group", reconciliation, assumptions }
}

public struct CapitalCostsResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Year: Codable, Sendable, Equatable { public var year: Int, depreciation: Double?, interest: Double?, total: Double? }
    public struct Unit: Codable, Sendable, Equatable {
        public var unit: String, budget: Double?, forecast: Double?, deviation: Double?, split: InvestmentsResult.Split
        /// The unit's name where the file names it (an operating unit of the same id). Added with
        /// issue 16 (names, not ids); absent in results saved before.
        public var name: String? = nil
        /// What a reader sees: the name, else the id as the file writes it; the projects without
        /// a unit (key `InvestmentRun.noUnit`) in the reader's `lang`, whatever the run's was.
        public func displayName(_ lang: Language) -> String {
            unit == InvestmentRun.noUnit ? Self.noUnitName(lang) : (name ?? unit)
        }
        /// As `displayName(_:)`, with the operating units' current names (id → name) first.
        func displayName(_ lang: Language, names: [String: String]) -> String {
            unit == InvestmentRun.noUnit ? Self.noUnitName(lang) : names[unit] ?? displayName(lang)
        }
        static func noUnitName(_ lang: Language) -> String { lang == .sv ? "(ingen enhet)" : "(no unit)" }
    }

    /// The by-unit table's sum ("Summa"): each figure summed over the units, a blank counting as
    /// 0 (rule O17) and blank only when every unit's is.
    var byUnitSum: Unit {
        func sum(_ figure: (Unit) -> Double?) -> Double? {
            let values = byUnit.compactMap(figure)
            return values.isEmpty ? nil : values.reduce(0, +)
        }
        return Unit(unit: "total", budget: sum(\.budget), forecast: sum(\.forecast), deviation: sum(\.deviation),
                    split: .init(timing: sum { $0.split.timing }, spend: sum { $0.split.spend }, rate: sum { $0.split.rate }))
    }
    public var years: [Year]
    public var budgetYears: [Year]
    public var byUnit: [Unit]
    public var scenario: String?
    enum CodingKeys: String, CodingKey { case years, budgetYears = "budget_years", byUnit = "by_unit", scenario }
}

// MARK: treasury

public struct TreasuryResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Borrower: Codable, Sendable, Equatable { public var id: String, name: String }
    public struct Year: Codable, Sendable, Equatable {
        public var year: Int, externalInterest: Double?, swapNet: Double?, internalIncome: Double?
        public var internalIncomeByBorrower: [String: Double?]
        public var marginIncome: Double?, municipalityNet: Double?, averageFundingRate: Double?, averageDebt: Double?, debtEnd: Double?
        /// Rule T26 (issue 19): a year that starts before V; absent otherwise.
        public var partial: Present<Bool>? = nil, realised: TreasuryYearPart? = nil, forecast: TreasuryYearPart? = nil
        enum CodingKeys: String, CodingKey {
            case year, externalInterest = "external_interest", swapNet = "swap_net", internalIncome = "internal_income"
            case internalIncomeByBorrower = "internal_income_by_borrower", marginIncome = "margin_income"
            case municipalityNet = "municipality_net", averageFundingRate = "average_funding_rate", averageDebt = "average_debt", debtEnd = "debt_end"
            case partial, realised, forecast
        }
    }
    public struct Scenario: Codable, Sendable, Equatable {
        public var name: String, years: [Year]
        /// Added with issue 19: the scenario's `label` (absent without one) and its swaps' market
        /// value at V and each 31 December (rule T24).
        public var label: Present<String>? = nil
        public var swapMarketValue: [SwapValue]? = nil
        /// What a reader sees: the label, else the name.
        public var display: String { label?.value ?? name }
        enum CodingKeys: String, CodingKey { case name, years, label, swapMarketValue = "swap_market_value" }
    }
    /// Rule T24: the swap book's market value on a date under one scenario.
    public struct SwapValue: Codable, Sendable, Equatable {
        public var date: String, total: Double?, bySwap: [String: Double?]
        enum CodingKeys: String, CodingKey { case date, total, bySwap = "by_swap" }
    }
    /// `treasury.comparatives` as given: last year's printed metrics, shown beside V.
    public struct Comparatives: Codable, Sendable, Equatable, OmittedWhenNil {
        public var date: String, debt: Double?, averageRate: Double?, fixingYears: Double?, maturityYears: Double?
        public var shareMaturing12m: Double?
        enum CodingKeys: String, CodingKey {
            case date, debt, averageRate = "average_rate", fixingYears = "fixing_years", maturityYears = "maturity_years"
            case shareMaturing12m = "share_maturing_12m"
        }
    }
    public struct SensitivityYear: Codable, Sendable, Equatable {
        public var year: Int, group: Double?, municipality: Double?, ruleOfThumb: Double?
        enum CodingKeys: String, CodingKey { case year, group, municipality, ruleOfThumb = "rule_of_thumb" }
    }
    /// The base scenario's figures with every rate shifted (`shift`).
    public struct ShiftedYear: Codable, Sendable, Equatable {
        public var year: Int, externalInterest: Double?, internalIncome: Double?, municipalityNet: Double?
        enum CodingKeys: String, CodingKey {
            case year, externalInterest = "external_interest", internalIncome = "internal_income", municipalityNet = "municipality_net"
        }
    }
    public struct Sensitivity: Codable, Sendable, Equatable {
        public var shift: Double?
        public var base: String
        public var years: [SensitivityYear]
        /// Added with issue 15 (docs/decisions.md "Additive JSON keys for the views"); absent in results saved before.
        public var shiftedYears: [ShiftedYear]?
        enum CodingKeys: String, CodingKey { case shift, base, years, shiftedYears = "shifted_years" }
    }
    /// The budget for the external interest cost of a year (`treasury.interest_budget`).
    public struct BudgetYear: Codable, Sendable, Equatable { public var year: Int, amount: Double? }
    public struct Lending: Codable, Sendable, Equatable {
        public var total: Double?
        public var byBorrower: [String: Double?]
        enum CodingKeys: String, CodingKey { case total, byBorrower = "by_borrower" }
    }
    public struct Metrics: Codable, Sendable, Equatable {
        public var date: String, debt: Double?, averageRate: Double?, fixingYears: Double?, maturityYears: Double?
        public var shareMaturing12m: Double?, shareFixing12m: Double?, fixingBuckets: [String: Double?]
        public var greenShare: Double?, derivativeRatio: Double?, swapsWithinFloating: Double?, maxSingleFixingYears: Double?
        public var internalLending: Lending
        /// At the valuation date only.
        public var swapMarketValue: Present<Double?>?
        /// Added with issue 19 (spec/files.md): the metrics swaps change, without them; andel
        /// rörlig ränta (T23); shares per lender and per swap counterparty. Absent in older results.
        public var averageRateExclDerivatives: Double? = nil, fixingYearsExclDerivatives: Double? = nil
        public var shareFixing12mExclDerivatives: Double? = nil, fixingBucketsExclDerivatives: [String: Double?]? = nil
        public var floatingShare: Double? = nil, floatingShareExclDerivatives: Double? = nil
        public var byLender: [String: Double?]? = nil, byCounterparty: [String: Double?]? = nil
        enum CodingKeys: String, CodingKey {
            case date, debt, averageRate = "average_rate", fixingYears = "fixing_years", maturityYears = "maturity_years"
            case shareMaturing12m = "share_maturing_12m", shareFixing12m = "share_fixing_12m", fixingBuckets = "fixing_buckets"
            case greenShare = "green_share", derivativeRatio = "derivative_ratio", swapsWithinFloating = "swaps_within_floating"
            case maxSingleFixingYears = "max_single_fixing_years", internalLending = "internal_lending", swapMarketValue = "swap_market_value"
            case averageRateExclDerivatives = "average_rate_excl_derivatives", fixingYearsExclDerivatives = "fixing_years_excl_derivatives"
            case shareFixing12mExclDerivatives = "share_fixing_12m_excl_derivatives"
            case fixingBucketsExclDerivatives = "fixing_buckets_excl_derivatives"
            case floatingShare = "floating_share", floatingShareExclDerivatives = "floating_share_excl_derivatives"
            case byLender = "by_lender", byCounterparty = "by_counterparty"
        }
        /// The figure of a policy rule's metric (`fixing_buckets.0-1` included).
        public func value(_ rule: PolicyRule) -> Double? {
            switch rule {
            case .fixingYears: return fixingYears
            case .maturityYears: return maturityYears
            case .maxSingleFixingYears: return maxSingleFixingYears
            case .shareMaturing12m: return shareMaturing12m
            case .shareFixing12m: return shareFixing12m
            case .derivativeRatio: return derivativeRatio
            case .swapsWithinFloating: return swapsWithinFloating
            case .greenShare: return greenShare
            case .fixingBucket(let b): return fixingBuckets[b] ?? nil
            case .maxLenderShare: return (byLender ?? [:]).filter { $0.key != LenderShares.unknown }.compactMap(\.value).max() ?? 0
            case .maxCounterpartySwaps: return (byCounterparty ?? [:]).compactMap(\.value).max() ?? 0
            }
        }
    }
    public struct Limit: Codable, Sendable, Equatable { public var min: Double?, max: Double? }
    public struct Check: Codable, Sendable, Equatable { public var rule: String, limit: Limit, value: Double?, ok: Bool, date: String }
    public struct Balance: Codable, Sendable, Equatable, OmittedWhenNil {
        public var soliditetBefore: Double?, soliditetAfter: Double?, soliditetInclPensionsBefore: Double?, soliditetInclPensionsAfter: Double?
        public var onLent: Double?
        enum CodingKeys: String, CodingKey {
            case soliditetBefore = "soliditet_before", soliditetAfter = "soliditet_after"
            case soliditetInclPensionsBefore = "soliditet_incl_pensions_before", soliditetInclPensionsAfter = "soliditet_incl_pensions_after"
            case onLent = "on_lent"
        }
    }

    public var valuationDate: String, debtAtValuation: Double?, baseScenario: String
    public var borrowers: [Borrower]
    public var scenarios: [Scenario]
    public var sensitivity: Sensitivity
    public var metrics: Metrics
    public var metricsYearEnd: [Metrics]
    public var maturityLadder: [Ladder.Principal]
    public var fixingLadder: [Ladder.Notional]
    public var policy: [Check]
    public var policyOK: Bool
    public var assumptions: [String]
    public var balance: Balance?
    /// Added with issue 15 (docs/decisions.md "Additive JSON keys for the views"): the interest
    /// budget by year, empty without one; absent in results saved before.
    public var interestBudget: [BudgetYear]?
    /// Added with issue 19: `treasury.comparatives` as given (absent without them).
    public var comparatives: Comparatives? = nil
    /// Rule T25: the borrowing need per year with `from_investments` (absent otherwise).
    public var borrowingNeed: Present<[BorrowingNeedYear]>? = nil

    public enum Ladder {
        public struct Principal: Codable, Sendable, Equatable { public var year: Int, principal: Double? }
        public struct Notional: Codable, Sendable, Equatable { public var year: Int, notional: Double? }
    }

    enum CodingKeys: String, CodingKey {
        case valuationDate = "valuation_date", debtAtValuation = "debt_at_valuation", baseScenario = "base_scenario", borrowers, scenarios
        case sensitivity, metrics, metricsYearEnd = "metrics_year_end", maturityLadder = "maturity_ladder", fixingLadder = "fixing_ladder"
        case policy, policyOK = "policy_ok", assumptions, balance, interestBudget = "interest_budget", comparatives
        case borrowingNeed = "borrowing_need"
    }

    public var base: Scenario? { scenarios.first { $0.name == baseScenario } ?? scenarios.first }
}

// MARK: simulation

public struct SimulationResult: Codable, Sendable, Equatable, OmittedWhenNil {
    /// Every statistic of a series in a year; the keys are `Statistic`'s.
    public struct Statistics: Codable, Sendable, Equatable {
        public var values: [Statistic: Double?]
        public subscript(_ s: Statistic) -> Double? { values[s] ?? nil }
        public init(values: [Statistic: Double?]) { self.values = values }
        struct Key: CodingKey {
            var stringValue: String; var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            var v: [Statistic: Double?] = [:]
            for s in Statistic.allCases { v[s] = try c.decodeIfPresent(Double.self, forKey: Key(stringValue: s.rawValue)) }
            values = v
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            for s in Statistic.allCases { try c.encodeIfPresent(self[s], forKey: Key(stringValue: s.rawValue)) }
        }
    }
    public struct Year: Codable, Sendable, Equatable {
        public var year: Int
        public var series: [SimulationSeries: Statistics]
        struct Key: CodingKey {
            var stringValue: String; var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        public init(year: Int, series: [SimulationSeries: Statistics]) { self.year = year; self.series = series }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            year = try c.decode(Int.self, forKey: Key(stringValue: "year"))
            var s: [SimulationSeries: Statistics] = [:]
            for k in SimulationSeries.allCases { s[k] = try c.decodeIfPresent(Statistics.self, forKey: Key(stringValue: k.rawValue)) }
            series = s
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(year, forKey: Key(stringValue: "year"))
            for k in SimulationSeries.allCases { if let v = series[k] { try c.encode(v, forKey: Key(stringValue: k.rawValue)) } }
        }
    }
    public struct Band: Codable, Sendable, Equatable { public var p05: Double?, p25: Double?, p50: Double?, p75: Double?, p95: Double? }
    public struct MonthBand: Codable, Sendable, Equatable {
        public var date: String, stibor: Band?, fundingRate: Band?
        enum CodingKeys: String, CodingKey { case date, stibor, fundingRate = "funding_rate" }
    }
    public struct CurveGap: Codable, Sendable, Equatable { public var tenor: String, model: Double?, curve: Double?, difference: Double? }

    public var model: String, paths: Int, seed: UInt64, rng: String, antithetic: Bool, horizonYears: Int
    public var meanReversion: Double?, volatility: Double?, bandPaths: Int
    public var years: [Year]
    public var bands: [MonthBand]
    public var assumptions: [String]
    /// The Vasicek fit (absent for Hull–White).
    public var longRun: Present<Double?>?, r0: Present<Double?>?, curveGap: Present<[CurveGap]>?

    enum CodingKeys: String, CodingKey {
        case model, paths, seed, rng, antithetic, horizonYears = "horizon_years", meanReversion = "mean_reversion", volatility
        case bandPaths = "band_paths", years, bands, assumptions, longRun = "long_run", r0, curveGap = "curve_gap"
    }
}

// MARK: indicators

public struct IndicatorsResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Target: Codable, Sendable, Equatable {
        public var direction: String?, min: Double?, below: Double?, value: Double?, better: String?
        // Only the target's own keys are written (spec/indicators.md "Output").
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if let direction { try c.encode(direction, forKey: .direction) }
            if let min { try c.encode(min, forKey: .min) }
            if let below { try c.encode(below, forKey: .below) }
            if let value { try c.encode(value, forKey: .value) }
            if let better { try c.encode(better, forKey: .better) }
        }
        public var target: IndicatorTarget? {
            if direction == "increase" { return .increase }
            if direction == "decrease" { return .decrease }
            if let min { return .min(min) }
            if let below { return .below(below) }
            if let value { return .value(value, higherIsBetter: better != "lower") }
            return nil
        }
    }
    public struct Summary: Codable, Sendable, Equatable {
        public var met: Int, notMet: Int, noData: Int, noTarget: Int
        enum CodingKeys: String, CodingKey { case met, notMet = "not_met", noData = "no_data", noTarget = "no_target" }
    }
    public struct Indicator: Codable, Sendable, Equatable {
        public var id: String, name: String, unit: String?
        /// By period: a value, null for I.U.; a blank period is absent.
        public var values: [String: Double?]
        public var decimals: [String: Int], targetDecimals: Int, refersTo: [String: Int]
        public var target: Target?
        public var status: String?, trend: String?
        public var breakdown: [String: [String: Double?]], breakdownDecimals: [String: [String: Int]]
        /// The breakdown's groups in the file's order (an object's keys are sorted). Added with
        /// issue 15 (docs/decisions.md "Additive JSON keys for the views"); absent in results saved before.
        public var breakdownGroups: [String]?
        public var note: String?
        enum CodingKeys: String, CodingKey {
            case id, name, unit, values, decimals, targetDecimals = "target_decimals", refersTo = "refers_to", target, status, trend
            case breakdown, breakdownDecimals = "breakdown_decimals", breakdownGroups = "breakdown_groups", note
        }
        /// The breakdown's groups in the file's order (sorted for a result saved without it).
        public var groups: [String] { breakdownGroups ?? breakdown.keys.sorted() }
    }
    public struct BoardGoal: Codable, Sendable, Equatable {
        public var name: String, description: String?, summary: Summary?, indicators: [Indicator]
    }
    public struct Area: Codable, Sendable, Equatable {
        public var name: String, goal: String?, periods: [String]
        public var boardGoals: [BoardGoal]
        enum CodingKeys: String, CodingKey { case name, goal, periods, boardGoals = "board_goals" }
    }
    public var assess: Bool
    public var assumptions: [String]
    public var periods: [String]
    public var areas: [Area]
}

/// The document's sections, in the order views show them. Every view renders each section
/// (an exhaustive `switch` over this enumeration); `ResultSectionTests` checks that each
/// section present in a document reaches every view.
public enum ResultSection: String, CaseIterable, Sendable {
    case operating, investments, capitalCosts = "capital_costs", treasury, simulation, indicators
    case frontier
    case result

    public func isPresent(in doc: ResultDocument) -> Bool {
        switch self {
        case .operating: return doc.operating != nil
        case .investments: return doc.investments != nil
        case .capitalCosts: return doc.capitalCosts != nil
        case .treasury: return doc.treasury != nil
        case .simulation: return doc.simulation != nil
        case .indicators: return doc.indicators != nil
        case .frontier: return doc.frontier != nil
        case .result: return doc.result != nil
        }
    }
}
