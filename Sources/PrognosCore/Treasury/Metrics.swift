/// Risk metrics of the external portfolio on one date (treasury.md, Metrics). Times are
/// ACT/365F from the date; weights are outstanding external notional, D the total.
public struct PortfolioMetrics: Sendable {
    public var date: Day
    /// D: external debt outstanding.
    public var debt: Double
    /// Σ N × all-in rate / D; swaps add N × (fixed − current float fixing) (rule T14).
    public var averageRate: Double?
    /// Räntebindningstid: Σ fixing notional × t / D.
    public var fixingYears: Double?
    /// Kapitalbindningstid: Σ principal × t / D.
    public var maturityYears: Double?
    public var shareMaturing12m: Double?
    public var shareFixing12m: Double?
    /// Shares of fixing notional in "0-1", "1-3", "3-5", "5-7", ">7" years (rule T12).
    public var fixingBuckets: [Double]
    public var greenShare: Double?
    public var derivativeRatio: Double?
    /// Pay-fixed swap notional / floating debt (rule T15); nil when swaps hedge no floating debt.
    public var swapsWithinFloating: Double?
    public var maxSingleFixingYears: Double
    public var internalLending: Double
    public var internalLendingByBorrower: [Double]
    /// At V only: the swaps' present value under the initial curve (rule T20).
    public var swapMarketValue: Double?
    /// The metrics that swaps change, without the swaps (`…_excl_derivatives`).
    public var averageRateExclDerivatives: Double? = nil
    public var fixingYearsExclDerivatives: Double? = nil
    public var shareFixing12mExclDerivatives: Double? = nil
    public var fixingBucketsExclDerivatives: [Double] = []
    /// Andel rörlig ränta (rule T23), after swaps and without them.
    public var floatingShare: Double? = nil
    public var floatingShareExclDerivatives: Double? = nil
    /// Share of external debt per lender ("okänd" without one), and of swap notional per
    /// counterparty, in name order.
    public var byLender: [(name: String, share: Double)] = []
    public var byCounterparty: [(name: String, share: Double)] = []

    /// The largest named lender's share of debt (policy `max_lender_share`); "okänd" is no one lender.
    public var maxLenderShare: Double? {
        debt > 0 ? byLender.filter { $0.name != LenderShares.unknown }.map(\.share).max() ?? 0 : nil
    }
    /// The largest counterparty's share of swap notional (policy `max_counterparty_swaps`); 0 without swaps.
    public var maxCounterpartyShare: Double? { byCounterparty.map(\.share).max() ?? 0 }

    /// The value a policy rule checks.
    public func value(of rule: PolicyRule) -> Double? {
        switch rule {
        case .fixingYears: return fixingYears
        case .maturityYears: return maturityYears
        case .shareMaturing12m: return shareMaturing12m
        case .shareFixing12m: return shareFixing12m
        case .derivativeRatio: return derivativeRatio
        case .swapsWithinFloating: return swapsWithinFloating
        case .maxSingleFixingYears: return maxSingleFixingYears
        case .greenShare: return greenShare
        case .fixingBucket(let b): return PolicySpecs.bucketKeys.firstIndex(of: b).map { fixingBuckets[$0] }
        case .maxLenderShare: return maxLenderShare
        case .maxCounterpartySwaps: return maxCounterpartyShare
        }
    }
}

/// Per calendar year: principal falling due, and fixing notional (rule T20).
public struct Ladders: Sendable {
    public var maturity: [(year: Int, principal: Double)]
    public var fixing: [(year: Int, notional: Double)]
}

/// Risk metrics on many dates (V and each 31 December) under the base scenario, from the
/// instruments the plan resolved (`PortfolioPlan.debts`, `.swaps`) and its rule T2.
struct MetricsPortfolio {
    typealias Debt = ScheduledDebt

    let debts: [Debt]
    let swaps: [ScheduledSwap]
    let v: Day
    let preValuation: PreValuationFixings
    let borrowers: [String]
    /// What `metrics(at:)` reads on every date, worked out once (issue 20, item 4: a batch
    /// run asks for the metrics on V and each 31 December), the same values the loop computed
    /// on each date, so the same bits:
    /// - each debt's lender (existing loans first, in input order; "okänd" for new loans) and
    ///   each swap's counterparty (input order, as `swaps`) as `LenderShares.name` gives it
    ///   (`debtLenders`, `swapCounterparties`) and as an index among the distinct names
    ///   (equal as Swift compares strings, so canonically equivalent spellings are one name);
    /// - each debt's and swap's `CalendarTerm.years(start, maturity)`;
    /// - each internal loan's borrower index, notional and terms.
    let debtLenders: [String], lenderIndex: [Int], lenderCount: Int
    let swapCounterparties: [String], counterpartyIndex: [Int], counterpartyCount: Int
    let debtTerms: [Double], swapTerms: [Double]
    typealias Lending = (borrower: Int, notional: Double, terms: [(start: Day, maturity: Day)])
    let lendingTerms: [Lending]
    /// Each swap's fixed periods' 30/360 fractions and float periods' ACT/360 fractions
    /// (index i: the period ending on `fixedDates[i]` / `floatDates[i]`; 0 at i = 0), for
    /// `swapValues` on each date.
    let fixedFractions: [[Double]], floatFractions: [[Double]]

    /// `parRates` are the base scenario's (par + spread) per par event, for new fixed loans.
    init(_ input: TreasuryInput, plan: PortfolioPlan, parRates: [Double]) {
        self.init(input, schedule: plan.schedule, parRates: parRates)
    }

    /// From the plan's instruments alone (`PortfolioPlan.schedule(_:)`, the frontier's policy check).
    init(_ input: TreasuryInput, schedule plan: DebtSchedule, parRates: [Double]) {
        v = input.valuationDate
        preValuation = plan.preValuation
        borrowers = plan.borrowers
        debts = plan.debts.map { debt in
            guard let event = debt.parEvent else { return debt }
            var priced = debt
            priced.rate = parRates[event]
            return priced
        }
        swaps = plan.swaps
        let lenders = input.loans.map(\.lender) + Array(repeating: nil, count: max(0, plan.debts.count - input.loans.count))
        debtLenders = lenders.map(LenderShares.name)
        (lenderIndex, lenderCount) = Self.indexed(debtLenders)
        swapCounterparties = input.swaps.map { LenderShares.name($0.counterparty) }
        (counterpartyIndex, counterpartyCount) = Self.indexed(swapCounterparties)
        debtTerms = debts.map { CalendarTerm.years($0.start, $0.maturity) }
        swapTerms = swaps.map { CalendarTerm.years($0.start, $0.maturity) }
        fixedFractions = swaps.map { s in s.fixedDates.indices.map { $0 == 0 ? 0 : DayCount.thirty360.fraction(s.fixedDates[$0 - 1], s.fixedDates[$0]) } }
        floatFractions = swaps.map { s in s.floatDates.indices.map { $0 == 0 ? 0 : DayCount.act360.fraction(s.floatDates[$0 - 1], s.floatDates[$0]) } }
        var lending: [Lending] = []
        for loan in input.internalBank?.loans ?? [] {
            guard let b = plan.borrowers.firstIndex(of: loan.borrower) else { continue }
            lending.append((b, loan.notional, loan.terms(valuationDate: input.valuationDate, horizonEnd: plan.horizonEnd)))
        }
        lendingTerms = lending
    }

    /// Each name's index among the distinct names (in order of first appearance), and how
    /// many distinct names there are.
    static func indexed(_ names: [String]) -> (index: [Int], count: Int) {
        var position: [String: Int] = [:], index: [Int] = []
        index.reserveCapacity(names.count)
        for name in names {
            if let k = position[name] { index.append(k); continue }
            position[name] = position.count
            index.append(position.count - 1)
        }
        return (index, position.count)
    }

    /// The `[name: amount]` the shares are of: each name touched, spelt as by the instrument
    /// that touched it first on the date (`first`, −1: untouched), as a dictionary's
    /// `[name, default: 0] +=` keeps the key it was first given.
    static func amounts(_ names: [String], _ sums: [Double], _ first: [Int]) -> [String: Double] {
        var out: [String: Double] = [:]
        for k in sums.indices where first[k] >= 0 { out[names[first[k]]] = sums[k] }
        return out
    }

    /// The reference fixing of the period that began at `p`: the scenario's from V on, rule
    /// T2 before V.
    func fixing<S: RateScenario>(periodStart p: Day, periodEnd e: Day, lastFixing: Double?, _ scenario: S) -> Double {
        guard p < v else { return scenario.fixing(p) }
        return preValuation.fixing(fixedOn: p, periodEnd: e, lastFixing: lastFixing) ?? scenario.fixing(v)
    }

    /// The interest period [start, end) of `dates` containing `d` (start ≤ d < end).
    static func period(_ dates: [Day], containing d: Day) -> (Day, Day)? {
        guard let i = dates.lastIndex(where: { $0 <= d }), i + 1 < dates.count else { return nil }
        return (dates[i], dates[i + 1])
    }

    func metrics<S: RateScenario>(at date: Day, _ scenario: S, curve: ZeroCurve?) -> PortfolioMetrics {
        func t(_ d: Day) -> Double { d.years(since: date) }
        let in12m = date.addingMonths(12)
        let edges = [1, 3, 5, 7].map { date.addingMonths(12 * $0) }
        func bucket(_ d: Day) -> Int { edges.firstIndex { d <= $0 } ?? 4 }

        var debt = 0.0, rateSum = 0.0, fixingSum = 0.0, maturitySum = 0.0, maturing = 0.0, fixing12 = 0.0
        var buckets = [Double](repeating: 0, count: 5), green = 0.0, floatingDebt = 0.0, longest = 0.0
        let in3m = date.addingMonths(3)
        var floating3m = 0.0
        // Per lender / counterparty index: the sum in debt order from 0 (as a dictionary's
        // `[name, default: 0] +=`), and whether the name was touched (a key of the dictionary).
        var lenderDebt = [Double](repeating: 0, count: lenderCount), lenderFirst = [Int](repeating: -1, count: lenderCount)
        var counterpartyNotional = [Double](repeating: 0, count: counterpartyCount)
        var counterpartyFirst = [Int](repeating: -1, count: counterpartyCount)
        func fixAt(_ d: Day, _ amount: Double) {
            fixingSum += amount * t(d)
            if d <= in12m { fixing12 += amount }
            buckets[bucket(d)] += amount
        }
        for (i, x) in debts.enumerated() where x.start <= date && date < x.maturity {
            let outstanding = x.notional - x.repaid(by: date)
            guard outstanding > 1e-9 else { continue }
            debt += outstanding
            lenderDebt[lenderIndex[i]] += outstanding
            if lenderFirst[lenderIndex[i]] < 0 { lenderFirst[lenderIndex[i]] = i }
            if x.green { green += outstanding }
            for (d, amount) in x.repayments where d > date {
                maturitySum += amount * t(d)
                if d <= in12m { maturing += amount }
            }
            switch x.kind {
            case .fixed:
                rateSum += outstanding * x.rate
                for (d, amount) in x.repayments where d > date { fixAt(d, amount) }
                longest = max(longest, debtTerms[i])
                if x.maturity <= in3m { floating3m += outstanding }   // rule T23: its maturity resets the rate
            case .floating:
                floatingDebt += outstanding
                if let (p, e) = Self.period(x.resetDates, containing: date) {
                    let l = fixing(periodStart: p, periodEnd: e, lastFixing: x.lastFixing, scenario)
                    rateSum += outstanding * (max(x.floor ?? -.infinity, l) + x.margin)
                    fixAt(e, outstanding)
                    if e <= in3m { floating3m += outstanding }   // rule T23: the next fixing within 3 months
                }
            }
        }
        // Without derivatives: the loans alone.
        let loansOnly = (rate: rateSum, fixing: fixingSum, fixing12: fixing12, buckets: buckets, floating: floating3m)
        var swapNotional = 0.0, payFixed = 0.0
        for (j, s) in swaps.enumerated() where s.start <= date && date < s.maturity {
            let sign: Double = s.pay == .fixed ? 1 : -1
            swapNotional += s.notional
            counterpartyNotional[counterpartyIndex[j]] += s.notional
            if counterpartyFirst[counterpartyIndex[j]] < 0 { counterpartyFirst[counterpartyIndex[j]] = j }
            // Rule T23: a started pay-fixed swap moves its notional from floating to fixed until its maturity.
            floating3m -= sign * s.notional
            if s.pay == .fixed {
                payFixed += s.notional
                longest = max(longest, swapTerms[j])
            }
            if let (p, e) = Self.period(s.floatDates, containing: date) {
                let l = fixing(periodStart: p, periodEnd: e, lastFixing: s.lastFixing, scenario)
                rateSum += sign * s.notional * (s.fixedRate - l)
                fixAt(s.maturity, sign * s.notional)
                fixAt(e, -sign * s.notional)
            }
        }
        var lending = [Double](repeating: 0, count: borrowers.count)
        for loan in lendingTerms {
            for term in loan.terms where term.start <= date && date < term.maturity {
                lending[loan.borrower] += loan.notional
            }
        }
        let hasDebt = debt > 0
        func share(_ x: Double) -> Double? { hasDebt ? x / debt : nil }
        return PortfolioMetrics(
            date: date, debt: debt, averageRate: share(rateSum), fixingYears: share(fixingSum),
            maturityYears: share(maturitySum), shareMaturing12m: share(maturing), shareFixing12m: share(fixing12),
            fixingBuckets: buckets.map { hasDebt ? $0 / debt : 0 }, greenShare: share(green),
            derivativeRatio: share(swapNotional),
            swapsWithinFloating: floatingDebt > 0 ? payFixed / floatingDebt : (payFixed > 0 ? nil : 0),
            maxSingleFixingYears: longest, internalLending: lending.reduce(0, +), internalLendingByBorrower: lending,
            swapMarketValue: date == v ? curve.map { swapMarketValue($0, scenario) } : nil,
            averageRateExclDerivatives: share(loansOnly.rate), fixingYearsExclDerivatives: share(loansOnly.fixing),
            shareFixing12mExclDerivatives: share(loansOnly.fixing12),
            fixingBucketsExclDerivatives: loansOnly.buckets.map { hasDebt ? $0 / debt : 0 },
            floatingShare: share(floating3m), floatingShareExclDerivatives: share(loansOnly.floating),
            byLender: LenderShares.shares(Self.amounts(debtLenders, lenderDebt, lenderFirst), of: debt),
            byCounterparty: LenderShares.shares(Self.amounts(swapCounterparties, counterpartyNotional, counterpartyFirst), of: swapNotional))
    }

    /// Rule T20: Σ over swaps of PV(float leg) − PV(fixed leg) for pay-fixed (the reverse
    /// for receive-fixed) under the initial curve; the current float period at its fixing,
    /// later periods at the curve's forwards.
    func swapMarketValue<S: RateScenario>(_ curve: ZeroCurve, _ scenario: S) -> Double {
        let forwards = CurveScenario(curve: curve)
        var value = 0.0
        for s in swaps where s.maturity > v {
            let sign: Double = s.pay == .fixed ? 1 : -1
            var fixedLeg = 0.0, floatLeg = 0.0
            for i in 1..<s.fixedDates.count where s.fixedDates[i] > v {
                fixedLeg += s.notional * s.fixedRate * DayCount.thirty360.fraction(s.fixedDates[i - 1], s.fixedDates[i])
                    * curve.discount(s.fixedDates[i])
            }
            for i in 1..<s.floatDates.count where s.floatDates[i] > v {
                let p = s.floatDates[i - 1], e = s.floatDates[i]
                let l = p <= v ? fixing(periodStart: p, periodEnd: e, lastFixing: s.lastFixing, forwards) : forwards.fixing(p)
                floatLeg += s.notional * l * DayCount.act360.fraction(p, e) * curve.discount(e)
            }
            value += sign * (floatLeg - fixedLeg)
        }
        return value
    }

    /// Rule T20 ladders at V: existing principal falling due per calendar year, and
    /// fixing notional per calendar year (swaps ±).
    func ladders<S: RateScenario>(_ scenario: S, existingLoans: Int) -> Ladders {
        var maturity: [Int: Double] = [:], fixing: [Int: Double] = [:]
        for x in debts.prefix(existingLoans) where x.maturity > v && x.start <= v {
            for (d, amount) in x.repayments where d > v { maturity[d.year, default: 0] += amount }
            switch x.kind {
            case .fixed:
                for (d, amount) in x.repayments where d > v { fixing[d.year, default: 0] += amount }
            case .floating:
                let outstanding = x.notional - x.repaid(by: v)
                if let (_, e) = Self.period(x.resetDates, containing: v) { fixing[e.year, default: 0] += outstanding }
            }
        }
        for s in swaps where s.start <= v && v < s.maturity {
            let sign: Double = s.pay == .fixed ? 1 : -1
            fixing[s.maturity.year, default: 0] += sign * s.notional
            if let (_, e) = Self.period(s.floatDates, containing: v) { fixing[e.year, default: 0] -= sign * s.notional }
        }
        return Ladders(maturity: maturity.keys.sorted().map { ($0, maturity[$0]!) },
                       fixing: fixing.keys.sorted().map { ($0, fixing[$0]!) })
    }
}
