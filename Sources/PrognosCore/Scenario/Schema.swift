/// The declared keys of the scenario format. Every section reads its keys through
/// a `SectionSpec`, so an undeclared key is an error with a suggestion, and the
/// reference doc (`docs/reference.md`) is generated from these declarations.
public enum ValueKind: Sendable, Equatable {
    case text
    case integer
    case boolean
    /// A number in the file's `unit`, kept in kronor.
    case amount
    /// `3.25%` or `25bp`, kept as a decimal.
    case rate
    case date
    case month
    case choice([String])
    case file
    /// A mapping read by the named section.
    case section(String)
    /// A list of mappings read by the named section.
    case list(String)
    /// A file name or a list of them.
    case files

    var summary: String {
        switch self {
        case .text: return "text"
        case .integer: return "whole number"
        case .boolean: return "`true`/`false`"
        case .amount: return "amount (file unit)"
        case .rate: return "rate (`%`/`bp`)"
        case .date: return "date `YYYY-MM-DD`"
        case .month: return "month `YYYY-MM`"
        case .choice(let options): return options.map { "`\($0)`" }.joined(separator: " \\| ")
        case .file: return "file path"
        case .files: return "file path or list"
        case .section(let s): return "mapping (`\(s)`)"
        case .list(let s): return "list (`\(s)`)"
        }
    }
}

public struct KeySpec: Sendable {
    public let name: String
    public let kind: ValueKind
    public let required: Bool
    public let doc: String

    public init(_ name: String, _ kind: ValueKind, required: Bool = false, _ doc: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.doc = doc
    }
}

public struct SectionSpec: Sendable {
    /// The section's path in the file, e.g. `operating.units[]`.
    public let path: String
    public let doc: String
    public let keys: [KeySpec]
    /// Keys that belong to the format but that this build does not implement yet:
    /// an error that says so, never silently ignored.
    public let reserved: [String]

    public init(_ path: String, _ doc: String, keys: [KeySpec], reserved: [String] = []) {
        self.path = path
        self.doc = doc
        self.keys = keys
        self.reserved = reserved
    }

    func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }
}

public enum Schema {
    /// Every section of the format this build reads, in reference-doc order.
    public static let sections: [SectionSpec] = [
        ScenarioSpecs.root,
        OperatingSpecs.operating, OperatingSpecs.unit, OperatingSpecs.forecast, OperatingSpecs.adjustment,
        OperatingSpecs.reportedTotals, OperatingSpecs.gross, OperatingSpecs.grossPart,
        ForecastRoundsSpecs.round,
        PrintedSpecs.lineage, PrintedSpecs.change, PrintedSpecs.unitGross, PrintedSpecs.unitGrossPart,
        TreasurySpecs.treasury, TreasurySpecs.curve, TreasurySpecs.loan, TreasurySpecs.amortization, TreasurySpecs.swap,
        TreasurySpecs.refinancing, TreasurySpecs.tenorMix, TreasurySpecs.newBorrowing,
        InternalBankInput.spec, InternalBankInput.loanSpec, InternalBankInput.borrowerSpec,
        PolicySpecs.policy, PolicySpecs.bounds, BalanceSheet.spec, TreasuryComparatives.spec,
        RatesSpecs.rates, RatesSpecs.scenario, SimulationSettings.spec,
        CapitalSpecs.investments, CapitalSpecs.project, CapitalSpecs.activation, CapitalSpecs.component,
        CapitalSpecs.asset, CapitalSpecs.totals, PrintedGroup.spec,
        IndicatorSpecs.indicators, IndicatorSpecs.area, IndicatorSpecs.boardGoal, IndicatorSpecs.indicator, IndicatorSpecs.target,
        FrontierInput.spec, FrontierInput.candidateSpec, FrontierInput.riskSpec,
    ] + ResultSpecs.all

    /// The Markdown reference of every key (`docs/reference.md`).
    public static func referenceMarkdown() -> String {
        var out = """
        # Scenario-file reference

        Generated from the code (`Schema.referenceMarkdown()`, `prognos reference`); a test
        keeps this file and the code in step. Amounts are in the file's `unit`; rates need
        `%` or `bp`; dates are ISO. A key not listed here is an error.

        """
        for section in sections {
            out += "\n## `\(section.path)`\n\n\(section.doc)\n\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n"
            for key in section.keys {
                out += "| `\(key.name)` | \(key.kind.summary) | \(key.required ? "yes" : "") | \(key.doc) |\n"
            }
            if !section.reserved.isEmpty {
                out += "\nPart of the format, not yet implemented in this build (an error if used): "
                    + section.reserved.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
            }
        }
        return out
    }
}
