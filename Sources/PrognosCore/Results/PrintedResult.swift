import Foundation

/// The JSON keys of "Real reports as printed" (spec/files.md, issue 17): additive and absent
/// unless the file gives them, so results saved before decode unchanged. Amounts in kronor,
/// net-cost positive whatever the file's sign convention.
extension OperatingResult {
    public struct Lineage: Codable, Sendable, Equatable, OmittedWhenNil {
        public struct Change: Codable, Sendable, Equatable {
            public var amount: Double?
            public var note: String?
            public var decided: String?
        }
        public var original: Double?
        public var changes: [Change]
        public var printed: Double?
    }

    public struct UnitGrossLine: Codable, Sendable, Equatable, OmittedWhenNil {
        public var costs: [String: Double?]
        public var income: [String: Double?]
    }

    /// A unit's printed extras, encoded beside its other keys.
    public struct PrintedFields: Codable, Sendable, Equatable {
        public var comment: Present<String>?
        public var deviationPrinted: Present<Double>?
        public var deviationYTDPrinted: Present<Double>?
        public var gross: UnitGrossLine?
        public var budgetLineage: Lineage?
        /// Columns the report leaves blank ("–", rule O17).
        public var blank: Present<[String]>?
        /// A parent's printed subtotals (rule O14), by column.
        public var printedSubtotals: Present<[String: Double?]>?

        enum CodingKeys: String, CodingKey {
            case comment, deviationPrinted = "deviation_printed", deviationYTDPrinted = "deviation_ytd_printed", gross
            case budgetLineage = "budget_lineage", blank, printedSubtotals = "printed_subtotals"
        }
        public init() {}
    }
}

extension OperatingResult.Lineage {
    init(_ l: BudgetLineage) {
        original = amount(l.original)
        changes = l.changes.map { .init(amount: amount($0.amount), note: $0.note, decided: $0.decided?.description) }
        printed = amount(l.printed)
    }
}

extension OperatingResult.PrintedFields {
    init(_ p: PrintedRow) {
        comment = p.comment.map(Present.init)
        deviationPrinted = p.deviation.flatMap(amount).map(Present.init)
        deviationYTDPrinted = p.deviationYTD.flatMap(amount).map(Present.init)
        gross = p.gross.map { g in
            OperatingResult.UnitGrossLine(
                costs: Dictionary(uniqueKeysWithValues: g.costs.map { ($0.key.rawValue, amount($0.value)) }),
                income: Dictionary(uniqueKeysWithValues: g.income.map { ($0.key.rawValue, amount($0.value)) }))
        }
        budgetLineage = p.lineage.map(OperatingResult.Lineage.init)
        let blanks = TotalColumn.allCases.filter { p.blanks.contains($0) }.map(\.rawValue)
        blank = blanks.isEmpty ? nil : Present(blanks)
        printedSubtotals = p.subtotals.isEmpty ? nil
            : Present(Dictionary(uniqueKeysWithValues: p.subtotals.map { ($0.key.rawValue, amount($0.value)) }))
    }
}
