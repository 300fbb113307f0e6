import ArgumentParser
import Foundation
import PrognosCore

/// `prognos simulate FILE`: Monte Carlo of the file's `simulation` section over its treasury.
struct Simulate: PrognosCommand {
    static let configuration = CommandConfiguration(abstract: "Simulate interest-rate paths: Cost-at-Risk per year.")

    @Argument(help: "The scenario file (YAML) with treasury and simulation sections.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Number of paths (overrides simulation.paths).")
    var paths: Int?

    @Option(help: "Seed (overrides simulation.seed): a whole number 0 … 18446744073709551615.", transform: Simulate.parseSeed)
    var seed: UInt64?

    /// `--seed` out of range names the range (not only "invalid value").
    static func parseSeed(_ text: String) throws -> UInt64 {
        switch SimulationSettings.seed(text) {
        case .success(let v): return v
        case .failure(let e): throw ValidationError(e.message)
        }
    }

    @Option(help: ArgumentHelp("Simulate only shard K of N (0 ≤ K < N) into a part file given by --output; join with `prognos merge`.",
                               valueName: "K/N"))
    var shard: Shard?

    @OptionGroup var common: ComputeOptions

    func validate() throws {
        if let paths, paths <= 0 { throw ValidationError("--paths must be positive") }
        if shard != nil && common.output == nil { throw ValidationError("--shard writes a part file: give --output part.bin") }
        if shard != nil && common.report != nil {
            throw ValidationError("--report needs the whole simulation: merge the parts, then `prognos report result.json`")
        }
        try common.validate()
    }

    func execute() throws {
        var overrides = input.overrides
        // Errors about these values name the option (`--paths`, `--seed`), not `--set simulation.…`.
        if let paths { overrides.append(Override.option("--paths", key: "simulation.paths", value: String(paths))) }
        if let seed { overrides.append(Override.option("--seed", key: "simulation.seed", value: String(seed))) }
        guard let shard else {
            try common.execute(file: file, overrides: overrides, limits: input.limits, scenario: nil, simulation: .only, checkPolicy: false)
            return
        }
        let targets = try OutputTargets([("--output", common.output)])
        let loaded = try Scenario.load(path: file, overrides: overrides, limits: input.limits)
        try targets.check(inputs: loaded.inputFiles)
        let (data, header) = try SimulationPart.shard(loaded, shard.index, of: shard.count,
                                                      threads: common.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        try OutputFile.write(data, to: common.output!)
        printError(Message(.simulationShardWritten, .text("\(shard.index)/\(shard.count)"), .text("\(header.blockFrom)..<\(header.blockTo)"),
                           .int(header.blockCount), .text(common.output!)).text(common.lang))
        for w in loaded.warnings { printError(w.line(common.lang)) }
    }
}
