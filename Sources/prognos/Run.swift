import ArgumentParser
import PrognosCore

/// `prognos run FILE`: compute a scenario and print or write its tables, JSON or CSV.
struct Run: PrognosCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a scenario file and print its results.")

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Run only this rate scenario (by name).")
    var scenario: String?

    @Flag(help: "Exit 1 when a finance-policy limit is broken (at V or any 31 December), naming each breach.")
    var checkPolicy = false

    @Flag(help: "Exit 65 on a reconciliation error (a printed figure the rows do not make beyond rounding), as validate does; without it the run writes everything, marks the errors and exits 0.")
    var strict = false

    @OptionGroup var common: ComputeOptions

    func validate() throws { try common.validate() }

    func execute() throws {
        try common.execute(file: file, overrides: input.overrides, limits: input.limits, scenario: scenario, simulation: .ifPresent,
                           checkPolicy: checkPolicy, strict: strict)
    }
}
