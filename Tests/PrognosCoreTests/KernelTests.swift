import Foundation
import Testing
@testable import PrognosCore

/// The vectorised exp and the lane kernel of the simulation (issue 20, item 3).
@Suite("Simulation kernel: vectorised exp and SIMD lanes over paths")
struct KernelTests {
    /// SplitMix64 (Steele, Lea & Flood 2014): fixed test points, the same on every run.
    struct Points {
        var state: UInt64
        mutating func next(in range: ClosedRange<Double>) -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Double(z >> 11) * 0x1p-53 * (range.upperBound - range.lowerBound)
        }
    }

    /// |a − b| in units of b's ulp.
    static func ulps(_ a: Double, _ b: Double) -> Double { abs(a - b) / b.ulp }

    /// VectorExp's doc comment: on every finite, non-zero result at most 1 ulp from libm
    /// (relative error ≤ 2⁻⁵² ≈ 2.2·10⁻¹⁶); where libm gives 0, ∞ or NaN, the same value.
    @Test("vectorised exp within 1 ulp (relative 2⁻⁵²) of libm's exp on 10⁶ points, range ends and special values")
    func expAccuracy() {
        var points = Points(state: 20)
        // The kernel's arguments (ln P and −ln P(t, t+3M), within ±10), the whole double
        // range (overflow at 709.78, gradual underflow below −708.4) and tiny arguments.
        let ranges: [(ClosedRange<Double>, Int)] = [(-10...10, 600_000), (-746...710, 300_000), (-1e-6...1e-6, 100_000)]
        var worstUlps = 0.0, worstRelative = 0.0, differing = 0, special = 0
        func check(_ x: Lanes) {
            let v = VectorExp.exp(x)
            for j in 0..<Lanes.scalarCount {
                let e = Foundation.exp(x[j])
                if e == 0 || !e.isFinite {
                    special += 1
                    #expect(v[j] == e || (v[j].isNaN && e.isNaN), "exp(\(x[j])) = \(v[j]), libm \(e)")
                    continue
                }
                if v[j] != e { differing += 1 }
                worstUlps = max(worstUlps, Self.ulps(v[j], e))
                worstRelative = max(worstRelative, abs(v[j] - e) / e)
            }
        }
        for (range, count) in ranges {
            for _ in 0..<(count / Lanes.scalarCount) {
                var x = Lanes()
                for j in 0..<Lanes.scalarCount { x[j] = points.next(in: range) }
                check(x)
            }
        }
        // Range ends: the fast range's (n = −1000 and 23), libm's overflow and underflow
        // thresholds, ±ln2/2 (the reduced argument's ends), 0, −0, ±∞, NaN, subnormal input.
        let ends: [Double] = [VectorExp.lower, VectorExp.upper, -693.5, 16.3, -693.2, 16.2, -708.39, -708.4, -745.13, -745.14,
                              709.78, 709.79, 0.5 * M_LN2, -0.5 * M_LN2, 1.5 * M_LN2, 0, -0.0, .infinity, -.infinity, .nan,
                              .leastNonzeroMagnitude, -.leastNormalMagnitude, 1, -1, 1e300, -1e300, .greatestFiniteMagnitude]
        for chunk in stride(from: 0, to: ends.count, by: Lanes.scalarCount) {
            var x = Lanes(repeating: 0.5)
            for j in chunk..<min(ends.count, chunk + Lanes.scalarCount) { x[j - chunk] = ends[j] }
            check(x)
        }
        #expect(VectorExp.exp(0) == 1 && VectorExp.exp(-0.0) == 1)
        #expect(worstUlps <= 1, "worst \(worstUlps) ulp")
        #expect(worstRelative <= 0x1p-52, "worst relative \(worstRelative)")
        #expect(special >= 8)                 // ±∞, NaN, past 709.78 and below −745.13 were reached
        #expect(differing > 0)                // it is not libm itself (the kernel comparison below relies on that)
    }

    /// A lane's result depends only on its own input: the same value in any lane, beside any
    /// neighbours (on or off the fast range, NaN, ∞), gives the same bits.
    @Test("vectorised exp: a lane's value does not depend on its neighbours")
    func expLanesIndependent() {
        let values: [Double] = [-0.0123, 0.0456, -3.75, 2.5, -700, 700, -800, .nan]
        let neighbours: [Double] = [0, .nan, .infinity, -.infinity, 1000, -1000, 1e-9, -5]
        for v in values {
            let alone = VectorExp.exp(Lanes(repeating: v))[0]
            for j in 0..<Lanes.scalarCount {
                for n in neighbours {
                    var x = Lanes(repeating: n)
                    x[j] = v
                    let y = VectorExp.exp(x)[j]
                    #expect(y.bitPattern == alone.bitPattern || (y.isNaN && alone.isNaN), "exp(\(v)) in lane \(j) beside \(n)")
                }
            }
        }
    }

    /// The simulated values of `settings` on `input` with the kernel in `mode`.
    static func raw(_ input: TreasuryInput, _ settings: SimulationSettings, _ mode: KernelMode, threads: Int = 2,
                    blocks: [Range<Int>]? = nil) throws -> SimulationRaw {
        try PathKernel.$mode.withValue(mode) {
            let job = try SimulationJob(input, settings: settings)
            var raw = job.emptyRaw()
            for range in blocks ?? [0..<job.blockCount] {
                try job.simulate(blocks: range, into: &raw, threads: threads)
            }
            return raw
        }
    }

    static func bits(_ r: SimulationRaw) -> [[UInt64]] {
        [r.yearly.map(\.bitPattern), r.stibor.map(\.bitPattern), r.funding.map(\.bitPattern)]
    }

    /// The shipped internal-bank scenario with `paths`, antithetic or not, `bandPaths`.
    static func internalBank(paths: Int, antithetic: Bool, bandPaths: Int) throws -> (TreasuryInput, SimulationSettings) {
        let s = try Scenario.load(path: repositoryRoot.appendingPathComponent("Scenarios/internbank-car-2024.yaml").path)
        var settings = try #require(s.simulation)
        settings.paths = paths
        settings.antithetic = antithetic
        settings.bandPaths = bandPaths
        return (try #require(s.treasury), settings)
    }

    /// The lane loop does the scalar loop's operations in the same order; with libm's exp in
    /// every lane it must give the same bits, whatever the group layout: a last block of 6
    /// (antithetic: 3 pairs in a group of 8) or 3 paths (one group, 5 idle lanes), band
    /// paths ending inside a group (13, 1,029).
    @Test("lane loop with libm's exp = scalar loop bit for bit (antithetic pairs, block tails, band paths inside a group)")
    func lanesEqualScalar() throws {
        for (paths, antithetic, bandPaths) in [(1030, true, 13), (2051, false, 1029)] {
            let (input, settings) = try Self.internalBank(paths: paths, antithetic: antithetic, bandPaths: bandPaths)
            let scalar = try Self.raw(input, settings, .scalar)
            let lanes = try Self.raw(input, settings, .lanesLibm)
            #expect(Self.bits(lanes) == Self.bits(scalar), "\(paths) paths, antithetic \(antithetic)")
            // The engine's kernel differs from it only through the exponentials.
            let fast = try Self.raw(input, settings, .lanes)
            #expect(Self.bits(fast) != Self.bits(scalar))
        }
    }

    /// Rule S9: a path's values do not depend on the thread count or on how the blocks are
    /// split into shards, also with the lane kernel's groups and idle lanes.
    @Test("lane kernel: same bits for 1, 2, 3 threads and for blocks simulated as 3 shards")
    func lanesDeterministic() throws {
        let (input, settings) = try Self.internalBank(paths: 3 * 1024 + 5, antithetic: false, bandPaths: 1500)
        let one = Self.bits(try Self.raw(input, settings, .lanes, threads: 1))
        #expect(Self.bits(try Self.raw(input, settings, .lanes, threads: 2)) == one)
        #expect(Self.bits(try Self.raw(input, settings, .lanes, threads: 3)) == one)
        #expect(Self.bits(try Self.raw(input, settings, .lanes, threads: 2, blocks: [2..<4, 0..<1, 1..<2])) == one)
    }

    /// The shipped scenarios with a simulation block, and the peer benchmark's portfolio
    /// (../shared/bench, when present) at `paths` paths.
    static func shippedSimulations(paths: Int) throws -> [(String, TreasuryInput, SimulationSettings)] {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        // A file with a top-level `simulation:` key (the others need not load on their own).
        var files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
            .filter { ("\n" + ((try? String(contentsOfFile: $0, encoding: .utf8)) ?? "")).contains("\nsimulation:") }
        for bench in ["../shared/bench/portfolio-15.6bn.yaml", "../../shared/bench/portfolio-15.6bn.yaml"] {
            let path = repositoryRoot.appendingPathComponent(bench).standardizedFileURL.path
            if FileManager.default.fileExists(atPath: path) { files.append(path); break }
        }
        var result: [(String, TreasuryInput, SimulationSettings)] = []
        for file in files {
            let s = try Scenario.load(path: file)
            guard var settings = s.simulation, let input = s.treasury else { continue }
            settings.paths = paths
            settings.bandPaths = min(settings.bandPaths, paths)
            result.append((URL(fileURLWithPath: file).lastPathComponent, input, settings))
        }
        return result
    }

    /// Issue 20, "Done when": yearly means and quantiles of every shipped simulation equal
    /// the scalar kernel's within the vectorised exp's accuracy.
    ///
    /// The tolerance follows from `VectorExp`'s 1 ulp (relative 2⁻⁵², u = 2⁻⁵³ below):
    /// - a fixing L = (E − 1)/τ: E = 1/P(t, t+3M) lies in [½, 2), so |ΔE| ≤ 2⁻⁵²; E − 1 is
    ///   exact (Sterbenz) and τ ≥ 0.247 (ACT/360 of 3 months), so |ΔL| ≤ 2⁻⁵²/0.247 + ulp(L) < 10⁻¹⁵;
    /// - a par rate (1 − Pₙ)/A, A = Σ αᵢPᵢ ≥ 0.12: |Δ| ≤ u/A + 2⁻⁵² par + rounding < 10⁻¹⁵;
    /// - a yearly amount Y = c + Σ aᵢ · rateᵢ: the rates move it by ≤ 10⁻¹⁵ Σ|aᵢ| ≤ 2·10⁻¹³ G,
    ///   where G = |external| + |internal| ≈ Σ|aᵢ · rateᵢ| and Σ|aᵢ| ≤ G / 0.5 % (the year's
    ///   average rate being at least 0.5 %); the two kernels round the sum of its n ≤ 2,000
    ///   terms differently, by ≤ 2γₙ G ≈ 2 n u G = 4.4·10⁻¹³ G (Higham, γₙ = nu/(1 − nu)):
    ///   a path's amount moves by < 10⁻¹² G;
    /// - min, max, quantiles (selection and interpolation) move by at most the largest
    ///   change of one path; the mean in addition by its own summation's rounding over
    ///   2,000 paths (≤ 2γ₂₀₀₀ ≈ 4.4·10⁻¹³ of it): the test allows 2·10⁻¹² G for every
    ///   statistic, CaR (a difference of two) twice that, the funding rate (external ÷
    ///   debt) that ÷ debt, and STIBOR bands 2·10⁻¹⁵ absolute.
    /// A wrong exponential of 10⁻⁹ relative would move the amounts by about 10⁻⁹ Σ|aᵢ| ≈
    /// 2·10⁻⁷ G, 10⁵ times the tolerance. (Measured: the worst statistic moved 6.6·10⁻¹⁶ G.)
    @Test("shipped simulations: yearly means and quantiles of the lane kernel = scalar kernel's within the exp's accuracy")
    func shippedStatisticsUnchanged() throws {
        let runs = try Self.shippedSimulations(paths: 2000)
        #expect(runs.contains { $0.0 == "internbank-car-2024.yaml" })
        for (name, input, settings) in runs {
            let scalarRaw = try Self.raw(input, settings, .scalar)
            let lanesRaw = try Self.raw(input, settings, .lanes)
            #expect(Self.bits(scalarRaw) != Self.bits(lanesRaw), "\(name): the lane kernel is in use")
            let scalar = SimulationRun.summarize(scalarRaw, threads: 2), lanes = SimulationRun.summarize(lanesRaw, threads: 2)
            for (a, b) in zip(scalar.years, lanes.years) {
                let external = a.series[0], income = a.series[1], rate = a.series[3]
                let money = 2e-12 * (abs(external.mean) + abs(income.mean))
                let debt = rate.mean != 0 ? external.mean / rate.mean : .infinity
                for s in 0..<4 {
                    let tolerance = s == 3 ? money / abs(debt) : money
                    let x = a.series[s], y = b.series[s]
                    let pairs: [(String, Double, Double)] = [
                        ("mean", x.mean, y.mean), ("min", x.min, y.min), ("max", x.max, y.max), ("p01", x.p01, y.p01),
                        ("p05", x.p05, y.p05), ("p10", x.p10, y.p10), ("p25", x.p25, y.p25), ("p50", x.p50, y.p50),
                        ("p75", x.p75, y.p75), ("p90", x.p90, y.p90), ("p95", x.p95, y.p95), ("p99", x.p99, y.p99),
                        ("car95", x.car95, y.car95), ("car99", x.car99, y.car99)]
                    for (what, u, v) in pairs where !(u.isNaN && v.isNaN) {
                        let allowed = what.hasPrefix("car") ? 2 * tolerance : tolerance
                        #expect(abs(u - v) <= allowed, "\(name) \(a.year) \(SimulationRun.series[s]) \(what): \(u) vs \(v)")
                    }
                }
            }
            for (a, b) in zip(scalar.bands, lanes.bands) {
                for (u, v) in [(a.stibor.p05, b.stibor.p05), (a.stibor.p25, b.stibor.p25), (a.stibor.p50, b.stibor.p50),
                               (a.stibor.p75, b.stibor.p75), (a.stibor.p95, b.stibor.p95)] {
                    #expect(abs(u - v) <= 2e-15, "\(name) \(a.date) STIBOR band: \(u) vs \(v)")
                }
            }
        }
    }
}
