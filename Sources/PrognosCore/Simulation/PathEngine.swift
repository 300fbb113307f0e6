import Foundation

/// Where paths write their results: disjoint slices of preallocated arrays, so workers
/// share no mutable state (each block owns its path range).
struct PathOutput: @unchecked Sendable {
    /// Per series (external, internal, net, funding rate; with swaps the swap book's value), year and path:
    /// [(s × years + y) × stride + p − first] (a whole run: first 0, stride the paths; a
    /// shard: its own paths only).
    let yearly: UnsafeMutablePointer<Double>
    /// Per grid date and band path: STIBOR 3M and the month's funding rate,
    /// [g × bandStride + p − first].
    let stibor: UnsafeMutablePointer<Double>
    let funding: UnsafeMutablePointer<Double>
    /// The first path held, and the length of a yearly column.
    let first: Int
    let stride: Int
    let bandStride: Int
    /// Paths below this one feed the bands (rule S12).
    let bandPaths: Int
}

/// An array copied into memory that stays put for the run: the hot loop reads it through a
/// plain pointer (no bounds checks, no reference counting).
final class Pinned<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    let count: Int

    init(_ values: [T]) {
        count = values.count
        p = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
        if count > 0 { p.initialize(from: values, count: count) }
    }

    deinit {
        p.deinitialize(count: count)
        p.deallocate()
    }
}

/// How the path loop is evaluated. `lanes` is the engine: `Lanes.scalarCount` paths at once
/// with `VectorExp`. `scalar` is the path-by-path loop with libm's `exp` and `lanesLibm`
/// the lane loop with libm's `exp` lane by lane; both exist for the tests only (the lane
/// loop does every other operation in the scalar loop's order, so `lanesLibm` equals
/// `scalar` bit for bit and `lanes` differs from it only by the exponentials).
enum KernelMode: Sendable {
    case lanes, lanesLibm, scalar
}

/// The read-only data of the path loop, pinned once per run and shared by all workers.
final class PathKernel: @unchecked Sendable {
    /// The mode a kernel built in this task uses (tests bind it with `withValue`).
    @TaskLocal static var mode: KernelMode = .lanes

    let mode: KernelMode
    let steps: Int, gridCount: Int, months: Int, years: Int, parCount: Int
    let decay, sd, c3, b3, tau3: Pinned<Double>
    // Yearly forms (every path).
    let yearGrid, yearSlot: Pinned<Int32>
    let yearFloor, yearExt, yearInt, yearExternalConstant, yearInternalConstant, averageDebt: Pinned<Double>
    let bondGrid, payBond, payStart, parYearFirst, parYearLast: Pinned<Int32>
    let bondC, bondB, payAlpha, parYearExt, parYearInt: Pinned<Double>
    let bondCount: Int
    // Monthly external cost (band paths only).
    let externalConstant, fundingScale: Pinned<Double>
    let floatGrid, floatMonth, accStart, accSlot, gridMonth: Pinned<Int32>
    let floatFloor, floatCoef, accCoef: Pinned<Double>
    let parExternal: Pinned<Bool>
    // The swap book's value per year end (`SwapBookPlan`); `hasSwaps` false: none computed.
    let hasSwaps: Bool
    let swapYearGrid, swapBondStart, swapFixStart, swapFixGrid: Pinned<Int32>
    let swapBondC, swapBondB, swapBondW, swapFixCoef: Pinned<Double>

    init(_ plan: SimulationPlan, mode: KernelMode = PathKernel.mode) {
        self.mode = mode
        steps = plan.steps; gridCount = plan.gridCount; months = plan.months; years = plan.years.count
        parCount = plan.parGrid.count
        decay = Pinned(plan.decay); sd = Pinned(plan.sd); c3 = Pinned(plan.c3); b3 = Pinned(plan.b3); tau3 = Pinned(plan.tau3)
        yearGrid = Pinned(plan.yearGrid); yearSlot = Pinned(plan.yearSlot); yearFloor = Pinned(plan.yearFloor)
        yearExt = Pinned(plan.yearExt); yearInt = Pinned(plan.yearInt)
        yearExternalConstant = Pinned(plan.yearExternalConstant); yearInternalConstant = Pinned(plan.yearInternalConstant)
        averageDebt = Pinned(plan.averageDebt)
        bondGrid = Pinned(plan.bondGrid); bondC = Pinned(plan.bondC); bondB = Pinned(plan.bondB); bondCount = plan.bondGrid.count
        payBond = Pinned(plan.payBond); payStart = Pinned(plan.payStart); payAlpha = Pinned(plan.payAlpha)
        parYearExt = Pinned(plan.parYearExt); parYearInt = Pinned(plan.parYearInt)
        let ny = plan.years.count
        var first: [Int32] = [], last: [Int32] = []
        for e in plan.parGrid.indices {
            let nonzero = (0..<ny).filter { plan.parYearExt[e * ny + $0] != 0 || plan.parYearInt[e * ny + $0] != 0 }
            first.append(Int32(nonzero.first ?? 0))
            last.append(Int32(nonzero.last.map { $0 + 1 } ?? 0))
        }
        parYearFirst = Pinned(first); parYearLast = Pinned(last)
        externalConstant = Pinned(plan.externalConstant); fundingScale = Pinned(plan.fundingScale)
        floatGrid = Pinned(plan.floatGrid); floatMonth = Pinned(plan.floatMonth)
        floatFloor = Pinned(plan.floatFloor); floatCoef = Pinned(plan.floatCoef)
        accStart = Pinned(plan.accStart); accSlot = Pinned(plan.accSlot); accCoef = Pinned(plan.accCoef)
        parExternal = Pinned(plan.parExternal); gridMonth = Pinned(plan.gridMonth)
        let book = plan.swapBook
        hasSwaps = book != nil
        swapYearGrid = Pinned(book?.yearGrid ?? []); swapBondStart = Pinned(book?.bondStart ?? [])
        swapFixStart = Pinned(book?.fixStart ?? []); swapFixGrid = Pinned(book?.fixGrid ?? [])
        swapBondC = Pinned(book?.bondC ?? []); swapBondB = Pinned(book?.bondB ?? []); swapBondW = Pinned(book?.bondW ?? [])
        swapFixCoef = Pinned(book?.fixCoef ?? [])
    }
}

/// One thread's simulation state: the scratch buffers of a path, reused for every path it
/// computes (no allocation per path).
struct PathWorker {
    let kernel: PathKernel
    let settings: SimulationSettings
    private let normals, x, fixings, bonds, pars, externalYears, internalYears, externalMonths: Pinned<Double>
    /// The lane loop's buffers: per step, grid date, bond, par group, year, month one `Lanes`.
    private let zLanes, xLanes, fixingLanes, bondLanes, parLanes, externalYearLanes, internalYearLanes, externalMonthLanes: Pinned<Lanes>

    init(kernel: PathKernel, settings: SimulationSettings) {
        self.kernel = kernel
        self.settings = settings
        normals = Pinned(Array(repeating: 0, count: kernel.steps))
        x = Pinned(Array(repeating: 0, count: kernel.gridCount))
        fixings = Pinned(Array(repeating: 0, count: kernel.gridCount))
        bonds = Pinned(Array(repeating: 0, count: kernel.bondCount))
        pars = Pinned(Array(repeating: 0, count: kernel.parCount))
        externalYears = Pinned(Array(repeating: 0, count: kernel.years))
        internalYears = Pinned(Array(repeating: 0, count: kernel.years))
        externalMonths = Pinned(Array(repeating: 0, count: kernel.months))
        func lanes(_ n: Int) -> Pinned<Lanes> { Pinned(Array(repeating: Lanes(), count: n)) }
        zLanes = lanes(kernel.steps); xLanes = lanes(kernel.gridCount); fixingLanes = lanes(kernel.gridCount)
        bondLanes = lanes(kernel.bondCount); parLanes = lanes(kernel.parCount)
        externalYearLanes = lanes(kernel.years); internalYearLanes = lanes(kernel.years)
        externalMonthLanes = lanes(kernel.months)
    }

    /// Simulates block `b` (rule S9): its own generator, antithetic pairs inside it.
    func run(block b: Int, into out: PathOutput) throws(NumericsError) {
        switch kernel.mode {
        case .lanes: try runLanes(block: b, into: out, VectorLaneExp.self)
        case .lanesLibm: try runLanes(block: b, into: out, LibmLaneExp.self)
        case .scalar: try runScalar(block: b, into: out)
        }
    }

    /// The path-by-path loop (tests only, see `KernelMode`).
    private func runScalar(block b: Int, into out: PathOutput) throws(NumericsError) {
        var rng = try RandomGenerator(name: settings.rng, seed: Streams.blockSeed(settings.seed, b))
        let first = b * Streams.blockSize, last = min(settings.paths, first + Streams.blockSize)
        let buffer = UnsafeMutableBufferPointer(start: normals.p, count: kernel.steps)
        var p = first
        while p < last {
            rng.fillNormals(buffer)
            path(p, sign: 1, into: out)
            if settings.antithetic && p + 1 < last {
                path(p + 1, sign: -1, into: out)
                p += 2
            } else {
                p += 1
            }
        }
    }

    /// One path: the state on the grid, its fixings and par rates, the yearly series (and,
    /// for the first `bandPaths` paths, the monthly fixings and funding rates).
    @inline(__always)
    private func path(_ p: Int, sign: Double, into out: PathOutput) {
        let k = kernel
        let K = k.steps, ny = k.years
        let x = self.x.p, l = fixings.p, z = normals.p
        let decay = k.decay.p, sd = k.sd.p, c3 = k.c3.p, b3 = k.b3.p, tau3 = k.tau3.p

        // Exact OU steps and the 3M fixing at every grid date: L = (1/P(t, t + 3M) − 1)/τ.
        x[0] = 0
        for i in 0..<K { x[i + 1] = x[i] * decay[i] + sd[i] * (sign * z[i]) }
        for g in 0...K { l[g] = (exp(b3[g] * x[g] - c3[g]) - 1) / tau3[g] }

        // Bonds P(t_g, T) and par rates (1 − P(t_g, T_n)) / Σ α_i P(t_g, T_i).
        let bonds = self.bonds.p, bg = k.bondGrid.p, bc = k.bondC.p, bb = k.bondB.p
        for j in 0..<k.bondCount { bonds[j] = exp(bc[j] - bb[j] * x[Int(bg[j])]) }
        let pars = self.pars.p, ps = k.payStart.p, pbond = k.payBond.p, pa = k.payAlpha.p
        for e in 0..<k.parCount {
            var annuity = 0.0, last = 1.0
            for i in Int(ps[e])..<Int(ps[e + 1]) {
                last = bonds[Int(pbond[i])]
                annuity += pa[i] * last
            }
            pars[e] = (1 - last) / annuity
        }

        // Yearly external cost and internal income (pass-through included): linear forms in
        // max(floor, L_g) and in the par rates.
        let ye = externalYears.p, yi = internalYears.p
        let yec = k.yearExternalConstant.p, yic = k.yearInternalConstant.p
        for y in 0..<ny { ye[y] = yec[y]; yi[y] = yic[y] }
        let yg = k.yearGrid.p, yf = k.yearFloor.p, ys = k.yearSlot.p, yx = k.yearExt.p, yn = k.yearInt.p
        for i in 0..<k.yearExt.count {
            let v = max(yf[i], l[Int(yg[i])])
            let y = Int(ys[i])
            ye[y] += yx[i] * v
            yi[y] += yn[i] * v
        }
        let pye = k.parYearExt.p, pyi = k.parYearInt.p, pf = k.parYearFirst.p, pl = k.parYearLast.p
        for e in 0..<k.parCount {
            let par = pars[e]
            for y in Int(pf[e])..<Int(pl[e]) {
                ye[y] += pye[e * ny + y] * par
                yi[y] += pyi[e * ny + y] * par
            }
        }
        let debt = k.averageDebt.p
        let q = p - out.first, stride = out.stride
        for y in 0..<ny {
            let e = ye[y], i = yi[y]
            out.yearly[y * stride + q] = e
            out.yearly[(ny + y) * stride + q] = i
            out.yearly[(2 * ny + y) * stride + q] = e - i
            out.yearly[(3 * ny + y) * stride + q] = debt[y] > 0 ? e / debt[y] : .nan
        }
        if k.hasSwaps { swapBook(into: out.yearly + 4 * ny * stride + q, stride: stride) }

        if p < out.bandPaths { bands(p, into: out) }
    }

    /// The swap book's value at each year end (`SwapBookPlan`) on the current path, year y to `to[y × stride]`.
    @inline(__always)
    private func swapBook(into to: UnsafeMutablePointer<Double>, stride: Int) {
        let k = kernel, x = self.x.p, l = fixings.p
        let yg = k.swapYearGrid.p, bs = k.swapBondStart.p, bc = k.swapBondC.p, bb = k.swapBondB.p, bw = k.swapBondW.p
        let fs = k.swapFixStart.p, fg = k.swapFixGrid.p, fc = k.swapFixCoef.p
        for y in 0..<k.years {
            let xd = x[Int(yg[y])]
            var value = 0.0
            for j in Int(bs[y])..<Int(bs[y + 1]) {
                var amount = bw[j]
                for i in Int(fs[j])..<Int(fs[j + 1]) { amount += fc[i] * l[Int(fg[i])] }
                value += amount * exp(bc[j] - bb[j] * xd)
            }
            to[y * stride] = value
        }
    }

    /// The monthly external cost of the current path, for the fan chart (rule S12).
    private func bands(_ p: Int, into out: PathOutput) {
        let k = kernel
        let ext = externalMonths.p, l = fixings.p, pars = self.pars.p
        let ec = k.externalConstant.p
        for m in 0..<k.months { ext[m] = ec[m] }
        let fg = k.floatGrid.p, ff = k.floatFloor.p, fm = k.floatMonth.p, fc = k.floatCoef.p
        for i in 0..<k.floatCoef.count { ext[Int(fm[i])] += fc[i] * max(ff[i], l[Int(fg[i])]) }
        let pe = k.parExternal.p, asStart = k.accStart.p, aSlot = k.accSlot.p, aCoef = k.accCoef.p
        for e in 0..<k.parCount where pe[e] {
            for i in Int(asStart[e])..<Int(asStart[e + 1]) { ext[Int(aSlot[i])] += aCoef[i] * pars[e] }
        }
        let gm = k.gridMonth.p, scale = k.fundingScale.p
        let q = p - out.first
        for g in 0..<k.gridCount {
            out.stibor[g * out.bandStride + q] = l[g]
            let m = Int(gm[g])
            out.funding[g * out.bandStride + q] = m >= 0 ? ext[m] * scale[m] : .nan
        }
    }
}

/// The exponential of the lane loop.
protocol LaneExp {
    static func exp(_ x: Lanes) -> Lanes
}

/// `VectorExp`: the engine's.
enum VectorLaneExp: LaneExp {
    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes { VectorExp.exp(x) }
}

/// libm's `exp` lane by lane: the lane loop then equals the scalar loop bit for bit (tests).
enum LibmLaneExp: LaneExp {
    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        var r = x
        for i in 0..<Lanes.scalarCount { r[i] = Foundation.exp(x[i]) }
        return r
    }
}

/// max(floor, v) lane by lane as `Swift.max(floor, v)` computes it (v ≥ floor ? v : floor).
@inline(__always)
private func laneMax(_ floor: Double, _ v: Lanes) -> Lanes {
    Lanes(repeating: floor).replacing(with: v, where: v .>= floor)
}

extension PathWorker {
    /// The lane loop: the block's paths in groups of `Lanes.scalarCount` from the block's
    /// first path (so a group never spans two blocks, and pairs never span two groups: the
    /// group size is even). Every lane does the scalar loop's arithmetic in the same order
    /// on its own path's normals; lanes past the block's end compute a zero path that is not
    /// stored. A path's values therefore depend neither on the other paths of its group nor
    /// on how blocks are split between threads or shards.
    fileprivate func runLanes<E: LaneExp>(block b: Int, into out: PathOutput, _ exp: E.Type) throws(NumericsError) {
        var rng = try RandomGenerator(name: settings.rng, seed: Streams.blockSeed(settings.seed, b))
        let first = b * Streams.blockSize, last = min(settings.paths, first + Streams.blockSize)
        let K = kernel.steps, width = Lanes.scalarCount
        let buffer = UnsafeMutableBufferPointer(start: normals.p, count: K)
        let z = zLanes.p
        var p0 = first
        while p0 < last {
            let n = min(width, last - p0)
            Streams.drawLanes(&rng, antithetic: settings.antithetic, count: n, scratch: buffer, into: z)
            group(p0, count: n, into: out, E.self)
            p0 += width
        }
    }

    /// The paths p0 ..< p0 + count (count ≤ width) from the normals in `zLanes`: `path`'s
    /// arithmetic, lane by lane.
    @inline(__always)
    private func group<E: LaneExp>(_ p0: Int, count: Int, into out: PathOutput, _: E.Type) {
        let k = kernel
        let K = k.steps, ny = k.years
        let x = xLanes.p, l = fixingLanes.p, z = zLanes.p
        let decay = k.decay.p, sd = k.sd.p, c3 = k.c3.p, b3 = k.b3.p, tau3 = k.tau3.p

        x[0] = Lanes()
        for i in 0..<K { x[i + 1] = x[i] * decay[i] + sd[i] * z[i] }
        for g in 0...K { l[g] = (E.exp(b3[g] * x[g] - c3[g]) - 1) / tau3[g] }

        let bonds = bondLanes.p, bg = k.bondGrid.p, bc = k.bondC.p, bb = k.bondB.p
        for j in 0..<k.bondCount { bonds[j] = E.exp(bc[j] - bb[j] * x[Int(bg[j])]) }
        let pars = parLanes.p, ps = k.payStart.p, pbond = k.payBond.p, pa = k.payAlpha.p
        for e in 0..<k.parCount {
            var annuity = Lanes(), last = Lanes(repeating: 1)
            for i in Int(ps[e])..<Int(ps[e + 1]) {
                last = bonds[Int(pbond[i])]
                annuity += pa[i] * last
            }
            pars[e] = (1 - last) / annuity
        }

        let ye = externalYearLanes.p, yi = internalYearLanes.p
        let yec = k.yearExternalConstant.p, yic = k.yearInternalConstant.p
        for y in 0..<ny { ye[y] = Lanes(repeating: yec[y]); yi[y] = Lanes(repeating: yic[y]) }
        let yg = k.yearGrid.p, yf = k.yearFloor.p, ys = k.yearSlot.p, yx = k.yearExt.p, yn = k.yearInt.p
        for i in 0..<k.yearExt.count {
            let v = laneMax(yf[i], l[Int(yg[i])])
            let y = Int(ys[i])
            ye[y] += yx[i] * v
            yi[y] += yn[i] * v
        }
        let pye = k.parYearExt.p, pyi = k.parYearInt.p, pf = k.parYearFirst.p, pl = k.parYearLast.p
        for e in 0..<k.parCount {
            let par = pars[e]
            for y in Int(pf[e])..<Int(pl[e]) {
                ye[y] += pye[e * ny + y] * par
                yi[y] += pyi[e * ny + y] * par
            }
        }
        let debt = k.averageDebt.p
        let q = p0 - out.first, stride = out.stride
        for y in 0..<ny {
            let e = ye[y], i = yi[y]
            let rate = debt[y] > 0 ? e / debt[y] : Lanes(repeating: .nan)
            store(e, out.yearly + y * stride + q, count)
            store(i, out.yearly + (ny + y) * stride + q, count)
            store(e - i, out.yearly + (2 * ny + y) * stride + q, count)
            store(rate, out.yearly + (3 * ny + y) * stride + q, count)
        }
        if k.hasSwaps { swapBookLanes(into: out.yearly + 4 * ny * stride + q, stride: stride, count: count, E.self) }

        if p0 < out.bandPaths { bandLanes(p0, count: min(count, out.bandPaths - p0), into: out) }
    }

    /// `swapBook` lane by lane, in its order.
    @inline(__always)
    private func swapBookLanes<E: LaneExp>(into to: UnsafeMutablePointer<Double>, stride: Int, count: Int, _: E.Type) {
        let k = kernel, x = xLanes.p, l = fixingLanes.p
        let yg = k.swapYearGrid.p, bs = k.swapBondStart.p, bc = k.swapBondC.p, bb = k.swapBondB.p, bw = k.swapBondW.p
        let fs = k.swapFixStart.p, fg = k.swapFixGrid.p, fc = k.swapFixCoef.p
        for y in 0..<k.years {
            let xd = x[Int(yg[y])]
            var value = Lanes()
            for j in Int(bs[y])..<Int(bs[y + 1]) {
                var amount = Lanes(repeating: bw[j])
                for i in Int(fs[j])..<Int(fs[j + 1]) { amount += fc[i] * l[Int(fg[i])] }
                value += amount * E.exp(bc[j] - bb[j] * xd)
            }
            store(value, to + y * stride, count)
        }
    }

    /// `bands` for the group's first `count` paths.
    private func bandLanes(_ p0: Int, count: Int, into out: PathOutput) {
        let k = kernel
        let ext = externalMonthLanes.p, l = fixingLanes.p, pars = parLanes.p
        let ec = k.externalConstant.p
        for m in 0..<k.months { ext[m] = Lanes(repeating: ec[m]) }
        let fg = k.floatGrid.p, ff = k.floatFloor.p, fm = k.floatMonth.p, fc = k.floatCoef.p
        for i in 0..<k.floatCoef.count { ext[Int(fm[i])] += fc[i] * laneMax(ff[i], l[Int(fg[i])]) }
        let pe = k.parExternal.p, asStart = k.accStart.p, aSlot = k.accSlot.p, aCoef = k.accCoef.p
        for e in 0..<k.parCount where pe[e] {
            let par = pars[e]
            for i in Int(asStart[e])..<Int(asStart[e + 1]) { ext[Int(aSlot[i])] += aCoef[i] * par }
        }
        let gm = k.gridMonth.p, scale = k.fundingScale.p
        for g in 0..<k.gridCount {
            store(l[g], out.stibor + g * out.bandStride + p0 - out.first, count)
            let m = Int(gm[g])
            store(m >= 0 ? ext[m] * scale[m] : Lanes(repeating: .nan), out.funding + g * out.bandStride + p0 - out.first, count)
        }
    }

    /// Writes the first `count` lanes of `v` to `to[0 ..< count]` (only the group's own paths).
    @inline(__always)
    private func store(_ v: Lanes, _ to: UnsafeMutablePointer<Double>, _ count: Int) {
        if count == Lanes.scalarCount {
            UnsafeMutableRawPointer(to).storeBytes(of: v, as: Lanes.self)
        } else {
            for j in 0..<count { to[j] = v[j] }
        }
    }
}
