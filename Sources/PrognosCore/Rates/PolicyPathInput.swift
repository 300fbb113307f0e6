/// Reading a `policy_path` scenario's `points_file` (decision dates and rates, e.g. the
/// Riksbank's) and checking the path (rule T22).
enum PolicyPathInput {
    static let columns = ["decision_date", "policy_rate"]

    /// The points of `points_file`, in file order; a date out of order or given twice
    /// (also against the inline `after` points) is an error at its row.
    static func pointsFile(_ s: MapReader, limits: InputLimits, after: [(Day, Double)]) -> [(Day, Double)] {
        let log = s.ctx.log
        guard let file = s.text("points_file"),
              let path = SourceLoader.dataFile(file, key: "points_file", at: s.location(of: "points_file"), limits: limits, log: log)
        else { return [] }
        // In a batch a file's decisions are kept once they read without a diagnostic (only
        // without inline points before them, which the order checks would read).
        let key = "policy points\u{0}\(path)\u{0}\(s.ctx.unit.rawValue)"
        if after.isEmpty, let cached = InputCache.shared.records(key, as: [PolicyPoint].self) {
            cached.files.forEach { InputFileLog.current?.record($0) }
            return cached.value.map { ($0.date, $0.rate) }
        }
        let read = InputFileLog()   // the CSV these decisions stand for, kept with them in the cache
        let before = log.diagnostics.count
        let table = InputFileLog.$current.withValue(read) {
            CSVTable.read(path: path, displayPath: path, required: columns, allowed: columns, rowsNeeded: "decision",
                          limits: limits, log: log, includedFrom: s.location(of: "points_file"))
        }
        read.all.forEach { InputFileLog.current?.record($0) }
        guard let table else { return [] }
        let out = points(table, s, after: after)
        if after.isEmpty && log.diagnostics.count == before {
            InputCache.shared.store(records: out.map { PolicyPoint(date: $0.0, rate: $0.1) }, files: read.all, key)
        }
        return out
    }

    /// A decision of a points file (what the cache keeps: a tuple is not `Sendable`).
    struct PolicyPoint: Sendable { var date: Day; var rate: Double }

    /// The decisions of a points file's rows, in order, after `after`.
    private static func points(_ table: CSVTable, _ s: MapReader, after: [(Day, Double)]) -> [(Day, Double)] {
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
