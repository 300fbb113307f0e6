import ArgumentParser
import PrognosCore

/// `prognos reference`: print the scenario-file key reference (docs/reference.md).
struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the reference of every scenario-file key (Markdown).")

    func run() throws {
        do {
            try StandardOutput.write(Schema.referenceMarkdown())
        } catch {
            throw failureExit(error)
        }
    }
}
