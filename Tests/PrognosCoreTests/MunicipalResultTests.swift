import Foundation
import Testing
@testable import PrognosCore

/// The municipality's result and the balanskravsutredning (spec/result.md R1–R7).
@Suite("municipal result and balanskrav")
struct MunicipalResultTests {
    /// A small municipality (mnkr) whose balanskravsutredning is derived by hand below: a fund
    /// sold in part after a rise since 1 January (A), one below its opening value (B), a realised
    /// gain on a fixed asset (a tomträtt, 8), a use of the reserve (10 of 30), an earlier deficit
    /// (2022, −5) and plan years that restore it late.
    static let small = """
    prognos: 1
    name: Liten kommun
    unit: mnkr
    as_of: 2024-06-30
    result:
      lines:
        verksamhetens_nettokostnad: {budget: -950, forecast: -960, outcome_prior: -900, plan: {2025: -990, 2026: -1000, 2027: -1010}}
        skatteintakter: {budget: 800, forecast: 805, outcome_prior: 770, plan: {2025: 830, 2026: 860, 2027: 890}}
        generella_statsbidrag: {budget: 150, forecast: 150, outcome_prior: 140, plan: {2025: 155, 2026: 160, 2027: 165}}
        finansiella_intakter: {budget: 10, forecast: 12, outcome_prior: 9}
        finansiella_kostnader: {budget: -20, forecast: -22, outcome_prior: -18}
      items_affecting_comparability: [{amount: 8, note: Tomträtt}]
      realised_gains: [{amount: 8, note: Tomträtt}]
      placements:
        funds:
          - {id: a, name: Aktiefond, opening_value: 100, market_value: 110, expected_return: 10%, sell: {date: 2024-12-30, share: 50%}}
          - {id: b, name: Räntefond, opening_value: 200, market_value: 190}
      balanskrav:
        reserve_balance: 30
        reserve_out: 10
        deficits: [{year: 2022, amount: -5}]
      financial_target: 1%
    """

    static func run(_ yaml: String, overrides: [String] = []) throws -> ScenarioRun {
        let scenario = try #require(try load(yaml, overrides: overrides).value)
        return try ScenarioRun.compute(scenario)
    }

    @Test("R1–R4 and R7 by hand: placements, årets resultat, the balanskravsutredning, the deficits and the target")
    func handDerived() throws {
        let r = try #require(try Self.run(Self.small).result?.section)
        func kr(_ mnkrValue: Double) -> Double { mnkrValue * mnkr }
        func close(_ a: Double?, _ b: Double, _ what: String) {
            #expect(abs((a ?? .nan) - kr(b)) < 0.011, "\(what): \(a.map { $0 / mnkr } ?? .nan) mnkr, expected \(b)")
        }
        // R1, fund A: τ = days from as_of / 365; sell 2024-12-30 is 183 days, 31 Dec 184 days.
        let g183 = pow(1.1, 183.0 / 365), g184 = pow(1.1, 184.0 / 365), g549 = pow(1.1, 549.0 / 365), g914 = pow(1.1, 914.0 / 365)
        let realisedA = 0.5 * 110 * g183 - 0.5 * 100           // proceeds − carrying amount (share × opening) ≈ 7.692
        let unrealisedA = 0.5 * 110 * g184 - 0.5 * 100         // unsold part at 31 Dec − its opening ≈ 7.707
        let unrealisedB = 190.0 - 200                          // no return: −10, below its opening value
        let u = unrealisedA + unrealisedB                      // net −2.293: a loss, added back (R2)
        let lines = -960.0 + 805 + 150 + 12 - 22               // −15
        close(r.lines.first { $0.key == "realisationsresultat_placeringar" }?.forecast, realisedA, "realised")
        close(r.lines.first { $0.key == "orealiserade_vardeforandringar" }?.forecast, u, "unrealised")
        close(r.aretsResultat.forecast, lines + realisedA + u, "årets resultat")
        close(r.aretsResultat.budget, -950 + 800 + 150 + 10 - 20, "budget: the lines only")
        close(r.aretsResultat.outcomePrior, -900 + 770 + 140 + 9 - 18, "outcome prior")
        close(r.excludingItems.forecast, lines + realisedA + u - 8, "excluding items")
        // R2: − all realised gains (A's 7.692 and the tomträtt's 8), + the unrealised loss, + the reserve's use.
        func line(_ key: String) -> Double? { r.balanskrav.lines.first { $0.key == key }?.amount }
        close(line("samtliga_realisationsvinster"), -(realisedA + 8), "realised gains deducted")
        close(line("orealiserade_vinster"), 0, "unrealised gains")
        close(line("orealiserade_forluster"), -u, "unrealised losses added back")
        close(line("anvandning_resultatreserv"), 10, "use of the reserve")
        close(r.balanskrav.afterAdjustments, -23, "after adjustments: −15 − 8 (the placements cancel out)")
        close(r.balanskrav.balanskravsresultat, -13, "balanskravsresultat")
        // R7: −9.601 / (805 + 150) against 1 %.
        let target = try #require(r.target)
        #expect(abs((target.value ?? .nan) - (lines + realisedA + u) / 955) < 1e-12)
        #expect(!target.ok)
        // R5: plan years keep the financial lines at their forecast; A's unsold part keeps growing.
        let base = try #require(r.base)
        #expect(base.years.map(\.year) == [2024, 2025, 2026, 2027])
        close(base.years[1].aretsResultat, (-990 + 830 + 155 + 12 - 22) + 55 * (g549 - g184), "2025")
        close(base.years[1].balanskravsresultat, -15, "2025: the unrealised gain deducted")
        close(base.years[2].balanskravsresultat, 10, "2026")
        close(base.years[3].balanskravsresultat, 35, "2027")
        close(base.years[2].aretsResultat, 10 + 55 * (g914 - g549), "2026 årets resultat")
        // R4: 2022 (−5, by 2025) is restored only in 2026: late. 2024 (−13, by 2027): 5 + 8 of 2026's 10
        // and 2027's 35, in time. 2025 (−15, by 2028): from 2027.
        let d = base.deficits
        #expect(d.map(\.year) == [2022, 2024, 2025])
        #expect(d.map(\.restoreBy) == [2025, 2027, 2028])
        #expect(d.map(\.late) == [true, false, false])
        #expect(d.map(\.restored) == [true, true, true])
        close(d[1].amount, -13, "2024 deficit")
        // The finding is in every view.
        let doc = ResultDocument(try Self.run(Self.small))
        #expect(TableOutput.render(doc, lang: .sv).contains("Ej återställt inom tre år: underskottet 2022"))
        #expect(TableOutput.render(doc, lang: .en).contains("Not restored within three years: the deficit of 2022"))
        #expect(Report.html(doc, lang: .sv).contains("Ej återställt inom tre år"))
        #expect(try CSVOutput.render(doc, dialect: .rfc4180).contains("base,2022,-5000000,2025,true,false,0,true"))
        let decoded = try ResultDocument.decode(Data(try JSONOutput.render(doc).utf8))
        #expect(decoded.result?.base?.deficits.map(\.late) == [true, false, false])
    }

    @Test("R3: a reservation above årets resultat efter balanskravsjusteringar − 1 % of B is an error at its line and column")
    func reserveLimit() throws {
        // After adjustments −23 (above): nothing may be reserved.
        let yaml = Self.small.replacingOccurrences(of: "    reserve_out: 10\n", with: "    reserve_in: 1\n")
        let scenario = try #require(try load(yaml).value)
        do {
            _ = try ScenarioRun.compute(scenario)
            Issue.record("no error")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("s.yaml:20:17: error: reserve_in 1.0 mnkr exceeds what R3 allows"), "\(text)")
        }
    }

    @Test("from: operating: the net cost is − the operating statement's total, budget and prior year likewise; nothing to eliminate without investments")
    func netCostFromOperating() throws {
        // Two units, net cost positive (the engine's convention): forecasts 29.2 + 70.8 = 100, budgets 30 + 72 = 102.
        let yaml = """
        prognos: 1
        unit: mnkr
        as_of: 2024-03-31
        operating:
          units:
            - {id: a, name: A, budget: 30, budget_ytd: 7.5, actual_ytd: 6.8, outcome_prior: 28, forecast: {method: manual, value: 29.2}}
            - {id: b, name: B, budget: 72, budget_ytd: 18, actual_ytd: 17, outcome_prior: 69, forecast: {method: manual, value: 70.8}}
        result:
          lines:
            verksamhetens_nettokostnad: {from: operating}
            skatteintakter: {forecast: 90}
            generella_statsbidrag: {forecast: 12}
            finansiella_intakter: {forecast: 1}
            finansiella_kostnader: {forecast: -2}
        """
        let r = try #require(try Self.run(yaml).result?.section)
        let line = try #require(r.lines.first { $0.key == "verksamhetens_nettokostnad" })
        #expect(line.forecast == -100 * mnkr)
        #expect(line.budget == -102 * mnkr)
        #expect(line.outcomePrior == -97 * mnkr)
        #expect(r.eliminatedInternalInterest?.forecast == 0)
        #expect(r.aretsResultat.forecast == (-100 + 90 + 12 + 1 - 2) * mnkr)   // +1
    }

    static let kommun = repositoryRoot.appendingPathComponent("Scenarios/linkoping-kommun-2024.yaml").path

    @Test("from: treasury: the financial lines equal the treasury section's own figures in every scenario and year")
    func financialLinesFollowTheTreasury() throws {
        let run = try ScenarioRun.compute(try Scenario.load(path: Self.kommun))
        let doc = ResultDocument(run)
        let r = try #require(doc.result), t = try #require(doc.treasury), model = try #require(run.result?.model)
        let events = model.deterministicEvents()
        #expect(r.byScenario.map(\.name) == t.scenarios.map(\.name))
        var compared = 0
        for s in r.byScenario {
            let ts = try #require(t.scenarios.first { $0.name == s.name })
            for y in s.years {
                let ty = try #require(ts.years.first { $0.year == y.year })
                let k = y.year - model.fiscalYear
                let placements = (k == 0 ? events.realised : 0) + events.unrealised[k]
                // financial net = (internal income + 90) + (− external interest − 40) + the placements' lines.
                let expected = (ty.internalIncome ?? .nan) + 90 * mnkr - (ty.externalInterest ?? .nan) - 40 * mnkr + placements
                #expect(abs((y.financialNet ?? .nan) - expected) < 0.03, "\(s.name) \(y.year)")
                compared += 1
            }
        }
        #expect(compared == 4 * 4)
        let base = try #require(t.base?.years.first { $0.year == 2024 })
        #expect(r.lines.first { $0.key == "finansiella_kostnader" }?.forecast == Ore.round(-(base.externalInterest ?? .nan) - 40 * mnkr))
        #expect(r.lines.first { $0.key == "finansiella_intakter" }?.forecast == Ore.round((base.internalIncome ?? .nan) + 90 * mnkr))
    }

    /// Floating debt whose fixings all fall on the monthly grid (month-end schedules, rule S1), so
    /// the deterministic `curve` scenario and the simulation read the same forwards; the financial
    /// costs follow the treasury, two funds with volatility 0.
    static let floating = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 3
      curve: {type: zero, interpolation: linear_zero, points: {3M: 3.95%, 1Y: 3.60%, 2Y: 3.05%, 5Y: 2.65%, 10Y: 2.70%}}
      loans:
        - {id: R1, type: floating, notional: 500, start: 2023-12-31, maturity: 2028-12-31, margin: 0.3%}
        - {id: R2, type: floating, notional: 200, start: 2024-01-31, maturity: 2029-01-31, margin: 0.2%}
    rates:
      scenarios: [{name: base, type: curve}, {name: plus200, type: shift, shift: 200bp, from: 2025-01-01}]
    simulation: {model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 8000, seed: 7, antithetic: false}
    result:
      lines:
        verksamhetens_nettokostnad: {forecast: -900, plan: {2025: -920, 2026: -940}}
        skatteintakter: {forecast: 800, plan: {2025: 820, 2026: 840}}
        generella_statsbidrag: {forecast: 140}
        finansiella_intakter: {from: treasury, other: 5}
        finansiella_kostnader: {from: treasury}
      placements:
        funds:
          - {id: a, name: Aktiefond, opening_value: 100, market_value: 110, expected_return: 7%, volatility: 0%, sell: {date: 2024-09-30, share: 40%}}
          - {id: b, name: Räntefond, opening_value: 200, market_value: 195, expected_return: 3%}
    """

    @Test("R6: with the placements' volatility 0 the Monte Carlo mean of årets resultat is the curve scenario's within 3 standard errors")
    func monteCarloMeanAgainstCurve() throws {
        let scenario = try #require(try load(Self.floating).value)
        let run = try ScenarioRun.compute(scenario, simulation: .ifPresent, threads: 2)
        let r = try #require(run.result?.section)
        let sim = try #require(r.simulation), base = try #require(r.base)   // base: the implied curve (type: curve)
        #expect(sim.years.map(\.year) == [2024, 2025, 2026])
        for y in sim.years {
            let det = try #require(base.years.first { $0.year == y.year })
            for (mc, value) in [(y.aretsResultat, det.aretsResultat), (y.balanskravsresultat, det.balanskravsresultat)] {
                let mean = try #require(mc.mean), se = try #require(mc.stderr), d = try #require(value)
                #expect(se > 1000, "\(y.year): the rates make it random (SE \(se))")
                #expect(abs(mean - d) <= 3 * se, "\(y.year): MC \(mean) vs curve \(d), SE \(se)")
            }
        }
    }

    @Test("R6: bit-identical for 1, 2 and 8 threads and for 3 merged shards; the rate paths are unchanged by the placements")
    func reproducible() throws {
        let scenario = try Scenario.load(path: Self.kommun, overrides: ["simulation.paths=3000", "simulation.band_paths=100"])
        let runs = try [1, 2, 8].map { try ScenarioRun.compute(scenario, simulation: .only, threads: $0) }
        let one = try #require(runs[0].result?.section.simulation)
        #expect(runs.allSatisfy { $0.result?.section == runs[0].result?.section })
        // Shards: each part written, merged, and the result's distribution from the parts.
        let dir = try temporaryFiles([:])
        var paths: [String] = []
        for k in 0..<3 {
            let (data, _) = try SimulationPart.shard(scenario, k, of: 3, threads: 2)
            let url = dir.appendingPathComponent("part-\(k).bin")
            try data.write(to: url)
            paths.append(url.path)
        }
        let (merged, header) = try SimulationPart.merge(paths, maxPaths: 1_000_000)
        let result = try SimulationPart.mergeResult(paths, header: header, maxPaths: 1_000_000, threads: 3)
        #expect(result == runs[0].result?.section)
        #expect(result?.simulation == one)
        let single = try JSONOutput.render(ResultDocument(runs[0]))
        let joined = try JSONOutput.render(ResultDocument(simulation: merged, name: header.name, asOf: header.asOf, unit: header.unit,
                                                          warnings: header.warnings, result: result))
        #expect(single == joined)
        // The same scenario without placements simulates the same rate paths (the interest series are identical).
        let without = try Scenario.load(path: Self.kommun, overrides: ["simulation.paths=3000", "simulation.band_paths=100",
                                                                       "result.placements=null"])
        let plain = try ScenarioRun.compute(without, simulation: .only, threads: 2)
        #expect(SimulationResult(try #require(plain.simulation), lang: .sv) == SimulationResult(try #require(runs[0].simulation), lang: .sv))
    }
}
