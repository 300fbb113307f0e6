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

/// `--shard K/N`: shard K (from 0) of N.
struct Shard: ExpressibleByArgument {
    let index: Int
    let count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n > 0, k >= 0, k < n else { return nil }
        index = k
        count = n
    }
}
