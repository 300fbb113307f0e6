import Foundation
import Synchronization

extension OutputFile {
    /// A folder held open for many small files written into it by name: a batch's per-run
    /// files (issue 20, item 4). Each file is written as `OutputFile.write(_:to:durable: false)`
    /// writes it — a temporary file beside the target (`.NAME.PID.HEX.tmp`, created with
    /// `O_EXCL`), renamed over the target, never a partial file under the target's name — but
    /// relative to the open folder (`openat`, `renameat`), so the folder's path is not looked
    /// up, resolved and checked again for every file (those lookups were ≈ 3 % of a
    /// `sweep-1000` run). A target that already exists (a file, a link, a device, a folder)
    /// is left to `OutputFile.write` and its rules; a batch's run files are new.
    final class Directory: Sendable {
        let path: String
        private let fd: Int32
        /// The temporary names' HEX part: a counter, unique within the process (the PID part
        /// makes them unique between processes; `O_EXCL` refuses a clash anyway).
        private let counter = Atomic<UInt64>(0)
        private static let pid = ProcessInfo.processInfo.processIdentifier

        init(_ path: String) throws(InputFailure) {
            self.path = path
            fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw InputFailure(.cannotWriteOutput, "cannot write into \(path): \(OutputPath.reason(errno))") }
        }

        deinit { close(fd) }

        /// Writes `data` as the file `name` (a bare name, no slash) of this folder, atomically.
        func write(_ data: some ContiguousBytes, name: String) throws(InputFailure) {
            // The path as a user would name it, only for the slow path and messages (not built
            // for every file).
            func shown() -> String { (path as NSString).appendingPathComponent(name) }
            // A new file here; anything already there (a file whose mode is kept, a link, a
            // device, a folder) goes through `OutputFile.write` and its rules.
            var st = stat()
            if fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT {
                try OutputFile.write(data, to: shown(), durable: false)
                return
            }
            var temporary = ""
            var file: Int32 = -1
            for _ in 0..<8 where file < 0 {
                let n = counter.add(1, ordering: .relaxed).newValue
                temporary = ".\(name).\(Self.pid).\(String(n, radix: 16)).tmp"
                file = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                if file < 0, errno != EEXIST { break }
            }
            guard file >= 0 else {
                let code = errno   // before anything else can change it
                throw InputFailure(.cannotWriteOutput, "cannot write \(shown()): cannot create a file in \(path): \(OutputPath.reason(code))")
            }
            var failure = OutputFile.writeAll(file, data)
            if close(file) != 0, failure == nil { failure = errno }
            if failure == nil, renameat(fd, temporary, fd, name) != 0 { failure = errno }
            if let failure {
                unlinkat(fd, temporary, 0)
                throw InputFailure(.cannotWriteOutput, "cannot write \(shown()): \(OutputPath.reason(failure))")
            }
        }
    }
}
