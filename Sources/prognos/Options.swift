import ArgumentParser
import PrognosCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Language: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}

/// Options every command that reads a scenario shares.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key: KEY=VALUE (e.g. operating.units[ks].budget=31.0).",
                                                         valueName: "KEY=VALUE"))
    var overrides: [String] = []
}
