import Foundation

/// Reading a large loans CSV (`loans_file`, issue 20 item 5) as the ledger is read
/// (`LedgerChunks`, docs/decisions.md "Reading a large loans file in chunks"): a file of at least
/// `CSVFastLines.threshold` bytes is cut into chunks at line starts (`CSVChunks`), the chunks are
/// read on all cores while one core hashes the file, and the findings are merged in file order.
///
/// - A row is read on the fast path only when every cell reads plainly at byte level *and* the
///   loan passes every check of `Loan.read` (so the fast path can raise no message): an id, the
///   type `fixed`/`floating`, a plain positive notional, real dates in the supported years with
///   the maturity after the start, plain rates `[+-]digits[mark digits]%` within ±100 %, a
///   frequency of 1, 2, 3, 4, 6 or 12 months, `true`/`false`, a known day count, the columns
///   the type allows, no counterparty, an amortisation with a positive amount. The numbers are the
///   same doubles as `Literal.amount`/`Literal.rate` give (`LedgerChunks.amount`: exact integer
///   times an exact power of ten, one rounding).
/// - Every other row is kept as text and read in its place in file order by `Loan.read(csv:…)`,
///   the row reading of the general path, so its messages are the ones that path gives.
/// - Messages: the first structural problem in file order, then every wrong field count, then
///   the rows in file order (duplicate ids and the row checks), each at the row's file line (a
///   chunk counts its lines; its lines are re-based after the chunks before it).
///
/// Files the chunked path does not take (a header `CSVChunks.header` leaves to the general
/// reader or that `checkHeader` would comment on, bytes that are not UTF-8) are read by
/// `CSVTable.parse` and the same row reading. `LoanChunksTests` compares the two.
enum LoanChunks {
    static let required = ["id", "type", "notional", "start", "maturity"]

    /// Where the columns are (−1: absent), and how numbers are written.
    struct Layout: Sendable {
        let delimiter: UInt8
        let fields: Int
        let id: Int, type: Int, notional: Int, start: Int, maturity: Int, rate: Int, margin: Int, frequency: Int
        let dayCount: Int, floor: Int, amortizationAmount: Int, amortizationFrequency: Int, green: Int, lender: Int
        let lastFixing: Int, counterparty: Int
        /// The amount unit's power of ten (`AmountUnit.exponent`).
        let shift: Int
        let path: String

        init(delimiter: UInt8, header: [String], shift: Int, path: String) {
            func at(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
            self.delimiter = delimiter
            fields = header.count
            id = at("id"); type = at("type"); notional = at("notional"); start = at("start"); maturity = at("maturity")
            rate = at("rate"); margin = at("margin"); frequency = at("frequency"); dayCount = at("day_count")
            floor = at("floor"); amortizationAmount = at("amortization_amount")
            amortizationFrequency = at("amortization_frequency"); green = at("green"); lender = at("lender")
            lastFixing = at("last_fixing"); counterparty = at("counterparty")
            self.shift = shift
            self.path = path
        }
    }

    /// What one chunk found.
    struct Chunk: Sendable {
        var lines = 0
        var utf8 = true
        var problem: CSVScan.Problem?
        var fieldErrors: [(line: Int, count: Int)] = []
        /// Rows with the header's field count.
        var rows = 0
        /// The loans of the fast rows in order, their locations' lines counted within the chunk.
        var loans: [Loan] = []
        /// The rows kept as text (line within the chunk, fields), and their indices among `rows`.
        var slow: [(line: Int, fields: [String])] = []
        var slowRows: [Int] = []
    }

    enum Outcome {
        /// The general reader reads the file (with its record, when it was hashed already).
        case notTaken(InputFile?)
        /// The rows, in file order: a loan read on the fast path, or a row for `Loan.read(csv:…)`.
        case read(Rows, InputFile)
    }

    /// The rows of the file in order: fast loans (their locations at file lines) and text rows.
    struct Rows {
        var loans: [Loan] = []
        /// The text rows, and for each its index among all rows.
        var table: CSVTable
        var slowRows: [Int] = []
        var count: Int
        /// False after a structural problem or a header without rows (the messages are logged).
        var usable = true
    }

    /// Reads the loans file at `path` (already resolved), registering each id with `register` in
    /// file order (`expect` is told the number of rows first), and returns the loans; nil only
    /// when no row could be read. Files below
    /// `CSVFastLines.threshold` bytes (unless `chunks` is given) are read by the general path.
    static func read(path: String, ctx: DecodeContext, limits: InputLimits, includedFrom: SourceLocation?,
                     chunks: Int? = nil, register: (String?, SourceLocation) -> Void,
                     expect: (_ rows: Int) -> Void = { _ in }) -> [Loan]? {
        let log = ctx.log
        let data: Data
        do { data = try SourceLoader.readData(path, limits: limits, includedFrom: includedFrom) } catch {
            log.absorb(error)
            return nil
        }
        var file: InputFile?
        if data.count >= CSVFastLines.threshold || chunks != nil {
            let outcome = data.withUnsafeBytes { raw in
                read(raw.bindMemory(to: UInt8.self), path: path, ctx: ctx,
                     chunks: chunks ?? 4 * ProcessInfo.processInfo.activeProcessorCount)
            }
            switch outcome {
            case .notTaken(let hashed): file = hashed
            case .read(var rows, let hashed):
                InputFileLog.current?.record(hashed)
                guard rows.usable else { return nil }
                expect(rows.count)
                return merge(&rows, ctx: ctx, register: register)
            }
        }
        // The general reader: the whole text, CSVTable, then the rows one by one.
        InputFileLog.current?.record(file ?? InputFile.make(path: path, data: data))
        let text: String
        do { text = try SourceLoader.text(of: data, path: path, includedFrom: includedFrom) } catch {
            log.absorb(error)
            return nil
        }
        guard let table = CSVTable.parse(text, displayPath: path, required: required, allowed: TreasurySpecs.loanCSVColumns,
                                         rowsNeeded: "loan", log: log) else { return nil }
        var loans: [Loan] = []
        for i in table.rows.indices {
            if let loan = Loan.read(csv: table, i, ctx: ctx, register: register) { loans.append(loan) }
        }
        return loans
    }

    /// The file's rows in order (fast loans and text rows); errors on `ctx.log`.
    static func merge(_ rows: inout Rows, ctx: DecodeContext, register: (String?, SourceLocation) -> Void) -> [Loan] {
        var out: [Loan] = []
        out.reserveCapacity(rows.count)
        var fast = 0, next = 0
        for r in 0..<rows.count {
            if next < rows.slowRows.count, rows.slowRows[next] == r {
                if let loan = Loan.read(csv: rows.table, next, ctx: ctx, register: register) { out.append(loan) }
                next += 1
            } else {
                let loan = rows.loans[fast]
                register(loan.id, loan.location!)
                out.append(loan)
                fast += 1
            }
        }
        rows.loans = []
        return out
    }

    /// The chunked reading of the bytes `p` in `count` chunks (fewer for few lines).
    static func read(_ p: UnsafeBufferPointer<UInt8>, path: String, ctx: DecodeContext, chunks count: Int) -> Outcome {
        read(p, path: path, ctx: ctx) { CSVChunks.chunks(p, from: $0, count: max(1, count)) }
    }

    /// The chunked reading of the bytes `p` in the chunks `split` makes of the body (which starts
    /// at the offset it is given; each chunk must start at a line start, `CSVChunks.chunks`).
    static func read(_ p: UnsafeBufferPointer<UInt8>, path: String, ctx: DecodeContext,
                     split: (_ bodyStart: Int) -> [Range<Int>]) -> Outcome {
        guard let (delimiter, header, bodyStart) = CSVChunks.header(p) else { return .notTaken(nil) }
        let scratch = DiagnosticLog()
        guard CSVTable.checkHeader(header, required: required, allowed: TreasurySpecs.loanCSVColumns, expected: "",
                                   at: SourceLocation(file: path, line: 1, column: 0), log: scratch),
              scratch.diagnostics.isEmpty else { return .notTaken(nil) }
        let layout = Layout(delimiter: delimiter, header: header, shift: ctx.unit.exponent, path: path)
        let ranges = split(bodyStart)
        // Item 0 hashes the file; items 1… read the chunks (libdispatch hands items to free threads).
        let slots = Parallel.Slots<Chunk>(count: ranges.count)
        let hash = Parallel.Slots<String>(count: 1)
        let bytes = CSVChunks.Bytes(p: p)   // read only, and alive until the loop has ended
        DispatchQueue.concurrentPerform(iterations: ranges.count + 1) { i in
            if i == 0 {
                hash[0] = Checksum.sha256(UnsafeRawBufferPointer(bytes.p))
            } else {
                slots[i - 1] = parse(bytes.p, ranges[i - 1], layout)
            }
        }
        let file = InputFile.make(path: path, sha256: hash[0]!)
        var chunks = slots.values()
        if chunks.contains(where: { !$0.utf8 }) { return .notTaken(file) }   // the general reader says so
        return .read(collect(&chunks, header: header, layout: layout, log: ctx.log), file)
    }

    /// The chunks' rows in file order, their lines re-based; the structural messages logged.
    static func collect(_ chunks: inout [Chunk], header: [String], layout: Layout, log: DiagnosticLog) -> Rows {
        let path = layout.path
        let delimiter = Character(Unicode.Scalar(layout.delimiter))
        var rows = Rows(table: CSVTable(file: path, header: header, delimiter: delimiter, rows: []), count: 0)
        var offsets: [Int] = []
        var offset = 1   // the header is line 1
        for c in chunks {
            if let problem = c.problem {
                log.error(problem.message, at: SourceLocation(file: path, line: offset + problem.line, column: problem.column))
                rows.usable = false
                return rows
            }
            offsets.append(offset)
            offset += c.lines
        }
        var rejected = 0, count = 0
        var slow: [(line: Int, fields: [String])] = []
        for (c, chunk) in chunks.enumerated() {
            for (line, n) in chunk.fieldErrors {
                log.error("row has \(n) fields; the header has \(header.count)"
                          + (n > header.count ? " (a '\(delimiter)' inside a value, such as a thousands separator?)" : ""),
                          at: SourceLocation(file: path, line: offsets[c] + line, column: 0))
            }
            rejected += chunk.fieldErrors.count
            count += chunk.rows
        }
        if count == 0, rejected == 0 {
            log.error("the file has a header and no rows: expected at least one loan", at: SourceLocation(file: path, line: 1, column: 0))
            rows.usable = false
            return rows
        }
        rows.loans.reserveCapacity(count - chunks.reduce(0) { $0 + $1.slow.count })
        var before = 0   // rows in the chunks before
        for c in chunks.indices {
            let base = offsets[c]
            for var loan in chunks[c].loans {
                loan.location = SourceLocation(file: path, line: base + loan.location!.line, column: 0)
                rows.loans.append(loan)
            }
            chunks[c].loans = []   // freed as we go: one chunk's loans at a time beside the whole
            slow += chunks[c].slow.map { (base + $0.line, $0.fields) }
            rows.slowRows += chunks[c].slowRows.map { before + $0 }
            before += chunks[c].rows
        }
        rows.table = CSVTable(file: path, header: header, delimiter: delimiter, rows: slow)
        rows.count = count
        return rows
    }

    /// Reads one chunk: every line, every row's field count and cells.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ layout: Layout) -> Chunk {
        var chunk = Chunk()
        guard CSVChunks.isUTF8(p, range) else { chunk.utf8 = false; return chunk }
        chunk.loans.reserveCapacity(range.count / 60)
        var lines = CSVChunks.Lines(p, range, delimiter: layout.delimiter, capacity: layout.fields)
        let delimiter = Character(Unicode.Scalar(layout.delimiter))
        let file = layout.path
        loop: while true {
            switch lines.next() {
            case .done:
                break loop
            case .other:
                switch CSVChunks.readOther(lines.lineText, delimiter: delimiter) {
                case .problem(let problem):
                    chunk.problem = CSVScan.Problem(line: lines.line + problem.line - 1, column: problem.column, message: problem.message)
                    return chunk
                case .fields(let fields):
                    if fields.count == 1, fields[0].isEmpty { continue }   // blank line
                    if fields.count != layout.fields {
                        chunk.fieldErrors.append((lines.line, fields.count))
                        continue
                    }
                    chunk.slowRows.append(chunk.rows)
                    chunk.rows += 1
                    chunk.slow.append((lines.line, fields))
                }
            case .plain:
                if lines.fieldCount == 1, lines.field(0).isEmpty { continue }   // blank line
                if lines.fieldCount != layout.fields {
                    chunk.fieldErrors.append((lines.line, lines.fieldCount))
                    continue
                }
                if let loan = fastLoan(p, lines, layout, file: file) {
                    chunk.loans.append(loan)
                } else {
                    chunk.slowRows.append(chunk.rows)
                    chunk.slow.append((lines.line, (0..<layout.fields).map { lines.text($0) }))
                }
                chunk.rows += 1
            }
        }
        chunk.lines = lines.line
        return chunk
    }

    /// The loan of a plain row whose cells all read plainly and that passes every check of
    /// `Loan.read` (its location's line is the line within the chunk); nil for any other row.
    @inline(__always)
    static func fastLoan(_ p: UnsafeBufferPointer<UInt8>, _ lines: CSVChunks.Lines, _ l: Layout, file: String) -> Loan? {
        func cell(_ k: Int) -> Range<Int>? {
            guard k >= 0 else { return nil }
            let r = lines.field(k)
            return r.isEmpty ? nil : r
        }
        func percent(_ k: Int) -> (given: Bool, value: Double?) {
            guard let r = cell(k) else { return (false, nil) }
            guard r.count >= 2, p[r.upperBound - 1] == 37,   // `%`
                  let v = LedgerChunks.amount(p, r.lowerBound..<(r.upperBound - 1), delimiter: l.delimiter, shift: -2),
                  abs(v) <= 1 else { return (true, nil) }
            return (true, v)
        }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }
        guard let idCell = cell(l.id), let typeCell = cell(l.type),
              let kind = kind(p, typeCell),
              let notionalCell = cell(l.notional),
              let notional = LedgerChunks.amount(p, notionalCell, delimiter: l.delimiter, shift: l.shift), notional > 0,
              let startCell = cell(l.start), let start = date(p, startCell),
              let maturityCell = cell(l.maturity), let maturity = date(p, maturityCell), maturity > start,
              cell(l.counterparty) == nil else { return nil }
        let rate = percent(l.rate), margin = percent(l.margin), floor = percent(l.floor), lastFixing = percent(l.lastFixing)
        if rate.given && rate.value == nil || margin.given && margin.value == nil || floor.given && floor.value == nil
            || lastFixing.given && lastFixing.value == nil { return nil }
        switch kind {
        case .fixed: if !rate.given || margin.given || floor.given || lastFixing.given { return nil }
        case .floating: if rate.given { return nil }
        }
        var frequency: Int?
        if let r = cell(l.frequency) { guard let f = months(p, r) else { return nil }; frequency = f }
        var dayCount: DayCount?
        if let r = cell(l.dayCount) { guard let d = DayCount.parse(text(r)) else { return nil }; dayCount = d }
        var green = false
        if let r = cell(l.green) { guard let g = bool(p, r) else { return nil }; green = g }
        var amortization: Amortization?
        let amortizationFrequency = cell(l.amortizationFrequency)
        if let r = cell(l.amortizationAmount) {
            guard let a = LedgerChunks.amount(p, r, delimiter: l.delimiter, shift: l.shift), a > 0 else { return nil }
            var every = 12
            if let f = amortizationFrequency { guard let m = months(p, f) else { return nil }; every = m }
            amortization = Amortization(amount: a, frequencyMonths: every)
        } else if amortizationFrequency != nil {
            return nil   // "amortization_frequency without amortization_amount"
        }
        return Loan(id: text(idCell), kind: kind, notional: notional, start: start, maturity: maturity, rate: rate.value,
                    margin: margin.value ?? 0, frequencyMonths: frequency ?? (kind == .fixed ? 12 : 3),
                    dayCount: dayCount ?? (kind == .fixed ? .thirty360 : .act360), floor: floor.value,
                    amortization: amortization, green: green, lender: cell(l.lender).map(text), lastFixing: lastFixing.value,
                    location: SourceLocation(file: file, line: lines.line, column: 0))
    }

    /// `fixed` or `floating`, else nil.
    @inline(__always)
    static func kind(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Loan.Kind? {
        let b = p.baseAddress! + r.lowerBound
        if r.count == 5, memcmp(b, "fixed", 5) == 0 { return .fixed }
        if r.count == 8, memcmp(b, "floating", 8) == 0 { return .floating }
        return nil
    }

    /// `true` or `false`, else nil.
    @inline(__always)
    static func bool(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool? {
        let b = p.baseAddress! + r.lowerBound
        if r.count == 4, memcmp(b, "true", 4) == 0 { return true }
        if r.count == 5, memcmp(b, "false", 5) == 0 { return false }
        return nil
    }

    /// One or two ASCII digits naming 1, 2, 3, 4, 6 or 12 months (`FieldReader.frequency`), else nil.
    @inline(__always)
    static func months(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard r.count <= 2 else { return nil }
        var n = 0
        for k in r {
            let d = Int(p[k]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            n = n * 10 + d
        }
        return [1, 2, 3, 4, 6, 12].contains(n) ? n : nil
    }

    /// `DDDD-DD-DD`, a real date with a year in `Day.supportedYears` (`Day(inputISO:)`), else nil.
    @inline(__always)
    static func date(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Day? {
        guard r.count == 10, p[r.lowerBound + 4] == 45, p[r.lowerBound + 7] == 45 else { return nil }
        var y = 0, m = 0, d = 0
        for k in 0..<10 where k != 4 && k != 7 {
            let v = Int(p[r.lowerBound + k]) - 48
            guard v >= 0 && v <= 9 else { return nil }
            if k < 4 { y = y * 10 + v } else if k < 7 { m = m * 10 + v } else { d = d * 10 + v }
        }
        guard Day.supportedYears.contains(y) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

extension Loan {
    /// Row `i` of a loans CSV read as the general path reads it: its id registered (duplicates
    /// are errors), then the CSV's amortisation columns and `Loan.read`'s checks; nil (with the
    /// errors logged) when it is not a usable loan.
    static func read(csv table: CSVTable, _ i: Int, ctx: DecodeContext, register: (String?, SourceLocation) -> Void) -> Loan? {
        let id = table.rows[i].fields[table.header.firstIndex(of: "id")!]
        let rec = table.record(i, context: "loan \(id)", ctx)
        register(id.isEmpty ? nil : id, rec.location)
        let amortFrequency = rec.frequency("amortization_frequency")
        if rec.has("amortization_frequency") && !rec.has("amortization_amount") {
            rec.error("amortization_frequency without amortization_amount", at: nil)
        }
        return Loan.read(rec, amortization: (rec.amount("amortization_amount"), amortFrequency,
                                             rec.has("amortization_amount")), location: rec.location)
    }
}
