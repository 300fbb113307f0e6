import Foundation

/// A tenor of a mix with its share (a grid mix's or the file's own `tenor_mix`).
struct MixEntry: Sendable, Equatable {
    var candidate: FrontierInput.Candidate
    var share: Double
}

/// The quantities every mix shares, laid out once (spec frontier.md "Speed"): the rate
/// paths' 3M fixings L_g and par rates par_T(g) on the grid dates that can price a loan
/// starting before the last counted year ends (the basis), and the unit-notional cost of a
/// new loan of each tenor on each refinancing date as a sparse linear form in the basis.
///
/// Refinanced amounts do not depend on rates: A(d) = E(d) + Σ_j s_j A(d − T_j) (E the
/// existing repayments and new borrowing, every repayment re-borrowed the same day, rule
/// T6). A mix's yearly cost on a path is therefore the file's own mix's cost on that path
/// (the simulation kernel's, pass-through and all) plus Δc_y + Σ_b ΔK_{y,b} basis_b, with
/// ΔK and Δc the mix's coefficients minus the own mix's: the debt path, and so every
/// pass-through share (rule T9), is the same for every mix, since every repayment is
/// re-borrowed in full whatever the mix.
struct FrontierLedger: Sendable {
    let valuation: Day
    let horizonEnd: Day
    /// Serial of 1 January after the last counted year: loans starting on or after it cost nothing counted.
    let cutoff: Int
    /// Grid dates V + k months (the simulation's) with serial < cutoff.
    let gridSerials: [Int]
    var G: Int { gridSerials.count }
    /// The fixed tenors (months) whose par rates are in the basis.
    let fixedTenors: [Int]
    let monthStarts: [Int]
    /// Counted-year index of each month of the plan, −1 when the year is not counted.
    let monthYear: [Int]
    /// 1 for external interest; 1 − the pass-through share for the municipality's net.
    let monthWeight: [Double]
    let yearCount: Int
    /// Existing repayments and new borrowing falling due in (V, min(V + H, cutoff)), by day offset from V.
    let due: [(offset: Int, amount: Double)]
    let spreads: [FrontierInput.Candidate: Double]

    var basisCount: Int { G * (1 + fixedTenors.count) }
    func fixingIndex(_ g: Int) -> Int { g }
    func parIndex(_ tenorMonths: Int, _ g: Int) -> Int { G * (1 + fixedTenors.firstIndex(of: tenorMonths)!) + g }

    init(input: TreasuryInput, plan: SimulationPlan, portfolio: PortfolioPlan, years: [Int], series: FrontierInput.Series,
         entries: [FrontierInput.Candidate]) {
        valuation = input.valuationDate
        horizonEnd = portfolio.horizonEnd
        let cutoff = Day.january1(years.max()! + 1).serial
        self.cutoff = cutoff
        gridSerials = plan.grid.map(\.serial).filter { $0 < cutoff }
        fixedTenors = Array(Set(entries.filter { $0.kind == .fixed }.map(\.tenor.months))).sorted()
        monthStarts = portfolio.monthStarts
        monthYear = (0..<portfolio.monthCount).map { m in years.firstIndex(of: portfolio.years[m / 12]) ?? -1 }
        monthWeight = (0..<portfolio.monthCount).map { m in series == .externalInterest ? 1 : 1 - plan.passThroughShare[m] }
        yearCount = years.count
        var due: [Int: Double] = [:]
        let v = input.valuationDate, end = min(horizonEnd.serial, cutoff - 1)
        for loan in input.loans {
            let amortizations = Schedule.amortizations(notional: loan.notional, start: loan.start, maturity: loan.maturity, plan: loan.amortization)
            let repaid = amortizations.reduce(0) { $0 + $1.1 }
            for (d, x) in amortizations + [(loan.maturity, loan.notional - repaid)] where d > v && d.serial <= end && x > 0 {
                due[d.serial - v.serial, default: 0] += x
            }
        }
        for (d, a) in input.newBorrowing where d.serial <= end { due[d.serial - v.serial, default: 0] += a }
        self.due = due.keys.sorted().map { ($0, due[$0]!) }
        var spreads: [FrontierInput.Candidate: Double] = [:]
        for e in entries { spreads[e] = input.spread(for: e.tenor) }
        self.spreads = spreads
    }

    /// The last grid date on or before `serial` (rule S1).
    func gridIndex(_ serial: Int) -> Int {
        var lo = 0, hi = gridSerials.count - 1
        if serial >= gridSerials[hi] { return hi }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if gridSerials[mid] <= serial { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The counted cost of a new loan of notional 1 on `day`: sparse (basis, year, coefficient)
    /// and a constant per year (the funding spread). New loans as rule T7 prices them.
    struct Unit {
        var index: [Int32] = [], year: [Int32] = [], coef: [Double] = []
        var constant: [Double]
    }

    func unit(_ day: Day, _ c: FrontierInput.Candidate) -> Unit {
        var u = Unit(constant: Array(repeating: 0, count: yearCount))
        let maturity = day.addingMonths(c.tenor.months), spread = spreads[c] ?? 0
        var acc: [Int: Double] = [:]    // (index << 8 | year) → coefficient
        func add(_ index: Int, _ amount: Double, _ start: Day, _ end: Day) {
            MonthGrid.forEachMonth(monthStarts, start: start, end: end) { m, w in
                let y = monthYear[m]
                guard y >= 0 else { return }
                let x = amount * w * monthWeight[m]
                acc[index << 8 | y, default: 0] += x
                u.constant[y] += x * spread
            }
        }
        switch c.kind {
        case .fixed:
            let index = parIndex(c.tenor.months, gridIndex(day.serial))
            for p in Schedule.subPeriods(notional: 1, start: day, maturity: maturity, months: 12, amortizations: []) {
                add(index, p.notional * DayCount.thirty360.fraction(p.start, p.end), p.start, p.end)
            }
        case .floating:
            for p in Schedule.subPeriods(notional: 1, start: day, maturity: maturity, months: 3, amortizations: []) {
                guard p.fixing.serial < cutoff else { continue }
                let index = fixingIndex(gridIndex(max(p.fixing, valuation).serial))
                add(index, p.notional * DayCount.act360.fraction(p.start, p.end), p.start, p.end)
            }
        }
        for key in acc.keys.sorted() {
            u.index.append(Int32(key >> 8)); u.year.append(Int32(key & 0xFF)); u.coef.append(acc[key]!)
        }
        return u
    }

    /// A mix's coefficients: K[y × basisCount + b] and the constant per year, from the
    /// refinancing tree's amounts (walked day by day from V; `cache` holds units per worker).
    func coefficients(_ mix: [MixEntry], cache: inout [Int: Unit]) -> (K: [Double], c: [Double]) {
        let nb = basisCount
        var K = [Double](repeating: 0, count: yearCount * nb), c = [Double](repeating: 0, count: yearCount)
        let days = cutoff - valuation.serial
        guard days > 0 else { return (K, c) }
        var amount = [Double](repeating: 0, count: days)
        for d in due where d.offset < days { amount[d.offset] += d.amount }
        let entries = mix.filter { $0.share > 0 }
        let keys = entries.map { e in spreadsIndex(e.candidate) }
        for offset in 1..<days where amount[offset] != 0 {
            let a = amount[offset]
            let day = Day(serial: valuation.serial + offset)
            for (i, e) in entries.enumerated() {
                let n = a * e.share
                let maturity = day.addingMonths(e.candidate.tenor.months)
                if maturity <= horizonEnd && maturity.serial < cutoff { amount[maturity.serial - valuation.serial] += n }
                let key = day.serial << 16 | keys[i]
                let u: Unit
                if let cached = cache[key] { u = cached } else { u = unit(day, e.candidate); cache[key] = u }
                for j in u.coef.indices { K[Int(u.year[j]) * nb + Int(u.index[j])] += n * u.coef[j] }
                for y in 0..<yearCount { c[y] += n * u.constant[y] }
            }
        }
        return (K, c)
    }

    /// A small stable key of a candidate for the unit cache.
    private func spreadsIndex(_ c: FrontierInput.Candidate) -> Int { c.tenor.months << 1 | (c.kind == .fixed ? 1 : 0) }

}
