/// The rate scenarios' labels by name (spec/treasury.md: "tables, charts, CSV/xlsx and the
/// report show the label"), for views of other sections that name a scenario (the result's
/// balanskrav tables): names, never ids. A scenario without a label is absent (shown by its name).
extension ResultDocument {
    var scenarioLabels: [String: String] {
        var out: [String: String] = [:]
        for s in result?.byScenario ?? [] { if let l = s.label?.value { out[s.name] = l } }
        for s in treasury?.scenarios ?? [] { if let l = s.label?.value { out[s.name] = l } }
        return out
    }
}
