import ArgumentParser
import PrognosCore

/// `--paths` and `--seed`, shared by `simulate` and `frontier`: each overrides its key in the
/// file's `simulation` section, and an error about its value names the option as written.
struct PathOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Number of paths (overrides simulation.paths).")
    var paths: Int?

    @Option(parsing: .unconditional, help: "Seed (overrides simulation.seed): a whole number 0 … 18446744073709551615.", transform: PathOptions.parseSeed)
    var seed: UInt64?

    /// `--seed` out of range names the range (not only "invalid value").
    static func parseSeed(_ text: String) throws -> UInt64 {
        switch SimulationSettings.seed(text) {
        case .success(let v): return v
        case .failure(let e): throw ValidationError(e.message)
        }
    }

    func validate() throws {
        if let paths, paths <= 0 { throw ValidationError("--paths must be positive") }
    }

    /// `overrides` with `--paths` and `--seed` appended (after `--set`, so the options win).
    func applied(to overrides: [String]) -> [String] {
        var all = overrides
        if let paths { all.append(Override.option("--paths", key: "simulation.paths", value: String(paths))) }
        if let seed { all.append(Override.option("--seed", key: "simulation.seed", value: String(seed))) }
        return all
    }
}
