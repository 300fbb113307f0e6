import Foundation

/// The shared rate quantities of every path (the basis of `FrontierLedger`): the same
/// streams, normals and OU steps as the simulation kernel (rule S9, `PathWorker.runLanes`),
/// `Lanes.scalarCount` paths at a time with `VectorExp`. Values are stored
/// [basis × paths + path]; a path's values depend only on its own normals, so they are the
/// same for any thread or shard count.
struct FrontierKernel: @unchecked Sendable {
    let ledger: FrontierLedger
    let plan: SimulationPlan
    let settings: SimulationSettings
    /// Par rates: per (tenor, grid date) its payment bonds' (c, B) and α, from `payStart`.
    let parStart: [Int32], payC: [Double], payB: [Double], payAlpha: [Double]

    init(ledger: FrontierLedger, plan: SimulationPlan, settings: SimulationSettings) {
        self.ledger = ledger
        self.plan = plan
        self.settings = settings
        var start: [Int32] = [0], c: [Double] = [], b: [Double] = [], alpha: [Double] = []
        let v = plan.grid[0]
        for months in ledger.fixedTenors {
            for g in 0..<ledger.G {
                // As `SimulationPlan`'s par groups: an annual 30E/360 leg backward from grid date + tenor (rules S1, T5).
                let s = plan.grid[g], dates = Schedule.dates(start: s, maturity: s.addingMonths(months), months: 12)
                let t = s.years(since: v)
                for i in 1..<dates.count {
                    let T = dates[i].years(since: v)
                    c.append(plan.model.logBondIntercept(t, T))
                    b.append(plan.model.B(t, T))
                    alpha.append(DayCount.thirty360.fraction(dates[i - 1], dates[i]))
                }
                start.append(Int32(c.count))
            }
        }
        parStart = start; payC = c; payB = b; payAlpha = alpha
    }

    /// Fills the basis of block `b`'s paths into `out` ([basis × stride + p]).
    func run(block b: Int, into out: UnsafeMutablePointer<Double>, stride: Int) throws(NumericsError) {
        var rng = try RandomGenerator(name: settings.rng, seed: Streams.blockSeed(settings.seed, b))
        let first = b * Streams.blockSize, last = min(settings.paths, first + Streams.blockSize)
        let K = plan.steps, G = ledger.G, width = Lanes.scalarCount
        let normal = UnsafeMutablePointer<Double>.allocate(capacity: max(K, 1))
        let z = UnsafeMutablePointer<Lanes>.allocate(capacity: max(K, 1))
        let x = UnsafeMutablePointer<Lanes>.allocate(capacity: G)
        defer { normal.deallocate(); z.deallocate(); x.deallocate() }
        let buffer = UnsafeMutableBufferPointer(start: normal, count: K)
        let nf = ledger.fixedTenors.count
        var p0 = first
        while p0 < last {
            let n = min(width, last - p0)
            Streams.drawLanes(&rng, antithetic: settings.antithetic, count: n, scratch: buffer, into: z)
            plan.decay.withUnsafeBufferPointer { decay in
                plan.sd.withUnsafeBufferPointer { sd in
                    x[0] = Lanes()
                    for i in 0..<(G - 1) { x[i + 1] = x[i] * decay[i] + sd[i] * z[i] }
                }
            }
            func store(_ v: Lanes, _ index: Int) {
                let to = out + index * stride + (p0 - first)
                for j in 0..<n { to[j] = v[j] }
            }
            for g in 0..<G {
                let l = (VectorExp.exp(plan.b3[g] * x[g] - plan.c3[g]) - 1) / plan.tau3[g]
                store(l, ledger.fixingIndex(g))
            }
            for t in 0..<nf {
                for g in 0..<G {
                    let k = t * G + g
                    var annuity = Lanes(), lastBond = Lanes(repeating: 1)
                    for i in Int(parStart[k])..<Int(parStart[k + 1]) {
                        lastBond = VectorExp.exp(payC[i] - payB[i] * x[g])
                        annuity += payAlpha[i] * lastBond
                    }
                    store((1 - lastBond) / annuity, G * (1 + t) + g)
                }
            }
            p0 += width
        }
    }
}
