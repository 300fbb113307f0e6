import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: what a batch keeps across runs by a scenario's words (`ScenarioKey`) —
/// evaluations, swap values (rule T24) and the base scenario's metrics (rules T13, T20) — must
/// give the bytes of computing them, and the words must tell apart any two scenarios that fix
/// differently.
@Suite("scenario key")
struct ScenarioKeyTests {
    static let v = Day(year: 2024, month: 3, day: 31)!
    static let curve = ZeroCurve(valuationDate: v, pillars: [(Tenor(months: 3), 0.04), (Tenor(months: 60), 0.03)])

    /// The internal-bank scenario and every file it reads, copied into a new folder with
    /// `edit` applied to their texts (by name); the scenario file's path.
    static func internbankCopy(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> String {
        let shipped = repositoryRoot.appendingPathComponent("Scenarios")
        var files: [String: String] = [:]
        for name in ["linkoping-internbank-2024.yaml", "portfolio-2024.yaml", "rates-2024.yaml",
                     "data/loans-2024.csv", "data/reverser-2024.csv", "data/riksbank-policy-rate.csv"] {
            files[name] = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
        }
        edit(&files)
        return try temporaryFiles(files).appendingPathComponent("linkoping-internbank-2024.yaml").path
    }

    @Test("the scenario types have the stored properties the key was written for (a new one: look at ScenarioKey again)")
    func tripwire() {
        func labels(_ x: Any) -> [String] { Mirror(reflecting: x).children.compactMap(\.label) }
        let v = Self.v, base = CurveScenario(curve: Self.curve)
        #expect(labels(base) == ["curve"])
        #expect(labels(Self.curve) == ["valuationDate", "interpolation", "times", "zeros", "logDiscounts"])
        #expect(labels(FlatScenario(valuationDate: v, level: 0.03)) == ["valuationDate", "level"])
        #expect(labels(PathScenario(valuationDate: v, points: [(v, 0.03)], interpolation: .step))
                == ["valuationDate", "interpolation", "days", "values"])
        #expect(labels(PolicyPathScenario(valuationDate: v, points: [(v, 0.03)], initial: nil, spread: 0.002))
                == ["valuationDate", "spread", "initial", "days", "values", "cumulative"])
        #expect(labels(ShiftScenario(base: base, shift: 0.01)) == ["base", "shift", "from"])
        #expect(labels(RampScenario(base: base, to: 0.02, overMonths: 12)) == ["base", "to", "end"])
    }

    @Test("equal scenarios have equal words; any property changed, or another base, changes them")
    func wordsTellApart() throws {
        let v = Self.v, base = CurveScenario(curve: Self.curve)
        let words = { (s: any RateScenario) in ScenarioKey.words(s) }
        #expect(words(ShiftScenario(base: base, shift: 0.01)) == words(ShiftScenario(base: CurveScenario(curve: Self.curve), shift: 0.01)))
        let variants: [any RateScenario] = [
            base,
            CurveScenario(curve: ZeroCurve(valuationDate: v, pillars: [(Tenor(months: 3), 0.04), (Tenor(months: 60), 0.031)])),
            CurveScenario(curve: ZeroCurve(valuationDate: v, pillars: [(Tenor(months: 3), 0.04), (Tenor(months: 60), 0.03)],
                                           interpolation: .linearZero)),
            FlatScenario(valuationDate: v, level: 0.03), FlatScenario(valuationDate: v, level: 0.0300001),
            FlatScenario(valuationDate: v.addingDays(1), level: 0.03),
            PathScenario(valuationDate: v, points: [(v, 0.03), (v.addingMonths(6), 0.02)], interpolation: .step),
            PathScenario(valuationDate: v, points: [(v, 0.03), (v.addingMonths(6), 0.02)], interpolation: .linear),
            PathScenario(valuationDate: v, points: [(v, 0.03), (v.addingMonths(7), 0.02)], interpolation: .step),
            PolicyPathScenario(valuationDate: v, points: [(v, 0.03)], initial: nil, spread: 0.002),
            PolicyPathScenario(valuationDate: v, points: [(v, 0.03)], initial: 0.04, spread: 0.002),
            PolicyPathScenario(valuationDate: v, points: [(v, 0.03)], initial: nil, spread: 0.003),
            ShiftScenario(base: base, shift: 0.01), ShiftScenario(base: base, shift: 0.015),
            ShiftScenario(base: base, shift: 0.01, from: v.addingDays(10)),
            ShiftScenario(base: FlatScenario(valuationDate: v, level: 0.03), shift: 0.01),
            // A shift of 0 fixes as its base, but is another scenario: the words need not merge them.
            ShiftScenario(base: base, shift: 0),
            RampScenario(base: base, to: 0.02, overMonths: 12), RampScenario(base: base, to: 0.02, overMonths: 24),
            RampScenario(base: base, to: 0.025, overMonths: 12),
        ]
        let all = try variants.map { try #require(words($0)) }
        #expect(Set(all).count == variants.count)
        // The words are exact: −0.0 and 0.0 fix alike but are two keys (never one key for two fixings).
        #expect(words(FlatScenario(valuationDate: v, level: 0.0)) != words(FlatScenario(valuationDate: v, level: -0.0)))
    }

    /// A scenario type the key does not know (as a Monte Carlo path would be): no words.
    struct Unknown: RateScenario {
        var valuationDate: Day
        func fixing(_ d: Day) -> Double { 0.03 }
    }

    @Test("a scenario type without words is not kept by its words (the evaluation falls back to its fixings)")
    func unknownType() {
        #expect(ScenarioKey.words(Unknown(valuationDate: Self.v)) == nil)
        #expect(ScenarioKey.words(ShiftScenario(base: Unknown(valuationDate: Self.v), shift: 0.01)) == nil)
    }

    @Test("the metrics key holds each lender and counterparty as spelt, byte for byte")
    func metricsKeySpelling() throws {
        let t = try BatchSpeedTests.treasury()
        let curve = try #require(t.curve)
        let base = try #require(ScenarioKey.words(CurveScenario(curve: curve)))
        let key = MetricsKey.words(base: base, curve: t.curve, t)
        #expect(MetricsKey.words(base: base, curve: t.curve, t) == key)
        // "Kommuninvest" spelt with a precomposed and a decomposed letter compare equal as
        // Swift strings; the metrics name the lender as spelt, so they are two keys.
        var nfc = t, nfd = t
        nfc.loans[0].lender = "Sk\u{E5}nebank"
        nfd.loans[0].lender = "Ska\u{30A}nebank"
        #expect(nfc.loans[0].lender == nfd.loans[0].lender)
        #expect(MetricsKey.words(base: base, curve: t.curve, nfc) != MetricsKey.words(base: base, curve: t.curve, nfd))
        var counterparty = t; counterparty.swaps[0].counterparty = "Another bank"
        #expect(MetricsKey.words(base: base, curve: t.curve, counterparty) != key)
        var none = t; none.loans[1].lender = nil
        #expect(MetricsKey.words(base: base, curve: t.curve, none) != key)
        #expect(MetricsKey.words(base: base, curve: nil, t) != key)
        let shifted = try #require(ScenarioKey.words(ShiftScenario(base: CurveScenario(curve: curve), shift: 0.01)))
        #expect(MetricsKey.words(base: shifted, curve: t.curve, t) != key)
    }

    @Test("the swap book key holds what the swap values read: V, rule T2's history, each swap's legs, the dates")
    func swapBookKey() throws {
        func labels(_ x: Any) -> [String] { Mirror(reflecting: x).children.compactMap(\.label) }
        let t = try BatchSpeedTests.treasury()
        // SwapBookKey lists the fields PlanBuilder builds a swap's schedules and legs from; a new
        // field of Swap must be checked against it.
        #expect(labels(try #require(t.swaps.first)) == ["id", "pay", "notional", "start", "maturity", "fixedRate",
                                                        "fixedFrequencyMonths", "floatFrequencyMonths", "lastFixing", "green",
                                                        "lender", "location", "counterparty"])
        let dates = [t.valuationDate, Day(year: 2024, month: 12, day: 31)!]
        let key = SwapBookKey.words(t, dates: dates)
        #expect(SwapBookKey.words(t, dates: dates) == key)
        var changed: [TreasuryInput] = []
        var x = t; x.swaps[0].pay = x.swaps[0].pay == .fixed ? .floating : .fixed; changed.append(x)
        x = t; x.swaps[0].notional += 1; changed.append(x)
        x = t; x.swaps[0].start = x.swaps[0].start.addingDays(1); changed.append(x)
        x = t; x.swaps[0].maturity = x.swaps[0].maturity.addingDays(1); changed.append(x)
        x = t; x.swaps[0].fixedRate += 0.0001; changed.append(x)
        x = t; x.swaps[0].fixedFrequencyMonths = 6; changed.append(x)
        x = t; x.swaps[0].floatFrequencyMonths = 6; changed.append(x)
        x = t; x.swaps[0].lastFixing = 0.0312; changed.append(x)
        x = t; x.swaps.removeLast(); changed.append(x)
        x = t; x.fixingHistory.append((Day(year: 2024, month: 3, day: 28)!, 0.04)); changed.append(x)
        x = t; x.valuationDate = x.valuationDate.addingDays(-1); changed.append(x)
        for (n, c) in changed.enumerated() { #expect(SwapBookKey.words(c, dates: dates) != key, "change \(n)") }
        #expect(SwapBookKey.words(t, dates: Array(dates.prefix(1))) != key)
        // Not read by the swap values: the margin, the loans, a swap's id, counterparty, green.
        x = t; x.internalBank!.margin += 0.001; x.loans[0].notional += 1
        x.swaps[0].id = "renamed"; x.swaps[0].counterparty = "Another bank"; x.swaps[0].green.toggle()
        #expect(SwapBookKey.words(x, dates: dates) == key)
    }

    @Test("swap values and metrics kept with the plan equal computing them; a shift sweep computes plus100's only (rules T13, T24)")
    func keptEqualsComputed() throws {
        // Runs of a plan with a cache (not through the global `InputCache`, which tests running
        // beside this one switch on and off): the plan cache is what a batch's runs share.
        func run(_ shift: String, cache: EvaluationCache?) throws -> TreasuryRun {
            let scenario = try Scenario.load(path: BatchSpeedTests.internbank, overrides: ["rates.scenarios[plus100].shift=\(shift)"])
            let input = try #require(scenario.treasury)
            return try #require(TreasuryRun.compute(input, rates: scenario.rates, selected: nil, log: DiagnosticLog(), evaluations: cache))
        }
        let cache = EvaluationCache()
        for shift in ["125bp", "175bp", "125bp", "50bp"] {
            let fresh = try run(shift, cache: nil), kept = try run(shift, cache: cache)
            #expect(kept.swapValues == fresh.swapValues, "\(shift)")
            #expect(String(describing: kept.metrics) == String(describing: fresh.metrics))
            #expect(String(describing: kept.metricsYearEnd) == String(describing: fresh.metricsYearEnd))
            #expect(String(describing: kept.ladders) == String(describing: fresh.ladders))
            #expect(kept.policy.map(\.value) == fresh.policy.map(\.value))
        }
        // Six scenarios of the file, plus100 three more times (175, 50 bp; 125 bp seen before).
        #expect(cache.swapValueCount == 6 + 2)
        // One base scenario: one set of metrics.
        #expect(cache.metricsCount == 1)
        // The values are real: a swap book worth something, metrics with debt.
        let kept = try run("125bp", cache: cache)
        #expect(abs(kept.swapValues["base"]![0].total) > 1e6)
        #expect(kept.metrics.debt > 1e9)
    }

    @Test("a batch keeps the internal loans a CSV gives once they read without a diagnostic; a bad row fails every run")
    func internalLoansKept() throws {
        // The internal-bank scenario copied with its files, its internal loans CSV once as
        // shipped and once with a row whose notional is not a number.
        let good = try Self.internbankCopy()
        let bad = try Self.internbankCopy { files in
            files["data/reverser-2024.csv"] = files["data/reverser-2024.csv"]!.replacingOccurrences(of: "IB02;stangastaden;825,3;", with: "IB02;stangastaden;x825;")
        }
        let fresh = try #require(try Scenario.load(path: good).treasury?.internalBank)

        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        for _ in 0..<2 {
            // Kept after the first read: the same loans, the CSV still among the files read.
            let scenario = try Scenario.load(path: good, overrides: ["treasury.internal_bank.margin=0.3%"])
            let bank = try #require(scenario.treasury?.internalBank)
            #expect(bank.loans.map(\.id) == fresh.loans.map(\.id))
            #expect(bank.loans.map(\.notional) == fresh.loans.map(\.notional))
            #expect(bank.loans.count > 10)
            #expect(scenario.inputFiles.contains { $0.path.hasSuffix("reverser-2024.csv") })
            // The bad file is never kept: each load names the row.
            #expect(throws: InputFailure.self) { try Scenario.load(path: bad) }
            do { _ = try Scenario.load(path: bad) } catch {
                #expect(error.diagnostics.contains { $0.description.contains("IB02") || $0.description.contains("x825") })
            }
        }
    }

    @Test("a batch keeps a file merged with its includes only when it loaded without a diagnostic, and records its files")
    func mergedTreeKept() throws {
        let good = try Self.internbankCopy()
        // An include that declares another unit: an error of the include (rule F2).
        let bad = try Self.internbankCopy { files in files["rates-2024.yaml"] = "unit: tkr\n" + files["rates-2024.yaml"]! }
        let fresh = try Scenario.load(path: good)

        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        for _ in 0..<2 {
            let kept = try Scenario.load(path: good)
            // The same files read, in the same order, and the same merged tree.
            #expect(kept.inputFiles.map(\.path) == fresh.inputFiles.map(\.path))
            #expect(kept.inputFiles.map(\.sha256) == fresh.inputFiles.map(\.sha256))
            #expect(kept.inputFiles.count == 6)
            #expect(kept.fingerprint == fresh.fingerprint && !fresh.fingerprint.isEmpty)
            // The bad include is reported by every load, never taken from the cache.
            do {
                _ = try Scenario.load(path: bad)
                Issue.record("the include's unit was not reported")
            } catch {
                #expect(error.diagnostics.contains { $0.description.contains("unit") })
            }
        }
    }

    @Test("kept internal loans register their ids as the file writes them: a quoted id with a space is not a duplicate")
    func internalLoanRawIDs() throws {
        // Two rows whose ids differ only by a trailing space inside quotes: distinct as written.
        let path = try Self.internbankCopy { files in
            files["data/reverser-2024.csv"] = files["data/reverser-2024.csv"]!.replacingOccurrences(of: "\nIB01;", with: "\n\"IB99 \";")
                .replacingOccurrences(of: "\nIB02;", with: "\nIB99;")
        }
        let fresh = try Scenario.load(path: path)
        let count = try #require(fresh.treasury?.internalBank?.loans.count)
        InputCache.shared.enabled = true
        defer { InputCache.shared.enabled = false }
        for _ in 0..<3 {
            let kept = try Scenario.load(path: path)
            #expect(kept.treasury?.internalBank?.loans.count == count)
        }
    }

    @Test("the plan key holds texts byte for byte: a borrower id spelt NFC and NFD is two plans")
    func planKeySpelling() throws {
        let t = try BatchSpeedTests.treasury()
        var nfc = t, nfd = t
        nfc.internalBank!.loans[0].borrower = "Malm\u{F6}"
        nfd.internalBank!.loans[0].borrower = "Malmo\u{308}"
        #expect(nfc.internalBank!.loans[0].borrower == nfd.internalBank!.loans[0].borrower)
        #expect(PlanKey(nfc, monthGrid: nil) != PlanKey(nfd, monthGrid: nil))
        #expect(PlanKey(nfc, monthGrid: nil) == PlanKey(nfc, monthGrid: nil))
    }
}
