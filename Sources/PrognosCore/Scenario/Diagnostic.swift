import Foundation

/// Where a value came from: a file (or `--set`), a line and a column, 1-based.
/// A message about a whole CSV row has column 0; one about a cell has the cell's column
/// (`CSVCellColumn`).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if line <= 0 { return file }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}

/// One message about the input: an error (the run cannot go on) or a warning.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let location: SourceLocation?
    public let message: String
    /// The catalogue's message (code and parameters) when the text is one (Messages/Catalogue.swift);
    /// `message` is then its English text.
    public internal(set) var catalogued: Message? = nil

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, the compiler convention editors understand.
    /// One line, always: control characters from the input (a name with an ESC sequence, a
    /// newline that would fake a second message) are shown escaped (`TerminalText`).
    public var description: String {
        if let location { return TerminalText.escaped("\(location): \(severity.rawValue): \(message)") }
        return TerminalText.escaped("\(severity.rawValue): \(message)")
    }

    /// How many errors a command prints before it stops listing them (`run`, `simulate`, …):
    /// a file that is not a scenario is not echoed back line by line.
    public static let shownErrors = 10
    /// The same for `prognos validate`, whose job is to list errors: larger, still bounded.
    public static let shownErrorsValidate = 200

    /// The lines to print for `diagnostics`: the first `limit` errors (every warning), then
    /// `… and N more errors`.
    public static func lines(_ diagnostics: [Diagnostic], limit: Int) -> [String] {
        var out: [String] = [], errors = 0
        for d in diagnostics {
            if d.severity == .error {
                errors += 1
                if errors > limit { continue }
            }
            out.append(d.description)
        }
        if errors > limit { out.append("… and \(errors - limit) more error\(errors - limit == 1 ? "" : "s")") }
        return out
    }
}

/// A Foundation or system error in words a person can use: the debug description that
/// JSONSerialization and friends carry ("Unexpected end of file…"), the POSIX reason
/// (`strerror`) of an underlying errno, never the "Error Domain=NSCocoaErrorDomain Code=…"
/// dump nor the generic "The operation could not be completed".
public func plainReason(_ error: any Error) -> String {
    if let failure = error as? InputFailure { return failure.diagnostics.map(\.message).joined(separator: "; ") }
    if let decoding = error as? DecodingError { return plainReason(decoding) }
    let ns = error as NSError
    if let debug = ns.userInfo[NSDebugDescriptionErrorKey] as? String, !debug.isEmpty {
        return debug.hasSuffix(".") ? String(debug.dropLast()) : debug
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSPropertyListReadCorruptError: return "the data is not in the expected format"
        default: return "system error \(ns.code)"
        }
    }
    return String(describing: error)
}

/// A `Codable` decoding failure in words: which key is missing or of the wrong type, and
/// where ("meta.paths"), never Swift's `DecodingError.keyNotFound(CodingKeys(…))` dump.
func plainReason(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
        let all = keys + (last.map { [$0] } ?? [])
        let text = all.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "the key '\(path(context.codingPath, key))' is missing"
    case .typeMismatch(let type, let context):
        return "'\(path(context.codingPath))' is not \(typeName(type))"
    case .valueNotFound(let type, let context):
        return "'\(path(context.codingPath))' is null where \(typeName(type)) is expected"
    case .dataCorrupted(let context):
        if let underlying = context.underlyingError { return "not valid JSON (\(plainReason(underlying)))" }
        return context.codingPath.isEmpty ? "not valid JSON" : "'\(path(context.codingPath))' has an impossible value"
    @unknown default:
        return "not in the expected format"
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type, is Int32.Type, is UInt32.Type, is UInt64.Type: return "a whole number"
    case is Double.Type: return "a number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
    }
}

/// Why a run stopped, as the exit code (sysexits) the CLI returns for it.
public enum FailureKind: Int32, Sendable {
    /// EX_USAGE: the command line asks for something that cannot be done as given.
    case usage = 64
    /// EX_DATAERR: the input is wrong.
    case badInput = 65
    /// EX_NOINPUT: an input file is missing or unreadable.
    case missingInput = 66
    /// EX_SOFTWARE: a bug in Prognos.
    case internalError = 70
    /// EX_CANTCREAT: an output cannot be written.
    case cannotWriteOutput = 73
}

/// A failed load or run: every error found (not only the first), and why.
public struct InputFailure: Error, Sendable, CustomStringConvertible {
    public let kind: FailureKind
    public let diagnostics: [Diagnostic]

    public init(_ kind: FailureKind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public init(_ kind: FailureKind, _ message: String, at location: SourceLocation? = nil) {
        self.init(kind, [Diagnostic(.error, message, at: location)])
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a file is read, so `validate` can report every error.
public final class DiagnosticLog {
    public private(set) var diagnostics: [Diagnostic] = []
    /// The worst failure seen so far (a missing include outranks bad data).
    public private(set) var failureKind: FailureKind = .badInput

    public init() {}

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    public func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    /// A warning from the message catalogue (its text follows `--lang`).
    public func warning(_ message: Message, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    public func absorb(_ failure: InputFailure) {
        diagnostics.append(contentsOf: failure.diagnostics)
        if failure.kind == .missingInput { failureKind = .missingInput }
    }

    /// Throws every error collected so far, if there is one.
    public func throwIfErrors() throws(InputFailure) {
        if hasErrors { throw InputFailure(failureKind, errors) }
    }
}
