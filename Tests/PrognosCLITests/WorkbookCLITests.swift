import Foundation
import Testing

/// `--format xlsx` and `--xlsx PATH` (spec/files.md, issue 16 item 3): the workbook read
/// back with openpyxl (Debian's python3-openpyxl, installed by .ci/run), its charts from
/// the xlsx package's parts, its figures against the run's own JSON.
@Suite("prognos CLI: xlsx workbook", .serialized)
struct WorkbookCLITests {
    static func temporary(_ name: String) -> String {
        Scratch.folder.appendingPathComponent("prognos-xlsx-\(UUID().uuidString)-\(name)").path
    }

    /// A Python with openpyxl: Debian's first (`/usr/bin/python3` with python3-openpyxl).
    static let python: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", "python3"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [candidate, "-c", "import openpyxl"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    /// What openpyxl reads: per sheet its cells (value and number format), frozen pane; and
    /// the chart parts of the package (openpyxl does not load charts, so they are read as XML).
    static let reader = """
    import json, sys, zipfile, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "cells": {}, "freeze": {}, "charts": {}}
    for ws in wb.worksheets:
        out["freeze"][ws.title] = ws.freeze_panes
        out["cells"][ws.title] = [[c.coordinate, c.value, c.number_format] for row in ws.iter_rows() for c in row if c.value is not None]
    z = zipfile.ZipFile(sys.argv[1])
    out["charts"] = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/charts/")}
    out["created"] = z.read("docProps/core.xml").decode("utf-8")
    print(json.dumps(out, default=lambda v: v.isoformat()))   # a date cell: its ISO time
    """

    struct Book {
        var sheets: [String]
        var cells: [String: [String: (value: Any, format: String)]]
        var freeze: [String: String]
        var charts: [String: String]
        var created: String

        func cell(_ sheet: String, _ ref: String) -> (value: Any, format: String)? { cells[sheet]?[ref] }
        /// The row (1-based) whose first column is `label`.
        func row(_ sheet: String, labelled label: String) -> Int? {
            cells[sheet]?.first { $0.key.hasPrefix("A") && ($0.value.value as? String)?.trimmingCharacters(in: .whitespaces) == label }
                .flatMap { Int($0.key.dropFirst()) }
        }
    }

    static func read(_ path: String) throws -> Book {
        let python = try #require(Self.python, "no python3 with openpyxl: install python3-openpyxl (.ci/run does)")
        let script = temporary("read.py")
        try reader.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try CLITests.execute([python, script, path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var cells: [String: [String: (value: Any, format: String)]] = [:]
        for (sheet, list) in json["cells"] as? [String: [[Any]]] ?? [:] {
            var m: [String: (value: Any, format: String)] = [:]
            for c in list { m[c[0] as! String] = (c[1], c[2] as? String ?? "") }
            cells[sheet] = m
        }
        return Book(sheets: json["sheets"] as? [String] ?? [], cells: cells,
                    freeze: (json["freeze"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String },
                    charts: json["charts"] as? [String: String] ?? [:], created: json["created"] as? String ?? "")
    }

    /// Equal to 15 significant digits: libxlsxwriter writes a number with `%.16G`, so a
    /// quotient such as 379.71234567000003 comes back as the nearest double to 16 digits.
    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLITests.prognos(args + ["--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("run --format xlsx: Driftsammandrag (both tables), Investeringar, Kapitalkostnader with names; figures equal the JSON's in mnkr")
    func runWorkbook() throws {
        let path = Self.temporary("ks.xlsx")
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "xlsx", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let book = try Self.read(path)
        // A sheet per table the text prints, in its order, and the assumptions last.
        #expect(book.sheets == ["Driftsammandrag resultat", "Driftsammandrag prognos", "Prognosmetod", "Investeringar",
                                "Kapitalkostnader per enhet", "Kapitalkostnader per år", "Antaganden"])
        let json = try Self.json(["run", "Scenarios/linkoping-ks-2024-03.yaml"])
        let operating = try #require(json["operating"] as? [String: Any])
        let units = try #require(operating["units"] as? [[String: Any]])
        let ks = try #require(units.first { $0["id"] as? String == "ks" })

        // Title and as_of on top, Swedish headers in row 4, frozen below them and right of the names.
        let sheet = "Driftsammandrag prognos"
        #expect(book.cell(sheet, "A1")?.value as? String == "Driftsammandrag för prognos för helår 2024, belopp mnkr")
        #expect((book.cell(sheet, "A2")?.value as? String)?.contains("31 mars 2024") == true)
        #expect(book.cell(sheet, "B4")?.value as? String == "Prognos\nhelår")
        #expect(book.cell(sheet, "C4")?.value as? String == "Budget\n2024")
        #expect(book.freeze[sheet] == "B5")
        // Kommunstyrelsen's forecast: the JSON's kronor / 10^6, stored whole, shown with one decimal.
        let row = try #require(book.row(sheet, labelled: "Kommunstyrelsen"))
        let forecast = try #require(book.cell(sheet, "B\(row)"))
        #expect(Self.close(forecast.value as? Double, (ks["forecast"] as? Double).map { $0 / 1e6 }))
        #expect(forecast.value as? Double == 29.2)   // the seed report's Prognos helår for KS
        #expect(forecast.format == "#,##0.0")
        let total = try #require(book.row(sheet, labelled: "Summa nettokostnader"))
        #expect(Self.close(book.cell(sheet, "B\(total)")?.value as? Double, ((operating["total"] as? [String: Any])?["forecast"] as? Double).map { $0 / 1e6 }))

        // Results to date: Avvikelse of the total equals the JSON's deviation_ytd.
        let r1 = "Driftsammandrag resultat"
        let t1 = try #require(book.row(r1, labelled: "Summa nettokostnader"))
        #expect(Self.close(book.cell(r1, "D\(t1)")?.value as? Double, ((operating["total"] as? [String: Any])?["deviation_ytd"] as? Double).map { $0 / 1e6 }))

        // Investments: every project row, the forecast net equal to the JSON's.
        let investments = try #require(json["investments"] as? [String: Any])
        let projects = try #require(investments["projects"] as? [[String: Any]])
        for p in projects {
            let name = try #require(p["name"] as? String)
            let row = try #require(book.row("Investeringar", labelled: name), "project \(name)")
            #expect(Self.close(book.cell("Investeringar", "F\(row)")?.value as? Double, (p["forecast_net"] as? Double).map { $0 / 1e6 }))
        }

        // Capital costs by unit: names (not ids), the budget equal to the JSON's.
        let cc = try #require((json["capital_costs"] as? [String: Any])?["by_unit"] as? [[String: Any]])
        let kls = try #require(cc.first { $0["unit"] as? String == "kls" })
        let name = try #require(units.first { $0["id"] as? String == "kls" }?["name"] as? String)
        let klsRow = try #require(book.row("Kapitalkostnader per enhet", labelled: name), "unit kls by its name \(name)")
        #expect(Self.close(book.cell("Kapitalkostnader per enhet", "B\(klsRow)")?.value as? Double, (kls["budget"] as? Double).map { $0 / 1e6 }))
        let ids = book.cells["Kapitalkostnader per enhet"]?.filter { $0.key.hasPrefix("A") }.compactMap { $0.value.value as? String } ?? []
        #expect(!ids.contains("kls") && !ids.contains("kommungemensamt"))

        // Native charts: the deviations (columns) and the capital cost per year (lines).
        #expect(book.charts.values.contains { $0.contains("<c:barChart>") })
        #expect(book.charts.values.contains { $0.contains("<c:lineChart>") })
        // The document's time is the as_of date (the same run gives the same bytes).
        #expect(book.created.contains("2024-03-31T00:00:00Z"))

        // The run's warnings (the seed's printed totals against the rows' sums: rounding gaps)
        // open the last sheet under "Varningar", word for word as the JSON holds them; the
        // assumptions follow. Before 2026-12-04 they were only on standard error and in the report.
        let warnings = try #require(json["warnings"] as? [[String: Any]]).compactMap { $0["message"] as? String }
        #expect(warnings.count == 4, "\(warnings)")
        #expect(book.cell("Antaganden", "A4")?.value as? String == "Varningar")
        for (i, w) in warnings.enumerated() { #expect(book.cell("Antaganden", "A\(5 + i)")?.value as? String == w) }
        #expect(book.cell("Antaganden", "A\(5 + warnings.count)")?.value == nil)
        #expect(book.cell("Antaganden", "A\(6 + warnings.count)")?.value as? String == "Driftsammandrag")

        // The people's CSV closes the same way; --lang en heads them "Warnings".
        for (lang, heading) in [("sv", "Varningar"), ("en", "Warnings")] {
            let csv = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "csv", "--csv-dialect", "excel-sv", "--lang", lang])
            #expect(csv.status == 0, "\(csv.stderr)")
            let messages = try #require(try Self.json(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--lang", lang])["warnings"] as? [[String: Any]])
                .compactMap { $0["message"] as? String }
            #expect(messages.count == warnings.count)
            let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let at = try #require(lines.lastIndex(of: heading), "\(csv.stdout.suffix(1500))")
            #expect(lines[at - 1] == (lang == "sv" ? "Antaganden" : "Assumptions"))
            // (A cell with ';' or '"' is quoted; the comparison drops the quoting.)
            func plain(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: "") }
            #expect(Array(lines[(at + 1)...].prefix(messages.count)).map(plain) == messages.map(plain))
        }
    }

    @Test("the same run gives the same bytes; --xlsx beside the table output")
    func reproducible() throws {
        let a = Self.temporary("a.xlsx"), b = Self.temporary("b.xlsx")
        let r1 = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "xlsx", "--output", a])
        let r2 = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--xlsx", b])
        #expect(r1.status == 0 && r2.status == 0)
        #expect(r2.stdout.contains("Räntekostnad per scenario och år"))   // the table still printed
        let da = try Data(contentsOf: URL(fileURLWithPath: a)), db = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(da.count > 1000)
        #expect(da == db)
    }

    @Test("treasury workbook: scenarios as numbers, rates as percentages, the policy sheet, a line chart")
    func treasuryWorkbook() throws {
        let path = Self.temporary("t.xlsx")
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "xlsx", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        let book = try Self.read(path)
        for sheet in ["Räntekostnad per scenario", "Internbanken", "Per låntagare", "Nyckeltal och policy", "Räntekänslighet", "Antaganden"] {
            #expect(book.sheets.contains(sheet), "sheet \(sheet) in \(book.sheets)")
        }
        let json = try Self.json(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        let treasury = try #require(json["treasury"] as? [String: Any])
        let scenarios = try #require(treasury["scenarios"] as? [[String: Any]])
        let first = try #require((scenarios[0]["years"] as? [[String: Any]])?.first)
        // Row 5 is the first year; column B the first scenario's external interest in mnkr.
        // The first year starts before V (2024-03-31): labelled as partly actual (rule T26).
        #expect(book.cell("Räntekostnad per scenario", "A5")?.value as? String == "\(Int(first["year"] as? Double ?? 0)) (delvis utfall)")
        #expect(Self.close(book.cell("Räntekostnad per scenario", "B5")?.value as? Double, (first["external_interest"] as? Double).map { $0 / 1e6 }))
        // The average funding rate: the JSON's decimal rate, shown as a percentage with two decimals.
        let rate = try #require(book.cell("Internbanken", "I5"))
        #expect(Self.close(rate.value as? Double, first["average_funding_rate"] as? Double))
        #expect(rate.format == "0.00%")
        // Fixing period in years with its unit in the format.
        let fixing = try #require(book.row("Nyckeltal och policy", labelled: "Räntebindningstid"))
        // Column B is last year's comparative (issue 19), C the valuation date.
        #expect(book.cell("Nyckeltal och policy", "C\(fixing)")?.format == "0.00\" år\"")
        #expect(Self.close(book.cell("Nyckeltal och policy", "C\(fixing)")?.value as? Double, (treasury["metrics"] as? [String: Any])?["fixing_years"] as? Double))
        #expect(book.charts.values.contains { $0.contains("<c:lineChart>") })
    }

    @Test("simulate --format xlsx: the fan as stacked areas; backtest --format xlsx: a sheet per unit")
    func simulateAndBacktest() throws {
        let path = Self.temporary("sim.xlsx")
        let r = try CLITests.prognos(["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "200", "--format", "xlsx", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        let book = try Self.read(path)
        #expect(book.sheets.contains("Extern räntekostnad"))
        #expect(book.sheets.contains("Ränteutfall"))
        #expect(book.charts.values.contains { $0.contains("<c:areaChart>") && $0.contains("<c:grouping val=\"stacked\"/>") })
        let bt = Self.temporary("bt.xlsx")
        let b = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "xlsx", "--output", bt])
        #expect(b.status == 0, "\(b.stderr)")
        let bbook = try Self.read(bt)
        #expect(bbook.sheets.contains("Kommunstyrelsen"))
        #expect(bbook.cell("Kommunstyrelsen", "A4")?.value as? String == "Metod")
    }

    @Test("--format xlsx without --output is a usage error (64); an unwritable --xlsx is 73 before anything is computed")
    func usage() throws {
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--format", "xlsx"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--format xlsx writes a workbook: give --output book.xlsx"))
        let b = try CLITests.prognos(["backtest", "Scenarios/linkoping-ks-2024-03-ledger.yaml", "--format", "xlsx"])
        #expect(b.status == 64)
        let missing = try CLITests.prognos(["run", "Scenarios/linkoping-ks-2024-03.yaml", "--xlsx", "/nonexistent-folder/ks.xlsx"])
        #expect(missing.status == 73)
        #expect(missing.stdout.isEmpty)
    }
}
