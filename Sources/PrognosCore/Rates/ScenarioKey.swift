/// A deterministic rate scenario's identity as exact words (issue 20, item 4): every stored
/// property of the scenario, doubles by their bit patterns, a shift's or ramp's base
/// recursively. A scenario's fixings (and so its discount factors, rule T4) are a pure
/// function of its stored properties, so two scenarios with equal words fix at the same
/// rates on every day, bit for bit. A batch keys what it keeps across runs by these words
/// (`EvaluationCache`): a run that sweeps one scenario's shift builds the other scenarios
/// again, equal to the ones before, and finds their evaluations, swap values and metrics
/// without computing a fixing. `ScenarioKeyTests` fails when a property is added to a
/// scenario type, so that the list here is looked at again.
enum ScenarioKey {
    /// The words of `scenario`, nil for a type not listed here (nothing is kept for it).
    static func words<S: RateScenario>(_ scenario: S) -> [UInt64]? {
        var words: [UInt64] = []
        words.reserveCapacity(32)
        return append(scenario, to: &words) ? words : nil
    }

    private static func append(_ scenario: any RateScenario, to w: inout [UInt64]) -> Bool {
        func add(_ x: Double) { w.append(x.bitPattern) }
        func add(_ n: Int) { w.append(UInt64(bitPattern: Int64(n))) }
        func add(_ xs: [Double]) { add(xs.count); for x in xs { add(x) } }
        func add(_ ns: [Int]) { add(ns.count); for n in ns { add(n) } }
        switch scenario {
        case let s as CurveScenario:
            let c = s.curve
            add(1); add(c.valuationDate.serial)
            add(ZeroCurve.Interpolation.allCases.firstIndex(of: c.interpolation)!)
            // `logDiscounts` is times × zeros, worked out from these two.
            add(c.times); add(c.zeros)
        case let s as FlatScenario:
            add(2); add(s.valuationDate.serial); add(s.level)
        case let s as PathScenario:
            add(3); add(s.valuationDate.serial)
            add(PathScenario.Interpolation.allCases.firstIndex(of: s.interpolation)!)
            add(s.days); add(s.values)
        case let s as PolicyPathScenario:
            // `cumulative` is worked out from days, values and initial.
            add(4); add(s.valuationDate.serial); add(s.spread); add(s.initial)
            add(s.days); add(s.values)
        case let s as ShiftScenario:
            add(5); add(s.shift); add(s.from.serial)
            return append(s.base, to: &w)
        case let s as RampScenario:
            add(6); add(s.to); add(s.end.serial)
            return append(s.base, to: &w)
        default:
            return false
        }
        return true
    }

    /// The words of a curve that is not a scenario (rule T20's market value at V reads it).
    static func words(_ curve: ZeroCurve?) -> [UInt64] {
        guard let curve else { return [0] }
        return words(CurveScenario(curve: curve))!
    }
}
