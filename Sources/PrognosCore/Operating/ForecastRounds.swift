import Foundation

/// One earlier forecast round of a unit or project (`previous_forecast`), kronor.
public struct ForecastRound: Sendable, Equatable {
    public var asOf: Day
    public var value: Double
    public var location: SourceLocation
}

/// One row of `operating.forecast_history` (files.md: `unit,year,as_of,forecast,outcome`).
public struct HistoryRound: Sendable, Equatable {
    public var unit: String
    public var year: Int
    public var asOf: Day
    public var forecast: Double
    public var outcome: Double?
    public var line: Int
}

/// Forecast rounds as the file gives them (spec operating.md: `previous_forecast`,
/// `forecast_history`; rules O18, O19, O21): read beside the units, checked and computed when
/// the statement is (the checks need `as_of`).
public struct ForecastRoundsInput: Sendable {
    /// Unit id → its earlier rounds, as written (oldest first).
    public var previous: [String: [ForecastRound]] = [:]
    public var history: [HistoryRound] = []
    public var historyFile: String?

    public init() {}
    public var isEmpty: Bool { previous.isEmpty && history.isEmpty && historyFile == nil }
}

public enum ForecastRoundsSpecs {
    public static let round = SectionSpec("previous_forecast",
        "An earlier forecast round of a unit (`operating.units[].previous_forecast`) or a project (`investments.projects[].previous_forecast`): one mapping or a list of them, oldest first (rules O18, O21).",
        keys: [
            KeySpec("as_of", .date, required: true, "the round's as-of date: in the fiscal year, before the file's `as_of`, distinct"),
            KeySpec("value", .amount, required: true, "the full-year forecast of that round (net cost, as the unit's forecast)"),
        ])

    static let historyColumns = ["unit", "year", "as_of", "forecast", "outcome"]

    /// Reads `previous_forecast` under a unit or project reader: a mapping or a list of mappings.
    static func readRounds(_ r: MapReader) -> [ForecastRound] {
        guard let node = r.node("previous_forecast") else { return [] }
        let items: [SourceNode]
        if case .sequence(let list, _) = node { items = list } else { items = [node] }
        var rounds: [ForecastRound] = []
        for (i, item) in items.enumerated() {
            guard let p = MapReader(item, spec: round, context: "\(r.context).previous_forecast[\(i)]", r.ctx),
                  let day = p.date("as_of"), let value = p.amount("value") else { continue }
            rounds.append(ForecastRound(asOf: day, value: value, location: p.location(of: "as_of")))
        }
        return rounds
    }

    /// O18/O21: every round in the fiscal year, before `as_of`, with distinct dates.
    static func check(_ rounds: [ForecastRound], owner: String, asOf: Day, fiscalYear: Int, log: DiagnosticLog) {
        var seen: [Day: SourceLocation] = [:]
        for r in rounds {
            if r.asOf >= asOf {
                log.error("previous_forecast of \(owner) is dated \(r.asOf), on or after as_of \(asOf): an earlier round must come before this one (rule O18)",
                          at: r.location)
            } else if r.asOf.year != fiscalYear {
                log.error("previous_forecast of \(owner) is dated \(r.asOf), outside fiscal year \(fiscalYear) (rule O21)", at: r.location)
            }
            if let first = seen[r.asOf] {
                log.error("previous_forecast of \(owner) has two rounds dated \(r.asOf) (first at \(first)); each round has its own date (rule O21)",
                          at: r.location)
            }
            seen[r.asOf] = r.location
        }
    }

    /// The latest round before `asOf` (rule O18), nil without one.
    static func latest(_ rounds: [ForecastRound], before asOf: Day) -> ForecastRound? {
        rounds.filter { $0.asOf < asOf }.max { $0.asOf < $1.asOf }
    }
}

extension ForecastRoundsInput {
    /// The unit's `previous_forecast` (hook in `OperatingInput.read`).
    mutating func read(unit id: String, _ u: MapReader) {
        let rounds = ForecastRoundsSpecs.readRounds(u)
        if !rounds.isEmpty { previous[id] = rounds }
    }

    /// `operating.forecast_history` (hook in `OperatingInput.read`): unknown units are errors with a suggestion.
    mutating func readHistory(_ r: MapReader, units: [String], limits: InputLimits) {
        guard let file = r.text("forecast_history"),
              let path = SourceLoader.dataFile(file, key: "forecast_history", at: r.location(of: "forecast_history"),
                                               limits: limits, log: r.ctx.log) else { return }
        historyFile = path
        guard let table = CSVTable.read(path: path, displayPath: path, required: ForecastRoundsSpecs.historyColumns.filter { $0 != "outcome" },
                                        allowed: ForecastRoundsSpecs.historyColumns, rowsNeeded: "forecast round",
                                        limits: limits, log: r.ctx.log, includedFrom: r.location(of: "forecast_history")) else { return }
        let known = Set(units)
        for i in table.rows.indices {
            let rec = table.record(i, context: "forecast_history row", r.ctx)
            guard let unit = rec.text("unit") else { rec.error("a forecast_history row needs unit, year, as_of and forecast", at: nil); continue }
            guard known.contains(unit) else {
                rec.error("unknown unit '\(unit)' in forecast_history" + Suggest.phrase(for: unit, among: units), at: "unit")
                continue
            }
            guard rec.has("year"), rec.has("as_of"), rec.has("forecast") else {
                rec.error("a forecast_history row needs unit, year, as_of and forecast", at: nil)
                continue
            }
            guard let year = rec.integer("year"), let day = rec.date("as_of"), let forecast = rec.amount("forecast") else { continue }
            let outcome = rec.has("outcome") ? rec.amount("outcome") : nil
            if rec.has("outcome") && outcome == nil { continue }
            if day.year != year {
                rec.error("as_of \(day) is not in year \(year) (a round forecasts its own year)", at: "as_of")
                continue
            }
            history.append(HistoryRound(unit: unit, year: year, asOf: day, forecast: forecast, outcome: outcome, line: rec.line))
        }
    }
}

/// A unit's forecast rounds computed (rule O18; O20 in an annual report).
public struct UnitRounds: Sendable, Equatable {
    /// Every earlier round, oldest first.
    public var previous: [ForecastRound]
    /// forecast − the latest earlier round.
    public var change: Double?
    /// Annual report only: last forecast − outcome (net cost), outcome − last forecast (result).
    public var error: Double?
}

/// Forecast accuracy (prognossäkerhet) per round month (rule O19).
public struct ForecastAccuracy: Sendable, Equatable {
    public struct Month: Sendable, Equatable {
        public var month: Int
        public var mae: Double?, mape: Double?, bias: Double?
        public var n: Int
        /// Total only: per year, the units missing a round of this month or an outcome (excluded).
        public var excluded: [(year: Int, units: [String])] = []
        public static func == (a: Month, b: Month) -> Bool {
            a.month == b.month && a.mae == b.mae && a.mape == b.mape && a.bias == b.bias && a.n == b.n
                && a.excluded.map(\.year) == b.excluded.map(\.year) && a.excluded.map(\.units) == b.excluded.map(\.units)
        }
    }
    public var byMonth: [Month]
    public var units: [(id: String, byMonth: [Month])]
    public static func == (a: ForecastAccuracy, b: ForecastAccuracy) -> Bool {
        a.byMonth == b.byMonth && a.units.map(\.id) == b.units.map(\.id) && a.units.map(\.byMonth) == b.units.map(\.byMonth)
    }

    /// MAE, MAPE (rule O5: zero outcomes skipped), bias and n of the errors e = forecast − outcome.
    static func statistics(_ pairs: [(forecast: Double, outcome: Double)], month: Int) -> Month {
        let errors = pairs.map { $0.forecast - $0.outcome }
        guard !errors.isEmpty else { return Month(month: month, mae: nil, mape: nil, bias: nil, n: 0) }
        let n = Double(errors.count)
        let mae = errors.reduce(0) { $0 + abs($1) } / n
        let bias = errors.reduce(0, +) / n
        let relative = pairs.filter { $0.outcome != 0 }.map { abs($0.forecast - $0.outcome) / abs($0.outcome) }
        let mape = relative.isEmpty ? nil : relative.reduce(0, +) / Double(relative.count)
        return Month(month: month, mae: mae, mape: mape, bias: bias, n: errors.count)
    }

    /// Rule O19 over the history: per unit and month, the years with a round in that month and
    /// an outcome (the latest round of the month when there are several); the total per year
    /// sums the forecasts of the units with a round and an outcome against their outcomes,
    /// naming the units of the history left out that year.
    static func compute(_ history: [HistoryRound], order: [String], ledger: Ledger?) -> ForecastAccuracy {
        // Outcomes: any row of that unit and year, else the ledger's complete year.
        var outcome: [String: [Int: Double]] = [:]
        for r in history { if let o = r.outcome { outcome[r.unit, default: [:]][r.year] = o } }
        func outcomeOf(_ unit: String, _ year: Int) -> Double? {
            if let o = outcome[unit]?[year] { return o }
            if let s = ledger?.series(unit, year), s.isComplete { return s.actual.reduce(0, +) }
            return nil
        }
        // The round of (unit, year, month): the latest in that month.
        var round: [String: [Int: [Int: HistoryRound]]] = [:]
        for r in history {
            let m = r.asOf.month
            if let old = round[r.unit]?[r.year]?[m], old.asOf > r.asOf { continue }
            round[r.unit, default: [:]][r.year, default: [:]][m] = r
        }
        let historyUnits = order.filter { round[$0] != nil }
        let months = Set(history.map(\.asOf.month)).sorted()
        let years = Set(history.map(\.year)).sorted()
        var units: [(String, [Month])] = []
        for u in historyUnits {
            let rows = months.map { m -> Month in
                let pairs = years.compactMap { y -> (Double, Double)? in
                    guard let r = round[u]?[y]?[m], let o = outcomeOf(u, y) else { return nil }
                    return (r.forecast, o)
                }
                return statistics(pairs.map { (forecast: $0.0, outcome: $0.1) }, month: m)
            }
            units.append((u, rows))
        }
        var byMonth: [Month] = []
        for m in months {
            var pairs: [(forecast: Double, outcome: Double)] = []
            var excluded: [(Int, [String])] = []
            for y in years {
                var f = 0.0, o = 0.0, any = false
                var missing: [String] = []
                for u in historyUnits {
                    if let r = round[u]?[y]?[m], let out = outcomeOf(u, y) {
                        f += r.forecast; o += out; any = true
                    } else {
                        missing.append(u)
                    }
                }
                guard any else { continue }
                pairs.append((f, o))
                if !missing.isEmpty { excluded.append((y, missing)) }
            }
            var row = statistics(pairs, month: m)
            row.excluded = excluded
            byMonth.append(row)
        }
        return ForecastAccuracy(byMonth: byMonth, units: units)
    }
}

/// The annual-report mode (spec operating.md "annual report", rule O20): `as_of` on the last
/// day of the fiscal year makes the statement an outcome statement.
enum AnnualReport {
    static func isAnnual(asOf: Day, fiscalYear: Int) -> Bool {
        asOf.year == fiscalYear && asOf.month == 12 && asOf.day == 31
    }

    /// The input with every net forecast set to the outcome (the actual to date): a `forecast`
    /// must be `manual` with the actual's value within O8 rounding; a method or adjustments
    /// are errors (rule O20).
    static func prepare(_ input: OperatingInput, asOf: Day, fiscalYear: Int, unit: AmountUnit, log: DiagnosticLog) -> OperatingInput {
        guard isAnnual(asOf: asOf, fiscalYear: fiscalYear) else { return input }
        var out = input
        for i in out.units.indices {
            let u = out.units[i]
            let actual = u.actualYTD ?? input.ledger?.series(u.id, fiscalYear)?.actualThrough(12)
            if let f = u.forecast {
                if f.method != .manual {
                    log.error("unit '\(u.id)': as_of \(asOf) is the fiscal year's end (an annual report), where the outcome is the forecast; method \(f.method.rawValue) has no meaning here: remove 'forecast' (rule O20)",
                              at: u.location)
                } else if !f.adjustments.isEmpty {
                    log.error("unit '\(u.id)': adjustments have no meaning in an annual report (as_of \(asOf)), where the outcome is the forecast (rule O20)",
                              at: u.location)
                } else if let v = f.value, let a = actual, abs(v - a) > unit.halfLastDigit + 1e-6 {
                    log.error("unit '\(u.id)': forecast \(Format.plain(v, unit)) differs from the outcome (actual_ytd) \(Format.plain(a, unit)) \(unit.rawValue) in an annual report (as_of \(asOf)): at year end the outcome is the forecast (rule O20)",
                              at: u.location)
                }
            }
            out.units[i].forecast = actual.map { ForecastSpec(method: .manual, value: $0) }
        }
        return out
    }
}

extension ForecastRounds {
    /// The rounds of the statement (hook at the end of `OperatingStatement.compute`): O18/O21
    /// checks, each unit's change (and error in an annual report), the total's where every
    /// net-cost leaf has a round, and the accuracy over `forecast_history` (O19).
    static func apply(_ s: inout OperatingStatement, _ input: OperatingInput, log: DiagnosticLog) {
        let annual = AnnualReport.isAnnual(asOf: s.asOf, fiscalYear: s.fiscalYear)
        s.isAnnualReport = annual
        if annual {
            for i in s.units.indices {
                s.units[i].method = nil
                s.units[i].methodValue = nil
                s.units[i].band = nil
                s.units[i].bandReason = "an annual report: the forecast is the outcome (rule O20)"
            }
            s.assumptions.append(Message(.operatingAnnualReport, .text(s.asOf.description)))
        }
        let r = input.rounds
        guard !r.isEmpty else { return }
        for u in input.units {
            if let rounds = r.previous[u.id] {
                ForecastRoundsSpecs.check(rounds, owner: "unit '\(u.id)'", asOf: s.asOf, fiscalYear: s.fiscalYear, log: log)
            }
        }
        var totalPrevious = 0.0, allHave = true
        for i in s.units.indices {
            let u = s.units[i]
            guard let rounds = r.previous[u.id], let last = ForecastRoundsSpecs.latest(rounds, before: s.asOf) else {
                if u.isLeaf && u.reportedAs == .netCost { allHave = false }
                continue
            }
            let f = u.figures.forecast
            let change = f.map { $0 - last.value }
            var error: Double?
            if annual, let f {
                error = u.reportedAs == .netCost ? last.value - f : f - last.value
            }
            s.units[i].rounds = UnitRounds(previous: rounds.sorted { $0.asOf < $1.asOf }, change: change, error: error)
            if u.isLeaf && u.reportedAs == .netCost { totalPrevious += last.value }
        }
        if allHave, !r.previous.isEmpty, s.units.contains(where: { $0.isLeaf && $0.reportedAs == .netCost }) {
            let f = s.total.forecast
            s.totalRounds = UnitRounds(previous: [], change: f.map { $0 - totalPrevious }, error: annual ? f.map { totalPrevious - $0 } : nil)
            s.totalPreviousForecast = totalPrevious
        }
        if !r.history.isEmpty {
            s.accuracy = ForecastAccuracy.compute(r.history, order: input.units.map(\.id), ledger: input.ledger)
        }
    }
}

/// Namespace of the rounds' computation.
enum ForecastRounds {}
