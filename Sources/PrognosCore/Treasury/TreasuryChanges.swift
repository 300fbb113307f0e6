import Foundation

/// What-if on the treasury (operating.md "What-if", files.md `--set`): a `--set` of a rate
/// scenario's parameters or of a treasury key changes the figures, while the scenario keeps the
/// label the file gives it ("+100 punkter" showing a 150 bp shift). The operating statement marks
/// its changed figures (†); the treasury's are whole columns, so each change is an assumption
/// instead, naming the scenario by its label, the key and the value as written. A batch run's
/// sweep values are overrides too and are noted the same way in its result.
extension TreasuryRun {
    /// - Parameter selected: `--scenario`: a change of another rate scenario, not in the run,
    ///   makes no note.
    static func changeNotes(_ scenario: Scenario, selected: String? = nil) -> [Message] {
        let definitions = scenario.rates?.scenarios ?? []
        /// The rate scenario a change is under (`rates.scenarios[NAME or INDEX]…`), if any.
        func target(_ change: Override) -> ScenarioDefinition? {
            guard change.path.count >= 2, change.path[0].key == "rates", change.path[1].key == "scenarios",
                  let selector = change.path[1].selector else { return nil }
            return definitions.first { $0.name == selector } ?? Int(selector).flatMap { definitions.indices.contains($0) ? definitions[$0] : nil }
        }
        func isLabel(_ change: Override) -> Bool { change.path.count == 3 && change.path[2].key == "label" }
        return scenario.changes.compactMap { change in
            guard let first = change.path.first?.key, first == "treasury" || first == "rates" else { return nil }
            let value = change.value.flowText
            if let named = target(change) {
                if let selected, named.name != selected { return nil }
                // A new label is a new name, not a change of figures.
                if isLabel(change) { return Message(.treasuryRenamedScenario, .text(change.pathText), .text(value)) }
                let renamed = scenario.changes.contains { isLabel($0) && target($0)?.name == named.name }
                return Message(.treasuryChangedScenario, .text("'\(named.label ?? named.name)'"), .text(change.pathText), .text(value),
                               renamed ? .text("") : .term(sv: ", namnet är filens", en: ", the name is the file's"))
            }
            return Message(.treasuryChanged, .text(change.pathText), .text(value))
        }
    }
}
