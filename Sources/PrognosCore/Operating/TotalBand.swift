/// The band of "Summa nettokostnader" (operating.md, Uncertainty band): units that miss
/// together in a year miss together in the total, so the total is not given independent
/// unit errors.
///
/// Estimator (whole backtest years): for every year y in which every summed unit with a
/// band has a backtest figure for its method, the total's relative error is
/// ε_y = Σ_i outcome_i,y / Σ_i F_i,y − 1 — the units' errors of the same year added before
/// the quantile is taken. The band is F_modelled (1 + q_p(ε)) plus the units held at their
/// forecast (no band: manual, no history) plus all adjustments; q_p is GSL's quantile.
/// Needs 3 such years. For comparison, `independent` combines the unit bands as if their
/// errors were independent: P50 = Σ P50_i, half-widths √Σ (P50_i − P10_i)² and √Σ (P90_i − P50_i)².
enum TotalBand {
    struct Result {
        var band: ForecastBand?
        var estimator: Message?
        var reason: String?
        var independent: ForecastBand?
    }

    static func compute(_ units: [UnitProjection], year: Int) -> Result {
        guard !units.isEmpty else { return Result(reason: "no units") }
        let modelled = units.filter { $0.band != nil }
        guard !modelled.isEmpty else {
            return Result(reason: "no unit has a band (methods manual or no ledger history), so the total has none")
        }
        guard units.allSatisfy({ $0.figures.forecast != nil }) else { return Result(reason: "a unit has no forecast") }
        // Each modelled unit's backtest of its own method, by year.
        var byUnit: [[Int: (Double, Double)]] = []
        for u in modelled {
            guard let r = u.backtest?.result(u.method!.projection!) else { return Result(reason: "missing backtest") }
            byUnit.append(Dictionary(uniqueKeysWithValues: r.years.indices.map { (r.years[$0], (r.forecasts[$0], r.outcomes[$0])) }))
        }
        let common = byUnit.dropFirst().reduce(Set(byUnit[0].keys)) { $0.intersection($1.keys) }.sorted()
        let fixed = units.filter { $0.band == nil }
        let forecastModelled = modelled.reduce(0.0) { $0 + ($1.methodValue ?? 0) }
        let adjustments = units.reduce(0.0) { $0 + $1.adjustments.reduce(0) { $0 + $1.amount } }
        let fixedTotal = fixed.reduce(0.0) { $0 + ($1.figures.forecast ?? 0) }
            - fixed.reduce(0.0) { $0 + $1.adjustments.reduce(0) { $0 + $1.amount } }
        var independent: ForecastBand?
        let p50 = units.reduce(0.0) { $0 + ($1.band?.p50 ?? $1.figures.forecast ?? 0) }
        let lo = modelled.reduce(0.0) { $0 + pow2($1.band!.p50 - $1.band!.p10) }.squareRoot()
        let hi = modelled.reduce(0.0) { $0 + pow2($1.band!.p90 - $1.band!.p50) }.squareRoot()
        independent = ForecastBand(p10: p50 - lo, p50: p50, p90: p50 + hi)
        guard common.count >= 3 else {
            return Result(reason: "only \(common.count) backtest years common to the units with a band; the total band needs 3",
                          independent: independent)
        }
        var errors = common.map { y -> Double in
            let f = byUnit.reduce(0.0) { $0 + $1[y]!.0 }, o = byUnit.reduce(0.0) { $0 + $1[y]!.1 }
            return o / f - 1
        }
        Statistics.sort(&errors)
        func q(_ p: Double) -> Double {
            forecastModelled * (1 + Statistics.quantile(sorted: errors, p: p)!) + fixedTotal + adjustments
        }
        let years = MessageArg.list(common.map(String.init))
        return Result(band: ForecastBand(p10: q(0.10), p50: q(0.50), p90: q(0.90)),
                      estimator: fixed.isEmpty ? Message(.operatingBandEstimator, .int(common.count), years)
                          : Message(.operatingBandEstimatorHeld, .int(common.count), years, .names(fixed.map(\.name))),
                      independent: independent)
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
