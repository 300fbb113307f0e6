/// One scenario file, read and checked: the situation a run computes.
public struct Scenario: Sendable {
    /// The format version this build reads (`prognos: 1`).
    public static let formatVersion = 1

    public var name: String
    /// The file it was read from, as the user named it.
    public var file: String
    public var unit: AmountUnit
    /// The as-of date of actuals; its month is M.
    public var asOf: Day?
    public var fiscalYear: Int?
    public var operating: OperatingInput?
    public var treasury: TreasuryInput?
    public var rates: RatesInput?
    public var simulation: SimulationSettings?
    public var investments: InvestmentsInput?
    /// Goals, indicators and personnel statistics (nämndmål, nämndindikatorer).
    public var indicators: IndicatorsInput?
    /// The borrowing-strategy frontier (`prognos frontier`, spec frontier.md).
    public var frontier: FrontierInput? = nil
    /// The municipality's result and the balanskravsutredning (spec/result.md).
    public var result: ResultInput? = nil
    /// The fingerprint of the merged tree after overrides (identifies a simulation's parts).
    /// Worked out when asked for: only shards and frontier parts need it, and a batch loads
    /// every run's scenario (1 % of a `sweep-1000` run when it was computed on every load).
    public var fingerprint: String { mergedTree?.fingerprint ?? "" }
    /// The tree the scenario was read from, after overrides.
    var mergedTree: SourceNode? = nil
    /// Every file read: the scenario, its includes and CSVs (batch identity, output checks).
    public var inputFiles: [InputFile] = []
    /// Warnings found while reading (errors stop the read).
    public var warnings: [Diagnostic]
    /// The file as written, before `--set` overrides (what-if reconciliation); nil without overrides.
    public var baseline: ScenarioBaseline? = nil
    /// The overrides applied to the file (`--set`, a batch run's sweep values), in order.
    public var changes: [Override] = []

    /// Reads `path`, its includes and `--set` overrides. Throws every error found.
    public static func load(path: String, overrides: [String] = [], limits: InputLimits = InputLimits()) throws(InputFailure) -> Scenario {
        var parsed: [Override] = []
        let log = DiagnosticLog()
        for assignment in overrides {
            do { parsed.append(try Override(assignment, limits: limits)) } catch { log.absorb(error) }
        }
        try log.throwIfErrors()
        return try load(path: path, overrides: parsed, limits: limits)
    }

    /// Reads `path` with overrides already parsed (a batch run's sweep values).
    public static func load(path: String, overrides: [Override], limits: InputLimits = InputLimits()) throws(InputFailure) -> Scenario {
        var (scenario, files) = try InputFileLog.collecting { () throws(InputFailure) -> Scenario in
            try loadCollected(path: path, overrides: overrides, limits: limits)
        }
        scenario.inputFiles = files
        return scenario
    }

    private static func loadCollected(path: String, overrides: [Override], limits: InputLimits) throws(InputFailure) -> Scenario {
        let log = DiagnosticLog()
        var limits = limits
        limits.confine(to: path)
        guard var tree = SourceLoader(limits: limits).load(path: path, log: log) else {
            try log.throwIfErrors()
            throw InputFailure(.internalError, "could not read \(path)")
        }
        let written = tree
        for override in overrides {
            do {
                tree = try override.apply(to: tree)
            } catch {
                log.absorb(error)
            }
        }
        let scenario = read(tree, file: path, limits: limits, log: log)
        try log.throwIfErrors()
        guard var scenario else { throw InputFailure(.internalError, "could not read \(path)") }
        scenario.warnings = log.warnings
        scenario.mergedTree = tree
        scenario.baseline = ScenarioBaseline.read(written, overrides: overrides, file: path, limits: limits, as: scenario)
        // The overrides that change what the file says (a sweep's value equal to the file's is none).
        scenario.changes = overrides.filter { o in o.current(in: written).map { !Override.sameValue($0, o.value) } ?? true }
        return scenario
    }

    /// Reads a merged tree. Nil (with errors logged) when the file is unusable.
    static func read(_ tree: SourceNode, file: String, limits: InputLimits, log: DiagnosticLog) -> Scenario? {
        // The unit is needed before any amount can be read.
        var unit = AmountUnit.mnkr
        if let u = tree["unit"], let text = u.scalarText, let parsed = AmountUnit(rawValue: text.trimmingSpaces()) {
            unit = parsed
        }
        let ctx = DecodeContext(log: log, unit: unit)
        // A file that is not a scenario at all (a CSV, an HTML page, notes with colons) would
        // give one "unknown key" per line, echoing it back: one error instead.
        if let entries = tree.entries, let first = entries.first,
           !entries.contains(where: { ScenarioSpecs.root.key($0.key) != nil }) {
            log.error("not a prognos scenario: none of its \(entries.count) top-level key\(entries.count == 1 ? " is" : "s is") a scenario key "
                      + "(the first is '\(TerminalText.quoted(first.key))'); a scenario file begins with 'prognos: \(formatVersion)'",
                      at: first.keyLocation)
            return nil
        }
        guard let r = MapReader(tree, spec: ScenarioSpecs.root, context: "the scenario", ctx) else {
            log.error("a scenario file must be a mapping of keys", at: tree.location)
            return nil
        }
        _ = r.choice("unit")
        if let version = r.integer("prognos"), version != formatVersion {
            r.error("format version \(version) is not supported; this build reads 'prognos: \(formatVersion)'", at: "prognos")
        }
        let asOf = r.date("as_of")
        var fiscalYear = r.integer("fiscal_year")
        if let y = fiscalYear, !Day.supportedYears.contains(y) {
            r.error("fiscal_year \(y) is outside the supported years \(Day.supportedYears.lowerBound) … \(Day.supportedYears.upperBound)",
                    at: "fiscal_year")
            fiscalYear = nil
        }
        if let asOf, let fiscalYear, asOf.year != fiscalYear {
            r.error("as_of \(asOf) is not in fiscal_year \(fiscalYear)", at: "as_of")
        }
        var operating: OperatingInput?
        if let o = r.section("operating", spec: OperatingSpecs.operating) {
            if asOf == nil && !r.has("as_of") { r.error("the operating section needs 'as_of' (its month is M)") }
            operating = OperatingInput.read(o, limits: limits)
            if let asOf, let ledger = operating?.ledger {
                for warning in ledger.unusedRowWarnings(asOf: asOf, fiscalYear: fiscalYear ?? asOf.year, unit: unit, units: operating?.units ?? [])
                    + ledger.gapWarnings(units: operating?.units ?? [], asOf: asOf, fiscalYear: fiscalYear ?? asOf.year)
                    + ledger.historyGapWarnings(units: operating?.units ?? [], fiscalYear: fiscalYear ?? asOf.year) {
                    if let m = warning.catalogued { log.warning(m, at: warning.location) } else { log.warning(warning.message, at: warning.location) }
                }
            }
        }
        let treasury = r.section("treasury", spec: TreasurySpecs.treasury).flatMap { section in
            // A batch reads a section it met before from its cache (`TypedInputCache`).
            r.node("treasury").map { TypedInputCache.treasury($0, section, limits: limits) } ?? TreasuryInput.read(section, limits: limits)
        }
        let rates = r.section("rates", spec: RatesSpecs.rates).map { RatesInput.read($0, limits: limits) }
        if rates != nil && !r.has("treasury") {
            r.warning("'rates' has nothing to drive without a 'treasury' section", at: "rates")
        }
        let simulation = r.section("simulation", spec: SimulationSettings.spec).flatMap(SimulationSettings.read)
        let investments = r.section("investments", spec: CapitalSpecs.investments).map { CapitalSpecs.read($0, fiscalYear: fiscalYear ?? asOf?.year) }
        if investments != nil && asOf == nil && !r.has("as_of") { r.error("the investments section needs 'as_of' (its month is M)", at: "investments") }
        if investments?.interestBasis == .market && !r.has("treasury") {
            r.error("interest_basis: market needs a treasury section (its scenario's funding rate, rule C9)", at: "investments")
        }
        if r.has("simulation") && !r.has("treasury") {
            r.error("the simulation drives the treasury engine: it needs a 'treasury' section", at: "simulation")
        }
        checkCounts(r, limits: limits, units: operating?.units.count ?? 0,
                    instruments: treasury.map { $0.loans.count + $0.swaps.count + ($0.internalBank?.loans.count ?? 0) } ?? 0,
                    paths: simulation?.paths ?? 0)
        let indicators = r.section("indicators", spec: IndicatorSpecs.indicators).map(IndicatorSpecs.read)
        let frontier = r.section("frontier", spec: FrontierInput.spec).flatMap(FrontierInput.read)
        if r.has("frontier") && !(r.has("treasury") && r.has("simulation")) {
            r.error("the frontier refinances the treasury on simulated paths: it needs 'treasury' and 'simulation' sections", at: "frontier")
        }
        let treasuryWithNeed = BorrowingNeed.apply(treasury, investments: investments, fiscalYear: fiscalYear ?? asOf?.year,
                                                   month: asOf?.month, log: r.ctx.log)
        let name = r.text("name") ?? fileStem(file)
        var scenario = Scenario(name: name, file: file, unit: unit, asOf: asOf, fiscalYear: fiscalYear ?? asOf?.year,
                                operating: operating, treasury: treasuryWithNeed, rates: rates, simulation: simulation,
                                investments: investments, indicators: indicators, warnings: [])
        scenario.frontier = frontier
        scenario.result = r.section("result", spec: ResultSpecs.result).flatMap {
            ResultSpecs.read($0, fiscalYear: fiscalYear ?? asOf?.year, asOf: asOf, hasOperating: operating != nil,
                             treasuryYears: treasury.map { $0.valuationDate.year..<($0.valuationDate.year + $0.horizonYears) })
        }
        return scenario
    }

    /// Rule F7's size limits beyond bytes and nodes: what a run allocates grows with these.
    /// Each names the CLI option that raises it.
    static func checkCounts(_ r: MapReader, limits: InputLimits, units: Int, instruments: Int, paths: Int) {
        if units > limits.maxUnits {
            r.error("\(units) operating units; the limit is \(limits.maxUnits) (rule F7; raise it with --max-units)", at: "operating")
        }
        if instruments > limits.maxInstruments {
            r.error("\(instruments) treasury instruments; the limit is \(limits.maxInstruments) (rule F7; raise it with --max-instruments)", at: "treasury")
        }
        if paths > limits.maxPaths {
            // Named as the user wrote it: `--paths N` when the option set it, else the key.
            let at = r.node("simulation")?["paths"]?.location
            let origin = at.map(\.file).flatMap { $0.hasPrefix("--") && !$0.hasPrefix("--set") ? $0 : nil }
            r.ctx.log.error("\(origin ?? "simulation.paths") \(paths); the limit is \(limits.maxPaths) (rule F7; raise it with --max-paths)",
                            at: origin == nil ? r.location(of: "simulation") : at)
        }
    }

    private static func fileStem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: ".") else { return last }
        return String(last[..<dot])
    }
}

public enum ScenarioSpecs {
    public static let root = SectionSpec("(top level)",
        "One file describes one situation; every section is optional, and a run computes what its sections allow.",
        keys: [
            KeySpec("prognos", .integer, required: true, "format version; this build reads `1`"),
            KeySpec("name", .text, "title of the run (default: the file name)"),
            KeySpec("unit", .choice(AmountUnit.allCases.map(\.rawValue)), required: true,
                    "unit of every amount in the file; kept in kronor inside, printed in this unit"),
            KeySpec("as_of", .date, "as-of date of actuals; its month is M (needed by `operating`)"),
            KeySpec("fiscal_year", .integer, "budget year (default: the year of `as_of`)"),
            KeySpec("include", .files, "files merged into this one (relative paths); a key defined twice is an error"),
            KeySpec("operating", .section("operating"), "the operating statement (driftsammandrag)"),
            KeySpec("treasury", .section("treasury"), "the debt portfolio (internbanken's external borrowing)"),
            KeySpec("rates", .section("rates"), "interest-rate scenarios"),
            KeySpec("simulation", .section("simulation"), "Monte Carlo of the short rate (Cost-at-Risk)"),
            KeySpec("investments", .section("investments"), "investment projects, assets and capital costs"),
            KeySpec("indicators", .section("indicators"), "goals, indicators and personnel statistics (nämndmål, nämndindikatorer)"),
            KeySpec("frontier", .section("frontier"), "the borrowing-strategy frontier of `prognos frontier` (refinancing mixes, cost against CaR95)"),
            KeySpec("result", .section("result"), "the municipality's resultaträkning and balanskravsutredning (spec/result.md)"),
        ])
}
