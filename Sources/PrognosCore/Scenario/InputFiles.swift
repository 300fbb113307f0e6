import Crypto
import Foundation
import Synchronization

/// A file a run read: the scenario, an include, a CSV, a manifest. Its identity on disk
/// (device and inode, so an output path can be compared with the inputs however it is
/// spelled) and the SHA-256 of its bytes (so a batch knows what its results came from).
public struct InputFile: Sendable, Hashable, Codable {
    /// The path as the run names it in messages.
    public let path: String
    /// The path with symbolic links resolved.
    public let resolved: String
    public let device: UInt64
    public let inode: UInt64
    /// SHA-256 of the content, lower-case hex.
    public let sha256: String

    /// The record of a file just read as `data`.
    static func make(path: String, data: Data) -> InputFile {
        make(path: path, sha256: Checksum.sha256(data))
    }

    /// The record of a file whose content's SHA-256 is `sha256`.
    static func make(path: String, sha256: String) -> InputFile {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var st = stat()
        let known = stat(resolved, &st) == 0
        return InputFile(path: path, resolved: resolved, device: known ? UInt64(st.st_dev) : 0,
                         inode: known ? UInt64(st.st_ino) : 0, sha256: sha256)
    }
}

/// SHA-256 (swift-crypto) as lower-case hex.
public enum Checksum {
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String { hex(SHA256.hash(data: bytes)) }

    /// The digest in lower-case hexadecimal, two digits a byte (what `String(format: "%02x")`
    /// per byte gave; formatting through Foundation cost 2 % of a `sweep-1000` run, which
    /// checksums its files and cells).
    static func hex<D: Sequence<UInt8>>(_ digest: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Collects the files read while a scenario (or manifest) is loaded. Reads record into
/// the collector of the current task (`InputFileLog.$current`), so no reader needs to
/// pass it along; cached reads record the file they stand for.
public final class InputFileLog: Sendable {
    @TaskLocal public static var current: InputFileLog?

    private let files = Mutex<[InputFile]>([])

    public init() {}

    func record(_ file: InputFile) {
        files.withLock { list in
            // By bytes: an NFC and an NFD spelling of a name are two files.
            if !list.contains(where: { $0.resolved.utf8.elementsEqual(file.resolved.utf8) }) { list.append(file) }
        }
    }

    /// Every file read, once each, in the order first read.
    public var all: [InputFile] { files.withLock { $0 } }

    /// Runs `body` with a new collector and returns its result with the files it read.
    public static func collecting<T>(_ body: () throws(InputFailure) -> T) throws(InputFailure) -> (T, [InputFile]) {
        let log = InputFileLog()
        let result = $current.withValue(log) { () -> Result<T, InputFailure> in
            do throws(InputFailure) { return .success(try body()) } catch { return .failure(error) }
        }
        return (try result.get(), log.all)
    }
}
