import ArgumentParser
import PrognosCore

/// `prognos reference`: print the scenario-file key reference (docs/reference.md).
struct Reference: PrognosCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the reference of every scenario-file key (Markdown).")

    func execute() throws {
        try StandardOutput.write(Schema.referenceMarkdown())
    }
}
