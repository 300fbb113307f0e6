import Foundation

/// One entry of the refinancing tenor mix: `share` of every repayment is re-borrowed
/// as a new `kind` loan of `tenor`.
public struct TenorMixEntry: Sendable {
    public var tenor: Tenor
    public var kind: Loan.Kind
    public var share: Double

    public init(tenor: Tenor, kind: Loan.Kind, share: Double) {
        self.tenor = tenor
        self.kind = kind
        self.share = share
    }
}

/// The `treasury` section as read: the external portfolio and how it is refinanced.
public struct TreasuryInput: Sendable {
    /// V, the valuation date.
    public var valuationDate: Day
    /// H: output years V.year … V.year + H − 1; refinancing within (V, V + H] (rules T1, T6).
    public var horizonYears: Int
    public var curve: ZeroCurve?
    /// Funding spread per tenor, linear in tenor between points, flat outside.
    public var fundingSpread: [(Tenor, Double)]
    public var loans: [Loan]
    public var swaps: [Swap]
    /// Nil: the portfolio runs off (rule T6).
    public var tenorMix: [TenorMixEntry]?
    public var newBorrowing: [(Day, Double)]
    /// Published STIBOR 3M fixings before V, a step function (rule T2).
    public var fixingHistory: [(Day, Double)]
    public var internalBank: InternalBankInput?
    public var balanceSheet: BalanceSheet?
    public var policy: [PolicyLimit]
    /// External interest budget per year (rule S4) and the municipality's net interest
    /// budget (rule S11), kronor.
    public var interestBudget: [Int: Double]
    public var netInterestBudget: [Int: Double]
    public var location: SourceLocation
    /// Last year's printed metrics (`comparatives`), shown beside V.
    public var comparatives: TreasuryComparatives? = nil
    /// `refinancing.from_investments: true` (its key's location) and the monthly borrowing need
    /// it added to `newBorrowing` (rule T25, `BorrowingNeed`).
    public var fromInvestments: SourceLocation? = nil
    public var borrowingNeed: [(Day, Double)] = []

    public init(valuationDate: Day, horizonYears: Int, curve: ZeroCurve?, fundingSpread: [(Tenor, Double)], loans: [Loan],
                swaps: [Swap], tenorMix: [TenorMixEntry]?, newBorrowing: [(Day, Double)], fixingHistory: [(Day, Double)],
                internalBank: InternalBankInput? = nil, balanceSheet: BalanceSheet? = nil, policy: [PolicyLimit] = [],
                interestBudget: [Int: Double] = [:], netInterestBudget: [Int: Double] = [:], location: SourceLocation) {
        self.valuationDate = valuationDate; self.horizonYears = horizonYears; self.curve = curve
        self.fundingSpread = fundingSpread; self.loans = loans; self.swaps = swaps; self.tenorMix = tenorMix
        self.newBorrowing = newBorrowing; self.fixingHistory = fixingHistory; self.internalBank = internalBank
        self.balanceSheet = balanceSheet; self.policy = policy; self.interestBudget = interestBudget
        self.netInterestBudget = netInterestBudget; self.location = location
    }

    /// The funding spread for a tenor: linear in the tenor's years between the given
    /// points, flat beyond the ends; 0 without points.
    public func spread(for tenor: Tenor) -> Double {
        guard let first = fundingSpread.first, let last = fundingSpread.last else { return 0 }
        let x = tenor.years
        if x <= first.0.years { return first.1 }
        if x >= last.0.years { return last.1 }
        for i in 1..<fundingSpread.count where fundingSpread[i].0.years >= x {
            let (t0, s0) = fundingSpread[i - 1], (t1, s1) = fundingSpread[i]
            return s0 + (s1 - s0) * (x - t0.years) / (t1.years - t0.years)
        }
        return last.1
    }
}

public enum TreasurySpecs {
    public static let treasury = SectionSpec("treasury",
        "The external debt portfolio (låneskuld), its refinancing and the initial curve.",
        keys: [
            KeySpec("valuation_date", .date, required: true, "V: the date the portfolio is valued at"),
            KeySpec("horizon_years", .integer, "H (default 10): output years V.year … V.year + H − 1"),
            KeySpec("curve", .section("treasury.curve"), "the initial zero curve"),
            KeySpec("funding_spread", .section("tenor → rate"), "spread over the par swap rate for new loans, by tenor (linear between points)"),
            KeySpec("loans", .list("treasury.loans[]"), "external loans, inline"),
            KeySpec("loans_file", .file, "external loans from a CSV (files.md columns), relative to this file"),
            KeySpec("swaps", .list("treasury.swaps[]"), "interest-rate swaps, inline"),
            KeySpec("swaps_file", .file, "swaps from a CSV (files.md columns)"),
            KeySpec("refinancing", .section("treasury.refinancing"), "how repayments are re-borrowed; without it the portfolio runs off (rule T6)"),
            KeySpec("fixing_history", .section("date → rate"), "published STIBOR 3M fixings before V (rule T2)"),
            KeySpec("internal_bank", .section("treasury.internal_bank"), "on-lending to the companies"),
            KeySpec("balance_sheet", .section("treasury.balance_sheet"), "for the equity ratio (soliditet)"),
            KeySpec("policy", .section("treasury.policy"), "finance-policy limits"),
            KeySpec("interest_budget", .section("year → amount"), "budgeted external interest per year (rule S4)"),
            KeySpec("net_interest_budget", .section("year → amount"), "budgeted municipality net interest per year (rule S11)"),
            KeySpec("comparatives", .section("treasury.comparatives"), "last year's printed metrics, shown beside V"),
        ])

    public static let curve = SectionSpec("treasury.curve",
        "Zero rates at pillar dates V + tenor (rule F5), continuously compounded, ACT/365F.",
        keys: [
            KeySpec("type", .choice(["zero"]), "`zero` (the only type)"),
            KeySpec("day_count", .choice(["ACT/365F"]), "`ACT/365F` (the only one)"),
            KeySpec("compounding", .choice(["continuous"]), "`continuous` (the only one)"),
            KeySpec("interpolation", .choice(ZeroCurve.Interpolation.allCases.map(\.rawValue)),
                    "`flat_forward` (default, rule F8) or `linear_zero`"),
            KeySpec("points", .section("tenor → rate"), required: true, "zero rates by tenor: `{3M: 3.95%, 1Y: 3.60%}`"),
        ])

    static let instrumentCommon = [
        KeySpec("id", .text, required: true, "unique among loans and swaps"),
        KeySpec("notional", .amount, required: true, "original face amount (amortisations before V are applied)"),
        KeySpec("start", .date, required: true, "start date"),
        KeySpec("maturity", .date, required: true, "maturity date (after start)"),
    ]

    public static let loan = SectionSpec("treasury.loans[]",
        "An external loan. Columns of `loans_file` are the same keys, with `amortization_amount` and `amortization_frequency`.",
        keys: [KeySpec("type", .choice(Loan.Kind.allCases.map(\.rawValue)), required: true, "`fixed` or `floating` (STIBOR 3M)")]
            + instrumentCommon + [
            KeySpec("rate", .rate, "coupon of a fixed loan"),
            KeySpec("margin", .rate, "margin over STIBOR 3M of a floating loan (default 0)"),
            KeySpec("frequency", .integer, "months between payments (default 12 fixed, 3 floating)"),
            KeySpec("day_count", .choice(DayCount.allCases.map(\.rawValue)), "default `30/360` fixed, `ACT/360` floating"),
            KeySpec("floor", .rate, "floor on the reference rate (floating)"),
            KeySpec("amortization", .section("treasury.loans[].amortization"), "repayments before maturity"),
            KeySpec("green", .boolean, "green loan or bond"),
            KeySpec("lender", .text, "Kommuninvest, MTN, bank …"),
            KeySpec("last_fixing", .rate, "the fixing of the current period if it began before V (rule T2)"),
            KeySpec("counterparty", .text, "not for loans (an error): a swap's counterparty; a loan names its `lender`"),
        ])

    public static let amortization = SectionSpec("treasury.loans[].amortization",
        "`amount` repaid at every `frequency`-month step before maturity (the rest at maturity).",
        keys: [
            KeySpec("amount", .amount, required: true, "repaid at each step (capped at the outstanding)"),
            KeySpec("frequency", .integer, "months between repayments (default 12)"),
        ])

    public static let swap = SectionSpec("treasury.swaps[]",
        "An interest-rate swap: fixed leg 30E/360, float leg ACT/360 on STIBOR 3M.",
        keys: instrumentCommon + [
            KeySpec("pay", .choice(Swap.Pay.allCases.map(\.rawValue)), required: true, "`fixed` (pay fixed, receive STIBOR) or `floating`"),
            KeySpec("fixed_rate", .rate, required: true, "the fixed rate"),
            KeySpec("fixed_frequency", .integer, "months between fixed payments (default 12)"),
            KeySpec("float_frequency", .integer, "months between float payments (default 3)"),
            KeySpec("last_fixing", .rate, "the float leg's current fixing if its period began before V"),
            KeySpec("green", .boolean, "counted in the green share"),
            KeySpec("lender", .text, "counterparty (kept for older files; `by_counterparty` reads `counterparty`)"),
            KeySpec("counterparty", .text, "the bank on the other side: `by_counterparty` shares and policy `max_counterparty_swaps`"),
        ])

    public static let refinancing = SectionSpec("treasury.refinancing",
        "Repayments within (V, V + H] are re-borrowed the same day by the tenor mix, recursively.",
        keys: [
            KeySpec("tenor_mix", .list("treasury.refinancing.tenor_mix[]"), required: true, "shares summing to 100 %"),
            KeySpec("new_borrowing", .list("treasury.refinancing.new_borrowing[]"),
                    "dated new borrowing on the same mix: a list of `{date, amount}` or a mapping `{DATE: amount}`"),
            KeySpec("from_investments", .boolean,
                    "`true`: borrow the investments section's net spend not covered by depreciation, each month after V on its last day (rule T25)"),
        ])

    public static let tenorMix = SectionSpec("treasury.refinancing.tenor_mix[]",
        "New fixed loans: par swap rate + funding spread, annual 30E/360; new floating: quarterly ACT/360, margin = funding spread, no floor (rule T7).",
        keys: [
            KeySpec("tenor", .text, required: true, "`3Y`, `18M` …"),
            KeySpec("type", .choice(Loan.Kind.allCases.map(\.rawValue)), required: true, "`fixed` or `floating`"),
            KeySpec("share", .rate, required: true, "share of each repayment, e.g. `50%`"),
        ])

    public static let newBorrowing = SectionSpec("treasury.refinancing.new_borrowing[]",
        "An amount borrowed on a date after V, on the tenor mix.",
        keys: [
            KeySpec("date", .date, required: true, "when (V < date ≤ V + H)"),
            KeySpec("amount", .amount, required: true, "how much"),
            KeySpec("note", .text, "why"),
        ])

    static let loanCSVColumns = ["id", "type", "notional", "start", "maturity", "rate", "margin", "frequency", "day_count",
                                 "floor", "amortization_amount", "amortization_frequency", "green", "lender", "last_fixing", "counterparty"]
    static let swapCSVColumns = ["id", "pay", "notional", "start", "maturity", "fixed_rate", "fixed_frequency",
                                 "float_frequency", "last_fixing", "green", "lender", "counterparty"]
}

extension TreasuryInput {
    /// Reads the `treasury` section; `directory` resolves `loans_file` and `swaps_file`.
    static func read(_ r: MapReader, limits: InputLimits) -> TreasuryInput? {
        let log = r.ctx.log
        let v = r.date("valuation_date")
        var horizon = r.integer("horizon_years") ?? 10
        if !(1...50).contains(horizon) {
            r.error("horizon_years must be 1 … 50, found \(horizon)", at: "horizon_years")
            horizon = 10
        }
        var curve: ZeroCurve?
        if let c = r.section("curve", spec: TreasurySpecs.curve), let v {
            _ = c.choice("type"); _ = c.choice("day_count"); _ = c.choice("compounding")
            let interpolation = c.choice("interpolation").flatMap(ZeroCurve.Interpolation.init(rawValue:)) ?? .flatForward
            let points = tenorRates(c, "points")
            if c.has("points") && points.isEmpty { c.error("the curve needs at least one point", at: "points") }
            if !points.isEmpty { curve = ZeroCurve(valuationDate: v, pillars: points, interpolation: interpolation) }
        }
        let spread = r.has("funding_spread") ? tenorRates(r, "funding_spread") : []

        // Ids are unique across loans and swaps, whether or not the instrument is valid.
        var seen: [String: SourceLocation] = [:]
        func register(_ id: String?, _ location: SourceLocation) {
            guard let id else { return }
            if let first = seen[id] {
                log.error("duplicate instrument id '\(id)' (first at \(first))", at: location)
            } else {
                seen[id] = location
            }
        }
        var loans: [Loan] = []
        for l in r.records("loans", spec: TreasurySpecs.loan) {
            register(l.text("id"), l.location(of: "id"))
            let a = l.section("amortization", spec: TreasurySpecs.amortization)
            let freq = a?.frequency("frequency")
            if let loan = Loan.read(l, amortization: (a?.amount("amount"), freq, l.has("amortization")), location: l.location) {
                loans.append(loan)
            }
        }
        if let file = r.text("loans_file"),
           let path = SourceLoader.dataFile(file, key: "loans_file", at: r.location(of: "loans_file"), limits: limits, log: log) {
            let key = "loans\u{0}\(path)\u{0}\(r.ctx.unit.rawValue)"
            let read = InputFileLog()   // the CSV these records stand for, kept with them in the cache
            if let cached = InputCache.shared.records(key, as: [Loan].self) {
                loans += cached.value
                cached.files.forEach { InputFileLog.current?.record($0) }
                for loan in cached.value { register(loan.id, loan.location ?? r.location) }
            } else {
                // Large files are read in chunks on all cores, others row by row (`LoanChunks`).
                let before = log.errors.count
                let fromFile = InputFileLog.$current.withValue(read) {
                    LoanChunks.read(path: path, ctx: r.ctx, limits: limits, includedFrom: r.location(of: "loans_file"),
                                    register: register, expect: { seen.reserveCapacity(seen.count + $0) })
                }
                read.all.forEach { InputFileLog.current?.record($0) }
                if let fromFile {
                    loans += fromFile
                    if log.errors.count == before { InputCache.shared.store(records: fromFile, files: read.all, key) }
                }
            }
        }
        var swaps: [Swap] = []
        for s in r.records("swaps", spec: TreasurySpecs.swap) {
            register(s.text("id"), s.location(of: "id"))
            if let swap = Swap.read(s, location: s.location) { swaps.append(swap) }
        }
        if let file = r.text("swaps_file"),
           let path = SourceLoader.dataFile(file, key: "swaps_file", at: r.location(of: "swaps_file"), limits: limits, log: log) {
            if let table = CSVTable.read(path: path, displayPath: path,
                                         required: ["id", "pay", "notional", "start", "maturity", "fixed_rate"],
                                         allowed: TreasurySpecs.swapCSVColumns, limits: limits, log: log,
                                         includedFrom: r.location(of: "swaps_file")) {
                for i in table.rows.indices {
                    let id = table.rows[i].fields[table.header.firstIndex(of: "id")!]
                    let rec = table.record(i, context: "swap \(id)", r.ctx)
                    register(id.isEmpty ? nil : id, rec.location)
                    if let swap = Swap.read(rec, location: rec.location) { swaps.append(swap) }
                }
            }
        }

        var mix: [TenorMixEntry]?
        var newBorrowing: [(Day, Double)] = []
        var fromInvestments: SourceLocation?
        if let f = r.section("refinancing", spec: TreasurySpecs.refinancing) {
            if f.bool("from_investments") == true { fromInvestments = f.location(of: "from_investments") }
            var entries: [TenorMixEntry] = []
            for e in f.records("tenor_mix", spec: TreasurySpecs.tenorMix) {
                guard let t = e.text("tenor") else { continue }
                guard let tenor = Tenor(t) else { e.error("expected a tenor such as 3Y or 18M, found '\(t)'", at: "tenor"); continue }
                guard let kind = e.choice("type").flatMap(Loan.Kind.init(rawValue:)), let share = e.rate("share") else { continue }
                if share <= 0 { e.error("share must be positive", at: "share"); continue }
                entries.append(TenorMixEntry(tenor: tenor, kind: kind, share: share))
            }
            let total = entries.reduce(0) { $0 + $1.share }
            if !entries.isEmpty && abs(total - 1) > 1e-9 {
                f.error("tenor_mix shares sum to \(Format.grouped(total * 100, decimals: 2, decimalMark: ".", groupMark: "")) %, not 100 %",
                        at: "tenor_mix")
            }
            mix = entries
            if let node = f.node("new_borrowing") {
                if case .mapping = node {
                    for entry in f.dataMapping("new_borrowing") ?? [] {
                        guard let d = f.parse(.scalar(entry.key, plain: true, entry.keyLocation), key: "new_borrowing",
                                              expected: "a date", Literal.date),
                              let a = f.parse(entry.value, key: "new_borrowing", expected: "an amount",
                                              { Literal.amount($0, unit: f.ctx.unit) }) else { continue }
                        newBorrowing.append((d, a))
                    }
                } else {
                    for b in f.records("new_borrowing", spec: TreasurySpecs.newBorrowing) {
                        if let d = b.date("date"), let a = b.amount("amount") { newBorrowing.append((d, a)) }
                    }
                }
            }
        }
        var history: [(Day, Double)] = []
        for entry in r.dataMapping("fixing_history") ?? [] {
            guard let d = r.parse(.scalar(entry.key, plain: true, entry.keyLocation), key: "fixing_history",
                                  expected: "a date", Literal.date),
                  let x = r.parse(entry.value, key: "fixing_history", expected: "a rate", Literal.rate) else { continue }
            history.append((d, x))
        }
        let bank = r.section("internal_bank", spec: InternalBankInput.spec).map { InternalBankInput.read($0, limits: limits) }
        let balance = r.section("balance_sheet", spec: BalanceSheet.spec).flatMap(BalanceSheet.read)
        let policy = r.section("policy", spec: PolicySpecs.policy).map(PolicySpecs.read) ?? []
        func budget(_ key: String) -> [Int: Double] {
            var out: [Int: Double] = [:]
            for entry in r.dataMapping(key) ?? [] {
                guard let year = Int(entry.key), (1900...2200).contains(year) else {
                    r.ctx.log.error("expected a year such as 2025, found '\(entry.key)' (key '\(key)' in \(r.context))", at: entry.keyLocation)
                    continue
                }
                if let a = r.parse(entry.value, key: key, expected: "an amount", { Literal.amount($0, unit: r.ctx.unit) }) { out[year] = a }
            }
            return out
        }
        let interestBudget = budget("interest_budget"), netInterestBudget = budget("net_interest_budget")
        let comparatives = r.section("comparatives", spec: TreasuryComparatives.spec).flatMap { TreasuryComparatives.read($0, valuationDate: v) }
        if policy.contains(where: { $0.rule == .maxCounterpartySwaps }) {
            for swap in swaps where (swap.counterparty ?? "").trimmingSpaces().isEmpty {
                log.error("swap \(swap.id) has no 'counterparty', which policy max_counterparty_swaps needs", at: swap.location ?? r.location)
            }
        }
        guard let v else { return nil }
        let end = v.addingMonths(12 * horizon)
        for (d, a) in newBorrowing {
            if !(d > v && d <= end) { r.error("new borrowing on \(d) is outside (V, V + H] = (\(v), \(end)]", at: "refinancing") }
            if a <= 0 { r.error("new borrowing on \(d) must be a positive amount", at: "refinancing") }
        }
        if !newBorrowing.isEmpty && (mix ?? []).isEmpty {
            r.error("new_borrowing needs a tenor_mix to borrow on", at: "refinancing")
        }
        var input = TreasuryInput(valuationDate: v, horizonYears: horizon, curve: curve, fundingSpread: spread.sorted { $0.0 < $1.0 },
                                  loans: loans, swaps: swaps, tenorMix: mix, newBorrowing: newBorrowing.sorted { $0.0 < $1.0 },
                                  fixingHistory: history.sorted { $0.0 < $1.0 }, internalBank: bank, balanceSheet: balance,
                                  policy: policy, interestBudget: interestBudget, netInterestBudget: netInterestBudget,
                                  location: r.location)
        input.comparatives = comparatives
        input.fromInvestments = fromInvestments
        return input
    }

    /// `{3M: 3.95%, 1Y: 3.60%}` under `key`: tenor keys, rate values.
    static func tenorRates(_ r: MapReader, _ key: String) -> [(Tenor, Double)] {
        var out: [(Tenor, Double)] = []
        for entry in r.dataMapping(key) ?? [] {
            guard let tenor = Tenor(entry.key) else {
                r.ctx.log.error("expected a tenor such as 3M or 5Y, found '\(entry.key)' (key '\(key)' in \(r.context))",
                                at: entry.keyLocation)
                continue
            }
            if out.contains(where: { $0.0 == tenor }) {
                r.ctx.log.error("tenor \(tenor) given twice (key '\(key)' in \(r.context))", at: entry.keyLocation)
                continue
            }
            if let x = r.parse(entry.value, key: key, expected: "a rate", Literal.rate) { out.append((tenor, x)) }
        }
        return out
    }

    /// A path written in `sourceFile`, relative to that file's folder (as the user named it).
    static func resolve(_ file: String, relativeTo sourceFile: String) -> String {
        if file.hasPrefix("/") || sourceFile.hasPrefix("--set") { return file }
        let folder = (sourceFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
    }
}
