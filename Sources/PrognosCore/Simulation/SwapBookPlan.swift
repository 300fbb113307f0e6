import Foundation

/// The swap book's market value at each output year end d = 31 December (rule T24 in the
/// Monte Carlo), compiled into a form a path evaluates with one exponential per distinct
/// cash-flow date:
///
///     V(d) = Σ_j (w_j + Σ_{k ∈ j} u_k L_{g_k}) · exp(c(d,T_j) − B(d,T_j) x_{g(d)})
///
/// with g(d) the last grid date ≤ d (rule S1; exact when V is a month end), T_j the distinct
/// dates after d at which some swap pays, w_j the known amounts there (fixed coupons; the
/// float periods starting after d, whose forwards telescope to N (P(d,p) − P(d,e)) and over
/// consecutive periods to ±N at the first such start and the last float date; the current
/// period's interest when its fixing was known before V, rule T2), and the
/// u_k the current float periods whose fixing the path itself makes: N τ × the path's STIBOR
/// 3M at the grid date of the fixing (at V for a pre-V period without a known fixing, as the
/// cost kernel reads it). Signs from the municipality's side: + for pay-fixed float − fixed.
struct SwapBookPlan: Sendable {
    /// Per output year: the grid index g(d) whose state prices the bonds.
    let yearGrid: [Int32]
    /// Bonds of year y: `bondStart[y] ..< bondStart[y+1]`, each (c, B) at (d, T_j) and w_j.
    let bondStart: [Int32]
    let bondC: [Double], bondB: [Double], bondW: [Double]
    /// Path-fixed coefficients of bond j: `fixStart[j] ..< fixStart[j+1]`, u_k × L at grid `fixGrid`.
    let fixStart: [Int32]
    let fixGrid: [Int32]
    let fixCoef: [Double]

    /// nil when the portfolio has no swaps (no extra work, no extra series).
    init?(_ plan: PortfolioPlan, model: ShortRateModel, gridIndex: (Int) -> Int) {
        guard !plan.swaps.isEmpty else { return nil }
        let v = plan.valuationDate
        var yearGrid: [Int32] = [], bondStart: [Int32] = [0], bondC: [Double] = [], bondB: [Double] = [], bondW: [Double] = []
        var fixStart: [Int32] = [0], fixGrid: [Int32] = [], fixCoef: [Double] = []
        for year in plan.years {
            // Output years start no earlier than V's year, so d ≥ V; at d = V every path has x = 0.
            let d = max(Day(year: year, month: 12, day: 31)!, v)
            let g = gridIndex(d.serial)
            var known: [Int: Double] = [:]
            var fixes: [Int: [(grid: Int32, coef: Double)]] = [:]
            for s in plan.swaps where s.maturity > d {
                let sign: Double = s.pay == .fixed ? 1 : -1
                for i in 1..<s.fixedDates.count where s.fixedDates[i] > d {
                    known[s.fixedDates[i].serial, default: 0] -= sign * s.notional * s.fixedRate
                        * DayCount.thirty360.fraction(s.fixedDates[i - 1], s.fixedDates[i])
                }
                // Float periods starting after d: Σ N (P(d,p) − P(d,e)) telescopes over the
                // consecutive periods to N (P(d, first such start) − P(d, last float date)).
                var firstFuture: Day?
                for i in 1..<s.floatDates.count where s.floatDates[i] > d {
                    let p = s.floatDates[i - 1], e = s.floatDates[i]
                    if p > d {
                        if firstFuture == nil { firstFuture = p }
                        continue
                    }
                    let tau = DayCount.act360.fraction(p, e)
                    if p < v, let fixing = plan.preValuation.fixing(fixedOn: p, periodEnd: e, lastFixing: s.lastFixing) {
                        known[e.serial, default: 0] += sign * s.notional * tau * fixing
                    } else {
                        fixes[e.serial, default: []].append((Int32(gridIndex(max(p, v).serial)), sign * s.notional * tau))
                    }
                }
                if let first = firstFuture {
                    known[first.serial, default: 0] += sign * s.notional
                    known[s.floatDates.last!.serial, default: 0] -= sign * s.notional
                }
            }
            let t = d.years(since: v)
            // One bond per date with an amount or a path-fixed coefficient (a date whose amounts cancel exactly adds nothing).
            for serial in Set(known.keys).union(fixes.keys).sorted() where known[serial] != 0 || fixes[serial] != nil {
                let T = Day(serial: serial).years(since: v)
                bondC.append(model.logBondIntercept(t, T))
                bondB.append(model.B(t, T))
                bondW.append(known[serial] ?? 0)
                for f in fixes[serial] ?? [] { fixGrid.append(f.grid); fixCoef.append(f.coef) }
                fixStart.append(Int32(fixGrid.count))
            }
            bondStart.append(Int32(bondC.count))
            yearGrid.append(Int32(g))
        }
        self.yearGrid = yearGrid
        self.bondStart = bondStart
        self.bondC = bondC
        self.bondB = bondB
        self.bondW = bondW
        self.fixStart = fixStart
        self.fixGrid = fixGrid
        self.fixCoef = fixCoef
    }
}
