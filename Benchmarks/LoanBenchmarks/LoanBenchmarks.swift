import Benchmark
import Foundation
import PrognosCore

/// `loans-1m` (issue 20 item 5): a portfolio scenario whose `loans_file` has 1,000,000 loans
/// (the ten loan terms below, each split into 100,000 loans of the same terms with the
/// notional split into whole kronor, written as Swedish Excel writes CSV: `;` and decimal
/// comma), generated deterministically in the setup into a temporary folder; the workload loads
/// the scenario (the strict reading and checking of every row) and computes the run, as
/// `prognos run` does. The process-wall comparison with pandas is `scripts/bench-loans-1m.sh`.
enum Loans1M {
    static let perTerm = 100_000

    static let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-loans-1m-\(getpid())")
    static let path = dir.appendingPathComponent("loans-1m.yaml").path

    /// (type, notional in mnkr, start, maturity, rate or margin, floor, amortisation mnkr, green, lender).
    static let terms: [(String, Int, String, String, String, String, String, String, String)] = [
        ("fixed", 1_500, "2019-12-31", "2024-12-31", "0,47%", "", "", "false", "Kommuninvest"),
        ("floating", 2_000, "2024-03-31", "2031-03-31", "0,34%", "", "", "true", "MTN"),
        ("fixed", 1_200, "2022-08-31", "2027-08-31", "2,01%", "", "", "true", "Kommuninvest"),
        ("floating", 1_800, "2023-09-30", "2025-09-30", "0,24%", "0,00%", "", "false", "bank"),
        ("fixed", 2_500, "2021-06-30", "2029-06-30", "1,10%", "", "", "false", "Kommuninvest"),
        ("floating", 1_600, "2021-04-30", "2026-04-30", "0,43%", "", "300", "true", "Kommuninvest"),
        ("fixed", 1_300, "2023-11-30", "2033-11-30", "3,45%", "", "", "false", "bank"),
        ("floating", 1_400, "2022-03-31", "2028-03-31", "0,40%", "", "", "true", "MTN"),
        ("fixed", 1_000, "2020-06-30", "2028-06-30", "0,62%", "", "", "true", "MTN"),
        ("floating", 1_300, "2024-02-29", "2030-02-28", "0,40%", "", "", "false", "Kommuninvest"),
    ]

    /// Whole kronor as mnkr with six decimals and a decimal comma.
    static func mnkr(_ kronor: Int) -> String {
        let frac = String(kronor % 1_000_000)
        return "\(kronor / 1_000_000),\(String(repeating: "0", count: 6 - frac.count))\(frac)"
    }

    /// Writes the scenario (`path`) and its loans file into a new temporary folder.
    static func write() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var csv = "id;type;notional;start;maturity;rate;margin;floor;amortization_amount;amortization_frequency;green;lender\n"
        csv.reserveCapacity(80_000_000)
        for (t, term) in terms.enumerated() {
            let (type, notional, start, maturity, rate, floor, amortization, green, lender) = term
            let total = notional * 1_000_000, each = total / perTerm, extra = total % perTerm
            let amortTotal = (Int(amortization) ?? 0) * 1_000_000
            for i in 0..<perTerm {
                let n = each + (i < extra ? 1 : 0)
                let a = amortTotal == 0 ? "" : mnkr(amortTotal / perTerm + (i < amortTotal % perTerm ? 1 : 0))
                let fixed = type == "fixed"
                csv += "T\(t)-\(i + 1);\(type);\(mnkr(n));\(start);\(maturity);\(fixed ? rate : "");\(fixed ? "" : rate);\(floor);"
                    + "\(a);\(a.isEmpty ? "" : "12");\(green);\(lender)\n"
            }
        }
        try csv.write(to: dir.appendingPathComponent("loans-1m.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            prognos: 1
            name: loans-1m
            unit: mnkr
            treasury:
              valuation_date: 2024-03-31
              horizon_years: 10
              curve: {type: zero, interpolation: flat_forward,
                      points: {3M: 3.95%, 1Y: 3.60%, 2Y: 3.05%, 5Y: 2.65%, 10Y: 2.70%}}
              funding_spread: {1Y: 0.15%, 3Y: 0.25%, 5Y: 0.35%, 10Y: 0.50%}
              loans_file: loans-1m.csv
              swaps:
                - {id: S01, pay: fixed, notional: 400, start: 2021-06-30, maturity: 2029-06-30, fixed_rate: 0.85%}
              refinancing:
                tenor_mix:
                  - {tenor: 3Y, type: fixed, share: 50%}
                  - {tenor: 5Y, type: fixed, share: 30%}
                  - {tenor: 2Y, type: floating, share: 20%}

            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// 1,000,000 loans and a swap (above the default instrument limit), an 80 MB file.
    static var limits: InputLimits {
        var l = InputLimits()
        l.maxInstruments = 2_000_000
        l.maxFileBytes = 200_000_000
        return l
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(60), maxIterations: 5)
    Benchmark("loans-1m", configuration: .init(setup: { try Loans1M.write() },
                                               teardown: { try? FileManager.default.removeItem(at: Loans1M.dir) })) { benchmark in
        for _ in benchmark.scaledIterations {
            let scenario = try Scenario.load(path: Loans1M.path, limits: Loans1M.limits)
            let run = try ScenarioRun.compute(scenario)
            blackHole(run.treasury)
        }
    }
}
