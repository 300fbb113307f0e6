import Foundation
import Testing
@testable import PrognosCore

/// Property tests (issue 10): random portfolios and samples from a seeded GSL generator,
/// each case checked against a closed form or an invariant. A failure names the case.
@Suite("Properties of the core")
struct PropertyTests {
    /// Cases per property; the seed makes every run the same.
    static let cases = 40

    struct Draw: ~Copyable {
        var rng: RandomGenerator
        init(seed: UInt64) throws { rng = try RandomGenerator(seed: seed) }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.uniform() * Double(range.count)) }
        mutating func double(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.uniform() }
        /// A rate in percent with two decimals, as a file writes it.
        mutating func percent(_ lo: Double, _ hi: Double) -> String { String(format: "%.2f%%", double(lo, hi)) }
    }

    static func day(_ s: String) -> Day { Day(iso: s)! }

    static func treasury(_ body: String, rates: String, horizon: Int = 10) throws -> TreasuryRun {
        try TreasuryTests.run(TreasuryTests.yaml(horizon: horizon, treasury: body, rates: rates)).0
    }

    @Test("accrual: a loan's interest over the years sums to the interest of its periods (closed form)")
    func accrualSums() throws {
        var d = try Draw(seed: 11)
        for k in 0..<Self.cases {
            // Start after V = 2024-03-31 and inside 2024, whole years to maturity (≤ 8 < horizon 10).
            let month = d.int(4...12), dayOfMonth = d.int(1...28), years = d.int(1...8)
            let start = String(format: "2024-%02d-%02d", month, dayOfMonth)
            let maturity = String(format: "%04d-%02d-%02d", 2024 + years, month, dayOfMonth)
            let notional = Double(d.int(10...900))
            let fixed = d.int(0...1) == 0
            let rate = d.double(0.1, 6.0), level = d.double(-1.0, 6.0), margin = d.double(0, 1.5)
            let loan = fixed
                ? "    - {id: L, type: fixed, notional: \(notional), start: \(start), maturity: \(maturity), rate: \(rate)%}"
                : "    - {id: L, type: floating, notional: \(notional), start: \(start), maturity: \(maturity), margin: \(margin)%}"
            let t = try Self.treasury("  loans:\n" + loan, rates: "  scenarios:\n    - {name: base, type: flat, level: \(level)%}")
            let total = TreasuryTests.years(t).reduce(0) { $0 + $1.externalInterest }
            // Fixed: annual 30E/360 coupons of N·r each, `years` of them. Floating: quarterly
            // ACT/360 at the flat level + margin, so N·(L + m)·(days from start to maturity)/360.
            let days = Double(Self.day(maturity).serial - Self.day(start).serial)
            let expected = fixed ? notional * 1e6 * rate / 100 * Double(years)
                                 : notional * 1e6 * (level + margin) / 100 * days / 360
            #expect(abs(total - expected) < 1e-6 * max(1, abs(expected)), "case \(k): \(loan) level \(level) %: \(total) vs \(expected)")
        }
    }

    /// A random portfolio: fixed and floating loans, pay-fixed swaps within the floating debt.
    static func portfolio(_ d: inout Draw, floors: Bool = false, split: Bool = false) -> String {
        var lines: [String] = ["  loans:"]
        let n = d.int(2...8)
        for i in 0..<n {
            let start = String(format: "%04d-%02d-28", d.int(2019...2024), d.int(1...3))
            let maturity = String(format: "%04d-%02d-28", d.int(2025...2036), d.int(1...12))
            let notional = Double(d.int(20...500))
            let kind = i == 0 ? 1 : d.int(0...1)   // the first loan is floating: the swaps hedge it
            let terms = kind == 0 ? "type: fixed, rate: \(d.percent(0.2, 4.5))"
                                  : "type: floating, margin: \(d.percent(0, 0.8))" + (floors ? ", floor: 0%" : "")
            let pieces = split && i == 0 ? [(notional / 2, "a"), (notional / 2, "b")] : [(notional, "")]
            for (amount, suffix) in pieces {
                lines.append("    - {id: L\(i)\(suffix), notional: \(amount), start: \(start), maturity: \(maturity), \(terms)}")
            }
            if i == 0 { lines.append("#FIRST \(notional) \(start) \(maturity)") }
        }
        return lines.joined(separator: "\n")
    }

    @Test("metrics and interest are invariant to splitting a loan into two identical halves")
    func splitInvariance() throws {
        for k in 0..<Self.cases / 2 {
            var a = try Draw(seed: 100 + UInt64(k)), b = try Draw(seed: 100 + UInt64(k))
            let whole = Self.portfolio(&a), halves = Self.portfolio(&b, split: true)
            let rates = "  scenarios:\n    - {name: base, type: flat, level: 2.5%}"
            let t1 = try Self.treasury(whole, rates: rates), t2 = try Self.treasury(halves, rates: rates)
            for (y1, y2) in zip(TreasuryTests.years(t1), TreasuryTests.years(t2)) {
                #expect(abs(y1.externalInterest - y2.externalInterest) < 1e-6, "case \(k) year \(y1.year)")
                #expect(abs(y1.debtEnd - y2.debtEnd) < 1e-6, "case \(k) year \(y1.year)")
            }
            for (m1, m2) in zip([t1.metrics] + t1.metricsYearEnd, [t2.metrics] + t2.metricsYearEnd) {
                #expect(abs(m1.debt - m2.debt) < 1e-6)
                #expect(abs((m1.averageRate ?? 0) - (m2.averageRate ?? 0)) < 1e-12, "case \(k) \(m1.date)")
                #expect(abs((m1.fixingYears ?? 0) - (m2.fixingYears ?? 0)) < 1e-12, "case \(k) \(m1.date)")
                #expect(abs((m1.maturityYears ?? 0) - (m2.maturityYears ?? 0)) < 1e-12, "case \(k) \(m1.date)")
                #expect(abs((m1.shareMaturing12m ?? 0) - (m2.shareMaturing12m ?? 0)) < 1e-12)
                #expect(abs((m1.shareFixing12m ?? 0) - (m2.shareFixing12m ?? 0)) < 1e-12)
                for (x, y) in zip(m1.fixingBuckets, m2.fixingBuckets) { #expect(abs(x - y) < 1e-12) }
                #expect(m1.maxSingleFixingYears == m2.maxSingleFixingYears)
            }
        }
    }

    /// Pay-fixed swaps on the first (floating) loan: alive only while it is, no larger than it.
    static func swaps(_ portfolio: String, _ d: inout Draw) -> String {
        let first = portfolio.split(separator: "\n").first { $0.hasPrefix("#FIRST") }!.split(separator: " ")
        let notional = Double(first[1])!, maturity = String(first[3])
        let swapMaturity = String(format: "%@-%@-28", String(maturity.prefix(4)), String(maturity.dropFirst(5).prefix(2)))
        let size = (notional * d.double(0.1, 1.0)).rounded(.down)
        return "\n  swaps:\n    - {id: S1, pay: fixed, notional: \(size), start: 2024-03-28, maturity: \(swapMaturity), fixed_rate: \(d.percent(0.5, 3.5))}"
    }

    @Test("a +x bp parallel shift never lowers the cost of a portfolio without floors whose swaps stay within its floating debt")
    func shiftRaisesCost() throws {
        for k in 0..<Self.cases / 2 {
            var d = try Draw(seed: 500 + UInt64(k))
            var body = Self.portfolio(&d)
            body += Self.swaps(body, &d)
            let level = d.double(-1.5, 5.0), shift = Double(d.int(1...200))
            let rates = "  scenarios:\n    - {name: base, type: flat, level: \(level)%}\n    - {name: up, type: flat, level: \(level + shift / 100)%}"
            let t = try Self.treasury(body, rates: rates)
            for (b, u) in zip(TreasuryTests.years(t, "base"), TreasuryTests.years(t, "up")) {
                #expect(u.externalInterest >= b.externalInterest - 1e-6, "case \(k) year \(b.year): +\(shift) bp lowered the cost")
            }
        }
    }

    @Test("with floors and negative rates a +x bp shift can lower the cost (the swap's receive leg is not floored)")
    func shiftWithFloorsCanLowerCost() throws {
        // Hand-built counterexample: a 100 mnkr floating loan floored at 0 %, hedged by a
        // 100 mnkr pay-fixed swap. At −1.0 % the loan pays only its margin; moving to −0.5 %
        // leaves the loan unchanged (still floored) but the swap now receives −0.5 % instead of
        // −1.0 %: the net cost falls by 100 mnkr × 0.5 % × days/360 ≈ 0.5 mnkr a year.
        let body = """
          loans:
            - {id: F, type: floating, notional: 100, start: 2024-03-31, maturity: 2027-03-31, margin: 0.3%, floor: 0%}
          swaps:
            - {id: S, pay: fixed, notional: 100, start: 2024-03-31, maturity: 2027-03-31, fixed_rate: 1%}
        """
        let rates = "  scenarios:\n    - {name: base, type: flat, level: -1.0%}\n    - {name: up, type: flat, level: -0.5%}"
        let t = try Self.treasury(body, rates: rates, horizon: 3)
        let base = TreasuryTests.years(t, "base"), up = TreasuryTests.years(t, "up")
        // 2025: a whole year of both, 365 days: the fall is 100e6 × 0.005 × 365/360.
        #expect(abs((base[1].externalInterest - up[1].externalInterest) - 100e6 * 0.005 * 365 / 360) < 1e-6)
        #expect(up[1].externalInterest < base[1].externalInterest)
    }

    @Test("deviation signs: budget − forecast for net-cost units, forecast − budget for result units (positive = favourable)")
    func deviationSigns() throws {
        var d = try Draw(seed: 7)
        for k in 0..<Self.cases / 2 {
            let budget = (d.double(-50, 300) * 10).rounded() / 10, forecast = (d.double(-50, 300) * 10).rounded() / 10
            let rb = (d.double(-20, 20) * 10).rounded() / 10, rf = (d.double(-20, 20) * 10).rounded() / 10
            let s = try #require(try load("""
                prognos: 1
                unit: mnkr
                as_of: 2024-03-31
                operating:
                  units:
                    - {id: a, name: A, budget: \(budget), budget_ytd: 1.0, actual_ytd: 1.0, forecast: {method: manual, value: \(forecast)}}
                    - {id: r, name: R, reported_as: result, budget: \(rb), budget_ytd: 0.0, actual_ytd: 0.0, forecast: {method: manual, value: \(rf)}}

                """).value)
            let units = try #require((JSONOutput.object(try ScenarioRun.compute(s))["operating"] as? [String: Any])?["units"] as? [[String: Any]])
            let a = try #require(units.first { $0["id"] as? String == "a" }?["deviation"] as? Double)
            let r = try #require(units.first { $0["id"] as? String == "r" }?["deviation"] as? Double)
            #expect(abs(a - (budget - forecast) * 1e6) < 1e-3, "case \(k)")
            #expect(abs(r - (rf - rb) * 1e6) < 1e-3, "case \(k)")
        }
    }

    @Test("quantiles are monotone in p, within [min, max], and equal the sorted-data quantile")
    func quantilesMonotone() throws {
        var d = try Draw(seed: 3)
        let ps = [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]
        for k in 0..<Self.cases {
            let n = d.int(1...500)
            // Mixed data: normals, ties and a few outliers.
            var data = (0..<n).map { _ in d.int(0...9) == 0 ? 3.0 : d.rng.normal() * d.double(0.1, 100) }
            var sorted = data
            Statistics.sort(&sorted)
            let q = Statistics.quantiles(selecting: &data, ps)
            for i in 1..<q.count { #expect(q[i] >= q[i - 1], "case \(k): p\(ps[i]) < p\(ps[i - 1])") }
            #expect(q.first! >= sorted.first! && q.last! <= sorted.last!)
            for (p, v) in zip(ps, q) { #expect(abs(v - Statistics.quantile(sorted: sorted, p: p)!) < 1e-12, "case \(k) p \(p)") }
        }
    }
}
