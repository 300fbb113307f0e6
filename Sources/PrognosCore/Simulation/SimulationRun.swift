import Dispatch
import Foundation
import Synchronization

/// A Monte Carlo run of the treasury engine: yearly statistics of external interest,
/// internal income, the municipality's net and the average funding rate, and monthly
/// bands of STIBOR 3M and the funding rate.
public struct SimulationRun: Sendable {
    public static let series = ["external_interest", "internal_income", "municipality_net", "average_funding_rate"]

    public struct Year: Sendable {
        public var year: Int
        /// In the order of `SimulationRun.series`.
        public var series: [SeriesStatistics]
    }

    public struct BandPoint: Sendable {
        public var date: Day
        public var stibor: Band
        public var fundingRate: Band?
    }

    public var settings: SimulationSettings
    public var horizonYears: Int
    public var years: [Year]
    public var bands: [BandPoint]
    public var bandPaths: Int
    /// Vasicek: P(0,T) of the model against the curve at each pillar.
    public var curveGap: [(tenor: Tenor, model: Double, curve: Double)]
    /// Vasicek's r(0) as used (rule S8 default: the first pillar's zero rate).
    public var r0: Double?
    public var assumptions: [String]

    /// Simulates `settings.paths` paths over the treasury portfolio on `threads` threads;
    /// the result does not depend on `threads` (rule S9). `progress` is called with the
    /// number of blocks done (from worker threads).
    public static func compute(_ input: TreasuryInput, settings: SimulationSettings, threads: Int,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputFailure) -> SimulationRun {
        guard let curve = input.curve else {
            throw InputFailure(.badInput, "the simulation needs the initial curve (treasury.curve)", at: settings.location)
        }
        var treasury = input
        if let h = settings.horizonYears { treasury.horizonYears = h }
        let model = ShortRateModel(kind: settings.model, a: settings.meanReversion, sigma: settings.volatility,
                                   curve: curve, longRun: settings.longRun ?? 0, r0: settings.r0)
        let t0 = Date()
        let plan = SimulationPlan(PortfolioPlan(treasury), model: model)
        let t1 = Date()
        let paths = settings.paths, ny = plan.years.count, bandPaths = min(settings.bandPaths, paths)
        let blocks = Streams.blockCount(paths)

        let yearly = UnsafeMutablePointer<Double>.allocate(capacity: 4 * ny * paths)
        let stibor = UnsafeMutablePointer<Double>.allocate(capacity: max(1, plan.gridCount * bandPaths))
        let funding = UnsafeMutablePointer<Double>.allocate(capacity: max(1, plan.gridCount * bandPaths))
        defer { yearly.deallocate(); stibor.deallocate(); funding.deallocate() }
        let out = PathOutput(yearly: yearly, stibor: stibor, funding: funding, paths: paths, bandPaths: bandPaths)

        // Blocks are dealt out round-robin; each writes only its own path range.
        let workers = max(1, min(threads, blocks))
        let kernel = PathKernel(plan)
        let done = Atomic<Int>(0)
        let failure = Mutex<NumericsError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let worker = PathWorker(kernel: kernel, settings: settings)
            var b = w
            while b < blocks {
                do {
                    try worker.run(block: b, into: out)
                } catch let error as NumericsError {
                    failure.withLock { $0 = error }
                    return
                } catch {
                    failure.withLock { $0 = NumericsError("\(error)") }
                    return
                }
                let n = done.add(1, ordering: .relaxed).newValue
                progress?(n, blocks)
                b += workers
            }
        }
        if let error = failure.withLock({ $0 }) {
            throw InputFailure(.badInput, error.description, at: settings.location)
        }

        let t2 = Date()
        // Yearly statistics, the series in parallel (each a GSL sort of `paths` values).
        let budgets: [[Int: Double]] = [input.interestBudget, [:], input.netInterestBudget, [:]]
        let jobs = 4 * ny
        let results = Mutex<[SeriesStatistics?]>(Array(repeating: nil, count: jobs))
        DispatchQueue.concurrentPerform(iterations: jobs) { j in
            let s = j / ny, y = j % ny
            let sample = Array(UnsafeBufferPointer(start: out.yearly + j * paths, count: paths))
            let stats = SeriesStatistics(sample, antithetic: settings.antithetic, lowTail: s == 1,
                                         budget: budgets[s][plan.years[y]])
            results.withLock { $0[j] = stats }
        }
        let stats = results.withLock { $0 }
        let t3 = Date()
        if ProcessInfo.processInfo.environment["PROGNOS_TIMING"] != nil {
            // Phase timings on request, to standard error only (the output never carries them).
            FileHandle.standardError.write(Data(String(format: "timing: plan %.3f s, paths %.3f s, statistics %.3f s\n",
                t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), t3.timeIntervalSince(t2)).utf8))
        }
        let years = (0..<ny).map { y in Year(year: plan.years[y], series: (0..<4).map { stats[$0 * ny + y]! }) }

        var bands: [BandPoint] = []
        if bandPaths > 0 {
            for g in 0..<plan.gridCount {
                let l = Array(UnsafeBufferPointer(start: stibor + g * bandPaths, count: bandPaths))
                let f = Array(UnsafeBufferPointer(start: funding + g * bandPaths, count: bandPaths))
                bands.append(BandPoint(date: plan.grid[g], stibor: Band(l), fundingRate: plan.gridMonth[g] >= 0 ? Band(f) : nil))
            }
        }

        var assumptions = [
            "Short rate r = x + α with x an Ornstein–Uhlenbeck process stepped exactly on the monthly grid from V (ACT/365F steps, rule S2); fixings and refinancing read the state at the last grid date on or before their date (rule S1), from the model's closed-form P(t,T).",
            "Streams: blocks of \(Streams.blockSize) paths, block b seeded with SplitMix64(seed, b) (rule S9); GSL generator \(settings.rng), ziggurat normals\(settings.antithetic ? ", antithetic pairs within blocks" : ""). Results do not depend on the number of threads.",
            "Monthly bands from the first \(bandPaths) paths (rule S12); the funding-rate band is the month's accrued external interest ÷ (debt × days/365) (rule S7).",
        ]
        var gap: [(Tenor, Double, Double)] = []
        switch settings.model {
        case .hullWhite:
            assumptions.append("Hull–White is fitted to the initial curve and risk-neutral: expected fixings follow the forwards (plus a small convexity term), so Cost-at-Risk is centred on the forward-implied cost.")
        case .vasicek:
            assumptions.append("Vasicek does not fit the initial curve; its gap to the curve's discount factors at the pillars is in simulation.curve_gap.")
            for (i, t) in curve.times.enumerated() {
                let tenor = Tenor(months: pillarMonths(curve, i))
                gap.append((tenor, exp(model.logBondIntercept(0, t)), curve.discount(t)))
            }
        }
        let longest = treasury.horizonYears * 12 + (treasury.tenorMix?.map(\.tenor.months).max() ?? 0)
        if let last = curve.times.last, Double(longest) / 12 > last {
            assumptions.append("The horizon and the longest refinancing tenor reach \(Format.grouped(Double(longest) / 12, decimals: 1, decimalMark: ".", groupMark: "")) years, beyond the curve's last pillar (\(Format.grouped(last, decimals: 2, decimalMark: ".", groupMark: "")) years): the curve is extrapolated as rule F8 says (\(curve.interpolation.rawValue)).")
        }
        return SimulationRun(settings: settings, horizonYears: treasury.horizonYears, years: years, bands: bands,
                             bandPaths: bandPaths, curveGap: gap, r0: settings.model == .vasicek ? model.r0 : nil,
                             assumptions: assumptions)
    }

    private static func pillarMonths(_ curve: ZeroCurve, _ i: Int) -> Int {
        // Recover the pillar's tenor in months from its date V + n months.
        var months = 1
        while curve.valuationDate.addingMonths(months).years(since: curve.valuationDate) < curve.times[i] - 1e-9 { months += 1 }
        return months
    }
}
