import ArgumentParser
import PrognosCore

@main
struct Prognos: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prognos",
        abstract: "Financial forecasting and simulation for a municipal finance function.",
        discussion: """
        Runs scenario files (YAML): the operating statement and full-year forecast \
        (driftsammandrag, prognos helår), the treasury's interest cost under rate scenarios, \
        the internal bank, and Monte Carlo Cost-at-Risk. Exit codes: 1 policy breach, 0 success, 64 usage, 65 bad input, \
        66 input missing, 70 internal error, 73 output not writable.
        """,
        version: "0.1.0",
        subcommands: [Run.self, Validate.self, BacktestCommand.self, Simulate.self, Batch.self, Merge.self, ReportCommand.self, Reference.self]
    )

    /// Standard output checked (SIGPIPE ignored, closed descriptors held) before any command.
    static func main() {
        StandardOutput.prepare()
        main(nil)
    }
}

/// Prints the diagnostics of a failure to standard error (the first `Diagnostic.shownErrors`
/// errors, then "… and N more errors") and exits with its sysexits code.
func failureExit(_ failure: InputFailure) -> ExitCode {
    for line in Diagnostic.lines(failure.diagnostics, limit: Diagnostic.shownErrors) { printError(line) }
    return ExitCode(failure.kind.rawValue)
}

/// One message to standard error; control characters other than a newline are shown escaped.
func printError(_ line: String) {
    var stderr = StandardError()
    print(TerminalText.escaped(line, keepNewlines: true), to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.write(string)
    }
}
