import Foundation

/// One earlier forecast round in the JSON: `{as_of, value}` (value in kronor, net cost positive).
public struct ForecastRoundResult: Codable, Sendable, Equatable {
    public var asOf: String
    public var value: Double?
    enum CodingKeys: String, CodingKey { case asOf = "as_of", value }
}

/// `operating.forecast_accuracy` (spec operating.md, rule O19): `by_month[] {month, mae, mape,
/// bias, n}` for the total (with `excluded[] {year, units[]}`: the units left out of that
/// year's total), and `units[] {id, by_month[]}`. MAE and bias in kronor, MAPE a fraction.
public struct ForecastAccuracyResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct Excluded: Codable, Sendable, Equatable { public var year: Int, units: [String] }
    public struct Month: Codable, Sendable, Equatable {
        public var month: Int, mae: Double?, mape: Double?, bias: Double?, n: Int
        public var excluded: Present<[Excluded]>?
    }
    public struct Unit: Codable, Sendable, Equatable {
        public var id: String
        public var byMonth: [Month]
        enum CodingKeys: String, CodingKey { case id, byMonth = "by_month" }
    }
    public var byMonth: [Month]
    public var units: [Unit]
    enum CodingKeys: String, CodingKey { case byMonth = "by_month", units }
}

extension ForecastAccuracyResult {
    init(_ a: ForecastAccuracy) {
        func month(_ m: ForecastAccuracy.Month, total: Bool) -> Month {
            Month(month: m.month, mae: amount(m.mae), mape: figure(m.mape), bias: amount(m.bias), n: m.n,
                  excluded: total ? Present(m.excluded.map { Excluded(year: $0.year, units: $0.units) }) : nil)
        }
        byMonth = a.byMonth.map { month($0, total: true) }
        units = a.units.map { Unit(id: $0.id, byMonth: $0.byMonth.map { month($0, total: false) }) }
    }
}

extension OperatingResult {
    /// The rounds of the statement into the document (hook at the end of `init(_:)`).
    mutating func addRounds(_ s: OperatingStatement) {
        if s.isAnnualReport { annualReport = Present(true) }
        for (i, p) in s.units.enumerated() where i < units.count {
            guard let r = p.rounds else { continue }
            units[i].previousForecast = Present(r.previous.map { ForecastRoundResult(asOf: $0.asOf.description, value: amount($0.value)) })
            units[i].forecastChange = Present(amount(r.change))
            if s.isAnnualReport { units[i].forecastError = Present(amount(r.error)) }
        }
        if let t = s.totalRounds {
            total.previousForecast = Present(amount(s.totalPreviousForecast))
            total.forecastChange = Present(amount(t.change))
            if s.isAnnualReport { total.forecastError = Present(amount(t.error)) }
        }
        forecastAccuracy = s.accuracy.map(ForecastAccuracyResult.init)
    }

    /// True when some unit has an earlier round (the views' rounds table).
    var hasRounds: Bool { units.contains { $0.previousForecast != nil } }
    var isAnnualReport: Bool { annualReport?.value ?? false }
}
