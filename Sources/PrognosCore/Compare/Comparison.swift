import Foundation

/// `prognos compare BASE.json OTHER.json`: two saved results read as one difference (spec
/// operating.md "What-if"): per operating unit and the total for every figure, per investment
/// project and the total, per treasury scenario and year, and per simulation year where both
/// results have one. Every change is OTHER − BASE, in kronor; rows are matched by id
/// (scenarios by name, years by year) and a row only one side has is listed as `added` or
/// `removed` with the side's figures. JSON keys: docs/decisions.md "prognos compare".
public struct Comparison: Codable, Sendable, Equatable {
    /// One side of the comparison: the result's name and as-of date.
    public struct Side: Codable, Sendable, Equatable {
        public var name: String
        public var asOf: String?
        enum CodingKeys: String, CodingKey { case name, asOf = "as_of" }
    }
    /// One figure of a row: its JSON key in the result, both values and OTHER − BASE.
    public struct Figure: Codable, Sendable, Equatable {
        public var figure: String
        public var base: Double?
        public var other: Double?
        /// other − base; null when either side is null.
        public var change: Double?
    }
    /// A row: an operating unit (`id`), the total (`id` null, `status: total`), a project, a
    /// treasury scenario's year (`scenario`, `year`) or a simulation year.
    public struct Row: Codable, Sendable, Equatable {
        public var id: String?
        public var name: String
        public var scenario: String?
        public var year: Int?
        /// `matched`, `added` (only in OTHER), `removed` (only in BASE) or `total`.
        public var status: String
        public var figures: [Figure]
    }
    public struct Section: Codable, Sendable, Equatable {
        /// `operating`, `investments`, `treasury` or `simulation`.
        public var section: String
        public var rows: [Row]
    }

    public var base: Side
    public var other: Side
    /// The unit the tables print in (BASE's); every JSON and CSV amount is in kronor.
    public var unit: String
    public var sections: [Section]
    /// Sections only one of the two results has, by name (`operating`, …).
    public var onlyInBase: [String]
    public var onlyInOther: [String]

    enum CodingKeys: String, CodingKey {
        case base, other, unit, sections, onlyInBase = "only_in_base", onlyInOther = "only_in_other"
    }

    public var amountUnit: AmountUnit { AmountUnit(rawValue: unit) ?? .mnkr }
}

/// The figures each section compares, by their JSON key: the amount keys (and for treasury the
/// average funding rate, a decimal, and for simulation the statistics a treasurer reads).
enum CompareFigures {
    static let operating = TotalColumn.allCases.map(\.rawValue)
    static let investments = ["spent_ytd", "income_ytd", "forecast_spend", "forecast_income", "forecast_net", "frame",
                              "deviation", "carry_over"]
    static let treasury = ["external_interest", "swap_net", "internal_income", "margin_income", "municipality_net",
                           "average_funding_rate", "debt_end"]
    static let simulationSeries: [SimulationSeries] = [.externalInterest, .municipalityNet]
    static let simulationStatistics: [Statistic] = [.mean, .p95, .car95]
    /// Keys whose values are rates (decimals), not amounts.
    static let rates: Set<String> = ["average_funding_rate"]
}

extension Comparison {
    /// Compares two results. Both must be result documents; the amounts are compared in kronor.
    public init(base b: ResultDocument, other o: ResultDocument) {
        base = Side(name: b.name, asOf: b.asOf)
        other = Side(name: o.name, asOf: o.asOf)
        unit = b.unit
        sections = []
        onlyInBase = []
        onlyInOther = []
        func note(_ name: String, _ inBase: Bool, _ inOther: Bool) {
            if inBase && !inOther { onlyInBase.append(name) }
            if inOther && !inBase { onlyInOther.append(name) }
        }
        note("operating", b.operating != nil, o.operating != nil)
        note("investments", b.investments != nil, o.investments != nil)
        note("treasury", b.treasury != nil, o.treasury != nil)
        note("simulation", b.simulation != nil, o.simulation != nil)

        if let x = b.operating, let y = o.operating {
            func values(_ f: OperatingResult.Figures) -> [String: Double?] {
                Dictionary(uniqueKeysWithValues: TotalColumn.allCases.map { ($0.rawValue, f[$0]) })
            }
            var rows = Self.matched(x.units.map { ($0.id, $0.name, values($0.figures)) },
                                    y.units.map { ($0.id, $0.name, values($0.figures)) }, keys: CompareFigures.operating)
            rows.append(Row(id: nil, name: "total", scenario: nil, year: nil, status: "total",
                            figures: Self.figures(values(x.total.figures), values(y.total.figures), keys: CompareFigures.operating)))
            sections.append(Section(section: "operating", rows: rows))
        }
        if let x = b.investments, let y = o.investments {
            func values(_ p: InvestmentsResult.Project) -> [String: Double?] {
                ["spent_ytd": p.spentYTD, "income_ytd": p.incomeYTD, "forecast_spend": p.forecastSpend,
                 "forecast_income": p.forecastIncome, "forecast_net": p.forecastNet, "frame": p.frame,
                 "deviation": p.deviation, "carry_over": p.carryOver]
            }
            func totals(_ t: InvestmentsResult.Total) -> [String: Double?] {
                ["spent_ytd": t.spentYTD, "income_ytd": t.incomeYTD, "forecast_spend": t.forecastSpend,
                 "forecast_income": t.forecastIncome, "forecast_net": t.forecastNet, "frame": t.frame,
                 "deviation": t.deviation, "carry_over": t.carryOver]
            }
            var rows = Self.matched(x.projects.map { ($0.id, $0.name, values($0)) },
                                    y.projects.map { ($0.id, $0.name, values($0)) }, keys: CompareFigures.investments)
            rows.append(Row(id: nil, name: "total", scenario: nil, year: nil, status: "total",
                            figures: Self.figures(totals(x.total), totals(y.total), keys: CompareFigures.investments)))
            sections.append(Section(section: "investments", rows: rows))
        }
        if let x = b.treasury, let y = o.treasury {
            func values(_ v: TreasuryResult.Year) -> [String: Double?] {
                ["external_interest": v.externalInterest, "swap_net": v.swapNet, "internal_income": v.internalIncome,
                 "margin_income": v.marginIncome, "municipality_net": v.municipalityNet,
                 "average_funding_rate": v.averageFundingRate, "debt_end": v.debtEnd]
            }
            func flat(_ t: TreasuryResult) -> [(String, String, [String: Double?])] {
                t.scenarios.flatMap { s in s.years.map { ("\(s.name)\u{1F}\($0.year)", s.name, values($0)) } }
            }
            let rows = Self.matched(flat(x), flat(y), keys: CompareFigures.treasury).map { r -> Row in
                var r = r
                let parts = (r.id ?? "").split(separator: "\u{1F}")
                r.scenario = parts.first.map(String.init)
                r.year = parts.count > 1 ? Int(parts[1]) : nil
                r.id = nil
                return r
            }
            sections.append(Section(section: "treasury", rows: rows))
        }
        if let x = b.simulation, let y = o.simulation {
            let keys = CompareFigures.simulationSeries.flatMap { s in CompareFigures.simulationStatistics.map { "\(s.key).\($0.key)" } }
            func values(_ v: SimulationResult.Year) -> [String: Double?] {
                var d: [String: Double?] = [:]
                for s in CompareFigures.simulationSeries {
                    for st in CompareFigures.simulationStatistics { d["\(s.key).\(st.key)"] = v.series[s]?[st] }
                }
                return d
            }
            let rows = Self.matched(x.years.map { (String($0.year), String($0.year), values($0)) },
                                    y.years.map { (String($0.year), String($0.year), values($0)) }, keys: keys).map { r -> Row in
                var r = r
                r.year = r.id.flatMap { Int($0) }
                r.id = nil
                return r
            }
            sections.append(Section(section: "simulation", rows: rows))
        }
    }

    /// Rows matched by key: BASE's order first (matched or removed), then OTHER's additions.
    static func matched(_ base: [(String, String, [String: Double?])], _ other: [(String, String, [String: Double?])],
                        keys: [String]) -> [Row] {
        let otherByKey = Dictionary(other.map { ($0.0, $0) }, uniquingKeysWith: { a, _ in a })
        let baseKeys = Set(base.map(\.0))
        var rows: [Row] = []
        for (key, name, values) in base {
            if let o = otherByKey[key] {
                rows.append(Row(id: key, name: o.1, scenario: nil, year: nil, status: "matched", figures: figures(values, o.2, keys: keys)))
            } else {
                rows.append(Row(id: key, name: name, scenario: nil, year: nil, status: "removed", figures: figures(values, [:], keys: keys)))
            }
        }
        for (key, name, values) in other where !baseKeys.contains(key) {
            rows.append(Row(id: key, name: name, scenario: nil, year: nil, status: "added", figures: figures([:], values, keys: keys)))
        }
        return rows
    }

    static func figures(_ base: [String: Double?], _ other: [String: Double?], keys: [String]) -> [Figure] {
        keys.map { k in
            let b = base[k] ?? nil, o = other[k] ?? nil
            var change: Double?
            if let b, let o {
                // Amounts are to the öre in both results: the difference is too. Rates in full.
                let d = CompareFigures.rates.contains(k) ? o - b : Ore.round(o - b)
                change = d == 0 ? 0 : d   // no −0
            }
            return Figure(figure: k, base: b, other: o, change: change)
        }
    }
}
