import Foundation

/// `prognos frontier`: every refinancing mix on the grid evaluated on the same simulated
/// paths (rules P1–P2), computed for a range of mixes (all of them, or a shard's, rule P5).
public enum FrontierRun {
    /// The mixes of the grid: shares in grid units (k × step) per candidate, summing to
    /// `steps`, in lexicographic order from all of the first candidate (rule P1).
    public static func mixes(candidates n: Int, steps: Int) -> [[Int]] {
        var out: [[Int]] = [], current = [Int](repeating: 0, count: n)
        func fill(_ i: Int, _ left: Int) {
            if i == n - 1 { current[i] = left; out.append(current); return }
            for k in stride(from: left, through: 0, by: -1) {
                current[i] = k
                fill(i + 1, left - k)
            }
        }
        if n > 0 { fill(0, steps) }
        return out
    }

    /// Computes mixes `range` (nil: all) of `scenario`'s frontier on `threads` threads.
    public static func compute(_ scenario: Scenario, threads: Int, shard: (index: Int, count: Int)? = nil,
                               maxMixes: Int = 100_000) throws(InputFailure) -> FrontierPart {
        guard let frontier = scenario.frontier else {
            throw InputFailure(.badInput, "\(scenario.file): no 'frontier' section: `prognos frontier` needs one (spec frontier.md)")
        }
        guard var treasury = scenario.treasury else {
            throw InputFailure(.badInput, "the frontier refinances the treasury portfolio: the file needs a 'treasury' section", at: frontier.location)
        }
        guard var settings = scenario.simulation else {
            throw InputFailure(.badInput, "the frontier is evaluated on simulated paths: the file needs a 'simulation' section", at: frontier.location)
        }
        guard let ownMix = treasury.tenorMix, !ownMix.isEmpty else {
            throw InputFailure(.badInput, "the frontier compares mixes with the file's own: treasury.refinancing.tenor_mix is needed (rule P4)",
                               at: frontier.location)
        }
        guard let count = frontier.mixCount, count <= maxMixes else {
            throw InputFailure(.badInput, "\(frontier.candidates.count) candidates on a grid of \(frontier.steps) steps give "
                               + "\(frontier.mixCount.map(String.init) ?? "too many") mixes; the limit is \(maxMixes) (rule P1; raise it with --max-mixes or coarsen the step)",
                               at: frontier.location)
        }
        if let h = settings.horizonYears { treasury.horizonYears = h }
        let outputYears = (0..<treasury.horizonYears).map { treasury.valuationDate.year + $0 }
        for y in frontier.years where !outputYears.contains(y) {
            throw InputFailure(.badInput, "frontier.years: \(y) is not an output year (\(outputYears.first!)–\(outputYears.last!))",
                               at: frontier.location)
        }
        settings.bandPaths = 0
        let portfolio = PortfolioPlan(treasury)
        let job = try SimulationJob(treasury, settings: settings, plan: portfolio, swapMarketValue: false)   // the costs only
        let plan = job.plan
        let paths = settings.paths
        let ownEntries = ownMix.map { MixEntry(candidate: .init(tenor: $0.tenor, kind: $0.kind), share: $0.share) }
        let entries = Array(Set(frontier.candidates + ownEntries.map(\.candidate)))
            .sorted { ($0.tenor.months, $0.kind.rawValue) < ($1.tenor.months, $1.kind.rawValue) }
        let ledger = FrontierLedger(input: treasury, plan: plan, portfolio: portfolio, years: frontier.years,
                                    series: frontier.series, entries: entries)
        let timing = ProcessInfo.processInfo.environment["PROGNOS_TIMING"] != nil
        var t0 = Date()
        func lap(_ what: String) {
            guard timing else { return }
            FileHandle.standardError.write(Data(String(format: "timing: frontier %@ %.3f s\n", what, Date().timeIntervalSince(t0)).utf8))
            t0 = Date()
        }

        // The file's own mix on every path: the simulation kernel, unchanged.
        var raw = job.emptyRaw()
        try job.simulate(blocks: 0..<job.blockCount, into: &raw, threads: threads)
        let ny = frontier.years.count, planYears = job.meta.years
        let s = frontier.series == .externalInterest ? 0 : 2
        var ownValues = [Double](repeating: 0, count: ny * paths)
        for (i, y) in frontier.years.enumerated() {
            let j = planYears.firstIndex(of: y)!
            let from = (s * planYears.count + j) * paths
            ownValues.replaceSubrange((i * paths)..<((i + 1) * paths), with: raw.yearly[from..<(from + paths)])
        }
        raw = job.emptyRaw()   // released
        lap("own mix")

        // The shared basis of every path.
        let nb = ledger.basisCount
        let basis = FrontierBuffer(count: nb * paths)
        let kernel = FrontierKernel(ledger: ledger, plan: plan, settings: settings)
        do throws(NumericsError) {
            try Parallel.forEach(job.blockCount, threads: threads) { (b: Int) throws(NumericsError) in
                try kernel.run(block: b, into: basis.p + b * Streams.blockSize, stride: paths)
            }
        } catch {
            throw InputFailure(.badInput, error.description, at: settings.location)
        }
        lap("basis")

        let grid = mixes(candidates: frontier.candidates.count, steps: frontier.steps)
        let range = shard.map { SimulationPart.blocks(shard: $0.index, of: $0.count, total: grid.count) } ?? 0..<grid.count
        @Sendable func mixEntries(_ units: [Int]) -> [MixEntry] {
            zip(frontier.candidates, units).map { MixEntry(candidate: $0, share: Double($1) / Double(frontier.steps)) }
        }
        let ownCoefficients: (K: [Double], c: [Double]) = {
            var cache: [Int: FrontierLedger.Unit] = [:]
            return ledger.coefficients(ownEntries, cache: &cache)
        }()
        // Mixes in groups: a group's paths are walked tile by tile so the basis is read from
        // memory once per group (each value of a mix and path is the same arithmetic whatever
        // the grouping, so the result does not depend on it or on the threads).
        let groupSize = 8
        let groups = (range.count + groupSize - 1) / groupSize
        let own = ownValues
        let evaluated: [[FrontierPart.Outcome]] = Parallel.map(groups, threads: threads, state: { _ in [Int: FrontierLedger.Unit]() }) {
            (cache: inout [Int: FrontierLedger.Unit], gi: Int) -> [FrontierPart.Outcome] in
            let members = (range.lowerBound + gi * groupSize)..<min(range.upperBound, range.lowerBound + (gi + 1) * groupSize)
            let deltas = members.map { m -> (K: [Double], c: [Double]) in
                let k = ledger.coefficients(mixEntries(grid[m]), cache: &cache)
                return (zip(k.K, ownCoefficients.K).map { $0 - $1 }, zip(k.c, ownCoefficients.c).map { $0 - $1 })
            }
            let values = evaluate(deltas, own: own, basis: basis, basisCount: nb, years: ny, paths: paths)
            return members.enumerated().map { i, m in
                FrontierPart.Outcome(units: grid[m], statistics: FrontierPart.Statistics(values[i], years: ny, paths: paths), policyOK: nil)
            }
        }
        var outcomes = evaluated.flatMap { $0 }
        var ownWithTotal = own + [Double](repeating: 0, count: paths)
        for y in 0..<ny { for p in 0..<paths { ownWithTotal[ny * paths + p] = y == 0 ? own[p] : ownWithTotal[ny * paths + p] + own[y * paths + p] } }
        var current = FrontierPart.Outcome(units: nil, statistics: FrontierPart.Statistics(ownWithTotal, years: ny, paths: paths), policyOK: nil)
        basis.free()
        lap("mixes")

        if frontier.policy {
            guard let policy = FrontierPolicy(treasury, rates: scenario.rates) else {
                throw InputFailure(.badInput, "the base rate scenario cannot be built for the policy check", at: frontier.location)
            }
            let grids = outcomes.map { $0.units! }
            let verdicts = Parallel.map(grids.count + 1, threads: threads) { i in
                policy.holds(i < grids.count ? mixEntries(grids[i]) : ownEntries)
            }
            for i in outcomes.indices { outcomes[i].policyOK = verdicts[i] }
            current.policyOK = verdicts[outcomes.count]
            lap("policy")
        }

        var assumptions = job.meta.assumptions.filter { $0.code != .simulationBands }
        assumptions.append(Message(.frontierCommonPaths, .int(paths)))
        // The series by its words (the report's), not its key: "den externa räntekostnaden".
        let series: MessageArg = frontier.series == .externalInterest
            ? .term(sv: "den externa räntekostnaden", en: "the external interest cost")
            : .term(sv: "kommunens netto (extern räntekostnad − intern ränteintäkt)", en: "the municipality net (external interest − internal income)")
        assumptions.append(Message(.frontierCostRisk, series, .list(frontier.years.map(String.init))))
        if frontier.policy { assumptions.append(Message(.frontierPolicy)) }
        return FrontierPart(
            format: FrontierPart.formatVersion, scenarioHash: scenario.fingerprint, mixCount: grid.count,
            mixFrom: range.lowerBound, mixTo: range.upperBound, name: scenario.name, asOf: scenario.asOf?.description,
            unit: scenario.unit.rawValue, warnings: scenario.warnings.map(\.description),
            setup: .init(series: frontier.series.rawValue, years: frontier.years, paths: paths, seed: settings.seed, steps: frontier.steps,
                         candidates: frontier.candidates.map { .init(tenor: $0.tenor.description, type: $0.kind.rawValue) },
                         car95Limit: frontier.car95Limit, policy: frontier.policy, assumptions: assumptions,
                         own: ownEntries.map { .init(tenor: $0.candidate.tenor.description, type: $0.candidate.kind.rawValue, share: $0.share) }),
            mixes: outcomes, current: current)
    }

    /// The values of each mix of a group on every path: [mix][(year × paths) + p], the
    /// counted years then their sum (`years + 1` columns).
    static func evaluate(_ deltas: [(K: [Double], c: [Double])], own: [Double], basis: FrontierBuffer, basisCount nb: Int,
                         years ny: Int, paths: Int) -> [[Double]] {
        var values = deltas.map { _ in [Double](repeating: 0, count: (ny + 1) * paths) }
        // The nonzero coefficients per mix and year.
        let sparse: [[(index: [Int], coef: [Double])]] = deltas.map { d in
            (0..<ny).map { y in
                var index: [Int] = [], coef: [Double] = []
                for b in 0..<nb where d.K[y * nb + b] != 0 { index.append(b); coef.append(d.K[y * nb + b]) }
                return (index, coef)
            }
        }
        let tile = 256
        own.withUnsafeBufferPointer { own in
            for start in stride(from: 0, to: paths, by: tile) {
                let n = min(tile, paths - start)
                for m in deltas.indices {
                    values[m].withUnsafeMutableBufferPointer { v in
                        let out = v.baseAddress!
                        for y in 0..<ny {
                            let o = out + y * paths + start, src = own.baseAddress! + y * paths + start
                            let c = deltas[m].c[y]
                            for p in 0..<n { o[p] = src[p] + c }
                            let (index, coef) = sparse[m][y]
                            for i in index.indices {
                                let row = basis.p + index[i] * paths + start, k = coef[i]
                                for p in 0..<n { o[p] += k * row[p] }
                            }
                        }
                        let total = out + ny * paths + start
                        for p in 0..<n { total[p] = out[start + p] }
                        for y in 1..<max(ny, 1) {
                            let o = out + y * paths + start
                            for p in 0..<n { total[p] += o[p] }
                        }
                    }
                }
            }
        }
        return values
    }
}

/// A buffer of doubles shared read-only by workers after it is filled (each block fills its own paths).
final class FrontierBuffer: @unchecked Sendable {
    let p: UnsafeMutablePointer<Double>
    private var freed = false
    init(count: Int) {
        p = .allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
    }
    func free() {
        guard !freed else { return }
        freed = true
        p.deallocate()
    }
    deinit { free() }
}
