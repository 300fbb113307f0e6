import Foundation
import Testing
@testable import PrognosCore

/// Forecast rounds (spec operating.md "Real reports as printed"; rules O18–O21): the change
/// against the previous forecast, the annual report's Prognosavvikelse and the forecast
/// accuracy per round month, each against figures worked out by hand in the comments.
@Suite struct ForecastRoundsTests {
    static func run(_ yaml: String, extra: [String: String] = [:]) throws -> ResultDocument {
        let s = try #require(try load(yaml, extra: extra).value)
        return ResultDocument(try ScenarioRun.compute(s))
    }

    /// The messages of a scenario that must fail (load or compute).
    static func failure(_ yaml: String, extra: [String: String] = [:]) throws -> [String] {
        switch try load(yaml, extra: extra) {
        case .failure(let f): return f.diagnostics.map(\.description)
        case .success(let s):
            do { _ = try ScenarioRun.compute(s); return [] } catch { return error.diagnostics.map(\.description) }
        }
    }

    static let interim = """
    prognos: 1
    name: Rounds
    unit: mnkr
    as_of: 2024-03-31
    operating:
      units:
        - {id: ks, name: Kommunstyrelsen, budget: 30.2, budget_ytd: 7.5, actual_ytd: 6.8, forecast: {method: manual, value: 29.2},
           previous_forecast: [{as_of: 2024-01-31, value: 30.0}, {as_of: 2024-02-29, value: 29.8}]}
        - {id: kls, name: Kommunledningsstaben, budget: 112.3, budget_ytd: 27.8, actual_ytd: 24.6,
           forecast: {method: manual, value: 107.3}, previous_forecast: {as_of: 2024-02-29, value: 105.0}}
        - {id: vss, name: VSS, reported_as: result, budget: 0, budget_ytd: 0, actual_ytd: -1.0,
           forecast: {method: manual, value: -5.5}, previous_forecast: {as_of: 2024-02-29, value: -4.0}}
    """

    @Test("O18: change = forecast − the latest earlier round, per unit and for the total; JSON keys")
    func change() throws {
        let doc = try Self.run(Self.interim)
        let o = try #require(doc.operating)
        let ks = try #require(o.units.first { $0.id == "ks" })
        // 29.2 − 29.8 (the latest round, 29 February, not 30.0 of January) = −0.6 mnkr.
        #expect(ks.forecastChange?.value == -600_000)
        #expect(ks.previousForecast?.value.map(\.asOf) == ["2024-01-31", "2024-02-29"])
        #expect(ks.forecastError == nil)   // not an annual report
        // 107.3 − 105.0 = 2.3 mnkr.
        #expect(o.units.first { $0.id == "kls" }?.forecastChange?.value == 2_300_000)
        // Result unit: −5.5 − (−4.0) = −1.5 mnkr (the change is never flipped).
        #expect(o.units.first { $0.id == "vss" }?.forecastChange?.value == -1_500_000)
        // Total over the net-cost leaves: previous 29.8 + 105.0 = 134.8; forecast 136.5; change 1.7.
        #expect(o.total.previousForecast?.value == 134_800_000)
        #expect(o.total.forecastChange?.value == 1_700_000)
        let json = try JSONOutput.render(doc)
        #expect(json.contains("\"forecast_change\": -600000"))
        #expect(json.contains("\"previous_forecast\": ["))
        // The table (rule O18's own table), in Swedish and English.
        let sv = OperatingTable.render(o, unit: .mnkr, lang: .sv)
        #expect(sv.contains("Förändring mot föregående prognos, belopp mnkr"))
        #expect(sv.contains("Kommunstyrelsen") && sv.contains("29 februari 2024"))
        #expect(sv.split(separator: "\n").contains { $0.hasPrefix("Kommunstyrelsen ") && $0.hasSuffix("-0,6") })
        #expect(sv.split(separator: "\n").contains { $0.hasPrefix("Summa nettokostnader") && $0.hasSuffix("1,7") })
        let en = OperatingTable.render(o, unit: .mnkr, lang: .en)
        #expect(en.contains("Change against the previous forecast"))
        // And in the report's operating section.
        #expect(Report.html(doc, lang: .sv).contains("Förändring mot föregående prognos"))
    }

    @Test("A unit without rounds: no rounds keys and no total change (results without rounds unchanged)")
    func absent() throws {
        let yaml = Self.interim.replacingOccurrences(of: ", previous_forecast: {as_of: 2024-02-29, value: 105.0}", with: "")
        let o = try #require(try Self.run(yaml).operating)
        #expect(o.units.first { $0.id == "kls" }?.forecastChange == nil)
        #expect(o.total.forecastChange == nil)   // kls has no round: the total's change is unknown
        let plain = try JSONOutput.render(try Self.run("""
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        operating:
          units: [{id: ks, name: KS, budget: 30.2, budget_ytd: 7.5, actual_ytd: 6.8, forecast: {method: manual, value: 29.2}}]
        """))
        #expect(!plain.contains("forecast_change") && !plain.contains("previous_forecast") && !plain.contains("forecast_accuracy"))
    }

    @Test("O18/O21: a round on or after as_of, outside the fiscal year, or two rounds on one date are errors at the round")
    func roundErrors() throws {
        let after = try Self.failure(Self.interim.replacingOccurrences(of: "{as_of: 2024-02-29, value: 105.0}", with: "{as_of: 2024-03-31, value: 105.0}"))
        #expect(after.contains { $0.contains(":10:") && $0.contains("previous_forecast of unit 'kls' is dated 2024-03-31, on or after as_of 2024-03-31") && $0.contains("rule O18") })
        let outside = try Self.failure(Self.interim.replacingOccurrences(of: "{as_of: 2024-01-31, value: 30.0}", with: "{as_of: 2023-12-31, value: 30.0}"))
        #expect(outside.contains { $0.contains("outside fiscal year 2024 (rule O21)") })
        let twice = try Self.failure(Self.interim.replacingOccurrences(of: "{as_of: 2024-01-31, value: 30.0}", with: "{as_of: 2024-02-29, value: 30.0}"))
        #expect(twice.contains { $0.contains("has two rounds dated 2024-02-29") })
        let noValue = try Self.failure(Self.interim.replacingOccurrences(of: "{as_of: 2024-02-29, value: 105.0}", with: "{as_of: 2024-02-29}"))
        #expect(noValue.contains { $0.contains("missing required key 'value'") })
    }

    static let annual = """
    prognos: 1
    name: Bokslut
    unit: mnkr
    as_of: 2024-12-31
    operating:
      units:
        - {id: ks, name: Kommunstyrelsen, budget: 30.2, budget_ytd: 30.2, actual_ytd: 28.9,
           previous_forecast: [{as_of: 2024-08-31, value: 29.9}, {as_of: 2024-10-31, value: 29.5}]}
        - {id: kls, name: Kommunledningsstaben, budget: 112.3, budget_ytd: 112.3, actual_ytd: 108.0,
           forecast: {method: manual, value: 108.03}, previous_forecast: {as_of: 2024-10-31, value: 107.0}}
        - {id: vss, name: VSS, reported_as: result, budget: 0, budget_ytd: 0, actual_ytd: -4.0,
           previous_forecast: {as_of: 2024-10-31, value: -5.5}}
    """

    @Test("O20: an annual report: forecast = outcome, Prognosavvikelse = last forecast − outcome (net cost), outcome − last forecast (result)")
    func annualReport() throws {
        let doc = try Self.run(Self.annual)
        let o = try #require(doc.operating)
        #expect(o.annualReport?.value == true)
        let ks = try #require(o.units.first { $0.id == "ks" })
        #expect(ks.figures.forecast == 28_900_000)           // no forecast given: the outcome
        #expect(ks.figures.deviation == 1_300_000)           // 30.2 − 28.9
        #expect(ks.forecastError?.value == 600_000)          // 29.5 (the October round) − 28.9
        #expect(ks.method == nil)
        let kls = try #require(o.units.first { $0.id == "kls" })
        #expect(kls.figures.forecast == 108_000_000)         // 108.03 is within 0.05 of the outcome: the outcome wins
        #expect(kls.forecastError?.value == -1_000_000)      // 107.0 − 108.0: more was spent than forecast
        #expect(o.units.first { $0.id == "vss" }?.forecastError?.value == 1_500_000)   // −4.0 − (−5.5)
        // Total (net-cost leaves): last rounds 29.5 + 107.0 = 136.5 against 28.9 + 108.0 = 136.9: −0.4.
        #expect(o.total.forecastError?.value == -400_000)
        let sv = OperatingTable.render(o, unit: .mnkr, lang: .sv)
        #expect(sv.contains("Driftsammandrag för utfall helår 2024"))
        #expect(sv.contains("Utfall"))
        #expect(sv.contains("Prognosavvikelse: utfall mot senaste prognos"))
        #expect(sv.split(separator: "\n").contains { $0.hasPrefix("Kommunstyrelsen ") && $0.hasSuffix("0,6") })
    }

    @Test("O20: in an annual report a forecast that differs from the outcome, a method or adjustments are errors")
    func annualErrors() throws {
        let differs = try Self.failure(Self.annual.replacingOccurrences(of: "value: 108.03}", with: "value: 108.2}"))
        #expect(differs.contains { $0.contains("unit 'kls': forecast 108.2 differs from the outcome (actual_ytd) 108.0 mnkr in an annual report") })
        let method = try Self.failure(Self.annual.replacingOccurrences(of: "{method: manual, value: 108.03}", with: "{method: run_rate}"))
        #expect(method.contains { $0.contains("method run_rate has no meaning here") })
        let adjusted = try Self.failure(Self.annual.replacingOccurrences(
            of: "{method: manual, value: 108.03}", with: "{method: manual, value: 108.0, adjustments: [{amount: 1.0, note: x}]}"))
        #expect(adjusted.contains { $0.contains("adjustments have no meaning in an annual report") })
    }

    @Test("O19: forecast accuracy per round month from forecast_history, per unit and for the total; excluded units named")
    func accuracy() throws {
        // Rows (mnkr): ks forecasts 26.0 (Mar) and 25.0 (Aug) for 2022, outcome 25.0;
        // 30.0 (Mar) and 27.0 (Aug) for 2023, outcome 28.0. kls: 100.0 (Mar 2022), outcome 110.0;
        // no round in 2023 (and no outcome): left out of the 2023 total.
        let history = """
        unit,year,as_of,forecast,outcome
        ks,2022,2022-03-31,26.0,25.0
        ks,2022,2022-08-31,25.0,
        ks,2023,2023-03-31,30.0,28.0
        ks,2023,2023-08-31,27.0,
        kls,2022,2022-03-31,100.0,110.0
        """
        let yaml = Self.interim.replacingOccurrences(of: "  units:\n", with: "  forecast_history: history.csv\n  units:\n")
        let doc = try Self.run(yaml, extra: ["history.csv": history])
        let a = try #require(doc.operating?.forecastAccuracy)
        let ks = try #require(a.units.first { $0.id == "ks" })
        // ks, March: errors 26 − 25 = 1, 30 − 28 = 2: MAE 1.5, bias 1.5, MAPE (1/25 + 2/28)/2 = 0.055714…, n 2.
        let march = try #require(ks.byMonth.first { $0.month == 3 })
        #expect(march.mae == 1_500_000 && march.bias == 1_500_000 && march.n == 2)
        #expect(abs((march.mape ?? 0) - (1.0 / 25 + 2.0 / 28) / 2) < 1e-12)
        // ks, August: 25 − 25 = 0, 27 − 28 = −1: MAE 0.5, bias −0.5.
        let august = try #require(ks.byMonth.first { $0.month == 8 })
        #expect(august.mae == 500_000 && august.bias == -500_000 && august.n == 2)
        // Total, March: 2022 sums both units, (26 + 100) − (25 + 110) = −9; 2023 ks only, 30 − 28 = 2
        // (kls excluded and named): MAE 5.5, bias −3.5, n 2; MAPE (9/135 + 2/28)/2.
        let total = try #require(a.byMonth.first { $0.month == 3 })
        #expect(total.mae == 5_500_000 && total.bias == -3_500_000 && total.n == 2)
        #expect(abs((total.mape ?? 0) - (9.0 / 135 + 2.0 / 28) / 2) < 1e-12)
        #expect(total.excluded?.value == [ForecastAccuracyResult.Excluded(year: 2023, units: ["kls"])])
        // kls has no round in August of any year: the August total is ks alone in both years and names kls.
        let totalAugust = try #require(a.byMonth.first { $0.month == 8 })
        #expect(totalAugust.n == 2 && totalAugust.mae == 500_000)
        let sv = OperatingTable.render(try #require(doc.operating), unit: .mnkr, lang: .sv)
        #expect(sv.contains("Prognossäkerhet per prognosmånad"))
        #expect(sv.split(separator: "\n").contains { $0.hasPrefix("mars ") && $0.contains("5,5") && $0.contains("-3,5") })
        #expect(sv.contains("2023: utan prognos eller utfall, ej i summan: Kommunledningsstaben"))   // the name, not the id
    }

    @Test("forecast_history: a row for an unknown unit is an error naming the row and suggesting the unit")
    func historyUnknownUnit() throws {
        let yaml = Self.interim.replacingOccurrences(of: "  units:\n", with: "  forecast_history: history.csv\n  units:\n")
        let messages = try Self.failure(yaml, extra: ["history.csv": "unit,year,as_of,forecast,outcome\nkss,2023,2023-03-31,26.0,25.0\n"])
        #expect(messages.contains { $0.contains("history.csv:2") && $0.contains("unknown unit 'kss' in forecast_history (did you mean 'ks'?)") })
    }

    @Test("Projects: change = net forecast − the latest round; annual Prognosavvikelse = last forecast − outcome")
    func projects() throws {
        func yaml(_ asOf: String) -> String {
            """
            prognos: 1
            unit: mnkr
            as_of: \(asOf)
            investments:
              internal_rate: 2.5%
              projects:
                - {id: simhall, name: "KS, simhallen", kind: building, frame: 112.9, spent_ytd: 3.8, forecast_spend: 112.9,
                   forecast_income: 2.9, previous_forecast: [{as_of: 2024-02-29, value: 108.0}, {as_of: 2024-04-30, value: 111.0}]}
            """
        }
        // Net forecast 112.9 − 2.9 = 110.0; latest round 111.0 (30 April): change −1.0.
        let interim = try #require(try Self.run(yaml("2024-08-31")).investments?.projects.first)
        #expect(interim.forecastChange?.value == -1_000_000)
        #expect(interim.forecastError == nil)
        let annual = try #require(try Self.run(yaml("2024-12-31")).investments)
        #expect(annual.projects[0].forecastError?.value == 1_000_000)   // 111.0 − 110.0: less was spent
        let text = InvestmentTable.render(annual, nil, asOf: Day(iso: "2024-12-31")!, unit: .mnkr, lang: .sv)
        #expect(text.contains("Investeringar, prognosavvikelse") && text.contains("KS, simhallen"))
        let after = try Self.failure(yaml("2024-04-30"))
        #expect(after.contains { $0.contains("previous_forecast of project 'simhall' is dated 2024-04-30, on or after as_of 2024-04-30") })
    }
}
