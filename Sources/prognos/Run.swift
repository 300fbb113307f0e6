import ArgumentParser
import PrognosCore

/// `prognos run FILE`: compute a scenario and print or write its tables, JSON or CSV.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a scenario file and print its results.")

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup var input: ScenarioOptions

    @Option(help: "Run only this rate scenario (by name).")
    var scenario: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "CSV dialect: rfc4180 (',' and '.') or excel-sv (';' and decimal comma).")
    var csvDialect: CSVDialect = .rfc4180

    @Option(help: "Table language: sv (Swedish labels, decimal comma) or en.")
    var lang: Language = .sv

    @Option(help: "Write the output to this file (whole or not at all) instead of standard output.")
    var output: String?

    @Flag(help: "Exit 1 when a finance-policy limit is broken (at V or any 31 December), naming each breach.")
    var checkPolicy = false

    func run() throws {
        do {
            let loaded = try Scenario.load(path: file, overrides: input.overrides)
            let result = try ScenarioRun.compute(loaded, selectedScenario: scenario)
            let text: String
            switch format {
            case .table: text = TableOutput.render(result, lang: lang)
            case .json: text = try JSONOutput.render(result)
            case .csv: text = try CSVOutput.render(result, dialect: csvDialect)
            }
            if let output {
                try OutputFile.write(text, to: output)
            } else {
                print(text, terminator: "")
            }
            for w in result.warnings { printError(w.description) }
            if !result.failures.isEmpty {
                throw InputFailure(.badInput, result.failures)
            }
            if checkPolicy {
                let breaches = result.policyBreaches
                for b in breaches { printError("policy breach: \(b)") }
                if result.treasury == nil || result.treasury?.policy.isEmpty == true {
                    printError("warning: --check-policy: the file has no treasury.policy limits to check")
                }
                if !breaches.isEmpty { throw ExitCode(1) }
            }
        } catch let failure as InputFailure {
            throw failureExit(failure)
        }
    }
}
