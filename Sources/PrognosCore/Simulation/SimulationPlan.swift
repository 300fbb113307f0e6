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
    let borrowers: Int
    let years: [Int]
    /// Rate-independent cost per month: external, and internal per borrower (b × months).
    let externalConstant: [Double]
    let internalConstant: [Double]
    /// Sparse floating entries, sorted by grid index: coef × max(floor, L_g) into the target's month.
    let floatGrid: [Int32], floatFloor: [Double], floatTarget: [Int32], floatMonth: [Int32], floatCoef: [Double]
    /// Par groups (grid g, tenor, target): payment dates' (c, B, α) in `payC/payB/payAlpha`
    /// from `payStart[k]` to `payStart[k+1]`, the last being the maturity; accrual entries
    /// from `accStart[k]` to `accStart[k+1]`.
    let parGrid: [Int32], parTarget: [Int32]
    let payStart: [Int32], payC: [Double], payB: [Double], payAlpha: [Double]
    let accStart: [Int32], accMonth: [Int32], accCoef: [Double]
    /// Pass-through share of month m's external cost per borrower (b × months), rule T9.
    let passThroughShare: [Double]
    /// 365 / (external debt × days) per month, for the monthly funding-rate band (rule S7).
    let fundingScale: [Double]
    /// Day-weighted average external debt per year.
    let averageDebt: [Double]
    /// The calendar month (index) of each grid date, or −1 past the last output month.
    let gridMonth: [Int32]

    public var gridCount: Int { grid.count }
    public var steps: Int { grid.count - 1 }
    public var sparseEntryCount: Int { floatCoef.count + accCoef.count }

    public init(_ plan: PortfolioPlan, model: ShortRateModel) {
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
        borrowers = nb
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

        var ext = plan.fixedLoanInterest.indices.map { plan.fixedLoanInterest[$0] + plan.swapFixedLegs[$0] }
        var int = plan.internalFixed
        for i in int.indices { int[i] += plan.passThroughMargin[i] }
        func addConstant(_ target: Int32, _ m: Int, _ x: Double) {
            if target < 0 { ext[m] += x } else { int[Int(target) * nm + m] += x }
        }

        // Floating periods: the margin (and any fixing known before V) is constant; the
        // rest is coef × max(floor, L_g), merged by (g, floor, target, month).
        struct Key: Hashable { var g: Int32; var floor: Double; var target: Int32; var month: Int32 }
        var merged: [Key: Double] = [:]
        let f = plan.floating
        for i in f.factor.indices {
            let target = f.target[i] == Target.swap ? Target.externalLoan : f.target[i]
            for j in 0..<Int(f.monthCount[i]) {
                let m = Int(f.monthFirst[i]) + j
                let w = f.factor[i] * f.weights[Int(f.weightStart[i]) + j]
                if f.fixDay[i] < 0 {
                    addConstant(target, m, w * (max(f.floor[i], f.fixed[i]) + f.margin[i]))
                } else {
                    addConstant(target, m, w * f.margin[i])
                    merged[Key(g: Int32(gridIndex(f.fixDay[i])), floor: f.floor[i], target: target, month: Int32(m)), default: 0] += w
                }
            }
        }
        let keys = merged.keys.sorted { ($0.g, $0.floor, $0.target, $0.month) < ($1.g, $1.floor, $1.target, $1.month) }
        floatGrid = keys.map(\.g)
        floatFloor = keys.map(\.floor)
        floatTarget = keys.map(\.target)
        floatMonth = keys.map(\.month)
        floatCoef = keys.map { merged[$0]! }

        // Par events: priced at the grid date ≤ their date, an annual 30E/360 leg backward
        // from grid date + tenor (rules S1, T5); the spread or margin is constant.
        struct ParKey: Hashable { var g: Int32; var months: Int; var target: Int32 }
        var parAccrual: [ParKey: [Double]] = [:]
        let e = plan.parEvents
        for ev in e.tenor.indices {
            let g = Int32(gridIndex(e.dates[e.dateIndex[ev]].serial))
            let target = e.target[ev]
            let key = ParKey(g: g, months: e.tenor[ev].months, target: target)
            var acc = parAccrual[key] ?? Array(repeating: 0, count: nm)
            for m in 0..<nm {
                let x = e.accrual[ev * nm + m]
                guard x != 0 else { continue }
                acc[m] += x
                addConstant(target, m, x * e.add[ev])
            }
            parAccrual[key] = acc
        }
        var parGrid: [Int32] = [], parTarget: [Int32] = [], payStart: [Int32] = [0]
        var payC: [Double] = [], payB: [Double] = [], payAlpha: [Double] = []
        var accStart: [Int32] = [0], accMonth: [Int32] = [], accCoef: [Double] = []
        for key in parAccrual.keys.sorted(by: { ($0.g, $0.months, $0.target) < ($1.g, $1.months, $1.target) }) {
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
            for (m, x) in parAccrual[key]!.enumerated() where x != 0 {
                accMonth.append(Int32(m))
                accCoef.append(x)
            }
            accStart.append(Int32(accCoef.count))
            parGrid.append(key.g)
            parTarget.append(key.target)
        }
        self.parGrid = parGrid
        self.parTarget = parTarget
        self.payStart = payStart
        self.payC = payC
        self.payB = payB
        self.payAlpha = payAlpha
        self.accStart = accStart
        self.accMonth = accMonth
        self.accCoef = accCoef

        externalConstant = ext
        internalConstant = int
        var share = [Double](repeating: 0, count: nb * nm)
        for b in 0..<nb {
            for m in 0..<nm where plan.debtDays[m] > 0 { share[b * nm + m] = plan.passThroughDays[b * nm + m] / plan.debtDays[m] }
        }
        passThroughShare = share
        fundingScale = plan.debtDays.map { $0 > 0 ? 365 / $0 : 0 }
        gridMonth = grid.map { d in
            let m = (d.year - v.year) * 12 + d.month - 1
            return Int32(m < nm ? m : -1)
        }
    }
}
