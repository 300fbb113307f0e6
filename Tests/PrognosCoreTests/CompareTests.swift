import Foundation
import Testing
@testable import PrognosCore

/// `prognos compare` (spec operating.md "What-if"): OTHER − BASE per unit, project, scenario
/// year and in the totals, rows matched by id; expected values worked out by hand.
@Suite struct CompareTests {
    static let base = """
    prognos: 1
    name: Bas
    unit: mnkr
    as_of: 2024-03-31
    operating:
      units:
        - {id: ks, name: Kommunstyrelsen, budget: 30.2, budget_ytd: 7.5, actual_ytd: 6.8, forecast: {method: manual, value: 29.2}}
        - {id: kls, name: Kommunledningsstaben, budget: 112.3, budget_ytd: 27.8, actual_ytd: 24.6, forecast: {method: manual, value: 107.3}}
        - {id: hr, name: HR-avdelningen, budget: 20.0, budget_ytd: 5.0, actual_ytd: 4.0, forecast: {method: manual, value: 19.0}}
    investments:
      internal_rate: 2.5%
      projects:
        - {id: simhall, name: "KS, simhallen", kind: building, frame: 112.9, spent_ytd: 3.8, forecast_spend: 112.9}
    """

    static func document(_ yaml: String, overrides: [String] = []) throws -> ResultDocument {
        let s = try #require(try load(yaml, overrides: overrides).value)
        return ResultDocument(try ScenarioRun.compute(s))
    }

    @Test("A unit's forecast +3.0: forecast +3,0 and deviation −3,0 on the unit and in the total; other rows 0")
    func unitChange() throws {
        let a = try Self.document(Self.base)
        let b = try Self.document(Self.base, overrides: ["operating.units[kls].forecast.value=110.3"])
        let c = Comparison(base: a, other: b)
        let op = try #require(c.sections.first { $0.section == "operating" })
        func change(_ id: String?, _ figure: String) -> Double? {
            op.rows.first { $0.id == id }?.figures.first { $0.figure == figure }?.change ?? nil
        }
        // 110.3 − 107.3 = 3.0 mnkr; deviation = budget − forecast moves by −3.0 (rule: positive = favourable).
        #expect(change("kls", "forecast") == 3_000_000)
        #expect(change("kls", "deviation") == -3_000_000)
        #expect(change("ks", "forecast") == 0)
        #expect(change(nil, "forecast") == 3_000_000)      // the total row (id null)
        #expect(change(nil, "deviation") == -3_000_000)
        #expect(op.rows.last?.status == "total")
        let kls = try #require(op.rows.first { $0.id == "kls" }?.figures.first { $0.figure == "forecast" })
        #expect(kls.base == 107_300_000 && kls.other == 110_300_000)
        // The table: the unit's and the total's row show −3,0 in the deviation column.
        let text = CompareOutput.table(c, lang: .sv)
        let lines = text.split(separator: "\n").map(String.init)
        let klsLine = try #require(lines.first { $0.hasPrefix("Kommunledningsstaben") })
        let totalLine = try #require(lines.first { $0.hasPrefix("Summa nettokostnader") })
        #expect(klsLine.contains(" 3,0 ") && klsLine.contains("-3,0"))
        #expect(totalLine.contains(" 3,0 ") && totalLine.contains("-3,0"))
        #expect(text.contains("Förändring = jämförelse − bas"))
        #expect(CompareOutput.table(c, lang: .en).contains("Change = other − base"))
    }

    @Test("Units matched by id: added and removed rows listed with their side's figures and null changes")
    func addedRemoved() throws {
        let a = try Self.document(Self.base)
        let other = Self.base.replacingOccurrences(
            of: "    - {id: hr, name: HR-avdelningen, budget: 20.0, budget_ytd: 5.0, actual_ytd: 4.0, forecast: {method: manual, value: 19.0}}\n",
            with: "    - {id: it, name: IT-enheten, budget: 10.0, budget_ytd: 2.5, actual_ytd: 2.0, forecast: {method: manual, value: 9.0}}\n")
        let b = try Self.document(other)
        let c = Comparison(base: a, other: b)
        let rows = try #require(c.sections.first { $0.section == "operating" }).rows
        let hr = try #require(rows.first { $0.id == "hr" })
        #expect(hr.status == "removed")
        #expect(hr.figures.first { $0.figure == "forecast" } == Comparison.Figure(figure: "forecast", base: 19_000_000, other: nil, change: nil))
        let it = try #require(rows.first { $0.id == "it" })
        #expect(it.status == "added" && it.figures.first { $0.figure == "forecast" }?.other == 9_000_000)
        // Total: 29.2 + 107.3 + 9.0 − (29.2 + 107.3 + 19.0) = −10.0.
        #expect(rows.last?.figures.first { $0.figure == "forecast" }?.change == -10_000_000)
        let text = CompareOutput.table(c, lang: .sv)
        #expect(text.contains("tillkommen (endast i jämförelsen): IT-enheten"))
        #expect(text.contains("borttagen (endast i basen): HR-avdelningen"))
    }

    @Test("Investments per project and total; JSON keys snake_case; CSV one row per figure")
    func investmentsAndFormats() throws {
        let a = try Self.document(Self.base)
        let b = try Self.document(Self.base, overrides: ["investments.projects[simhall].forecast_spend=100.9"])
        let c = Comparison(base: a, other: b)
        let inv = try #require(c.sections.first { $0.section == "investments" })
        // forecast_net 100.9 − 112.9 = −12.0; deviation = frame − forecast_net moves by +12.0.
        #expect(inv.rows.first { $0.id == "simhall" }?.figures.first { $0.figure == "forecast_net" }?.change == -12_000_000)
        #expect(inv.rows.first { $0.id == "simhall" }?.figures.first { $0.figure == "deviation" }?.change == 12_000_000)
        let json = try CompareOutput.json(c)
        for key in ["\"base\"", "\"other\"", "\"sections\"", "\"section\": \"investments\"", "\"figures\"", "\"change\"",
                    "\"only_in_base\"", "\"only_in_other\"", "\"as_of\""] {
            #expect(json.contains(key), "\(key)")
        }
        let back = try JSONDecoder().decode(Comparison.self, from: Data(json.utf8))
        #expect(back == c)
        let csv = try CompareOutput.csv(c, dialect: .rfc4180)
        #expect(csv.hasPrefix("section,id,name,scenario,year,status,figure,base,other,change\n"))
        #expect(csv.contains("investments,simhall,\"KS, simhallen\",,,matched,forecast_net,112900000,100900000,-12000000"))
        let sv = try CompareOutput.csv(c, dialect: .excelSV)
        #expect(sv.hasPrefix("\u{FEFF}section;id;name"))
    }

    @Test("Treasury: per scenario and year; a section only one side has is named, not compared")
    func treasury() throws {
        let treasury = """
        prognos: 1
        name: Skuld
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 2
          curve: {type: zero, points: {1Y: 3%, 5Y: 3%}}
          loans: [{id: L1, type: fixed, notional: 100, start: 2023-01-01, maturity: 2030-01-01, rate: 2%}]
        rates:
          scenarios:
            - {name: base, type: curve}
            - {name: plus100, type: shift, shift: 100bp}
        """
        let a = try Self.document(treasury)
        let b = try Self.document(treasury, overrides: ["treasury.loans[L1].rate=3%"])
        let c = Comparison(base: a, other: b)
        let rows = try #require(c.sections.first { $0.section == "treasury" }).rows
        // 100 mnkr fixed for the whole of 2024 and 2025: a coupon 1 pp higher is 1.0 mnkr a year
        // more external interest in every scenario (a fixed loan does not reset), within the
        // day count's 1 % (366/365 in a leap year).
        for scenario in ["base", "plus100"] {
            for year in [2024, 2025] {
                let row = try #require(rows.first { $0.scenario == scenario && $0.year == year })
                let f = try #require(row.figures.first { $0.figure == "external_interest" })
                let change = try #require(f.change)
                #expect(abs(change - 1_000_000) < 10_000, "\(scenario) \(year): \(change)")
                #expect(change == Ore.round(f.other! - f.base!))
            }
        }
        let mixed = Comparison(base: a, other: try Self.document(Self.base))
        #expect(mixed.sections.isEmpty)
        #expect(mixed.onlyInBase == ["treasury"] && mixed.onlyInOther == ["operating", "investments"])
    }
}
