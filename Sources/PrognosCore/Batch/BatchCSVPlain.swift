extension BatchCSV {
    /// `text(rows)` without CSV.swift when no cell needs quoting (issue 20, item 4: the writer
    /// costs ≈ 1 ms a row through `OutputStream` byte by byte and Foundation's `contains`).
    /// The same bytes as CSV.swift's `CSVWriter` with `,` and LF: a cell's UTF-8 as it is,
    /// `,` between cells, LF before every row's first cell but the first row's (a row without
    /// cells writes nothing, not even its LF), and LF at the end. Nil when a cell holds a
    /// quote, a comma, CR or LF (byte-wise, which includes every case CSV.swift quotes): those
    /// go through CSV.swift as before.
    static func plainText(_ rows: [[String]]) -> String? {
        var out: [UInt8] = []
        var firstRow = true
        for row in rows {
            var firstField = true
            for cell in row {
                if cell.utf8.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) { return nil }
                if firstRow { firstRow = false } else if firstField { out.append(0x0A) }
                if firstField { firstField = false } else { out.append(0x2C) }
                out.append(contentsOf: cell.utf8)
            }
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }
}
