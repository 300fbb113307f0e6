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
        let document = try ResultDocument.read(path: result)
        try OutputFile.write(Report.html(document, lang: language.lang), to: output)
    }
}
