import Foundation
import Testing
@testable import PrognosCore

@Suite("Investments and capital costs")
struct CapitalTests {
    static func run(_ investments: String, asOf: String = "2024-03-31") throws -> InvestmentRun {
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: \(asOf)
        investments:
          internal_rate: 3%
        \(investments)

        """
        let s = try #require(try load(yaml).value)
        return try #require(try ScenarioRun.compute(s).investments)
    }

    static func project(_ inv: InvestmentRun, _ id: String) -> InvestmentRun.ProjectRow { inv.projects.first { $0.project.id == id }! }

    @Test("a building with three components activated 1 July: depreciation and interest by hand")
    func building() throws {
        // 120 mnkr: 50 % over 50 y, 30 % over 25 y, 20 % over 10 y → 0.1 + 0.12 + 0.2 = 0.42 a month.
        // July–December: depreciation 6 × 0.42 = 2.52; interest 3 %/12 × (120 − 0.42 k), k = 0…5
        // = 0.0025 × (720 − 6.3) = 1.78425. Total 4.30425 mnkr.
        let inv = try Self.run("""
          projects:
            - {id: b, name: B, kind: building, frame: 120, forecast_spend: 0, cost_at_activation: 120,
               components: [{share: 50%, life: 50}, {share: 30%, life: 25}, {share: 20%, life: 10}],
               activation: {planned: 2024-07-01}}
        """)
        let c = Self.project(inv, "b").comparison
        #expect(abs(c.forecast.year(0).depreciation - 2.52e6) < 1e-3)
        #expect(abs(c.forecast.year(0).interest - 1.78425e6) < 1e-3)
        #expect(abs(c.budget.fiscalYearTotal - 4.30425e6) < 1e-3)
        // 2025: 12 × 0.42 = 5.04 depreciation.
        #expect(abs(c.forecast.year(1).depreciation - 5.04e6) < 1e-3)
        #expect(abs(inv.years[0].depreciation - 2.52e6) < 1e-3)
    }

    @Test("the same building delayed six months: no cost this year, all of it a timing deviation")
    func delayed() throws {
        let inv = try Self.run("""
          delay_months: 6
          projects:
            - {id: b, name: B, kind: building, frame: 120, forecast_spend: 0, cost_at_activation: 120,
               components: [{share: 50%, life: 50}, {share: 30%, life: 25}, {share: 20%, life: 10}],
               activation: {planned: 2024-07-01}}
        """)
        let r = Self.project(inv, "b")
        #expect(r.forecastActivation == Day(year: 2025, month: 1, day: 1))
        #expect(r.comparison.forecast.fiscalYearTotal == 0)
        #expect(abs(r.comparison.timing - 4.30425e6) < 1e-3)
        #expect(r.comparison.spend == 0 && r.comparison.rate == 0)
        #expect(abs(r.comparison.deviation - 4.30425e6) < 1e-3)
        // Carry-over: still in progress after 31 December (rule C4): frame − forecast net = 120.
        #expect(r.carryOver == 120e6)
    }

    @Test("land bears interest only; shares nothing (rule C11)")
    func landAndShares() throws {
        // 75 of land from 1 September: 4 × 75 × 3 %/12 = 0.75.
        let inv = try Self.run("""
          projects:
            - {id: land, name: Mark, kind: land, frame: 75, forecast_spend: 0, cost_at_activation: 75, activation: {planned: 2024-09-01}}
            - {id: sh, name: Aktier, kind: shares, frame: 1, forecast_spend: 0.3, activation: {planned: 2024-01-15}}
        """)
        let land = Self.project(inv, "land").comparison.forecast
        #expect(land.year(0).depreciation == 0)
        #expect(abs(land.year(0).interest - 0.75e6) < 1e-3)
        #expect(Self.project(inv, "sh").comparison.forecast.fiscalYearTotal == 0)
    }

    @Test("an IT purchase with a 3-year life, activated in January")
    func itPurchase() throws {
        // 36 over 36 months = 1 a month; interest 0.0025 × Σ_{k=0..11} (36 − k) = 0.915. 2027: nothing left.
        let inv = try Self.run("""
          projects:
            - {id: it, name: IT, kind: it, frame: 36, forecast_spend: 0, cost_at_activation: 36, activation: {planned: 2024-01-01}}
        """)
        let c = Self.project(inv, "it").comparison.forecast
        #expect(abs(c.year(0).depreciation - 12e6) < 1e-3 && abs(c.year(0).interest - 0.915e6) < 1e-3)
        #expect(abs(c.year(2).depreciation - 12e6) < 1e-3)
        #expect(c.year(3).depreciation == 0 && abs(c.year(3).interest) < 1e-6)
    }

    @Test("an existing asset running out of life mid-year (rule C7)")
    func existingAsset() throws {
        // Book value 6 with half a year left: 1 a month January–June; interest 0.0025 × (6+5+4+3+2+1).
        let inv = try Self.run("""
          existing_assets:
            - {id: old, unit: u, kind: equipment, book_value: 6, remaining_life: 0.5}
        """)
        #expect(abs(inv.years[0].depreciation - 6e6) < 1e-3)
        #expect(abs(inv.years[0].interest - 0.0525e6) < 1e-3)
        #expect(inv.years[1].depreciation == 0)
        #expect(inv.byUnit.map(\.unit) == ["u"])
    }

    @Test("spend plans and the split: timing + spend + rate = the deviation (rule C2), by hand")
    func split() throws {
        // Budget: 120 spread evenly (10 a month), planned activation 1 April: cost 30 (Jan–Mar),
        // the other 90 joins on 31 December. Forecast: spent 3 to date (1 a month), the rest
        // 57 over April–December (6.333…), activation 1 July: cost 3 + 19 = 22.
        // IT, 3 years. Budget 2024: 30/36 × 9 = 7.5 dep + interest 0.0025 Σ_{k=0..8} (30 − 30k/36).
        let inv = try Self.run("""
          projects:
            - {id: p, name: P, kind: it, frame: 120, spent_ytd: 3, forecast_spend: 60, budget_spend: 120,
               activation: {planned: 2024-04-01, forecast: 2024-07-01}}
        """)
        let c = Self.project(inv, "p").comparison
        /// Depreciation and interest of an IT asset of `cost` (3 years) over `months` months at 3 %.
        func itCost(_ cost: Double, months: Int) -> Double {
            var total = 0.0
            for k in 0..<months {
                let monthly: Double = cost / 36
                total += monthly + 0.0025 * (cost - monthly * Double(k))
            }
            return total * 1e6
        }
        // Budget: 30 from April (9 months).
        #expect(abs(c.budget.fiscalYearTotal - itCost(30, months: 9)) < 1e-3)
        // Timing: the budget plan activated 1 July: cost 60 (Jan–Jun), 6 months.
        let t1 = itCost(60, months: 6)
        #expect(abs(c.timing - (c.budget.fiscalYearTotal - t1)) < 1e-3)
        // Forecast: 22 from July.
        let forecast = itCost(22, months: 6)
        #expect(abs(c.forecast.fiscalYearTotal - forecast) < 1e-3)
        #expect(abs(c.spend - (t1 - forecast)) < 1e-3)
        #expect(c.rate == 0)                                                  // internal basis
        #expect(abs(c.timing + c.spend + c.rate - (c.budget.fiscalYearTotal - c.forecast.fiscalYearTotal)) < 1e-6)
    }

    @Test("the seed's investment table exactly, and KS excluding VSS")
    func seedTable() throws {
        let path = repositoryRoot.appendingPathComponent("Scenarios/linkoping-ks-2024-03.yaml").path
        let run = try ScenarioRun.compute(try Scenario.load(path: path))
        let inv = try #require(run.investments)
        func close(_ a: Double, _ mn: Double) -> Bool { abs(a - mn * 1e6) < 1 }
        #expect(close(inv.total.forecastNet, 380.0) && close(inv.total.frame, 454.7) && close(inv.total.deviation, 74.7))
        #expect(close(inv.total.spentYTD, 33.6))                            // printed 33.7: a rounding warning
        #expect(inv.reconciliation.map(\.key) == ["spent_ytd"] && inv.reconciliation[0].status == .rounding)
        let klf = try #require(inv.byGroup.first { $0.group == "KLF" }?.totals)
        #expect(close(klf.forecastNet, 319.2) && close(klf.frame, 393.9) && close(klf.deviation, 74.7))
        #expect(close(Self.project(inv, "markreserv").deviation, 75.0))
        #expect(close(Self.project(inv, "sodra-sk").deviation, -0.3))
        // The swimming hall's delay lowers this year's capital cost (the seed's explanation).
        #expect(Self.project(inv, "simhall").comparison.timing > 10e6)
    }

    @Test("bad input: shares not summing to 100 %, activation before spending, a negative life, an unknown kind")
    func badInput() throws {
        var messages: [String] = []
        switch try load("""
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        investments:
          internal_rate: 2.5%
          projects:
            - {id: a, name: A, kind: building, frame: 10, forecast_spend: 10, components: [{share: 60%, life: 50}, {share: 30%, life: 20}],
               activation: {planned: 2024-06-01}}
            - {id: c, name: C, kind: equipment, frame: 10, forecast_spend: 10, components: [{share: 100%, life: -5}]}
            - {id: d, name: D, kind: bulding, frame: 10, forecast_spend: 10}

        """) {
        case .failure(let f): messages = f.diagnostics.map(\.message)
        case .success: Issue.record("expected errors")
        }
        #expect(messages.contains("component shares of investments.projects[a] sum to 90.00 %, not 100 %"))
        #expect(messages.contains("a life must be positive years, found '-5' (key 'life' in investments.projects[c].components[0])"))
        #expect(messages.contains { $0.hasPrefix("'bulding' is not one of building") && $0.contains("(did you mean 'building'?)") })

        let early = try #require(try load("""
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        investments:
          internal_rate: 2.5%
          projects:
            - {id: b, name: B, kind: equipment, frame: 10, forecast_spend: 10, activation: {planned: 2024-01-01}}

        """).value)
        do {
            _ = try ScenarioRun.compute(early)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.contains { $0.message.hasPrefix("project b: planned activation 2024-01-01 is before any spending") })
        }
    }

    @Test("market interest (rule C9): the scenario's funding rate + margin moves the forecast; the rate part of the split")
    func marketRate() throws {
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 2
          loans:
            - {id: R1, type: floating, notional: 100, start: 2024-01-01, maturity: 2030-01-01}
        rates:
          scenarios:
            - {name: base, type: flat, level: 4%}
            - {name: high, type: flat, level: 6%}
        investments:
          internal_rate: 3%
          interest_basis: market
          margin: 0.5%
          projects:
            - {id: land, name: Mark, unit: u, kind: land, frame: 120, forecast_spend: 0, cost_at_activation: 120,
               activation: {planned: 2024-01-01}}

        """
        let s = try #require(try load(yaml).value)
        let base = try #require(try ScenarioRun.compute(s).investments)
        // Budget at 3 %: 120 × 3 % = 3.6; forecast at the month's funding rate (4 % flat fixing,
        // quarterly ACT/360 ≈ 4.06 % on an ACT/365 basis) + 0.5 %.
        let c = Self.project(base, "land").comparison
        #expect(abs(c.budget.fiscalYearTotal - 3.6e6) < 1e-3)
        #expect(c.forecast.fiscalYearTotal > 120e6 * 0.045 && c.forecast.fiscalYearTotal < 120e6 * 0.047)
        #expect(abs(c.rate - (c.budget.fiscalYearTotal - c.forecast.fiscalYearTotal)) < 1e-6)
        #expect(base.scenario == "base")
        let high = try #require(try ScenarioRun.compute(s, selectedScenario: "high").investments)
        #expect(high.scenario == "high")
        #expect(Self.project(high, "land").comparison.forecast.fiscalYearTotal > c.forecast.fiscalYearTotal + 2e6)
    }

    @Test("an operating adjustment from capital costs, and delay_months from --set")
    func adjustmentAndSet() throws {
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        operating:
          units:
            - {id: u, name: U, budget: 100, actual_ytd: 25, forecast: {method: budget_remaining, adjustments: [{from: capital_costs}]}}
        investments:
          internal_rate: 3%
          projects:
            - {id: b, name: B, unit: u, kind: building, frame: 120, forecast_spend: 0, cost_at_activation: 120,
               components: [{share: 50%, life: 50}, {share: 30%, life: 25}, {share: 20%, life: 10}],
               activation: {planned: 2024-07-01}}

        """
        let delayed = try #require(try load(yaml, overrides: ["investments.delay_months=6"]).value)
        let run = try ScenarioRun.compute(delayed)
        let unit = try #require(run.operating?.units.first)
        // The delay saves the whole 4.30425 this year: the forecast falls by it.
        #expect(abs(unit.adjustments[0].amount + 4.30425e6) < 1e-3)
        #expect(unit.adjustments[0].note == "kapitalkostnader")
        #expect(abs(unit.figures.forecast! - (100e6 - 4.30425e6)) < 1e-3)
        #expect(unit.methods.first { $0.name == "budget_remaining" }?.value == 100e6)   // without the adjustment (O7)
    }
}
