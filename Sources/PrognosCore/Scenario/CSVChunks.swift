import CSV
import Foundation

/// The chunked byte-level reading of a large CSV input (issue 20 item 5, docs/decisions.md
/// "Reading a large ledger in chunks on all cores"): the bytes after the header are cut into
/// chunks at line starts, each chunk is read on its own (on all cores), and the callers merge
/// what the chunks found in chunk order, so the rows, sums and messages are the ones a reading
/// of the whole file in order gives.
///
/// Cutting at line starts is safe because `CSVScan` refuses a line break inside a quoted field
/// (one physical line is one row, and the byte-level path reads each line on its own, see
/// `CSVFastLines`): a chunk cut after a quoted field's line break only splits a file that is
/// refused anyway, and `LedgerChunksTests` checks that the refusal names the same line and column
/// whatever the cuts. A line is *plain* under the rule of `CSVFastLines` (printable ASCII, no
/// quote, no space at a field's edge) and split at the delimiter here; any other line is checked
/// by `CSVScan` and read by CSV.swift on its own (`readOther`), as `CSVFastLines` does.
enum CSVChunks {
    /// A file's bytes shared read-only by the threads reading its chunks (the owner keeps them
    /// alive until every thread has ended).
    struct Bytes: @unchecked Sendable { let p: UnsafeBufferPointer<UInt8> }

    /// What a non-plain line reads as.
    enum Other {
        /// `CSVScan`'s first problem; its line counts from the line's own line 1.
        case problem(CSVScan.Problem)
        /// CSV.swift's fields (a blank line is `[""]`).
        case fields([String])
    }

    /// A non-plain line (with its line break) as CSVScan + CSV.swift read it.
    static func readOther(_ text: String, delimiter: Character) -> Other {
        if let problem = CSVScan.check(text, delimiter: delimiter) { return .problem(problem) }
        return .fields((try? CSVReader(string: text, hasHeaderRow: false, trimFields: true,
                                       delimiter: delimiter.unicodeScalars.first!))?.next() ?? [""])
    }

    /// The header of a file on the chunked path: its delimiter (chosen as `CSVTable.parse`
    /// chooses it), its fields and where the body starts; nil for a file this path does not take
    /// (a header that is not a plain line, a blank or whitespace start, a first line whose
    /// delimiter choice would depend on Unicode; such files take `CSVTable.parse`).
    static func header(_ p: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, fields: [String], bodyStart: Int)? {
        let n = p.count
        var i = 0
        // `parse` drops a byte-order mark (one Character: the next byte must be ASCII).
        if n >= 4, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        let start = i
        // A printable, non-space first byte: the file is not blank, and the first line not empty.
        guard i < n, p[i] > 32, p[i] < 127 else { return nil }
        var semicolon = false
        while i < n, p[i] != 10, p[i] != 13 {
            guard p[i] >= 32, p[i] < 127, p[i] != 34 else { return nil }
            if p[i] == 59 { semicolon = true }
            i += 1
        }
        guard i < n else { return nil }   // a header and nothing else: `parse` says so
        let headerEnd = i
        if p[i] == 13 {
            guard i + 1 < n, p[i + 1] == 10 else { return nil }
            i += 2
            // `parse` takes the first line up to the first "\n" or "\r" *Character*, and "\r\n"
            // is neither: its first line goes on past a CRLF break. Without ';' in the header,
            // any ';' before the first lone break would make the file ';'-delimited there.
            if !semicolon {
                var k = i
                while k < n {
                    let b = p[k]
                    if b == 59 || b >= 128 { return nil }
                    if b == 10 { break }
                    if b == 13 { if k + 1 < n, p[k + 1] == 10 { k += 2; continue }; break }
                    k += 1
                }
            }
        } else {
            i += 1
        }
        let delimiter: UInt8 = semicolon ? 59 : 44
        var fields: [String] = []
        var f = start
        for k in start...headerEnd where k == headerEnd || p[k] == delimiter {
            guard k > f, p[f] != 32, p[k - 1] != 32 else { return nil }   // empty, or spaces to trim
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[f..<k]), as: UTF8.self).lowercased())
            f = k + 1
        }
        return (delimiter, fields, i)
    }

    /// `count` ranges covering `p[from...]`, each starting at a line start (after a "\n"; a
    /// "\r\n" is never cut), in order; fewer when the lines are few.
    static func chunks(_ p: UnsafeBufferPointer<UInt8>, from: Int, count: Int) -> [Range<Int>] {
        let n = p.count
        guard from < n else { return [] }
        let size = max(1, (n - from) / max(1, count))
        var out: [Range<Int>] = []
        var lo = from
        while lo < n {
            var hi = min(n, max(lo, from + (out.count + 1) * size))
            if out.count == count - 1 { hi = n }
            if hi < n {
                // The next line start at or after `hi`.
                let rest = n - hi
                if let q = memchr(p.baseAddress! + hi, 10, rest) {
                    hi = p.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self)) + 1
                } else {
                    hi = n
                }
            }
            out.append(lo..<hi)
            lo = hi
        }
        return out
    }

    /// True when `p[range]` is valid UTF-8 (a quick ASCII test first). The file's bytes are
    /// valid UTF-8 exactly when every chunk's are: chunks are cut after an ASCII "\n".
    static func isUTF8(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let raw = UnsafeRawPointer(p.baseAddress! + range.lowerBound)
        let n = range.count
        var acc: UInt64 = 0
        var k = 0
        while k + 8 <= n { acc |= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self); k += 8 }
        while k < n { acc |= UInt64(raw.load(fromByteOffset: k, as: UInt8.self)); k += 1 }
        if acc & 0x8080_8080_8080_8080 == 0 { return true }
        return String(validating: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self) != nil
    }

    /// The lines of one chunk, one at a time: a plain line's fields as byte ranges, any other
    /// line as its bytes (with the line break) for `readOther`. `line` counts the lines started
    /// in the chunk (the current line's number within it, from 1).
    struct Lines {
        let p: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        let end: Int
        var i: Int
        var line = 0
        /// Fields of the current plain line (all of them; the first `capacity` have bounds).
        var fieldCount = 0
        /// The current line's bytes, with its line break.
        var lineStart = 0, lineEnd = 0
        let capacity: Int
        private var starts: [Int], ends: [Int]

        init(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, delimiter: UInt8, capacity: Int) {
            self.p = p
            self.delimiter = delimiter
            i = range.lowerBound
            end = range.upperBound
            self.capacity = capacity
            starts = Array(repeating: 0, count: capacity)
            ends = Array(repeating: 0, count: capacity)
        }

        enum Kind { case plain, other, done }

        /// Reads the next line.
        mutating func next() -> Kind {
            guard i < end else { return .done }
            line += 1
            lineStart = i
            var plain = true
            var fieldStart = i
            var k = 0
            while i < end {
                let b = p[i]
                if b == delimiter {
                    if i > fieldStart && (p[fieldStart] == 32 || p[i - 1] == 32) { plain = false }
                    if k < capacity { starts[k] = fieldStart; ends[k] = i }
                    k += 1
                    fieldStart = i + 1
                } else if b < 32 || b > 126 || b == 34 {
                    if b == 10 || b == 13 { break }
                    plain = false
                }
                i += 1
            }
            if i > fieldStart && (p[fieldStart] == 32 || p[i - 1] == 32) { plain = false }
            if k < capacity { starts[k] = fieldStart; ends[k] = i }
            fieldCount = k + 1
            if i < end {   // the line break: \n, \r\n or \r (as CSVScan and CSV.swift read them)
                if p[i] == 13, i + 1 < end, p[i + 1] == 10 { i += 2 } else { i += 1 }
            }
            lineEnd = i
            return plain ? .plain : .other
        }

        /// Bounds of field `k` (< capacity) of the current plain line.
        @inline(__always) func field(_ k: Int) -> Range<Int> { starts[k]..<ends[k] }

        /// Field `k` of the current plain line as text.
        func text(_ k: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[field(k)]), as: UTF8.self) }

        /// The current line's bytes (with its break) as text, for `readOther`.
        var lineText: String { String(decoding: UnsafeBufferPointer(rebasing: p[lineStart..<lineEnd]), as: UTF8.self) }
    }
}
