import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if !_endian(little)
#error("simulation parts store little-endian Float64s in native order")
#endif

/// A shard of a simulation (batch.md, Beyond one machine): the per-path yearly outcomes of
/// a contiguous range of path blocks, and the band values of its band paths, with a header
/// that identifies the scenario, seed, block range and format, and a checksum. `merge`
/// joins parts into exactly the single run's statistics.
///
/// File layout (format 2): the 8 bytes `PROGNOSP`, a little-endian UInt32 format version,
/// a UInt32 header length L and a JSON header padded with spaces so that the values start
/// at a multiple of 8; then little-endian Float64s: for each series and year the outcomes
/// of paths [from, to) (4 series, or 5 with the swap book's value: header `meta.swap_market_value`), then for each grid date the STIBOR and then the funding values of
/// the band paths in that range; last the 32-byte SHA-256 of every byte before it.
///
/// A part is written straight from the simulation (the shard holds only its own paths),
/// and read by `merge` in two streaming passes: first every part is checked (header against
/// itself, the file's size and `--max-paths`; the parts against each other; checksum and
/// finite values), then the statistics are computed one series-year column at a time.
public struct SimulationPart: Sendable {
    public static let magic = Array("PROGNOSP".utf8)
    public static let formatVersion: UInt32 = 2
    static let prefixSize = 16
    static let checksumSize = 32
    /// No header is this large (a 100-year horizon's grid is ≈ 20 kB).
    static let maxHeaderBytes = 16 << 20

    public struct Header: Codable, Sendable, Equatable {
        public var format: UInt32
        public var scenarioHash: String
        public var blockCount: Int
        public var blockFrom: Int
        public var blockTo: Int
        public var meta: SimulationMeta
        /// What the JSON's top level needs: name, as_of, unit, warnings.
        public var name: String
        public var asOf: String?
        public var unit: String
        public var warnings: [String]
        /// The result's Monte Carlo (spec/result.md R6), for a scenario with a `result` section:
        /// an optional key, so parts written before it (and parts of runs without a result) read as before.
        public var result: ResultSimulationMeta?

        public init(format: UInt32, scenarioHash: String, blockCount: Int, blockFrom: Int, blockTo: Int, meta: SimulationMeta,
                    name: String, asOf: String?, unit: String, warnings: [String], result: ResultSimulationMeta? = nil) {
            self.format = format; self.scenarioHash = scenarioHash; self.blockCount = blockCount; self.blockFrom = blockFrom
            self.blockTo = blockTo; self.meta = meta; self.name = name; self.asOf = asOf; self.unit = unit; self.warnings = warnings
            self.result = result
        }
    }

    public var header: Header

    public init(header: Header) { self.header = header }

    /// Paths [from, to) of this part (for a header that passed `check`).
    public var pathRange: Range<Int> {
        let paths = header.meta.paths
        func start(_ block: Int) -> Int {
            let r = block.multipliedReportingOverflow(by: Streams.blockSize)
            return r.overflow ? paths : max(0, min(paths, r.partialValue))
        }
        return start(header.blockFrom)..<max(start(header.blockFrom), start(header.blockTo))
    }

    /// The band paths (rule S12) among them.
    public var bandRange: Range<Int> { pathRange.clamped(to: 0..<header.meta.bandPaths) }

    /// The blocks of shard `k` of `n` (0 ≤ k < n): a contiguous range; exact for any n.
    public static func blocks(shard k: Int, of n: Int, total: Int) -> Range<Int> {
        func at(_ i: Int) -> Int { n.dividingFullWidth(i.multipliedFullWidth(by: total)).quotient }
        return at(k)..<(k + 1 == n ? total : at(k + 1))
    }

    /// Where a part's values lie; every size computed without overflow (nil if it would).
    struct Layout {
        let headerLength: Int
        let count: Int
        let bandCount: Int
        let rows: Int
        let grid: Int
        let valueCount: Int
        let fileSize: Int

        init?(headerLength: Int, count: Int, bandCount: Int, series: Int, years: Int, grid: Int) {
            self.headerLength = headerLength; self.count = count; self.bandCount = bandCount; self.grid = grid
            func mul(_ a: Int, _ b: Int) -> Int? { let r = a.multipliedReportingOverflow(by: b); return r.overflow ? nil : r.partialValue }
            func add(_ a: Int, _ b: Int) -> Int? { let r = a.addingReportingOverflow(b); return r.overflow ? nil : r.partialValue }
            guard let rows = mul(series, years), let yearly = mul(rows, count), let band = mul(mul(2, bandCount) ?? -1, grid),
                  band >= 0, let values = add(yearly, band), let bytes = mul(values, 8),
                  let size = add(add(SimulationPart.prefixSize + SimulationPart.checksumSize, headerLength) ?? -1, bytes),
                  size > 0 else { return nil }
            self.rows = rows
            valueCount = values
            fileSize = size
        }

        var valuesOffset: Int { SimulationPart.prefixSize + headerLength }
        /// Byte offset of series-year row `j` (its `count` values).
        func rowOffset(_ j: Int) -> Int { valuesOffset + 8 * j * count }
        /// Byte offset of grid date g's STIBOR values (`bandCount`), the funding values after them.
        func bandOffset(_ g: Int) -> Int { valuesOffset + 8 * (rows * count + 2 * g * bandCount) }
    }

    /// The header's JSON, padded so that the values are 8-byte aligned.
    static func headerBytes(_ header: Header) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = [UInt8](try encoder.encode(header))
        while (prefixSize + json.count) % 8 != 0 { json.append(UInt8(ascii: " ")) }
        return json
    }

    /// Simulates the part's blocks straight into the part's bytes: the shard's memory is
    /// its own paths' values (and the band paths among them), not the whole run's.
    public static func simulate(_ job: SimulationJob, header: Header, threads: Int) throws(InputFailure) -> Data {
        let part = SimulationPart(header: header)
        let json: [UInt8]
        do { json = try headerBytes(header) } catch { throw InputFailure(.internalError, "could not encode the part header: \(error)") }
        guard let layout = Layout(headerLength: json.count, count: part.pathRange.count, bandCount: part.bandRange.count,
                                  series: header.meta.seriesCount, years: header.meta.years.count, grid: header.meta.gridDates.count) else {
            throw InputFailure(.badInput, "the part would be too large to address")
        }
        let size = layout.fileSize
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        var handedOver = false
        defer { if !handedOver { buffer.deallocate() } }
        buffer.copyMemory(from: magic, byteCount: 8)
        buffer.storeBytes(of: formatVersion.littleEndian, toByteOffset: 8, as: UInt32.self)
        buffer.storeBytes(of: UInt32(json.count).littleEndian, toByteOffset: 12, as: UInt32.self)
        (buffer + prefixSize).copyMemory(from: json, byteCount: json.count)
        let values = (buffer + layout.valuesOffset).bindMemory(to: Double.self, capacity: layout.valueCount)
        // Every value is written: each path writes every series-year, each band path every grid date.
        let bands = values + layout.rows * layout.count
        let out = PathOutput(yearly: values, stibor: bands, funding: bands + layout.bandCount, first: part.pathRange.lowerBound,
                             stride: layout.count, bandStride: 2 * layout.bandCount, bandPaths: header.meta.bandPaths)
        try job.simulate(blocks: header.blockFrom..<header.blockTo, into: out, threads: threads)
        let digest = SHA256.hash(data: UnsafeRawBufferPointer(start: buffer, count: size - checksumSize))
        digest.withUnsafeBytes { (buffer + size - checksumSize).copyMemory(from: $0.baseAddress!, byteCount: checksumSize) }
        handedOver = true
        return Data(bytesNoCopy: buffer, count: size, deallocator: .custom { p, _ in p.deallocate() })
    }

    // MARK: reading

    /// An open part whose header has been checked against itself and the file's size.
    final class File {
        let path: String
        let descriptor: Int32
        let part: SimulationPart
        let layout: Layout
        /// Per year: whether the average funding rate is undefined (NaN) on every path (a
        /// year without debt, rule S7); nil for a part without paths. Set by `verify`.
        var undefinedRate: [Bool]?

        init(path: String, descriptor: Int32, part: SimulationPart, layout: Layout) {
            self.path = path; self.descriptor = descriptor; self.part = part; self.layout = layout
        }

        deinit { close(descriptor) }

        /// Reads exactly `count` bytes at `offset` into `into`.
        func read(_ into: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(InputFailure) {
            var done = 0
            while done < count {
                let n = pread(descriptor, into + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw InputFailure(n == 0 ? .badInput : .missingInput,
                                       "\(path): " + (n == 0 ? "truncated while being read" : "cannot read: \(String(cString: strerror(errno)))"))
                }
                done += n
            }
        }
    }

    /// Opens a part and checks its header before anything is allocated for its values:
    /// magic, format, header length within the file, the header's fields against each
    /// other and `maxPaths`, and the file's size against the size the header implies.
    static func open(_ path: String, maxPaths: Int) throws(InputFailure) -> File {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputFailure(.missingInput, "cannot read part \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw InputFailure(.missingInput, "cannot read part \(path): not a regular file")
        }
        let size = Int(info.st_size)
        func fail(_ message: String) -> InputFailure {
            close(fd)
            return InputFailure(.badInput, "\(path): \(message)")
        }
        var prefix = [UInt8](repeating: 0, count: prefixSize)
        guard size >= prefixSize + checksumSize, pread(fd, &prefix, prefixSize, 0) == prefixSize, Array(prefix[0..<8]) == magic else {
            throw fail("not a prognos simulation part (no PROGNOSP header)")
        }
        func u32(_ at: Int) -> UInt32 { prefix[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        let version = u32(8)
        guard version == formatVersion else { throw fail("part format \(version); this build reads format \(formatVersion)") }
        let length = Int(u32(12))
        guard length <= size - prefixSize - checksumSize, length <= maxHeaderBytes else {
            throw fail("header length \(length) does not fit in the file's \(size) bytes (truncated or corrupt)")
        }
        var json = [UInt8](repeating: 0, count: length)
        guard pread(fd, &json, length, off_t(prefixSize)) == length else { throw fail("truncated header") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(json))
        } catch {
            throw fail("unreadable part header (corrupt): \(plainReason(error))")
        }
        if let problem = check(header, maxPaths: maxPaths) { throw fail(problem) }
        let part = SimulationPart(header: header)
        guard let layout = Layout(headerLength: length, count: part.pathRange.count, bandCount: part.bandRange.count,
                                  series: header.meta.seriesCount, years: header.meta.years.count, grid: header.meta.gridDates.count) else {
            throw fail("its header implies a part too large to address (corrupt)")
        }
        guard layout.fileSize == size else {
            throw fail("the file has \(size) bytes; its header (blocks \(header.blockFrom)..<\(header.blockTo)) needs \(layout.fileSize) (truncated or corrupt)")
        }
        return File(path: path, descriptor: fd, part: part, layout: layout)
    }

    /// What is wrong with a header on its own, or nil.
    static func check(_ h: Header, maxPaths: Int) -> String? {
        let meta = h.meta, paths = meta.paths
        if h.format != formatVersion { return "header format \(h.format); this build reads format \(formatVersion)" }
        guard paths >= 1 else { return "the header claims \(paths) paths" }
        guard paths <= maxPaths else { return "the header claims \(paths) paths; the limit is \(maxPaths) (rule F7; raise it with --max-paths)" }
        let blocks = paths / Streams.blockSize + (paths % Streams.blockSize > 0 ? 1 : 0)  // no overflow near Int.max
        guard h.blockCount == blocks else { return "the header claims \(h.blockCount) blocks; \(paths) paths are \(blocks) blocks" }
        guard h.blockFrom >= 0, h.blockTo >= 0 else { return "negative block range \(h.blockFrom)..<\(h.blockTo)" }
        guard h.blockFrom <= h.blockTo else { return "block range \(h.blockFrom)..<\(h.blockTo) runs backwards (from > to)" }
        guard h.blockTo <= blocks else { return "block range \(h.blockFrom)..<\(h.blockTo) reaches beyond the run's \(blocks) blocks" }
        guard (0...paths).contains(meta.bandPaths) else { return "the header claims \(meta.bandPaths) band paths of \(paths)" }
        guard (1...1000).contains(meta.years.count), meta.years.allSatisfy({ (1900...2200).contains($0) }),
              zip(meta.years, meta.years.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return "the header's years are not increasing years in 1900–2200"
        }
        guard meta.gridInMonths.count == meta.gridDates.count, meta.gridDates.count <= 100_000,
              meta.gridDates.allSatisfy({ Day(iso: $0).map { (1900...2200).contains($0.year) } ?? false }) else {
            return "the header's grid dates are not dates in 1900–2200 with one month flag each"
        }
        guard meta.curveGap.allSatisfy({ Tenor($0.tenor) != nil }) else { return "the header's curve gap has an unreadable tenor" }
        return nil
    }

    /// Reads the whole part once: the checksum over every byte before it, and every value
    /// finite (the average funding rate may be undefined — NaN — on every path of a year
    /// without debt, as the engine writes it; the funding values at grid dates outside the
    /// output months are not used). Holds one row of the part at a time.
    static func verify(_ file: File) throws(InputFailure) {
        let layout = file.layout, meta = file.part.header.meta
        var hasher = SHA256()
        var prefix = [UInt8](repeating: 0, count: layout.valuesOffset)
        try typed { try prefix.withUnsafeMutableBytes { b in try file.read(b.baseAddress!, count: b.count, at: 0) } }
        hasher.update(data: prefix)
        let ny = meta.years.count
        var problem: String?
        var undefined = [Bool](repeating: false, count: ny)
        var row = [Double](repeating: 0, count: max(layout.count, 2 * layout.bandCount))
        try typed { try row.withUnsafeMutableBufferPointer { b in
            let p = b.baseAddress!
            func take(_ n: Int, at offset: Int) throws(InputFailure) -> UnsafeBufferPointer<Double> {
                try file.read(p, count: 8 * n, at: offset)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: p, count: 8 * n))
                return UnsafeBufferPointer(start: p, count: n)
            }
            for j in 0..<layout.rows {
                let values = try take(layout.count, at: layout.rowOffset(j))
                guard problem == nil, let bad = values.firstIndex(where: { !$0.isFinite }) else { continue }
                let s = j / ny, y = j % ny
                if s == 3 && values.allSatisfy({ $0.isNaN }) { undefined[y] = true; continue }
                problem = "non-finite outcome \(values[bad]) (\(SimulationRun.allSeries[s]) \(meta.years[y]), path \(file.part.pathRange.lowerBound + bad))"
            }
            for g in 0..<layout.grid {
                let values = try take(2 * layout.bandCount, at: layout.bandOffset(g))
                guard problem == nil else { continue }
                let used = meta.gridInMonths[g] ? values[...] : values[..<layout.bandCount]
                if let bad = used.firstIndex(where: { !$0.isFinite }) {
                    let isStibor = bad < layout.bandCount
                    problem = "non-finite \(isStibor ? "STIBOR" : "funding rate") band value \(values[bad]) (\(meta.gridDates[g]), path \(file.part.bandRange.lowerBound + (isStibor ? bad : bad - layout.bandCount)))"
                }
            }
        } }
        var stored = [UInt8](repeating: 0, count: checksumSize)
        try typed { try stored.withUnsafeMutableBytes { b in try file.read(b.baseAddress!, count: checksumSize, at: layout.fileSize - checksumSize) } }
        guard Array(hasher.finalize()) == stored else {
            throw InputFailure(.badInput, "\(file.path): checksum mismatch: the part's contents are not what its shard wrote (corrupt or edited)")
        }
        if let problem { throw InputFailure(.badInput, "\(file.path): \(problem); a part must hold finite outcomes") }
        file.undefinedRate = layout.count > 0 ? undefined : nil
    }
}

/// Runs a closure of the standard library's untyped-rethrowing kind whose only error is an `InputFailure`.
private func typed<T>(_ body: () throws -> T) throws(InputFailure) -> T {
    do { return try body() } catch let failure as InputFailure { throw failure } catch {
        throw InputFailure(.internalError, "\(error)")
    }
}

extension SimulationPart {
    /// Recomputes a part's checksum over its bytes (after an edit): for tests and the fuzz
    /// target, which craft parts that only the other checks can refuse.
    public static func seal(_ data: inout Data) {
        guard data.count >= checksumSize else { return }
        let digest = SHA256.hash(data: data.prefix(data.count - checksumSize))
        data.replaceSubrange((data.count - checksumSize)..., with: Array(digest))
    }

    /// Joins the part files into the single run's statistics: every part checked first
    /// (`open`, the parts against each other, `verify`), then one series-year column at a
    /// time read from the files. Errors name the part and what is wrong (exit 65; a part
    /// that cannot be read, 66).
    public static func merge(_ paths: [String], maxPaths: Int) throws(InputFailure) -> (SimulationRun, Header) {
        guard !paths.isEmpty else { throw InputFailure(.badInput, "no parts to merge") }
        var files: [File] = []
        for path in paths { files.append(try open(path, maxPaths: maxPaths)) }
        let first = files[0], h0 = first.part.header
        for file in files.dropFirst() {
            let h = file.part.header
            if h.scenarioHash != h0.scenarioHash {
                throw InputFailure(.badInput, "\(file.path) is from a different scenario (fingerprint \(h.scenarioHash), \(first.path) has \(h0.scenarioHash))")
            }
            if h.meta.settings.seed != h0.meta.settings.seed {
                throw InputFailure(.badInput, "\(file.path) has seed \(h.meta.settings.seed), \(first.path) has \(h0.meta.settings.seed)")
            }
            var same = h
            same.blockFrom = h0.blockFrom; same.blockTo = h0.blockTo
            if same != h0 {
                throw InputFailure(.badInput, "\(file.path) has other simulation settings than \(first.path) (not parts of one run)")
            }
        }
        // Coverage: sorted by range, each part must start where the previous ones ended.
        let sorted = files.filter { !$0.part.pathRange.isEmpty }.sorted { $0.part.header.blockFrom < $1.part.header.blockFrom }
        var next = 0, previous: File?
        for file in sorted {
            let h = file.part.header
            if h.blockFrom < next, let previous {
                throw InputFailure(.badInput, "blocks \(Counted.range(h.blockFrom, min(next, h.blockTo))) (counted from 1) are in both \(previous.path) and \(file.path) (overlapping parts)")
            }
            if h.blockFrom > next {
                throw InputFailure(.badInput, "missing blocks \(Counted.range(next, h.blockFrom)) of \(h0.blockCount) (counted from 1): a part is absent (before \(file.path))")
            }
            next = h.blockTo
            previous = file
        }
        if next < h0.blockCount {
            throw InputFailure(.badInput, "missing blocks \(Counted.range(next, h0.blockCount)) of \(h0.blockCount) (counted from 1): a part is absent")
        }
        for file in files { try verify(file) }
        // A year's funding rate is undefined on every path or on none.
        let rated = sorted.compactMap { f in f.undefinedRate.map { (f, $0) } }
        if let (f0, u0) = rated.first, let (f, _) = rated.first(where: { $0.1 != u0 }) {
            throw InputFailure(.badInput, "\(f.path) and \(f0.path) disagree on which years' funding rate is undefined (not parts of one run)")
        }
        let meta = h0.meta, bandPaths = meta.bandPaths
        let run = try SimulationRun.summarize(meta: meta, column: { (j) throws(InputFailure) -> [Double] in
            var column = [Double](repeating: 0, count: meta.paths)
            try typed { try column.withUnsafeMutableBufferPointer { b in
                for file in sorted {
                    let r = file.part.pathRange
                    try file.read(b.baseAddress! + r.lowerBound, count: 8 * r.count, at: file.layout.rowOffset(j))
                }
            } }
            return column
        }, band: { (g) throws(InputFailure) -> (stibor: [Double], funding: [Double]) in
            var stibor = [Double](repeating: 0, count: bandPaths), funding = stibor
            try typed { try stibor.withUnsafeMutableBufferPointer { s in
                try funding.withUnsafeMutableBufferPointer { f in
                    for file in sorted where !file.part.bandRange.isEmpty {
                        let r = file.part.bandRange, at = file.layout.bandOffset(g)
                        try file.read(s.baseAddress! + r.lowerBound, count: 8 * r.count, at: at)
                        try file.read(f.baseAddress! + r.lowerBound, count: 8 * r.count, at: at + 8 * r.count)
                    }
                }
            } }
            return (stibor, funding)
        })
        return (run, h0)
    }
}
