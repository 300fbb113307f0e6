import ArgumentParser
import PrognosCore

/// `prognos run FILE`: compute a scenario and print or write its tables, JSON or CSV.
struct Run: PrognosCommand {
    static let configuration = CommandConfiguration(abstract: "Run a scenario file and print its results.")

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Run only this rate scenario (by name).")
    var scenario: String?

    @Flag(help: "Exit 1 when a finance-policy limit is broken (at V or any 31 December), naming each breach.")
    var checkPolicy = false

    @OptionGroup var common: ComputeOptions

    func validate() throws { try common.validate() }

    func execute() throws {
        try common.execute(file: file, overrides: input.overrides, limits: input.limits, scenario: scenario, simulation: .ifPresent,
                           checkPolicy: checkPolicy)
    }
}
