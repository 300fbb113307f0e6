import ArgumentParser
import Foundation
import PrognosCore

/// `prognos report RESULT.json --output report.html`: the HTML report from a saved JSON
/// result (of `run --format json`, `simulate` or `merge`), the same page as `run --report`.
struct ReportCommand: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the self-contained HTML report of a JSON result (run --format json, simulate, merge).")

    @Argument(help: "The JSON result file.")
    var result: String

    @Option(help: "The HTML file to write (whole or not at all).")
    var output: String

    @OptionGroup var language: LanguageOption

    func execute() throws {
        try OutputTargets.check([OutputTargets.Target(option: "--output", path: output)], inputPaths: [result])
        guard let data = FileManager.default.contents(atPath: result) else {
            throw InputFailure(.missingInput, "\(result): cannot read the JSON result")
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputFailure(.badInput, "\(result): \(JSONProblem.describe(error, in: data))")
        }
        let document: ResultDocument
        do {
            document = try ResultDocument.decode(data)
        } catch {
            throw InputFailure(.badInput, "\(result): expected a Prognos JSON result (an object with \"name\" and \"unit\")")
        }
        try OutputFile.write(Report.html(document, lang: language.lang), to: output)
    }
}
