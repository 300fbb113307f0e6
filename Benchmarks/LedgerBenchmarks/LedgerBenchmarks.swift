import Benchmark
import Foundation
import PrognosCore

/// `ledger-1m` (issue 20 item 5): a scenario whose ledger has 1,001,700 rows (20 units,
/// 2019-01 … 2024-12 budget and 2019-01 … 2024-03 actual, each month split over 371 accounts),
/// generated deterministically in the setup into a temporary folder; the workload loads the
/// scenario (the strict reading of every row) and computes the operating statement, as
/// `prognos run` does. The process-wall comparison with pandas is `scripts/bench-ledger-1m.sh`.
enum Ledger1M {
    static let units = 20, accounts = 371

    static let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-ledger-1m-\(getpid())")
    static let path = dir.appendingPathComponent("ledger-1m.yaml").path

    /// Writes the scenario (`path`) and its ledger into a new temporary folder.
    static func write() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var state: UInt64 = 1_000_000
        func next() -> UInt64 {   // a small LCG: the file must not depend on a library's RNG
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var csv = "unit,period,type,amount,account\n"
        csv.reserveCapacity(40_000_000)
        for u in 0..<units {
            for year in 2019...2024 {
                for month in 1...12 {
                    let period = "\(year)-\(month < 10 ? "0" : "")\(month)"
                    for type in ["actual", "budget"] where type == "budget" || year < 2024 || month <= 3 {
                        for a in 0..<accounts {
                            let micro = 1_000 + next() % 20_000   // 0.001000 … 0.020999 mnkr
                            let digits = String(micro)
                            csv += "u\(u),\(period),\(type),0.\(String(repeating: "0", count: 6 - digits.count))\(digits),\(4000 + a)\n"
                        }
                    }
                }
            }
        }
        try csv.write(to: dir.appendingPathComponent("ledger-1m.csv"), atomically: true, encoding: .utf8)
        let unitLines = (0..<units).map { "    - {id: u\($0), name: Enhet \($0), forecast: {method: \(["budget_remaining", "trend", "profile"][$0 % 3])}}" }
        let yaml = """
            prognos: 1
            name: ledger-1m
            unit: mnkr
            as_of: 2024-03-31
            fiscal_year: 2024
            operating:
              ledger: ledger-1m.csv
              units:
            \(unitLines.joined(separator: "\n"))

            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(20), maxIterations: 10)
    Benchmark("ledger-1m", configuration: .init(setup: { try Ledger1M.write() },
                                                teardown: { try? FileManager.default.removeItem(at: Ledger1M.dir) })) { benchmark in
        for _ in benchmark.scaledIterations {
            let scenario = try Scenario.load(path: Ledger1M.path)
            let run = try ScenarioRun.compute(scenario)
            blackHole(run.operating)
        }
    }
}
