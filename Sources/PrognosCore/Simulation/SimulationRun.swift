import Foundation

/// A Monte Carlo run of the treasury engine: yearly statistics of external interest,
/// internal income, the municipality's net and the average funding rate, and monthly
/// bands of STIBOR 3M and the funding rate.
public struct SimulationRun: Sendable {
    public static let series = ["external_interest", "internal_income", "municipality_net", "average_funding_rate"]
    /// The 5th series, only when the portfolio has swaps (`SimulationMeta.swapMarketValue`).
    public static let swapSeries = "swap_market_value"
    /// Every series a run can carry, in the order of `Year.series`.
    public static let allSeries = series + [swapSeries]

    public struct Year: Sendable {
        public var year: Int
        /// In the order of `SimulationRun.allSeries` (the swap book's value only with swaps).
        public var series: [SeriesStatistics]
    }

    public struct BandPoint: Sendable {
        public var date: Day
        public var stibor: Band
        public var fundingRate: Band?
    }

    public var settings: SimulationMeta.Settings
    public var horizonYears: Int
    public var years: [Year]
    public var bands: [BandPoint]
    public var bandPaths: Int
    /// Vasicek: P(0,T) of the model against the curve at each pillar.
    public var curveGap: [(tenor: Tenor, model: Double, curve: Double)]
    /// Vasicek's r(0) as used (rule S8 default: the first pillar's zero rate).
    public var r0: Double?
    public var assumptions: [Message]

    /// Simulates `settings.paths` paths over the treasury portfolio on `threads` threads;
    /// the result does not depend on `threads` (rule S9). `progress` is called with the
    /// number of blocks done (from worker threads). `plan`, when given, is `input` compiled
    /// (by the deterministic run of the same process).
    public static func compute(_ input: TreasuryInput, settings: SimulationSettings, threads: Int, plan: PortfolioPlan? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> SimulationRun {
        let job = try SimulationJob(input, settings: settings, plan: plan)
        var raw = job.emptyRaw(threads: threads)
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: threads, progress: progress)
        return summarize(raw, threads: threads)
    }

    /// Statistics of a complete set of simulated paths held in memory (a single run): the
    /// series-year columns and the band grid dates are independent items of one parallel
    /// loop on `threads` threads (columns first, the larger items); each writes only its own
    /// result, so the result is the same, bit for bit, whatever the threads.
    public static func summarize(_ raw: SimulationRaw, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> SimulationRun {
        let meta = raw.meta, paths = meta.paths, ny = meta.years.count
        let t0 = Date()
        let columns = meta.seriesCount * ny
        let bandPaths = meta.bandPaths
        let grid = bandPaths > 0 ? meta.gridDates.count : 0
        enum Item { case column(SeriesStatistics), band(BandPoint) }
        let items = Parallel.map(columns + grid, threads: threads) { i -> Item in
            // Each column is read where it lies (no copy).
            func slice(_ a: UnsafeBufferPointer<Double>, _ j: Int, _ count: Int) -> UnsafeBufferPointer<Double> {
                UnsafeBufferPointer(rebasing: a[(j * count)..<((j + 1) * count)])
            }
            if i < columns { return .column(raw.yearly.withUnsafeBufferPointer { statistics(meta, column: i, slice($0, i, paths)) }) }
            let g = i - columns
            return .band(raw.stibor.withUnsafeBufferPointer { s in
                raw.funding.withUnsafeBufferPointer { f in bandPoint(meta, g, stibor: slice(s, g, bandPaths), funding: slice(f, g, bandPaths)) }
            })
        }
        var stats: [SeriesStatistics] = [], bands: [BandPoint] = []
        stats.reserveCapacity(columns); bands.reserveCapacity(grid)
        for item in items {
            switch item {
            case .column(let s): stats.append(s)
            case .band(let b): bands.append(b)
            }
        }
        if ProcessInfo.processInfo.environment["PROGNOS_TIMING"] != nil {
            FileHandle.standardError.write(Data(String(format: "timing: statistics %.3f s\n", Date().timeIntervalSince(t0)).utf8))
        }
        return assemble(meta, stats: stats, bands: bands)
    }

    /// Statistics of a complete set of paths read one column at a time (merged parts):
    /// `column(j)` gives series-year column j = s × years + y of every path, `band(g)` the
    /// band paths' STIBOR and funding values at grid date g. At most one column is held at
    /// a time; the result is the same, bit for bit, as `summarize(_:)` on the same values.
    public static func summarize(meta: SimulationMeta, column: (Int) throws(InputFailure) -> [Double],
                                 band: (Int) throws(InputFailure) -> (stibor: [Double], funding: [Double])) throws(InputFailure) -> SimulationRun {
        var stats: [SeriesStatistics] = []
        for j in 0..<(meta.seriesCount * meta.years.count) { stats.append(try column(j).withUnsafeBufferPointer { statistics(meta, column: j, $0) }) }
        var bands: [BandPoint] = []
        if meta.bandPaths > 0 {
            for g in meta.gridDates.indices {
                let values = try band(g)
                bands.append(values.stibor.withUnsafeBufferPointer { s in
                    values.funding.withUnsafeBufferPointer { f in bandPoint(meta, g, stibor: s, funding: f) }
                })
            }
        }
        return assemble(meta, stats: stats, bands: bands)
    }

    private static func statistics(_ meta: SimulationMeta, column j: Int, _ sample: UnsafeBufferPointer<Double>) -> SeriesStatistics {
        let ny = meta.years.count, s = j / ny, y = j % ny
        let budgets: [[String: Double]] = [meta.externalBudget, [:], meta.netBudget, [:], [:]]
        // Income and the swap book's value: a low outcome is the risk (rule S10; docs/decisions.md).
        return SeriesStatistics(sample, antithetic: meta.antithetic, lowTail: s == 1 || s == 4, budget: budgets[s][String(meta.years[y])])
    }

    /// A grid date's fan-chart point. The date is checked when a part's header is read
    /// (`SimulationPart`); a single run's dates are the engine's own.
    private static func bandPoint(_ meta: SimulationMeta, _ g: Int, stibor: UnsafeBufferPointer<Double>,
                                  funding: UnsafeBufferPointer<Double>) -> BandPoint {
        BandPoint(date: Day(iso: meta.gridDates[g])!, stibor: Band(stibor), fundingRate: meta.gridInMonths[g] ? Band(funding) : nil)
    }

    private static func assemble(_ meta: SimulationMeta, stats: [SeriesStatistics], bands: [BandPoint]) -> SimulationRun {
        let ny = meta.years.count
        let years = (0..<ny).map { y in Year(year: meta.years[y], series: (0..<meta.seriesCount).map { stats[$0 * ny + y] }) }
        return SimulationRun(settings: meta.settings, horizonYears: meta.horizonYears, years: years, bands: bands,
                             bandPaths: meta.bandPaths, curveGap: meta.curveGap.map { (Tenor($0.tenor)!, $0.model, $0.curve) },
                             r0: meta.r0Used, assumptions: meta.assumptions)
    }
}
