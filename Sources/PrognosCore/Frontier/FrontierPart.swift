import Crypto
import Foundation

/// The statistics of a range of mixes (all of them, or a shard's, rule P5), and what the
/// frontier's output needs besides. Figures are kept as bit patterns, so a part written and
/// read back gives the single run's exact numbers; `FrontierResult.assemble` turns parts
/// into the document section, the same bytes for any sharding.
///
/// File: the 8 bytes `PROGNOSF`, the part as JSON, and the 32-byte SHA-256 of every byte
/// before it.
public struct FrontierPart: Codable, Sendable, Equatable {
    public static let magic = Array("PROGNOSF".utf8)
    public static let formatVersion = 1
    static let checksumSize = 32
    /// No part is this large (100,000 mixes with ten years each ≈ 60 MB).
    static let maxBytes = 256 << 20

    /// mean, p95, car95, es95 of the summed series, then of each counted year (bit patterns).
    public struct Statistics: Codable, Sendable, Equatable {
        public var bits: [UInt64]

        /// From one mix's values: `years` columns of `paths` values, then their sum.
        init(_ values: [Double], years ny: Int, paths: Int) {
            var out: [Double] = []
            for column in [ny] + Array(0..<ny) {
                let sample = Array(values[(column * paths)..<((column + 1) * paths)])
                let mean = PrognosCore.Statistics.mean(sample) ?? .nan
                var work = sample
                let p95 = PrognosCore.Statistics.quantiles(selecting: &work, [0.95])[0]
                var tail = 0.0, n = 0
                for v in sample where v >= p95 { tail += v; n += 1 }
                out += [mean, p95, p95 - mean, n > 0 ? tail / Double(n) : p95]
            }
            bits = out.map(\.bitPattern)
        }

        /// Column c (0 the sum, 1 + y the year y), statistic s (mean, p95, car95, es95).
        public func value(_ c: Int, _ s: Int) -> Double { Double(bitPattern: bits[4 * c + s]) }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// Grid shares in steps per candidate (nil: the file's own mix).
        public var units: [Int]?
        public var statistics: Statistics
        public var policyOK: Bool?
    }

    public struct Candidate: Codable, Sendable, Equatable { public var tenor: String; public var type: String }
    public struct OwnEntry: Codable, Sendable, Equatable { public var tenor: String; public var type: String; public var share: Double }

    public struct Setup: Codable, Sendable, Equatable {
        public var series: String
        public var years: [Int]
        public var paths: Int
        public var seed: UInt64
        public var steps: Int
        public var candidates: [Candidate]
        public var car95Limit: Double?
        public var policy: Bool
        public var assumptions: [Message]
        public var own: [OwnEntry]
    }

    public var format: Int
    public var scenarioHash: String
    public var mixCount: Int
    public var mixFrom: Int
    public var mixTo: Int
    public var name: String
    public var asOf: String?
    public var unit: String
    public var warnings: [String]
    public var setup: Setup
    public var mixes: [Outcome]
    public var current: Outcome

    /// The part file's bytes.
    public func encoded() throws(InputFailure) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data(Self.magic)
        do { data.append(try encoder.encode(self)) } catch {
            throw InputFailure(.internalError, "cannot encode the frontier part: \(error)")
        }
        data.append(contentsOf: SHA256.hash(data: data))
        return data
    }

    /// Reads and verifies a part file (magic, size, checksum, the JSON).
    public static func read(_ path: String) throws(InputFailure) -> FrontierPart {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size > maxBytes { throw InputFailure(.badInput, "\(path): \(size) bytes is larger than any frontier part (\(maxBytes))") }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let failure as InputFailure {
            throw failure
        } catch {
            throw InputFailure(.missingInput, "\(path): cannot read the part: \(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }

    static func decode(_ data: Data, path: String) throws(InputFailure) -> FrontierPart {
        guard data.count > magic.count + checksumSize, Array(data.prefix(magic.count)) == magic else {
            throw InputFailure(.badInput, "\(path): not a frontier part (expected the header PROGNOSF)")
        }
        let body = data.prefix(data.count - checksumSize)
        guard Array(SHA256.hash(data: body)) == Array(data.suffix(checksumSize)) else {
            throw InputFailure(.badInput, "\(path): checksum mismatch: the part is damaged or was changed")
        }
        do {
            let part = try JSONDecoder().decode(FrontierPart.self, from: body.dropFirst(magic.count))
            guard part.format == formatVersion else {
                throw InputFailure(.badInput, "\(path): frontier part format \(part.format); this build reads \(formatVersion)")
            }
            guard 0 <= part.mixFrom, part.mixFrom <= part.mixTo, part.mixTo <= part.mixCount,
                  part.mixes.count == part.mixTo - part.mixFrom else {
                throw InputFailure(.badInput, "\(path): the part's mix range \(part.mixFrom)..<\(part.mixTo) of \(part.mixCount) does not match its \(part.mixes.count) mixes")
            }
            return part
        } catch let failure as InputFailure {
            throw failure
        } catch {
            throw InputFailure(.badInput, "\(path): unreadable frontier part: \(error)")
        }
    }

    /// Whether a file starts like a frontier part (merge dispatches on it).
    public static func isPart(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return (try? h.read(upToCount: magic.count)).map { Array($0) == magic } ?? false
    }

    /// Joins parts of one frontier run into the whole: same scenario and settings, and
    /// together every mix exactly once.
    public static func merge(_ paths: [String]) throws(InputFailure) -> FrontierPart {
        var parts: [(String, FrontierPart)] = []
        for path in paths { parts.append((path, try read(path))) }
        parts.sort { $0.1.mixFrom < $1.1.mixFrom }
        let (firstPath, first) = parts[0]
        var next = 0
        var all: [Outcome] = []
        for (path, p) in parts {
            guard p.scenarioHash == first.scenarioHash, p.setup == first.setup, p.mixCount == first.mixCount,
                  p.current == first.current, p.name == first.name else {
                throw InputFailure(.badInput, "\(path) is not a part of the same frontier run as \(firstPath) (scenario, settings or seed differ)")
            }
            guard p.mixFrom == next else {
                throw InputFailure(.badInput, p.mixFrom < next
                                   ? "\(path): mixes \(p.mixFrom)..<\(p.mixTo) overlap another part"
                                   : "mixes \(next)..<\(p.mixFrom) are missing: no part covers them")
            }
            all += p.mixes
            next = p.mixTo
        }
        guard next == first.mixCount else {
            throw InputFailure(.badInput, "mixes \(next)..<\(first.mixCount) are missing: no part covers them")
        }
        var whole = first
        whole.mixFrom = 0
        whole.mixTo = first.mixCount
        whole.mixes = all
        return whole
    }
}
