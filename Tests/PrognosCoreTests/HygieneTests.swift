import Foundation
import Synchronization
import Testing
@testable import PrognosCore

/// Issue 15 items 5 and 6: the one helper for parallel loops, the batch CSV through CSV.swift,
/// and rule T2 in one place for the plan and the metrics.
@Suite("hygiene: parallel loops, batch CSV, rule T2")
struct HygieneTests {
    struct Stop: Error, Equatable { let item: Int }

    @Test("Parallel.map: index order and the serial values whatever the threads; each worker's state made once")
    func parallelMap() {
        // i² for i < 1000, by hand; the result must not depend on 1, 2, 7 or 64 threads.
        let serial = (0..<1000).map { $0 * $0 }
        for threads in [1, 2, 7, 64] {
            let states = Atomic<Int>(0)
            let squares = Parallel.map(1000, threads: threads, state: { _ in states.add(1, ordering: .relaxed).newValue }) { _, i in i * i }
            #expect(squares == serial, "threads \(threads)")
            // One state per worker: min(threads, 1000) workers.
            #expect(states.load(ordering: .relaxed) == min(threads, 1000), "threads \(threads)")
        }
        #expect(Parallel.map(0, threads: 4) { $0 }.isEmpty)
    }

    @Test("Parallel.forEach: the error of the lowest failing item, whatever the threads; the other items all run")
    func parallelFailure() {
        // Items 3 and 7 of 20 fail. A worker stops at its first failure, so items a stopped
        // worker would have claimed go to the others, or (all stopped) do not run; the error
        // reported is item 3's for every thread count.
        for threads in [1, 2, 3, 8, 20] {
            let ran = Mutex<Set<Int>>([])
            #expect(throws: Stop(item: 3), "threads \(threads)") {
                try Parallel.forEach(20, threads: threads) { (i: Int) throws(Stop) in
                    ran.withLock { _ = $0.insert(i) }
                    if i == 3 || i == 7 { throw Stop(item: i) }
                }
            }
            // Items on workers that never failed all ran: with one worker per item, every item.
            if threads == 20 { #expect(ran.withLock { $0 } == Set(0..<20)) }
        }
    }

    // Needs two workers running at once: not on a one-core machine, where Dispatch may run
    // both on the calling thread one after the other.
    @Test("Parallel.forEach: items are claimed, not dealt in advance — a worker held up on one item leaves the rest to the others",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
    func parallelClaiming() {
        // Item 0 waits until items 1…19 have all run. Dealt round-robin (worker w takes w,
        // w + 2, …), the worker on item 0 would also own items 2, 4, …, 18 and this would
        // never end (the wait gives up after 30 s and the test fails); claimed in order, the
        // other worker runs items 1…19 while item 0 waits.
        let others = Atomic<Int>(0)
        let byWorker = Mutex<[Int: [Int]]>([:])
        Parallel.forEach(20, threads: 2, state: { w in w }) { (w: inout Int, i: Int) in
            if i == 0 {
                let deadline = Date().addingTimeInterval(30)
                while others.load(ordering: .acquiring) < 19 && Date() < deadline { usleep(1000) }
            } else {
                others.add(1, ordering: .releasing)
            }
            byWorker.withLock { $0[w, default: []].append(i) }
        }
        let runs = byWorker.withLock { $0 }
        #expect(others.load(ordering: .acquiring) == 19)
        // The worker that took item 0 took nothing else; the other took 1…19 in order.
        let first = runs.first { $0.value.contains(0) }
        #expect(first?.value == [0])
        #expect(runs.values.flatMap { $0 }.sorted() == Array(0..<20))
        #expect(runs.first { !$0.value.contains(0) }?.value == Array(1..<20))
    }

    @Test("batch CSV: RFC 4180 bytes by hand (quotes only where needed, LF after every row)")
    func batchCSV() throws {
        let rows = [["run", "treasury.x", "error"],
                    ["0000", "a,b", "say \"hi\""],
                    ["0001", "", "two\nlines"],
                    ["0002", "3.5", "plain"]]
        // By hand (RFC 4180): a cell with a comma, a quote or a line break is quoted, its
        // quotes doubled; the rest as is.
        let expected = "run,treasury.x,error\n0000,\"a,b\",\"say \"\"hi\"\"\"\n0001,,\"two\nlines\"\n0002,3.5,plain\n"
        #expect(try BatchCSV.text(rows) == expected)
        // A run without columns: an empty row is one line break.
        #expect(try BatchCSV.text([[]]) == "\n")
    }

    @Test("rule T2 in one place: last_fixing for the period over V only, else the history's step, else nil")
    func preValuationRule() {
        let v = Day(year: 2024, month: 3, day: 31)!
        let history: [(Day, Double)] = [(Day(year: 2024, month: 1, day: 2)!, 0.0405), (Day(year: 2024, month: 2, day: 15)!, 0.039)]
        let t2 = PreValuationFixings(valuationDate: v, history: history)
        let jan31 = Day(year: 2024, month: 1, day: 31)!, apr30 = Day(year: 2024, month: 4, day: 30)!
        // The period [01-31, 04-30) runs over V: its last_fixing.
        #expect(t2.fixing(fixedOn: jan31, periodEnd: apr30, lastFixing: 0.0402) == 0.0402)
        // Without one: the last history fixing on or before 01-31 (01-02: 4.05 %).
        #expect(t2.fixing(fixedOn: jan31, periodEnd: apr30, lastFixing: nil) == 0.0405)
        // A period that ended before V ignores last_fixing: 02-20 reads 02-15's 3.9 %.
        let feb20 = Day(year: 2024, month: 2, day: 20)!
        #expect(t2.fixing(fixedOn: feb20, periodEnd: Day(year: 2024, month: 3, day: 20)!, lastFixing: 0.05) == 0.039)
        // Before the first history date: the first fixing.
        #expect(t2.fixing(fixedOn: Day(year: 2023, month: 12, day: 1)!, periodEnd: feb20, lastFixing: nil) == 0.0405)
        // No history, no last_fixing: nil, "the scenario's fixing at V".
        #expect(PreValuationFixings(valuationDate: v, history: []).fixing(fixedOn: jan31, periodEnd: apr30, lastFixing: nil) == nil)
    }

    @Test("the metrics read rule T2 as the plan does: the average rate at V is the period's T2 fixing + margin")
    func metricsUseTheRule() throws {
        // One floating loan of 100 mnkr, quarterly from 2024-01-31, margin 0.3 %: at V its period
        // [01-31, 04-30] fixed before V. Average rate at V = fixing + margin (rule T14), the
        // fixing by rule T2: last_fixing 4.02 %; else fixing_history's 4.05 % (on 01-02);
        // else the flat scenario's 4 % at V. The interest cost uses the same fixing:
        // 100 × L × 90/360 for 2024 (the loan matures 04-30).
        for (extra, history, fixing) in [(", last_fixing: 4.02%", "", 0.0402),
                                         ("", "fixing_history: {2024-01-02: 4.05%, 2024-02-15: 3.9%}", 0.0405),
                                         ("", "", 0.04)] {
            let (t, _) = try TreasuryTests.run(TreasuryTests.yaml(horizon: 1, treasury: """
              \(history)
              loans:
                - {id: R1, type: floating, notional: 100, start: 2024-01-31, maturity: 2024-04-30, margin: 0.3%\(extra)}
            """))
            let rate = try #require(t.metrics.averageRate)
            #expect(abs(rate - (fixing + 0.003)) < 1e-12, "\(fixing)")
            #expect(abs(TreasuryTests.years(t)[0].externalInterest - 100e6 * (fixing + 0.003) * 90 / 360) < 1e-6, "\(fixing)")
        }
    }

    @Test("shard parts are written by the core: 5 blocks in 3 shards are blocks 0..<1, 1..<3, 3..<5; no simulation section is 65")
    func shardParts() throws {
        // 5000 paths are 5 blocks of 1024 (rule S9); shard k of 3 starts at ⌊k × 5 / 3⌋: 0, 1, 3.
        let text = SimulationTests.portfolio + "\nsimulation: {model: hull_white, mean_reversion: 3%, volatility: 0.9%, paths: 5000}\n"
        let scenario = try #require(try load(text).value)
        var ranges: [Range<Int>] = []
        for k in 0..<3 {
            let (data, header) = try SimulationPart.shard(scenario, k, of: 3, threads: 2)
            #expect(Array(data.prefix(8)) == Array("PROGNOSP".utf8))
            #expect(header.blockCount == 5 && header.scenarioHash == scenario.fingerprint)
            ranges.append(header.blockFrom..<header.blockTo)
        }
        #expect(ranges == [0..<1, 1..<3, 3..<5])
        let none = try #require(try load(SimulationTests.portfolio).value)
        do {
            _ = try SimulationPart.shard(none, 0, of: 2, threads: 1)
            Issue.record("a scenario without a simulation section gave a part")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.diagnostics.first?.message.hasSuffix("has no simulation section (and treasury) to simulate") == true)
        }
    }

    @Test("GSL stays behind Numerics/GSL.swift: the only file that imports _CGSL, and it imports it internal")
    func gslBoundary() throws {
        // `internal import` keeps GSL's C declarations out of PrognosCore's interface (a
        // public declaration naming a GSL type does not compile); this test keeps any other
        // file from importing the C module.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        var importers: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("import _CGSL") && !line.hasPrefix("//") {
                importers[file] = line.trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(importers == ["PrognosCore/Numerics/GSL.swift": "internal import _CGSL"])
    }

    @Test("a shard's folder records its shard as {\"count\":N,\"index\":K}")
    func shardFile() throws {
        let dir = try temporaryFiles([:])
        try BatchFolder(dir.path).write(shard: 1, of: 3)
        #expect(try String(contentsOf: dir.appendingPathComponent("shard.json"), encoding: .utf8) == #"{"count":3,"index":1}"#)
    }
}
