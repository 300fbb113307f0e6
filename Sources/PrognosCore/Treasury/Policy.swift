/// One finance-policy limit (finanspolicy), e.g. `fixing_years {min: 1.5, max: 5}` or
/// the bucket `fixing_buckets.0-1 [20 %, 50 %]`.
public struct PolicyLimit: Sendable, Equatable {
    /// The rule: `fixing_years`, `fixing_buckets.0-1`, … (its `key`).
    public var rule: PolicyRule
    public var min: Double?
    public var max: Double?
    public var location: SourceLocation?

    public init(rule: PolicyRule, min: Double?, max: Double?, location: SourceLocation? = nil) {
        self.rule = rule; self.min = min; self.max = max; self.location = location
    }

    /// Within [min, max]; a missing value (no floating debt to hedge) breaks any limit.
    public func holds(_ value: Double?) -> Bool {
        guard let value else { return false }
        return (min.map { value >= $0 - 1e-12 } ?? true) && (max.map { value <= $0 + 1e-12 } ?? true)
    }
}

/// A limit checked on a date.
public struct PolicyCheck: Sendable, Equatable {
    public var limit: PolicyLimit
    public var date: Day
    public var value: Double?
    public var ok: Bool
}

public enum PolicySpecs {
    public static let bucketKeys = ["0-1", "1-3", "3-5", "5-7", ">7"]

    public static let policy = SectionSpec("treasury.policy",
        "Finance-policy limits, checked at V and at each 31 December of the base scenario (`--check-policy` exits 1 on a breach).",
        keys: [
            KeySpec(PolicyRule.fixingYears.key, .section("{min, max}"), "räntebindningstid, years: `{min: 1.5, max: 5}`"),
            KeySpec(PolicyRule.maturityYears.key, .section("{min, max}"), "kapitalbindningstid, years"),
            KeySpec(PolicyRule.shareMaturing12m.key, .section("{min, max}"), "share of debt maturing within 12 months: `{max: 40%}`"),
            KeySpec(PolicyRule.shareFixing12m.key, .section("{min, max}"), "share of fixing notional within 12 months"),
            KeySpec(PolicyRule.bucketsKey, .section("bucket → [min, max]"), "`{\"0-1\": [20%, 50%], \"1-3\": [10%, 30%], …, \">7\": [0%, 20%]}`"),
            KeySpec(PolicyRule.derivativeRatio.key, .section("{min, max}"), "swap notional / debt"),
            KeySpec(PolicyRule.swapsWithinFloating.key, .section("{min, max}"), "pay-fixed swaps / floating debt (rule T15)"),
            KeySpec(PolicyRule.maxSingleFixingYears.key, .section("{min, max}"), "longest original fixing of one fixed loan or pay-fixed swap, years"),
            KeySpec(PolicyRule.greenShare.key, .section("{min, max}"), "green loans / debt"),
            KeySpec(PolicyRule.maxLenderShare.key, .section("{min, max}"), "one lender's share of external debt: `{max: 70%}` (at most 100 %)"),
            KeySpec(PolicyRule.maxCounterpartySwaps.key, .section("{min, max}"),
                    "one swap counterparty's share of swap notional: `{max: 50%}`; every swap then needs `counterparty`"),
        ])

    static let bounds = SectionSpec("treasury.policy.RULE", "A limit: `min`, `max` or both.",
        keys: [KeySpec("min", .text, "lower limit (years as a number; shares with %)"),
               KeySpec("max", .text, "upper limit")])

    static func read(_ r: MapReader) -> [PolicyLimit] {
        var out: [PolicyLimit] = []
        for rule in PolicyRule.fixed where r.has(rule.key) {
            guard let b = r.section(rule.key, spec: bounds) else { continue }
            let isYears = rule.isYears
            let parse: (String) -> Parsed<Double> = { text in isYears ? PolicySpecs.years(text) : Literal.rate(text) }
            let lo = b.node("min").flatMap { b.parse($0, key: "min", expected: "a limit", parse) }
            let hi = b.node("max").flatMap { b.parse($0, key: "max", expected: "a limit", parse) }
            if lo == nil && hi == nil && !b.has("min") && !b.has("max") { b.error("a limit needs 'min' or 'max' (\(b.context))") }
            if let lo, let hi, lo > hi { b.error("min is above max (\(b.context))") }
            if rule == .maxLenderShare || rule == .maxCounterpartySwaps {
                for (key, x) in [("min", lo), ("max", hi)] where (x ?? 0) > 1 + 1e-12 || (x ?? 0) < 0 {
                    b.error("a share limit must be within 0 % … 100 %, found \(Format.grouped(x! * 100, decimals: 2, decimalMark: ".", groupMark: "")) % (\(b.context))",
                            at: key)
                }
            }
            out.append(PolicyLimit(rule: rule, min: lo, max: hi, location: r.location(of: rule.key)))
        }
        for entry in r.dataMapping(PolicyRule.bucketsKey) ?? [] {
            guard bucketKeys.contains(entry.key) else {
                r.ctx.log.error("unknown fixing bucket '\(entry.key)'; the buckets are \(bucketKeys.joined(separator: ", "))"
                                + Suggest.phrase(for: entry.key, among: bucketKeys), at: entry.keyLocation)
                continue
            }
            guard case .sequence(let items, _) = entry.value, items.count == 2 else {
                r.ctx.log.error("expected [min, max] for fixing bucket '\(entry.key)', e.g. [20%, 50%]", at: entry.value.location)
                continue
            }
            let lo = r.parse(items[0], key: PolicyRule.bucketsKey, expected: "a share", Literal.rate)
            let hi = r.parse(items[1], key: PolicyRule.bucketsKey, expected: "a share", Literal.rate)
            guard let lo, let hi else { continue }
            if lo > hi { r.ctx.log.error("min is above max for fixing bucket '\(entry.key)'", at: entry.value.location) }
            out.append(PolicyLimit(rule: .fixingBucket(entry.key), min: lo, max: hi, location: entry.keyLocation))
        }
        return out
    }

    /// A number of years: a plain non-negative number (not a rate).
    static func years(_ text: String) -> Parsed<Double> {
        guard let v = Literal.decimal(text), v.isFinite, v >= 0, v <= 100 else {
            return .failure("expected a number of years such as 1.5, found '\(text)'")
        }
        return .success(v)
    }
}

/// The balance sheet for the equity ratio (soliditet), before the internal bank.
public struct BalanceSheet: Sendable, Equatable {
    public var equity: Double
    public var totalAssets: Double
    /// Pension commitments outside the balance sheet (ansvarsförbindelse), löneskatt included.
    public var pensionCommitments: Double

    public init(equity: Double, totalAssets: Double, pensionCommitments: Double) {
        self.equity = equity; self.totalAssets = totalAssets; self.pensionCommitments = pensionCommitments
    }

    static let spec = SectionSpec("treasury.balance_sheet",
        "The municipality's balance sheet before the internal bank (for the equity ratio).",
        keys: [
            KeySpec("equity", .amount, required: true, "eget kapital"),
            KeySpec("total_assets", .amount, required: true, "balansomslutning"),
            KeySpec("pension_commitments", .amount, "pension commitments outside the balance sheet, löneskatt included (default 0)"),
        ])

    static func read(_ r: MapReader) -> BalanceSheet? {
        guard let e = r.amount("equity"), let a = r.amount("total_assets") else { return nil }
        guard a > 0 else { r.error("total_assets must be positive", at: "total_assets"); return nil }
        return BalanceSheet(equity: e, totalAssets: a, pensionCommitments: r.amount("pension_commitments") ?? 0)
    }
}

/// Soliditet before and after the internal bank (treasury.md, Equity ratio; rule T18).
public struct EquityRatios: Sendable, Equatable {
    public var before: Double
    public var after: Double
    public var includingPensionsBefore: Double
    public var includingPensionsAfter: Double
    /// The on-lent amount outstanding at V, added to both sides of the balance sheet.
    public var onLent: Double

    /// equity / total assets; (equity − pension commitments) / total assets; "after" adds
    /// the on-lent amount to total assets (a receivable and a liability).
    public init(_ b: BalanceSheet, onLent: Double) {
        before = b.equity / b.totalAssets
        after = b.equity / (b.totalAssets + onLent)
        includingPensionsBefore = (b.equity - b.pensionCommitments) / b.totalAssets
        includingPensionsAfter = (b.equity - b.pensionCommitments) / (b.totalAssets + onLent)
        self.onLent = onLent
    }
}
