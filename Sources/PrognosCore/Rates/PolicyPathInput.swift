/// Reading a `policy_path` scenario's `points_file` (decision dates and rates, e.g. the
/// Riksbank's) and checking the path (rule T22).
enum PolicyPathInput {
    static let columns = ["decision_date", "policy_rate"]

    /// The points of `points_file`, in file order; a date out of order or given twice
    /// (also against the inline `after` points) is an error at its row.
    static func pointsFile(_ s: MapReader, limits: InputLimits, after: [(Day, Double)]) -> [(Day, Double)] {
        let log = s.ctx.log
        guard let file = s.text("points_file"),
              let path = SourceLoader.dataFile(file, key: "points_file", at: s.location(of: "points_file"), limits: limits, log: log),
              let table = CSVTable.read(path: path, displayPath: path, required: columns, allowed: columns, rowsNeeded: "decision",
                                        limits: limits, log: log, includedFrom: s.location(of: "points_file"))
        else { return [] }
        var out: [(Day, Double)] = []
        for i in table.rows.indices {
            let rec = table.record(i, context: "\(s.context).points_file row \(i + 1)", s.ctx)
            rec.requireFields(columns, for: "a policy-rate decision")
            guard let d = rec.date("decision_date"), let x = rec.rate("policy_rate") else { continue }
            if let last = (after + out).last {
                if d == last.0 {
                    rec.error("decision date \(d) given twice (\(rec.context))", at: "decision_date")
                    continue
                }
                if d < last.0 {
                    rec.error("decision dates out of order: \(d) comes after \(last.0); the file must list decisions in date order (\(rec.context))",
                              at: "decision_date")
                    continue
                }
            }
            out.append((d, x))
        }
        return out
    }

    /// Two decisions that take effect on the same day (next_wednesday) are an error.
    static func check(_ d: ScenarioDefinition, _ s: MapReader) {
        var seen: [Day: Day] = [:]
        for (day, _) in d.points {
            let e = d.effective.date(day)
            if let other = seen[e] {
                s.error("decisions of \(other) and \(day) both take effect on \(e) (effective: \(d.effective.rawValue))",
                        at: s.has("points") ? "points" : "points_file")
            }
            seen[e] = day
        }
    }
}
