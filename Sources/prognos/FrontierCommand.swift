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

    @OptionGroup var simulation: PathOptions

    @Option(parsing: .unconditional, help: "Largest number of mixes on the grid (rule P1).")
    var maxMixes: Int = 100_000

    @Option(help: ArgumentHelp("Evaluate only shard K of N of the mixes (0 ≤ K < N) into a part file given by --output; join with `prognos merge`.",
                               valueName: "K/N"))
    var shard: Shard?

    @OptionGroup var common: ComputeOptions

    func validate() throws {
        if maxMixes <= 0 { throw ValidationError("--max-mixes must be positive") }
        if shard != nil && common.output == nil { throw ValidationError("--shard writes a part file: give --output part.bin") }
        if shard != nil && common.report != nil {
            throw ValidationError("--report needs the whole frontier: merge the parts, then `prognos report frontier.json`")
        }
        try common.validate()
    }

    func execute() throws {
        let overrides = simulation.applied(to: input.overrides)
        let targets = try OutputTargets([("--output", common.output), ("--report", common.report), ("--xlsx", common.out.xlsx)], standardOutput: common.output == nil)
        let loaded = try Scenario.load(path: file, overrides: overrides, limits: input.limits)
        try targets.check(inputs: loaded.inputFiles)
        let started = Date()
        let threads = common.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let part = try FrontierRun.compute(loaded, threads: threads, shard: shard.map { ($0.index, $0.count) }, maxMixes: maxMixes)
        printError(Message(.frontierDone, .int(part.mixes.count), .int(part.setup.paths), .number(Date().timeIntervalSince(started), decimals: 2)).text(common.lang))
        if let shard {
            try OutputFile.write(try part.encoded(), to: common.output!)
            printError(Message(.frontierShardWritten, .text("\(shard.index)/\(shard.count)"), .text(Counted.range(part.mixFrom, part.mixTo)),
                               .int(part.mixCount), .text(common.output!)).text(common.lang))
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
