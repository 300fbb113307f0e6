/// The `simulation` section: model, parameters, paths, streams (rates.md; rules S6, S8, S9, S12).
public struct SimulationSettings: Sendable {
    public var model: ShortRateModel.Kind
    /// a, σ (rule F4: written as rates).
    public var meanReversion: Double
    public var volatility: Double
    /// Vasicek: b and r(0) (default: the first pillar's zero rate, rule S8).
    public var longRun: Double?
    public var r0: Double?
    /// Default 10,000; with antithetic pairs, even (rule S9).
    public var paths: Int
    /// Default 0, never the clock (rule S6).
    public var seed: UInt64
    /// A GSL generator name, default `mt19937`.
    public var rng: String
    public var antithetic: Bool
    /// Overrides the treasury horizon (rule S6).
    public var horizonYears: Int?
    /// Monthly bands come from the first `bandPaths` paths (rule S12, default 10,000).
    public var bandPaths: Int
    public var location: SourceLocation

    public init(model: ShortRateModel.Kind, meanReversion: Double, volatility: Double, longRun: Double? = nil,
                r0: Double? = nil, paths: Int = 10_000, seed: UInt64 = 0, rng: String = "mt19937", antithetic: Bool = true,
                horizonYears: Int? = nil, bandPaths: Int = 10_000, location: SourceLocation) {
        self.model = model; self.meanReversion = meanReversion; self.volatility = volatility; self.longRun = longRun
        self.r0 = r0; self.paths = paths; self.seed = seed; self.rng = rng; self.antithetic = antithetic
        self.horizonYears = horizonYears; self.bandPaths = bandPaths; self.location = location
    }

    public static let spec = SectionSpec("simulation",
        "Monte Carlo of the short rate driving the whole treasury engine (rates.md).",
        keys: [
            KeySpec("model", .choice(ShortRateModel.Kind.allCases.map(\.rawValue)), required: true, "`hull_white` (fits the curve) or `vasicek`"),
            KeySpec("mean_reversion", .rate, required: true, "a > 0, e.g. `3%` (rule F4)"),
            KeySpec("volatility", .rate, required: true, "σ ≥ 0, e.g. `0.9%` or `90bp`; 0 gives a deterministic path"),
            KeySpec("long_run", .rate, "Vasicek: b (required for vasicek)"),
            KeySpec("r0", .rate, "Vasicek: r(0) (default: the first pillar's zero rate)"),
            KeySpec("paths", .integer, "number of paths (default 10,000; even with antithetic)"),
            KeySpec("seed", .integer, "seed of the streams (default 0)"),
            KeySpec("rng", .text, "any GSL generator name (default `mt19937`)"),
            KeySpec("antithetic", .boolean, "antithetic pairs within each block (default true)"),
            KeySpec("horizon_years", .integer, "overrides treasury.horizon_years"),
            KeySpec("band_paths", .integer, "paths used for the monthly bands (default 10,000; rule S12)"),
        ])

    /// The seeds there are: every 64-bit unsigned value (the streams take a `UInt64`).
    public static let seedRange = "0 … 18446744073709551615 (2^64 − 1)"

    /// A seed in `simulation.seed` or `--seed`: a whole number in `seedRange`, named when it is not.
    public static func seed(_ text: String) -> Parsed<UInt64> {
        let t = text.trimmingSpaces()
        if let v = UInt64(t) { return .success(v) }
        return .failure(LiteralError(stringLiteral: "the seed must be a whole number in \(seedRange), found '\(TerminalText.quoted(t))'"))
    }

    /// The largest volatility accepted: 10 % a year (1,000 bp), far above any market's.
    static let maxVolatility = 0.10

    /// Reads and checks the section; nil with errors logged when unusable.
    static func read(_ r: MapReader) -> SimulationSettings? {
        let model = r.choice("model").flatMap(ShortRateModel.Kind.init(rawValue:))
        let a = r.rate("mean_reversion"), sigma = r.rate("volatility")
        let longRun = r.rate("long_run"), r0 = r.rate("r0")
        let paths = r.integer("paths") ?? 10_000
        let seed = r.node("seed").flatMap { r.parse($0, key: "seed", expected: "a whole number", SimulationSettings.seed) } ?? 0
        let rng = r.text("rng") ?? "mt19937"
        let antithetic = r.bool("antithetic") ?? true
        let horizon = r.integer("horizon_years")
        let bandPaths = r.integer("band_paths") ?? 10_000
        var ok = true
        func fail(_ message: String, _ key: String) { r.error(message, at: key); ok = false }
        if let a, a <= 0 { fail("mean_reversion must be positive (rule S8), found \(Format.grouped(a * 100, decimals: 2, decimalMark: ".", groupMark: "")) %", "mean_reversion") }
        if let sigma, sigma < 0 { fail("volatility must not be negative", "volatility") }
        // σ is the short rate's absolute volatility a year (0.9 % = 90 bp is typical); above
        // 10 % the paths swing by tens of percentage points and every figure is absurd
        // (`90%` written for `0.9%`): refused, not simulated (docs/decisions.md).
        if let sigma, sigma > SimulationSettings.maxVolatility {
            fail("volatility \(Format.grouped(sigma * 100, decimals: 2, decimalMark: ".", groupMark: "")) % is more than 10 % a year: "
                 + "it is the short rate's absolute volatility (0.9% = 90bp is typical)", "volatility")
        }
        if paths <= 0 { fail("paths must be positive, found \(paths)", "paths") }
        if paths > 100_000_000 { fail("paths above 100,000,000 would not fit in memory", "paths") }
        if antithetic && paths % 2 != 0 { fail("with antithetic: true, paths must be even (rule S9), found \(paths)", "paths") }
        if bandPaths < 0 { fail("band_paths must not be negative", "band_paths") }
        if let h = horizon, !(1...50).contains(h) { fail("horizon_years must be 1 … 50, found \(h)", "horizon_years") }
        if !GSL.generatorNames.contains(rng) {
            fail("unknown GSL generator '\(rng)'" + Suggest.phrase(for: rng, among: GSL.generatorNames), "rng")
        }
        if model == .vasicek && longRun == nil { fail("the vasicek model needs 'long_run' (b)", "long_run") }
        if model == .hullWhite && (r.has("long_run") || r.has("r0")) {
            fail("'long_run' and 'r0' are Vasicek's; Hull–White takes θ from the curve", r.has("long_run") ? "long_run" : "r0")
        }
        guard ok, let model, let a, let sigma else { return nil }
        return SimulationSettings(model: model, meanReversion: a, volatility: sigma, longRun: longRun, r0: r0, paths: paths,
                                  seed: seed, rng: rng, antithetic: antithetic, horizonYears: horizon,
                                  bandPaths: bandPaths, location: r.location)
    }
}
