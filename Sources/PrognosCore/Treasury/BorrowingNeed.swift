/// Rule T25: `treasury.refinancing.from_investments: true` borrows the investment plan's net
/// spend not covered by depreciation, month by month after V, on the tenor mix on the last
/// day of the month. Computed when the file is read (depreciation does not depend on rates),
/// so every run of the file (run, simulate, batch) borrows the same need, and the capital
/// costs at market interest read the funding rate of a treasury that carries it.
public enum BorrowingNeed {
    /// The need of each month after V: (last day of the month, amount), amounts > 0 only.
    /// `month` is the as-of month M; the forecast year is `fiscalYear`; `plan` gives the net
    /// spend of later years (spread evenly over their months).
    public static func monthly(_ inv: InvestmentsInput, fiscalYear: Int, month: Int, valuationDate v: Day,
                               horizonEnd: Day) -> [(Day, Double)] {
        let engine = CapitalCostEngine(inv, fiscalYear: fiscalYear, month: month)
        let n = CapitalCostEngine.months
        var spend = [Double](repeating: 0, count: n)
        var depreciation = [Double](repeating: 0, count: n)
        for p in inv.projects {
            let s = engine.spend(p, .forecast)
            // Income not yet received is spread evenly over the forecast months (M + 1 … 12).
            let open = max(1, 12 - month)
            for m in 0..<12 {
                spend[m] += s[m]
                if m >= month { spend[m] -= (p.forecastIncome - p.incomeYTD) / Double(open) }
            }
            let c = engine.costs(p, plan: .forecast, activation: engine.forecastActivation(p), rates: engine.forecastRate)
            for m in 0..<n { depreciation[m] += c.depreciation[m] }
        }
        for a in inv.existingAssets {
            let c = engine.costs(a, rates: engine.forecastRate)
            for m in 0..<n { depreciation[m] += c.depreciation[m] }
        }
        for (year, amount) in inv.plan {
            let first = (year - fiscalYear) * 12
            guard first >= 12, first + 12 <= n else { continue }
            for m in first..<(first + 12) { spend[m] += amount / 12 }
        }
        var out: [(Day, Double)] = []
        for m in 0..<n {
            let last = Day.january1(fiscalYear).addingMonths(m + 1).addingDays(-1)
            guard last > v, last <= horizonEnd else { continue }
            let need = spend[m] - depreciation[m]
            if need > 0 { out.append((last, need)) }
        }
        return out
    }

    /// The need summed per calendar year (JSON `treasury.borrowing_need[]`).
    public static func byYear(_ monthly: [(Day, Double)]) -> [(year: Int, amount: Double)] {
        var sums: [Int: Double] = [:]
        for (d, x) in monthly { sums[d.year, default: 0] += x }
        return sums.keys.sorted().map { ($0, sums[$0]!) }
    }

    /// Adds the need to the treasury's new borrowing when `from_investments` is set; without an
    /// investments section that is an error at the key.
    static func apply(_ treasury: TreasuryInput?, investments: InvestmentsInput?, fiscalYear: Int?, month: Int?,
                      log: DiagnosticLog) -> TreasuryInput? {
        guard var t = treasury, let at = t.fromInvestments else { return treasury }
        guard let inv = investments else {
            log.error("from_investments: true needs an investments section: its net spend not covered by depreciation is the borrowing need (rule T25)", at: at)
            return treasury
        }
        guard let fiscalYear, let month else { return treasury }   // investments without as_of is an error of its own
        let need = monthly(inv, fiscalYear: fiscalYear, month: month, valuationDate: t.valuationDate,
                           horizonEnd: t.valuationDate.addingMonths(12 * t.horizonYears))
        t.borrowingNeed = need
        t.newBorrowing = (t.newBorrowing + need).sorted { $0.0 < $1.0 }
        return t
    }
}
