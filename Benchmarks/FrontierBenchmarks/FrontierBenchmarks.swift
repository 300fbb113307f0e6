import Benchmark
import Foundation
import PrognosCore

/// The frontier's speed goal (spec frontier.md "Speed"), release builds (`swift package benchmark
/// --target FrontierBenchmarks`), both on Scenarios/frontier-2024.yaml (the 15.6 bn internal-bank
/// portfolio, 20,000 paths):
///   frontier-286x20k   `prognos frontier`'s work: 286 mixes × 20,000 paths, policy verdicts included
///   simulate-20k       `prognos simulate`'s work: the same 20,000 paths with the file's own mix
/// The goal is frontier ≤ 10 × simulate, measured back to back in one run.
enum FrontierWorkload {
    static func scenario() -> Scenario? {
        for candidate in ["Scenarios/frontier-2024.yaml", "../Scenarios/frontier-2024.yaml", "../../Scenarios/frontier-2024.yaml",
                          "../../../Scenarios/frontier-2024.yaml"] where FileManager.default.fileExists(atPath: candidate) {
            return try? Scenario.load(path: candidate)
        }
        return nil
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
                                           maxDuration: .seconds(20), maxIterations: 5)
    guard let scenario = FrontierWorkload.scenario(), let treasury = scenario.treasury, let settings = scenario.simulation else { return }
    let threads = ProcessInfo.processInfo.activeProcessorCount

    Benchmark("simulate-20k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SimulationRun.compute(treasury, settings: settings, threads: threads))
        }
    }

    Benchmark("frontier-286x20k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FrontierRun.compute(scenario, threads: threads))
        }
    }
}
