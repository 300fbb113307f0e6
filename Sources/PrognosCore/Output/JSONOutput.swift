import Foundation

/// The JSON contract of files.md: snake_case keys, amounts in kronor, rates as
/// decimals, dates ISO, null where a figure is unknown. Encoded from the typed
/// `ResultDocument` into the byte-stable `JSONWriter` (keys sorted, so the same run gives
/// byte-identical output).
public enum JSONOutput {
    /// The run's JSON; its sentences (warnings, assumptions) in `lang`, the codes beside them fixed.
    public static func render(_ run: ScenarioRun, lang: Language = .sv) throws -> String { try render(ResultDocument(run, lang: lang)) }

    public static func render(_ document: ResultDocument) throws -> String { JSONWriter.write(try ResultEncoder.box(document)) }

    /// The JSON value tree of a run (for the batch's output columns, which address it by path).
    public static func object(_ run: ScenarioRun) -> [String: Any] {
        // Encoding a document of plain values cannot fail: no encoder error is thrown by ResultEncoder.
        (try? ResultEncoder.tree(ResultDocument(run))) as? [String: Any] ?? [:]
    }

    /// A merged simulation, exactly as `prognos simulate --format json` writes a single run.
    public static func render(simulation: SimulationRun, name: String, asOf: String?, unit: String, warnings: [String]) throws -> String {
        try render(ResultDocument(simulation: simulation, name: name, asOf: asOf, unit: unit, warnings: warnings))
    }

    /// The encoder's tree of a run (`JSONWriter.write(_: Box)` writes it; the batch's cells read it).
    static func box(_ run: ScenarioRun) -> ResultEncoder.Box {
        if let box = try? ResultEncoder.box(ResultDocument(run)) { return box }
        let empty = ResultEncoder.Box()   // as `object`: an empty object (encoding plain values does not fail)
        empty.kind = .object
        return empty
    }

    public static func serialize(_ top: [String: Any]) -> String { JSONWriter.write(top) }

    /// The simulation's series in kronor (all but the rate, `average_funding_rate`).
    static func isAmountSeries(_ name: String) -> Bool { SimulationSeries(rawValue: name)?.isAmount ?? true }
}
