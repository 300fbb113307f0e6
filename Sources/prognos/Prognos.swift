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

/// Prints every diagnostic of a failure to standard error and exits with its sysexits code.
func failureExit(_ failure: InputFailure) -> ExitCode {
    for d in failure.diagnostics { printError(d.description) }
    return ExitCode(failure.kind.rawValue)
}

func printError(_ line: String) {
    var stderr = StandardError()
    print(line, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.write(string)
    }
}
