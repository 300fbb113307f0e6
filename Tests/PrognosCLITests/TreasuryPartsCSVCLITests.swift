import Foundation
import Testing

/// Issue 19 items 4 and 5 in the RFC 4180 CSV (`--format csv`): the split of a year that
/// starts before V (rule T26) and the borrowing need (rule T25), each a table of its own after
/// the scenario-year table, as in the JSON (`treasury.scenarios[].years[].realised|forecast`,
/// `treasury.borrowing_need[]`).
@Suite("prognos CLI: partial years and the borrowing need in the RFC 4180 CSV", .serialized)
struct TreasuryPartsCSVCLITests {
    /// The CSV's tables (blank-line separated), each as rows of fields (no field here has a comma or quote).
    static func tables(_ csv: String) -> [[[String]]] {
        csv.components(separatedBy: "\n\n").map { t in
            t.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }.filter { !$0.isEmpty }
    }

    static func table(_ csv: String, startingWith header: String) -> [[String]]? {
        tables(csv).first { $0.first?.joined(separator: ",") == header }
    }

    /// linkoping-internbank-2024.yaml (the portfolio and the rate scenarios of rates-2024.yaml): V = 2024-03-31, so the output year 2024 starts before V and is split
    /// into 2024-01-01 – 2024-03-30 (realised) and 2024-03-31 – 2024-12-31 (forecast). Each part
    /// is the JSON's; the two parts add up to the year's figure in the scenario-year table
    /// (each rounded to the öre: within 1 öre).
    @Test("linkoping-internbank-2024.yaml: the 2024 split per scenario, the parts as in the JSON and adding up to the year")
    func partialYear() throws {
        let csv = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "csv"])
        #expect(csv.status == 0)
        let header = "scenario,year,part,from,to,external_interest,swap_net,internal_income,margin_income,municipality_net,label"
        let parts = try #require(Self.table(csv.stdout, startingWith: header))
        let years = try #require(Self.table(csv.stdout, startingWith:
            "scenario,year,external_interest,swap_net,internal_income,margin_income,municipality_net,average_funding_rate,average_debt,debt_end,label"))
        let json = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let scenarios = try #require((doc["treasury"] as? [String: Any])?["scenarios"] as? [[String: Any]])
        #expect(scenarios.count >= 2)
        #expect(parts.count == 1 + 2 * scenarios.count)   // the header, then realised and forecast per scenario
        for s in scenarios {
            let name = try #require(s["name"] as? String)
            let year = try #require((s["years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2024 })
            #expect(year["partial"] as? Bool == true)
            let rows = parts.dropFirst().filter { $0[0] == name }
            #expect(rows.map { $0[2] } == ["realised", "forecast"])
            #expect(rows.map { "\($0[3])…\($0[4])" } == ["2024-01-01…2024-03-30", "2024-03-31…2024-12-31"])
            let whole = try #require(years.first { $0[0] == name && $0[1] == "2024" })
            for (column, key) in [(5, "external_interest"), (6, "swap_net"), (7, "internal_income"), (9, "municipality_net")] {
                let realised = try #require(Double(rows[0][column])), forecast = try #require(Double(rows[1][column]))
                #expect(realised == (year["realised"] as? [String: Any])?[key] as? Double, "\(name) realised \(key)")
                #expect(forecast == (year["forecast"] as? [String: Any])?[key] as? Double, "\(name) forecast \(key)")
                let total = try #require(Double(whole[column - 3]))
                #expect(abs(realised + forecast - total) <= 0.011, "\(name) \(key): \(realised) + \(forecast) vs \(total)")
                #expect(realised != 0 && forecast != 0)
            }
        }
        // No investments section: no borrowing-need table.
        #expect(!csv.stdout.contains("year,borrowing_need"))
    }

    /// The two-project plan of TreasuryBorrowingNeedTests (its hand derivation): 11.25 mnkr a
    /// month April–December 2024 (101.25), 18.25 in 2025 (219), 8.25 in 2026 (99).
    @Test("from_investments: the borrowing need per year as its own table (101.25, 219, 99 mnkr)")
    func borrowingNeed() throws {
        let file = try CLITests.scenario("need.yaml", """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 3
          loans:
            - {id: F1, type: fixed, notional: 100, start: 2020-01-01, maturity: 2030-01-01, rate: 4%}
          refinancing:
            tenor_mix: [{tenor: 5Y, type: fixed, share: 100%}]
            from_investments: true
        rates:
          scenarios:
            - {name: base, type: flat, level: 3%}
        investments:
          internal_rate: 2.5%
          interest_basis: market
          margin: 0.5%
          plan: {2025: 240, 2026: 120}
          projects:
            - {id: P1, name: Förskola, kind: equipment, frame: 120, spent_ytd: 30, forecast_spend: 120}
            - {id: P2, name: IT-plattform, kind: it, frame: 36, forecast_spend: 36, forecast_income: 9, cost_at_activation: 36,
               activation: {planned: 2024-04-01, forecast: 2024-04-01}}
          existing_assets:
            - {id: E1, kind: building, book_value: 120, remaining_life: 10}

        """)
        let r = try CLITests.prognos(["run", file, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let need = try #require(Self.table(r.stdout, startingWith: "year,borrowing_need"))
        #expect(need.dropFirst().map { $0.joined(separator: ",") } == ["2024,101250000", "2025,219000000", "2026,99000000"])
        // V = 2024-03-31 here too: the partial-year table comes first, then the need.
        let tables = Self.tables(r.stdout).map { $0[0].joined(separator: ",") }
        let p = try #require(tables.firstIndex { $0.hasPrefix("scenario,year,part,") })
        #expect(tables.firstIndex(of: "year,borrowing_need") == p + 1)
    }
}
