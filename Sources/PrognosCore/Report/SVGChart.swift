import Foundation

/// Charts as inline SVG: no scripts, no fonts, no network; sized for a printed A4 page.
enum SVGChart {
    static let palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf8f00", "#2e75b6", "#7f7f7f", "#a50021"]
    static let favourable = "#2e7d32", unfavourable = "#c62828"
    /// The fan's bands and median: a neutral slate, so the scenarios' colours stand out over it.
    static let fanColor = "#44546a"

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
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
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

    /// Approximate width of a text in the charts' font (DejaVu Sans, about 0.62 em a character).
    static func textWidth(_ s: String, size: Double = 10) -> Double { Double(s.count) * size * 0.62 }

    /// `s` shortened with "…" to fit `width` at `size` (the full text stays in a tooltip).
    static func fitted(_ s: String, width: Double, size: Double = 11) -> String {
        guard textWidth(s, size: size) > width else { return s }
        let keep = max(1, Int(width / (size * 0.62)) - 1)
        return String(s.prefix(keep)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// What a legend entry shows beside its text.
    enum LegendKey {
        case line(SeriesStyle)
        case area(String, opacity: Double)
        case bar(String)
        case hatched
        case range
    }

    /// A legend that flows left to right and wraps inside `width`; returns its SVG and height.
    static func legend(_ items: [(String, LegendKey)], left: Double, top: Double, width: Double) -> (svg: String, height: Double) {
        guard !items.isEmpty else { return ("", 0) }
        let rowHeight = 16.0
        var s = "", x = left, y = top
        for (label, key) in items {
            let w = 30 + textWidth(label) + 16
            if x > left && x + w > left + width { x = left; y += rowHeight }
            let cy = y + 5
            switch key {
            case .line(let st):
                s += "<line x1=\"\(f(x))\" y1=\"\(f(cy))\" x2=\"\(f(x + 24))\" y2=\"\(f(cy))\" stroke=\"\(st.color)\" stroke-width=\"\(f(st.width))\""
                    + (st.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
                s += st.marker.svg(x + 12, cy, color: st.color)
            case .area(let color, let opacity):
                s += "<rect x=\"\(f(x))\" y=\"\(f(cy - 5))\" width=\"24\" height=\"10\" fill=\"\(color)\" fill-opacity=\"\(opacity)\"/>"
            case .bar(let color):
                s += "<rect x=\"\(f(x + 6))\" y=\"\(f(cy - 5))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            case .hatched:
                s += hatched(x + 6, cy - 5, 12, 10)
            case .range:
                s += "<rect x=\"\(f(x))\" y=\"\(f(cy - 5))\" width=\"24\" height=\"10\" fill=\"#9e9e9e\" fill-opacity=\"0.25\" stroke=\"#9e9e9e\" stroke-dasharray=\"3,2\"/>"
            }
            s += text(x + 30, cy + 4, label, anchor: "start", size: 10)
            x += w
        }
        return (s, y - top + rowHeight)
    }

    /// A hatched box (a bar outside its limits): red diagonal stripes on white inside a red
    /// outline, drawn as plain lines (no pattern, no url() reference), so it reads in black and white.
    static func hatched(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
        var s = "<g class=\"hatch\"><rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"#fff\" stroke=\"\(unfavourable)\" stroke-width=\"1.5\"/>"
        // 45° stripes x = x0 + c + t, y = y0 + h − t, clipped to the box: t in [max(0, −c), min(h, w − c)].
        for c in stride(from: -h, to: w, by: 6) {
            let t0 = max(0, -c), t1 = min(h, w - c)
            guard t1 > t0 else { continue }
            s += "<line x1=\"\(f(x + c + t0))\" y1=\"\(f(y + h - t0))\" x2=\"\(f(x + c + t1))\" y2=\"\(f(y + h - t1))\" stroke=\"\(unfavourable)\" stroke-width=\"2\"/>"
        }
        return s + "</g>"
    }

    /// Horizontal bars, one per label, positive to the right: favourable green, unfavourable red.
    static func deviationBars(labels: [String], values: [Double], format: ChartFormat, caption: String) -> String {
        // The label column as wide as the longest name needs (within 160–360 px): names are shortened only beyond that.
        let rowHeight = 22.0, width = 720.0, right = 70.0
        let left = min(360, max(160, (labels.map { textWidth($0, size: 11) }.max() ?? 0) + 16))
        let height = Double(labels.count) * rowHeight + 50
        let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
        let axis = ticks(lo, hi)
        let tick = format.tick(axis)
        let a = axis.first!, b = axis.last!
        func x(_ v: Double) -> Double { left + (v - a) / (b - a) * (width - left - right) }
        var s = open(width, height, caption: caption)
        for t in axis {
            s += "<line x1=\"\(f(x(t)))\" y1=\"20\" x2=\"\(f(x(t)))\" y2=\"\(f(height - 25))\" stroke=\"#ddd\"/>"
            s += text(x(t), height - 10, tick(t), size: 10, color: "#555")
        }
        s += "<line x1=\"\(f(x(0)))\" y1=\"20\" x2=\"\(f(x(0)))\" y2=\"\(f(height - 25))\" stroke=\"#333\"/>"
        for (i, (label, v)) in zip(labels, values).enumerated() {
            let y = 24 + Double(i) * rowHeight
            let x0 = x(min(0, v)), x1 = x(max(0, v))
            let shown = fitted(label, width: left - 14)
            s += shown == label ? text(left - 8, y + 12, label, anchor: "end")
                : "<g><title>\(HTML.escape(label))</title>" + text(left - 8, y + 12, shown, anchor: "end") + "</g>"
            s += "<rect x=\"\(f(x0))\" y=\"\(f(y))\" width=\"\(f(max(1, x1 - x0)))\" height=\"\(f(rowHeight - 7))\" fill=\"\(v >= 0 ? favourable : unfavourable)\"/>"
            s += text(v >= 0 ? x1 + 4 : x0 - 4, y + 12, format.value(v), anchor: v >= 0 ? "start" : "end", size: 10)
        }
        return s + "</svg>"
    }

    /// One line of a line chart or an overlay of a fan.
    struct Series {
        var name: String
        var values: [Double?]
        var style: SeriesStyle
    }

    /// Lines over categories (years), each with its own colour, dash and symbol and a
    /// legend below; `series` may have gaps (nil). With `fromZero` (amounts) the value axis
    /// starts at zero, so differences are not exaggerated.
    static func lines(x labels: [String], series: [Series], format: ChartFormat, caption: String, fromZero: Bool = true) -> String {
        let width = 720.0, left = 70.0, right = 20.0, top = 20.0, plot = 220.0
        let all = series.flatMap { $0.values.compactMap { $0 } }
        guard !all.isEmpty else { return "" }
        let axis = ticks(fromZero ? min(0, all.min()!) : all.min()!, fromZero ? max(0, all.max()!) : all.max()!)
        let a = axis.first!, b = axis.last!
        func x(_ i: Int) -> Double { left + Double(i) / Double(max(1, labels.count - 1)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * plot }
        let key = legend(series.map { ($0.name, .line($0.style)) }, left: left, top: top + plot + 30, width: width - left - right)
        let height = top + plot + 30 + key.height + 4
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format.tick(axis))
        for (i, l) in labels.enumerated() { s += text(x(i), top + plot + 16, l, size: 10, color: "#555") }
        for line in series {
            let st = line.style
            let points = line.values.enumerated().compactMap { i, v in v.map { "\(f(x(i))),\(f(y($0)))" } }
            s += "<polyline fill=\"none\" stroke=\"\(st.color)\" stroke-width=\"\(f(st.width))\"" + (st.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                + " points=\"\(points.joined(separator: " "))\"/>"
            for (i, v) in line.values.enumerated() { if let v { s += st.marker.svg(x(i), y(v), color: st.color) } }
        }
        return s + key.svg + "</svg>"
    }

    /// A fan chart: p05–p95 and p25–p75 bands and the median, with optional markers
    /// (e.g. CaR95 at P95), lines drawn over it (the interest budget, the deterministic
    /// scenarios) and a legend below. With `fromZero` (amounts) the value axis starts at zero.
    static func fan(x labels: [String], bands: [(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double)],
                    format: ChartFormat, caption: String, markers: [(index: Int, value: Double, label: String)] = [],
                    labelEvery: Int = 1, fromZero: Bool = false, overlays: [Series] = [], legend items: [(String, LegendKey)] = []) -> String {
        let width = 720.0, left = 70.0, right = 20.0, top = 20.0, plot = 220.0
        guard !bands.isEmpty else { return "" }
        let values = bands.flatMap { [$0.p05, $0.p95] } + markers.map(\.value) + overlays.flatMap { $0.values.compactMap { $0 } }
        let axis = ticks(fromZero ? min(0, values.min()!) : values.min()!, fromZero ? max(0, values.max()!) : values.max()!)
        let a = axis.first!, b = axis.last!
        func x(_ i: Int) -> Double { left + Double(i) / Double(max(1, bands.count - 1)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * plot }
        func area(_ lo: KeyPath<(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double), Double>,
                  _ hi: KeyPath<(p05: Double, p25: Double, p50: Double, p75: Double, p95: Double), Double>) -> String {
            let upper = bands.indices.map { "\(f(x($0))),\(f(y(bands[$0][keyPath: hi])))" }
            let lower = bands.indices.reversed().map { "\(f(x($0))),\(f(y(bands[$0][keyPath: lo])))" }
            return (upper + lower).joined(separator: " ")
        }
        let key = legend(items + overlays.map { ($0.name, .line($0.style)) }, left: left, top: top + plot + 30, width: width - left - right)
        let height = top + plot + 30 + key.height + 4
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format.tick(axis))
        for (i, l) in labels.enumerated() where i % labelEvery == 0 { s += text(x(i), top + plot + 16, l, size: 10, color: "#555") }
        s += "<polygon points=\"\(area(\.p05, \.p95))\" fill=\"\(fanColor)\" fill-opacity=\"0.15\"/>"
        s += "<polygon points=\"\(area(\.p25, \.p75))\" fill=\"\(fanColor)\" fill-opacity=\"0.30\"/>"
        s += "<polyline fill=\"none\" stroke=\"\(fanColor)\" stroke-width=\"2.5\" points=\"\(bands.indices.map { "\(f(x($0))),\(f(y(bands[$0].p50)))" }.joined(separator: " "))\"/>"
        for line in overlays {
            let st = line.style
            let points = line.values.enumerated().compactMap { i, v in v.map { "\(f(x(i))),\(f(y($0)))" } }
            s += "<polyline fill=\"none\" stroke=\"\(st.color)\" stroke-width=\"\(f(st.width))\"" + (st.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                + " points=\"\(points.joined(separator: " "))\"/>"
            for (i, v) in line.values.enumerated() { if let v { s += st.marker.svg(x(i), y(v), color: st.color) } }
        }
        for m in markers {
            s += ChartMarker.circle.svg(x(m.index), y(m.value), color: unfavourable)
            let nearRight = x(m.index) > width - right - 110
            let labelY = y(m.value) - 6 < 10 ? y(m.value) + 14 : y(m.value) - 6
            // A white halo keeps the label readable over the bands and lines.
            s += text(x(m.index) + (nearRight ? -6 : 5), labelY, m.label, anchor: nearRight ? "end" : "start", size: 9, weight: "bold", color: unfavourable)
                .replacingOccurrences(of: "<text ", with: "<text stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" ")
        }
        return s + key.svg + "</svg>"
    }

    /// Vertical columns with optional [min, max] bands behind them (policy limits); a column
    /// marked in `breaches` is hatched and carries a ✗ beside its value, so a breach reads in
    /// black and white too.
    static func columns(labels: [String], values: [Double], ranges: [(Double, Double)?] = [], format: ChartFormat,
                        caption: String, colors: [String] = [], breaches: [Bool] = [], legend items: [(String, LegendKey)] = []) -> String {
        let width = 720.0, left = 70.0, right = 20.0, top = 20.0, plot = 200.0
        guard !values.isEmpty else { return "" }
        let extremes = values + ranges.compactMap { $0 }.flatMap { [$0.0, $0.1] } + [0]
        let axis = ticks(extremes.min()!, extremes.max()!)
        let a = axis.first!, b = axis.last!
        let slot = (width - left - right) / Double(values.count)
        func y(_ v: Double) -> Double { top + (b - v) / (b - a) * plot }
        let key = legend(items, left: left, top: top + plot + 28, width: width - left - right)
        let height = top + plot + (items.isEmpty ? 24 : 28 + key.height + 4)
        var s = open(width, height, caption: caption)
        s += valueGrid(axis, left: left, right: width - right, y: y, format: format.tick(axis))
        for (i, v) in values.enumerated() {
            let x0 = left + Double(i) * slot
            if i < ranges.count, let (lo, hi) = ranges[i] {
                s += "<rect x=\"\(f(x0 + slot * 0.1))\" y=\"\(f(y(hi)))\" width=\"\(f(slot * 0.8))\" height=\"\(f(max(1, y(lo) - y(hi))))\" fill=\"#9e9e9e\" fill-opacity=\"0.25\" stroke=\"#9e9e9e\" stroke-dasharray=\"3,2\"/>"
            }
            let breach = i < breaches.count && breaches[i]
            let color = i < colors.count ? colors[i] : palette[0]
            let (bx, by, bw, bh) = (x0 + slot * 0.25, y(max(0, v)), slot * 0.5, max(1, abs(y(v) - y(0))))
            s += breach ? hatched(bx, by, bw, bh) : "<rect x=\"\(f(bx))\" y=\"\(f(by))\" width=\"\(f(bw))\" height=\"\(f(bh))\" fill=\"\(color)\"/>"
            s += text(x0 + slot / 2, y(max(0, v)) - 4, (breach ? "✗ " : "") + format.value(v), size: breach ? 10 : 9,
                      weight: breach ? "bold" : "normal", color: breach ? unfavourable : "#222")
            s += text(x0 + slot / 2, top + plot + 16, labels[i], size: 10, color: "#555")
        }
        return s + key.svg + "</svg>"
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
