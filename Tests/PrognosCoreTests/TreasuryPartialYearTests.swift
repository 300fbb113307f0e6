import Foundation
import Testing
@testable import PrognosCore

/// Rule T26 (spec treasury.md "past years", files.md `partial`, `realised`, `forecast`): an
/// output year that starts before V is split at V into its realised part (1 January to the
/// day before V, fixings from the history) and its forecast part. Expected values by hand.
@Suite("Treasury: a year that starts before V split into realised and forecast parts (T26)")
struct TreasuryPartialYearTests {
    static func run(valuation: String = "2024-03-31", history: String = "  fixing_history: {2024-01-01: 4%}\n") throws -> TreasuryRun {
        let text = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: \(valuation)
          horizon_years: 2
        \(history)  loans:
            - {id: F1, type: fixed, notional: 100, start: 2024-01-01, maturity: 2027-01-01, rate: 4%}
            - {id: R1, type: floating, notional: 200, start: 2024-01-01, maturity: 2026-01-01, margin: 0.5%}
        rates:
          scenarios:
            - {name: base, type: flat, level: 3%}
            - {name: high, type: flat, level: 5%, label: "Högt läge"}

        """
        let s = try #require(try load(text).value)
        let r = try ScenarioRun.compute(s)
        return try #require(r.treasury)
    }

    // By hand, V = 2024-03-31: the realised days are 1 January – 30 March, 31 + 29 + 30 = 90 days.
    // F1: the first annual 30E/360 coupon is 100 × 4 % = 4.0 mnkr over 366 days (2024-01-01 →
    //   2025-01-01), accrued by day: realised 4.0 × 90/366, forecast 4.0 × 276/366.
    // R1: quarterly ACT/360; the first period 01-01 → 04-01 (91 days) fixed on 2024-01-01 at the
    //   history's 4 % + 0.5 % margin: realised 200 × 4.5 % × 90/360 = 2.25 mnkr; forecast its last
    //   day 200 × 4.5 % × 1/360 plus 04-01 → 2025-01-01 (91 + 92 + 92 = 275 days) at the scenario's
    //   level + 0.5 %: 200 × 3.5 % × 275/360 (base), 200 × 5.5 % × 275/360 (high).
    static let realised = 4e6 * 90 / 366 + 200e6 * 0.045 * 90 / 360
    static func forecast(level: Double) -> Double { 4e6 * 276 / 366 + 200e6 * 0.045 / 360 + 200e6 * (level + 0.005) * 275 / 360 }

    @Test("T26: V's year is split at V; the realised part is the same in every scenario, the forecast part differs")
    func splitAtValuation() throws {
        let t = try Self.run()
        for (name, level) in [("base", 0.03), ("high", 0.05)] {
            let p = try #require(t.partialYears[name])
            #expect(p.year == 2024)
            #expect(p.realised.from == Day(year: 2024, month: 1, day: 1)! && p.realised.to == Day(year: 2024, month: 3, day: 30)!)
            #expect(p.forecast.from == Day(year: 2024, month: 3, day: 31)! && p.forecast.to == Day(year: 2024, month: 12, day: 31)!)
            #expect(abs(p.realised.externalInterest - Self.realised) < 1e-4)
            #expect(abs(p.forecast.externalInterest - Self.forecast(level: level)) < 1e-4)
            // The parts add up to the year the tables print.
            let year = try #require(t.scenarios.first { $0.name == name }?.years.first)
            #expect(abs(p.realised.externalInterest + p.forecast.externalInterest - year.externalInterest) < 1e-6)
            #expect(p.realised.swapNet == 0)
        }
    }

    @Test("T26 in the document: partial true with realised and forecast on the first year only; the table labels it 'delvis utfall'")
    func documentAndTable() throws {
        let t = try Self.run()
        let doc = TreasuryResult(t, lang: .en)
        let years = try #require(doc.scenarios.first?.years)
        #expect(years[0].partial?.value == true)
        #expect(years[0].realised?.from == "2024-01-01" && years[0].realised?.to == "2024-03-30")
        // Amounts are rounded to öre in the document (Ore.round): 3 233 606.56 kr by hand.
        #expect(abs((years[0].realised?.externalInterest ?? 0) - Self.realised) < 0.006)
        #expect(years[1].partial == nil && years[1].realised == nil && years[1].forecast == nil)
        let json = JSONWriter.write(try ResultEncoder.tree(doc))
        #expect(json.contains("\"partial\": true") || json.contains("\"partial\":true"))
        let sv = TreasuryTable.render(doc, unit: .mnkr, lang: .sv)
        #expect(sv.contains("2024 (delvis utfall)"))
        #expect(sv.contains("2024: utfall före värderingsdagen och prognos"))
        #expect(sv.contains("Högt läge"))
        let en = TreasuryTable.render(doc, unit: .mnkr, lang: .en)
        #expect(en.contains("2024 (partly actual)"))
        #expect(!en.contains("delvis"))
    }

    @Test("T26: V on 1 January leaves no realised day, so no year is partial")
    func valuationOnJanuaryFirst() throws {
        let t = try Self.run(valuation: "2024-01-01")
        #expect(t.partialYears.isEmpty)
        let doc = TreasuryResult(t, lang: .en)
        #expect(doc.scenarios.allSatisfy { $0.years.allSatisfy { $0.partial == nil } })
    }

    @Test("T26: without a fixing_history the output warns that the realised part uses the fixing at V")
    func warnsWithoutHistory() throws {
        let t = try Self.run(history: "")
        #expect(t.assumptions.contains { $0.text(.en).contains("realised part of 2024 uses the fixing at V") })
        // R1's first period then fixes at the scenario's 3 % + 0.5 %: realised 200 × 3.5 % × 90/360.
        let p = try #require(t.partialYears["base"])
        #expect(abs(p.realised.externalInterest - (4e6 * 90 / 366 + 200e6 * 0.035 * 90 / 360)) < 1e-4)
        let withHistory = try Self.run()
        #expect(!withHistory.assumptions.contains { $0.text(.en).contains("uses the fixing at V") })
    }
}
