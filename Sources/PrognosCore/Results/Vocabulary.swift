/// The result's vocabulary, named once: each term carries its JSON key (the contract) and its
/// label in Swedish and English, for every view (tables, CSV, HTML).
public protocol Term: Sendable {
    var key: String { get }
    func label(_ lang: Language) -> String
}

/// A statistic of a simulated series (spec/simulation.md "Output").
public enum Statistic: String, Term, CaseIterable, Codable {
    case mean, sd, stderr, min, max, p01, p05, p10, p25, p50, p75, p90, p95, p99, car95, car99, es95
    case probOverBudget = "prob_over_budget"

    public var key: String { rawValue }
    /// Whether the statistic is in the series' unit (kronor for amount series); the probability is not.
    public var inSeriesUnit: Bool { self != .probOverBudget }
    public func label(_ lang: Language) -> String {
        switch self {
        case .mean: return lang == .sv ? "Medel" : "Mean"
        case .sd: return lang == .sv ? "Standardavvikelse" : "Std dev"
        case .stderr: return lang == .sv ? "(medelfel)" : "(stderr)"
        case .min: return "Min"
        case .max: return "Max"
        case .probOverBudget: return lang == .sv ? "P(över budget)" : "P(over budget)"
        default: return rawValue.uppercased().replacingOccurrences(of: "CAR", with: "CaR")
        }
    }
}

/// A simulated series, per year (spec/simulation.md "Output").
public enum SimulationSeries: String, Term, CaseIterable, Codable {
    case externalInterest = "external_interest", internalIncome = "internal_income", municipalityNet = "municipality_net"
    case averageFundingRate = "average_funding_rate"
    /// The swap book's market value at each year end (rule T24; only with swaps).
    case swapMarketValue = "swap_market_value"

    public var key: String { rawValue }
    /// Kronor (to the öre in the JSON), or a rate in full.
    public var isAmount: Bool { self != .averageFundingRate }
    public func label(_ lang: Language) -> String {
        switch (self, lang) {
        case (.externalInterest, .sv): return "Extern räntekostnad"
        case (.externalInterest, .en): return "External interest cost"
        case (.internalIncome, .sv): return "Intern ränteintäkt"
        case (.internalIncome, .en): return "Internal interest income"
        case (.municipalityNet, .sv): return "Kommunens räntenetto"
        case (.municipalityNet, .en): return "Municipality's net interest"
        case (.averageFundingRate, .sv): return "Genomsnittlig låneränta"
        case (.averageFundingRate, .en): return "Average funding rate"
        case (.swapMarketValue, .sv): return "Swapparnas marknadsvärde"
        case (.swapMarketValue, .en): return "Swap book market value"
        }
    }
}

/// A finance-policy rule (spec/rules.md T-rules, `treasury.policy`): its key in the policy
/// section and the JSON's `policy[].rule`.
public enum PolicyRule: Term, Hashable {
    case fixingYears, maturityYears, maxSingleFixingYears, shareMaturing12m, shareFixing12m, derivativeRatio
    case swapsWithinFloating, greenShare
    case fixingBucket(String)
    /// One lender's share of external debt; one counterparty's share of swap notional (treasury.md).
    case maxLenderShare, maxCounterpartySwaps

    public static let fixed: [PolicyRule] = [.fixingYears, .maturityYears, .maxSingleFixingYears, .shareMaturing12m, .shareFixing12m,
                                             .derivativeRatio, .swapsWithinFloating, .greenShare, .maxLenderShare, .maxCounterpartySwaps]

    /// The policy section's key of the buckets' limits (`fixing_buckets: {"0-1": [20%, 50%], …}`).
    public static let bucketsKey = "fixing_buckets"

    public init?(key: String) {
        if key.hasPrefix(PolicyRule.bucketsKey + ".") { self = .fixingBucket(String(key.dropFirst(PolicyRule.bucketsKey.count + 1))); return }
        guard let r = PolicyRule.fixed.first(where: { $0.key == key }) else { return nil }
        self = r
    }

    public var key: String {
        switch self {
        case .fixingYears: return "fixing_years"
        case .maturityYears: return "maturity_years"
        case .maxSingleFixingYears: return "max_single_fixing_years"
        case .shareMaturing12m: return "share_maturing_12m"
        case .shareFixing12m: return "share_fixing_12m"
        case .derivativeRatio: return "derivative_ratio"
        case .swapsWithinFloating: return "swaps_within_floating"
        case .greenShare: return "green_share"
        case .fixingBucket(let b): return "\(PolicyRule.bucketsKey).\(b)"
        case .maxLenderShare: return "max_lender_share"
        case .maxCounterpartySwaps: return "max_counterparty_swaps"
        }
    }

    /// Years (printed with two decimals) rather than a share (a percentage).
    public var isYears: Bool { self == .fixingYears || self == .maturityYears || self == .maxSingleFixingYears }

    public func label(_ lang: Language) -> String {
        let sv = lang == .sv
        switch self {
        case .fixingYears: return sv ? "Räntebindningstid, år" : "Fixing period, years"
        case .maturityYears: return sv ? "Kapitalbindningstid, år" : "Capital maturity, years"
        case .maxSingleFixingYears: return sv ? "Längsta räntebindning, år" : "Longest single fixing, years"
        case .shareMaturing12m: return sv ? "Kapitalförfall inom 12 mån" : "Maturing within 12 months"
        case .shareFixing12m: return sv ? "Ränteförfall inom 12 mån" : "Fixing within 12 months"
        case .derivativeRatio: return sv ? "Derivatandel" : "Derivative ratio"
        case .swapsWithinFloating: return sv ? "Swappar i förhållande till rörlig skuld" : "Swaps against floating debt"
        case .greenShare: return sv ? "Andel gröna lån" : "Green share"
        case .fixingBucket(let b): return sv ? "Räntebindning \(b) år" : "Fixing \(b) y"
        case .maxLenderShare: return sv ? "Största långivarens andel" : "Largest lender's share"
        case .maxCounterpartySwaps: return sv ? "Största swapmotpartens andel" : "Largest swap counterparty's share"
        }
    }
}

extension PolicyRule {
    /// The short label of the metrics table (text and HTML); `label` is the policy tables' longer one.
    public func shortLabel(_ lang: Language) -> String {
        let sv = lang == .sv
        switch self {
        case .fixingYears: return sv ? "Räntebindningstid" : "Fixing period"
        case .maturityYears: return sv ? "Kapitalbindningstid" : "Capital maturity"
        case .maxSingleFixingYears: return sv ? "Längsta enskilda bindning" : "Longest single fixing"
        case .swapsWithinFloating: return sv ? "Swappar / rörlig skuld" : "Swaps / floating debt"
        case .fixingBucket: return name(lang)   // "Räntebindning 0–1 år", with an en dash
        case .shareMaturing12m, .shareFixing12m, .derivativeRatio, .greenShare, .maxLenderShare, .maxCounterpartySwaps:
            return label(lang)
        }
    }
}

/// A forecast method of the operating statement (spec/rules.md F-rules), as the JSON names it.
public enum MethodTerm: String, Term, CaseIterable {
    case manual, budgetRemaining = "budget_remaining", runRate = "run_rate", profile, trend

    public var key: String { rawValue }
    public func label(_ lang: Language) -> String {
        switch (self, lang) {
        case (.manual, .sv): return "manuell"
        case (.manual, .en): return "manual"
        case (.budgetRemaining, .sv): return "budget återstående"
        case (.budgetRemaining, .en): return "budget remaining"
        case (.runRate, .sv): return "takt hittills"
        case (.runRate, .en): return "run rate"
        case (.profile, .sv): return "säsongsprofil"
        case (.profile, .en): return "seasonal profile"
        case (.trend, _): return "trend"
        }
    }
}

// MARK: display names (issue 16: names, never codes, where a reader looks)

extension MethodTerm {
    /// The method's name as a controller says it: "Budget återstår", "Takt", "Säsongsprofil",
    /// "Trend", "Manuell".
    public func name(_ lang: Language) -> String {
        switch (self, lang) {
        case (.manual, .sv): return "Manuell"
        case (.manual, .en): return "Manual"
        case (.budgetRemaining, .sv): return "Budget återstår"
        case (.budgetRemaining, .en): return "Budget remaining"
        case (.runRate, .sv): return "Takt"
        case (.runRate, .en): return "Run rate"
        case (.profile, .sv): return "Säsongsprofil"
        case (.profile, .en): return "Seasonal profile"
        case (.trend, _): return "Trend"
        }
    }

    /// The name of a method the JSON writes as `key`; a key Prognos does not know is shown as written.
    public static func name(key: String?, _ lang: Language) -> String? {
        guard let key else { return nil }
        return MethodTerm(rawValue: key)?.name(lang) ?? key
    }
}

/// A short-rate model of the simulation (spec/simulation.md), as the JSON names it.
public enum ModelTerm: String, CaseIterable, Sendable {
    case hullWhite = "hull_white", vasicek

    public func name(_ lang: Language) -> String {
        switch self {
        case .hullWhite: return "Hull–White"
        case .vasicek: return "Vasicek"
        }
    }

    /// The name of the model the JSON writes as `key` (an unknown key as written).
    public static func name(key: String, _ lang: Language) -> String { ModelTerm(rawValue: key)?.name(lang) ?? key }
}

extension PolicyRule {
    /// The rule's name in a sentence or a summary, as the policy table heads it: "Kapitalförfall inom 12 mån", "Räntebindning 1–3 år".
    public func name(_ lang: Language) -> String {
        let sv = lang == .sv
        switch self {
        case .fixingYears: return sv ? "Räntebindningstid" : "Fixing period"
        case .maturityYears: return sv ? "Kapitalbindningstid" : "Capital maturity"
        case .maxSingleFixingYears: return sv ? "Längsta enskilda räntebindning" : "Longest single fixing"
        case .shareMaturing12m: return sv ? "Kapitalförfall inom 12 mån" : "Share maturing within 12 months"
        case .shareFixing12m: return sv ? "Ränteförfall inom 12 mån" : "Share fixing within 12 months"
        case .derivativeRatio: return sv ? "Derivatandel" : "Derivative ratio"
        case .swapsWithinFloating: return sv ? "Swappar i förhållande till rörlig skuld" : "Swaps against floating debt"
        case .greenShare: return sv ? "Andel gröna lån" : "Green share"
        case .fixingBucket(let b): return (sv ? "Räntebindning " : "Fixing ") + PolicyRule.bucketText(b) + (sv ? " år" : " years")
        case .maxLenderShare: return sv ? "Största långivarens andel" : "Largest lender's share"
        case .maxCounterpartySwaps: return sv ? "Största swapmotpartens andel" : "Largest swap counterparty's share"
        }
    }

    /// A bucket's label as a reader writes it: `0-1` → `0–1` (an en dash), `10+` unchanged.
    public static func bucketText(_ key: String) -> String { key.replacingOccurrences(of: "-", with: "–") }

    /// The name of the rule the JSON writes as `key` (an unknown key as written).
    public static func name(key: String, _ lang: Language) -> String { PolicyRule(key: key)?.name(lang) ?? key }
}
