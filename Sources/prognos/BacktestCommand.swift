import ArgumentParser
import PrognosCore

/// `prognos backtest FILE`: which projection method would have been right in earlier years.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backtest",
        abstract: "Backtest the projection methods on the ledger's history, per unit.")

    @Argument(help: "The scenario file (YAML) with an operating ledger.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: "Table language: sv or en.")
    var lang: Language = .sv

    @Option(help: "Write the output to this file instead of standard output.")
    var output: String?

    func run() throws {
        do {
            let targets = try OutputTargets([("--output", output)], standardOutput: output == nil)
            let loaded = try Scenario.load(path: file, overrides: input.overrides, limits: input.limits)
            try targets.check(inputs: loaded.inputFiles)
            let result = try ScenarioRun.compute(loaded)
            guard let operating = result.operating, operating.units.contains(where: { $0.backtest != nil }) else {
                throw InputFailure(.badInput, "\(file) has no operating ledger with history to backtest")
            }
            let text: String
            switch format {
            case .table: text = BacktestTable.render(operating, lang: lang)
            case .json, .csv: text = try JSONOutput.render(result)
            }
            if let output { try OutputFile.write(text, to: output) } else { try StandardOutput.write(text) }
            for w in result.warnings { printError(w.description) }
        } catch let failure as InputFailure {
            throw failureExit(failure)
        }
    }
}
