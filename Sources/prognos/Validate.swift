import ArgumentParser
import Foundation
import PrognosCore

/// `prognos validate FILE…`: read and check every file, report every error found.
struct Validate: PrognosCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check scenario files and report every error.")

    @Argument(help: "Scenario files (YAML), or folders: every .yaml/.yml file in them, in name order.")
    var files: [String]

    @OptionGroup var scenario: ScenarioOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func execute() throws {
        var worst: FailureKind?
        for file in Self.expand(files) {
            var ok = false
            do {
                let loaded = try Scenario.load(path: file, overrides: scenario.overrides, limits: scenario.limits)
                let result = try ScenarioRun.compute(loaded)
                for w in result.warnings { printError(w.line(language.lang)) }
                if result.failures.isEmpty {
                    ok = true
                } else {
                    // Reconciliation errors of a valid file, in --lang (the catalogue), as `run` shows them.
                    for d in result.failures.prefix(Diagnostic.shownErrorsValidate) { printError(d.line(language.lang)) }
                    worst = worst ?? .badInput
                }
            } catch {
                let failure = error
                for line in Diagnostic.lines(failure.diagnostics, limit: Diagnostic.shownErrorsValidate) { printError(line) }
                if worst == nil || failure.kind == .missingInput { worst = failure.kind }
            }
            if ok { try StandardOutput.write("\(file): ok\n") }
        }
        // Every file's diagnostics are printed above (validate's own limit): the worst failure's exit code.
        if let worst { throw InputFailure(worst, []) }
    }

    /// Folders become their YAML files (not recursive), sorted by name; files stay as given.
    static func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let base = path.hasSuffix("/") ? path : path + "/"
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { base + $0 }
        }
    }
}
