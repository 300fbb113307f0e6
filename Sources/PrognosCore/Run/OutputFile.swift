import Foundation

/// Writes outputs whole or not at all: into a temporary file beside the target,
/// then renamed over it, so a failed or interrupted write leaves the old file intact.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(InputFailure) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(InputFailure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            // Plain write + rename: atomic replacement (no fsync; durability is the OS's).
            guard let handle = fopen(temporary.path, "wb") else {
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
            let closed = fclose(handle)
            guard written == data.count, closed == 0 else {
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            // rename(2) replaces the target atomically on the same file system.
            guard rename(temporary.path, url.path) == 0 else {
                throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch let failure as InputFailure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputFailure(.cannotWriteOutput, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
