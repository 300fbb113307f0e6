import ArgumentParser
import Foundation
import PrognosCore
import Synchronization

/// `--lang`, for every command that writes for people (tables, the HTML report).
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of tables and report: sv (Swedish labels, decimal comma) or en.")
    var lang: Language = .sv
}

/// The output options of every command that prints a result (`run`, `simulate`,
/// `backtest`), declared once.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv or xlsx (an Excel workbook; needs --output).")
    var format: OutputFormat = .table

    @Option(help: "CSV dialect: rfc4180 (',' and '.') or excel-sv (';' and decimal comma).")
    var csvDialect: CSVDialect = .rfc4180

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @Option(help: "Write the output to this file (whole or not at all) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also write the Excel workbook (in --lang) to this file.", valueName: "book.xlsx"))
    var xlsx: String?

    func validate() throws {
        // A workbook is never written to a terminal (spec/files.md).
        if format == .xlsx && output == nil { throw ValidationError(Self.xlsxNeedsOutput) }
    }

    static let xlsxNeedsOutput = "--format xlsx writes a workbook: give --output book.xlsx"

    /// The result's text to `--output` (whole or not at all) or to standard output.
    func write(_ text: String) throws(InputFailure) {
        if let output { try OutputFile.write(text, to: output) } else { try StandardOutput.write(text) }
    }
}

/// Output and execution options shared by `run` and `simulate`, and the one place that
/// turns a computed run into output, warnings and an exit code.
struct ComputeOptions: ParsableArguments {
    @OptionGroup var out: OutputOptions

    var format: OutputFormat { out.format }
    var csvDialect: CSVDialect { out.csvDialect }
    var lang: Language { out.lang }
    var output: String? { out.output }

    @Option(help: ArgumentHelp("Also write the self-contained HTML report (in --lang) to this file.", valueName: "report.html"))
    var report: String?

    @Option(parsing: .unconditional, help: "Threads for the simulation (default: all cores). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        try out.validate()
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive") }
    }

    func execute(file: String, overrides: [String], limits: InputLimits = InputLimits(), scenario: String?, simulation: ScenarioRun.SimulationMode,
                 checkPolicy: Bool, strict: Bool = false) throws {
        // Output paths checked before the run computes: an input, or two outputs on one file, is a usage error.
        let targets = try OutputTargets([("--output", output), ("--report", report), ("--xlsx", out.xlsx)], standardOutput: output == nil)
        let loaded = try Scenario.load(path: file, overrides: overrides, limits: limits)
        try targets.check(inputs: loaded.inputFiles)
        let started = Date()
        let bar = ProgressBar(lang: lang)
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar { progress = { done, total in bar.update(done, total) } }
        let result = try ScenarioRun.compute(loaded, selectedScenario: scenario, simulation: simulation,
                                             threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                             progress: progress)
        bar?.finish()
        if let sim = result.simulation {
            // Timings go to standard error only: the output must not depend on the machine.
            printError(Message(.simulationDone, .int(sim.settings.paths), .number(Date().timeIntervalSince(started), decimals: 2)).text(lang))
        }
        // `--strict` with a reconciliation error is bad input (65): nothing is written, not even
        // standard output, so a failed run never leaves a file behind that looks like a result.
        // Standard error's warnings: the run's, then the printed totals a `--set` made differ.
        func printWarnings() {
            for w in result.warnings + result.overriddenChecks { printError(w.line(lang)) }
        }
        if strict, !result.failures.isEmpty {
            printWarnings()
            throw InputFailure(.badInput, result.failures)
        }
        let text: String?
        switch format {
        case .table: text = TableOutput.render(result, lang: lang)
        case .json: text = try JSONOutput.render(result, lang: lang)
        case .csv: text = try CSVOutput.render(ResultDocument(result, lang: lang), dialect: csvDialect, lang: lang)
        case .xlsx: text = nil
        }
        if let report {
            var doc = ResultDocument(result, lang: lang)
            // `simulate --report`: one treasury page, the deterministic scenarios and policy beside the simulation.
            if simulation == .only { doc = doc.addingDeterministic(ResultDocument(try ScenarioRun.compute(loaded, selectedScenario: scenario), lang: lang)) }
            try OutputFile.write(Report.html(doc, lang: lang), to: report)
        }
        for path in [format == .xlsx ? output : nil, out.xlsx].compactMap({ $0 }) {
            try OutputFile.write(XLSXOutput.workbook(ResultDocument(result, lang: lang), lang: lang), to: path)
        }
        if let text { try out.write(text) }
        printWarnings()
        // Reconciliation errors (a plain run; `--strict` failed above): everything is written and marked; shown here.
        if !result.failures.isEmpty {
            // Shown, not failed: in --lang, as the warnings are (the file itself is valid input).
            for d in result.failures.prefix(Diagnostic.shownErrorsValidate) { printError(d.line(lang)) }
            if result.failures.count > Diagnostic.shownErrorsValidate {
                printError(lang == .sv ? "… och \(result.failures.count - Diagnostic.shownErrorsValidate) fel till" : "… and \(result.failures.count - Diagnostic.shownErrorsValidate) more errors")
            }
        }
        if checkPolicy {
            let breaches = result.policyBreaches
            for b in breaches { printError(b.text(lang)) }
            if result.treasury == nil || result.treasury?.policy.isEmpty == true {
                printError(Message(.policyNoLimits).text(lang))
            }
            if !breaches.isEmpty { throw ExitCode.checkFailed }
        }
    }
}

/// A progress bar on standard error, only when it is a terminal.
final class ProgressBar: Sendable {
    /// The percentage shown last; held while the line is written, so lines never interleave.
    private let shown = Mutex(-1)
    private let lang: Language
    /// What is counted: blocks of paths (simulate) or runs (batch).
    private let code: MessageCode

    init?(lang: Language = .sv, code: MessageCode = .progressBlocks) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.lang = lang
        self.code = code
    }

    func update(_ done: Int, _ total: Int) {
        let percent = total > 0 ? done * 100 / total : 100
        shown.withLock { shown in
            guard percent != shown else { return }
            shown = percent
            let width = 30, filled = width * percent / 100
            FileHandleWriter.write("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                                   + "] \(percent) % (" + Message(code, .int(done), .int(total)).text(lang) + ")")
        }
    }

    func finish() {
        FileHandleWriter.write("\r" + String(repeating: " ", count: 60) + "\r")
    }
}
