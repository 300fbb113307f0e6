import Synchronization

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
    /// Whether `Box.put` takes the hand path for the types below (on unless a test compares).
    static let directBoxing = Atomic<Bool>(true)
}

extension ResultEncoder.Box {
    typealias Box = ResultEncoder.Box

    /// Boxes `value` by hand when its type is one of the hand-boxed ones; false otherwise.
    @inline(__always)
    func putDirect<T>(_ value: T) -> Bool {
        if T.self == [String: Double?].self {
            guard ResultEncoder.directBoxing.load(ordering: .relaxed) else { return false }
            putAmounts(Self.reinterpret(value, as: [String: Double?].self)); return true
        }
        if T.self == TreasuryResult.Year.self {
            guard ResultEncoder.directBoxing.load(ordering: .relaxed) else { return false }
            putYear(Self.reinterpret(value, as: TreasuryResult.Year.self)); return true
        }
        if T.self == TreasuryResult.SwapValue.self {
            guard ResultEncoder.directBoxing.load(ordering: .relaxed) else { return false }
            putSwapValue(Self.reinterpret(value, as: TreasuryResult.SwapValue.self)); return true
        }
        if T.self == TreasuryResult.Scenario.self {
            guard ResultEncoder.directBoxing.load(ordering: .relaxed) else { return false }
            putScenario(Self.reinterpret(value, as: TreasuryResult.Scenario.self)); return true
        }
        return false
    }

    // MARK: the types

    /// `TreasuryResult.Scenario`: name, years, label (absent without one), swap_market_value
    /// (null without one: an array is not `OmittedWhenNil`).
    private func putScenario(_ s: TreasuryResult.Scenario) {
        beginObject(4)
        add("name", string: s.name)
        let years = child("years")
        years.beginArray(s.years.count)
        for y in s.years { years.element().putYear(y) }
        if let label = s.label { add("label", string: label.value) }
        if let values = s.swapMarketValue {
            let list = child("swap_market_value")
            list.beginArray(values.count)
            for v in values { list.element().putSwapValue(v) }
        } else {
            child("swap_market_value").set(.null)
        }
    }

    /// `TreasuryResult.Year`; `partial`, `realised` and `forecast` are absent when nil (rule T26).
    private func putYear(_ y: TreasuryResult.Year) {
        beginObject(13)
        add("year", int: y.year)
        add("external_interest", y.externalInterest)
        add("swap_net", y.swapNet)
        add("internal_income", y.internalIncome)
        child("internal_income_by_borrower").putAmounts(y.internalIncomeByBorrower)
        add("margin_income", y.marginIncome)
        add("municipality_net", y.municipalityNet)
        add("average_funding_rate", y.averageFundingRate)
        add("average_debt", y.averageDebt)
        add("debt_end", y.debtEnd)
        if let partial = y.partial { add("partial", bool: partial.value) }
        if let realised = y.realised { child("realised").putPart(realised) }
        if let forecast = y.forecast { child("forecast").putPart(forecast) }
    }

    /// `TreasuryYearPart` (rule T26's realised or forecast part of a year).
    private func putPart(_ p: TreasuryYearPart) {
        beginObject(7)
        add("from", string: p.from)
        add("to", string: p.to)
        add("external_interest", p.externalInterest)
        add("swap_net", p.swapNet)
        add("internal_income", p.internalIncome)
        add("margin_income", p.marginIncome)
        add("municipality_net", p.municipalityNet)
    }

    /// `TreasuryResult.SwapValue` (rule T24).
    private func putSwapValue(_ v: TreasuryResult.SwapValue) {
        beginObject(3)
        add("date", string: v.date)
        add("total", v.total)
        child("by_swap").putAmounts(v.bySwap)
    }

    /// A `[String: Double?]` map: an object (empty too), a nil amount an explicit null. The
    /// order is the dictionary's, as `Dictionary.encode(to:)`; the writer sorts the keys.
    private func putAmounts(_ map: [String: Double?]) {
        beginObject(map.count)
        for (key, amount) in map { add(key, amount) }
    }

    // MARK: building

    private func beginObject(_ capacity: Int) {
        if kind != .object { kind = .object; entries = [] }
        entries.reserveCapacity(capacity)
    }

    private func beginArray(_ capacity: Int) {
        if kind != .array { kind = .array; array = [] }
        array.reserveCapacity(capacity)
    }

    private func child(_ key: String) -> Box {
        let b = Box()
        entries.append((key, b))
        return b
    }

    private func element() -> Box {
        let b = Box()
        array.append(b)
        return b
    }

    private func add(_ key: String, _ x: Double?) { child(key).set(x.map(Self.number) ?? .null) }
    private func add(_ key: String, int: Int) { child(key).set(.int(int)) }
    private func add(_ key: String, string: String) { child(key).set(.string(string)) }
    private func add(_ key: String, bool: Bool) { child(key).set(.bool(bool)) }
}
