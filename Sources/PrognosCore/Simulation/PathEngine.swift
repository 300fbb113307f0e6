import Foundation

/// Where paths write their results: disjoint slices of preallocated arrays, so workers
/// share no mutable state (each block owns its path range).
struct PathOutput: @unchecked Sendable {
    /// Per series (external, internal, net, funding rate), year and path: [(s × years + y) × paths + p].
    let yearly: UnsafeMutablePointer<Double>
    /// Per grid date and band path: STIBOR 3M and the month's funding rate, [g × bandPaths + p].
    let stibor: UnsafeMutablePointer<Double>
    let funding: UnsafeMutablePointer<Double>
    let paths: Int
    let bandPaths: Int
}

/// One thread's simulation state: the scratch buffers of a path, reused for every path
/// it computes (no allocation per path).
struct PathWorker {
    let plan: SimulationPlan
    let settings: SimulationSettings
    private var normals: [Double]
    private var x: [Double]
    private var fixings: [Double]
    private var external: [Double]
    private var internal_: [Double]

    init(plan: SimulationPlan, settings: SimulationSettings) {
        self.plan = plan
        self.settings = settings
        normals = Array(repeating: 0, count: plan.steps)
        x = Array(repeating: 0, count: plan.gridCount)
        fixings = x
        external = Array(repeating: 0, count: plan.months)
        internal_ = Array(repeating: 0, count: plan.months * plan.borrowers)
    }

    /// Simulates block `b` (rule S9): its own generator, antithetic pairs inside it.
    mutating func run(block b: Int, into out: PathOutput) throws(NumericsError) {
        var rng = try RandomGenerator(name: settings.rng, seed: Streams.blockSeed(settings.seed, b))
        let first = b * Streams.blockSize, last = min(settings.paths, first + Streams.blockSize)
        var p = first
        while p < last {
            normals.withUnsafeMutableBufferPointer { rng.fillNormals($0) }
            path(p, sign: 1, into: out)
            if settings.antithetic && p + 1 < last {
                path(p + 1, sign: -1, into: out)
                p += 2
            } else {
                p += 1
            }
        }
    }

    /// One path: the state on the grid, its fixings and par rates, the monthly costs, the
    /// yearly series (and the monthly band values for the first `bandPaths` paths).
    private mutating func path(_ p: Int, sign: Double, into out: PathOutput) {
        let plan = self.plan
        let K = plan.steps, nm = plan.months
        x.withUnsafeMutableBufferPointer { x in
            normals.withUnsafeBufferPointer { z in
                x[0] = 0
                for k in 0..<K { x[k + 1] = x[k] * plan.decay[k] + plan.sd[k] * sign * z[k] }
            }
        }
        x.withUnsafeBufferPointer { x in
            fixings.withUnsafeMutableBufferPointer { l in
                for g in 0...K { l[g] = (exp(plan.b3[g] * x[g] - plan.c3[g]) - 1) / plan.tau3[g] }
            }
        }
        external.withUnsafeMutableBufferPointer { ext in
            internal_.withUnsafeMutableBufferPointer { int in
                fixings.withUnsafeBufferPointer { l in
                    x.withUnsafeBufferPointer { x in
                        for m in 0..<nm { ext[m] = plan.externalConstant[m] }
                        for i in 0..<int.count { int[i] = plan.internalConstant[i] }
                        // Floating periods: coef × max(floor, L_g).
                        for i in plan.floatCoef.indices {
                            let v = plan.floatCoef[i] * max(plan.floatFloor[i], l[Int(plan.floatGrid[i])])
                            let t = Int(plan.floatTarget[i]), m = Int(plan.floatMonth[i])
                            if t < 0 { ext[m] += v } else { int[t * nm + m] += v }
                        }
                        // Par-priced loans: (1 − P(t_g, T_n)) / Σ α_i P(t_g, T_i) from the closed form.
                        for k in plan.parGrid.indices {
                            let xg = x[Int(plan.parGrid[k])]
                            var annuity = 0.0, last = 1.0
                            for i in Int(plan.payStart[k])..<Int(plan.payStart[k + 1]) {
                                last = exp(plan.payC[i] - plan.payB[i] * xg)
                                annuity += plan.payAlpha[i] * last
                            }
                            let par = (1 - last) / annuity
                            let t = Int(plan.parTarget[k])
                            for i in Int(plan.accStart[k])..<Int(plan.accStart[k + 1]) {
                                let m = Int(plan.accMonth[i])
                                if t < 0 { ext[m] += plan.accCoef[i] * par } else { int[t * nm + m] += plan.accCoef[i] * par }
                            }
                        }
                        // Pass-through: each borrower's share of the month's external cost (rule T9).
                        for b in 0..<plan.borrowers {
                            for m in 0..<nm { int[b * nm + m] += plan.passThroughShare[b * nm + m] * ext[m] }
                        }
                        // Yearly series.
                        let ny = plan.years.count
                        for y in 0..<ny {
                            var e = 0.0, i = 0.0
                            for m in (12 * y)..<(12 * y + 12) {
                                e += ext[m]
                                for b in 0..<plan.borrowers { i += int[b * nm + m] }
                            }
                            out.yearly[(0 * ny + y) * out.paths + p] = e
                            out.yearly[(1 * ny + y) * out.paths + p] = i
                            out.yearly[(2 * ny + y) * out.paths + p] = e - i
                            out.yearly[(3 * ny + y) * out.paths + p] = plan.averageDebt[y] > 0 ? e / plan.averageDebt[y] : .nan
                        }
                        if p < out.bandPaths {
                            for g in 0...K {
                                out.stibor[g * out.bandPaths + p] = l[g]
                                let m = Int(plan.gridMonth[g])
                                out.funding[g * out.bandPaths + p] = m >= 0 ? ext[m] * plan.fundingScale[m] : .nan
                            }
                        }
                    }
                }
            }
        }
    }
}
