import Foundation
import Testing
@testable import PrognosCore

/// Issue 20, item 4: a batch boxes and writes the treasury parts its runs repeat once
/// (BoxMemo.swift). A run's JSON must be the bytes it has without the memo, whichever runs
/// came before (spec/batch.md: a run's files do not depend on the other runs), and a part is
/// reused only when it is the same value spelt with the same bytes.
@Suite("box memo")
struct BoxMemoTests {
    /// The JSON bytes of `value` boxed with `memo` (nil: none, the reference). Bytes, not a
    /// String: `==` on String holds for canonically equivalent spellings.
    static func json<T: Encodable>(_ value: T, memo: BoxMemo?) throws -> [UInt8] {
        try ResultEncoder.$memo.withValue(memo) { JSONWriter.bytes(try ResultEncoder.box(value)) }
    }

    static func document(_ overrides: [String]) throws -> ResultDocument {
        ResultDocument(try ScenarioRun.compute(try Scenario.load(path: BatchSpeedTests.internbank, overrides: overrides), simulation: .skip))
    }

    static func year(_ external: Double?) -> TreasuryResult.Year {
        TreasuryResult.Year(year: 2024, externalInterest: external, swapNet: -2.25, internalIncome: 10,
                            internalIncomeByBorrower: ["Stångåstaden": 5, "Tekniska verken": nil], marginIncome: 0.1,
                            municipalityNet: 7, averageFundingRate: 0.0325, averageDebt: 1e9, debtEnd: 1e9)
    }

    @Test("sweep runs: each document's JSON is the bytes it has without the memo; repeated scenarios, policy and year-end metrics are reused")
    func sweepRunsEqualFresh() throws {
        // Two runs of a sweep that differ in one scenario's shift (sweep-1000's first key).
        let a = try Self.document(["rates.scenarios[plus100].shift=50bp"])
        let b = try Self.document(["rates.scenarios[plus100].shift=75bp"])
        let n = try #require(a.treasury).scenarios.count
        #expect(n >= 6)
        let memo = BoxMemo()
        for doc in [a, b, a, b] {
            #expect(try Self.json(doc, memo: memo) == (try Self.json(doc, memo: nil)))
        }
        // By hand: the first run boxes its n scenarios, its policy checks and its year-end
        // metrics (n + 2); the second only its shifted scenario (1), the rest is reused (n + 1);
        // the two runs again reuse everything (2 (n + 2)).
        let counts = memo.counts
        #expect(counts.boxed == n + 3)
        #expect(counts.reused == (n + 1) + 2 * (n + 2))
    }

    @Test("a batch on two threads writes each run's JSON as a run alone writes it, labels spelt NFC and NFD across runs")
    func batchEqualsRunAlone() throws {
        let nfd = "Ho\u{0308}g ränta"
        let text = """
            base: \(BatchSpeedTests.internbank)
            sweep:
              rates.scenarios[plus100].label: ["Hög ränta", "\(nfd)"]
              rates.scenarios[plus100].shift: [50bp, 75bp]
              treasury.internal_bank.margin: [0.20%, 0.40%]

            """
        let dir = try temporaryFiles(["m.yaml": text])
        let runs = try batchRunsEqualAlone(dir.appendingPathComponent("m.yaml").path)
        #expect(runs.count == 8)
        var labels = Set<[UInt8]>()
        for written in runs {
            let label = try #require(try Self.label(written))
            labels.insert(Array(label.utf8))
        }
        // Both spellings reached the files as written in the manifest.
        #expect(labels == [Array("Hög ränta".utf8), Array(nfd.utf8)])
    }

    /// The label of scenario plus100 in a run's JSON.
    static func label(_ json: Data) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        let scenarios = (object?["treasury"] as? [String: Any])?["scenarios"] as? [[String: Any]]
        return scenarios?.first { $0["name"] as? String == "plus100" }?["label"] as? String
    }

    @Test("canonically equal spellings (NFC, NFD) are equal by == but not reused: each keeps its own bytes")
    func spellings() throws {
        let nfc = TreasuryResult.Scenario(name: "hög", years: [Self.year(1)], label: Present("Hög ränta"))
        var nfd = nfc
        nfd.label = Present("Ho\u{0308}g ränta")
        #expect(nfc == nfd)   // why the memo also compares the strings' bytes
        var key = nfc
        key.years[0].internalIncomeByBorrower = ["Sta\u{030A}ngåstaden": 5, "Tekniska verken": nil]
        #expect(key == nfc)
        let memo = BoxMemo()
        let written = try [nfc, nfd, key, nfc].map { try Self.json($0, memo: memo) }
        #expect(written == (try [nfc, nfd, key, nfc].map { try Self.json($0, memo: nil) }))
        // "o" and U+0308 (CC 88) in the NFD run only.
        let combining = Data([0x6F, 0xCC, 0x88])
        #expect(Data(written[1]).range(of: combining) != nil)
        #expect(Data(written[0]).range(of: combining) == nil)
        #expect(Set(written).count == 3)
        #expect(memo.counts.boxed == 3)
        #expect(memo.counts.reused == 1)
    }

    @Test("every string of the memorised parts is compared byte for byte: an NFD spelling of any one is another part")
    func everyString() throws {
        let nfc = "Hög", nfd = "Ho\u{0308}g"
        #expect(nfc == nfd)
        let part = try JSONDecoder().decode(TreasuryYearPart.self, from: Data(#"{"from": "Hög", "to": "Hög"}"#.utf8))
        var year = Self.year(1)
        year.internalIncomeByBorrower = [nfc: 1]
        year.realised = part; year.forecast = part
        let scenario = TreasuryResult.Scenario(name: nfc, years: [year], label: Present(nfc),
                                               swapMarketValue: [.init(date: nfc, total: 1, bySwap: [nfc: 2])])
        var variants: [TreasuryResult.Scenario] = []
        func variant(_ change: (inout TreasuryResult.Scenario) -> Void) { var v = scenario; change(&v); variants.append(v) }
        variant { $0.name = nfd }
        variant { $0.label = Present(nfd) }
        variant { $0.years[0].internalIncomeByBorrower = [nfd: 1] }
        variant { $0.years[0].realised!.from = nfd }
        variant { $0.years[0].realised!.to = nfd }
        variant { $0.years[0].forecast!.from = nfd }
        variant { $0.years[0].forecast!.to = nfd }
        variant { $0.swapMarketValue![0].date = nfd }
        variant { $0.swapMarketValue![0].bySwap = [nfd: 2] }
        #expect(BoxMemo.sameSpelling(scenario, scenario))
        for v in variants {
            #expect(v == scenario)
            #expect(!BoxMemo.sameSpelling(scenario, v))
            #expect(!BoxMemo.sameSpelling(v, scenario))
        }
        let check = TreasuryResult.Check(rule: nfc, limit: .init(min: 1, max: 2), value: 1.5, ok: true, date: nfc)
        var rule = check; rule.rule = nfd
        var date = check; date.date = nfd
        #expect(BoxMemo.sameSpelling([check], [check]))
        for v in [rule, date] { #expect([v] == [check]); #expect(!BoxMemo.sameSpelling([check], [v])) }
        var metrics = DirectBoxingTests.metrics()
        metrics.date = nfc; metrics.fixingBuckets = [nfc: 1]; metrics.fixingBucketsExclDerivatives = [nfc: 1]
        metrics.byLender = [nfc: 1]; metrics.byCounterparty = [nfc: 1]; metrics.internalLending.byBorrower = [nfc: 1]
        var changed: [TreasuryResult.Metrics] = []
        func change(_ edit: (inout TreasuryResult.Metrics) -> Void) { var m = metrics; edit(&m); changed.append(m) }
        change { $0.date = nfd }
        change { $0.fixingBuckets = [nfd: 1] }
        change { $0.fixingBucketsExclDerivatives = [nfd: 1] }
        change { $0.byLender = [nfd: 1] }
        change { $0.byCounterparty = [nfd: 1] }
        change { $0.internalLending.byBorrower = [nfd: 1] }
        #expect(BoxMemo.sameSpelling([metrics], [metrics]))
        for m in changed { #expect([m] == [metrics]); #expect(!BoxMemo.sameSpelling([metrics], [m])) }
    }

    @Test("−0 and 0 write the same bytes reused or not; a value holding NaN is never reused")
    func numbers() throws {
        let zero = TreasuryResult.Scenario(name: "base", years: [Self.year(0)])
        let negativeZero = TreasuryResult.Scenario(name: "base", years: [Self.year(-0.0)])
        // Two NaN values built apart (one value twice shares its arrays' storage, and `==` on
        // arrays holds for the same storage without comparing elements: the same bytes).
        let nan = TreasuryResult.Scenario(name: "base", years: [Self.year(.nan)])
        let otherNaN = TreasuryResult.Scenario(name: "base", years: [Self.year(.nan)])
        let memo = BoxMemo()
        for value in [zero, negativeZero, nan, otherNaN, zero] {
            #expect(try Self.json(value, memo: memo) == (try Self.json(value, memo: nil)))
        }
        #expect(String(decoding: try Self.json(negativeZero, memo: nil), as: UTF8.self).contains("\"external_interest\": 0,"))
        // NaN ≠ NaN: both NaN values boxed; zero reused once (−0 has other bits: its own bucket).
        #expect(memo.counts.reused == 1)
        #expect(memo.counts.boxed == 4)
    }

    @Test("a reused part at another depth is written at that depth (its kept bytes are for one indentation)")
    func depths() throws {
        let checks = [TreasuryResult.Check(rule: "fixing_years", limit: .init(min: 1.5, max: 4), value: 2.7, ok: true, date: "2024-03-31")]
        let scenario = TreasuryResult.Scenario(name: "base", years: [Self.year(3.5)], label: Present("Terminskurvan"))
        /// The value alone, in an array, in an array in a map, alone again (indentation 0, 1, 2, 0).
        func shapes<T: Encodable>(_ v: T, _ memo: BoxMemo?) throws -> [[UInt8]] {
            [try Self.json(v, memo: memo), try Self.json([v], memo: memo), try Self.json(["a": [v]], memo: memo), try Self.json(v, memo: memo)]
        }
        let memo = BoxMemo()
        #expect(try shapes(checks, memo) == (try shapes(checks, nil)))
        #expect(try shapes(scenario, memo) == (try shapes(scenario, nil)))
        #expect(memo.counts.boxed == 2)
        #expect(memo.counts.reused == 6)
    }
}
