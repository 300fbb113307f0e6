import Foundation

/// What the Monte Carlo of the result (rule R6) needs besides the rate paths' yearly external
/// interest and internal income: the model, the deterministic section it completes, which
/// simulated year each result year is, and the number of rate normals a path draws. It rides
/// in a simulation part's header (an optional key: a part without it is a part of a run
/// without a `result` section, and reads as before), so `prognos merge` gives the single
/// run's bytes.
public struct ResultSimulationMeta: Codable, Sendable, Equatable {
    public var model: ResultModel
    public var section: MunicipalResult
    /// Per result year: its index among the simulation's years, nil outside the simulated horizon.
    public var simulatedYear: [Int?]
    /// Normals a path's rate draw takes (the kernel's steps).
    public var rateNormals: Int
    /// The section's assumptions as catalogue messages, so merged parts state them as a single run does (absent in older parts).
    public var assumptionMessages: [Message]? = nil
}

/// Rule R6: årets resultat and the balanskravsresultat per path and year, from the path's
/// external interest and internal income and the placements' lognormal returns.
///
/// The placements' normals come from each block's own stream (rule S9's generator) after
/// all of the block's rate normals: the block's generator is seeded again here and the rate
/// normals are drawn past (the same draws, in the same order, as the path kernel makes), so
/// adding placements changes no rate path. Per path, on the grid 0 < t_1 < … of the sell dates and
/// the year ends (years from as_of, ACT/365): per interval a common normal Z_c and one normal
/// per fund ε_f, W_f(t_k) = Σ √Δ (√ρ Z_c + √(1 − ρ) ε_f), and value(t) = V · exp((ln(1 + r) −
/// σ²/2) t + σ W_f(t)). An antithetic partner uses the negated normals, as the rates do.
/// Blocks are independent items of one parallel loop; the statistics are taken over the
/// paths in path order, so the result does not depend on threads or shards.
public enum ResultSimulation {
    public static func meta(_ run: ResultRun, simulationYears: [Int], rateNormals: Int) -> ResultSimulationMeta {
        ResultSimulationMeta(model: run.model, section: run.section,
                             simulatedYear: run.model.years.map { y in simulationYears.firstIndex(of: y.year) },
                             rateNormals: rateNormals, assumptionMessages: run.assumptionMessages)
    }

    /// The distribution per simulated result year. `column(s, j)` gives series s (0 external
    /// interest, 1 internal income) of simulated year j over every path, in path order.
    public static func distribution(_ meta: ResultSimulationMeta, settings: SimulationMeta.Settings, threads: Int,
                                    column: (Int, Int) throws(InputFailure) -> [Double]) throws(InputFailure) -> MunicipalResult.Simulation {
        let model = meta.model, paths = settings.paths
        let shown = model.years.indices.filter { meta.simulatedYear[$0] != nil }
        var external: [[Double]] = [], income: [[Double]] = []
        for i in shown {
            let j = meta.simulatedYear[i]!
            external.append(model.costFromTreasury ? try column(0, j) : [])
            income.append(model.incomeFromTreasury ? try column(1, j) : [])
        }
        // The placements' time grid: sell dates and year ends, ascending and distinct.
        let times = Array(Set(model.funds.filter { $0.sellShare > 0 }.map(\.sellTau) + model.yearEndTau)).sorted()
        let nf = model.funds.count
        let perPath = model.funds.isEmpty ? 0 : times.count * (1 + nf)
        let blocks = Streams.blockCount(paths)
        let rho = model.correlation
        let ext = external, int = income
        let perBlock: [Result<(arets: [[Double]], bkr: [[Double]]), InputFailure>] = Parallel.map(blocks, threads: threads) { b in
            let first = b * Streams.blockSize, last = min(paths, first + Streams.blockSize)
            var arets = Array(repeating: [Double](repeating: 0, count: last - first), count: shown.count)
            var bkr = arets
            var normals: [Double] = []
            if perPath > 0 {
                // The block's stream: past its rate normals, then the placements' normals per primary path.
                do throws(NumericsError) {
                    var rng = try RandomGenerator(name: settings.rng, seed: Streams.blockSeed(settings.seed, b))
                    var skip = [Double](repeating: 0, count: meta.rateNormals)
                    var draw = [Double](repeating: 0, count: perPath)
                    let primaries = (first..<last).filter { !settings.antithetic || ($0 - first) % 2 == 0 }
                    skip.withUnsafeMutableBufferPointer { buffer in for _ in primaries { rng.fillNormals(buffer) } }
                    normals.reserveCapacity(primaries.count * perPath)
                    for _ in primaries {
                        draw.withUnsafeMutableBufferPointer { rng.fillNormals($0) }
                        normals += draw
                    }
                } catch {
                    return .failure(InputFailure(.badInput, error.description))
                }
            }
            var sellW = [Double](repeating: 0, count: nf), yearW = [[Double]](repeating: [Double](repeating: 0, count: model.yearEndTau.count), count: nf)
            for p in first..<last {
                let q = p - first
                let events: ResultModel.PlacementEvents
                if perPath > 0 {
                    let primary = settings.antithetic ? q / 2 : q
                    let sign: Double = settings.antithetic && q % 2 == 1 ? -1 : 1
                    let z = primary * perPath
                    for f in 0..<nf {
                        var w = 0.0, previous = 0.0
                        for (k, t) in times.enumerated() {
                            let dt = (t - previous).squareRoot()
                            w += dt * sign * (rho.squareRoot() * normals[z + k * (1 + nf)] + (1 - rho).squareRoot() * normals[z + k * (1 + nf) + 1 + f])
                            previous = t
                            if t == model.funds[f].sellTau { sellW[f] = w }
                            for (y, ty) in model.yearEndTau.enumerated() where ty == t { yearW[f][y] = w }
                        }
                    }
                    func factor(_ f: Int, _ t: Double, _ w: Double) -> Double {
                        let x = model.funds[f]
                        return exp((log(1 + x.expectedReturn) - x.volatility * x.volatility / 2) * t + x.volatility * w)
                    }
                    events = model.placementEvents(sellFactor: { factor($0, model.funds[$0].sellTau, sellW[$0]) },
                                                   yearEndFactor: { factor($0, model.yearEndTau[$1], yearW[$0][$1]) })
                } else {
                    events = model.placementEvents(sellFactor: { _ in 1 }, yearEndFactor: { _, _ in 1 })
                }
                for (n, i) in shown.enumerated() {
                    let o = model.outcome(i, external: model.costFromTreasury ? ext[n][p] : 0,
                                          income: model.incomeFromTreasury ? int[n][p] : 0, events: events)
                    arets[n][q] = o.aretsResultat
                    bkr[n][q] = o.balanskravsresultat
                }
            }
            return .success((arets, bkr))
        }
        var years: [MunicipalResult.SimulationYear] = []
        var arets = Array(repeating: [Double](), count: shown.count), bkr = arets
        for r in perBlock {
            let (a, k) = try r.get()
            for n in shown.indices { arets[n] += a[n]; bkr[n] += k[n] }
        }
        for (n, i) in shown.enumerated() {
            func distribution(_ sample: [Double], negative: Bool) -> MunicipalResult.Distribution {
                let s = SeriesStatistics(sample, antithetic: settings.antithetic, lowTail: true, budget: nil)
                let below = sample.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
                return .init(mean: amount(s.mean), stderr: amount(s.stderr), p05: amount(s.p05), p50: amount(s.p50), p95: amount(s.p95),
                             probNegative: negative ? Present(figure(Double(below) / Double(max(1, sample.count)))) : nil)
            }
            years.append(.init(year: model.years[i].year, aretsResultat: distribution(arets[n], negative: false),
                               balanskravsresultat: distribution(bkr[n], negative: true)))
        }
        return MunicipalResult.Simulation(paths: paths, years: years)
    }

    /// The distribution from a single run's paths held in memory.
    public static func distribution(_ meta: ResultSimulationMeta, raw: SimulationRaw, threads: Int) throws(InputFailure) -> MunicipalResult.Simulation {
        let ny = raw.meta.years.count, paths = raw.meta.paths
        return try distribution(meta, settings: raw.meta.settings, threads: threads) { s, j in
            Array(raw.yearly[((s * ny + j) * paths)..<((s * ny + j + 1) * paths)])
        }
    }
}

extension SimulationRun {
    /// A single run's simulation and, with a `result`, its Monte Carlo from the same paths (R6).
    static func compute(_ input: TreasuryInput, settings: SimulationSettings, threads: Int, plan: PortfolioPlan? = nil, result: ResultRun?,
                        progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> (SimulationRun, ResultRun?) {
        guard var result else { return (try compute(input, settings: settings, threads: threads, plan: plan, progress: progress), nil) }
        let job = try SimulationJob(input, settings: settings, plan: plan)
        var raw = job.emptyRaw()
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: threads, progress: progress)
        let meta = ResultSimulation.meta(result, simulationYears: job.meta.years, rateNormals: job.plan.steps)
        result.section = ResultSimulation.section(meta, try ResultSimulation.distribution(meta, raw: raw, threads: threads))
        return (summarize(raw, threads: threads), result)
    }
}

extension ResultSimulation {
    /// The assumption the section states once it is simulated.
    static var assumption: String { Message(.resultMonteCarlo).text(.en) }

    /// The section completed with its distribution.
    static func section(_ meta: ResultSimulationMeta, _ simulation: MunicipalResult.Simulation) -> MunicipalResult {
        var s = meta.section
        s.simulation = simulation
        if let messages = meta.assumptionMessages {
            // The JSON's default language (a single run states them in its --lang, ResultDocument+Run).
            s.assumptions = (messages + [Message(.resultMonteCarlo)]).map { $0.text(.sv) }
        } else {
            s.assumptions.append(assumption)
        }
        return s
    }
}

extension SimulationPart {
    /// The result's distribution from merged parts (already checked by `merge`): the external
    /// interest and internal income columns read from the files, the placements' normals from
    /// the blocks' streams, so the bytes equal the single run's.
    public static func mergeResult(_ paths: [String], header: Header, maxPaths: Int, threads: Int) throws(InputFailure) -> MunicipalResult? {
        guard let meta = header.result else { return nil }
        var files: [File] = []
        for path in paths { files.append(try open(path, maxPaths: maxPaths)) }
        let sorted = files.filter { !$0.part.pathRange.isEmpty }.sorted { $0.part.header.blockFrom < $1.part.header.blockFrom }
        let ny = header.meta.years.count, total = header.meta.paths
        let simulation = try ResultSimulation.distribution(meta, settings: header.meta.settings, threads: threads) { (s, j) throws(InputFailure) -> [Double] in
            var column = [Double](repeating: 0, count: total)
            for file in sorted {
                let r = file.part.pathRange
                let offset = file.layout.rowOffset(s * ny + j)
                var done: InputFailure?
                column.withUnsafeMutableBufferPointer { b in
                    do throws(InputFailure) { try file.read(b.baseAddress! + r.lowerBound, count: 8 * r.count, at: offset) } catch { done = error }
                }
                if let done { throw done }
            }
            return column
        }
        return ResultSimulation.section(meta, simulation)
    }
}

extension ResultDocument {
    /// A merged simulation with the result's distribution, exactly as `prognos simulate --format json` writes a single run.
    public init(simulation: SimulationRun, name: String, asOf: String?, unit: String, warnings: [String], result: MunicipalResult?) {
        self.init(simulation: simulation, name: name, asOf: asOf, unit: unit, warnings: warnings)
        self.result = result
    }
}
