import ArgumentParser
import PrognosCore

/// `prognos backtest FILE`: which projection method would have been right in earlier years.
struct BacktestCommand: PrognosCommand {
    static let configuration = CommandConfiguration(commandName: "backtest",
        abstract: "Backtest the projection methods on the ledger's history, per unit.")

    @Argument(help: "The scenario file (YAML) with an operating ledger.")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @OptionGroup var out: OutputOptions

    func validate() throws {
        // The backtest is a table or the run's JSON (its `backtest` objects); it has no CSV
        // view, and printing JSON for `--format csv` would pass silently (decisions.md).
        if out.format == .csv { throw ValidationError(Self.noCSV) }
        try out.validate()
    }

    static let noCSV = "backtest writes a table or JSON: --format csv is not available for it (use --format json)"

    func execute() throws {
        let targets = try OutputTargets([("--output", out.output), ("--xlsx", out.xlsx)], standardOutput: out.output == nil)
        let loaded = try Scenario.load(path: file, overrides: input.overrides, limits: input.limits)
        try targets.check(inputs: loaded.inputFiles)
        let result = try ScenarioRun.compute(loaded)
        guard let operating = result.operating, operating.units.contains(where: { $0.backtest != nil }) else {
            throw InputFailure(.badInput, "\(file) has no operating ledger with history to backtest")
        }
        let text: String?
        switch out.format {
        case .table: text = BacktestTable.render(operating, lang: out.lang)
        case .json: text = try JSONOutput.render(result, lang: out.lang)
        case .csv: throw InputFailure(.usage, Self.noCSV)
        case .xlsx: text = nil
        }
        for path in [out.format == .xlsx ? out.output : nil, out.xlsx].compactMap({ $0 }) {
            try OutputFile.write(XLSXOutput.backtestWorkbook(ResultDocument(result, lang: out.lang), lang: out.lang), to: path)
        }
        if let text { try out.write(text) }
        for w in result.warnings { printError(w.line(out.lang)) }
    }
}
