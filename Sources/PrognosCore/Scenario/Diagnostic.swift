/// Where a value came from: a file (or `--set`), a line and a column, 1-based.
/// A CSV row is a line with column 0.
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

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, the compiler convention editors understand.
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

/// Why a run stopped, as the exit code (sysexits) the CLI returns for it.
public enum FailureKind: Int32, Sendable {
    /// EX_USAGE: the command line is wrong (e.g. an output path that is an input).
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

    public func absorb(_ failure: InputFailure) {
        diagnostics.append(contentsOf: failure.diagnostics)
        if failure.kind == .missingInput { failureKind = .missingInput }
    }

    /// Throws every error collected so far, if there is one.
    public func throwIfErrors() throws(InputFailure) {
        if hasErrors { throw InputFailure(failureKind, errors) }
    }
}
