import Foundation
import Synchronization

/// What a simulation needs besides its paths, and all its output needs: written into the
/// header of a shard's part file so `prognos merge` can give the single run's exact output.
public struct SimulationMeta: Codable, Sendable, Equatable {
    public struct Settings: Codable, Sendable, Equatable {
        public var model: ShortRateModel.Kind
        public var meanReversion: Double, volatility: Double
        public var longRun: Double?
        public var paths: Int, seed: UInt64, rng: String, antithetic: Bool
    }
    public struct Gap: Codable, Sendable, Equatable { public var tenor: String; public var model: Double; public var curve: Double }

    public var settings: Settings
    public var horizonYears: Int
    public var bandPaths: Int
    public var years: [Int]
    public var gridDates: [String]
    /// Whether grid date g falls in an output month (the funding band exists there).
    public var gridInMonths: [Bool]
    public var externalBudget: [String: Double]
    public var netBudget: [String: Double]
    public var curveGap: [Gap]
    public var r0Used: Double?
    public var assumptions: [Message]
    /// True when the paths carry a 5th series, the swap book's market value per year end
    /// (`SimulationRun.swapSeries`); absent (nil) without swaps, so such headers are as before.
    public var swapMarketValue: Bool?

    public var paths: Int { settings.paths }
    /// Series per path and year: 4, or 5 with the swap book's value.
    public var seriesCount: Int { swapMarketValue == true ? 5 : 4 }
    public var antithetic: Bool { settings.antithetic }
}

extension ShortRateModel.Kind: Codable {}

/// The simulated values of every path: per series, year and path, and the band paths'
/// monthly values. A shard fills only its blocks; merged parts fill all.
public struct SimulationRaw: Sendable {
    public var meta: SimulationMeta
    /// [(s × years + y) × paths + p], s = external, internal, net, funding rate (and the swap book's value, `meta.seriesCount`).
    public var yearly: [Double]
    /// [g × bandPaths + p].
    public var stibor: [Double]
    public var funding: [Double]
}

/// A simulation set up once: the compiled plan, the kernel, the metadata; it simulates
/// any range of blocks (all of them, or a shard's).
public struct SimulationJob {
    public let meta: SimulationMeta
    let settings: SimulationSettings
    let plan: SimulationPlan
    public var blockCount: Int { Streams.blockCount(settings.paths) }

    /// `compiled`, when given, must be `PortfolioPlan(input)`; it is used when the simulation's
    /// horizon is the input's own (else the portfolio is compiled again for that horizon).
    /// `swapMarketValue` false leaves out the swap book's value (a caller that reads only the costs).
    public init(_ input: TreasuryInput, settings: SimulationSettings, plan compiled: PortfolioPlan? = nil,
                swapMarketValue: Bool = true) throws(InputFailure) {
        guard let curve = input.curve else {
            throw InputFailure(.badInput, "the simulation needs the initial curve (treasury.curve)", at: settings.location)
        }
        var treasury = input
        if let h = settings.horizonYears { treasury.horizonYears = h }
        let model = ShortRateModel(kind: settings.model, a: settings.meanReversion, sigma: settings.volatility,
                                   curve: curve, longRun: settings.longRun ?? 0, r0: settings.r0)
        let portfolio = compiled.flatMap { treasury.horizonYears == input.horizonYears ? $0 : nil } ?? PortfolioPlan(treasury)
        plan = SimulationPlan(portfolio, model: model, swapValues: swapMarketValue)
        self.settings = settings
        let bandPaths = min(settings.bandPaths, settings.paths)

        var assumptions = [
            Message(.simulationShortRate),
            Message(.simulationStreams, .int(Streams.blockSize), .text(settings.rng),
                    settings.antithetic ? .term(sv: ", antitetiska par inom blocken", en: ", antithetic pairs within blocks") : .text("")),
            Message(.simulationBands, .int(bandPaths)),
        ]
        var gap: [SimulationMeta.Gap] = []
        switch settings.model {
        case .hullWhite:
            assumptions.append(Message(.simulationHullWhite))
        case .vasicek:
            assumptions.append(Message(.simulationVasicek))
            for (i, t) in curve.times.enumerated() {
                var months = 1
                while curve.valuationDate.addingMonths(months).years(since: curve.valuationDate) < curve.times[i] - 1e-9 { months += 1 }
                gap.append(.init(tenor: Tenor(months: months).description, model: exp(model.logBondIntercept(0, t)), curve: curve.discount(t)))
            }
        }
        let longest = treasury.horizonYears * 12 + (treasury.tenorMix?.map(\.tenor.months).max() ?? 0)
        if let last = curve.times.last, Double(longest) / 12 > last {
            assumptions.append(Message(.simulationExtrapolated, .number(Double(longest) / 12, decimals: 1), .number(last, decimals: 2),
                                       curve.interpolation.term))
        }
        func keyed(_ d: [Int: Double]) -> [String: Double] { Dictionary(uniqueKeysWithValues: d.map { (String($0.key), $0.value) }) }
        var meta = SimulationMeta(
            settings: .init(model: settings.model, meanReversion: settings.meanReversion, volatility: settings.volatility,
                            longRun: settings.longRun, paths: settings.paths, seed: settings.seed, rng: settings.rng,
                            antithetic: settings.antithetic),
            horizonYears: treasury.horizonYears, bandPaths: bandPaths, years: plan.years,
            gridDates: plan.grid.map(\.description), gridInMonths: plan.gridMonth.map { $0 >= 0 },
            externalBudget: keyed(input.interestBudget), netBudget: keyed(input.netInterestBudget), curveGap: gap,
            r0Used: settings.model == .vasicek ? model.r0 : nil, assumptions: assumptions)
        if plan.swapBook != nil {
            meta.swapMarketValue = true
            meta.assumptions.append(Message(.simulationSwapValues))
        }
        self.meta = meta
    }

    /// Zeroed arrays for every path (zeroed on `threads` threads: `Parallel.zeros`).
    public func emptyRaw(threads: Int = 1) -> SimulationRaw {
        let ny = meta.years.count
        return SimulationRaw(meta: meta, yearly: Parallel.zeros(meta.seriesCount * ny * meta.paths, threads: threads),
                             stibor: Parallel.zeros(plan.gridCount * meta.bandPaths, threads: threads),
                             funding: Parallel.zeros(plan.gridCount * meta.bandPaths, threads: threads))
    }

    /// Simulates `blocks` into `raw` (which holds every path) on `threads` threads; each
    /// block writes its own paths.
    public func simulate(blocks: Range<Int>, into raw: inout SimulationRaw, threads: Int,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) {
        let paths = meta.paths, bandPaths = meta.bandPaths
        var failure: InputFailure?
        raw.yearly.withUnsafeMutableBufferPointer { yearly in
            raw.stibor.withUnsafeMutableBufferPointer { stibor in
                raw.funding.withUnsafeMutableBufferPointer { funding in
                    let out = PathOutput(yearly: yearly.baseAddress!, stibor: stibor.baseAddress ?? yearly.baseAddress!,
                                         funding: funding.baseAddress ?? yearly.baseAddress!, first: 0, stride: paths,
                                         bandStride: bandPaths, bandPaths: bandPaths)
                    do throws(InputFailure) { try simulate(blocks: blocks, into: out, threads: threads, progress: progress) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Simulates `blocks` into `out`, which must hold their paths (and their band paths).
    func simulate(blocks: Range<Int>, into out: PathOutput, threads: Int,
                  progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) {
        let settings = self.settings, kernel = PathKernel(plan)
        let count = blocks.count
        let done = Atomic<Int>(0)
        // Blocks are claimed in order by the threads; each writes only its own path range.
        do throws(NumericsError) {
            try Parallel.forEach(count, threads: threads, state: { _ in PathWorker(kernel: kernel, settings: settings) }) {
                (worker: inout PathWorker, i: Int) throws(NumericsError) in
                try worker.run(block: blocks.lowerBound + i, into: out)
                progress?(done.add(1, ordering: .relaxed).newValue, count)
            }
        } catch {
            throw InputFailure(.badInput, error.description, at: settings.location)
        }
    }
}
