import Foundation
import Testing
@testable import PrognosCore

/// Issue 20 item 5: the chunked reading of a large ledger (`LedgerChunks`) must give exactly
/// what the general reader gives (`CSVTable.parse(..., fast: false)`, i.e. CSVScan + CSV.swift,
/// then `Ledger.read(table:)` row by row): the same sums to the bit (rule O2), the same rows
/// per month and first lines, and the same messages at the same lines, in the same order (the
/// first structural problem; every wrong field count; every row error) — for every way of
/// cutting the file into chunks at line starts.
@Suite("Ledger chunked reading (issue 20)")
struct LedgerChunksTests {
    typealias Rng = CSVFastLinesTests.Rng
    static let units = ["ks", "hr", "ekonomi"]

    /// A small ledger file: mostly clean rows, sometimes a cell or line that breaks a rule.
    static func file(_ r: inout Rng) -> String {
        let semicolon = r.chance(0.4)
        let d = semicolon ? ";" : ","
        let breaks = r.chance(0.25) ? ["\r\n"] : r.chance(0.15) ? ["\n", "\r\n", "\r"] : ["\n"]
        var header = ["unit", "period", "type", "amount", "account"]
        if r.chance(0.3) { header.removeLast() }
        if r.chance(0.3) { header.swapAt(0, 3) }
        if r.chance(0.05) { header[1] = r.pick(["Period", "perod", " type ", "unit"]) }
        var text = (r.chance(0.05) ? "\u{FEFF}" : "") + header.joined(separator: d) + r.pick(breaks)
        let rows = Int(r.next() % 14)
        let amounts = semicolon ? ["1,5", "-0,25", "12", "0,000001", "3,125", "-7", "0", "-0,0", "+2,5"]
                                : ["1.5", "-0.25", "12", "0.000001", "3.125", "-7", "0", "-0.0", "+2.5", "0.001985"]
        for _ in 0..<rows {
            if r.chance(0.06) { text += r.pick(["", "  ", "\t"]) + r.pick(breaks); continue }
            var cells: [String: String] = [
                "unit": r.pick(units), "period": String(format: "%04d-%02d", r.pick([2023, 2024]), 1 + Int(r.next() % 12)),
                "type": r.pick(["actual", "budget"]), "amount": r.pick(amounts), "account": r.pick(["4010", "", "x y"]),
            ]
            if r.chance(0.25) {
                let odd: [(String, String)] = [
                    ("unit", "xx"), ("unit", ""), ("unit", " ks "), ("unit", "\"ks\""), ("unit", "Ö"), ("unit", "KS"),
                    ("period", "2024-13"), ("period", "1899-12"), ("period", "24-01"), ("period", ""), ("period", "2024-1"),
                    ("period", "2201-01"), ("type", "Actual"), ("type", "utfall"), ("type", ""), ("amount", ""),
                    ("amount", "1e3"), ("amount", "1 234,5"), ("amount", "1.2.3"), ("amount", "abc"), ("amount", ".5"),
                    ("amount", "5."), ("amount", "123456789012345678901"), ("amount", "99999999999"), ("amount", "1,234"),
                    ("amount", "\"1.5\""), ("amount", "inf"), ("amount", "1.234"), ("amount", "12345678901234567.5"),
                    ("account", "\"open"), ("account", "st\"ray"), ("account", "\"a\"b"), ("account", "\"two\nlines\""),
                ]
                let (k, v) = r.pick(odd)
                cells[k] = v
            }
            var fields = header.map { cells[$0.trimmingCharacters(in: .whitespaces).lowercased()] ?? "1" }
            if r.chance(0.05) { if r.chance(0.5) { fields.removeLast() } else { fields.append("9") } }
            text += fields.joined(separator: d) + (r.chance(0.92) ? r.pick(breaks) : "")
        }
        return text
    }

    /// What a reading gave: nil-ness, the messages, and the ledger's content as exact bits.
    struct Reading: Equatable {
        var messages: [String]
        var ledger: [String]?
    }

    static func describe(_ l: Ledger?, _ log: DiagnosticLog) -> Reading {
        Reading(messages: log.diagnostics.map(\.description), ledger: l.map { l in
            var out: [String] = []
            for unit in l.history.keys.sorted() {
                for year in l.history[unit]!.keys.sorted() {
                    let s = l.history[unit]![year]!
                    out.append("\(unit) \(year) " + (s.actual + s.budget).map { String($0.bitPattern, radix: 16) }.joined(separator: " "))
                }
            }
            for m in l.rowsByMonth.keys.sorted() {
                let r = l.rowsByMonth[m]!
                out.append("\(m) \(r.actualRows) \(r.budgetRows) \(r.actual.bitPattern) \(r.budget.bitPattern) \(r.actualLine) \(r.budgetLine)")
            }
            return out
        })
    }

    /// The general reader (CSVScan + CSV.swift, then the rows one by one).
    static func reference(_ text: String) -> Reading {
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: .mnkr)
        let table = CSVTable.parse(text, displayPath: "l.csv", required: LedgerChunks.required, allowed: Ledger.columns,
                                   rowsNeeded: "ledger row", log: log, fast: false)
        return describe(table.map { Ledger.read(table: $0, units: units, ctx: ctx) }, log)
    }

    /// The chunked reader with the chunks `split` makes; nil when it leaves the file to the general reader.
    static func chunked(_ text: String, split: @escaping (UnsafeBufferPointer<UInt8>, Int) -> [Range<Int>]) -> Reading? {
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: .mnkr)
        let bytes = Array(text.utf8)
        let outcome = bytes.withUnsafeBufferPointer { p in
            LedgerChunks.read(p, path: "l.csv", units: units, ctx: ctx) { split(p, $0) }
        }
        guard case .read(let ledger, _) = outcome else { return nil }
        return describe(ledger, log)
    }

    /// Every line start of the body (after a "\n"), the places a chunk may start.
    static func lineStarts(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> [Int] {
        (from..<p.count).filter { $0 == from || p[$0 - 1] == 10 }
    }

    @Test("2,000 generated ledgers, clean and malformed, cut into two chunks at every line start and into 1 … 6 chunks: the same sums (bits), lines and messages as the general reader")
    func generatedLedgersReadAlike() {
        var r = Rng(s: 2026)
        var failures: [String] = []
        var taken = 0, refused = 0, withErrors = 0, cuts = 0
        for _ in 0..<2_000 {
            let text = Self.file(&r)
            let expected = Self.reference(text)
            var splits: [(UnsafeBufferPointer<UInt8>, Int) -> [Range<Int>]] = (1...6).map { count in
                { p, from in CSVChunks.chunks(p, from: from, count: count) }
            }
            let starts = Array(text.utf8).withUnsafeBufferPointer { p in
                CSVChunks.header(p).map { Self.lineStarts(p, from: $0.bodyStart) } ?? []
            }
            for c in starts.dropFirst() {
                splits.append { p, from in [from..<c, c..<p.count] }
            }
            for split in splits {
                guard let got = Self.chunked(text, split: split) else { continue }
                cuts += 1
                if got != expected { failures.append(text); break }
            }
            if Self.chunked(text, split: { p, from in CSVChunks.chunks(p, from: from, count: 3) }) != nil {
                taken += 1
                if expected.ledger == nil { refused += 1 } else if !expected.messages.isEmpty { withErrors += 1 }
            }
        }
        #expect(failures.isEmpty, "first differing file: \(failures.first.map { String(reflecting: $0) } ?? "")")
        // The generator must reach the chunked path often, with refused files and row errors among them.
        #expect(taken > 1_200 && refused > 100 && withErrors > 300 && cuts > 10_000, "\(taken) \(refused) \(withErrors) \(cuts)")
    }

    @Test("CSVChunks.chunks covers the body without gaps, each chunk starting at a line start")
    func chunksCoverTheBody() {
        let text = (0..<500).map { "ks,2024-0\(1 + $0 % 9),actual,\($0)\($0 % 7 == 0 ? "\r\n" : "\n")" }.joined()
        Array(text.utf8).withUnsafeBufferPointer { p in
            for count in [1, 2, 3, 8, 64, 1_000] {
                let ranges = CSVChunks.chunks(p, from: 0, count: count)
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == p.count)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && p[$1.lowerBound - 1] == 10 })
                #expect(ranges.count <= count && ranges.allSatisfy { !$0.isEmpty })
            }
        }
    }

    @Test("the byte-level amount is the double Literal.amount gives (Double(\"<cell>e<shift>\"), correctly rounded) for 200,000 random cells")
    func amountsAreTheSameBits() {
        var r = Rng(s: 5)
        var fast = 0
        for i in 0..<200_000 {
            let semicolon = i % 2 == 1
            let whole = String(r.next() % (i % 3 == 0 ? 1_000 : 10_000_000_000))
            let decimals = Int(r.next() % 10)
            let fraction = String((0..<decimals).map { _ in Character(String(r.next() % 10)) })
            let sign = r.pick(["", "-", "+"])
            let cell = sign + whole + (decimals > 0 ? (semicolon ? "," : ".") + fraction : "")
            let unit = r.pick(AmountUnit.allCases)
            guard case .success(let text) = Literal.csvNumber(cell, semicolon: semicolon),
                  case .success(let expected) = Literal.amount(text, unit: unit) else { continue }
            let bytes = Array(cell.utf8)
            let got = bytes.withUnsafeBufferPointer {
                LedgerChunks.amount($0, 0..<bytes.count, delimiter: semicolon ? 59 : 44, shift: unit.exponent)
            }
            if let got {
                fast += 1
                #expect(got.bitPattern == expected.bitPattern, "\(cell) \(unit)")
            }
        }
        // Most cells take the fast reading; those with more than 2^53 units of their last digit
        // (up to 10 + 9 digits here) are left to the general reader.
        #expect(fast > 100_000)
        // Cells it leaves to the general reader: too many digits, exponents, absurd amounts.
        for cell in ["12345678901234567890", "1e3", "99999999999", ".5", "5."] {
            let bytes = Array(cell.utf8)
            #expect(bytes.withUnsafeBufferPointer { LedgerChunks.amount($0, 0..<bytes.count, delimiter: 44, shift: 6) } == nil)
        }
    }

    /// A ledger file above the 1 MB threshold: `rows` rows of `ks`, amount 0.25 mnkr each, spread
    /// over the 24 months of 2023–2024 in turn, actual and budget alternating by pairs of months.
    static func bigLedger(rows: Int) -> String {
        var text = "unit,period,type,amount,account\n"
        text.reserveCapacity(rows * 40)
        for i in 0..<rows {
            let month = i % 24
            text += "ks,\(2023 + month / 12)-\(month % 12 < 9 ? "0" : "")\(month % 12 + 1),\(i % 48 < 24 ? "actual" : "budget"),0.25,40\(i % 100)\n"
        }
        return text
    }

    static func readFile(_ text: String, name: String) throws -> (Ledger?, DiagnosticLog) {
        let dir = Scratch.folder.appendingPathComponent("prognos-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let log = DiagnosticLog()
        let ledger = Ledger.read(path: path, units: units, limits: InputLimits(), ctx: DecodeContext(log: log, unit: .mnkr),
                                 includedFrom: nil)
        return (ledger, log)
    }

    @Test("a 48,000-row file on the automatic path: sums by hand, and every bad row named at its line, in file order")
    func largeFileSumsAndErrors() throws {
        let rows = 48_000
        let text = Self.bigLedger(rows: rows)
        #expect(text.utf8.count >= CSVFastLines.threshold)
        let (ledger, log) = try Self.readFile(text, name: "big.csv")
        #expect(log.diagnostics.isEmpty)
        // By hand: 48,000 rows over 24 months = 2,000 rows a month, half of them actual
        // (i % 48 < 24 → each month gets 1,000 actual and 1,000 budget rows); 1,000 × 0.25 mnkr
        // = 250 mnkr = 250,000,000 kr, exact in binary (0.25e6 and every partial sum are integers).
        let s = try #require(ledger?.series("ks", 2024))
        #expect(s.actual == Array(repeating: 250e6, count: 12) && s.budget == Array(repeating: 250e6, count: 12))
        let march = try #require(ledger?.rowsByMonth[Month(year: 2024, month: 3)!])
        // Line 1 is the header; row i is on line i + 2. The first actual row of 2024-03 is
        // i = 14 (month index 12 + 2), the first budget row i = 14 + 24 = 38.
        #expect(march.actualRows == 1_000 && march.budgetRows == 1_000 && march.actualLine == 16 && march.budgetLine == 40)

        // Errors in different chunks (4 × the cores), named by line, in file order; the row
        // checks' messages come after the field counts' (as the general reader logs them).
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[100] = "ks,2024-13,actual,1,4000"      // line 101
        lines[20_000] = "ks,2024-01,actual,1"        // line 20,001: 4 fields
        lines[30_000] = "xx,2024-01,actual,1,4000"   // line 30,001
        lines[40_000] = "ks,2024-01,actual,1.2.3,40" // line 40,001
        lines[47_000] = "xx,2024-02,budget,1,4000"   // unknown unit again: named once
        let (bad, badLog) = try Self.readFile(lines.joined(separator: "\n"), name: "bad.csv")
        #expect(bad != nil)
        let messages = badLog.diagnostics.map { "\($0.location!.line): \($0.message)" }
        #expect(messages == [
            "20001: row has 4 fields; the header has 5",
            "101: period '2024-13' is not a month YYYY-MM",
            "30001: unknown unit 'xx' in the ledger (did you mean 'ks'?)",
            "40001: expected an amount (a number in mnkr), found '1.2.3' in column 'amount' for ledger row",
        ], "\(messages)")
        // A structural problem deep in the file: the only message, at its line and column.
        lines[30_000] = "ks,2024-01,actual,1,\"40"
        let (refused, refusedLog) = try Self.readFile(lines.joined(separator: "\n"), name: "quote.csv")
        #expect(refused == nil && refusedLog.diagnostics.count == 1)
        #expect(refusedLog.diagnostics.first.map { "\($0.location!.line):\($0.location!.column)" } == "30001:21")
    }

    @Test("a large file that is not UTF-8 is refused as before, naming the file")
    func largeFileNotUTF8() throws {
        var bytes = Array(Self.bigLedger(rows: 40_000).utf8)
        bytes[bytes.count - 10] = 0xFF
        let dir = Scratch.folder.appendingPathComponent("prognos-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("latin1.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let log = DiagnosticLog()
        let ledger = Ledger.read(path: path, units: Self.units, limits: InputLimits(), ctx: DecodeContext(log: log, unit: .mnkr),
                                 includedFrom: nil)
        #expect(ledger == nil && log.diagnostics.map { $0.message } == ["\(path) is not UTF-8 text"])
    }
}
