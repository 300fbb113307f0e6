// `internal`: libxlsxwriter's C declarations are visible in this file only (as GSL's in
// Numerics/GSL.swift); the rest of Prognos describes a workbook as an `XLSXBook` value.
internal import _CXLSX
import Foundation

/// A workbook described as values: sheets of cells with formats, column widths, frozen
/// panes and charts over the sheets' ranges. `XLSX.write` turns it into xlsx bytes.
struct XLSXBook {
    /// A cell format (cached per distinct value while writing).
    struct Format: Hashable {
        var numFormat: String?
        var bold = false
        var italic = false
        var wrap = false
    }
    enum Value { case number(Double), text(String) }
    struct Cell {
        var row: Int, col: Int, value: Value, format: Format
        /// A cell comment (a what-if mark's explanation).
        var comment: String? = nil
    }
    /// A rectangle of one sheet: rows and columns inclusive.
    struct Range { var sheet: String, row0: Int, col0: Int, row1: Int, col1: Int }
    struct Series { var name: String, categories: Range, values: Range, noFill = false }
    enum ChartKind { case line, column, stackedArea }
    struct Chart {
        var kind: ChartKind
        var title: String
        var series: [Series]
        var row: Int, col: Int
        var fromZero: Bool
        var numFormat: String?
    }
    struct Sheet {
        var name: String
        var cells: [Cell] = []
        var widths: [Int: Double] = [:]
        /// Row heights in points (a header of several lines).
        var heights: [Int: Double] = [:]
        /// The first row and column that scroll (`worksheet_freeze_panes`).
        var freeze: (row: Int, col: Int)?
        var charts: [Chart] = []
    }
    var title: String
    /// The document's creation time (fixed: the same run gives the same bytes).
    var created: Date
    var sheets: [Sheet] = []
}

enum XLSX {
    /// The workbook's bytes: written by libxlsxwriter to a temporary file, read back and
    /// removed (the caller writes them where they belong through `OutputFile`).
    static func bytes(_ book: XLSXBook) throws(InputFailure) -> Data {
        let temporary = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("prognos-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).xlsx")
        defer { unlink(temporary) }
        try write(book, to: temporary)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw InputFailure(.cannotWriteOutput, "cannot write the workbook: the temporary file \(temporary) cannot be read")
        }
        return data
    }

    static func write(_ book: XLSXBook, to path: String) throws(InputFailure) {
        // Every string handed to C stays alive until the workbook is closed.
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer { strings.forEach { free($0) } }
        func c(_ s: String) -> UnsafeMutablePointer<CChar> {
            let p = strdup(s)!
            strings.append(p)
            return p
        }
        guard let wb = workbook_new(c(path)) else {
            throw InputFailure(.cannotWriteOutput, "cannot write the workbook: libxlsxwriter cannot create \(path)")
        }
        var properties = lxw_doc_properties()
        properties.title = c(book.title)
        properties.author = c("Prognos")
        properties.created = time_t(book.created.timeIntervalSince1970)
        _ = workbook_set_properties(wb, &properties)

        var formats: [XLSXBook.Format: UnsafeMutablePointer<lxw_format>] = [:]
        func format(_ f: XLSXBook.Format) -> UnsafeMutablePointer<lxw_format>? {
            if f == XLSXBook.Format() { return nil }
            if let x = formats[f] { return x }
            guard let x = workbook_add_format(wb) else { return nil }
            if let n = f.numFormat { format_set_num_format(x, c(n)) }
            if f.bold { format_set_bold(x) }
            if f.italic { format_set_italic(x) }
            if f.wrap {
                format_set_text_wrap(x)
                format_set_align(x, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
            }
            formats[f] = x
            return x
        }
        var failure: lxw_error = LXW_NO_ERROR
        func check(_ e: lxw_error) { if failure == LXW_NO_ERROR && e != LXW_NO_ERROR { failure = e } }

        for sheet in book.sheets {
            guard let ws = workbook_add_worksheet(wb, c(sheet.name)) else {
                _ = workbook_close(wb)
                throw InputFailure(.internalError, "the workbook cannot have a sheet named \(sheet.name)")
            }
            for (col, width) in sheet.widths.sorted(by: { $0.key < $1.key }) {
                check(worksheet_set_column(ws, lxw_col_t(col), lxw_col_t(col), width, nil))
            }
            for (row, height) in sheet.heights.sorted(by: { $0.key < $1.key }) {
                check(worksheet_set_row(ws, lxw_row_t(row), height, nil))
            }
            for cell in sheet.cells {
                let f = format(cell.format)
                switch cell.value {
                case .number(let v): check(worksheet_write_number(ws, lxw_row_t(cell.row), lxw_col_t(cell.col), v, f))
                case .text(let s): check(worksheet_write_string(ws, lxw_row_t(cell.row), lxw_col_t(cell.col), c(s), f))
                }
                if let note = cell.comment { check(worksheet_write_comment(ws, lxw_row_t(cell.row), lxw_col_t(cell.col), c(note))) }
            }
            if let (row, col) = sheet.freeze { worksheet_freeze_panes(ws, lxw_row_t(row), lxw_col_t(col)) }
            for chart in sheet.charts {
                let type: lxw_chart_type = switch chart.kind {
                case .line: LXW_CHART_LINE
                case .column: LXW_CHART_COLUMN
                case .stackedArea: LXW_CHART_AREA_STACKED
                }
                guard let ch = workbook_add_chart(wb, UInt8(type.rawValue)) else { continue }
                for s in chart.series {
                    guard let series = chart_add_series(ch, nil, nil) else { continue }
                    chart_series_set_categories(series, c(s.categories.sheet), lxw_row_t(s.categories.row0), lxw_col_t(s.categories.col0),
                                                lxw_row_t(s.categories.row1), lxw_col_t(s.categories.col1))
                    chart_series_set_values(series, c(s.values.sheet), lxw_row_t(s.values.row0), lxw_col_t(s.values.col0),
                                            lxw_row_t(s.values.row1), lxw_col_t(s.values.col1))
                    chart_series_set_name(series, c(s.name))
                    if s.noFill {
                        var fill = lxw_chart_fill()
                        fill.none = 1
                        chart_series_set_fill(series, &fill)
                    }
                }
                chart_title_set_name(ch, c(chart.title))
                chart_legend_set_position(ch, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
                // An area chart's value axis starts at zero by itself (libxlsxwriter refuses a minimum there).
                if chart.fromZero && chart.kind != .stackedArea { chart_axis_set_min(ch.pointee.y_axis, 0) }
                if let n = chart.numFormat { chart_axis_set_num_format(ch.pointee.y_axis, c(n)) }
                check(worksheet_insert_chart(ws, lxw_row_t(chart.row), lxw_col_t(chart.col), ch))
            }
        }
        let closed = workbook_close(wb)
        if failure == LXW_NO_ERROR { failure = closed }
        guard failure == LXW_NO_ERROR else {
            throw InputFailure(.cannotWriteOutput, "cannot write the workbook: \(String(cString: lxw_strerror(failure)))")
        }
    }
}
