/// Rule T26 in the document: a treasury year that starts before V carries `partial: true` and
/// its `realised` (1 January to the day before V) and `forecast` (V to 31 December) parts.
public struct TreasuryYearPart: Codable, Sendable, Equatable, OmittedWhenNil {
    public var from: String, to: String
    public var externalInterest: Double?, swapNet: Double?, internalIncome: Double?, marginIncome: Double?, municipalityNet: Double?
    enum CodingKeys: String, CodingKey {
        case from, to, externalInterest = "external_interest", swapNet = "swap_net", internalIncome = "internal_income"
        case marginIncome = "margin_income", municipalityNet = "municipality_net"
    }
    init(_ p: PartialYear.Part) {
        from = p.from.description
        to = p.to.description
        externalInterest = amount(p.externalInterest)
        swapNet = amount(p.swapNet)
        internalIncome = amount(p.internalIncome)
        marginIncome = amount(p.marginIncome)
        municipalityNet = amount(p.municipalityNet)
    }
}

extension TreasuryResult {
    /// Marks each scenario's partial year (rule T26).
    mutating func addPartialYears(_ t: TreasuryRun) {
        for i in scenarios.indices {
            guard let p = t.partialYears[scenarios[i].name],
                  let k = scenarios[i].years.firstIndex(where: { $0.year == p.year }) else { continue }
            scenarios[i].years[k].partial = Present(true)
            scenarios[i].years[k].realised = TreasuryYearPart(p.realised)
            scenarios[i].years[k].forecast = TreasuryYearPart(p.forecast)
        }
    }
}

/// Rule T25: one year's borrowing need (`treasury.borrowing_need[]`).
public struct BorrowingNeedYear: Codable, Sendable, Equatable {
    public var year: Int, amount: Double?
}
