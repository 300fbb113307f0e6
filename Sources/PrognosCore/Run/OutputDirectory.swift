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
    /// is left to `OutputFile.write` and its rules; a batch's run files are new (the rename
    /// refuses to replace one: `renameat2` with `RENAME_NOREPLACE`).
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
            if Self.renameNoReplace == nil, exists(name) {
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
            if failure == nil {
                switch rename(temporary, to: name) {
                case .renamed: return
                case .exists:
                    unlinkat(fd, temporary, 0)
                    try OutputFile.write(data, to: shown(), durable: false)
                    return
                case .failed(let code): failure = code
                }
            }
            if let failure {
                unlinkat(fd, temporary, 0)
                throw InputFailure(.cannotWriteOutput, "cannot write \(shown()): \(OutputPath.reason(failure))")
            }
        }

        private enum Renamed { case renamed, exists, failed(Int32) }

        /// Renames `temporary` to `name` unless `name` exists: `renameat2` with
        /// `RENAME_NOREPLACE` (one call, and no moment at which a file appearing under `name`
        /// would be replaced); where the C library or the file system lacks it, a look
        /// (`fstatat`) and `renameat`.
        private func rename(_ temporary: String, to name: String) -> Renamed {
            if let renameat2 = Self.renameNoReplace {
                if renameat2(fd, temporary, fd, name, 1 /* RENAME_NOREPLACE */) == 0 { return .renamed }
                let code = errno
                if code == EEXIST { return .exists }
                if code != EINVAL && code != ENOSYS && code != ENOTSUP { return .failed(code) }
            }
            if exists(name) { return .exists }
            return renameat(fd, temporary, fd, name) == 0 ? .renamed : .failed(errno)
        }

        /// Whether anything is at `name` (a file, a link, even a dangling one, a device, a
        /// folder), or it cannot be looked at.
        private func exists(_ name: String) -> Bool {
            var st = stat()
            return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT
        }

        /// `renameat2` (glibc 2.28 and later), looked up in the C library once: Glibc's Swift
        /// module does not declare it. Nil where it is absent.
        private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        private static let renameNoReplace: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    }
}
