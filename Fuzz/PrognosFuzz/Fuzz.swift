import Foundation
import PrognosCore

/// libFuzzer target for the input front end: YAML scenario files, CSV tables and
/// `--set` overrides. Built and run by `scripts/fuzz.sh` (with `-sanitize=fuzzer`);
/// a plain `swift build` gets a stub that says so.
///
/// The input's first byte picks what the rest is: 0 a scenario file (which may include
/// `loans.csv`, `ledger.csv`, `reverser.csv` and `inc.yaml` from the same folder, all
/// written from the corpus' companions), 1 a portfolio CSV under a fixed scenario, 2 a
/// ledger CSV, 3 an override `KEY=VALUE` on the seed scenario. Every input must end in
/// a value or an `InputFailure`; anything else (a trap, a hang, an out-of-memory) is a
/// bug.
///
/// Two more targets, chosen with `PROGNOS_FUZZ_TARGET` (scripts/fuzz.sh TARGET):
/// `parts` — the input is a simulation part file for `merge` (if its first byte is even,
/// its checksum is recomputed first, so that mutations reach the header, range and value
/// checks behind it); `manifest` — the input is a batch manifest for `Manifest.read`.
enum FuzzHarness {
    enum Target: String { case frontend, parts, manifest }
    static let target = Target(rawValue: ProcessInfo.processInfo.environment["PROGNOS_FUZZ_TARGET"] ?? "") ?? .frontend
    static let dir: String = {
        let d = NSTemporaryDirectory() + "prognos-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    static let portfolioScenario = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31
    treasury:
      valuation_date: 2024-03-31
      horizon_years: 3
      curve: {type: zero, points: {3M: 3.9%, 1Y: 3.6%, 5Y: 2.6%, 10Y: 2.7%}}
      loans_file: loans.csv
      swaps:
        - {id: S1, pay: fixed, notional: 50, start: 2023-06-30, maturity: 2027-06-30, fixed_rate: 2.5%}

    """

    static let ledgerScenario = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31
    operating:
      ledger: ledger.csv
      units:
        - {id: ks, name: KS, forecast: {method: run_rate}}
        - {id: kommungemensamt, name: KG, forecast: {method: budget_remaining}}
        - {id: kls, name: KLS, forecast: {method: profile}}
        - {id: planering, name: P, forecast: {method: trend}}
        - {id: naringsliv, name: N, forecast: {method: profile, years: 4}}
        - {id: ekonomi, name: E, forecast: {method: budget_remaining}}
        - {id: hr, name: HR, forecast: {method: trend}}
        - {id: kommunikation, name: K, forecast: {method: run_rate}}

    """

    /// Small limits so that one input cannot take the fuzzer's memory or time.
    static var limits: InputLimits {
        var l = InputLimits()
        l.maxFileBytes = 1_000_000
        l.maxNodes = 100_000
        l.maxUnits = 2_000
        l.maxInstruments = 2_000
        l.maxPaths = 2_000
        return l
    }

    static func write(_ name: String, _ data: some DataProtocol) {
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(data))
    }

    /// Runs one input; returns "ok" or the error's first line (for the reproducer).
    @discardableResult
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch target {
        case .frontend: return frontend(bytes)
        case .parts: return part(bytes)
        case .manifest: return manifest(bytes)
        }
    }

    /// A part file merged on its own (it may cover every block of its run).
    static func part(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var data = Data(bytes)
        if let first = data.first, first % 2 == 0 { SimulationPart.seal(&data) }
        write("part.bin", data)
        do {
            let (run, header) = try SimulationPart.merge([dir + "/part.bin"], maxPaths: limits.maxPaths)
            _ = try JSONOutput.render(simulation: run, name: header.name, asOf: header.asOf, unit: header.unit, warnings: header.warnings)
            return "ok"
        } catch {
            return "error: " + ((error as? InputFailure)?.diagnostics.first?.description ?? "\(error)")
        }
    }

    /// A batch manifest read (its base need not exist: `read` only names it).
    static func manifest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        write("m.yaml", bytes)
        do {
            let m = try Manifest.read(path: dir + "/m.yaml", extraOverrides: [], limits: limits)
            return "ok: \(m.sweep.count) swept keys"
        } catch {
            return "error: " + (error.diagnostics.first?.description ?? "\(error)")
        }
    }

    static func frontend(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let mode = bytes.first else { return "empty" }
        let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
        var overrides: [String] = []
        switch mode % 4 {
        case 0: write("s.yaml", rest)
        case 1: write("s.yaml", Data(portfolioScenario.utf8)); write("loans.csv", rest)
        case 2: write("s.yaml", Data(ledgerScenario.utf8)); write("ledger.csv", rest)
        default:
            write("s.yaml", Data(portfolioScenario.utf8))
            write("loans.csv", Data("id,type,notional,start,maturity,rate\nL1,fixed,100,2023-01-01,2028-01-01,3%\n".utf8))
            overrides = [String(decoding: rest, as: UTF8.self)]
        }
        do {
            let scenario = try Scenario.load(path: dir + "/s.yaml", overrides: overrides, limits: limits)
            let run = try ScenarioRun.compute(scenario, simulation: .ifPresent, threads: 1)
            _ = try JSONOutput.render(run)
            _ = TableOutput.render(run, lang: .sv)
            _ = Report.html(ResultDocument(run), lang: .sv)
            return run.failures.first.map { "failure: \($0)" } ?? "ok"
        } catch {
            // A clear error is the expected outcome for most mutated inputs.
            return "error: " + ((error as? InputFailure)?.diagnostics.first?.description ?? "\(error)")
        }
    }
}

#if PROGNOS_FUZZ
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver, entered from the executable's main (SwiftPM names it
/// `PrognosFuzz_main`), since a Swift executable target cannot use libFuzzer's own main.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("PrognosFuzz_main")
public func prognosFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}
#else
@main
struct PrognosFuzzStub {
    static func main() {
        print("PrognosFuzz is a libFuzzer target: run scripts/fuzz.sh SECONDS")
        // Without the fuzzer, run each file given on the command line once (reproduce a crash).
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let outcome = data.withUnsafeBytes { FuzzHarness.run($0.bindMemory(to: UInt8.self)) }
            print("\(path): no crash (\(outcome))")
        }
    }
}
#endif
