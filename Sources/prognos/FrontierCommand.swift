import ArgumentParser
import Foundation
import PrognosCore

/// `prognos frontier FILE`: every refinancing mix of the file's `frontier` grid on the same
/// simulated paths; the frontier of mean cost against CaR95, the recommended and the
/// current mix (spec frontier.md).
struct FrontierCommand: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Search the refinancing mixes: expected interest cost against Cost-at-Risk, inside the finance policy.")

    @Argument(help: "The scenario file (YAML) with treasury, simulation and frontier sections.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Number of paths (overrides simulation.paths).")
    var paths: Int?

    @Option(help: "Seed (overrides simulation.seed): a whole number 0 … 18446744073709551615.", transform: Simulate.parseSeed)
    var seed: UInt64?

    @Option(help: "Largest number of mixes on the grid (rule P1).")
    var maxMixes: Int = 100_000

    @Option(help: ArgumentHelp("Evaluate only shard K of N of the mixes (0 ≤ K < N) into a part file given by --output; join with `prognos merge`.",
                               valueName: "K/N"))
    var shard: Shard?

    @OptionGroup var common: ComputeOptions

    func validate() throws {
        if let paths, paths <= 0 { throw ValidationError("--paths must be positive") }
        if maxMixes <= 0 { throw ValidationError("--max-mixes must be positive") }
        if shard != nil && common.output == nil { throw ValidationError("--shard writes a part file: give --output part.bin") }
        if shard != nil && common.report != nil {
            throw ValidationError("--report needs the whole frontier: merge the parts, then `prognos report frontier.json`")
        }
        try common.validate()
    }

    func execute() throws {
        var overrides = input.overrides
        // Errors about these values name the option (`--paths`, `--seed`), not `--set simulation.…`.
        if let paths { overrides.append(Override.option("--paths", key: "simulation.paths", value: String(paths))) }
        if let seed { overrides.append(Override.option("--seed", key: "simulation.seed", value: String(seed))) }
        let targets = try OutputTargets([("--output", common.output), ("--report", common.report), ("--xlsx", common.out.xlsx)], standardOutput: common.output == nil)
        let loaded = try Scenario.load(path: file, overrides: overrides, limits: input.limits)
        try targets.check(inputs: loaded.inputFiles)
        let started = Date()
        let threads = common.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let part = try FrontierRun.compute(loaded, threads: threads, shard: shard.map { ($0.index, $0.count) }, maxMixes: maxMixes)
        let raw = String(format: "%.2f", Date().timeIntervalSince(started))
        let seconds = common.lang == .sv ? raw.replacingOccurrences(of: ".", with: ",") : raw
        printError(common.lang == .sv ? "beräknade \(part.mixes.count) mixar på \(part.setup.paths) banor på \(seconds) s"
                                      : "evaluated \(part.mixes.count) mixes on \(part.setup.paths) paths in \(seconds) s")
        if let shard {
            try OutputFile.write(try part.encoded(), to: common.output!)
            printError("shard \(shard.index)/\(shard.count): mixes \(part.mixFrom)..<\(part.mixTo) of \(part.mixCount) written to \(common.output!)")
        } else {
            let doc = ResultDocument.frontier(part, lang: common.lang)
            let text: String?
            switch common.format {
            case .table: text = TableOutput.render(doc, lang: common.lang)
            case .json: text = try JSONOutput.render(doc)
            case .csv: text = try CSVOutput.render(doc, dialect: common.csvDialect, lang: common.lang)
            case .xlsx: text = nil
            }
            if let report = common.report { try OutputFile.write(Report.html(doc, lang: common.lang), to: report) }
            for path in [common.format == .xlsx ? common.output : nil, common.out.xlsx].compactMap({ $0 }) {
                try OutputFile.write(XLSXOutput.workbook(doc, lang: common.lang), to: path)
            }
            if let text { try common.out.write(text) }
        }
        for w in loaded.warnings { printError(w.description) }
    }
}
