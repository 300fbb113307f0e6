import ArgumentParser
import Foundation
import PrognosCore

/// `prognos compare BASE.json OTHER.json`: the change OTHER − BASE per unit, project,
/// scenario year and simulation year, and in the totals (spec operating.md "What-if").
struct Compare: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two saved JSON results (run --format json): the change other − base per unit, project and scenario year.")

    @Argument(help: "The base result (JSON).")
    var base: String

    @Argument(help: "The result to compare with it (JSON).")
    var other: String

    @OptionGroup var out: OutputOptions

    func execute() throws {
        let targets = try OutputTargets([("--output", out.output)], standardOutput: out.output == nil)
        try targets.check(inputPaths: [base, other])
        let comparison = Comparison(base: try Self.load(base), other: try Self.load(other))
        if out.format == .xlsx {
            guard let path = out.output else { throw ValidationError(OutputOptions.xlsxNeedsOutput) }
            try OutputFile.write(CompareOutput.workbook(comparison, lang: out.lang), to: path)
            return
        }
        let text: String
        switch out.format {
        case .xlsx: return
        case .table: text = CompareOutput.table(comparison, lang: out.lang)
        case .json: text = try CompareOutput.json(comparison)
        case .csv: text = try CompareOutput.csv(comparison, dialect: out.csvDialect)
        }
        try out.write(text)
    }

    /// A saved result: missing → 66, not JSON or not a result → 65 (as `prognos report`).
    static func load(_ path: String) throws(InputFailure) -> ResultDocument { try ResultDocument.read(path: path) }
}
