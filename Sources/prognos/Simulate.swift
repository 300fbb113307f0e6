import ArgumentParser
import Foundation
import PrognosCore

/// `prognos simulate FILE`: Monte Carlo of the file's `simulation` section over its treasury.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Simulate interest-rate paths: Cost-at-Risk per year.")

    @Argument(help: "The scenario file (YAML) with treasury and simulation sections.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Number of paths (overrides simulation.paths).")
    var paths: Int?

    @Option(help: "Seed (overrides simulation.seed).")
    var seed: UInt64?

    @OptionGroup var common: ComputeOptions

    func validate() throws {
        if let paths, paths <= 0 { throw ValidationError("--paths must be positive") }
        try common.validate()
    }

    func run() throws {
        var overrides = input.overrides
        if let paths { overrides.append("simulation.paths=\(paths)") }
        if let seed { overrides.append("simulation.seed=\(seed)") }
        try common.execute(file: file, overrides: overrides, scenario: nil, simulation: .only, checkPolicy: false)
    }
}
