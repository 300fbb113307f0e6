/// `treasury.comparatives`: last year's metrics as the annual report printed them, shown
/// beside the same metrics at V (treasury.md, "What treasury reports also need").
public struct TreasuryComparatives: Sendable, Equatable {
    public var date: Day
    public var debt: Double?
    public var averageRate: Double?
    public var fixingYears: Double?
    public var maturityYears: Double?
    public var shareMaturing12m: Double?

    static let spec = SectionSpec("treasury.comparatives",
        "Prior-year comparatives as printed last year (dated before V), shown beside the metrics at V.",
        keys: [
            KeySpec("date", .date, required: true, "the date the figures were measured on (before V)"),
            KeySpec("debt", .amount, "external debt"),
            KeySpec("average_rate", .rate, "average rate"),
            KeySpec("fixing_years", .text, "räntebindningstid, years (a number)"),
            KeySpec("maturity_years", .text, "kapitalbindningstid, years (a number)"),
            KeySpec("share_maturing_12m", .rate, "share maturing within 12 months"),
        ])

    static func read(_ r: MapReader, valuationDate v: Day?) -> TreasuryComparatives? {
        guard let date = r.date("date") else { return nil }
        if let v, date >= v {
            r.error("comparatives are dated \(date), on or after the valuation date \(v); they are last year's figures, dated before V",
                    at: "date")
            return nil
        }
        func years(_ key: String) -> Double? {
            r.node(key).flatMap { r.parse($0, key: key, expected: "a number of years", PolicySpecs.years) }
        }
        return TreasuryComparatives(date: date, debt: r.amount("debt"), averageRate: r.rate("average_rate"),
                                    fixingYears: years("fixing_years"), maturityYears: years("maturity_years"),
                                    shareMaturing12m: r.rate("share_maturing_12m"))
    }
}
