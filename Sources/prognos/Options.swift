import ArgumentParser
import PrognosCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
    /// An Excel workbook (XLSXOutput); needs --output.
    case xlsx
}

extension Language: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}

/// Options every command that reads a scenario shares.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key: KEY=VALUE (e.g. operating.units[ks].budget=31.0).",
                                                         valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Flag(help: "Let include and data-file paths (loans_file, swaps_file, ledger) lead outside the scenario file's folder tree.")
    var allowOutsideIncludes = false

    @OptionGroup(title: "Input limits (rule F7)") var limitOptions: LimitOptions

    var limits: InputLimits {
        var l = limitOptions.limits
        l.allowOutsideIncludes = allowOutsideIncludes
        return l
    }

    func validate() throws {
        // A malformed `--set` (no '=', a bad key path, no value, or `include`, which would be
        // silently ignored because includes are read before overrides) is a usage error.
        for assignment in overrides {
            if let problem = Override.syntaxError(assignment) { throw ValidationError(problem) }
        }
    }
}

/// Rule F7's limits, each raisable for the files that legitimately need more.
struct LimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Largest input file in MB (default 50).", valueName: "MB"))
    var maxFileMb: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("YAML nodes per file after alias expansion (default 1000000).", valueName: "N"))
    var maxYamlNodes: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Operating units (default 1000000).", valueName: "N"))
    var maxUnits: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Treasury instruments: loans, swaps and internal loans (default 1000000).", valueName: "N"))
    var maxInstruments: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Monte Carlo paths (default 10000000).", valueName: "N"))
    var maxPaths: Int?

    func validate() throws {
        for (name, v) in [("--max-file-mb", maxFileMb), ("--max-yaml-nodes", maxYamlNodes), ("--max-units", maxUnits),
                          ("--max-instruments", maxInstruments), ("--max-paths", maxPaths)] {
            if let v, v <= 0 { throw ValidationError("\(name) must be positive") }
        }
        if let maxFileMb, maxFileMb > 1_000_000 { throw ValidationError("--max-file-mb must be at most 1000000") }
    }

    var limits: InputLimits {
        var l = InputLimits()
        if let maxFileMb { l.maxFileBytes = maxFileMb * 1_000_000 }
        if let maxYamlNodes { l.maxNodes = maxYamlNodes }
        if let maxUnits { l.maxUnits = maxUnits }
        if let maxInstruments { l.maxInstruments = maxInstruments }
        if let maxPaths { l.maxPaths = maxPaths }
        return l
    }
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
