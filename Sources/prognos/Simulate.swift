import ArgumentParser
import Foundation
import PrognosCore

/// `prognos simulate FILE`: Monte Carlo of the file's `simulation` section over its treasury.
struct Simulate: PrognosCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Simulate interest-rate paths: Cost-at-Risk per year.")

    @Argument(help: "The scenario file (YAML) with treasury and simulation sections.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @OptionGroup var simulation: PathOptions

    @Option(help: ArgumentHelp("Simulate only shard K of N (0 ≤ K < N) into a part file given by --output; join with `prognos merge`.",
                               valueName: "K/N"))
    var shard: Shard?

    @OptionGroup var common: ComputeOptions

    func validate() throws {
        if shard != nil && common.output == nil { throw ValidationError("--shard writes a part file: give --output part.bin") }
        if shard != nil && common.report != nil {
            throw ValidationError("--report needs the whole simulation: merge the parts, then `prognos report result.json`")
        }
        try common.validate()
    }

    func execute() throws {
        let overrides = simulation.applied(to: input.overrides)
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
        printError(Message(.simulationShardWritten, .text("\(shard.index)/\(shard.count)"), .text(Counted.range(header.blockFrom, header.blockTo)),
                           .int(header.blockCount), .text(common.output!)).text(common.lang))
        for w in loaded.warnings { printError(w.line(common.lang)) }
    }
}
