import Foundation

/// Writes outputs whole or not at all, and never destroys what they replace
/// (spec/files.md "Errors and exit codes"):
///
/// - a regular file (or a new one) is replaced atomically: the bytes go into a temporary
///   file beside it, which is synced (`fsync`), renamed over the target, and the folder is
///   synced, so a failed or interrupted write leaves the old file intact. A replaced file
///   keeps its permissions (mode; and, best effort, its owner and group); a new file gets
///   0666 less the umask, like any file a shell redirection creates;
/// - a target that exists and is not a regular file (a device such as `/dev/null`, a FIFO)
///   is written through: opened for writing without truncation or creation, never
///   replaced. A folder or a socket is refused;
/// - a symbolic link is followed to the file it names, and the rules apply to that file:
///   the link stays a link (a dangling link's target is created);
/// - every failure is exit 73 with the path and the system's reason, and leaves no
///   temporary file behind.
public enum OutputFile {
    public static func write(_ text: String, to path: String, durable: Bool = true) throws(InputFailure) {
        try write(Data(text.utf8), to: path, durable: durable)
    }

    /// `durable: false` skips the two `fsync`s (about 6 ms a file on this project's ext4
    /// test machine): still atomic against a crash of the process, not against a power
    /// cut. For many small files whose loss is detected and repaired anyway (a batch's
    /// per-run files, checked by `--resume`); every user-named output stays durable.
    /// Makes everything written so far durable (sync(2)): once at the end of a batch whose
    /// many per-run files were written with `durable: false`.
    public static func syncFileSystems() { sync() }

    /// `data`: any contiguous bytes (`Data`, `[UInt8]`), written as they are.
    public static func write(_ data: some ContiguousBytes, to path: String, durable: Bool = true) throws(InputFailure) {
        guard !path.isEmpty else { throw InputFailure(.usage, "an output path is empty: name the file to write") }
        guard !path.hasSuffix("/") else { throw InputFailure(.cannotWriteOutput, "cannot write \(path): it names a folder") }
        let target = try OutputPath.resolve(path)
        var st = stat()
        if stat(target, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                try replace(target, with: data, named: path, keeping: st, durable: durable)
            case S_IFDIR:
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): it is a folder")
            case S_IFSOCK:
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): it is a socket")
            default:
                try writeThrough(path, data)
            }
        } else if errno == ENOENT {
            try replace(target, with: data, named: path, keeping: nil, durable: durable)
        } else {
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(OutputPath.reason(errno))")
        }
    }

    /// A device or FIFO: opened as it is (no `O_CREAT`, no `O_TRUNC`) and written.
    private static func writeThrough(_ path: String, _ data: some ContiguousBytes) throws(InputFailure) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(OutputPath.reason(errno))") }
        let written = writeAll(fd, data)
        let closed = close(fd) == 0 ? 0 : errno
        if let failure = written ?? (closed != 0 ? closed : nil) {
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(OutputPath.reason(failure))")
        }
    }

    /// A regular file or a new one: temporary file beside it, fsync, rename, fsync the folder.
    /// The temporary file beside `name` while it is written: `.NAME.PID.HEX.tmp`.
    static func temporaryName(for name: String) -> String {
        ".\(name).\(ProcessInfo.processInfo.processIdentifier).\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).tmp"
    }

    /// Whether `name` is a temporary file a killed write left (`temporaryName`): a folder
    /// that is cleaned on `--resume` removes exactly these.
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        let pid = parts[parts.count - 2], random = parts[parts.count - 1]
        return !pid.isEmpty && pid.allSatisfy(\.isNumber) && !random.isEmpty && random.allSatisfy(\.isHexDigit)
    }

    private static func replace(_ target: String, with data: some ContiguousBytes, named path: String, keeping old: stat?, durable: Bool) throws(InputFailure) {
        let (folder, name) = OutputPath.split(target)
        var dst = stat()
        guard stat(folder, &dst) == 0, dst.st_mode & S_IFMT == S_IFDIR else {
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): folder \(folder) does not exist")
        }
        let temporary = (folder as NSString).appendingPathComponent(temporaryName(for: name))
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): cannot create a file in \(folder): \(OutputPath.reason(errno))")
        }
        var failure: Int32?
        if let old {
            if old.st_uid != getuid() || old.st_gid != getgid() {
                _ = fchown(fd, old.st_uid, old.st_gid)   // best effort: only root may give a file away
            }
            // The replaced file's mode, not the umask's: a 600 file stays 600.
            if fchmod(fd, old.st_mode & 0o7777) != 0 { failure = errno }
        }
        if failure == nil { failure = writeAll(fd, data) }
        if failure == nil, durable, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, target) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(OutputPath.reason(failure))")
        }
        // The rename is durable once the folder is synced. Some file systems cannot sync a
        // folder (EINVAL); the file itself is already synced then.
        guard durable else { return }
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            let synced = fsync(dfd) == 0 ? 0 : errno
            close(dfd)
            if synced != 0, synced != EINVAL, synced != ENOTSUP {
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): syncing folder \(folder): \(OutputPath.reason(synced))")
            }
        }
    }

    /// Writes every byte (partial writes and EINTR retried); the errno of a failure, or nil.
    public static func writeAll(_ fd: Int32, _ data: some ContiguousBytes) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard var p = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let n = Foundation.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return EIO }
                p += n
                left -= n
            }
            return nil
        }
    }
}

/// Paths of outputs: symbolic links followed, the system's reasons as plain text.
public enum OutputPath {
    /// `path` with its last component's symbolic links followed (a chain of them; a
    /// dangling one gives the path it names). Links in the folders above need no
    /// following: the system follows them when the file is opened or renamed.
    public static func resolve(_ path: String) throws(InputFailure) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, Int(PATH_MAX))
            guard n > 0 else { return current }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : ((split(current).folder as NSString).appendingPathComponent(link))
        }
        throw InputFailure(.cannotWriteOutput, "cannot write \(path): a loop of symbolic links")
    }

    /// The folder (`.` for a bare name) and the last component.
    static func split(_ path: String) -> (folder: String, name: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
        let folder = String(trimmed[..<slash])
        return (folder.isEmpty ? "/" : folder, String(trimmed[trimmed.index(after: slash)...]))
    }

    /// The system's reason for `code` ("No space left on device"), never Foundation's.
    public static func reason(_ code: Int32) -> String {
        if code == ELOOP { return "a loop of symbolic links" }
        return String(cString: strerror(code))
    }
}
