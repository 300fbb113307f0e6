import Foundation
import Testing
@testable import PrognosCore

@Suite("Rates: curve and deterministic scenarios")
struct RatesTests {
    static let v = Day(year: 2024, month: 3, day: 31)!
    static let pillars: [(Tenor, Double)] = [(Tenor("3M")!, 0.0395), (Tenor("1Y")!, 0.036), (Tenor("2Y")!, 0.0305),
                                              (Tenor("5Y")!, 0.0265), (Tenor("10Y")!, 0.027)]

    @Test("pillars are dates V + tenor with ACT/365F times (rule F5), and P = exp(−z t) there")
    func pillars() {
        let c = ZeroCurve(valuationDate: Self.v, pillars: Self.pillars)
        // 2024-03-31 + 3M = 2024-06-30: 91 days → t = 91/365, not 0.25.
        #expect(c.times[0] == 91.0 / 365)
        // 2025-03-31: 365 days; 2026-03-31: 730; 2029-03-31: 1826 (one leap day, 2028).
        #expect(c.times[1] == 365.0 / 365 && c.times[2] == 730.0 / 365 && c.times[3] == 1826.0 / 365)
        #expect(abs(c.discount(1826.0 / 365) - exp(-0.0265 * 1826.0 / 365)) < 1e-15)
    }

    @Test("flat_forward: ln P linear between pillars, forwards piecewise constant, right derivative at a pillar (S3)")
    func flatForward() {
        let c = ZeroCurve(valuationDate: Self.v, pillars: Self.pillars, interpolation: .flatForward)
        let t1 = 1.0, t2 = 2.0, y1 = 0.036 * t1, y2 = 0.0305 * t2
        // Midway, −ln P is the average of the neighbours.
        #expect(abs(c.minusLogDiscount(1.5) - (y1 + y2) / 2) < 1e-15)
        // The forward on [1Y, 2Y] is (y2 − y1)/(t2 − t1) = 0.061 − 0.036 = 0.025, also at t = 1Y exactly.
        #expect(abs(c.instantaneousForward(1.5) - 0.025) < 1e-15)
        #expect(abs(c.instantaneousForward(1.0) - 0.025) < 1e-15)
        // Before the first pillar: the first zero rate; beyond the last: the last segment's forward.
        #expect(abs(c.instantaneousForward(0.1) - 0.0395) < 1e-15)
        let t5 = 1826.0 / 365, t10 = c.times[4]
        let lastForward = (0.027 * t10 - 0.0265 * t5) / (t10 - t5)
        #expect(abs(c.instantaneousForward(15) - lastForward) < 1e-15)
        #expect(abs(c.minusLogDiscount(15) - (0.027 * t10 + lastForward * (15 - t10))) < 1e-13)
    }

    @Test("linear_zero: zero rates linear between pillars, flat beyond the ends (F8)")
    func linearZero() {
        let c = ZeroCurve(valuationDate: Self.v, pillars: Self.pillars, interpolation: .linearZero)
        #expect(abs(c.zeroRate(1.5) - (0.036 + 0.0305) / 2) < 1e-15)
        #expect(c.zeroRate(0.01) == 0.0395)
        #expect(c.zeroRate(30) == 0.027)
        // f = z + t z': at t = 1.5, 0.03325 + 1.5 × (−0.0055) = 0.02500
        #expect(abs(c.instantaneousForward(1.5) - (0.03325 + 1.5 * -0.0055)) < 1e-15)
    }

    @Test("curve fixings are simple ACT/360 forwards; T4 discount factors equal P(0,T)/P(0,t)")
    func curveDiscounts() {
        let c = ZeroCurve(valuationDate: Self.v, pillars: Self.pillars)
        let s = CurveScenario(curve: c)
        let d = Day(year: 2024, month: 5, day: 15)!, e = d.addingMonths(3)
        #expect(abs(s.fixing(d) - (c.discount(d) / c.discount(e) - 1) / (Double(e.serial - d.serial) / 360)) < 1e-15)
        // From a mid-month date every 3-month step ends where the next begins, so the
        // product of 1/(1 + L τ) telescopes to P(0,T)/P(0,t) exactly (rounding only).
        for months in [3, 12, 36, 60, 120] {
            let T = d.addingMonths(months)
            #expect(abs(s.discount(from: d, to: T) - c.discount(T) / c.discount(d)) < 1e-12, "\(months)M")
        }
        // From a month end (31st) the steps and the 3M forwards differ by a day now and then:
        // equal "up to day-count rounding" (rule T4).
        let T = Self.v.addingMonths(60)
        #expect(abs(s.discount(from: Self.v, to: T) - c.discount(T)) < 2e-5)
    }

    @Test("par rate under a flat 4 % scenario (hand-checked in Python, quarterly compounding)")
    func parRate() {
        // Python: P(t,T) = Π 1/(1 + 0.04 τ_k) over 3-month ACT/360 steps from 2024-06-30;
        // par = (1 − P(2Y)) / (α₁ P(1Y) + α₂ P(2Y)), α 30E/360 = 1 → 0.04117650020060352.
        let s = FlatScenario(valuationDate: Self.v, level: 0.04)
        #expect(abs(s.parRate(at: Day(year: 2024, month: 6, day: 30)!, tenor: Tenor("2Y")!) - 0.04117650020060352) < 1e-14)
    }

    @Test("path: step holds each point and the first before it; linear interpolates in days (rule T3)")
    func path() {
        let p = PathScenario(valuationDate: Self.v, points: [(Day(year: 2024, month: 5, day: 1)!, 0.04),
                                                             (Day(year: 2024, month: 7, day: 1)!, 0.03)], interpolation: .step)
        #expect(p.fixing(Self.v) == 0.04)                              // before the first point
        #expect(p.fixing(Day(year: 2024, month: 6, day: 30)!) == 0.04)
        #expect(p.fixing(Day(year: 2024, month: 7, day: 1)!) == 0.03)
        #expect(p.fixing(Day(year: 2030, month: 1, day: 1)!) == 0.03)  // after the last
        let l = PathScenario(valuationDate: Self.v, points: p.days.indices.map { (Day(serial: p.days[$0]), p.values[$0]) },
                             interpolation: .linear)
        // 2024-05-31 is 30 of the 61 days from 05-01 to 07-01: 0.04 − 0.01 × 30/61.
        #expect(abs(l.fixing(Day(year: 2024, month: 5, day: 31)!) - (0.04 - 0.01 * 30 / 61)) < 1e-15)
    }

    @Test("shift applies from the day after V; ramp rises linearly in days from V")
    func shiftAndRamp() {
        let base = FlatScenario(valuationDate: Self.v, level: 0.03)
        let s = ShiftScenario(base: base, shift: 0.01)
        #expect(s.fixing(Self.v) == 0.03)
        #expect(abs(s.fixing(Self.v.addingDays(1)) - 0.04) < 1e-15)
        let r = RampScenario(base: base, to: 0.02, overMonths: 12)   // 2024-03-31 → 2025-03-31: 365 days
        #expect(r.fixing(Self.v) == 0.03)
        #expect(abs(r.fixing(Self.v.addingDays(73)) - (0.03 + 0.02 * 73 / 365)) < 1e-15)
        #expect(abs(r.fixing(Day(year: 2026, month: 1, day: 1)!) - 0.05) < 1e-15)
    }

    @Test("day counts: ACT/360, ACT/365F, 30E/360 (day 31 → 30)")
    func dayCounts() {
        let a = Day(year: 2024, month: 1, day: 31)!, b = Day(year: 2024, month: 7, day: 31)!
        #expect(DayCount.act360.fraction(a, b) == 182.0 / 360)
        #expect(DayCount.act365F.fraction(a, b) == 182.0 / 365)
        #expect(DayCount.thirty360.fraction(a, b) == 0.5)
        // 30E/360: 2024-02-29 → 2024-08-31 = (6 × 30 + 30 − 29)/360 = 181/360.
        #expect(DayCount.thirty360.fraction(Day(year: 2024, month: 2, day: 29)!, Day(year: 2024, month: 8, day: 31)!) == 181.0 / 360)
        #expect(DayCount.parse("30E/360") == .thirty360)
        #expect(DayCount.parse("ACT/366") == nil)
    }

    @Test("schedules run backward from maturity, each date counted from it, the day clamped (rule T8)")
    func schedules() {
        let start = Day(year: 2024, month: 1, day: 15)!, maturity = Day(year: 2030, month: 8, day: 31)!
        let d = Schedule.dates(start: start, maturity: maturity, months: 3)
        #expect(d.first == start && d.last == maturity)
        #expect(d.contains(Day(year: 2029, month: 11, day: 30)!))     // the spec's example
        #expect(d.contains(Day(year: 2030, month: 5, day: 31)!))      // not 05-30 (not chained)
        #expect(d[1] == Day(year: 2024, month: 2, day: 29)!)          // short first period
        let amort = Schedule.amortizations(notional: 100, start: Day(year: 2024, month: 1, day: 1)!,
                                           maturity: Day(year: 2027, month: 1, day: 1)!, plan: Amortization(amount: 40, frequencyMonths: 12))
        #expect(amort.map(\.1) == [40, 40])                           // 20 left for maturity
        let capped = Schedule.amortizations(notional: 100, start: Day(year: 2024, month: 1, day: 1)!,
                                            maturity: Day(year: 2028, month: 1, day: 1)!, plan: Amortization(amount: 40, frequencyMonths: 12))
        #expect(capped.map(\.1) == [40, 40, 20])                      // capped at the outstanding
    }
}
