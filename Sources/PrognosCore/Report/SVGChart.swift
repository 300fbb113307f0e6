import Foundation

/// Charts as inline SVG: no scripts, no fonts, no network; sized for a printed A4 page.
enum SVGChart {
    static let palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf8f00", "#2e75b6", "#7f7f7f", "#a50021"]
    static let favourable = "#2e7d32", unfavourable = "#c62828"

    /// "Nice" axis ticks covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        var lo = lo, hi = hi
        if lo == hi { lo -= 1; hi += 1 }
        let raw = (hi - lo) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let first = floor(lo / step) * step
        var out: [Double] = [first]
        while out.last! < hi - step * 1e-9 { out.append(first + Double(out.count) * step) }
        return out
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "middle", size: Int = 11, weight: String = "normal",
                     color: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(color)\">\(HTML.escape(s))</text>"
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// The one chart frame: the `<svg>` element with its size and its caption for screen
    /// readers (`aria-label`); the chart closes it with `</svg>`.
    static func open(_ width: Double, _ height: Double, caption: String, class cls: String? = nil) -> String {
        "<svg " + (cls.map { "class=\"\($0)\" " } ?? "") + "xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-label=\"\(HTML.escape(caption))\">"
    }

    /// The value axis of the vertical charts: a light grid line per tick from `left` to
    /// `right`, its value at the left.
    static func valueGrid(_ axis: [Double], left: Double, right: Double, y: (Double) -> Double, format: (Double) -> String) -> String {
        var s = ""
        for t in axis {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(right))\" y2=\"\(f(y(t)))\" stroke=\"#e5e5e5\"/>"
            s += text(left - 6, y(t) + 4, format(t), anchor: "end", size: 10, color: "#555")
        }
        return s
    }

    /// Horizontal bars, one per label, positive to the right: favourable green, unfavourable red.
    static func deviationBars(labels: [String], values: [Double], format: (Double) -> String, caption: String) -> String {
        let rowHeight = 22.0, left = 250.0, width = 720.0, right = 70.0
        let height = Double(labels.count) * rowHeight + 50
        let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
        let axis = ticks(lo, hi)
        let a = axis.first!, b = axis.last!
        func x(_ v: Double) -> Double { left + (v - a) / (b - a) * (width - left - right) }
        var s = open(width, height, caption: caption)
        for t in axis {
            s += "<line x1=\"\(f(x(t)))\" y1=\"20\" x2=\"\(f(x(t)))\" y2=\"\(f(height - 25))\" stroke=\"#ddd\"/>"
            s += text(x(t), height - 10, format(t), size: 10, color: "#555")
        }
        s += "<line x1=\"\(f(x(0)))\" y1=\"20\" x2=\"\(f(x(0)))\" y2=\"\(f(height - 25))\" stroke=\"#333\"/>"
        for (i, (label, v)) in zip(labels, values).enumerated() {
            let y = 24 + Double(i) * rowHeight
            let x0 = x(min(0, v)), x1 = x(max(0, v))
            s += text(left - 8, y + 12, label, anchor: "end")
            s += "<rect x=\"\(f(x0))\" y=\"\(f(y))\" width=\"\(f(max(1, x1 - x0)))\" height=\"\(f(rowHeight - 7))\" fill=\"\(v >= 0 ? favourable : unfavourable)\"/>"
            s += text(v >= 0 ? x1 + 4 : x0 - 4, y + 12, format(v), anchor: v >= 0 ? "start" : "end", size: 10)
        }
        return s + "</svg>"
    }

    /// Lines over categories (years); `series` may have gaps (nil).
    static func lines(x labels: [String], series: [(name: String, values: [Double?])], format: (Double) -> String,
                      caption: String, dashedLast: Bool = false) -> String {
        let width = 720.0, height = 300.0, left = 70.0, right = 20.0, top = 20.0, bottom = 70.0
        let all = series.flatMap { $0.values.compactMap { $0 } }
        guard !all.isEmpty else { return "" }
        let axis = ticks(all.min()!, all.max()!)
        let a = axis.first!, b = axis.last!
        func x(_ i: Int) -> Double { left + Double(i) / Double(max(1, labels.count - 1)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * (height - top - bottom) }
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format)
        for (i, l) in labels.enumerated() { s += text(x(i), height - bottom + 16, l, size: 10, color: "#555") }
        for (k, line) in series.enumerated() {
            let color = palette[k % palette.count]
            let points = line.values.enumerated().compactMap { i, v in v.map { "\(f(x(i))),\(f(y($0)))" } }
            s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            let lx = left + Double(k % 4) * 160, ly = height - 30 + Double(k / 4) * 16
            s += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 9))\" width=\"14\" height=\"3\" fill=\"\(color)\"/>"
            s += text(lx + 18, ly - 5, line.name, anchor: "start", size: 10)
        }
        return s + "</svg>"
    }

    /// A fan chart: p05–p95 and p25–p75 bands and the median, with optional markers
    /// (e.g. the budget per year).
    static func fan(x labels: [String], bands: [(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double)],
                    format: (Double) -> String, caption: String, markers: [(index: Int, value: Double, label: String)] = [],
                    labelEvery: Int = 1) -> String {
        let width = 720.0, height = 300.0, left = 70.0, right = 20.0, top = 20.0, bottom = 50.0
        guard !bands.isEmpty else { return "" }
        let values = bands.flatMap { [$0.p05, $0.p95] } + markers.map(\.value)
        let axis = ticks(values.min()!, values.max()!)
        let a = axis.first!, b = axis.last!
        func x(_ i: Int) -> Double { left + Double(i) / Double(max(1, bands.count - 1)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * (height - top - bottom) }
        func area(_ lo: KeyPath<(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double), Double>,
                  _ hi: KeyPath<(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double), Double>) -> String {
            let upper = bands.indices.map { "\(f(x($0))),\(f(y(bands[$0][keyPath: hi])))" }
            let lower = bands.indices.reversed().map { "\(f(x($0))),\(f(y(bands[$0][keyPath: lo])))" }
            return (upper + lower).joined(separator: " ")
        }
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format)
        for (i, l) in labels.enumerated() where i % labelEvery == 0 { s += text(x(i), height - bottom + 16, l, size: 10, color: "#555") }
        s += "<polygon points=\"\(area(\.p05, \.p95))\" fill=\"#1f4e79\" fill-opacity=\"0.15\"/>"
        s += "<polygon points=\"\(area(\.p25, \.p75))\" fill=\"#1f4e79\" fill-opacity=\"0.30\"/>"
        s += "<polyline fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\" points=\"\(bands.indices.map { "\(f(x($0))),\(f(y(bands[$0].p50)))" }.joined(separator: " "))\"/>"
        for m in markers {
            s += "<circle cx=\"\(f(x(m.index)))\" cy=\"\(f(y(m.value)))\" r=\"3.5\" fill=\"#c62828\"/>"
            let nearRight = x(m.index) > width - right - 110
            let labelY = y(m.value) - 5 < 10 ? y(m.value) + 14 : y(m.value) - 5
            s += text(x(m.index) + (nearRight ? -6 : 5), labelY, m.label, anchor: nearRight ? "end" : "start", size: 9, color: "#c62828")
        }
        return s + "</svg>"
    }

    /// Vertical columns with optional [min, max] bands behind them (policy limits).
    static func columns(labels: [String], values: [Double], ranges: [(Double, Double)?] = [], format: (Double) -> String,
                        caption: String, colors: [String] = []) -> String {
        let width = 720.0, height = 260.0, left = 70.0, right = 20.0, top = 20.0, bottom = 40.0
        guard !values.isEmpty else { return "" }
        let extremes = values + ranges.compactMap { $0 }.flatMap { [$0.0, $0.1] } + [0]
        let axis = ticks(extremes.min()!, extremes.max()!)
        let a = axis.first!, b = axis.last!
        let slot = (width - left - right) / Double(values.count)
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * (height - top - bottom) }
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format)
        for (i, v) in values.enumerated() {
            let x0 = left + Double(i) * slot
            if i < ranges.count, let (lo, hi) = ranges[i] {
                s += "<rect x=\"\(f(x0 + slot * 0.1))\" y=\"\(f(y(hi)))\" width=\"\(f(slot * 0.8))\" height=\"\(f(max(1, y(lo) - y(hi))))\" fill=\"#9e9e9e\" fill-opacity=\"0.25\" stroke=\"#9e9e9e\" stroke-dasharray=\"3,2\"/>"
            }
            let color = i < colors.count ? colors[i] : palette[0]
            s += "<rect x=\"\(f(x0 + slot * 0.25))\" y=\"\(f(y(max(0, v))))\" width=\"\(f(slot * 0.5))\" height=\"\(f(max(1, abs(y(v) - y(0)))))\" fill=\"\(color)\"/>"
            s += text(x0 + slot / 2, y(max(0, v)) - 4, format(v), size: 9)
            s += text(x0 + slot / 2, height - bottom + 16, labels[i], size: 10, color: "#555")
        }
        return s + "</svg>"
    }

    /// A small trend line for a table cell (60 × 16), the last point marked.
    static func sparkline(_ values: [Double], color: String) -> String {
        guard values.count >= 2, let lo = values.min(), let hi = values.max() else { return "" }
        let w = 60.0, h = 16.0, pad = 2.0
        func x(_ i: Int) -> Double { pad + Double(i) / Double(values.count - 1) * (w - 2 * pad) }
        func y(_ v: Double) -> Double { hi == lo ? h / 2 : pad + (hi - v) / (hi - lo) * (h - 2 * pad) }
        let points = values.indices.map { "\(f(x($0))),\(f(y(values[$0])))" }.joined(separator: " ")
        return open(w, h, caption: "trend", class: "spark")
            + "<polyline fill=\"none\" stroke=\"#777\" stroke-width=\"1.2\" points=\"\(points)\"/>"
            + "<circle cx=\"\(f(x(values.count - 1)))\" cy=\"\(f(y(values.last!)))\" r=\"2.2\" fill=\"\(color)\"/></svg>"
    }
}
