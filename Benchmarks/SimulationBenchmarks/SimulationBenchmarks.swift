import Benchmark
import Foundation
import PrognosCore

/// The Monte Carlo workloads of batch.md, release builds (`swift package benchmark`):
///   rng-floor     12,000,000 standard normals from GSL mt19937 + ziggurat on one thread
///   paths-1t/2t   100,000 Hull–White paths × 120 monthly steps on 1 and 2 threads
///   treasury-car  shared/bench/portfolio-15.6bn.yaml as it is: 100,000 paths, 10 years,
///                 the whole treasury engine per path and the yearly statistics (all cores)
///   treasury-car-1t  the same on one thread (the kernel's speed, without the thread split)
enum Workloads {
    static let v = Day(year: 2024, month: 3, day: 31)!
    static let curve = ZeroCurve(valuationDate: v, pillars: [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                                             (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)])
    static let model = ShortRateModel(kind: .hullWhite, a: 0.03, sigma: 0.009, curve: curve)

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

    for threads in [1, 2] {
        Benchmark("paths-\(threads)t") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ShortRatePaths.meanTerminalRate(model: Workloads.model, months: 120, paths: 100_000,
                                                               seed: 20240331, threads: threads))
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
    }
}
