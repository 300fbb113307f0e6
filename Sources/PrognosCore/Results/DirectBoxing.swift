/// The treasury result's most frequent nodes boxed by hand: the tree `Codable` builds for them,
/// node for node, without its containers (each keyed container is a heap-allocated existential
/// with generic metadata to look up). A `sweep-1000` run spent 15 % of its CPU encoding its
/// result, most of it in the treasury scenarios' years, swap values and the `[name: amount]`
/// maps (issue 20, item 4).
///
/// The contract is `Codable`'s: the same keys, an optional without a value an explicit null,
/// an `OmittedWhenNil` one absent, numbers through `Box.number` (null when not finite, no −0).
/// `ResultEncoder.directBoxing` turns the hand path off; the tests compare the two trees'
/// JSON for every shipped scenario, so a field added to one of these types and not here fails.
extension ResultEncoder {
    /// Whether `Box.put` takes the hand path for the types below: on, unless a test turns it
    /// off for its own task to compare (a task-local value, so tests running beside it are
    /// not affected; the batch's worker threads, outside any task, read the default).
    @TaskLocal static var directBoxing = true
}

extension ResultEncoder.Box {
    typealias Box = ResultEncoder.Box

    /// Boxes `value` by hand when its type is one of the hand-boxed ones (and the hand path
    /// is on); false otherwise.
    @inline(__always)
    func putDirect<T>(_ value: T) -> Bool {
        // A batch's repeated parts (BoxMemo.swift), boxed by hand when not met before.
        if T.self == TreasuryResult.Scenario.self || T.self == [TreasuryResult.Check].self
            || T.self == [TreasuryResult.Metrics].self, ResultEncoder.directBoxing, let memo = ResultEncoder.memo {
            return memo.put(value, into: self) { _ = putDirectOnce(value) }
        }
        return putDirectOnce(value)
    }

    /// `putDirect` without the memo.
    @inline(__always)
    private func putDirectOnce<T>(_ value: T) -> Bool {
        if T.self == [TreasuryResult.Check].self { return hand { putList(Self.reinterpret(value, as: [TreasuryResult.Check].self)) { $0.putCheck($1) } } }
        if T.self == [TreasuryResult.Metrics].self { return hand { putList(Self.reinterpret(value, as: [TreasuryResult.Metrics].self)) { $0.putMetrics($1) } } }
        if T.self == [String: Double?].self { return hand { putAmounts(Self.reinterpret(value, as: [String: Double?].self)) } }
        if T.self == TreasuryResult.Year.self { return hand { putYear(Self.reinterpret(value, as: TreasuryResult.Year.self)) } }
        if T.self == TreasuryResult.SwapValue.self { return hand { putSwapValue(Self.reinterpret(value, as: TreasuryResult.SwapValue.self)) } }
        if T.self == TreasuryResult.Scenario.self { return hand { putScenario(Self.reinterpret(value, as: TreasuryResult.Scenario.self)) } }
        if T.self == TreasuryResult.Check.self { return hand { putCheck(Self.reinterpret(value, as: TreasuryResult.Check.self)) } }
        if T.self == TreasuryResult.Metrics.self { return hand { putMetrics(Self.reinterpret(value, as: TreasuryResult.Metrics.self)) } }
        return false
    }

    /// Runs `put` when the hand path is on (the switch is read only for a hand-boxed type).
    @inline(__always)
    private func hand(_ put: () -> Void) -> Bool {
        guard ResultEncoder.directBoxing else { return false }
        put()
        return true
    }

    // MARK: the types

    // Each type's keys are appended in ascending String order (byte order: they are ASCII),
    // each once, and the box marked `keysSorted`: the writer does not sort them again.

    /// `TreasuryResult.Scenario`: name, years, label (absent without one), swap_market_value
    /// (null without one: an array is not `OmittedWhenNil`).
    private func putScenario(_ s: TreasuryResult.Scenario) {
        let fresh = beginObject(4)
        if let label = s.label { add("label", string: label.value) }
        add("name", string: s.name)
        if let values = s.swapMarketValue {
            let list = child("swap_market_value")
            list.beginArray(values.count)
            for v in values { list.element().putSwapValue(v) }
        } else {
            add("swap_market_value", nil)
        }
        let years = child("years")
        years.beginArray(s.years.count)
        for y in s.years { years.element().putYear(y) }
        keysSorted = fresh
    }

    /// An array of hand-boxed values, each a node of its own (as `Array.encode(to:)` boxes it).
    private func putList<E>(_ list: [E], _ put: (Box, E) -> Void) {
        beginArray(list.count)
        for e in list { put(element(), e) }
    }

    /// `TreasuryResult.Year`; `partial`, `realised` and `forecast` are absent when nil (rule T26).
    private func putYear(_ y: TreasuryResult.Year) {
        let fresh = beginObject(13)
        add("average_debt", y.averageDebt)
        add("average_funding_rate", y.averageFundingRate)
        add("debt_end", y.debtEnd)
        add("external_interest", y.externalInterest)
        if let forecast = y.forecast { child("forecast").putPart(forecast) }
        add("internal_income", y.internalIncome)
        child("internal_income_by_borrower").putAmounts(y.internalIncomeByBorrower)
        add("margin_income", y.marginIncome)
        add("municipality_net", y.municipalityNet)
        if let partial = y.partial { add("partial", bool: partial.value) }
        if let realised = y.realised { child("realised").putPart(realised) }
        add("swap_net", y.swapNet)
        add("year", int: y.year)
        keysSorted = fresh
    }

    /// `TreasuryYearPart` (rule T26's realised or forecast part of a year).
    private func putPart(_ p: TreasuryYearPart) {
        let fresh = beginObject(7)
        add("external_interest", p.externalInterest)
        add("from", string: p.from)
        add("internal_income", p.internalIncome)
        add("margin_income", p.marginIncome)
        add("municipality_net", p.municipalityNet)
        add("swap_net", p.swapNet)
        add("to", string: p.to)
        keysSorted = fresh
    }

    /// `TreasuryResult.SwapValue` (rule T24).
    private func putSwapValue(_ v: TreasuryResult.SwapValue) {
        let fresh = beginObject(3)
        child("by_swap").putAmounts(v.bySwap)
        add("date", string: v.date)
        add("total", v.total)
        keysSorted = fresh
    }

    /// `TreasuryResult.Check`: a policy rule's verdict on a date, its limit `{max, min}`.
    private func putCheck(_ c: TreasuryResult.Check) {
        let fresh = beginObject(5)
        add("date", string: c.date)
        let limit = child("limit")
        let limitFresh = limit.beginObject(2)
        limit.add("max", c.limit.max)
        limit.add("min", c.limit.min)
        limit.keysSorted = limitFresh
        add("ok", bool: c.ok)
        add("rule", string: c.rule)
        add("value", c.value)
        keysSorted = fresh
    }

    /// `TreasuryResult.Metrics` at V or a 31 December: the maps that may be missing are null
    /// then, `swap_market_value` (at V only) is absent.
    private func putMetrics(_ m: TreasuryResult.Metrics) {
        let fresh = beginObject(22)
        add("average_rate", m.averageRate)
        add("average_rate_excl_derivatives", m.averageRateExclDerivatives)
        add("by_counterparty", amounts: m.byCounterparty)
        add("by_lender", amounts: m.byLender)
        add("date", string: m.date)
        add("debt", m.debt)
        add("derivative_ratio", m.derivativeRatio)
        child("fixing_buckets").putAmounts(m.fixingBuckets)
        add("fixing_buckets_excl_derivatives", amounts: m.fixingBucketsExclDerivatives)
        add("fixing_years", m.fixingYears)
        add("fixing_years_excl_derivatives", m.fixingYearsExclDerivatives)
        add("floating_share", m.floatingShare)
        add("floating_share_excl_derivatives", m.floatingShareExclDerivatives)
        add("green_share", m.greenShare)
        let lending = child("internal_lending")
        let lendingFresh = lending.beginObject(2)
        lending.child("by_borrower").putAmounts(m.internalLending.byBorrower)
        lending.add("total", m.internalLending.total)
        lending.keysSorted = lendingFresh
        add("maturity_years", m.maturityYears)
        add("max_single_fixing_years", m.maxSingleFixingYears)
        add("share_fixing_12m", m.shareFixing12m)
        add("share_fixing_12m_excl_derivatives", m.shareFixing12mExclDerivatives)
        add("share_maturing_12m", m.shareMaturing12m)
        if let value = m.swapMarketValue { add("swap_market_value", value.value) }
        add("swaps_within_floating", m.swapsWithinFloating)
        keysSorted = fresh
    }

    /// An optional map: the map, or null without one (a dictionary is not `OmittedWhenNil`).
    private func add(_ key: String, amounts: [String: Double?]?) {
        if let amounts { child(key).putAmounts(amounts) } else { add(key, nil) }
    }

    /// A `[String: Double?]` map: an object (empty too), a nil amount an explicit null. The
    /// order is the dictionary's, as `Dictionary.encode(to:)`; the writer sorts the keys.
    private func putAmounts(_ map: [String: Double?]) {
        beginObject(map.count)
        for (key, amount) in map { add(key, amount) }
    }

    // MARK: building

    /// Makes the box an object; true when it had no entries yet (then the keys appended next
    /// are all it holds, and their order is the caller's).
    @discardableResult
    private func beginObject(_ capacity: Int) -> Bool {
        if kind != .object { kind = .object; entries = [] }
        entries.reserveCapacity(capacity)
        return entries.isEmpty
    }

    private func beginArray(_ capacity: Int) {
        if kind != .array { kind = .array; array = [] }
        array.reserveCapacity(capacity)
    }

    private func child(_ key: String) -> Box {
        let b = Box()
        entries.append((key, .box(b)))
        return b
    }

    private func element() -> Box {
        let b = Box()
        array.append(.box(b))
        return b
    }

    private func add(_ key: String, _ x: Double?) { entries.append((key, .leaf(x.map(Self.number) ?? .null))) }
    private func add(_ key: String, int: Int) { entries.append((key, .leaf(.int(int)))) }
    private func add(_ key: String, string: String) { entries.append((key, .leaf(.string(string)))) }
    private func add(_ key: String, bool: Bool) { entries.append((key, .leaf(.bool(bool)))) }
}
