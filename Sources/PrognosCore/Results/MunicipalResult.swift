import Foundation

/// The `result` section of the document (spec/result.md "Outputs"): the resultaträkning, the
/// balanskravsutredning of the forecast year under the base scenario, every scenario's years
/// and deficits, the financial target, and with a simulation the distribution per year.
/// Kronor, signed as the resultaträkning prints them. Keys beyond the spec's (fiscal_year,
/// base_scenario, eliminated_internal_interest, realised_gains, placements, assumptions,
/// stderr, remaining, late, paths) are additive (docs/decisions.md "The result section").
public struct MunicipalResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Line: Codable, Sendable, Equatable {
        public var key: String
        public var budget: Double?, forecast: Double?, outcomePrior: Double?
        enum CodingKeys: String, CodingKey { case key, budget, forecast, outcomePrior = "outcome_prior" }
    }
    public struct Figures: Codable, Sendable, Equatable {
        public var budget: Double?, forecast: Double?, outcomePrior: Double?
        enum CodingKeys: String, CodingKey { case budget, forecast, outcomePrior = "outcome_prior" }
    }
    public struct Forecast: Codable, Sendable, Equatable { public var forecast: Double? }
    public struct Item: Codable, Sendable, Equatable { public var amount: Double?; public var note: String }
    public struct Gain: Codable, Sendable, Equatable { public var amount: Double?; public var note: String; public var exempt: Bool }
    public struct Fund: Codable, Sendable, Equatable {
        public var id: String, name: String
        public var openingValue: Double?, marketValue: Double?
        public var sellDate: String?, sellShare: Double?, proceeds: Double?, realised: Double?
        public var valueYearEnd: Double?, unrealised: Double?
        enum CodingKeys: String, CodingKey {
            case id, name, openingValue = "opening_value", marketValue = "market_value", sellDate = "sell_date", sellShare = "sell_share"
            case proceeds, realised, valueYearEnd = "value_year_end", unrealised
        }
    }
    public struct BalanskravLine: Codable, Sendable, Equatable { public var key: String; public var amount: Double? }
    public struct Balanskrav: Codable, Sendable, Equatable {
        public var lines: [BalanskravLine]
        public var afterAdjustments: Double?, balanskravsresultat: Double?
        enum CodingKeys: String, CodingKey { case lines, afterAdjustments = "after_adjustments", balanskravsresultat }
    }
    public struct Target: Codable, Sendable, Equatable { public var share: Double?, value: Double?; public var ok: Bool }
    public struct ScenarioYear: Codable, Sendable, Equatable {
        public var year: Int
        public var aretsResultat: Double?, balanskravsresultat: Double?, financialNet: Double?
        public var targetShare: Double?, targetOk: Bool?
        enum CodingKeys: String, CodingKey {
            case year, aretsResultat = "arets_resultat", balanskravsresultat, financialNet = "financial_net"
            case targetShare = "target_share", targetOk = "target_ok"
        }
    }
    public struct Deficit: Codable, Sendable, Equatable {
        public var year: Int
        public var amount: Double?
        public var restoreBy: Int, restored: Bool, waived: Bool
        /// What is still to restore after the run's years; `late`: past `restore_by`, not waived (R4's finding).
        public var remaining: Double?
        public var late: Bool
        enum CodingKeys: String, CodingKey { case year, amount, restoreBy = "restore_by", restored, waived, remaining, late }
    }
    public struct Scenario: Codable, Sendable, Equatable {
        public var name: String, years: [ScenarioYear], deficits: [Deficit]
        /// The rate scenario's `label` (absent without one): a `simulate` document has no treasury
        /// section to take it from, and its tables show names, never ids (additive key).
        public var label: Present<String>? = nil
    }
    public struct Distribution: Codable, Sendable, Equatable {
        public var mean: Double?, stderr: Double?, p05: Double?, p50: Double?, p95: Double?
        /// P(value < 0): the balanskravsresultat's only.
        public var probNegative: Present<Double?>?
        enum CodingKeys: String, CodingKey { case mean, stderr, p05, p50, p95, probNegative = "prob_negative" }
    }
    public struct SimulationYear: Codable, Sendable, Equatable {
        public var year: Int, aretsResultat: Distribution, balanskravsresultat: Distribution
        enum CodingKeys: String, CodingKey { case year, aretsResultat = "arets_resultat", balanskravsresultat }
    }
    public struct Simulation: Codable, Sendable, Equatable, OmittedWhenNil { public var paths: Int, years: [SimulationYear] }

    public var fiscalYear: Int
    public var baseScenario: String
    public var lines: [Line]
    public var aretsResultat: Figures
    public var excludingItems: Forecast
    public var itemsAffectingComparability: [Item]
    public var realisedGains: [Gain]
    public var placements: [Fund]
    /// The internal interest `from: operating` added back to the net cost (forecast, budget); null without it.
    public var eliminatedInternalInterest: Figures?
    public var balanskrav: Balanskrav
    public var target: Target?
    public var byScenario: [Scenario]
    public var simulation: Simulation?
    public var assumptions: [String]

    enum CodingKeys: String, CodingKey {
        case fiscalYear = "fiscal_year", baseScenario = "base_scenario", lines, aretsResultat = "arets_resultat"
        case excludingItems = "excluding_items", itemsAffectingComparability = "items_affecting_comparability"
        case realisedGains = "realised_gains", placements, eliminatedInternalInterest = "eliminated_internal_interest"
        case balanskrav, target, byScenario = "by_scenario", simulation, assumptions
    }

    /// The base scenario's figures.
    public var base: Scenario? { byScenario.first { $0.name == baseScenario } ?? byScenario.first }
    /// Every deficit past its restoration year and not waived, per scenario (R4's finding).
    public var lateDeficits: [(scenario: String, deficit: Deficit)] {
        byScenario.flatMap { s in s.deficits.filter(\.late).map { (s.name, $0) } }
    }
}
