/// The `frontier` section (spec frontier.md): the candidates a refinancing mix may use, the
/// grid of shares, the years whose cost and risk count, the series, the risk limit and
/// whether the finance policy must hold (rules P1–P3).
public struct FrontierInput: Sendable {
    public struct Candidate: Sendable, Equatable, Hashable {
        public var tenor: Tenor
        public var kind: Loan.Kind
        public init(tenor: Tenor, kind: Loan.Kind) { self.tenor = tenor; self.kind = kind }
        /// `3M rörlig` / `3M floating`, `5Y fast` / `5Y fixed`.
        public var key: String { "\(tenor) \(kind.rawValue)" }
    }

    public enum Series: String, Sendable, CaseIterable {
        case externalInterest = "external_interest"
        case municipalityNet = "municipality_net"
    }

    public var candidates: [Candidate]
    /// The grid step as a whole number of steps in 100 % (10 % → 10).
    public var steps: Int
    public var years: [Int]
    public var series: Series
    /// The CaR95 limit of the summed series, in kronor; nil for none.
    public var car95Limit: Double?
    public var policy: Bool
    public var location: SourceLocation

    public init(candidates: [Candidate], steps: Int, years: [Int], series: Series = .externalInterest, car95Limit: Double? = nil,
                policy: Bool = false, location: SourceLocation) {
        self.candidates = candidates; self.steps = steps; self.years = years; self.series = series
        self.car95Limit = car95Limit; self.policy = policy; self.location = location
    }

    /// The number of mixes on the grid: C(steps + n − 1, n − 1), nil past `Int` (rule P1).
    public var mixCount: Int? {
        let n = candidates.count
        guard n > 0 else { return 0 }
        var c = 1.0
        for i in 1..<max(n, 1) { c = c * Double(steps + i) / Double(i) }
        return c < 9e15 ? Int(c.rounded()) : nil
    }

    public static let spec = SectionSpec("frontier",
        "The borrowing-strategy frontier (`prognos frontier`, spec frontier.md): every refinancing mix on the grid, on common random numbers.",
        keys: [
            KeySpec("candidates", .list("frontier.candidates[]"), required: true, "the tenors a mix may use (fixed or floating), at most one entry per tenor and type"),
            KeySpec("step", .rate, required: true, "shares on a grid of this step, e.g. `10%` (must divide 100 %)"),
            KeySpec("years", .list("years"), required: true, "the output years whose cost and risk count, e.g. `[2025, 2026, 2027]`"),
            KeySpec("series", .choice(Series.allCases.map(\.rawValue)), "`external_interest` (default: the group's cost) or `municipality_net`"),
            KeySpec("objective", .choice(["mean"]), "`mean` (default): minimise the mean of the series summed over the years"),
            KeySpec("risk", .section("frontier.risk"), "risk limit, e.g. `{car95: 150}` (file unit)"),
            KeySpec("policy", .boolean, "every year end inside the finance policy in the base scenario (default false)"),
        ])

    public static let candidateSpec = SectionSpec("frontier.candidates[]",
        "A tenor a mix may use; priced as the refinancing tenor mix prices it (rule T7).",
        keys: [
            KeySpec("tenor", .text, required: true, "`3M`, `2Y`, `10Y` …"),
            KeySpec("type", .choice(Loan.Kind.allCases.map(\.rawValue)), required: true, "`fixed` or `floating`"),
        ])

    public static let riskSpec = SectionSpec("frontier.risk",
        "The risk limit of a feasible mix (rule P3).",
        keys: [
            KeySpec("car95", .amount, required: true, "the largest CaR95 (P95 − mean) of the summed series, in the file's unit"),
        ])

    /// Reads and checks the section; nil with errors logged when unusable.
    static func read(_ r: MapReader) -> FrontierInput? {
        var ok = true
        var candidates: [Candidate] = []
        for c in r.records("candidates", spec: candidateSpec) {
            guard let t = c.text("tenor") else { ok = false; continue }
            guard let tenor = Tenor(t) else { c.error("expected a tenor such as 3M or 10Y, found '\(TerminalText.quoted(t))'", at: "tenor"); ok = false; continue }
            guard let kind = c.choice("type").flatMap(Loan.Kind.init(rawValue:)) else { ok = false; continue }
            let candidate = Candidate(tenor: tenor, kind: kind)
            if candidates.contains(candidate) {
                c.error("candidate \(tenor) \(kind.rawValue) is listed twice", at: "tenor"); ok = false; continue
            }
            candidates.append(candidate)
        }
        if r.has("candidates") && candidates.isEmpty && ok { r.error("frontier.candidates is empty: give at least one tenor", at: "candidates"); ok = false }
        var steps = 0
        if let step = r.rate("step") {
            let n = (1 / step).rounded()
            if step <= 0 || step > 1 || abs(n * step - 1) > 1e-9 {
                r.error("step \(Format.grouped(step * 100, decimals: 2, decimalMark: ".", groupMark: "")) % does not divide 100 % (rule P1); write e.g. 5%, 10%, 25%", at: "step")
                ok = false
            } else {
                steps = Int(n)
            }
        } else { ok = false }
        var years: [Int] = []
        for item in r.list("years") ?? [] {
            guard let y = r.parse(item, key: "years", expected: "a year", Literal.integer) else { ok = false; continue }
            if years.contains(y) { r.error("year \(y) is listed twice in frontier.years", at: "years"); ok = false; continue }
            years.append(y)
        }
        if r.has("years") && years.isEmpty && ok { r.error("frontier.years is empty: give the years whose cost counts", at: "years"); ok = false }
        let seriesText = r.choice("series")
        if r.has("series") && seriesText == nil { ok = false }
        let series = seriesText.flatMap(Series.init(rawValue:)) ?? .externalInterest
        if r.has("objective") && r.choice("objective") == nil { ok = false }
        var limit: Double?
        if let risk = r.section("risk", spec: riskSpec) {
            limit = risk.amount("car95")
            if let l = limit, l < 0 { risk.error("car95 must not be negative", at: "car95"); ok = false }
            if limit == nil { ok = false }
        }
        let policyValue = r.bool("policy")
        if r.has("policy") && policyValue == nil { ok = false }
        let policy = policyValue ?? false
        guard ok, !candidates.isEmpty, steps > 0, !years.isEmpty else { return nil }
        return FrontierInput(candidates: candidates, steps: steps, years: years.sorted(), series: series, car95Limit: limit,
                             policy: policy, location: r.location)
    }
}
