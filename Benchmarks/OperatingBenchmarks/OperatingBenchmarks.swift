import Benchmark
import PrognosCore

/// `yearend-10k` (batch.md): 10,000 units × 5 years of monthly history (2019–2023) and
/// 2024 to March, every projection method, the backtests and the bands (unit and total).
enum YearEnd {
    static let location = SourceLocation(file: "benchmark", line: 0, column: 0)

    static func input(units count: Int) -> OperatingInput {
        var state: UInt64 = 10_000
        func noise() -> Double {      // a small LCG: the workload must not depend on a library's RNG
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let season = [0.080, 0.082, 0.085, 0.084, 0.085, 0.090, 0.055, 0.070, 0.085, 0.088, 0.090, 0.106]
        let methods: [ForecastMethod] = [.budgetRemaining, .runRate, .profile, .trend]
        var ledger = Ledger()
        var units: [OperatingUnitInput] = []
        for i in 0..<count {
            let id = "u\(i)", level = 1e6 * (5 + Double(i % 97))
            var years: [Int: MonthlySeries] = [:]
            for year in 2019...2024 {
                var s = MonthlySeries()
                let yearMiss = 1 + 0.08 * noise()
                for m in 0..<12 {
                    if year < 2024 || m < 3 { s.actual[m] = level * season[m] * yearMiss * (1 + 0.1 * noise()) }
                    s.budget[m] = level * season[m] * 1.02
                }
                years[year] = s
            }
            ledger.history[id] = years
            units.append(OperatingUnitInput(id: id, name: "Enhet \(i)", forecast: ForecastSpec(method: methods[i % 4]),
                                            location: location))
        }
        return OperatingInput(units: units, ledger: ledger, location: location)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 10)
    let input = YearEnd.input(units: 10_000)
    let asOf = Day(year: 2024, month: 3, day: 31)!
    Benchmark("yearend-10k") { benchmark in
        for _ in benchmark.scaledIterations {
            let log = DiagnosticLog()
            let s = OperatingStatement.compute(input, asOf: asOf, fiscalYear: 2024, unit: .mnkr, log: log)
            blackHole(s.totalBand)
        }
    }
}
