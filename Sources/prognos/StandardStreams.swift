import Foundation
import PrognosCore

/// Standard output, written only through `StandardOutput.write` and every write checked
/// (spec/files.md "Errors and exit codes"):
///
/// - a reader that stopped reading (EPIPE: `prognos run x | head -1`) is a quiet end of
///   the output: no message, nothing more written to standard output, and the run goes on
///   to finish as it would (warnings on standard error, `--check-policy`'s exit 1), so the
///   exit status is the run's own: 0 for a good run. SIGPIPE is ignored so that such a
///   write returns EPIPE instead of killing the process half-way (which shells show as 141);
/// - any other failure (a full disk, `/dev/full`, a descriptor closed at start: `>&-`) is
///   exit 73 with a message on standard error, never a silent 0.
enum StandardOutput {
    /// Standard output was closed when the process started.
    nonisolated(unsafe) static var closedAtStart = false
    /// The reader went away (EPIPE): further output is dropped quietly.
    nonisolated(unsafe) static var readerGone = false

    /// Call first: ignore SIGPIPE, hold closed standard descriptors with /dev/null (so no
    /// file the run opens gets descriptor 1 and receives its output), flush stdio at exit.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
            // Opened read-only for standard output: a stray write through stdio fails (EBADF).
            let held = open("/dev/null", fd == STDERR_FILENO ? O_WRONLY : O_RDONLY)
            if held >= 0, held != fd { dup2(held, fd); close(held) }
            if fd == STDOUT_FILENO { closedAtStart = true }
        }
        atexit { StandardOutput.flushAtExit() }
    }

    static func write(_ text: String) throws(InputFailure) {
        guard !readerGone, !text.isEmpty else { return }
        if closedAtStart { throw InputFailure(.cannotWriteOutput, "cannot write to standard output: it is closed") }
        if let failure = OutputFile.writeAll(STDOUT_FILENO, Data(text.utf8)) {
            if failure == EPIPE { readerGone = true; return }
            throw InputFailure(.cannotWriteOutput, "cannot write to standard output: \(OutputPath.reason(failure))")
        }
    }

    /// What went through stdio (the argument parser's help and version) is flushed and
    /// checked at exit: a failure other than a gone reader is exit 73.
    static func flushAtExit() {
        let flushed = fflush(nil) == 0 ? 0 : errno
        guard flushed != 0, flushed != EPIPE else { return }
        let reason = closedAtStart ? "it is closed" : OutputPath.reason(flushed)
        FileHandleWriter.write("error: cannot write to standard output: \(reason)\n")
        _exit(FailureKind.cannotWriteOutput.rawValue)
    }
}
