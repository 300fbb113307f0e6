import Foundation

/// A `PortfolioPlan` recompiled for Monte Carlo: every rate-dependent quantity becomes a
/// function of the short-rate state on the monthly grid from V (rule S1: a fixing or
/// refinancing on date d reads the state at the last grid date ≤ d), and every cost is a
/// sparse linear form in those rates. A path then costs: the OU steps, one exponential
/// per grid fixing and per par-rate payment date, and one multiply-add per sparse entry.
public struct SimulationPlan: Sendable {
    public let model: ShortRateModel
    /// Grid dates V + k months (k = 0 … K) and their ACT/365F times (rule S2).
    public let grid: [Day]
    public let times: [Double]
    /// Exact OU step k → k+1: x ← x·decay[k] + sd[k]·Z.
    let decay: [Double]
    let sd: [Double]
    /// Fixing at grid g: L = (exp(−(c3 − b3 x)) − 1) / tau3, i.e. (1/P(t_g, t_g + 3M) − 1)/τ.
    let c3: [Double], b3: [Double], tau3: [Double]

    let months: Int
    let years: [Int]
    /// Rate-independent cost: external per month, internal (all borrowers) per year.
    let externalConstant: [Double]
    let internalConstant: [Double]
    /// Sparse external floating entries, sorted by grid index: coef × max(floor, L_g) into month.
    let floatGrid: [Int32], floatFloor: [Double], floatMonth: [Int32], floatCoef: [Double]
    /// The same for internal floating loans, into the year's total internal income.
    let intGrid: [Int32], intFloor: [Double], intYear: [Int32], intCoef: [Double]
    /// Par groups (grid g, tenor, external or internal): payment dates' (c, B, α) in
    /// `payC/payB/payAlpha` from `payStart[k]` to `payStart[k+1]`, the last the maturity;
    /// accrual entries (a month for external, a year for internal) from `accStart[k]`.
    let parGrid: [Int32], parExternal: [Bool]
    let payStart: [Int32], payC: [Double], payB: [Double], payAlpha: [Double]
    let accStart: [Int32], accSlot: [Int32], accCoef: [Double]
    /// Σ_b N_b / D_ext of month m: the share of its external cost passed through (rule T9).
    let passThroughShare: [Double]

    /// The same costs summed to years, for the yearly series of every path: entry i adds
    /// max(floor, L_g) × (yearExt to the year's external cost, yearInt to its internal income,
    /// pass-through included); par group e adds par × (parYearExt, parYearInt) per year.
    let yearGrid: [Int32], yearFloor: [Double], yearSlot: [Int32], yearExt: [Double], yearInt: [Double]
    let yearExternalConstant: [Double], yearInternalConstant: [Double]
    let parYearExt: [Double], parYearInt: [Double]          // group × years
    /// Distinct bonds P(t_g, T) priced per path ((g, c, B)); a par group's payments index them.
    let bondGrid: [Int32], bondC: [Double], bondB: [Double]
    let payBond: [Int32]
    /// 365 / (external debt × days) per month, for the monthly funding-rate band (rule S7).
    let fundingScale: [Double]
    /// Day-weighted average external debt per year.
    let averageDebt: [Double]
    /// The calendar month (index) of each grid date, or −1 past the last output month.
    let gridMonth: [Int32]
    /// The swap book's value at each output year end (rule T24), nil without swaps or when not asked for.
    let swapBook: SwapBookPlan?

    public var gridCount: Int { grid.count }
    public var steps: Int { grid.count - 1 }

    public init(_ plan: PortfolioPlan, model: ShortRateModel, swapValues: Bool = true) {
        self.model = model
        let v = plan.valuationDate
        let k = 12 * plan.years.count
        grid = (0...k).map { v.addingMonths($0) }
        times = grid.map { $0.years(since: v) }
        var decay: [Double] = [], sd: [Double] = []
        for i in 0..<k {
            let s = model.step(times[i + 1] - times[i])
            decay.append(s.decay)
            sd.append(s.sd)
        }
        self.decay = decay
        self.sd = sd
        var c3: [Double] = [], b3: [Double] = [], tau3: [Double] = []
        for g in grid {
            let end = g.addingMonths(3)
            let t = g.years(since: v), T = end.years(since: v)
            c3.append(model.logBondIntercept(t, T))
            b3.append(model.B(t, T))
            tau3.append(DayCount.act360.fraction(g, end))
        }
        self.c3 = c3
        self.b3 = b3
        self.tau3 = tau3

        let nm = plan.monthCount, nb = plan.borrowers.count
        months = nm
        years = plan.years
        averageDebt = plan.averageDebt
        let serials = grid.map(\.serial)
        func gridIndex(_ day: Int) -> Int {
            var lo = 0, hi = serials.count - 1
            if day >= serials[hi] { return hi }
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if serials[mid] <= day { lo = mid } else { hi = mid }
            }
            return lo
        }
        swapBook = swapValues ? SwapBookPlan(plan, model: model, gridIndex: gridIndex) : nil

        var ext = plan.fixedLoanInterest.indices.map { plan.fixedLoanInterest[$0] + plan.swapFixedLegs[$0] }
        var int = plan.internalFixed
        for i in int.indices { int[i] += plan.passThroughMargin[i] }
        func addConstant(_ target: Int32, _ m: Int, _ x: Double) {
            if target < 0 { ext[m] += x } else { int[Int(target) * nm + m] += x }
        }

        // Floating periods: the margin (and any fixing known before V) is constant; the
        // rest is coef × max(floor, L_g). External entries are kept per month (pass-through
        // shares and the funding band need the month); internal ones only per year, summed
        // over borrowers (the simulation reports the total internal income).
        struct Key: Hashable { var g: Int32; var floor: Double; var slot: Int32 }
        var externalTerms: [Key: Double] = [:], internalTerms: [Key: Double] = [:]
        let f = plan.floating
        for i in f.factor.indices {
            let target = f.target[i] == Target.swap ? Target.externalLoan : f.target[i]
            for j in 0..<Int(f.monthCount[i]) {
                let m = Int(f.monthFirst[i]) + j
                let w = f.factor[i] * f.weights[Int(f.weightStart[i]) + j]
                if f.fixDay[i] < 0 {
                    addConstant(target, m, w * (max(f.floor[i], f.fixed[i]) + f.margin[i]))
                    continue
                }
                addConstant(target, m, w * f.margin[i])
                let g = Int32(gridIndex(f.fixDay[i]))
                if target < 0 {
                    externalTerms[Key(g: g, floor: f.floor[i], slot: Int32(m)), default: 0] += w
                } else {
                    internalTerms[Key(g: g, floor: f.floor[i], slot: Int32(m / 12)), default: 0] += w
                }
            }
        }
        func sortedKeys(_ d: [Key: Double]) -> [Key] {
            d.keys.sorted { ($0.g, $0.floor, $0.slot) < ($1.g, $1.floor, $1.slot) }
        }
        let ek = sortedKeys(externalTerms), ik = sortedKeys(internalTerms)
        floatGrid = ek.map(\.g); floatFloor = ek.map(\.floor); floatMonth = ek.map(\.slot); floatCoef = ek.map { externalTerms[$0]! }
        intGrid = ik.map(\.g); intFloor = ik.map(\.floor); intYear = ik.map(\.slot); intCoef = ik.map { internalTerms[$0]! }

        // Par events: priced at the grid date ≤ their date, an annual 30E/360 leg backward
        // from grid date + tenor (rules S1, T5); the spread or margin is constant.
        struct ParKey: Hashable { var g: Int32; var months: Int; var external: Bool }
        var parAccrual: [ParKey: [Double]] = [:]
        let e = plan.parEvents
        for ev in e.tenor.indices {
            let g = Int32(gridIndex(e.dates[e.dateIndex[ev]].serial))
            let target = e.target[ev]
            let key = ParKey(g: g, months: e.tenor[ev].months, external: target < 0)
            var acc = parAccrual[key] ?? Array(repeating: 0, count: nm)
            for m in 0..<nm {
                let x = e.accrual[ev * nm + m]
                guard x != 0 else { continue }
                acc[m] += x
                addConstant(target, m, x * e.add[ev])
            }
            parAccrual[key] = acc
        }
        var parGrid: [Int32] = [], parExternal: [Bool] = [], payStart: [Int32] = [0]
        var payC: [Double] = [], payB: [Double] = [], payAlpha: [Double] = []
        var accStart: [Int32] = [0], accSlot: [Int32] = [], accCoef: [Double] = []
        for key in parAccrual.keys.sorted(by: { ($0.g, $0.months, $0.external ? 0 : 1) < ($1.g, $1.months, $1.external ? 0 : 1) }) {
            let start = grid[Int(key.g)], maturity = start.addingMonths(key.months)
            let dates = Schedule.dates(start: start, maturity: maturity, months: 12)
            let t = start.years(since: v)
            for i in 1..<dates.count {
                let T = dates[i].years(since: v)
                payC.append(model.logBondIntercept(t, T))
                payB.append(model.B(t, T))
                payAlpha.append(DayCount.thirty360.fraction(dates[i - 1], dates[i]))
            }
            payStart.append(Int32(payC.count))
            let acc = parAccrual[key]!
            if key.external {
                for (m, x) in acc.enumerated() where x != 0 { accSlot.append(Int32(m)); accCoef.append(x) }
            } else {
                for y in 0..<(nm / 12) {
                    let x = acc[(12 * y)..<(12 * y + 12)].reduce(0, +)
                    if x != 0 { accSlot.append(Int32(y)); accCoef.append(x) }
                }
            }
            accStart.append(Int32(accCoef.count))
            parGrid.append(key.g)
            parExternal.append(key.external)
        }
        self.parGrid = parGrid
        self.parExternal = parExternal
        self.payStart = payStart
        self.payC = payC
        self.payB = payB
        self.payAlpha = payAlpha
        self.accStart = accStart
        self.accSlot = accSlot
        self.accCoef = accCoef

        externalConstant = ext
        internalConstant = (0..<(nm / 12)).map { y in (0..<nb).reduce(0.0) { s, b in s + int[(b * nm + 12 * y)..<(b * nm + 12 * y + 12)].reduce(0, +) } }
        // Σ_b N_b / D_ext per month: the share of the month's external cost passed through (rule T9).
        passThroughShare = (0..<nm).map { m in
            plan.debtDays[m] > 0 ? (0..<nb).reduce(0.0) { $0 + plan.passThroughDays[$1 * nm + m] } / plan.debtDays[m] : 0
        }
        fundingScale = plan.debtDays.map { $0 > 0 ? 365 / $0 : 0 }

        // Yearly forms (see the properties): monthly external terms also pass through.
        let ny = nm / 12
        struct YKey: Hashable { var g: Int32; var floor: Double; var year: Int32 }
        var yearly: [YKey: (Double, Double)] = [:]
        for i in floatCoef.indices {
            let m = Int(floatMonth[i])
            let key = YKey(g: floatGrid[i], floor: floatFloor[i], year: Int32(m / 12))
            let old = yearly[key] ?? (0, 0)
            yearly[key] = (old.0 + floatCoef[i], old.1 + floatCoef[i] * passThroughShare[m])
        }
        for i in intCoef.indices {
            let key = YKey(g: intGrid[i], floor: intFloor[i], year: intYear[i])
            let old = yearly[key] ?? (0, 0)
            yearly[key] = (old.0, old.1 + intCoef[i])
        }
        let yk = yearly.keys.sorted { ($0.g, $0.floor, $0.year) < ($1.g, $1.floor, $1.year) }
        yearGrid = yk.map(\.g); yearFloor = yk.map(\.floor); yearSlot = yk.map(\.year)
        yearExt = yk.map { yearly[$0]!.0 }; yearInt = yk.map { yearly[$0]!.1 }
        yearExternalConstant = (0..<ny).map { y in ext[(12 * y)..<(12 * y + 12)].reduce(0, +) }
        var yic = internalConstant
        for y in 0..<ny {
            for m in (12 * y)..<(12 * y + 12) { yic[y] += passThroughShare[m] * ext[m] }
        }
        yearInternalConstant = yic
        var pye = [Double](repeating: 0, count: parGrid.count * ny), pyi = pye
        for e in parGrid.indices {
            for i in Int(accStart[e])..<Int(accStart[e + 1]) {
                let slot = Int(accSlot[i])
                if parExternal[e] {
                    pye[e * ny + slot / 12] += accCoef[i]
                    pyi[e * ny + slot / 12] += accCoef[i] * passThroughShare[slot]
                } else {
                    pyi[e * ny + slot] += accCoef[i]
                }
            }
        }
        parYearExt = pye
        parYearInt = pyi
        // Bonds shared between par groups on the same grid date (3Y and 5Y legs share dates).
        struct BKey: Hashable { var g: Int32; var c: Double; var b: Double }
        var bondIndex: [BKey: Int32] = [:]
        var bondGrid: [Int32] = [], bondC: [Double] = [], bondB: [Double] = [], payBond: [Int32] = []
        for e in parGrid.indices {
            for i in Int(payStart[e])..<Int(payStart[e + 1]) {
                let key = BKey(g: parGrid[e], c: payC[i], b: payB[i])
                if let j = bondIndex[key] {
                    payBond.append(j)
                } else {
                    let j = Int32(bondGrid.count)
                    bondIndex[key] = j
                    bondGrid.append(parGrid[e]); bondC.append(payC[i]); bondB.append(payB[i])
                    payBond.append(j)
                }
            }
        }
        self.bondGrid = bondGrid
        self.bondC = bondC
        self.bondB = bondB
        self.payBond = payBond
        gridMonth = grid.map { d in
            let m = (d.year - v.year) * 12 + d.month - 1
            return Int32(m < nm ? m : -1)
        }
    }
}
