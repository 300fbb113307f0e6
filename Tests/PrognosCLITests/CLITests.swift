import Foundation
import Testing

/// End-to-end: the real `prognos` binary on files, checking output and exit codes.
@Suite("prognos CLI", .serialized)
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built binary, beside the test bundle in the build folder.
    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for dir in candidates {
            let url = dir.appendingPathComponent("prognos")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/prognos")
    }

    struct Outcome {
        var status: Int32
        /// Died of a signal (a trap is SIGILL or SIGTRAP): `status` is then the signal number.
        var signalled = false
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` (the built `prognos` unless given) from the package root and waits.
    /// Standard output goes to `stdout` when given (then `Outcome.stdout` is empty), else to
    /// a pipe that is read.
    static func execute(_ arguments: [String], executable: URL = binary, environment: [String: String]? = nil,
                        stdout: FileHandle? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        if stdout != nil { try out.fileHandleForWriting.close() }
        let o = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func prognos(_ arguments: [String]) throws -> Outcome { try execute(arguments) }

    /// Starts `prognos` in the background from the package root (standard error discarded):
    /// shards run as separate processes.
    static func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = binary
        p.currentDirectoryURL = root
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func scenario(_ name: String, _ text: String, extra: [String: String] = [:]) throws -> String {
        let dir = Scratch.folder.appendingPathComponent("prognos-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (n, t) in extra.merging([name: text], uniquingKeysWith: { a, _ in a }) {
            try t.write(to: dir.appendingPathComponent(n), atomically: true, encoding: .utf8)
        }
        return dir.appendingPathComponent(name).path
    }

    static let good = """
    prognos: 1
    unit: mnkr
    as_of: 2024-03-31
    operating:
      units:
        - {id: ks, name: Kommunstyrelsen, budget: 30.2, budget_ytd: 7.5, actual_ytd: 6.8,
           forecast: {method: manual, value: 29.2}}

    """

    @Test("run on the seed scenario prints both Driftsammandrag tables and exits 0")
    func runSeed() throws {
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Driftsammandrag för resultat 31 mars 2024, belopp mnkr"))
        #expect(r.stdout.contains("Driftsammandrag för prognos för helår 2024, belopp mnkr"))
        #expect(r.stdout.contains("639,5"))
        // In Swedish by default (issue 16: the message catalogue); the English text with --lang en.
        #expect(r.stderr.contains("linkoping-ks-2024-03.yaml:146:17: varning: Rapportens summa för budget hittills, 160,5 mnkr, skiljer sig från radernas summa 160,4: en avrundningsdifferens"))
        let en = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--lang", "en"])
        #expect(en.stderr.contains("linkoping-ks-2024-03.yaml:146:17: warning: reported total budget_ytd 160.5 mnkr against the rows' sum 160.4: a rounding difference"))
    }

    @Test("--format json --output writes the file; --lang en prints English")
    func formatsAndOutput() throws {
        let out = Scratch.folder.appendingPathComponent("prognos-\(UUID().uuidString).json").path
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "json", "--output", out])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let total = (json["operating"] as? [String: Any])?["total"] as? [String: Any]
        #expect(total?["forecast"] as? Double == 639_500_000)
        let en = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--lang", "en"])
        #expect(en.stdout.contains("Total net cost"))
        let csv = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "csv", "--csv-dialect", "excel-sv"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}Linköping KS, delårsrapport mars 2024\n"))   // the printed tables (issue 16)
    }

    @Test("--set changes a figure for one run")
    func set() throws {
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "csv",
                                  "--set", "operating.units[vss].forecast.value=-6.0"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("unit,vss,Verksamhetsstöd och service (VSS),result,-7600000,-3400000,-4200000,-900000,-6000000,0,-6000000,"))
        // What-if (operating.md, issue 17): a --set under a printed total that held on the file as written
        // is `overridden`, not an error: exit 0, the new figures shown, a note on standard error.
        let changed = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "csv",
                                        "--set", "operating.units[ks].forecast.value=31.2"])
        #expect(changed.status == 0)
        #expect(changed.stdout.contains("unit,ks,Kommunstyrelsen,net_cost,6800000,7500000,700000,8000000,31200000,30200000,-1000000,"))
        #expect(changed.stderr.contains("varning: Rapportens summa för prognos helår, 639,5 mnkr, skiljer sig från radernas summa 641,5 efter ändring med --set"))
    }

    @Test("an unknown key: exit 65, file:line:column and a suggestion")
    func unknownKey() throws {
        let path = try Self.scenario("x.yaml", Self.good + "nmae: Test\n")
        let r = try Self.prognos(["run", path])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("x.yaml:8:1: error: unknown key 'nmae' in the scenario (did you mean 'name'?)"))
    }

    @Test("a missing required key: exit 65")
    func missingKey() throws {
        let path = try Self.scenario("x.yaml", Self.good.replacingOccurrences(of: "prognos: 1\n", with: ""))
        let r = try Self.prognos(["run", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("x.yaml:1:1: error: missing required key 'prognos' in the scenario"))
    }

    @Test("a wrong type: exit 65 naming the key")
    func wrongType() throws {
        let path = try Self.scenario("x.yaml", Self.good.replacingOccurrences(of: "actual_ytd: 6.8", with: "actual_ytd: sex"))
        let r = try Self.prognos(["run", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("x.yaml:6:82: error: expected an amount (a number in mnkr), found 'sex' (key 'actual_ytd' in operating.units[ks])"))
    }

    @Test("an include cycle: exit 65")
    func includeCycle() throws {
        let path = try Self.scenario("a.yaml", Self.good + "include: b.yaml\n", extra: ["b.yaml": "include: [a.yaml]\n"])
        let r = try Self.prognos(["run", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("b.yaml:1:11: error: include cycle: a.yaml → b.yaml → a.yaml"))
    }

    @Test("validate reports every error of every file, and ok for good ones")
    func validate() throws {
        let bad = try Self.scenario("bad.yaml", Self.good + "nmae: x\nfiscal_yaer: 2024\n")
        let r = try Self.prognos(["validate", "Scenarios/linkoping-ks-2024-03.yaml", bad])
        #expect(r.status == 65)
        #expect(r.stdout.contains("Scenarios/linkoping-ks-2024-03.yaml: ok"))
        #expect(r.stderr.contains("unknown key 'nmae'"))
        #expect(r.stderr.contains("unknown key 'fiscal_yaer' in the scenario (did you mean 'fiscal_year'?)"))
    }

    @Test("exit codes: missing file 66, usage 64, unwritable output 73, unreconciled rows 65")
    func exitCodes() throws {
        #expect(try Self.prognos(["run", "no/such/file.yaml"]).status == 66)
        #expect(try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "xml"]).status == 64)
        #expect(try Self.prognos(["frobnicate"]).status == 64)
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--output", "/no/such/dir/out.txt"])
        #expect(r.status == 73)
        let unreconciled = try Self.scenario("x.yaml", Self.good + "  reported_totals: {budget: 31.0}\n")
        // spec/files.md (issue 17): a plain run writes and marks everything and exits 0; --strict exits 65.
        let u = try Self.prognos(["run", unreconciled])
        #expect(u.status == 0)
        #expect(u.stdout.contains("Summa nettokostnader"))   // the rows are still shown
        #expect(u.stdout.contains("AVSTÄMNINGSFEL"))
        #expect(u.stderr.contains("fel: Rapportens summa för årsbudget, 31,0 mnkr, stämmer inte med radernas summa 30,2"))
        let strict = try Self.prognos(["run", unreconciled, "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("error: reported total budget 31.0 mnkr against the rows' sum 30.2: the rows do not reconcile"))
        #expect(strict.stdout.isEmpty)
        // A failed --strict run writes nothing: no new file, and an existing one keeps its bytes.
        let fresh = Self.temp("strict-new") + ".xlsx", kept = Self.temp("strict-kept") + ".json"
        try "previous result".write(toFile: kept, atomically: true, encoding: .utf8)
        let failed = try Self.prognos(["run", unreconciled, "--strict", "--format", "xlsx", "--output", fresh])
        #expect(failed.status == 65)
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try Self.prognos(["run", unreconciled, "--strict", "--format", "json", "--output", kept, "--report", fresh + ".html"]).status == 65)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "previous result")
        #expect(!FileManager.default.fileExists(atPath: fresh + ".html"))
    }

    @Test("treasury: --scenario runs one, JSON has the contract's keys per scenario and year")
    func treasuryJSON() throws {
        let r = try Self.prognos(["run", "Scenarios/treasury-2024.yaml", "--scenario", "riksbank-2024-2025", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let treasury = try #require(json["treasury"] as? [String: Any])
        let scenarios = try #require(treasury["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["riksbank-2024-2025"])
        let year = try #require((scenarios[0]["years"] as? [[String: Any]])?.first)
        #expect(Set(year.keys) == ["year", "external_interest", "swap_net", "internal_income", "internal_income_by_borrower",
                                   "margin_income", "municipality_net", "average_funding_rate", "average_debt", "debt_end",
                                   "partial", "realised", "forecast"])   // 2024 starts before V (rule T26, files.md)
        #expect(year["year"] as? Int == 2024)
        let rate = try #require(year["average_funding_rate"] as? Double)
        #expect(rate > 0.01 && rate < 0.05)           // a decimal, not a percentage
        let sensitivity = try #require(treasury["sensitivity"] as? [String: Any])
        #expect(sensitivity["shift"] as? Double == 0.01)
        #expect((sensitivity["years"] as? [[String: Any]])?.count == 3)
        #expect((treasury["assumptions"] as? [String])?.isEmpty == false)
        let unknown = try Self.prognos(["run", "Scenarios/treasury-2024.yaml", "--scenario", "riksbank"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("error: unknown scenario 'riksbank'"))
    }

    @Test("treasury table and CSV; a bad portfolio is exit 65 with every error listed")
    func treasuryTableAndErrors() throws {
        let t = try Self.prognos(["run", "Scenarios/treasury-2024.yaml"])
        #expect(t.status == 0)
        #expect(t.stdout.contains("Räntekostnad per scenario och år"))
        #expect(t.stdout.contains("Räntekänslighet: +100 punkter mot scenario Terminskurvan"))   // the label (issue 19)
        let c = try Self.prognos(["run", "Scenarios/treasury-2024.yaml", "--format", "csv", "--scenario", "base"])
        let lines = c.stdout.split(separator: "\n")
        #expect(lines.first == "scenario,year,external_interest,swap_net,internal_income,margin_income,municipality_net,average_funding_rate,average_debt,debt_end,label")
        // The scenario-year table (the partial-year split follows it as a table of its own, issue 19).
        #expect(c.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").filter { $0.hasPrefix("base,") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("base,2024,realised,") || $0.hasPrefix("base,2024,forecast,") }.count == 2)
        let bad = try Self.scenario("p.yaml", """
        prognos: 1
        unit: mnkr
        treasury:
          valuation_date: 2024-03-31
          loans_file: loans.csv
          loans:
            - {id: L1, type: fixed, notional: 100, start: 2024-01-15, maturity: 2023-01-15, rate: 3%}
            - {id: L1, type: fixed, notional: -1, start: 2024-01-15, maturity: 2026-01-15, rate: 3}

        """, extra: ["loans.csv": "id,type,notional,start,maturity\nC1,fixed,100,2024-01-15\n"])
        let v = try Self.prognos(["validate", bad])
        #expect(v.status == 65)
        #expect(v.stderr.contains("p.yaml:7:73: error: maturity 2023-01-15 is not after start 2024-01-15 for loan L1"))
        #expect(v.stderr.contains("p.yaml:8:12: error: duplicate instrument id 'L1'"))
        #expect(v.stderr.contains("p.yaml:8:90: error: rate '3' has no unit; write 3% or 300bp"))
        #expect(v.stderr.contains("loans.csv:2: error: row has 4 fields; the header has 5"))
        #expect(try Self.prognos(["run", bad]).status == 65)
    }

    @Test("the internal-bank scenario: yearly table, metrics with verdicts, equity ratio; --check-policy names breaches")
    func internalBank() throws {
        let r = try Self.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        #expect(r.status == 0)
        for heading in ["Internbanken, scenario Terminskurvan och +1 %-enhet, belopp mnkr", "Intern ränteintäkt per låntagare",
                        "Nyckeltal och finanspolicy", "Räntebindningstid", "Soliditet (vidareutlånat 14 500,0 mnkr",
                        "Stångåstaden", "Tekniska verken"] {
            #expect(r.stdout.contains(heading), "\(heading)")
        }
        let json = try Self.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "json", "--scenario", "base"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let treasury = try #require(object["treasury"] as? [String: Any])
        let metrics = try #require(treasury["metrics"] as? [String: Any])
        // The seed's totals: 15.6 bn external, 14.5 bn on-lent.
        #expect(metrics["debt"] as? Double == 15_600_000_000)
        #expect((metrics["internal_lending"] as? [String: Any])?["total"] as? Double == 14_500_000_000)
        #expect(metrics["swap_market_value"] != nil)
        let buckets = try #require(metrics["fixing_buckets"] as? [String: Double])
        #expect(Set(buckets.keys) == ["0-1", "1-3", "3-5", "5-7", ">7"])
        #expect(abs(buckets.values.reduce(0, +) - 1) < 1e-9)
        #expect((treasury["metrics_year_end"] as? [[String: Any]])?.count == 10)
        let balance = try #require(treasury["balance"] as? [String: Double])
        #expect(balance["on_lent"] == 14_500_000_000)
        #expect(abs(balance["soliditet_after"]! - 17500.0 / 39500) < 1e-12)
        let policy = try #require(treasury["policy"] as? [[String: Any]])
        #expect(policy.allSatisfy { $0["rule"] != nil && $0["limit"] != nil && $0["ok"] != nil && $0["date"] != nil })
        let year = try #require(((treasury["scenarios"] as? [[String: Any]])?.first?["years"] as? [[String: Any]])?.first)
        #expect(Set((year["internal_income_by_borrower"] as? [String: Double])?.keys ?? [:].keys) ==
                ["stangastaden", "tekniska_verken", "lejonfastigheter", "stadshus", "sankt_kors"])

        let check = try Self.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--check-policy", "--scenario", "base"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("finanspolicyn bryts: Kapitalförfall inom 12 mån per 2024-12-31:"))
        #expect(try Self.prognos(["run", "Scenarios/treasury-2024.yaml", "--check-policy"]).status == 0)   // no limits there
    }

    @Test("simulate: the peer benchmark's portfolio runs as it is; JSON has no timing; --threads does not change it")
    func simulate() throws {
        let file = Self.root.deletingLastPathComponent().appendingPathComponent("shared/bench/portfolio-15.6bn.yaml").path
        guard FileManager.default.fileExists(atPath: file) else { return }     // shared/ sits beside the checkout
        let one = try Self.prognos(["simulate", file, "--paths", "4096", "--format", "json", "--threads", "1"])
        #expect(one.status == 0)
        let two = try Self.prognos(["simulate", file, "--paths", "4096", "--format", "json", "--threads", "2"])
        #expect(one.stdout == two.stdout)
        #expect(one.stderr.contains("simulerade 4096 banor på"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let sim = try #require(json["simulation"] as? [String: Any])
        #expect(sim["paths"] as? Int == 4096 && sim["seed"] as? Int == 20240331 && sim["antithetic"] as? Bool == true)
        #expect((sim["years"] as? [[String: Any]])?.count == 10)
        #expect(json["treasury"] == nil)
        let table = try Self.prognos(["simulate", file, "--paths", "2048", "--set", "simulation.rng=taus2"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Extern räntekostnad, belopp mnkr"))
        let bad = try Self.prognos(["simulate", file, "--set", "simulation.rng=mt19973"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("unknown GSL generator 'mt19973' (did you mean 'mt19937'?)"))
        #expect(try Self.prognos(["simulate", "Scenarios/treasury-2024.yaml"]).status == 65)   // no simulation section
    }

    @Test("the ledger example: methods disagree, the backtest chooses, bands for units and the total")
    func ledgerExample() throws {
        let r = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03-ledger.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Summa nettokostnader                      146,6"))     // the ledger reproduces Q1
        #expect(r.stdout.contains("Osäkerhetsintervall för summan (P10–P50–P90)"))
        let b = try Self.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--lang", "en"])
        #expect(b.status == 0)
        #expect(b.stdout.contains("Kommunstyrelsen — best: Budget remaining"))   // the method by name (issue 16)
        #expect(b.stdout.contains("MAE"))
        let json = try Self.prognos(["run", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let units = try #require((object["operating"] as? [String: Any])?["units"] as? [[String: Any]])
        let recommended = Set(units.compactMap { ($0["backtest"] as? [String: Any])?["recommended"] as? String })
        #expect(recommended.count >= 2)                                   // the backtest does not pick one method for all
        let kls = try #require(units.first { $0["id"] as? String == "kls" })
        let methods = try #require(kls["methods"] as? [String: Double])
        #expect(Set(methods.keys) == ["budget_remaining", "run_rate", "profile", "trend"])
        #expect(methods.values.max()! - methods.values.min()! > 5_000_000)  // they disagree by over 5 mnkr
        let backtest = try #require((kls["backtest"] as? [String: Any])?["methods"] as? [String: [String: Any]])
        #expect(Set(backtest["trend"]!.keys) == ["years", "forecasts", "outcomes", "errors", "n", "mae", "mape", "bias"])
        #expect((kls["band"] as? [String: Double])?["p10"] != nil)
        #expect(try Self.prognos(["backtest", "Scenarios/linkoping-ks-2024-03.yaml"]).status == 65)   // no ledger
    }

    // MARK: batch, shards, merge

    /// Every file under `folder` (relative path → bytes).
    static func tree(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder)! {
            var isDirectory: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(path)
            if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { out[path] = fm.contents(atPath: full) }
        }
        return out
    }

    static func manifest(runs shifts: [String], extra: String = "") throws -> String {
        try scenario("m.yaml", """
        base: \(root.path)/Scenarios/treasury-2024.yaml
        sweep:
          rates.scenarios[plus100].shift: [\(shifts.joined(separator: ", "))]
          treasury.horizon_years: [3, 5]
        \(extra)
        """)
    }

    static func temp(_ name: String) -> String {
        Scratch.folder.appendingPathComponent("prognos-\(name)-\(UUID().uuidString)").path
    }

    @Test("batch: results.csv and runs/; a bad value lands in errors.csv and the others finish (exit 1)")
    func batch() throws {
        let m = try Self.manifest(runs: ["50bp", "100bp", "abc"])
        let out = Self.temp("batch")
        let r = try Self.prognos(["batch", m, "--output", out])
        #expect(r.status == 1)
        let results = try String(contentsOfFile: out + "/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(results.count == 1 + 4)
        #expect(results[0].hasPrefix("run,rates.scenarios[plus100].shift,treasury.horizon_years,treasury.scenarios[base].years.external_interest_2024,"))
        #expect(results[1].hasPrefix("0000,50bp,3,"))
        let errors = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8).split(separator: "\n")
        #expect(errors.count == 1 + 2)
        #expect(errors[1].hasPrefix("0004,abc,3,"))
        #expect(errors[1].contains("expected a rate such as 3.25% or 25bp, found 'abc'"))
        #expect(Self.tree(out).keys.filter { $0.hasPrefix("runs/") }.count == 4)
        // An unknown path stops the batch before anything runs.
        let bad = try Self.scenario("bad.yaml", "base: \(Self.root.path)/Scenarios/treasury-2024.yaml\nsweep:\n  treasury.internal_bank.marginn: [1%]\n")
        let b = try Self.prognos(["batch", bad, "--output", Self.temp("bad")])
        #expect(b.status == 65)
        #expect(b.stderr.contains("unknown key"))
    }

    @Test("batch killed with SIGKILL part-way and resumed: byte-identical to an uninterrupted batch")
    func resume() throws {
        let m = try Self.manifest(runs: (1...15).map { "\($0 * 10)bp" })       // 30 runs
        let whole = Self.temp("whole"), killed = Self.temp("killed")
        #expect(try Self.prognos(["batch", m, "--output", whole]).status == 0)
        let process = try Self.start(["batch", m, "--output", killed, "--jobs", "1"])
        let runs = killed + "/runs"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && ((try? FileManager.default.contentsOfDirectory(atPath: runs))?.filter { $0.hasSuffix(".json") }.count ?? 0) < 4 {
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = (try? FileManager.default.contentsOfDirectory(atPath: runs))?.filter { $0.hasSuffix(".json") }.count ?? 0
        #expect(partial >= 4 && partial < 30, "killed after \(partial) runs")
        #expect(try Self.prognos(["batch", m, "--output", killed]).status != 0)       // no --resume: refused
        #expect(try Self.prognos(["batch", m, "--output", killed, "--resume"]).status == 0)
        let a = Self.tree(whole), b = Self.tree(killed).filter { !$0.key.hasSuffix(".tmp") }
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
    }

    @Test("3 batch shards as separate processes, merged = one run")
    func batchShards() throws {
        let m = try Self.manifest(runs: ["0bp", "100bp", "200bp"])
        let single = Self.temp("single"), merged = Self.temp("merged")
        #expect(try Self.prognos(["batch", m, "--output", single]).status == 0)
        let shards = (0..<3).map { Self.temp("shard\($0)") }
        let processes = try (0..<3).map { k in
            try Self.start(["batch", m, "--output", shards[k], "--shard", "\(k)/3", "--jobs", "1"])
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        #expect(try Self.prognos(["merge"] + shards + ["--output", merged]).status == 0)
        #expect(Self.tree(single) == Self.tree(merged))
        // A shard missing: refused.
        let r = try Self.prognos(["merge", shards[0], shards[1], "--output", Self.temp("incomplete")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("are in none of the folders"))
    }

    @Test("3 simulation shards as separate processes, merged = the single run's JSON; mismatched parts refused")
    func simulationShards() throws {
        let file = "Scenarios/internbank-car-2024.yaml"
        let single = try Self.prognos(["simulate", file, "--paths", "4096", "--format", "json"])
        #expect(single.status == 0)
        let parts = (0..<3).map { Self.temp("part\($0)") + ".bin" }
        let processes = try (0..<3).map { k in
            try Self.start(["simulate", file, "--paths", "4096", "--shard", "\(k)/3", "--output", parts[k], "--threads", "1"])
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let out = Self.temp("merged") + ".json"
        let m = try Self.prognos(["merge"] + parts + ["--output", out])
        #expect(m.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == single.stdout)
        // Refused: a missing part, an overlap, another seed.
        // 4096 paths are 4 blocks; shards 0, 1, 2 hold blocks 0, 1 and 2–3 (from 0): without shard 1 the
        // second block (as a reader counts) is missing, said without Swift's `..<`.
        let gap = try Self.prognos(["merge", parts[0], parts[2], "--output", Self.temp("x")]).stderr
        #expect(gap.contains("missing blocks 2 of 4 (counted from 1)") && !gap.contains("..<"), "\(gap)")
        #expect(try Self.prognos(["merge", parts[0], parts[0], parts[1], parts[2], "--output", Self.temp("x")]).stderr.contains("overlapping parts"))
        let other = Self.temp("seed") + ".bin"
        #expect(try Self.prognos(["simulate", file, "--paths", "4096", "--seed", "7", "--shard", "0/3", "--output", other]).status == 0)
        let seed = try Self.prognos(["merge", other, parts[1], parts[2], "--output", Self.temp("x")])
        #expect(seed.status == 65)
        #expect(seed.stderr.contains("different scenario") || seed.stderr.contains("seed"))
    }

    @Test("run --report writes the HTML report; report RESULT.json gives the same page; bad JSON is exit 65")
    func report() throws {
        let file = "Scenarios/linkoping-internbank-2024.yaml"
        let html = Self.temp("report") + ".html", json = Self.temp("result") + ".json"
        let r = try Self.prognos(["run", file, "--report", html, "--format", "json", "--output", json])
        #expect(r.status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<html lang=\"sv\">"))
        #expect(page.contains("Räntebindning per löptid mot finanspolicyns intervall"))
        #expect(page.contains("Soliditet (vidareutlånat ") && page.contains("<th class=\"num\">Före internbanken</th>"))   // the text table's wording
        let again = Self.temp("again") + ".html"
        #expect(try Self.prognos(["report", json, "--output", again]).status == 0)
        #expect(try String(contentsOfFile: again, encoding: .utf8) == page)
        let en = Self.temp("en") + ".html"
        #expect(try Self.prognos(["report", json, "--output", en, "--lang", "en"]).status == 0)
        #expect(try String(contentsOfFile: en, encoding: .utf8).contains("Equity ratio (on-lent "))
        // Not JSON, or JSON that is no Prognos result: exit 65 and no report written.
        let bad = try Self.scenario("bad.json", "{\"a\": [1,")
        let out = Self.temp("none") + ".html"
        let b = try Self.prognos(["report", bad, "--output", out])
        #expect(b.status == 65)
        #expect(b.stderr.contains("bad.json: not valid JSON"))
        let other = try Self.scenario("other.json", "[1, 2]")
        #expect(try Self.prognos(["report", other, "--output", out]).status == 65)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try Self.prognos(["report", Self.temp("missing") + ".json", "--output", out]).status == 66)
    }

    @Test("validate on a folder of malformed files: each one rejected with file:line(:column), exit 65, errors kept apart; docs/errors.md is current")
    func malformedFolder() throws {
        let folder = "Tests/Fixtures/malformed"
        let r = try Self.prognos(["validate", folder])
        #expect(r.status == 65)
        #expect(!r.stdout.contains(": ok"))
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(fixtures.count >= 25)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let located = try NSRegularExpression(pattern: #"^Tests/Fixtures/malformed/[^:]+:\d+(:\d+)?: (error|warning|varning|fel): \S.{12,}$"#)
        for line in lines {
            #expect(located.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil, "not located: \(line)")
        }
        var catalogue = Self.catalogueHeader
        for name in fixtures {
            let prefix = "\(folder)/\(name.prefix(3))"   // "NN-": the scenario and its CSV companions
            let mine = lines.filter { $0.hasPrefix(prefix) }
            // Input errors in English; reconciliation errors of a valid file in --lang (Swedish: "fel").
            let errors = mine.filter { $0.contains(": error: ") || $0.contains(": fel: ") }
            #expect(!errors.isEmpty, "\(name) was not rejected")
            let text = try String(contentsOf: Self.root.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
            let title = text.split(separator: "\n").first.map { $0.drop(while: { $0 == "#" || $0 == " " }) } ?? ""
            catalogue += "\n### \(name.prefix { $0.isNumber }). \(title)\n\n```yaml\n\(text)```\n"
            for csv in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path).sorted()
                where csv.hasPrefix(String(name.prefix(3))) && csv.hasSuffix(".csv") {
                catalogue += "\n`\(csv)`:\n\n```text\n" + (try String(contentsOf: Self.root.appendingPathComponent("\(folder)/\(csv)"), encoding: .utf8)) + "```\n"
            }
            catalogue += "\n```text\n$ prognos validate \(folder)/\(name)\n" + mine.joined(separator: "\n") + "\n```\n"
        }
        // Two faults in one file are two messages, each at its own place.
        #expect(lines.filter { $0.hasPrefix("\(folder)/16-") && $0.contains(": error: ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("\(folder)/17-loans.csv:") && $0.contains(": error: ") }.count == 2)
        catalogue += try Self.templateAppendix()
        let url = Self.root.appendingPathComponent("docs/errors.md")
        if ProcessInfo.processInfo.environment["PROGNOS_UPDATE_SNAPSHOTS"] == "1" {
            try catalogue.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == catalogue,
                "docs/errors.md is out of date: run the tests with PROGNOS_UPDATE_SNAPSHOTS=1 and review the diff")
    }

    static let catalogueHeader = """
    # Error catalogue

    Generated by the test `malformedFolder` (Tests/PrognosCLITests/CLITests.swift) from the
    malformed files in `Tests/Fixtures/malformed/`: each example is a real file and the
    real output of `prognos validate` on it (exit 65 for all of them together). Regenerate
    with `PROGNOS_UPDATE_SNAPSHOTS=1 swift test --filter malformedFolder`; the test fails when
    this page and the code disagree. Every message names file, line and (for YAML) column;
    CSV messages about one cell name its column too (in characters, from 1); messages about a
    whole CSV row name file and line. The last section lists every message template in the
    source, so a message without an example here can still be looked up.

    Exit codes: 65 bad input (everything below), 66 a file that cannot be read (a missing
    scenario or include), 64 a usage error, 73 an output that cannot be written.

    ## Examples

    """

    /// Every message template passed to the diagnostic API in Sources/, by file.
    static func templateAppendix() throws -> String {
        let pattern = #"(?:\b[a-z]+\.error|InputFailure\(\.[a-zA-Z]+,)\s*\(?"((?:[^"\\]|\\\((?:[^()]|\([^()]*\))*\)|\\.)*)""#
        let re = try NSRegularExpression(pattern: pattern)
        var out = "\n## Every message template\n\n`\\(…)` marks a value filled in at run time.\n"
        let sources = Self.root.appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let ns = text as NSString
            var seen: [String] = []
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let t = ns.substring(with: m.range(at: 1))
                if !seen.contains(t) { seen.append(t) }
            }
            guard !seen.isEmpty else { continue }
            out += "\n### \(file)\n\n" + seen.map { "- `\($0.replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: "\n") + "\n"
        }
        return out
    }
}

