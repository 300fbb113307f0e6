import Benchmark
import Foundation
import PrognosCore

/// The Monte Carlo workloads of batch.md, release builds (`swift package benchmark`):
///   rng-floor     12,000,000 standard normals from GSL mt19937 + ziggurat on one thread
///   paths-1t/2t   100,000 Hull–White paths × 120 monthly steps on 1 and 2 threads
///   treasury-car  shared/bench/portfolio-15.6bn.yaml as it is: 100,000 paths, 10 years,
///                 the whole treasury engine per path and the yearly statistics (all cores)
///   treasury-car-1t  the same on one thread (the kernel's speed, without the thread split)
///   statistics-1t/2t the yearly statistics and monthly bands alone (`SimulationRun.summarize`)
///                 of treasury-car's 100,000 simulated paths, on 1 and 2 threads
enum Workloads {
    static let v = Day(year: 2024, month: 3, day: 31)!
    static let curve = ZeroCurve(valuationDate: v, pillars: [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                                             (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)])
    static let model = ShortRateModel(kind: .hullWhite, a: 0.03, sigma: 0.009, curve: curve)

    /// 100,000 Hull–White paths × 120 monthly steps through the engine (`SimulationJob`): one
    /// floating loan of 1,000 mnkr over the ten years, so the work is the rate paths and
    /// their quarterly fixings.
    static func pathsJob() -> SimulationJob? {
        let yaml = """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          horizon_years: 10
          curve: {type: zero, points: {3M: 3.95%, 1Y: 3.60%, 2Y: 3.05%, 5Y: 2.65%, 10Y: 2.70%}}
          loans:
            - {id: R1, type: floating, notional: 1000, start: 2024-03-31, maturity: 2034-03-31, margin: 0.3%}
        simulation: {model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 100000, seed: 20240331, antithetic: false}
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-bench-paths-\(getpid()).yaml").path
        guard FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8)) else { return nil }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let scenario = try? Scenario.load(path: path), let treasury = scenario.treasury,
              let settings = scenario.simulation else { return nil }
        return try? SimulationJob(treasury, settings: settings)
    }

    /// The peer benchmark's portfolio, found from the package root or the benchmark's folder.
    static func benchPortfolio() -> String? {
        for candidate in ["../shared/bench/portfolio-15.6bn.yaml", "../../shared/bench/portfolio-15.6bn.yaml",
                          "../../../shared/bench/portfolio-15.6bn.yaml"] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 10)

    Benchmark("rng-floor") { benchmark in
        for _ in benchmark.scaledIterations {
            var rng = try RandomGenerator(name: "mt19937", seed: 1)
            var buffer = [Double](repeating: 0, count: 120 * 1024)
            var sum = 0.0
            for _ in 0..<(100_000 / 1024 + 1) {
                buffer.withUnsafeMutableBufferPointer { rng.fillNormals($0) }
                sum += buffer[0]
            }
            blackHole(sum)
        }
    }

    // The engine's own path loop (`SimulationJob`, `PathWorker`) over a one-loan portfolio.
    if let job = Workloads.pathsJob() {
        for threads in [1, 2] {
            Benchmark("paths-\(threads)t") { benchmark in
                for _ in benchmark.scaledIterations {
                    var raw = job.emptyRaw()
                    try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: threads)
                    blackHole(raw.yearly.last)
                }
            }
        }
    }

    if let path = Workloads.benchPortfolio() {
        Benchmark("treasury-car") { benchmark in
            for _ in benchmark.scaledIterations {
                let scenario = try Scenario.load(path: path)
                let run = try ScenarioRun.compute(scenario, simulation: .only)
                blackHole(run.simulation?.years.count)
            }
        }
        Benchmark("treasury-car-1t") { benchmark in
            for _ in benchmark.scaledIterations {
                let scenario = try Scenario.load(path: path)
                let run = try ScenarioRun.compute(scenario, simulation: .only, threads: 1)
                blackHole(run.simulation?.years.count)
            }
        }
        // The statistics alone, over paths simulated once (40 columns of 100,000, 240 band columns).
        if let scenario = try? Scenario.load(path: path), let treasury = scenario.treasury, let settings = scenario.simulation,
           let job = try? SimulationJob(treasury, settings: settings) {
            var raw = job.emptyRaw()
            if (try? job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: 2)) != nil {
                let simulated = raw
                for threads in [1, 2] {
                    Benchmark("statistics-\(threads)t") { benchmark in
                        for _ in benchmark.scaledIterations {
                            blackHole(SimulationRun.summarize(simulated, threads: threads).years.count)
                        }
                    }
                }
            }
        }
    }
}
