/// How an internal loan (revers) is priced to the borrowing company (treasury.md, Internal bank).
public enum InternalPricing: String, Sendable, CaseIterable {
    /// Its share N_i / D_ext of the month's external interest (swaps included), plus
    /// N_i × margin × days/365.
    case passThrough = "pass_through"
    /// N_i × (STIBOR 3M at the quarterly reset + margin) × dcf, ACT/360.
    case floating
    /// N_i × rate × dcf, 30E/360, annual (rule T11).
    case fixed
}

/// An internal promissory note (revers): the municipality lends on to a company.
public struct InternalLoan: Sendable {
    public var id: String
    /// The borrower's id (checked against `internal_bank.borrowers` where given, rule T21).
    public var borrower: String
    public var notional: Double
    public var start: Day
    public var maturity: Day
    public var pricing: InternalPricing
    /// All-in rate of a fixed loan.
    public var rate: Double?
    /// The loan's own margin (internbanksavgift); nil = the bank's margin for
    /// pass-through and floating, none for fixed (rule T10).
    public var margin: Double?
    /// Rolled over on the same terms at maturity within the horizon (default true).
    public var rollover: Bool
    public var location: SourceLocation?

    public init(id: String, borrower: String, notional: Double, start: Day, maturity: Day, pricing: InternalPricing,
                rate: Double?, margin: Double?, rollover: Bool, location: SourceLocation?) {
        self.id = id; self.borrower = borrower; self.notional = notional; self.start = start
        self.maturity = maturity; self.pricing = pricing; self.rate = rate; self.margin = margin
        self.rollover = rollover; self.location = location
    }
}

/// The internal bank (internbanken): its margin, default pricing and loans.
public struct InternalBankInput: Sendable {
    public var margin: Double
    public var pricing: InternalPricing
    public var loans: [InternalLoan]
    /// `borrowers: [{id, name}]` in file order; empty when not given.
    public var borrowers: [(id: String, name: String)]

    public init(margin: Double, pricing: InternalPricing, loans: [InternalLoan], borrowers: [(id: String, name: String)]) {
        self.margin = margin; self.pricing = pricing; self.loans = loans; self.borrowers = borrowers
    }

    /// Borrower ids in the order they are reported: the declared list, else first appearance.
    public var borrowerIDs: [String] {
        if !borrowers.isEmpty { return borrowers.map(\.id) }
        var seen: [String] = []
        for l in loans where !seen.contains(l.borrower) { seen.append(l.borrower) }
        return seen
    }
}

extension InternalLoan {
    /// One term (start → maturity) after another while the loan matures inside the
    /// horizon: a rollover keeps the tenor in whole months (rule T11).
    func terms(valuationDate v: Day, horizonEnd: Day) -> [(start: Day, maturity: Day)] {
        var out = [(start, maturity)]
        guard rollover else { return out }
        let months = (maturity.year - start.year) * 12 + maturity.month - start.month
        guard months > 0 else { return out }
        var s = start, m = maturity
        while m > v && m < horizonEnd {
            s = m
            m = m.addingMonths(months)
            out.append((s, m))
        }
        return out
    }

    static func read(_ r: some FieldReader, bankPricing: InternalPricing, location: SourceLocation?) -> InternalLoan? {
        guard let id = r.text("id") else { r.error("missing required field 'id' (\(r.context))", at: "id"); return nil }
        let what = "internal loan \(id)"
        let borrower = r.text("borrower"), notional = r.amount("notional")
        let start = r.date("start"), maturity = r.date("maturity")
        r.requireFields(["borrower", "notional", "start", "maturity"], for: what)
        let pricingText = r.oneOf("pricing", InternalPricing.allCases.map(\.rawValue))
        let rate = r.rate("rate"), margin = r.rate("margin"), rollover = r.bool("rollover")
        guard let borrower, let notional, let start, let maturity else { return nil }
        if r.has("pricing") && pricingText == nil { return nil }
        let pricing = pricingText.flatMap(InternalPricing.init(rawValue:)) ?? bankPricing
        var ok = true
        func fail(_ message: String, _ key: String) { r.error("\(message) for \(what)", at: key); ok = false }
        if notional <= 0 { fail("notional must be positive, found \(r.writtenAmount("notional", notional))", "notional") }
        if maturity <= start { fail("maturity \(maturity) is not after start \(start)", "maturity") }
        if pricing == .fixed && rate == nil && !r.has("rate") { fail("a fixed internal loan needs 'rate' (all-in)", "rate") }
        if pricing != .fixed && r.has("rate") { fail("'rate' is only for pricing fixed; \(pricing.rawValue) follows the market", "rate") }
        guard ok else { return nil }
        return InternalLoan(id: id, borrower: borrower, notional: notional, start: start, maturity: maturity,
                            pricing: pricing, rate: rate, margin: margin, rollover: rollover ?? true, location: location)
    }
}

extension InternalBankInput {
    static let spec = SectionSpec("treasury.internal_bank",
        "On-lending to the municipal companies on internal promissory notes (reverser).",
        keys: [
            KeySpec("margin", .rate, "the internal bank's margin (internbanksavgift), default 0; 0.3–0.5 % is usual"),
            KeySpec("pricing", .choice(InternalPricing.allCases.map(\.rawValue)), "default pricing: `pass_through` (default), `floating`, `fixed`"),
            KeySpec("loans", .list("treasury.internal_bank.loans[]"), "internal loans, inline"),
            KeySpec("loans_file", .file, "internal loans from a CSV (`id,borrower,notional,start,maturity,pricing,rate,margin,rollover`)"),
            KeySpec("borrowers", .list("treasury.internal_bank.borrowers[]"), "the borrowers; when given, loans must name one of them (rule T21)"),
        ])

    static let loanSpec = SectionSpec("treasury.internal_bank.loans[]",
        "An internal loan to a company.",
        keys: [
            KeySpec("id", .text, required: true, "unique among internal loans"),
            KeySpec("borrower", .text, required: true, "the borrowing company (its id when `borrowers` is given)"),
            KeySpec("notional", .amount, required: true, "amount lent"),
            KeySpec("start", .date, required: true, "start"),
            KeySpec("maturity", .date, required: true, "maturity"),
            KeySpec("pricing", .choice(InternalPricing.allCases.map(\.rawValue)), "overrides the bank's pricing"),
            KeySpec("rate", .rate, "all-in rate, pricing `fixed` only"),
            KeySpec("margin", .rate, "the loan's own margin (default: the bank's, for pass-through and floating)"),
            KeySpec("rollover", .boolean, "rolled over on the same terms within the horizon (default true, rule T11)"),
        ])

    static let borrowerSpec = SectionSpec("treasury.internal_bank.borrowers[]",
        "A borrowing company.",
        keys: [
            KeySpec("id", .text, required: true, "the id loans use"),
            KeySpec("name", .text, required: true, "the company's name"),
        ])

    static let csvColumns = ["id", "borrower", "notional", "start", "maturity", "pricing", "rate", "margin", "rollover"]

    static func read(_ r: MapReader, limits: InputLimits) -> InternalBankInput {
        let log = r.ctx.log
        let margin = r.rate("margin") ?? 0
        let pricing = r.choice("pricing").flatMap(InternalPricing.init(rawValue:)) ?? .passThrough
        var borrowers: [(String, String)] = []
        for b in r.records("borrowers", spec: borrowerSpec) {
            guard let id = b.text("id"), let name = b.text("name") else { continue }
            if borrowers.contains(where: { $0.0 == id }) { b.error("duplicate borrower id '\(id)'", at: "id"); continue }
            borrowers.append((id, name))
        }
        var loans: [InternalLoan] = []
        var seen: [String: SourceLocation] = [:]
        func register(_ id: String?, _ location: SourceLocation) {
            guard let id else { return }
            if let first = seen[id] { log.error("duplicate internal loan id '\(id)' (first at \(first))", at: location) }
            else { seen[id] = location }
        }
        for l in r.records("loans", spec: loanSpec) {
            register(l.text("id"), l.location(of: "id"))
            if let loan = InternalLoan.read(l, bankPricing: pricing, location: l.location(of: "borrower")) { loans.append(loan) }
        }
        if let file = r.text("loans_file"),
           let path = SourceLoader.dataFile(file, key: "loans_file", at: r.location(of: "loans_file"), limits: limits, log: log) {
            // In a batch the loans a file gives are kept once they read without a diagnostic (the
            // bank's pricing, their default, is in the key); each run still registers their ids.
            // The ids are kept as the file writes them (the duplicate check reads the raw field;
            // a loan's id is trimmed).
            let key = "internal loans\u{0}\(path)\u{0}\(r.ctx.unit.rawValue)\u{0}\(pricing.rawValue)"
            if let cached = InputCache.shared.records(key, as: [KeptInternalLoan].self) {
                cached.files.forEach { InputFileLog.current?.record($0) }
                for kept in cached.value { register(kept.rawID.isEmpty ? nil : kept.rawID, kept.location) }
                loans += cached.value.map(\.loan)
            } else {
                let read = InputFileLog()   // the CSV these loans stand for, kept with them in the cache
                let before = log.diagnostics.count
                var fromFile: [InternalLoan] = []
                var kept: [KeptInternalLoan] = []
                let table = InputFileLog.$current.withValue(read) {
                    CSVTable.read(path: path, displayPath: path, required: ["id", "borrower", "notional", "start", "maturity"],
                                  allowed: csvColumns, limits: limits, log: log, includedFrom: r.location(of: "loans_file"))
                }
                read.all.forEach { InputFileLog.current?.record($0) }
                if let table {
                    for i in table.rows.indices {
                        let id = table.rows[i].fields[table.header.firstIndex(of: "id")!]
                        let rec = table.record(i, context: "internal loan \(id)", r.ctx)
                        register(id.isEmpty ? nil : id, rec.location)
                        if let loan = InternalLoan.read(rec, bankPricing: pricing, location: rec.location) {
                            fromFile.append(loan)
                            kept.append(KeptInternalLoan(rawID: id, location: rec.location, loan: loan))
                        }
                    }
                    if log.diagnostics.count == before && fromFile.count == table.rows.count {
                        InputCache.shared.store(records: kept, files: read.all, key)
                    }
                }
                loans += fromFile
            }
        }
        // Rule T21: with a borrower list, every loan names one of its ids.
        if !borrowers.isEmpty {
            let ids = borrowers.map(\.0)
            for loan in loans where !ids.contains(loan.borrower) {
                log.error("internal loan \(loan.id) names borrower '\(loan.borrower)', which is not in internal_bank.borrowers"
                          + Suggest.phrase(for: loan.borrower, among: ids), at: loan.location)
            }
        }
        return InternalBankInput(margin: margin, pricing: pricing, loans: loans, borrowers: borrowers)
    }
}

/// An internal loan a batch keeps from a `loans_file`, with its id as the file writes it and
/// its row, which the duplicate-id check reads (`InternalBankInput.read`).
struct KeptInternalLoan: Sendable {
    var rawID: String
    var location: SourceLocation
    var loan: InternalLoan
}
