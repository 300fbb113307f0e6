import Foundation

/// Reading the ledger CSV (issue 20 item 5): a file of at least `CSVFastLines.threshold` bytes
/// is cut into chunks at line starts (`CSVChunks`) and read on all cores while one core also
/// hashes it; each chunk checks every one of its rows and keeps, per row, a small code (unit and
/// year, month, type) and the amount; the chunks are then merged in file order:
///
/// - messages: the first structural problem in file order (as `CSVFastLines` reports it), then
///   every row with a wrong field count, then the row checks of `Ledger.Sums`, each at the row's
///   line (a chunk counts its lines, and its line numbers are re-based after the chunks before
///   it are counted);
/// - sums: rule O2's sums are made in one pass over the rows in file order, by the same
///   additions as a row-by-row reading (the same bits: no sums per chunk);
/// - any row whose cells are not all plain (a known unit as the same bytes, a `YYYY-MM` month in
///   the supported range, `actual` or `budget`, a plain decimal the fast path reads to the same
///   double, see `amount`) is kept as text and goes through `Ledger.Sums.add(_:)` in its place,
///   which checks it and names its error exactly as before.
///
/// Files the chunked path does not take (small, a header `CSVChunks.header` leaves to the
/// general reader or that `checkHeader` would comment on, bytes that are not UTF-8) are read by
/// `CSVTable.parse` and `Ledger.read(table:)` as before. `LedgerChunksTests` compares the two.
enum LedgerChunks {
    /// Reads the ledger at `path` (through the input cache, like `CSVTable.read`).
    static func read(path: String, units: [String], limits: InputLimits, ctx: DecodeContext,
                     includedFrom: SourceLocation?, chunks: Int? = nil) -> Ledger? {
        let key = "ledger\u{0}" + path + "\u{0}" + ctx.unit.rawValue + "\u{0}" + units.joined(separator: "\u{0}")
        let outer = InputFileLog.current
        if let cached = InputCache.shared.records(key, as: Ledger.self) {
            cached.files.forEach { outer?.record($0) }
            return cached.value
        }
        let before = ctx.log.errors.count
        let read = InputFileLog()
        let ledger = InputFileLog.$current.withValue(read) {
            readUncached(path: path, units: units, limits: limits, ctx: ctx, includedFrom: includedFrom, chunks: chunks)
        }
        read.all.forEach { outer?.record($0) }
        if let ledger, ctx.log.errors.count == before { InputCache.shared.store(records: ledger, files: read.all, key) }
        return ledger
    }

    static func readUncached(path: String, units: [String], limits: InputLimits, ctx: DecodeContext,
                             includedFrom: SourceLocation?, chunks: Int?) -> Ledger? {
        let data: Data
        do { data = try SourceLoader.readData(path, limits: limits, includedFrom: includedFrom) } catch {
            ctx.log.absorb(error)
            return nil
        }
        var file: InputFile?
        if data.count >= CSVFastLines.threshold || chunks != nil {
            let outcome = data.withUnsafeBytes { raw in
                read(raw.bindMemory(to: UInt8.self), path: path, units: units, ctx: ctx,
                     chunks: chunks ?? 4 * ProcessInfo.processInfo.activeProcessorCount)
            }
            switch outcome {
            case .notTaken(let hashed): file = hashed
            case .read(let ledger, let hashed):
                InputFileLog.current?.record(hashed)
                return ledger
            }
        }
        // The general reader: the whole text, CSVTable, then the rows one by one.
        let record = file ?? InputFile.make(path: path, data: data)
        InputFileLog.current?.record(record)
        let text: String
        do { text = try SourceLoader.text(of: data, path: path, includedFrom: includedFrom) } catch {
            ctx.log.absorb(error)
            return nil
        }
        guard let table = CSVTable.parse(text, displayPath: path, required: required, allowed: Ledger.columns,
                                         rowsNeeded: "ledger row", log: ctx.log) else { return nil }
        return Ledger.read(table: table, units: units, ctx: ctx)
    }

    static let required = ["unit", "period", "type", "amount"]

    /// Where the columns are, and what a row's cells are checked against.
    struct Layout: Sendable {
        let delimiter: UInt8
        let fields: Int
        let unit: Int, period: Int, type: Int, amount: Int
        let units: [[UInt8]]
        /// The amount unit's power of ten (`AmountUnit.exponent`).
        let shift: Int
    }

    /// What one chunk found.
    struct Chunk: Sendable {
        var lines = 0
        var utf8 = true
        var problem: CSVScan.Problem?
        var fieldErrors: [(line: Int, count: Int)] = []
        /// Rows with the header's field count (checked by the row checks).
        var rows = 0
        /// Per such row in order: `24 × series + 2 × (month − 1) + (budget ? 1 : 0)` with its
        /// amount, or `-1` for a row kept as text in `slow`.
        var codes: [Int32] = []
        var amounts: [Double] = []
        var slow: [(line: Int, fields: [String])] = []
        /// The chunk's series: unit index and year.
        var series: [(unit: Int, year: Int)] = []
        /// Per series × 24: the first line of a row of that month and type in the chunk.
        var firstLines: [Int] = []
    }

    enum Outcome {
        /// The general reader reads the file (with its record, when it was hashed already).
        case notTaken(InputFile?)
        /// The ledger, or nil after errors, and the file's record.
        case read(Ledger?, InputFile)
    }

    /// The chunked reading of the bytes `p` in `count` chunks (fewer for few lines).
    static func read(_ p: UnsafeBufferPointer<UInt8>, path: String, units: [String], ctx: DecodeContext,
                     chunks count: Int) -> Outcome {
        read(p, path: path, units: units, ctx: ctx) { CSVChunks.chunks(p, from: $0, count: max(1, count)) }
    }

    /// The chunked reading of the bytes `p` in the chunks `split` makes of the body (which starts
    /// at the offset it is given; each chunk must start at a line start, `CSVChunks.chunks`).
    static func read(_ p: UnsafeBufferPointer<UInt8>, path: String, units: [String], ctx: DecodeContext,
                     split: (_ bodyStart: Int) -> [Range<Int>]) -> Outcome {
        guard let (delimiter, header, bodyStart) = CSVChunks.header(p) else { return .notTaken(nil) }
        let scratch = DiagnosticLog()
        guard CSVTable.checkHeader(header, required: required, allowed: Ledger.columns, expected: "",
                                   at: SourceLocation(file: path, line: 1, column: 0), log: scratch),
              scratch.diagnostics.isEmpty else { return .notTaken(nil) }
        let layout = Layout(delimiter: delimiter, fields: header.count,
                            unit: header.firstIndex(of: "unit")!, period: header.firstIndex(of: "period")!,
                            type: header.firstIndex(of: "type")!, amount: header.firstIndex(of: "amount")!,
                            units: units.map { Array($0.utf8) }, shift: ctx.unit.exponent)
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
        let chunks = slots.values()
        if chunks.contains(where: { !$0.utf8 }) { return .notTaken(file) }   // the general reader says so
        return .read(merge(chunks, header: header, layout: layout, path: path, units: units, ctx: ctx), file)
    }

    /// The chunks' findings in file order: the messages, then the sums.
    static func merge(_ chunks: [Chunk], header: [String], layout: Layout, path: String, units: [String],
                      ctx: DecodeContext) -> Ledger? {
        let log = ctx.log
        var offsets: [Int] = []
        var offset = 1   // the header is line 1
        for c in chunks {
            if let problem = c.problem {
                log.error(problem.message, at: SourceLocation(file: path, line: offset + problem.line, column: problem.column))
                return nil
            }
            offsets.append(offset)
            offset += c.lines
        }
        let delimiter = Character(Unicode.Scalar(layout.delimiter))
        var rejected = 0, rows = 0
        var slowRows: [(line: Int, fields: [String])] = []
        for (c, chunk) in chunks.enumerated() {
            for (line, count) in chunk.fieldErrors {
                log.error("row has \(count) fields; the header has \(header.count)"
                          + (count > header.count ? " (a '\(delimiter)' inside a value, such as a thousands separator?)" : ""),
                          at: SourceLocation(file: path, line: offsets[c] + line, column: 0))
            }
            rejected += chunk.fieldErrors.count
            rows += chunk.rows
            slowRows += chunk.slow.map { (offsets[c] + $0.line, $0.fields) }
        }
        if rows == 0, rejected == 0 {
            log.error("the file has a header and no rows: expected at least one ledger row",
                      at: SourceLocation(file: path, line: 1, column: 0))
            return nil
        }
        let slow = CSVTable(file: path, header: header, delimiter: delimiter, rows: slowRows)
        var sums = Ledger.Sums(file: path, units: units)
        var next = 0   // the next row of `slow`
        for (c, chunk) in chunks.enumerated() {
            var seriesOf = [Int](repeating: -1, count: chunk.series.count)
            var slotOf = [Int](repeating: -1, count: 12 * chunk.series.count)
            for r in chunk.codes.indices {
                let code = Int(chunk.codes[r])
                if code < 0 {
                    sums.add(slow.record(next, context: "ledger row", ctx))
                    next += 1
                    continue
                }
                let s = code / 24, m = (code % 24) >> 1
                if seriesOf[s] < 0 { seriesOf[s] = sums.series(units[chunk.series[s].unit], chunk.series[s].year) }
                if slotOf[12 * s + m] < 0 { slotOf[12 * s + m] = sums.slot(Month(year: chunk.series[s].year, month: m + 1)!) }
                sums.add(series: seriesOf[s], month: m, slot: slotOf[12 * s + m], actual: code & 1 == 0,
                         amount: chunk.amounts[r], line: Int.max)
            }
            for (i, first) in chunk.firstLines.enumerated() where first != Int.max {
                let k = slotOf[12 * (i / 24) + (i % 24) >> 1]
                if i & 1 == 0 {
                    sums.monthRows[k].actualLine = min(sums.monthRows[k].actualLine, offsets[c] + first)
                } else {
                    sums.monthRows[k].budgetLine = min(sums.monthRows[k].budgetLine, offsets[c] + first)
                }
            }
        }
        return sums.ledger()
    }

    /// Reads one chunk: every line, every row's field count and cells.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ layout: Layout) -> Chunk {
        var chunk = Chunk()
        guard CSVChunks.isUTF8(p, range) else { chunk.utf8 = false; return chunk }
        let estimate = range.count / 24
        chunk.codes.reserveCapacity(estimate)
        chunk.amounts.reserveCapacity(estimate)
        var lines = CSVChunks.Lines(p, range, delimiter: layout.delimiter, capacity: layout.fields)
        let delimiter = Character(Unicode.Scalar(layout.delimiter))
        var lastUnit = -1, lastYear = -1, lastSeries = -1
        var seriesIndex: [Int: Int] = [:]
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
                    chunk.rows += 1
                    chunk.slow.append((lines.line, fields))
                    chunk.codes.append(-1)
                    chunk.amounts.append(0)
                }
            case .plain:
                if lines.fieldCount == 1, lines.field(0).isEmpty { continue }   // blank line
                if lines.fieldCount != layout.fields {
                    chunk.fieldErrors.append((lines.line, lines.fieldCount))
                    continue
                }
                chunk.rows += 1
                // The cells the fast path reads; anything else is kept as text for the row checks.
                guard let unit = unitIndex(p, lines.field(layout.unit), layout.units, last: lastUnit),
                      let (year, month) = month(p, lines.field(layout.period)),
                      let budget = type(p, lines.field(layout.type)),
                      let value = amount(p, lines.field(layout.amount), delimiter: layout.delimiter, shift: layout.shift) else {
                    chunk.slow.append((lines.line, (0..<layout.fields).map { lines.text($0) }))
                    chunk.codes.append(-1)
                    chunk.amounts.append(0)
                    continue
                }
                if unit != lastUnit || year != lastYear {
                    let key = unit << 16 | year
                    if let s = seriesIndex[key] { lastSeries = s } else {
                        lastSeries = chunk.series.count
                        seriesIndex[key] = lastSeries
                        chunk.series.append((unit, year))
                        chunk.firstLines.append(contentsOf: repeatElement(Int.max, count: 24))
                    }
                    lastUnit = unit
                    lastYear = year
                }
                let code = 24 * lastSeries + 2 * (month - 1) + (budget ? 1 : 0)
                if chunk.firstLines[code] == Int.max { chunk.firstLines[code] = lines.line }
                chunk.codes.append(Int32(code))
                chunk.amounts.append(value)
            }
        }
        chunk.lines = lines.line
        return chunk
    }

    /// The index of the unit whose id is exactly these bytes (`last` tried first), or nil.
    @inline(__always)
    static func unitIndex(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ units: [[UInt8]], last: Int) -> Int? {
        func same(_ u: [UInt8]) -> Bool {
            u.count == r.count && u.withUnsafeBufferPointer { memcmp($0.baseAddress!, p.baseAddress! + r.lowerBound, r.count) == 0 }
        }
        guard !r.isEmpty else { return nil }
        if last >= 0, same(units[last]) { return last }
        return units.firstIndex(where: same)
    }

    /// `DDDD-DD` with a year in `Day.supportedYears` and a month 1 … 12, else nil.
    @inline(__always)
    static func month(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (Int, Int)? {
        guard r.count == 7, p[r.lowerBound + 4] == 45 else { return nil }
        var y = 0, m = 0
        for k in 0..<7 where k != 4 {
            let d = Int(p[r.lowerBound + k]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            if k < 4 { y = y * 10 + d } else { m = m * 10 + d }
        }
        guard Day.supportedYears.contains(y), (1...12).contains(m) else { return nil }
        return (y, m)
    }

    /// `actual` (false) or `budget` (true), else nil.
    @inline(__always)
    static func type(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool? {
        guard r.count == 6 else { return nil }
        let b = p.baseAddress! + r.lowerBound
        if memcmp(b, "actual", 6) == 0 { return false }
        if memcmp(b, "budget", 6) == 0 { return true }
        return nil
    }

    static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// The amount in kronor of a cell `[+-]digits[<mark>digits]` (mark `.` in a ','-file, `,` in a
    /// ';'-file) with at most 19 digits whose value is below 2^53 units of its last digit and needs a
    /// power of ten of at most 22: then the exact integer and the power are doubles, and one
    /// multiplication or division rounds once, so the result is the correctly rounded value, the
    /// double `Double("<cell>e<shift>")` gives (`Literal.decimal`). Zero is +0 and the absurd
    /// limit is checked as `Literal.amount` does. Nil for anything else (the row checks read it).
    @inline(__always)
    static func amount(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, delimiter: UInt8, shift: Int) -> Double? {
        let mark: UInt8 = delimiter == 59 ? 44 : 46
        var k = r.lowerBound
        guard k < r.upperBound else { return nil }
        var negative = false
        if p[k] == 45 || p[k] == 43 { negative = p[k] == 45; k += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, whole = 0, fraction = 0
        var seenMark = false
        while k < r.upperBound {
            let b = p[k]
            if b >= 48 && b <= 57 {
                guard digits < 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(b - 48)
                digits += 1
                if seenMark { fraction += 1 } else { whole += 1 }
            } else if b == mark && !seenMark {
                seenMark = true
            } else {
                return nil
            }
            k += 1
        }
        guard whole > 0, !seenMark || fraction > 0, mantissa <= 1 << 53 else { return nil }
        let e = shift - fraction
        guard e >= -22 && e <= 22 else { return nil }
        var v = e >= 0 ? Double(mantissa) * powersOfTen[e] : Double(mantissa) / powersOfTen[-e]
        if negative { v = -v }
        guard abs(v) <= Literal.absurdAmount else { return nil }
        return v == 0 ? 0 : v
    }
}
