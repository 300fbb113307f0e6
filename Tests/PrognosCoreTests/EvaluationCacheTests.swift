import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: a batch's scenario evaluations kept per compiled plan (`EvaluationCache`).
/// A run that takes evaluations from the cache must give the bytes of a run that computes them
/// (spec/batch.md: a run's files do not depend on the runs before it), and a sweep of one
/// scenario's shift must compute only that scenario again.
@Suite("evaluation cache")
struct EvaluationCacheTests {
    static let internbank = BatchSpeedTests.internbank

    static func json(_ overrides: [String]) throws -> String {
        JSONWriter.write(JSONOutput.object(try ScenarioRun.compute(try Scenario.load(path: internbank, overrides: overrides))))
    }

    @Test("runs with the evaluation cache give the bytes of runs without it, in any order (rules T16, T17, T26)")
    func cachedEqualsFresh() throws {
        // plus100's shift and the margin: the first changes one scenario's fixings, the second
        // the plan (another cache).
        let overrides = [["rates.scenarios[plus100].shift=50bp"], [], ["rates.scenarios[plus100].shift=150bp"],
                         ["rates.scenarios[plus100].shift=50bp", "treasury.internal_bank.margin=0.40%"],
                         ["rates.scenarios[plus100].shift=100bp"]]
        let fresh = try overrides.map(Self.json)
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        let cached = try overrides.map(Self.json)
        let again = try overrides.reversed().map(Self.json)
        #expect(cached == fresh)
        #expect(Array(again.reversed()) == fresh)
        // The shift is in the figures: 50 bp and 150 bp give different documents; [] is 100 bp.
        #expect(fresh[0] != fresh[2])
        #expect(fresh[1] == fresh[4])
    }

    @Test("a sweep of plus100's shift evaluates plus100 again and takes every other scenario from the cache")
    func oneScenarioAgain() throws {
        // The file's scenarios as a run builds them (rule T16), evaluated on one plan with a
        // cache (not through the global `InputCache`, which tests running beside this one
        // switch on and off).
        var plan = PortfolioPlan(try BatchSpeedTests.treasury())
        let cache = EvaluationCache()
        plan.evaluations = cache
        var evaluator = PortfolioEvaluator(plan: plan)
        func evaluateAll(_ shift: String) throws -> [String: [YearFigures]] {
            let scenario = try Scenario.load(path: Self.internbank, overrides: ["rates.scenarios[plus100].shift=\(shift)"])
            let t = try #require(scenario.treasury)
            let built = RatesInput.build(try #require(scenario.rates).scenarios, curve: t.curve, valuationDate: t.valuationDate,
                                         at: t.location, log: DiagnosticLog())
            var out: [String: [YearFigures]] = [:]
            for (name, s) in built { evaluator.evaluate(s); out[name] = evaluator.figures }
            return out
        }
        let a = try evaluateAll("125bp")
        let first = cache.count
        #expect(first == a.count)          // every scenario of the file once (their fixings differ)
        #expect(first == 6)               // base, minus100, plus100, plus200, ramp200, the Riksbank path
        let b = try evaluateAll("175bp")
        #expect(cache.count == first + 1)  // plus100 only
        let c = try evaluateAll("125bp")   // seen before: nothing new, the same figures
        #expect(cache.count == first + 1)
        #expect(c == a)
        #expect(b["plus100"] != a["plus100"])
        for name in a.keys where name != "plus100" { #expect(b[name] == a[name], "\(name)") }
    }

    @Test("an evaluation taken from the cache leaves the evaluator as computing it does, whatever came before")
    func hitEqualsCompute() throws {
        let t = try BatchSpeedTests.treasury()
        var cachedPlan = PortfolioPlan(t)
        cachedPlan.evaluations = EvaluationCache()
        var fresh = PortfolioEvaluator(plan: PortfolioPlan(t))
        var cached = PortfolioEvaluator(plan: cachedPlan)
        let curve = CurveScenario(curve: try #require(t.curve))
        let shifts = [0.0, 0.01, -0.005, 0.01, 0.0, -0.005]
        for (n, shift) in shifts.enumerated() {
            let scenario = ShiftScenario(base: curve, shift: shift)
            fresh.evaluate(scenario)
            cached.evaluate(scenario)
            #expect(cached.external.map(\.bitPattern) == fresh.external.map(\.bitPattern))
            #expect(cached.swaps.map(\.bitPattern) == fresh.swaps.map(\.bitPattern))
            #expect(cached.internalIncome.map(\.bitPattern) == fresh.internalIncome.map(\.bitPattern))
            #expect(cached.parRates.map(\.bitPattern) == fresh.parRates.map(\.bitPattern))
            #expect(cached.figures == fresh.figures)
            // Three distinct shifts: three entries once each has been seen.
            #expect(cachedPlan.evaluations!.count == min(n + 1, 3))
        }
        // +1 pp costs more than the base: the figures are real numbers, not zeros.
        cached.evaluate(ShiftScenario(base: curve, shift: 0.01))
        let up = cached.figures[1].externalInterest
        cached.evaluate(curve)
        #expect(up > cached.figures[1].externalInterest + 1)
    }
}
