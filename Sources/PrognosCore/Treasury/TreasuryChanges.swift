import Foundation

/// What-if on the treasury (operating.md "What-if", files.md `--set`): a `--set` of a rate
/// scenario's parameters or of a treasury key changes the figures, while the scenario keeps the
/// label the file gives it ("+100 punkter" showing a 150 bp shift). The operating statement marks
/// its changed figures (†); the treasury's are whole columns, so each change is an assumption
/// instead, naming the scenario by its label, the key and the value as written. A batch run's
/// sweep values are overrides too and are noted the same way in its result.
extension TreasuryRun {
    static func changeNotes(_ scenario: Scenario) -> [Message] {
        scenario.changes.compactMap { change in
            guard let first = change.path.first?.key, first == "treasury" || first == "rates" else { return nil }
            let value = change.value.flowText
            if first == "rates", change.path.count >= 2, change.path[1].key == "scenarios", let selector = change.path[1].selector {
                let definitions = scenario.rates?.scenarios ?? []
                let named = definitions.first { $0.name == selector } ?? Int(selector).flatMap { definitions.indices.contains($0) ? definitions[$0] : nil }
                if let named {
                    return Message(.treasuryChangedScenario, .text("'\(named.label ?? named.name)'"), .text(change.pathText), .text(value))
                }
            }
            return Message(.treasuryChanged, .text(change.pathText), .text(value))
        }
    }
}
