/// A loan's repayment plan before maturity: `amount` at every `frequencyMonths` step
/// (the rest at maturity).
public struct Amortization: Sendable, Equatable {
    public var amount: Double
    public var frequencyMonths: Int

    public init(amount: Double, frequencyMonths: Int) {
        self.amount = amount
        self.frequencyMonths = frequencyMonths
    }
}

/// An external loan (lån): fixed or floating on STIBOR 3M. Amounts in kronor.
public struct Loan: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case fixed, floating }

    public var id: String
    public var kind: Kind
    /// The original face amount; amortisations before V are applied by the schedule.
    public var notional: Double
    public var start: Day
    public var maturity: Day
    /// Coupon of a fixed loan.
    public var rate: Double?
    /// Margin over the reference rate of a floating loan.
    public var margin: Double
    public var frequencyMonths: Int
    public var dayCount: DayCount
    /// Floor on the reference rate (golv), floating loans only.
    public var floor: Double?
    public var amortization: Amortization?
    /// Grön finansiering (green bonds and loans).
    public var green: Bool
    /// Kommuninvest, MTN, bank …
    public var lender: String?
    /// The rate the current period fixed at, when it began before V (rule T2).
    public var lastFixing: Double?
    public var location: SourceLocation?

    public init(id: String, kind: Kind, notional: Double, start: Day, maturity: Day, rate: Double?, margin: Double,
                frequencyMonths: Int, dayCount: DayCount, floor: Double?, amortization: Amortization?, green: Bool,
                lender: String?, lastFixing: Double?, location: SourceLocation?) {
        self.id = id; self.kind = kind; self.notional = notional; self.start = start; self.maturity = maturity
        self.rate = rate; self.margin = margin; self.frequencyMonths = frequencyMonths; self.dayCount = dayCount
        self.floor = floor; self.amortization = amortization; self.green = green; self.lender = lender
        self.lastFixing = lastFixing; self.location = location
    }
}

/// An interest-rate swap (ränteswap): pay fixed (receive STIBOR 3M) or the reverse.
/// Fixed leg 30E/360, float leg ACT/360, each on its own backward schedule.
public struct Swap: Sendable {
    public enum Pay: String, Sendable, CaseIterable { case fixed, floating }

    public var id: String
    /// `fixed`: pay fixed, receive floating (lengthens the fixing); `floating`: the reverse.
    public var pay: Pay
    public var notional: Double
    public var start: Day
    public var maturity: Day
    public var fixedRate: Double
    public var fixedFrequencyMonths: Int
    public var floatFrequencyMonths: Int
    public var lastFixing: Double?
    public var green: Bool
    public var lender: String?
    public var location: SourceLocation?
    /// The bank on the other side (`counterparty`), for `by_counterparty` and its policy.
    public var counterparty: String? = nil

    public init(id: String, pay: Pay, notional: Double, start: Day, maturity: Day, fixedRate: Double,
                fixedFrequencyMonths: Int, floatFrequencyMonths: Int, lastFixing: Double?, green: Bool,
                lender: String?, location: SourceLocation?) {
        self.id = id; self.pay = pay; self.notional = notional; self.start = start; self.maturity = maturity
        self.fixedRate = fixedRate; self.fixedFrequencyMonths = fixedFrequencyMonths
        self.floatFrequencyMonths = floatFrequencyMonths; self.lastFixing = lastFixing; self.green = green
        self.lender = lender; self.location = location
    }
}

extension Loan {
    /// Reads one loan from a YAML mapping or a CSV row and checks it; nil (with the
    /// errors logged) when it is not a usable loan. `amortization` comes from the
    /// nested YAML mapping or the CSV's flat columns.
    static func read(_ r: some FieldReader, amortization: (amount: Double?, frequency: Int?, given: Bool),
                     location: SourceLocation?) -> Loan? {
        guard let id = r.text("id") else { r.error("missing required field 'id' (\(r.context))", at: "id"); return nil }
        let what = "loan \(id)"
        let kindText = r.oneOf("type", Kind.allCases.map(\.rawValue))
        let notional = r.amount("notional"), start = r.date("start"), maturity = r.date("maturity")
        r.requireFields(["type", "notional", "start", "maturity"], for: what)
        let rate = r.rate("rate"), margin = r.rate("margin"), floor = r.rate("floor")
        let lastFixing = r.rate("last_fixing"), frequency = r.frequency("frequency"), dayCount = r.dayCount("day_count")
        let green = r.bool("green"), lender = r.text("lender")

        guard let kindText, let kind = Kind(rawValue: kindText), let notional, let start, let maturity else { return nil }
        var ok = true
        func fail(_ message: String, _ key: String) { r.error("\(message) for \(what)", at: key); ok = false }
        if r.has("counterparty") { fail("'counterparty' is for swaps; a loan names its 'lender'", "counterparty") }
        if notional <= 0 { fail("notional must be positive, found \(r.writtenAmount("notional", notional))", "notional") }
        if maturity <= start { fail("maturity \(maturity) is not after start \(start)", "maturity") }
        switch kind {
        case .fixed:
            if !r.has("rate") { fail("a fixed loan needs 'rate'", "rate") }
            if r.has("margin") { fail("'margin' is for floating loans; a fixed loan has 'rate'", "margin") }
            if r.has("floor") { fail("'floor' is for floating loans", "floor") }
            if r.has("last_fixing") { fail("'last_fixing' is for floating loans", "last_fixing") }
        case .floating:
            if r.has("rate") { fail("'rate' is for fixed loans; a floating loan has 'margin' over STIBOR 3M", "rate") }
        }
        var plan: Amortization?
        if amortization.given {
            if let a = amortization.amount, a > 0 {
                plan = Amortization(amount: a, frequencyMonths: amortization.frequency ?? 12)
            } else if amortization.amount != nil {
                fail("amortisation amount must be positive", "amortization")
            } else {
                fail("amortisation needs an amount", "amortization")
            }
        }
        guard ok, (kind == .floating || rate != nil) else { return nil }
        return Loan(id: id, kind: kind, notional: notional, start: start, maturity: maturity, rate: rate,
                    margin: margin ?? 0, frequencyMonths: frequency ?? (kind == .fixed ? 12 : 3),
                    dayCount: dayCount ?? (kind == .fixed ? .thirty360 : .act360), floor: floor,
                    amortization: plan, green: green ?? false, lender: lender, lastFixing: lastFixing,
                    location: location)
    }
}

extension Swap {
    static func read(_ r: some FieldReader, location: SourceLocation?) -> Swap? {
        guard let id = r.text("id") else { r.error("missing required field 'id' (\(r.context))", at: "id"); return nil }
        let what = "swap \(id)"
        let pay = r.oneOf("pay", Pay.allCases.map(\.rawValue))
        let notional = r.amount("notional"), start = r.date("start"), maturity = r.date("maturity")
        let fixedRate = r.rate("fixed_rate")
        r.requireFields(["pay", "notional", "start", "maturity", "fixed_rate"], for: what)
        let fixedFrequency = r.frequency("fixed_frequency"), floatFrequency = r.frequency("float_frequency")
        let lastFixing = r.rate("last_fixing"), green = r.bool("green"), lender = r.text("lender")
        guard let pay, let payKind = Pay(rawValue: pay), let notional, let start, let maturity, let fixedRate else { return nil }
        var ok = true
        if notional <= 0 {
            r.error("notional must be positive, found \(r.writtenAmount("notional", notional)) for \(what)", at: "notional")
            ok = false
        }
        if maturity <= start { r.error("maturity \(maturity) is not after start \(start) for \(what)", at: "maturity"); ok = false }
        guard ok else { return nil }
        var swap = Swap(id: id, pay: payKind, notional: notional, start: start, maturity: maturity, fixedRate: fixedRate,
                        fixedFrequencyMonths: fixedFrequency ?? 12, floatFrequencyMonths: floatFrequency ?? 3,
                        lastFixing: lastFixing, green: green ?? false, lender: lender, location: location)
        swap.counterparty = r.text("counterparty")
        return swap
    }
}
