import Foundation
import Testing
@testable import PrognosCore

/// Issue 20 item 5: the byte-level path for large CSV files (`CSVFastLines`) must read every
/// file exactly as the strict reader did before it (`CSVScan` + CSV.swift): the same rows with
/// the same line numbers and fields, the same errors at the same line and column, in the same
/// order. The reference here is the old path itself (`parse(..., fast: false)`), run on
/// generated files: quotes (escaped, unterminated, stray, text after a closing quote), a BOM,
/// CRLF, lone CR, blank lines, both delimiters, spaces/tabs/NBSP at field edges, non-ASCII,
/// wrong field counts and bad headers.
@Suite("CSV byte-level path (issue 20)")
struct CSVFastLinesTests {
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 {   // SplitMix64
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    }

    static let required = ["id", "type", "notional"]
    static let allowed = ["id", "type", "notional", "rate", "lender"]

    /// Pieces of a field: mostly plain, sometimes the characters that need CSV.swift or break a rule.
    static func field(_ r: inout Rng, delimiter: String) -> String {
        let plain = ["L001", "fixed", "44,7", "0,47%", "2024-03-31", "1.5", "-3", "Kommuninvest", "MTN", "", "x y", "100 000"]
        let odd = ["\"quoted\"", "\"with \"\" quote\"", " padded ", "\ttab", "Ö-lån", "1\u{00A0}234", "1\u{2009}5",
                   "\"open", "st\"ray", "\"closed\"tail", "  \"q\"  ", "\"a\"\"", "\"\"", "\"two\nlines\"", "é",
                   "\"x\" \"y\"", delimiter == ";" ? "a,b" : "a;b", "\u{FEFF}", " ", "\"\(delimiter)\""]
        return r.chance(0.75) ? r.pick(plain) : r.pick(odd)
    }

    static func file(_ r: inout Rng) -> String {
        let delimiter = r.chance(0.5) ? ";" : ","
        let breaks = r.chance(0.3) ? ["\r\n"] : r.chance(0.2) ? ["\n", "\r\n", "\r"] : ["\n"]
        var header = ["id", "type", "notional", "rate", "lender"]
        if r.chance(0.1) { header[r.pick([1, 3])] = r.pick(["Typ", "rate", "RATE", " lender ", "\"type\""]) }
        var text = (r.chance(0.1) ? "\u{FEFF}" : "") + header.joined(separator: delimiter) + r.pick(breaks)
        let rows = Int(r.next() % 12)
        for _ in 0..<rows {
            if r.chance(0.08) { text += r.pick(["", "  ", "\t"]) + r.pick(breaks); continue }
            var n = 5
            if r.chance(0.08) { n = r.pick([1, 4, 6]) }
            text += (0..<n).map { _ in field(&r, delimiter: delimiter) }.joined(separator: delimiter)
            text += r.chance(0.9) ? r.pick(breaks) : ""
        }
        return text
    }

    static func read(_ text: String, fast: Bool?) -> (CSVTable?, [String]) {
        let log = DiagnosticLog()
        let table = CSVTable.parse(text, displayPath: "f.csv", required: required, allowed: allowed,
                                   rowsNeeded: "loan", log: log, fast: fast)
        return (table, log.diagnostics.map(\.description))
    }

    static func same(_ text: String, fast: Bool? = true) -> Bool {
        let (a, la) = read(text, fast: false)
        let (b, lb) = read(text, fast: fast)
        guard la == lb, (a == nil) == (b == nil) else { return false }
        guard let a, let b else { return true }
        return a.header == b.header && a.delimiter == b.delimiter && a.rows.count == b.rows.count
            && zip(a.rows, b.rows).allSatisfy { $0.line == $1.line && $0.fields == $1.fields }
    }

    @Test("5,000 generated files, clean and malformed: same rows, lines, fields and errors as CSVScan + CSV.swift")
    func generatedFilesReadAlike() {
        var r = Rng(s: 20)
        var failures: [String] = []
        var refused = 0, read = 0
        for _ in 0..<5_000 {
            let text = Self.file(&r)
            if !Self.same(text) { failures.append(text) }
            if Self.read(text, fast: false).0 == nil { refused += 1 } else { read += 1 }
        }
        #expect(failures.isEmpty, "first differing file: \(failures.first.map { String(reflecting: $0) } ?? "")")
        // The generator must exercise both outcomes, or the comparison proves little.
        #expect(refused > 500 && read > 500)
    }

    @Test("hand-picked edge cases read alike (each one a rule of CSVScan or of CSV.swift's trimming)")
    func edgeCases() {
        let h = "id,type,notional,rate,lender\n"
        let cases = [
            h + "L1,fixed,1,2,\"K\"\"I\"\n",        // escaped quote: CSV.swift unescapes
            h + "L1,fixed,1,2, \"K\" \n",           // spaces around a quoted field are trimmed
            h + "L1,fixed, 1 ,2,K\n",               // spaces around an unquoted field are trimmed
            h + "L1,fixed,1,2,K\r\nL2,fixed,1,2,K", // CRLF, last line without a break
            h + "L1,fixed,1,2,K\rL2,fixed,1,2,K\r", // lone CR
            h + "\n\nL1,fixed,1,2,K\n\n",           // blank lines keep the line numbers
            h + "L1,fixed,1,2,\"open\n",            // unterminated quote: line 2, column 14
            h + "L1,fixed,1,2,\"K\"x\n",            // text after the closing quote
            h + "L1,fi\"xed,1,2,K\n",               // stray quote
            h + "L1,fixed,1,2\n",                   // 4 fields
            h + "L1,fixed,1,2,K,extra\n",           // 6 fields
            "\u{FEFF}" + h + "L1,fixed,1,2,K\n",    // BOM
            "id;type;notional;rate;lender\nL1;fixed;1,5;0,4%;K\n",
            h,                                      // header and no rows
            "id,type\nL1,fixed\n",                  // missing column
            "\n" + h,                               // blank first line
            h + "Ö1,fixed,1\u{00A0},2,K\n",         // NBSP at a field's edge (a Unicode space)
        ]
        for text in cases { #expect(Self.same(text), "\(String(reflecting: text))") }
    }

    @Test("the shipped ledger and loans files, and a 1.3 MB file on the automatic path, read alike")
    func shippedAndLargeFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, required, allowed) in [("ledger-ks-2019-2024.csv", ["unit", "period", "type", "amount"], Ledger.columns),
                                          ("loans-2024.csv", Self.required, TreasurySpecs.loanCSVColumns)] {
            let text = try String(contentsOf: root.appendingPathComponent("Scenarios/data/" + name), encoding: .utf8)
            let log1 = DiagnosticLog(), log2 = DiagnosticLog()
            let a = CSVTable.parse(text, displayPath: name, required: required, allowed: allowed, log: log1, fast: false)
            let b = CSVTable.parse(text, displayPath: name, required: required, allowed: allowed, log: log2, fast: true)
            #expect(a != nil && log1.diagnostics == log2.diagnostics)
            #expect(a?.rows.count == b?.rows.count && a?.rows.count == text.split(separator: "\n").count - 1)
            #expect(zip(a?.rows ?? [], b?.rows ?? []).allSatisfy { $0.line == $1.line && $0.fields == $1.fields })
        }
        // Above CSVFastLines.threshold the automatic choice is the byte-level path; one malformed
        // line deep in the file is named by its line number either way.
        var big = "id,type,notional,rate,lender\n"
        for i in 0..<40_000 { big += "L\(i),fixed,\(i),0.5,Kommuninvest\n" }
        #expect(big.utf8.count >= CSVFastLines.threshold)
        #expect(Self.same(big, fast: nil))
        #expect(Self.read(big, fast: nil).0?.rows.count == 40_000)
        let bad = big + "L9,fixed,1,2,\"Kommun\"invest\n"
        let (t, errors) = Self.read(bad, fast: nil)
        #expect(t == nil && errors == ["f.csv:40002:22: error: text after the closing quote of a field; the quote must end the field (expected ',' or the end of the line)"])
        #expect(Self.same(bad, fast: nil))
    }
}
