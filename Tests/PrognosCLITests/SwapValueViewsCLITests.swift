import Foundation
import Testing

/// Issue 19 item 3 in every view of `prognos simulate`: the swap book's value per year end
/// (internbank-car-2024.yaml has the portfolio's pay-fixed swaps; V = 2024-03-31).
@Suite("prognos CLI: the simulated swap book value in every view", .serialized)
struct SwapValueViewsCLITests {
    static let run = ["simulate", "Scenarios/internbank-car-2024.yaml", "--paths", "400", "--threads", "1"]

    /// The JSON's mean, P05 and P95 per year (kronor), read independently of the views.
    static func json() throws -> [(year: Int, mean: Double, p05: Double, p95: Double)] {
        let r = try CLITests.prognos(run + ["--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let years = try #require((doc["simulation"] as? [String: Any])?["years"] as? [[String: Any]])
        return try years.map { y in
            let s = try #require(y["swap_market_value"] as? [String: Any])
            return (try #require(y["year"] as? Int), try #require(s["mean"] as? Double), try #require(s["p05"] as? Double),
                    try #require(s["p95"] as? Double))
        }
    }

    /// mnkr with one decimal, as the table prints (decimal comma in Swedish, point in English).
    static func mnkr(_ x: Double, comma: Bool) -> String {
        let s = String(format: "%.1f", x / 1e6)
        return comma ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    @Test("text (sv, en), excel-sv CSV, rfc4180 CSV, report and workbook show the swap value per year end")
    func views() throws {
        let values = try Self.json()
        #expect(values.map(\.year) == Array(2024...2033))
        #expect(values.allSatisfy { $0.p05 <= $0.mean && $0.mean <= $0.p95 })
        #expect(values[1].p95 - values[1].p05 > 100e6)   // a real spread in 2025
        let sv = try CLITests.prognos(Self.run)
        #expect(sv.stdout.contains("Swapparnas marknadsvärde per årsskifte (Monte Carlo), belopp mnkr"))
        let y = values[1]
        let line = try #require(sv.stdout.split(separator: "\n").first { $0.hasPrefix("2025 ") && $0.split(separator: " ").count == 4 })
        #expect(line.split(separator: " ").map(String.init) == ["2025", Self.mnkr(y.mean, comma: true), Self.mnkr(y.p05, comma: true), Self.mnkr(y.p95, comma: true)])
        let en = try CLITests.prognos(Self.run + ["--lang", "en"])
        #expect(en.stdout.contains("Swap book market value at each year end (Monte Carlo), amounts in mnkr"))
        let excel = try CLITests.prognos(Self.run + ["--format", "csv", "--csv-dialect", "excel-sv"])
        #expect(excel.stdout.contains("Swapparnas marknadsvärde per årsskifte (Monte Carlo), belopp mnkr\nÅr;Medel;P05;P95\n2024;"))
        let rfc = try CLITests.prognos(Self.run + ["--format", "csv"])
        let row = try #require(rfc.stdout.split(separator: "\n").first { $0.hasPrefix("2025,swap_market_value,") })
        #expect(Double(row.split(separator: ",")[2]) == y.mean)   // every statistic, the mean first, as in the JSON
        let dir = Scratch.folder.appendingPathComponent("prognos-swapviews-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("r.html").path, xlsx = dir.appendingPathComponent("b.xlsx").path
        #expect(try CLITests.prognos(Self.run + ["--format", "json", "--output", dir.appendingPathComponent("r.json").path, "--report", html]).status == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("Swapparnas marknadsvärde per årsskifte (Monte Carlo), belopp mnkr"))
        #expect(try CLITests.prognos(Self.run + ["--format", "xlsx", "--output", xlsx]).status == 0)
        let book = try WorkbookCLITests.read(xlsx)
        #expect(book.sheets.contains("Swapvärde MC"))
    }
}
