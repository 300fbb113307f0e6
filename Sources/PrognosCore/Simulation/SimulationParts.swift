import Foundation

/// A shard of a simulation (batch.md, Beyond one machine): the per-path yearly outcomes of
/// a contiguous range of path blocks, and the band values of its band paths, with a header
/// that identifies the scenario, seed, block range and format. `merge` joins parts into
/// exactly the single run's statistics.
///
/// File layout: the 8 bytes `PROGNOSP`, a little-endian UInt32 format version (1), a
/// UInt32 header length and a JSON header, then little-endian Float64s: for each series and
/// year the outcomes of paths [from, to), then for each grid date the STIBOR and funding
/// values of the band paths in that range.
public struct SimulationPart: Sendable {
    public static let magic = Array("PROGNOSP".utf8)
    public static let formatVersion: UInt32 = 1

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

        public init(format: UInt32, scenarioHash: String, blockCount: Int, blockFrom: Int, blockTo: Int, meta: SimulationMeta,
                    name: String, asOf: String?, unit: String, warnings: [String]) {
            self.format = format; self.scenarioHash = scenarioHash; self.blockCount = blockCount; self.blockFrom = blockFrom
            self.blockTo = blockTo; self.meta = meta; self.name = name; self.asOf = asOf; self.unit = unit; self.warnings = warnings
        }
    }

    public var header: Header
    /// Paths [from, to) of this part.
    public var pathRange: Range<Int> {
        (header.blockFrom * Streams.blockSize)..<min(header.meta.paths, header.blockTo * Streams.blockSize)
    }

    /// The blocks of shard `k` of `n`: a contiguous range.
    public static func blocks(shard k: Int, of n: Int, total: Int) -> Range<Int> {
        (k * total / n)..<((k + 1) * total / n)
    }

    /// The part's bytes, from the raw arrays (only its paths are written).
    public static func encode(_ header: Header, raw: SimulationRaw) throws -> Data {
        var data = Data(magic)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        put(formatVersion)
        put(UInt32(json.count))
        data.append(json)
        let part = SimulationPart(header: header)
        let paths = header.meta.paths, ny = header.meta.years.count, bp = header.meta.bandPaths
        let r = part.pathRange
        func putDoubles(_ values: ArraySlice<Double>) {
            for v in values { put(v.bitPattern) }
        }
        for row in 0..<(4 * ny) { putDoubles(raw.yearly[(row * paths + r.lowerBound)..<(row * paths + r.upperBound)]) }
        let band = r.clamped(to: 0..<bp)
        for g in 0..<header.meta.gridDates.count {
            putDoubles(raw.stibor[(g * bp + band.lowerBound)..<(g * bp + band.upperBound)])
            putDoubles(raw.funding[(g * bp + band.lowerBound)..<(g * bp + band.upperBound)])
        }
        return data
    }

    /// Reads a part; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws(InputFailure) -> (SimulationPart, Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
            throw InputFailure(.badInput, "\(file) is not a prognos simulation part (no PROGNOSP header)")
        }
        func u32(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        let version = u32(8)
        guard version == formatVersion else {
            throw InputFailure(.badInput, "\(file) has part format \(version); this build reads format \(formatVersion)")
        }
        let length = Int(u32(12))
        guard bytes.count >= 16 + length else { throw InputFailure(.badInput, "\(file) is truncated") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[16..<(16 + length)]))
        } catch {
            throw InputFailure(.badInput, "\(file): unreadable part header: \(error)")
        }
        let part = SimulationPart(header: header)
        let count = part.pathRange.count, bp = header.meta.bandPaths
        let band = part.pathRange.clamped(to: 0..<bp).count
        let expected = 8 * (4 * header.meta.years.count * count + 2 * header.meta.gridDates.count * band)
        guard bytes.count - 16 - length == expected else {
            throw InputFailure(.badInput, "\(file) holds \(bytes.count - 16 - length) bytes of values; its header needs \(expected) (truncated or corrupt)")
        }
        return (part, Data(bytes[(16 + length)...]))
    }

    /// Joins parts into the complete raw values: same scenario, seed and format, blocks
    /// disjoint and covering every block — else an error naming the problem.
    public static func merge(_ files: [(file: String, data: Data)]) throws(InputFailure) -> (SimulationRaw, Header) {
        guard !files.isEmpty else { throw InputFailure(.badInput, "no parts to merge") }
        var parts: [(String, SimulationPart, Data)] = []
        for (file, data) in files {
            let (part, values) = try decode(data, file: file)
            parts.append((file, part, values))
        }
        let first = parts[0].1.header
        for (file, part, _) in parts.dropFirst() {
            let h = part.header
            if h.scenarioHash != first.scenarioHash {
                throw InputFailure(.badInput, "\(file) is from a different scenario (hash \(h.scenarioHash), \(parts[0].0) has \(first.scenarioHash))")
            }
            if h.meta.settings.seed != first.meta.settings.seed {
                throw InputFailure(.badInput, "\(file) has seed \(h.meta.settings.seed), \(parts[0].0) has \(first.meta.settings.seed)")
            }
            if h.meta != first.meta || h.blockCount != first.blockCount {
                throw InputFailure(.badInput, "\(file) has other simulation settings than \(parts[0].0)")
            }
        }
        var owner = [String?](repeating: nil, count: first.blockCount)
        for (file, part, _) in parts {
            for b in part.header.blockFrom..<part.header.blockTo {
                guard b >= 0 && b < owner.count else { throw InputFailure(.badInput, "\(file) has block \(b) outside 0..<\(owner.count)") }
                if let other = owner[b] { throw InputFailure(.badInput, "block \(b) is in both \(other) and \(file) (overlapping parts)") }
                owner[b] = file
            }
        }
        let missing = owner.indices.filter { owner[$0] == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(5).map(String.init).joined(separator: ", ")
            throw InputFailure(.badInput, "missing blocks \(shown)\(missing.count > 5 ? ", …" : "") of \(first.blockCount): a part is absent")
        }
        let meta = first.meta, paths = meta.paths, ny = meta.years.count, bp = meta.bandPaths
        var raw = SimulationRaw(meta: meta, yearly: Array(repeating: 0, count: 4 * ny * paths),
                                stibor: Array(repeating: 0, count: meta.gridDates.count * bp),
                                funding: Array(repeating: 0, count: meta.gridDates.count * bp))
        for (_, part, values) in parts {
            let r = part.pathRange, band = r.clamped(to: 0..<bp)
            var offset = 0
            func next() -> Double {
                let v = values.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
                offset += 8
                return Double(bitPattern: UInt64(littleEndian: v))
            }
            for row in 0..<(4 * ny) { for p in r { raw.yearly[row * paths + p] = next() } }
            for g in 0..<meta.gridDates.count {
                for p in band { raw.stibor[g * bp + p] = next() }
                for p in band { raw.funding[g * bp + p] = next() }
            }
        }
        return (raw, first)
    }
}
