import Foundation
import PrognosCore

enum FileHandleWriter {
    /// Standard error, unchecked: a failure there cannot be reported anywhere (and
    /// FileHandle.write would trap on it).
    static func write(_ string: String) {
        _ = OutputFile.writeAll(STDERR_FILENO, Data(string.utf8))
    }
}
