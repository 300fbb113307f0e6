import ArgumentParser
import Foundation
import PrognosCore

/// `prognos merge`: join simulation parts into the single run's JSON, or batch shard
/// folders into one batch folder.
struct Merge: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join simulation parts (part-*.bin → result.json) or batch shard folders (DIR… → DIR).")

    @Argument(help: "Part files from `prognos simulate --shard`, or folders from `prognos batch --shard`.")
    var inputs: [String]

    @Option(help: "The merged JSON (parts) or folder (batch shards).")
    var output: String

    @OptionGroup(title: "Input limits (rule F7)") var limitOptions: LimitOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give the parts or folders to merge") }
    }

    func execute() throws {
        for path in inputs where !FileManager.default.fileExists(atPath: path) {
            throw InputFailure(.missingInput, "\(path): no such part file or folder to merge")
        }
        var isDirectory: ObjCBool = false
        let folders = inputs.filter { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
        // The merged output is none of the inputs (a usage error naming both).
        try OutputTargets.check([OutputTargets.Target(option: "--output", path: output, isFolder: !folders.isEmpty)], inputPaths: inputs)
        if !folders.isEmpty {
            guard folders.count == inputs.count else {
                throw InputFailure(.badInput, "mix of folders and files: merge either batch folders or simulation parts")
            }
            let report = try BatchRunner.merge(folders: folders, into: output)
            printError(Message(.mergeFolders, .int(folders.count), .int(report.runs), .int(report.failed), .text(output)).text(language.lang))
            return
        }
        // Frontier parts (`prognos frontier --shard`): the whole run's JSON, the same bytes.
        if inputs.allSatisfy(FrontierPart.isPart) {
            let part = try FrontierPart.merge(inputs)
            let text: String
            do { text = try JSONOutput.render(ResultDocument.frontier(part)) } catch {
                throw InputFailure(.internalError, "cannot render JSON: \(plainReason(error))")
            }
            try OutputFile.write(text, to: output)
            printError(Message(.mergeFrontierParts, .int(inputs.count), .int(part.mixCount), .text(output)).text(language.lang))
            return
        }
        // Every part is verified (header, checksum, finite values) before its values are used;
        // the statistics are computed one series-year column at a time from the files.
        let (run, header) = try SimulationPart.merge(inputs, maxPaths: limitOptions.limits.maxPaths)
        // The result's distribution (spec/result.md R6) where the parts carry it.
        let result = try SimulationPart.mergeResult(inputs, header: header, maxPaths: limitOptions.limits.maxPaths,
                                                    threads: ProcessInfo.processInfo.activeProcessorCount)
        let text: String
        do {
            text = try JSONOutput.render(ResultDocument(simulation: run, name: header.name, asOf: header.asOf, unit: header.unit,
                                                        warnings: header.warnings, result: result))
        } catch {
            throw InputFailure(.internalError, "cannot render JSON: \(plainReason(error))")
        }
        try OutputFile.write(text, to: output)
        printError(Message(.mergeParts, .int(inputs.count), .int(header.blockCount), .int(header.meta.paths), .text(output)).text(language.lang))
    }
}
