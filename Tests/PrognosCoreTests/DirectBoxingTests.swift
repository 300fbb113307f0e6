import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: the treasury result's years, swap values, scenarios and `[name: amount]`
/// maps are boxed by hand (DirectBoxing.swift). The hand path must build the tree `Codable`
/// builds: compared here through the JSON both trees write, on hand-made values that take
/// every branch and on every shipped scenario with a treasury section. (The golden JSON files,
/// written before the hand path existed, check the same bytes from the CLI.)
@Suite("direct boxing", .serialized)
struct DirectBoxingTests {
    /// The JSON of `value`, with the hand path on or off.
    static func json<T: Encodable>(_ value: T, direct: Bool) throws -> String {
        try ResultEncoder.$directBoxing.withValue(direct) { JSONWriter.write(try ResultEncoder.box(value)) }
    }

    static func part(_ json: String) throws -> TreasuryYearPart {
        try JSONDecoder().decode(TreasuryYearPart.self, from: Data(json.utf8))
    }

    /// Metrics with every optional nil (the year-end form: no swap market value, no maps).
    static func metrics() -> TreasuryResult.Metrics {
        TreasuryResult.Metrics(date: "2024-12-31", debt: nil, averageRate: nil, fixingYears: nil, maturityYears: nil, shareMaturing12m: nil,
                               shareFixing12m: nil, fixingBuckets: [:], greenShare: nil, derivativeRatio: nil, swapsWithinFloating: nil,
                               maxSingleFixingYears: nil, internalLending: .init(total: nil, byBorrower: [:]), swapMarketValue: nil)
    }

    @Test("hand-made metrics and policy checks: absent swap value, null and present maps, a limit with one side")
    func metricsAndChecks() throws {
        var full = Self.metrics()
        full.debt = 15.6e9; full.averageRate = 0.0265; full.fixingBuckets = ["0-1": 0.4, "1-3": nil]
        full.internalLending = .init(total: 14.5e9, byBorrower: ["Tekniska verken": 1e9, "Lejonfastigheter": nil])
        full.swapMarketValue = Present(-12.5e6); full.byLender = ["Kommuninvest": 0.6, "okänd": 0.4]; full.byCounterparty = [:]
        full.fixingBucketsExclDerivatives = ["0-1": .nan]; full.floatingShare = -0.0
        var nullValue = full
        nullValue.swapMarketValue = Present(nil)
        let checks = [TreasuryResult.Check(rule: "fixing_years", limit: .init(min: 1.5, max: nil), value: 2.1, ok: true, date: "2024-03-31"),
                      TreasuryResult.Check(rule: "share_maturing_12m", limit: .init(min: nil, max: 0.3), value: nil, ok: false, date: "2025-12-31")]
        for value in [Self.metrics(), full, nullValue] {
            #expect(try Self.json(value, direct: true) == (try Self.json(value, direct: false)))
        }
        #expect(try Self.json(checks, direct: true) == (try Self.json(checks, direct: false)))
        // By hand from files.md: at year ends the swap value is absent and the missing maps null;
        // at V a swap value without a figure is null.
        let yearEnd = try Self.json(Self.metrics(), direct: true)
        #expect(!yearEnd.contains("swap_market_value"))
        #expect(yearEnd.contains("\"by_lender\": null"))
        #expect(try Self.json(nullValue, direct: true).contains("\"swap_market_value\": null"))
        #expect(try Self.json(checks, direct: true).contains("\"max\": null,\n      \"min\": 1.5"))
    }

    @Test("hand-made values: nulls, absent keys, empty and non-finite amounts, a label, no swap values")
    func handMade() throws {
        // (TreasuryYearPart has no memberwise initialiser: decoded; NaN set afterwards.)
        var part = try Self.part(#"{"from": "2024-01-01", "to": "2024-03-31", "external_interest": 1.5, "internal_income": -0.0, "municipality_net": 7}"#)
        part.marginIncome = .nan
        let full = TreasuryResult.Year(year: 2024, externalInterest: 100, swapNet: -2.25, internalIncome: nil,
                                       internalIncomeByBorrower: ["Tekniska verken": 5, "Stångåstaden": nil, "x\"y": .infinity],
                                       marginIncome: 0.1, municipalityNet: nil, averageFundingRate: 0.0325, averageDebt: 1e15,
                                       debtEnd: -1e15, partial: Present(true), realised: part, forecast: part)
        let bare = TreasuryResult.Year(year: 2025, externalInterest: nil, swapNet: nil, internalIncome: nil,
                                       internalIncomeByBorrower: [:], marginIncome: nil, municipalityNet: nil,
                                       averageFundingRate: nil, averageDebt: nil, debtEnd: nil)
        let values = [TreasuryResult.SwapValue(date: "2024-03-31", total: nil, bySwap: [:]),
                      TreasuryResult.SwapValue(date: "2024-12-31", total: -3.5, bySwap: ["S1": 1, "S2": nil])]
        let scenarios = [
            TreasuryResult.Scenario(name: "base", years: [full, bare], label: Present("Basscenario"), swapMarketValue: values),
            TreasuryResult.Scenario(name: "plus100", years: [], label: nil, swapMarketValue: nil),
            TreasuryResult.Scenario(name: "empty", years: [bare], label: nil, swapMarketValue: []),
        ]
        let direct = try Self.json(scenarios, direct: true)
        #expect(direct == (try Self.json(scenarios, direct: false)))
        // By hand from files.md and rule T26: the missing swap values are an explicit null, the
        // label is absent without one, `partial` only on the partial year; NaN and ∞ are null.
        #expect(direct.contains("\"swap_market_value\": null"))
        #expect(direct.components(separatedBy: "\"label\"").count == 2)
        #expect(direct.components(separatedBy: "\"partial\": true").count == 2)
        #expect(direct.contains("\"x\\\"y\": null"))
        #expect(direct.contains("\"internal_income_by_borrower\": {}"))
        #expect(direct.contains("\"debt_end\": -1000000000000000.0"))
        // A map on its own (as metrics' fixing buckets).
        let map: [String: Double?] = ["0-1": 0.25, "1-2": nil]
        #expect(try Self.json(map, direct: true) == (try Self.json(map, direct: false)))
    }

    @Test("every shipped scenario with a treasury section: the same JSON with and without the hand path",
          arguments: ["linkoping-internbank-2024.yaml", "treasury-2024.yaml", "portfolio-2024.yaml", "linkoping-kommun-2024.yaml",
                      "frontier-2024.yaml"])
    func shipped(_ file: String) throws {
        let path = repositoryRoot.appendingPathComponent("Scenarios/\(file)").path
        let run = try ScenarioRun.compute(try Scenario.load(path: path), simulation: .skip)
        let document = ResultDocument(run)
        let direct = try Self.json(document, direct: true)
        #expect(direct == (try Self.json(document, direct: false)))
        #expect(direct.contains("\"internal_income_by_borrower\""))
    }

    // BoxMemo.digest also lists these types' strings: a new String field goes there too.
    @Test("the hand-boxed types have the fields DirectBoxing.swift was written for (a new field: add it there)")
    func tripwire() throws {
        func labels(_ x: Any) -> [String] { Mirror(reflecting: x).children.compactMap(\.label) }
        let year = TreasuryResult.Year(year: 2024, externalInterest: nil, swapNet: nil, internalIncome: nil, internalIncomeByBorrower: [:],
                                       marginIncome: nil, municipalityNet: nil, averageFundingRate: nil, averageDebt: nil, debtEnd: nil)
        #expect(labels(year) == ["year", "externalInterest", "swapNet", "internalIncome", "internalIncomeByBorrower", "marginIncome",
                                 "municipalityNet", "averageFundingRate", "averageDebt", "debtEnd", "partial", "realised", "forecast"])
        #expect(labels(TreasuryResult.Scenario(name: "", years: [])) == ["name", "years", "label", "swapMarketValue"])
        #expect(labels(TreasuryResult.SwapValue(date: "", total: nil, bySwap: [:])) == ["date", "total", "bySwap"])
        #expect(labels(TreasuryResult.Check(rule: "", limit: .init(min: nil, max: nil), value: nil, ok: true, date: ""))
                == ["rule", "limit", "value", "ok", "date"])
        #expect(labels(TreasuryResult.Limit(min: nil, max: nil)) == ["min", "max"])
        #expect(labels(Self.metrics()) == ["date", "debt", "averageRate", "fixingYears", "maturityYears", "shareMaturing12m", "shareFixing12m",
                                          "fixingBuckets", "greenShare", "derivativeRatio", "swapsWithinFloating", "maxSingleFixingYears",
                                          "internalLending", "swapMarketValue", "averageRateExclDerivatives", "fixingYearsExclDerivatives",
                                          "shareFixing12mExclDerivatives", "fixingBucketsExclDerivatives", "floatingShare",
                                          "floatingShareExclDerivatives", "byLender", "byCounterparty"])
        #expect(labels(TreasuryResult.Lending(total: nil, byBorrower: [:])) == ["total", "byBorrower"])
        let part = try Self.part(#"{"from": "", "to": ""}"#)
        #expect(labels(part) == ["from", "to", "externalInterest", "swapNet", "internalIncome", "marginIncome", "municipalityNet"])
    }
}
