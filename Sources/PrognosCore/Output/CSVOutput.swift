import CSV
import Foundation

/// CSV dialects: RFC 4180 (`,` and a decimal point) or Swedish Excel (`;` and a decimal comma).
public enum CSVDialect: String, Sendable, CaseIterable {
    case rfc4180
    case excelSV = "excel-sv"

    var delimiter: String { self == .rfc4180 ? "," : ";" }
    var decimalComma: Bool { self == .excelSV }
}

/// One row per unit and one for the total; amounts in kronor like the JSON.
public enum CSVOutput {
    static let columns = ["section", "id", "name", "reported_as"] + TotalColumn.allCases.map(\.rawValue)
        + ["method", "method_value", "adjustments"]

    public static func render(_ run: ScenarioRun, dialect: CSVDialect) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: dialect.delimiter)
        try writer.write(row: columns)
        if let s = run.operating {
            func amounts(_ f: StatementFigures) -> [String] {
                TotalColumn.allCases.map { Format.machine(f[$0], decimalComma: dialect.decimalComma) }
            }
            for p in s.units {
                let adjustments = p.adjustments.isEmpty ? nil : p.adjustments.reduce(0) { $0 + $1.amount }
                try writer.write(row: ["unit", p.id, p.name, p.reportedAs.rawValue] + amounts(p.figures)
                    + [p.method?.rawValue ?? "", Format.machine(p.methodValue, decimalComma: dialect.decimalComma),
                       Format.machine(adjustments, decimalComma: dialect.decimalComma)])
            }
            try writer.write(row: ["total", "total", "Summa nettokostnader", ReportedAs.netCost.rawValue]
                + amounts(s.total) + ["", "", ""])
        }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw InputFailure(.internalError, "CSV writer produced no data")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
