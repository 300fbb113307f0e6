/// The swap book's market value on one date under one scenario (rule T24).
public struct SwapValuation: Sendable, Equatable {
    public var date: Day
    /// Σ of `bySwap`, seen from the municipality.
    public var total: Double
    /// Each swap's value, in input order (`TreasuryRun.swapIds`).
    public var bySwap: [Double]
}

extension MetricsPortfolio {
    /// Rule T24 on each of `dates`: rule T20's method with the scenario's discount factors at
    /// t (rule T4): float leg − fixed leg for pay-fixed, the reverse for receive-fixed; dirty
    /// (every period ending after t in full); the current float period at its fixing (rule T2
    /// before V), later ones at the forward of the scenario's discount factors,
    /// (P(t,p)/P(t,e) − 1) / ACT/360(p,e). The day-count fractions are the portfolio's,
    /// worked out once (`fixedFractions`, `floatFractions`).
    func swapValues<S: RateScenario>(at dates: [Day], _ scenario: S) -> [SwapValuation] {
        var steps = DiscountSteps()
        let last = swaps.map(\.maturity).max()
        return dates.map { t in
            var values = [Double](repeating: 0, count: swaps.count)
            if let last, last > t {
                steps.reset(scenario, from: t, through: last)
                for (j, s) in swaps.enumerated() where s.maturity > t {
                    var fixedLeg = 0.0, floatLeg = 0.0
                    for i in 1..<s.fixedDates.count where s.fixedDates[i] > t {
                        fixedLeg += s.notional * s.fixedRate * fixedFractions[j][i] * steps.discount(to: s.fixedDates[i])
                    }
                    for i in 1..<s.floatDates.count where s.floatDates[i] > t {
                        let p = s.floatDates[i - 1], e = s.floatDates[i]
                        let tau = floatFractions[j][i]   // DayCount.act360.fraction(p, e)
                        let pe = steps.discount(to: e)
                        let l = p <= t ? fixing(periodStart: p, periodEnd: e, lastFixing: s.lastFixing, scenario)
                                       : (steps.discount(to: p) / pe - 1) / tau
                        floatLeg += s.notional * l * tau * pe
                    }
                    values[j] = (s.pay == .fixed ? 1 : -1) * (floatLeg - fixedLeg)
                }
            }
            return SwapValuation(date: t, total: values.reduce(0, +), bySwap: values)
        }
    }
}
