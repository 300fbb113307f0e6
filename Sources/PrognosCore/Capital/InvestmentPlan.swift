extension CapitalSpecs {
    /// `investments.plan: {2025: 450, 2026: 380}`: net spend per later year (rule T25). A year
    /// must lie after the fiscal year and within the capital costs' five years (rule C5).
    static func readPlan(_ r: MapReader, fiscalYear: Int?) -> [Int: Double] {
        guard r.has("plan") else { return [:] }
        var plan: [Int: Double] = [:]
        guard let node = r.node("plan"), case .mapping = node else {
            r.error("expected a mapping of years to amounts such as {2025: 450, 2026: 380}", at: "plan")
            return [:]
        }
        let last = (fiscalYear ?? 0) + CapitalCostEngine.months / 12 - 1
        for e in r.dataMapping("plan") ?? [] {
            guard let y = Int(e.key), (1900...2200).contains(y) else {
                r.ctx.log.error("expected a year such as 2025, found '\(e.key)' (key 'plan' in investments)", at: e.keyLocation)
                continue
            }
            if let fy = fiscalYear, !(fy + 1...last).contains(y) {
                r.ctx.log.error("plan year \(y) must lie after the fiscal year \(fy) and by \(last) (the capital costs' five years, rule C5); "
                                + "the fiscal year's spend is the projects' forecast", at: e.keyLocation)
                continue
            }
            if let x = r.parse(e.value, key: "plan", expected: "an amount", { Literal.amount($0, unit: r.ctx.unit) }) { plan[y] = x }
        }
        return plan
    }
}
