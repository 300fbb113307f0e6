/// The `result` section (spec/result.md "Inputs"): the resultaträkning's lines as printed
/// (income and gains positive, costs and losses negative), the placements, the balanskrav
/// inputs and the financial target. Amounts in kronor inside, like every section.
public struct ResultInput: Sendable {
    /// The lines of the resultaträkning, in the order it prints them.
    public enum LineKey: String, CaseIterable, Sendable, Codable {
        case verksamhetensNettokostnad = "verksamhetens_nettokostnad"
        case skatteintakter
        case generellaStatsbidrag = "generella_statsbidrag"
        case finansiellaIntakter = "finansiella_intakter"
        case finansiellaKostnader = "finansiella_kostnader"
        case extraordinaraPoster = "extraordinara_poster"

        var isFinancial: Bool { self == .finansiellaIntakter || self == .finansiellaKostnader }
    }

    /// Where a line's forecast comes from when it is not a figure.
    public enum Source: String, Sendable, CaseIterable { case operating, treasury }

    public struct Line: Sendable {
        public var key: LineKey
        public var budget: Double?
        public var forecast: Double?
        public var outcomePrior: Double?
        /// Later years (nominal); a year without a figure stays at the forecast (R5).
        public var plan: [Int: Double]
        public var from: Source?
        /// `from: treasury`: dividends, guarantee fees … added to the line every year.
        public var other: Double
        public var location: SourceLocation
    }

    public struct Item: Sendable { public var amount: Double; public var note: String }
    public struct Gain: Sendable { public var amount: Double; public var note: String; public var exempt: Bool }

    public struct Fund: Sendable {
        public var id: String, name: String
        public var acquisitionValue: Double?
        /// Fair value at 1 January (last year's closing book value) and at `as_of`.
        public var openingValue: Double, marketValue: Double
        public var expectedReturn: Double, volatility: Double
        public var sell: (date: Day, share: Double)?
    }

    public struct Placements: Sendable {
        public var funds: [Fund]
        /// Between the funds' returns (one common factor), default 0.8.
        public var correlation: Double
    }

    public struct Deficit: Sendable { public var year: Int; public var amount: Double; public var waived: Bool }

    public struct Balanskrav: Sendable {
        public var realisedGainsExempt = 0.0, realisedLossesExempt = 0.0, reversalOfUnrealisedLosses = 0.0
        public var reserveIn = 0.0, reserveOut = 0.0
        public var reserveBalance: Double?
        public var negativeEquityInclPensions = false
        public var deficits: [Deficit] = []
        /// Where `reserve_in` and `reserve_out` were written (R3's errors).
        public var reserveInLocation: SourceLocation?, reserveOutLocation: SourceLocation?
    }

    public var lines: [Line]
    public var items: [Item]
    public var realisedGains: [Gain]
    public var placements: Placements?
    public var balanskrav: Balanskrav
    public var financialTarget: Double?
    public var location: SourceLocation

    public func line(_ key: LineKey) -> Line? { lines.first { $0.key == key } }

    /// The forecast year and the plan years, ascending (R5).
    public func years(fiscalYear: Int) -> [Int] {
        Array(Set([fiscalYear] + lines.flatMap { $0.plan.keys })).sorted()
    }
}

public enum ResultSpecs {
    static let lineKeys: [KeySpec] = ResultInput.LineKey.allCases.map { k in
        KeySpec(k.rawValue, .section("result.lines.LINE"), required: k != .extraordinaraPoster, {
            switch k {
            case .verksamhetensNettokostnad: return "verksamhetens nettokostnad (negative); `from: operating` takes it from the operating statement"
            case .skatteintakter: return "skatteintäkter"
            case .generellaStatsbidrag: return "generella statsbidrag och utjämning"
            case .finansiellaIntakter: return "finansiella intäkter; `from: treasury`: the internal bank's income from the companies + `other`"
            case .finansiellaKostnader: return "finansiella kostnader (negative); `from: treasury`: − the external interest (loans and swaps)"
            case .extraordinaraPoster: return "extraordinära poster (optional)"
            }
        }())
    }

    public static let result = SectionSpec("result",
        "The municipality's resultaträkning and the balanskravsutredning under every rate scenario (spec/result.md). Figures signed as the resultaträkning prints them: income and gains positive, costs and losses negative.",
        keys: [
            KeySpec("lines", .section("result.lines"), required: true, "the resultaträkning's lines"),
            KeySpec("items_affecting_comparability", .list("result.items_affecting_comparability[]"),
                    "jämförelsestörande poster, already inside the lines: disclosed, not added"),
            KeySpec("realised_gains", .list("result.realised_gains[]"), "realisationsvinster on fixed assets, inside the lines (R2)"),
            KeySpec("placements", .section("result.placements"), "financial placements valued by rule R1"),
            KeySpec("balanskrav", .section("result.balanskrav"), "what the balanskravsutredning cannot derive (R2–R4)"),
            KeySpec("financial_target", .rate, "the council's target for årets resultat as a share of skatteintäkter + generella statsbidrag, e.g. `2%` (R7)"),
        ])

    public static let lines = SectionSpec("result.lines", "The lines of the resultaträkning.", keys: lineKeys)

    public static let line = SectionSpec("result.lines.LINE",
        "One line: figures, or `from:` for the forecast (budget and outcome_prior as figures beside it).",
        keys: [
            KeySpec("from", .choice(ResultInput.Source.allCases.map(\.rawValue)),
                    "`operating` (verksamhetens_nettokostnad) or `treasury` (the two financial lines): the forecast from that section"),
            KeySpec("budget", .amount, "the year's budget"),
            KeySpec("forecast", .amount, "the full-year forecast (not with `from:`)"),
            KeySpec("outcome_prior", .amount, "last year's outcome"),
            KeySpec("plan", .section("YEAR: amount"), "later years, nominal: `{2025: …, 2026: …}` (not with `from: treasury`)"),
            KeySpec("other", .amount, "with `from: treasury`: dividends, guarantee fees … added to the line every year"),
        ])

    public static let item = SectionSpec("result.items_affecting_comparability[]", "A jämförelsestörande post.",
        keys: [KeySpec("amount", .amount, required: true, "its effect on the year's result"),
               KeySpec("note", .text, required: true, "what it is")])

    public static let gain = SectionSpec("result.realised_gains[]", "A realisationsvinst on a fixed asset (a tomträtt, a property).",
        keys: [KeySpec("amount", .amount, required: true, "the gain (positive)"),
               KeySpec("note", .text, required: true, "what was sold"),
               KeySpec("exempt", .boolean, "enligt undantagsmöjlighet: added back in the balanskravsutredning (default false)")])

    public static let placements = SectionSpec("result.placements", "Financial placements (rule R1).",
        keys: [KeySpec("funds", .list("result.placements.funds[]"), required: true, "the funds"),
               KeySpec("correlation", .rate, "between the funds' returns, 0–1 (default `80%`); written as a rate or a plain 0–1 figure")])

    public static let fund = SectionSpec("result.placements.funds[]", "One fund.",
        keys: [KeySpec("id", .text, required: true, "identifier"),
               KeySpec("name", .text, required: true, "the fund's name"),
               KeySpec("acquisition_value", .amount, "acquisition cost"),
               KeySpec("opening_value", .amount, required: true, "fair value at 1 January (last year's closing book value)"),
               KeySpec("market_value", .amount, required: true, "fair value at `as_of`"),
               KeySpec("expected_return", .rate, "expected annual return (default 0 %)"),
               KeySpec("volatility", .rate, "annual volatility of the return (default 0 %; rule R6)"),
               KeySpec("sell", .section("result.placements.funds[].sell"), "a sell of a share of the fund after `as_of` in the fiscal year")])

    public static let sell = SectionSpec("result.placements.funds[].sell", "A sell.",
        keys: [KeySpec("date", .date, required: true, "in (as_of, 31 December]"),
               KeySpec("share", .rate, required: true, "share of the fund sold, in (0, 1], e.g. `40%`")])

    public static let balanskrav = SectionSpec("result.balanskrav", "Balanskrav inputs the engine cannot derive (R2–R4). Amounts positive unless stated.",
        keys: [KeySpec("realised_gains_exempt", .amount, "realisationsvinster enligt undantagsmöjlighet (added back)"),
               KeySpec("realised_losses_exempt", .amount, "realisationsförluster enligt undantagsmöjlighet (added back)"),
               KeySpec("reversal_of_unrealised_losses", .amount, "återföring av orealiserade förluster i värdepapper (signed, added)"),
               KeySpec("reserve_in", .amount, "reservation till resultatreserven (resultatutjämningsreserven before 2024), rule R3"),
               KeySpec("reserve_out", .amount, "användning av resultatreserven, rule R3"),
               KeySpec("reserve_balance", .amount, "the reserve at 1 January"),
               KeySpec("negative_equity_incl_pensions", .boolean, "eget kapital inklusive ansvarsförbindelsen negativt: the reservation floor is 2 % of B (R3)"),
               KeySpec("deficits", .list("result.balanskrav.deficits[]"), "earlier negative balanskravsresultat not yet restored (R4)")])

    public static let deficit = SectionSpec("result.balanskrav.deficits[]", "An earlier year's deficit.",
        keys: [KeySpec("year", .integer, required: true, "the year of the deficit"),
               KeySpec("amount", .amount, required: true, "the negative balanskravsresultat still to restore (negative, as printed)"),
               KeySpec("waived", .boolean, "the council decided synnerliga skäl (default false)")])

    public static let all = [result, lines, line, item, gain, placements, fund, sell, balanskrav, deficit]

    /// Reads and checks the section. `treasuryYears` is the treasury's horizon (plan years
    /// must lie in it); `hasOperating`/`hasTreasury` whether the `from:` sources exist.
    static func read(_ r: MapReader, fiscalYear: Int?, asOf: Day?, hasOperating: Bool, treasuryYears: Range<Int>?) -> ResultInput? {
        var ok = true
        var lines: [ResultInput.Line] = []
        if let l = r.section("lines", spec: ResultSpecs.lines) {
            for key in ResultInput.LineKey.allCases {
                guard let m = l.section(key.rawValue, spec: ResultSpecs.line) else { continue }
                if let line = readLine(m, key: key, fiscalYear: fiscalYear, hasOperating: hasOperating, treasuryYears: treasuryYears) {
                    lines.append(line)
                } else { ok = false }
            }
        }
        let items = r.records("items_affecting_comparability", spec: item).compactMap { m -> ResultInput.Item? in
            guard let a = m.amount("amount"), let n = m.text("note") else { return nil }
            return .init(amount: a, note: n)
        }
        let gains = r.records("realised_gains", spec: gain).compactMap { m -> ResultInput.Gain? in
            guard let a = m.amount("amount"), let n = m.text("note") else { return nil }
            if a < 0 { m.error("a realised gain must be positive, found a loss (\(m.context)); a loss is inside the lines and is not adjusted (R2)", at: "amount") }
            return .init(amount: a, note: n, exempt: m.bool("exempt") ?? false)
        }
        var placements: ResultInput.Placements?
        if let p = r.section("placements", spec: ResultSpecs.placements) {
            placements = readPlacements(p, fiscalYear: fiscalYear, asOf: asOf)
            if placements == nil { ok = false }
        }
        var bk = ResultInput.Balanskrav()
        if let b = r.section("balanskrav", spec: ResultSpecs.balanskrav) {
            func nonNegative(_ key: String) -> Double {
                guard let v = b.amount(key) else { return 0 }
                if v < 0 { b.error("\(key) must not be negative (an amount; rule R2 gives its sign) (\(b.context))", at: key) }
                return v
            }
            bk.realisedGainsExempt = nonNegative("realised_gains_exempt")
            bk.realisedLossesExempt = nonNegative("realised_losses_exempt")
            bk.reversalOfUnrealisedLosses = b.amount("reversal_of_unrealised_losses") ?? 0
            bk.reserveIn = nonNegative("reserve_in")
            bk.reserveOut = nonNegative("reserve_out")
            bk.reserveBalance = b.amount("reserve_balance")
            bk.negativeEquityInclPensions = b.bool("negative_equity_incl_pensions") ?? false
            if b.has("reserve_in") { bk.reserveInLocation = b.location(of: "reserve_in") }
            if b.has("reserve_out") { bk.reserveOutLocation = b.location(of: "reserve_out") }
            if let balance = bk.reserveBalance, balance < 0 { b.error("reserve_balance must not be negative", at: "reserve_balance") }
            if bk.reserveOut > 0 && bk.reserveBalance == nil {
                b.error("reserve_out needs reserve_balance: a use may not exceed the reserve at 1 January (rule R3)", at: "reserve_out")
            }
            if bk.reserveIn > 0 && bk.reserveOut > 0 {
                b.error("reserving to and using the resultatreserv in the same year is an error (rule R3)", at: "reserve_out")
            }
            if let balance = bk.reserveBalance, bk.reserveOut > balance + 0.005 {
                b.error("reserve_out \(Format.plain(bk.reserveOut, b.unit)) \(b.unit.rawValue) exceeds reserve_balance \(Format.plain(balance, b.unit)) \(b.unit.rawValue) (rule R3)",
                        at: "reserve_out")
            }
            bk.deficits = b.records("deficits", spec: deficit).compactMap { d -> ResultInput.Deficit? in
                guard let y = d.integer("year"), let a = d.amount("amount") else { return nil }
                if a >= 0 { d.error("a deficit is a negative balanskravsresultat: amount must be negative, as printed (\(d.context))", at: "amount"); return nil }
                if let fiscalYear, y >= fiscalYear {
                    d.error("deficit year \(y) is not before the fiscal year \(fiscalYear): the run computes that year's result itself (R4)", at: "year")
                    return nil
                }
                return .init(year: y, amount: a, waived: d.bool("waived") ?? false)
            }
        }
        let target = r.rate("financial_target")
        guard ok else { return nil }
        return ResultInput(lines: lines, items: items, realisedGains: gains, placements: placements, balanskrav: bk,
                           financialTarget: target, location: r.location)
    }

    private static func readLine(_ m: MapReader, key: ResultInput.LineKey, fiscalYear: Int?, hasOperating: Bool,
                                 treasuryYears: Range<Int>?) -> ResultInput.Line? {
        let from = m.choice("from").flatMap(ResultInput.Source.init(rawValue:))
        let forecast = m.amount("forecast")
        var ok = true
        func fail(_ message: String, _ at: String) { m.error(message + " (\(m.context))", at: at); ok = false }
        if let from {
            if m.has("forecast") { fail("a line given both 'from: \(from.rawValue)' and a forecast figure: give one of them", "forecast") }
            switch from {
            case .operating:
                if key != .verksamhetensNettokostnad { fail("'from: operating' is for verksamhetens_nettokostnad only", "from") }
                if !hasOperating { fail("'from: operating' needs an operating section in the file", "from") }
            case .treasury:
                if !key.isFinancial { fail("'from: treasury' is for finansiella_intakter and finansiella_kostnader only", "from") }
                if treasuryYears == nil { fail("'from: treasury' needs a treasury section in the file", "from") }
                if m.has("plan") { fail("'from: treasury' gives every year from the treasury's scenarios: no plan beside it", "plan") }
            }
        } else if forecast == nil && !m.has("forecast") {
            fail("missing 'forecast' (or 'from:')", "forecast")
        }
        if m.has("other") && from != .treasury { fail("'other' goes with 'from: treasury' only; add it to the forecast instead", "other") }
        var plan: [Int: Double] = [:]
        for entry in m.dataMapping("plan") ?? [] {
            guard let year = Int(entry.key), (1900...2200).contains(year) else {
                m.ctx.log.error("expected a year such as 2025, found '\(TerminalText.quoted(entry.key))' (key 'plan' in \(m.context))", at: entry.keyLocation)
                ok = false
                continue
            }
            if let fiscalYear, year <= fiscalYear {
                m.ctx.log.error("plan year \(year) is not after the fiscal year \(fiscalYear) (key 'plan' in \(m.context))", at: entry.keyLocation)
                ok = false
            } else if let t = treasuryYears, !t.contains(year) {
                m.ctx.log.error("plan year \(year) is outside the treasury horizon \(t.lowerBound)–\(t.upperBound - 1) (key 'plan' in \(m.context))",
                                at: entry.keyLocation)
                ok = false
            }
            if let a = m.parse(entry.value, key: "plan", expected: "an amount", { Literal.amount($0, unit: m.ctx.unit) }) { plan[year] = a }
        }
        guard ok else { return nil }
        return .init(key: key, budget: m.amount("budget"), forecast: forecast, outcomePrior: m.amount("outcome_prior"), plan: plan,
                     from: from, other: m.amount("other") ?? 0, location: m.location)
    }

    private static func readPlacements(_ p: MapReader, fiscalYear: Int?, asOf: Day?) -> ResultInput.Placements? {
        var ok = true
        let correlation = p.rate("correlation") ?? 0.8
        if !(0...1).contains(correlation) {
            p.error("correlation must be in [0, 1], found \(Format.grouped(correlation, decimals: 4, decimalMark: ".", groupMark: "")) (rule R6)", at: "correlation")
            ok = false
        }
        if asOf == nil { p.error("the placements need the scenario's 'as_of' (their market values are at that date, rule R1)"); ok = false }
        var seen = Set<String>()
        var funds: [ResultInput.Fund] = []
        for f in p.records("funds", spec: fund) {
            guard let id = f.text("id"), let name = f.text("name") else { ok = false; continue }
            if !seen.insert(id).inserted { f.error("duplicate fund id '\(TerminalText.quoted(id))'", at: "id"); ok = false }
            let opening = f.amount("opening_value"), market = f.amount("market_value")
            let r = f.rate("expected_return") ?? 0, sigma = f.rate("volatility") ?? 0
            if r <= -1 { f.error("expected_return must be above −100 %", at: "expected_return"); ok = false }
            if sigma < 0 { f.error("volatility must not be negative", at: "volatility"); ok = false }
            var sell: (Day, Double)?
            if let s = f.section("sell", spec: ResultSpecs.sell) {
                let date = s.date("date"), share = s.rate("share")
                if let share, !(share > 0 && share <= 1) {
                    s.error("sell share must be in (0, 1], found \(Format.grouped(share * 100, decimals: 2, decimalMark: ".", groupMark: "")) % (rule R1)", at: "share")
                    ok = false
                }
                if let date, let asOf {
                    let end = Day(year: fiscalYear ?? asOf.year, month: 12, day: 31)!
                    if !(date > asOf && date <= end) {
                        s.error("sell date \(date) is outside (as_of, 31 December] = (\(asOf), \(end)] (rule R1)", at: "date")
                        ok = false
                    }
                }
                if let date, let share { sell = (date, share) } else { ok = false }
            }
            guard let opening, let market else { ok = false; continue }
            if opening < 0 || market < 0 { f.error("a fund's values must not be negative (\(f.context))", at: market < 0 ? "market_value" : "opening_value"); ok = false }
            funds.append(.init(id: id, name: name, acquisitionValue: f.amount("acquisition_value"), openingValue: opening, marketValue: market,
                               expectedReturn: r, volatility: sigma, sell: sell))
        }
        guard ok else { return nil }
        return .init(funds: funds, correlation: correlation)
    }
}
