import Foundation
import Testing
@testable import PrognosCore

@Suite("Year-end projection: ledger, methods, backtest, bands")
struct ProjectionTests {
    /// Monthly actuals v(t) = 10 + 0.1 t + 0.5 m (t months since January 2022, m the month
    /// 0…11): an exact trend with seasonal steps, so every method has a hand-computable figure.
    static func ledger(extraRows: String = "") -> String {
        var rows = ["unit,period,type,amount"]
        for t in 0..<27 {
            let year = 2022 + t / 12, m = t % 12
            let v = 10 + 0.1 * Double(t) + 0.5 * Double(m)
            rows.append("u,\(year)-\(String(format: "%02d", m + 1)),actual,\(v)")
        }
        for m in 1...12 {
            rows.append("u,2022-\(String(format: "%02d", m)),budget,13")
            rows.append("u,2023-\(String(format: "%02d", m)),budget,14")
            rows.append("u,2024-\(String(format: "%02d", m)),budget,15")
        }
        return rows.joined(separator: "\n") + "\n" + extraRows
    }

    static func statement(method: String = "budget_remaining", ledger: String = ledger(), units: String? = nil) throws -> OperatingStatement {
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        operating:
          ledger: ledger.csv
          units:
        \(units ?? "    - {id: u, name: U, forecast: {method: \(method)}}")

        """
        let s = try #require(try load(yaml, extra: ["ledger.csv": ledger]).value)
        return try #require(try ScenarioRun.compute(s).operating)
    }

    @Test("every method by hand on an exact trend")
    func methods() throws {
        let u = try Self.statement().units[0]
        let m = Dictionary(uniqueKeysWithValues: u.methods.map { ($0.name, $0.value) })
        // A = Σ_{t=24..26} (−2 + 0.6 t) = 39.0; B = 12 × 15 = 180; B_M = 45.
        #expect(abs(u.figures.actualYTD! - 39e6) < 1e-3)
        #expect(u.figures.budget == 180e6 && u.figures.budgetYTD == 45e6)      // from the ledger (rule O1)
        #expect(abs(m["budget_remaining"]!! - 174e6) < 1e-3)                   // 39 + (180 − 45)
        #expect(abs(m["run_rate"]!! - 156e6) < 1e-3)                           // 39 × 12 / 3
        // s_M = (31.8 + 35.4) / (159.6 + 174) over 2022–2023; F = 39 × 333.6 / 67.2.
        #expect(abs(m["profile"]!! - 39e6 * 333.6 / 67.2) < 1e-2)
        // The fit is exact: F = 39 + Σ_{t=27..35} (−2 + 0.6 t) = 188.4 (numpy lstsq: 188.39999999998).
        #expect(abs(m["trend"]!! - 188.4e6) < 1)
        // Last year's figures from the ledger: Q1 2023 = 35.4, 2023 = 174.
        #expect(abs(u.figures.actualYTDPrior! - 35.4e6) < 1e-3 && abs(u.figures.outcomePrior! - 174e6) < 1e-3)
    }

    @Test("a backtest on the tiny ledger, by hand; the recommended method has the lowest MAE (rule O4)")
    func backtest() throws {
        let b = try #require(try Self.statement().units[0].backtest)
        let br = try #require(b.result(.budgetRemaining)), rr = try #require(b.result(.runRate))
        let pr = try #require(b.result(.profile)), tr = try #require(b.result(.trend))
        // 2022: A = 31.8, B = 156, B_M = 39 → 148.8 vs 159.6; 2023: 35.4 + 126 = 161.4 vs 174.
        #expect(br.years == [2022, 2023])
        #expect(zip(br.errors, [-10.8e6, -12.6e6]).allSatisfy { abs($0 - $1) < 1e-3 })
        #expect(abs(br.mae! - 11.7e6) < 1e-3 && abs(br.bias! + 11.7e6) < 1e-3)
        #expect(abs(br.mape! - (10.8 / 159.6 + 12.6 / 174) / 2) < 1e-12)      // a fraction (rule O5)
        #expect(zip(rr.errors, [-32.4e6, -32.4e6]).allSatisfy { abs($0 - $1) < 1e-3 })
        // Profile needs a complete earlier year: only 2023, F = 35.4 × 159.6 / 31.8.
        #expect(pr.years == [2023])
        #expect(abs(pr.errors[0] - (35.4e6 * 159.6 / 31.8 - 174e6)) < 1e-3)
        #expect(tr.n == 0)                                                     // never 24 observations before 2024
        #expect(b.recommended == .profile)
    }

    @Test("a band from a known error sample: GSL quantiles interpolated by hand, adjustments added (O7)")
    func band() throws {
        // ε = outcome/F − 1 = −0.10, −0.02, 0.01, 0.03, 0.08 (in that order after sorting).
        var r = Backtest.MethodResult()
        r.years = [2019, 2020, 2021, 2022, 2023]
        r.forecasts = [100, 100, 100, 100, 100]
        r.outcomes = [101, 90, 108, 98, 103]
        let b = try #require(ForecastBand.from(r, forecast: 200, absolute: false, adjustments: 5))
        // q(0.1): h = 0.4 → −0.10 + 0.4 × 0.08 = −0.068 → 200 × 0.932 + 5 = 191.4
        // q(0.5) = 0.01 → 207;  q(0.9): h = 3.6 → 0.03 + 0.6 × 0.05 = 0.06 → 217
        #expect(abs(b.p10 - 191.4) < 1e-9 && abs(b.p50 - 207) < 1e-9 && abs(b.p90 - 217) < 1e-9)
        // Absolute errors (rule O11): outcome − F = 1, −10, 8, −2, 3 → q(0.1) = −10 + 0.4 × 8 = −6.8.
        let a = try #require(ForecastBand.from(r, forecast: 200, absolute: true, adjustments: 0))
        #expect(abs(a.p10 - 193.2) < 1e-9 && abs(a.p50 - 201) < 1e-9)
        r.years.removeLast(3); r.forecasts.removeLast(3); r.outcomes.removeLast(3)
        #expect(ForecastBand.from(r, forecast: 200, absolute: false, adjustments: 0) == nil)   // < 3 years
    }

    @Test("the total band keeps same-year co-movement: wider than the independent one when errors correlate")
    func totalBand() throws {
        // Three units whose yearly misses are the same (a pay settlement hits them all), 2019–2023.
        let miss = [0.94, 1.05, 0.98, 1.09, 1.01]
        var rows = ["unit,period,type,amount"]
        for (k, unit) in ["a", "b", "c"].enumerated() {
            let scale = Double(k + 1) * 10
            for (i, year) in (2019...2023).enumerated() {
                for m in 1...12 {
                    // Q1 runs at plan; the rest of the year carries the year's common miss.
                    let v = scale * (m <= 3 ? 1 : miss[i])
                    rows.append("\(unit),\(year)-\(String(format: "%02d", m)),actual,\(v)")
                }
            }
            for m in 1...3 { rows.append("\(unit),2024-\(String(format: "%02d", m)),actual,\(scale)") }
        }
        let s = try Self.statement(ledger: rows.joined(separator: "\n") + "\n", units: """
            - {id: a, name: A, budget: 120, forecast: {method: run_rate}}
            - {id: b, name: B, budget: 240, forecast: {method: run_rate}}
            - {id: c, name: C, budget: 360, forecast: {method: run_rate}}
        """)
        let total = try #require(s.totalBand), independent = try #require(s.totalBandIndependent)
        #expect(s.units.allSatisfy { $0.band != nil })
        #expect(total.p90 - total.p10 > independent.p90 - independent.p10)
        // With identical relative misses the total's band is the sum of the unit bands.
        let sum = s.units.reduce(0.0) { $0 + ($1.band!.p90 - $1.band!.p10) }
        #expect(abs((total.p90 - total.p10) - sum) < 1e-3)
        #expect(s.totalBandEstimator?.text(.en).hasPrefix("whole backtest years") == true)
    }

    @Test("bad ledger input: each error names its CSV row; rows by account are summed (O2)")
    func badLedger() throws {
        let bad = "unit,period,type,amount\nu,2024-13,actual,1\nx,2024-01,actual,1\nu,2024-01,actul,1\nu,2024-02,actual,abc\n"
        let failure = try #require(try load("prognos: 1\nunit: mnkr\nas_of: 2024-03-31\noperating:\n  ledger: l.csv\n  units:\n    - {id: u, name: U}\n",
                                            extra: ["l.csv": bad]).failure)
        let lines = failure.diagnostics.map { "\($0.location.map { URL(fileURLWithPath: $0.file).lastPathComponent + ":\($0.line)" } ?? ""): \($0.message)" }
        for expected in ["l.csv:2: period '2024-13' is not a month YYYY-MM",
                         "l.csv:3: unknown unit 'x' in the ledger (did you mean 'u'?)",
                         "l.csv:4: type 'actul' is neither actual nor budget (did you mean 'actual'?)",
                         "l.csv:5: expected an amount (a number in mnkr), found 'abc' in column 'amount' for ledger row"] {
            #expect(lines.contains(expected), "\(expected) — got \(lines)")
        }
        let header = try #require(try load("prognos: 1\nunit: mnkr\nas_of: 2024-03-31\noperating:\n  ledger: l.csv\n  units:\n    - {id: u, name: U}\n",
                                           extra: ["l.csv": "enhet,period,typ,belopp\n"]).failure)
        #expect(header.diagnostics.map(\.message).contains("unknown column 'enhet'"))
        #expect(header.diagnostics.map(\.message).contains("missing column 'unit'"))

        // Two account rows for the same unit, period and type are one figure.
        let summed = "unit,period,type,amount,account\nu,2024-01,actual,1.5,4010\nu,2024-01,actual,2.5,4020\nu,2024-02,actual,3,4010\nu,2024-03,actual,3,4010\n"
            + (1...12).map { "u,2024-\(String(format: "%02d", $0)),budget,1,4010" }.joined(separator: "\n") + "\n"
        let u = try Self.statement(method: "run_rate", ledger: summed).units[0]
        #expect(u.figures.actualYTD == 10e6)
        // No prior year: the reason, not a number.
        #expect(u.methodsUnavailable.contains { $0.name == "profile" && $0.reason == "needs 1 complete prior year of monthly actuals" })
        #expect(u.methods.first { $0.name == "profile" }?.value == nil)
        #expect(u.bandReason == "run_rate has 0 backtest years; a band needs 3")
    }

    @Test("a chosen method that cannot run is an error, not a silent number")
    func chosenMethodFails() throws {
        let summed = "unit,period,type,amount\nu,2024-01,actual,1\n"
        let yaml = "prognos: 1\nunit: mnkr\nas_of: 2024-03-31\noperating:\n  ledger: l.csv\n  units:\n    - {id: u, name: U, budget: 12, forecast: {method: profile}}\n"
        let s = try #require(try load(yaml, extra: ["l.csv": summed]).value)
        do {
            _ = try ScenarioRun.compute(s)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message).contains("unit 'u': method profile cannot run: needs 1 complete prior year of monthly actuals"))
        }
    }
}
