import Benchmark
import Foundation
import PrognosCore

/// Workloads of the deterministic treasury engine (issue: "a 300-instrument portfolio
/// over 10 years under 5 scenarios runs in well under 50 ms in a release build").
///
/// The portfolio is synthetic and deterministic: 150 fixed and 120 floating loans (some
/// amortising, some floored), 30 pay-fixed swaps, a 3-entry refinancing mix over 10
/// years, and the five scenarios base/−100/+100/+200/ramp on a 5-pillar curve.
enum Workload {
    static let v = Day(year: 2024, month: 3, day: 31)!

    static func portfolio() -> TreasuryInput {
        var loans: [Loan] = []
        var state: UInt64 = 20240331
        func next() -> Double {   // a small LCG: the portfolio must not depend on a library's RNG
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<270 {
            let start = Day(year: 2017 + Int(next() * 7), month: 1 + Int(next() * 12), day: 28)!
            var maturity = start.addingMonths(12 * (2 + Int(next() * 9)))
            while maturity <= v.addingMonths(2) { maturity = maturity.addingMonths(12) }
            let floating = i >= 150
            loans.append(Loan(id: "L\(i)", kind: floating ? .floating : .fixed, notional: 30e6 + next() * 100e6,
                              start: start, maturity: maturity, rate: floating ? nil : 0.004 + next() * 0.035,
                              margin: floating ? 0.001 + next() * 0.004 : 0, frequencyMonths: floating ? 3 : 12,
                              dayCount: floating ? .act360 : .thirty360, floor: floating && i % 5 == 0 ? 0 : nil,
                              amortization: floating && i % 7 == 0 ? Amortization(amount: 10e6, frequencyMonths: 12) : nil,
                              green: i % 2 == 0, lender: nil, lastFixing: nil, location: nil))
        }
        let swaps = (0..<30).map { i in
            Swap(id: "S\(i)", pay: .fixed, notional: 100e6 + next() * 150e6,
                 start: Day(year: 2019 + i % 5, month: 1 + i % 12, day: 15)!,
                 maturity: Day(year: 2027 + i % 7, month: 1 + i % 12, day: 15)!, fixedRate: 0.005 + next() * 0.03,
                 fixedFrequencyMonths: 12, floatFrequencyMonths: 3, lastFixing: nil, green: false, lender: nil, location: nil)
        }
        let curve = ZeroCurve(valuationDate: v, pillars: [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                                          (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)])
        return TreasuryInput(valuationDate: v, horizonYears: 10, curve: curve,
                             fundingSpread: [(Tenor("1Y")!, 0.0015), (Tenor("3Y")!, 0.0025), (Tenor("5Y")!, 0.0035), (Tenor("10Y")!, 0.005)],
                             loans: loans, swaps: swaps,
                             tenorMix: [TenorMixEntry(tenor: Tenor("3Y")!, kind: .fixed, share: 0.5),
                                        TenorMixEntry(tenor: Tenor("5Y")!, kind: .fixed, share: 0.3),
                                        TenorMixEntry(tenor: Tenor("2Y")!, kind: .floating, share: 0.2)],
                             newBorrowing: [], fixingHistory: [], location: SourceLocation(file: "benchmark", line: 0, column: 0))
    }

    static func scenarios(_ input: TreasuryInput) -> [any RateScenario] {
        let base = CurveScenario(curve: input.curve!)
        return [base, ShiftScenario(base: base, shift: -0.01), ShiftScenario(base: base, shift: 0.01),
                ShiftScenario(base: base, shift: 0.02), RampScenario(base: base, to: 0.02, overMonths: 24)]
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 1000)
    let input = Workload.portfolio()
    let scenarios = Workload.scenarios(input)

    // The whole deterministic run: compile the portfolio, then 5 scenarios × 10 years.
    Benchmark("treasury-300x10y-5scenarios") { benchmark in
        for _ in benchmark.scaledIterations {
            var evaluator = PortfolioEvaluator(plan: PortfolioPlan(input))
            var total = 0.0
            for s in scenarios {
                evaluator.evaluate(s)
                total += evaluator.external.reduce(0, +)
            }
            blackHole(total)
        }
    }

    // One scenario over a compiled plan: the per-path cost a Monte Carlo run will pay.
    let plan = PortfolioPlan(input)
    Benchmark("treasury-evaluate-one-scenario") { benchmark in
        var evaluator = PortfolioEvaluator(plan: plan)
        for _ in benchmark.scaledIterations {
            evaluator.evaluate(scenarios[0])
            blackHole(evaluator.external[0])
        }
    }

    // `sweep-1000` (batch.md): 1,000 deterministic variants of the internal-bank scenario,
    // the whole batch (runs/*.json, results.csv) on all cores.
    let manifests = ["Benchmarks/sweep/sweep-1000.yaml", "../sweep/sweep-1000.yaml", "../../Benchmarks/sweep/sweep-1000.yaml"]
    if let path = manifests.first(where: { FileManager.default.fileExists(atPath: $0) }) {
        Benchmark("sweep-1000", configuration: .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                                      maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
            for _ in benchmark.scaledIterations {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
                let manifest = try Manifest.read(path: path, extraOverrides: [])
                let report = try BatchRunner.run(manifest, overrides: [], folder: folder,
                                                 jobs: ProcessInfo.processInfo.activeProcessorCount, resume: false, shard: nil)
                blackHole(report.done)
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }
}
