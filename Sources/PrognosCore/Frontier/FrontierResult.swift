/// The `frontier` section of the result (spec frontier.md "Outputs"): every mix with its
/// statistics and verdicts, the frontier, the recommended and the current mix (rules P3–P4).
/// Amounts in kronor to the öre; shares as decimals keyed `"TENOR TYPE"` (`"5Y fixed"`).
public struct FrontierResult: Codable, Sendable, Equatable, OmittedWhenNil {
    public struct YearStatistics: Codable, Sendable, Equatable {
        public var year: Int
        public var mean: Double?, p95: Double?, car95: Double?, es95: Double?
    }

    public struct Mix: Codable, Sendable, Equatable {
        public var shares: [String: Double]
        public var mean: Double?, p95: Double?, car95: Double?, es95: Double?
        public var feasible: Bool
        /// Rule P2's verdict; null when the file does not ask for it.
        public var policyOK: Bool?
        /// CaR95 within `risk.car95`; null without a limit.
        public var riskOK: Bool?
        public var dominated: Bool
        public var byYear: [YearStatistics]
        enum CodingKeys: String, CodingKey {
            case shares, mean, p95, car95, es95, feasible, policyOK = "policy_ok", riskOK = "risk_ok", dominated, byYear = "by_year"
        }
    }

    public struct Current: Codable, Sendable, Equatable {
        public var mix: Mix
        /// The grid mix with the same shares, when the file's own mix is on the grid.
        public var gridIndex: Int?
        /// Rule P4: the expected cost left on the table (current mean − the lowest mean of a
        /// frontier mix with CaR95 ≤ the current's), and the risk (current CaR95 − the lowest
        /// CaR95 of a frontier mix with mean ≤ the current's); null when no frontier mix qualifies.
        public var meanLeft: Double?
        public var car95Left: Double?
        enum CodingKeys: String, CodingKey { case mix, gridIndex = "grid_index", meanLeft = "mean_left", car95Left = "car95_left" }
    }

    public struct Candidate: Codable, Sendable, Equatable { public var tenor: String, type: String, key: String }

    public var series: String
    public var years: [Int]
    public var paths: Int
    public var seed: UInt64
    public var step: Double
    public var candidates: [Candidate]
    public var car95Limit: Double?
    public var policy: Bool
    public var mixes: [Mix]
    /// Indices into `mixes` of the frontier, by ascending CaR95.
    public var frontier: [Int]
    public var recommended: Int?
    public var current: Current
    public var assumptions: [String]

    enum CodingKeys: String, CodingKey {
        case series, years, paths, seed, step, candidates, car95Limit = "car95_limit", policy, mixes, frontier, recommended, current, assumptions
    }

    /// The section from a whole run's part (one part, or merged parts: the same bytes).
    public static func assemble(_ part: FrontierPart, lang: Language = .sv) -> FrontierResult {
        let s = part.setup
        let keys = s.candidates.map { "\($0.tenor) \($0.type)" }
        struct Raw { var mean, car95: Double; var feasible: Bool; var policy: Bool?; var risk: Bool? }
        func raw(_ o: FrontierPart.Outcome) -> Raw {
            let mean = o.statistics.value(0, 0), car = o.statistics.value(0, 2)
            let risk = s.car95Limit.map { car <= $0 }
            return Raw(mean: mean, car95: car, feasible: (o.policyOK ?? true) && (risk ?? true) && mean.isFinite && car.isFinite,
                       policy: o.policyOK, risk: risk)
        }
        let raws = part.mixes.map(raw)
        let currentRaw = raw(part.current)

        // Rule P3: the feasible mixes sorted by (mean, CaR95); a mix is dominated when a feasible
        // mix has mean and CaR95 both ≤ and one <.
        let feasible = raws.indices.filter { raws[$0].feasible }.sorted { (raws[$0].mean, raws[$0].car95, $0) < (raws[$1].mean, raws[$1].car95, $1) }
        let means = feasible.map { raws[$0].mean }
        var prefixMinCar: [Double] = []     // min CaR95 of feasible[0...i]
        for i in feasible { prefixMinCar.append(min(prefixMinCar.last ?? .infinity, raws[i].car95)) }
        func dominated(_ mean: Double, _ car: Double) -> Bool {
            guard mean.isFinite && car.isFinite else { return true }
            // Strictly smaller mean with CaR95 ≤; or equal mean with CaR95 <.
            var lo = 0, hi = means.count
            while lo < hi { let mid = (lo + hi) / 2; if means[mid] < mean { lo = mid + 1 } else { hi = mid } }
            if lo > 0 && prefixMinCar[lo - 1] <= car { return true }
            var j = lo
            while j < means.count && means[j] == mean { if raws[feasible[j]].car95 < car { return true }; j += 1 }
            return false
        }
        let dominatedFlags = raws.map { dominated($0.mean, $0.car95) }
        let frontier = feasible.filter { !dominatedFlags[$0] }.sorted { (raws[$0].car95, raws[$0].mean, $0) < (raws[$1].car95, raws[$1].mean, $1) }
        // Recommended: the lowest mean; ties by the lower CaR95, then the larger share of the
        // first candidate, the second, … (rule P3).
        let recommended = feasible.min { a, b in
            if raws[a].mean != raws[b].mean { return raws[a].mean < raws[b].mean }
            if raws[a].car95 != raws[b].car95 { return raws[a].car95 < raws[b].car95 }
            let ua = part.mixes[a].units!, ub = part.mixes[b].units!
            for (x, y) in zip(ua, ub) where x != y { return x > y }
            return a < b
        }

        func mix(_ o: FrontierPart.Outcome, _ r: Raw, shares: [String: Double], dominated: Bool) -> Mix {
            func ore(_ v: Double) -> Double? { v.isFinite ? Ore.round(v) : nil }
            return Mix(shares: shares, mean: ore(r.mean), p95: ore(o.statistics.value(0, 1)), car95: ore(r.car95),
                       es95: ore(o.statistics.value(0, 3)), feasible: r.feasible, policyOK: r.policy, riskOK: r.risk, dominated: dominated,
                       byYear: s.years.enumerated().map { y, year in
                           YearStatistics(year: year, mean: ore(o.statistics.value(1 + y, 0)), p95: ore(o.statistics.value(1 + y, 1)),
                                          car95: ore(o.statistics.value(1 + y, 2)), es95: ore(o.statistics.value(1 + y, 3)))
                       })
        }
        let mixes = part.mixes.enumerated().map { i, o in
            mix(o, raws[i], shares: Dictionary(uniqueKeysWithValues: zip(keys, o.units!.map { Double($0) / Double(s.steps) })),
                dominated: dominatedFlags[i])
        }
        var ownShares: [String: Double] = [:]
        for e in s.own { ownShares["\(e.tenor) \(e.type)", default: 0] += e.share }
        let gridIndex = mixes.firstIndex { m in
            Set(m.shares.filter { $0.value > 0 }.keys) == Set(ownShares.keys)
                && ownShares.allSatisfy { abs((m.shares[$0.key] ?? 0) - $0.value) < 1e-9 }
        }
        let frontierMixes = frontier.map { raws[$0] }
        let bestMean = frontierMixes.filter { $0.car95 <= currentRaw.car95 }.map(\.mean).min()
        let bestCar = frontierMixes.filter { $0.mean <= currentRaw.mean }.map(\.car95).min()
        let current = Current(mix: mix(part.current, currentRaw, shares: ownShares, dominated: dominated(currentRaw.mean, currentRaw.car95)),
                              gridIndex: gridIndex,
                              meanLeft: bestMean.map { Ore.round(max(0, currentRaw.mean - $0)) },
                              car95Left: bestCar.map { Ore.round(max(0, currentRaw.car95 - $0)) })
        return FrontierResult(series: s.series, years: s.years, paths: s.paths, seed: s.seed, step: 1 / Double(s.steps),
                              candidates: zip(s.candidates, keys).map { Candidate(tenor: $0.tenor, type: $0.type, key: $1) },
                              car95Limit: s.car95Limit.map { Ore.round($0) }, policy: s.policy, mixes: mixes, frontier: frontier,
                              recommended: recommended, current: current, assumptions: s.assumptions.map { $0.text(lang) })
    }
}

extension ResultDocument {
    /// The document of `prognos frontier` (a whole run's part, or merged parts): name, as_of,
    /// unit, warnings and the `frontier` section.
    public static func frontier(_ part: FrontierPart, lang: Language = .sv) -> ResultDocument {
        ResultDocument(name: part.name, asOf: part.asOf, unit: part.unit, warnings: part.warnings.map(WarningEntry.init(line:)), operating: nil, investments: nil,
                       capitalCosts: nil, treasury: nil, simulation: nil, indicators: nil, frontier: FrontierResult.assemble(part, lang: lang))
    }
}
