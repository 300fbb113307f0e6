import ArgumentParser
import PrognosCore

/// `prognos validate FILE…`: read and check every file, report every error found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check scenario files and report every error.")

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @OptionGroup var scenario: ScenarioOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var worst: FailureKind?
        for file in files {
            do {
                let loaded = try Scenario.load(path: file, overrides: scenario.overrides)
                let result = try ScenarioRun.compute(loaded)
                for w in result.warnings { printError(w.description) }
                if result.failures.isEmpty {
                    print("\(file): ok")
                } else {
                    for d in result.failures { printError(d.description) }
                    worst = worst ?? .badInput
                }
            } catch {
                let failure = error
                for d in failure.diagnostics { printError(d.description) }
                if worst == nil || failure.kind == .missingInput { worst = failure.kind }
            }
        }
        if let worst { throw ExitCode(worst.rawValue) }
    }
}
