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
        subcommands: [Run.self, Validate.self, BacktestCommand.self, Simulate.self, Batch.self, Merge.self, ReportCommand.self, Reference.self,
                      Compare.self, FrontierCommand.self]
    )

    /// Standard output checked (SIGPIPE ignored, closed descriptors held) before any command.
    static func main() {
        StandardOutput.prepare()
        main(nil)
    }
}

/// A prognos command. `execute()` does the work and throws an `InputFailure` for anything
/// that goes wrong; `run()`, here and nowhere else, prints the failure's diagnostics to
/// standard error and turns it into its exit code.
protocol PrognosCommand: ParsableCommand {
    func execute() throws
}

extension PrognosCommand {
    func run() throws {
        do {
            try execute()
        } catch let failure as InputFailure {
            throw failureExit(failure)
        }
    }
}

/// The exit codes (spec files.md "Errors and exit codes"): 0 success; 1 below; a failure's
/// sysexits code (`FailureKind`: 64 usage, 65 bad input, 66 input missing, 70 internal,
/// 73 output not writable); the argument parser's own 64 for a bad command line.
extension ExitCode {
    /// 1: a `--check-policy` breach, or failed runs in a batch.
    static let checkFailed = ExitCode(1)
}

/// Prints the diagnostics of a failure to standard error (the first `Diagnostic.shownErrors`
/// errors, then "… and N more errors") and gives its sysexits code.
private func failureExit(_ failure: InputFailure) -> ExitCode {
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
