import Foundation
import Testing
@testable import PrognosCore

/// Issue 20 item 5 (loans): the chunked reading of a large loans file (`LoanChunks`) must give
/// exactly what the general reader gives (`CSVTable.parse(..., fast: false)`, i.e. CSVScan +
/// CSV.swift, then `Loan.read(csv:…)` row by row, the code `TreasuryInput.read` always ran): the
/// same loans field by field (numbers as bit patterns, locations as lines) and the same messages
/// at the same lines in the same order (the first structural problem; every wrong field count;
/// every row's duplicate id and checks, spec files.md "CSV inputs" and the loan rules T1–T7) —
/// for every way of cutting the file into chunks at line starts.
@Suite("Loans chunked reading (issue 20)")
struct LoanChunksTests {
    typealias Rng = CSVFastLinesTests.Rng

    /// A small loans file: mostly clean rows, sometimes a cell or line that breaks a rule.
    static func file(_ r: inout Rng) -> String {
        let semicolon = r.chance(0.5)
        let d = semicolon ? ";" : ","
        let breaks = r.chance(0.2) ? ["\r\n"] : r.chance(0.1) ? ["\n", "\r\n", "\r"] : ["\n"]
        var header = ["id", "type", "notional", "start", "maturity", "rate", "margin", "floor",
                      "amortization_amount", "amortization_frequency", "green", "lender"]
        if r.chance(0.3) { header += ["frequency", "day_count", "last_fixing"] }
        if r.chance(0.1) { header.append("counterparty") }
        if r.chance(0.3) { header.swapAt(0, 2) }
        if r.chance(0.04) { header[1] = r.pick(["Type", "typ", " id "]) }
        var text = (r.chance(0.05) ? "\u{FEFF}" : "") + header.joined(separator: d) + r.pick(breaks)
        let rows = Int(r.next() % 14)
        func num(_ s: String) -> String { semicolon ? s.replacingOccurrences(of: ".", with: ",") : s }
        for k in 0..<rows {
            if r.chance(0.05) { text += r.pick(["", "  ", "\t"]) + r.pick(breaks); continue }
            let fixed = r.chance(0.5)
            var cells: [String: String] = [
                "id": r.chance(0.05) ? "L1" : "L\(k + 1)", "type": fixed ? "fixed" : "floating",
                "notional": num(r.pick(["44.7", "0.006705", "100", "+2.5", "0.000001", "1234567.125"])),
                "start": r.pick(["2019-12-31", "2024-02-29", "2021-04-30"]),
                "maturity": r.pick(["2027-01-31", "2031-03-31", "2030-02-28"]),
                "rate": fixed ? num(r.pick(["0.47%", "2.01%", "-0.5%", "0%", "3.125%"])) : "",
                "margin": fixed ? "" : r.pick(["", num("0.34%"), num("0.4%")]),
                "floor": fixed ? "" : r.pick(["", "", num("0.00%")]),
                "amortization_amount": "", "amortization_frequency": "",
                "green": r.pick(["true", "false", ""]), "lender": r.pick(["Kommuninvest", "MTN", "bank", ""]),
                "frequency": r.pick(["", "3", "12", "6"]), "day_count": r.pick(["", "", "ACT/360", "30E/360"]),
                "last_fixing": fixed ? "" : r.pick(["", num("3.95%")]), "counterparty": "",
            ]
            if r.chance(0.2) {
                cells["amortization_amount"] = num(r.pick(["26.4", "0.00396", "1"]))
                cells["amortization_frequency"] = r.pick(["", "12", "6"])
            }
            if r.chance(0.3) {
                let odd: [(String, String)] = [
                    ("id", ""), ("type", "Fixed"), ("type", "fast"), ("type", ""), ("notional", ""), ("notional", "-5"),
                    ("notional", "0"), ("notional", "1e3"), ("notional", "1 234,5"), ("notional", "1.234"), ("notional", "abc"),
                    ("notional", "99999999999"), ("start", "2024-02-30"), ("start", "1899-12-31"), ("start", ""),
                    ("maturity", "2019-01-01"), ("maturity", "2024-1-1"), ("rate", "2.01"), ("rate", "25bp"), ("rate", "150%"),
                    ("rate", "%"), ("rate", "1,2,3%"), ("margin", num("0.3%")), ("floor", num("0.1%")),
                    ("amortization_amount", "0"), ("amortization_amount", "x"), ("amortization_frequency", "5"),
                    ("amortization_frequency", "12"), ("frequency", "7"), ("frequency", "03"), ("frequency", "+3"),
                    ("day_count", "ACT/999"), ("day_count", "act/365"), ("green", "yes"), ("green", "TRUE"),
                    ("lender", "Kommun\"invest"), ("lender", "\"MTN\""), ("lender", " bank "), ("lender", "Sjöbank"),
                    ("lender", "\"two\nlines\""), ("lender", "\"open"), ("counterparty", "SEB"), ("last_fixing", num("4%")),
                ]
                let (key, value) = r.pick(odd)
                cells[key] = value
            }
            var fields = header.map { cells[$0.trimmingCharacters(in: .whitespaces).lowercased()] ?? "" }
            if r.chance(0.04) { if r.chance(0.5) { fields.removeLast() } else { fields.append("9") } }
            text += fields.joined(separator: d) + (r.chance(0.92) ? r.pick(breaks) : "")
        }
        return text
    }

    /// What a reading gave: the messages, and the loans field by field (numbers as bits).
    struct Reading: Equatable {
        var messages: [String]
        var loans: [String]?
    }

    static func describe(_ loans: [Loan]?, _ log: DiagnosticLog) -> Reading {
        func bits(_ x: Double?) -> String { x.map { String($0.bitPattern, radix: 16) } ?? "-" }
        return Reading(messages: log.diagnostics.map(\.description), loans: loans.map { list in
            list.map { l in
                [l.id, l.kind.rawValue, bits(l.notional), "\(l.start)", "\(l.maturity)", bits(l.rate), bits(l.margin),
                 "\(l.frequencyMonths)", "\(l.dayCount)", bits(l.floor), bits(l.amortization?.amount),
                 "\(l.amortization?.frequencyMonths ?? 0)", "\(l.green)", l.lender ?? "-", bits(l.lastFixing),
                 l.location.map(\.description) ?? "-"].joined(separator: "|")
            }
        })
    }

    /// The duplicate-id check of `TreasuryInput.read` (ids unique across loans and swaps).
    final class Ids {
        var seen: [String: PrognosCore.SourceLocation] = [:]
        let log: DiagnosticLog
        init(_ log: DiagnosticLog) { self.log = log }
        func register(_ id: String?, _ location: PrognosCore.SourceLocation) {
            guard let id else { return }
            if let first = seen[id] {
                log.error("duplicate instrument id '\(id)' (first at \(first))", at: location)
            } else {
                seen[id] = location
            }
        }
    }

    /// The general reader (CSVScan + CSV.swift, then the rows one by one), as before the chunks.
    /// With `displayPath` naming a file that holds `text`, messages about a cell carry its column
    /// (`CSVCellColumn` reads the line again); "loans.csv" names no file, so they carry none.
    static func reference(_ text: String, displayPath: String = "loans.csv") -> Reading {
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: .mnkr)
        let ids = Ids(log)
        let table = CSVTable.parse(text, displayPath: displayPath, required: LoanChunks.required,
                                   allowed: TreasurySpecs.loanCSVColumns, rowsNeeded: "loan", log: log, fast: false)
        return describe(table.map { t in t.rows.indices.compactMap { Loan.read(csv: t, $0, ctx: ctx, register: ids.register) } }, log)
    }

    /// The chunked reader with the chunks `split` makes; nil when it leaves the file to the general reader.
    static func chunked(_ text: String, split: @escaping (UnsafeBufferPointer<UInt8>, Int) -> [Range<Int>]) -> Reading? {
        let log = DiagnosticLog()
        let ctx = DecodeContext(log: log, unit: .mnkr)
        let ids = Ids(log)
        let bytes = Array(text.utf8)
        let outcome = bytes.withUnsafeBufferPointer { p in
            LoanChunks.read(p, path: "loans.csv", ctx: ctx) { split(p, $0) }
        }
        guard case .read(var rows, _) = outcome else { return nil }
        guard rows.usable else { return describe(nil, log) }
        return describe(LoanChunks.merge(&rows, ctx: ctx, register: ids.register), log)
    }

    @Test("2,000 generated loans files, clean and malformed, cut into two chunks at every line start and into 1 … 6 chunks: the same loans (bits) and messages as the general reader")
    func generatedFilesReadAlike() {
        var r = Rng(s: 2027)
        var failures: [(String, Reading, Reading)] = []
        var taken = 0, refused = 0, withErrors = 0, clean = 0, cuts = 0
        for _ in 0..<2_000 {
            let text = Self.file(&r)
            let expected = Self.reference(text)
            var splits: [(UnsafeBufferPointer<UInt8>, Int) -> [Range<Int>]] = (1...6).map { count in
                { p, from in CSVChunks.chunks(p, from: from, count: count) }
            }
            let starts = Array(text.utf8).withUnsafeBufferPointer { p in
                CSVChunks.header(p).map { LedgerChunksTests.lineStarts(p, from: $0.bodyStart) } ?? []
            }
            for c in starts.dropFirst() { splits.append { p, from in [from..<c, c..<p.count] } }
            for split in splits {
                guard let got = Self.chunked(text, split: split) else { continue }
                cuts += 1
                if got != expected { failures.append((text, expected, got)); break }
            }
            if Self.chunked(text, split: { p, from in CSVChunks.chunks(p, from: from, count: 3) }) != nil {
                taken += 1
                if expected.loans == nil { refused += 1 } else if !expected.messages.isEmpty { withErrors += 1 } else { clean += 1 }
            }
        }
        #expect(failures.isEmpty, "first differing file: \(failures.first.map { String(reflecting: $0) } ?? "")")
        // The generator must reach the chunked path often, with refused files, row errors and clean files among them.
        #expect(taken > 1_200 && refused > 100 && withErrors > 300 && clean > 200 && cuts > 10_000,
                "\(taken) \(refused) \(withErrors) \(clean) \(cuts)")
    }

    @Test("byte-level dates, months, booleans and types agree with Literal.date, FieldReader.frequency, Literal.bool and the type check")
    func cellReadersAgree() {
        func bytes<T>(_ s: String, _ f: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T) -> T {
            let b = Array(s.utf8)
            return b.withUnsafeBufferPointer { f($0, 0..<b.count) }
        }
        // Every day of 1899-12-25 … 1900-01-05 and 2200-12-25 … 2201-01-05 plus impossible days.
        var cells = ["2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-01",
                     "20240101", "2024/01/01", "+024-01-01", "2024-01-1 "]
        for y in [1899, 1900, 2200, 2201] { for d in 1...31 { cells.append(String(format: "%04d-12-%02d", y, d)); cells.append(String(format: "%04d-01-%02d", y, d)) } }
        for c in cells {
            let expected: Day? = if case .success(let d) = Literal.date(c) { d } else { nil }
            #expect(bytes(c, LoanChunks.date) == expected, "\(c)")
        }
        for n in 0...13 {
            #expect(bytes(String(n), LoanChunks.months) == ([1, 2, 3, 4, 6, 12].contains(n) ? n : nil))
        }
        #expect(bytes("012", LoanChunks.months) == nil && bytes("06", LoanChunks.months) == 6)
        #expect(bytes("true", LoanChunks.bool) == true && bytes("false", LoanChunks.bool) == false && bytes("True", LoanChunks.bool) == nil)
        #expect(bytes("fixed", LoanChunks.kind) == .fixed && bytes("floating", LoanChunks.kind) == .floating
                && bytes("Fixed", LoanChunks.kind) == nil && bytes("float", LoanChunks.kind) == nil)
    }

    /// A loans file above the 1 MB threshold: `rows` loans `B000001 …`, alternately fixed at
    /// 2,5 % and floating at 0,4 % over STIBOR, each of 0,25 mnkr, written as Swedish Excel does.
    static func bigFile(rows: Int) -> String {
        var text = "id;type;notional;start;maturity;rate;margin;floor;amortization_amount;amortization_frequency;green;lender\n"
        text.reserveCapacity(rows * 80)
        for i in 0..<rows {
            let id = "B" + String(format: "%06d", i + 1)
            text += i % 2 == 0 ? "\(id);fixed;0,25;2022-06-30;2029-06-30;2,5%;;;;;true;Kommuninvest\n"
                               : "\(id);floating;0,25;2023-03-31;2028-03-31;;0,4%;0,00%;0,05;12;false;MTN\n"
        }
        return text
    }

    static func readFile(_ text: String, name: String) throws -> ([Loan]?, DiagnosticLog, String) {
        let dir = Scratch.folder.appendingPathComponent("prognos-loans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let log = DiagnosticLog()
        let ids = Ids(log)
        let loans = LoanChunks.read(path: path, ctx: DecodeContext(log: log, unit: .mnkr), limits: InputLimits(),
                                    includedFrom: nil, register: ids.register)
        return (loans, log, path)
    }

    @Test("a 20,000-loan file on the automatic path: loans by hand, and every bad row named at its line in file order, deep in a chunk and at chunk boundaries")
    func largeFileLoansAndErrors() throws {
        let rows = 20_000
        let text = Self.bigFile(rows: rows)
        #expect(text.utf8.count >= CSVFastLines.threshold)
        let (loans, log, _) = try Self.readFile(text, name: "big.csv")
        #expect(log.diagnostics.isEmpty)
        let all = try #require(loans)
        #expect(all.count == rows)
        // By hand: 0,25 mnkr = 250,000 kr; 2,5 % = 0.025; 0,4 % = 0.004; amortisation 0,05 mnkr = 50,000 kr
        // every 12 months; defaults (rule T1, spec treasury.md): fixed annual 30E/360, floating quarterly ACT/360.
        let fixed = all[0], floating = all[19_999]
        #expect(fixed.id == "B000001" && fixed.kind == .fixed && fixed.notional == 250_000 && fixed.rate == 0.025
                && fixed.frequencyMonths == 12 && fixed.dayCount == .thirty360 && fixed.green && fixed.lender == "Kommuninvest"
                && fixed.start == Day(year: 2022, month: 6, day: 30) && fixed.location?.line == 2 && fixed.amortization == nil)
        #expect(floating.id == "B020000" && floating.kind == .floating && floating.margin == 0.004 && floating.floor == 0
                && floating.frequencyMonths == 3 && floating.dayCount == .act360 && !floating.green
                && floating.amortization == Amortization(amount: 50_000, frequencyMonths: 12) && floating.location?.line == 20_001)
        #expect(all.map(\.notional).reduce(0, +) == 5e9)   // 20,000 × 250,000 kr, every partial sum an exact integer

        // The chunk boundaries the automatic path uses (4 × cores chunks), as line numbers.
        let boundaries = Array(text.utf8).withUnsafeBufferPointer { p -> [Int] in
            let body = CSVChunks.header(p)!.bodyStart
            return CSVChunks.chunks(p, from: body, count: 4 * ProcessInfo.processInfo.activeProcessorCount).dropFirst().map { r in
                1 + (0..<r.lowerBound).reduce(0) { $0 + (p[$1] == 10 ? 1 : 0) }   // the chunk's first line
            }
        }
        #expect(!boundaries.isEmpty)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line L holds loan B(L − 1) (line 1 is the header).
        let edge = boundaries[0]               // a chunk's first line …
        let before = edge - 1                  // … and the last line of the chunk before it
        lines[before - 1] = "B\(String(format: "%06d", before - 1));fixed;0,25;2022-06-30;2021-06-30;2,5%;;;;;true;bank"
        lines[edge - 1] = "B000003;fixed;0,25;2022-06-30;2029-06-30;2,5%;;;;;true;bank"   // a duplicate id
        lines[100] = "B000100;fixed;0,25;2022-06-30;2029-06-30;2,5;;;;;true;bank"         // line 101, no unit
        lines[15_000] = "B015000;fixed;0,25;2022-06-30;2029-06-30"                         // line 15,001: 5 fields
        lines[17_000] = "B017000;floating;1.234;2023-03-31;2028-03-31;;0,4%;;;;false;MTN"  // line 17,001
        let (bad, badLog, path) = try Self.readFile(lines.joined(separator: "\n"), name: "bad.csv")
        #expect(bad?.count == rows - 4)   // lines 101, `before`, 15,001 and 17,001 give no loan; a duplicate still does
        let messages = badLog.diagnostics.map { "\($0.location!.line): \($0.message)" }
        let expected = [
            "15001: row has 5 fields; the header has 12",
            "101: rate '2,5' has no unit; write 2,5% or 250bp in column 'rate' for loan B000100",   // as written in the ';' file
            "\(before): maturity 2021-06-30 is not after start 2022-06-30 for loan B\(String(format: "%06d", before - 1))",
            "\(edge): duplicate instrument id 'B000003' (first at \(path):4)",
            "17001: number '1.234' is ambiguous: a decimal point or a thousands separator? under ';' the decimal mark is ',' "
                + "and thousands are grouped with spaces (1 234 567,5); write 1,234 or 1 234 in column 'notional' for loan B017000",
        ]
        #expect(messages == expected, "\(messages)")
        // The same messages, in the same order, as the general reader gives for the same text.
        // (`readFile` removed its file: written again at the same path for the general reader to point into.)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(Self.reference(lines.joined(separator: "\n"), displayPath: path).messages == badLog.diagnostics.map(\.description))
        // The cell-level messages point at their cell (counted by hand): "B000100;fixed;0,25;2022-06-30;2029-06-30;"
        // is 8 + 6 + 5 + 11 + 11 = 41 characters, so the rate starts at column 42; the maturity after
        // 8 + 6 + 5 + 11 = 30, at 31; the notional after "B017000;floating;" (17), at 18. The row-level
        // messages (field count, duplicate id) have none.
        #expect(badLog.diagnostics.map(\.location!.column) == [0, 42, 31, 0, 18])

        // A stray quote deep in the file, and a quoted field running over two lines: the only
        // message, at its line and column, and no loans (never silent loss).
        var stray = lines
        stray[12_000] = "B012001;fixed;0,25;2022-06-30;2029-06-30;2,5%;;;;;true;Kommun\"invest"
        let (refused, refusedLog, _) = try Self.readFile(stray.joined(separator: "\n"), name: "quote.csv")
        #expect(refused == nil && refusedLog.diagnostics.count == 1)
        #expect(refusedLog.diagnostics.first?.location?.line == 12_001)
        #expect(refusedLog.diagnostics.map(\.description)
                == Self.reference(stray.joined(separator: "\n")).messages.map { $0.replacingOccurrences(of: "loans.csv", with: refusedLog.diagnostics.first?.location?.file ?? "") })
        var spanning = Self.bigFile(rows: rows).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        spanning[edge - 2] = "B\(String(format: "%06d", edge - 2));fixed;0,25;2022-06-30;2029-06-30;2,5%;;;;;true;\"Kommun"
        spanning[edge - 1] = "invest\""
        let (split, splitLog, _) = try Self.readFile(spanning.joined(separator: "\n"), name: "span.csv")
        #expect(split == nil && splitLog.diagnostics.count == 1)
        #expect(splitLog.diagnostics.map(\.description)
                == Self.reference(spanning.joined(separator: "\n")).messages.map { $0.replacingOccurrences(of: "loans.csv", with: splitLog.diagnostics.first?.location?.file ?? "") })
    }

    @Test("a large file that is not UTF-8 is refused as before, naming the file")
    func largeFileNotUTF8() throws {
        var bytes = Array(Self.bigFile(rows: 20_000).utf8)
        bytes[bytes.count - 10] = 0xFF
        let dir = Scratch.folder.appendingPathComponent("prognos-loans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("latin1.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let log = DiagnosticLog()
        let loans = LoanChunks.read(path: path, ctx: DecodeContext(log: log, unit: .mnkr), limits: InputLimits(),
                                    includedFrom: nil, register: Ids(log).register)
        #expect(loans == nil && log.diagnostics.map { $0.message } == ["\(path) is not UTF-8 text"])
    }
}
