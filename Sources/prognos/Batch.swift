import ArgumentParser
import Foundation
import PrognosCore

/// `prognos batch MANIFEST --output DIR`: every run of a sweep or folder, in parallel.
struct Batch: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a sweep of scenario variants (or a folder of scenarios) into DIR: results.csv, runs/*.json, errors.csv.")

    @Argument(help: "The batch manifest (YAML): base + sweep, or folder; outputs.")
    var manifest: String

    @Option(help: "The output folder.")
    var output: String

    @OptionGroup var input: ScenarioOptions

    @Option(parsing: .unconditional, help: "Runs in parallel (default: all cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Finish a batch that was interrupted: run only what is missing.")
    var resume = false

    @Option(help: ArgumentHelp("Run only shard K of N (0 ≤ K < N): runs i with i mod N = K.", valueName: "K/N"))
    var shard: Shard?

    @Option(parsing: .unconditional, help: "Refuse a sweep of more runs than this, before anything runs.")
    var maxRuns: Int = BatchRunner.defaultMaxRuns

    @OptionGroup var language: LanguageOption

    @Option(help: "Dialect of results.csv and errors.csv: rfc4180 (',' and '.') or excel-sv (BOM, ';' and decimal comma). Kept by --resume and merge.")
    var csvDialect: CSVDialect = .rfc4180

    func validate() throws {
        if let jobs, jobs <= 0 { throw ValidationError("--jobs must be positive") }
        if maxRuns <= 0 { throw ValidationError("--max-runs must be positive") }
    }

    func execute() throws {
        try OutputTargets.check([OutputTargets.Target(option: "--output", path: output, isFolder: true)], inputPaths: [manifest])
        let m = try Manifest.read(path: manifest, extraOverrides: input.overrides)
        let lang = language.lang
        let bar = ProgressBar(lang: lang, code: .progressRuns)
        let started = Date()
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar {
            progress = { done, total in bar.update(done, total) }
        } else {
            progress = { done, total in
                // Plain lines when not on a terminal: every quarter.
                if total >= 4, done % max(1, total / 4) == 0 || done == total { printError(Message(.batchProgress, .int(done), .int(total)).text(lang)) }
            }
        }
        let report = try BatchRunner.run(m, overrides: input.overrides, folder: output,
                                         jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, resume: resume,
                                         shard: shard.map { ($0.index, $0.count) }, maxRuns: maxRuns, csvDialect: csvDialect,
                                         progress: progress)
        bar?.finish()
        let seconds = Date().timeIntervalSince(started)
        let damaged = report.damaged > 0 || resume ? Message(.batchDamaged, .int(report.damaged)).text(lang) : ""
        printError(Message(.batchSummary, .int(report.runs), .int(report.done), .int(report.failed), .text(damaged),
                           .number(seconds, decimals: 2), .number(Double(report.runs) / max(seconds, 1e-9), decimals: 0),
                           .text(output)).text(lang))
        if report.failed > 0 {
            printError(Message(.batchFailed, .int(report.failed), .text(output + "/errors.csv")).text(lang))
            throw ExitCode.checkFailed
        }
    }
}
