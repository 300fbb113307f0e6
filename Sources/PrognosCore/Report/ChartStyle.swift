import Foundation

/// How one line of a chart is drawn: a colour, a dash pattern and a point symbol, so that
/// lines stay apart in black-and-white print and for colour-blind readers.
struct SeriesStyle: Equatable {
    var color: String
    var dash: String?
    var marker: ChartMarker
    var width: Double = 2

    /// The interest budget: a dark grey long-dashed line without symbols, thicker than the scenarios.
    static let budget = SeriesStyle(color: "#333333", dash: "9,4", marker: .none, width: 2.5)
}

/// A point symbol.
enum ChartMarker: String, CaseIterable {
    case none, circle, square, triangleUp, triangleDown, diamond, cross

    /// The symbol's SVG at (x, y), about 8 px across.
    func svg(_ x: Double, _ y: Double, color: String) -> String {
        let f = SVGChart.f
        switch self {
        case .none: return ""
        case .circle: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>"
        case .square: return "<rect x=\"\(f(x - 3.5))\" y=\"\(f(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(color)\"/>"
        case .triangleUp: return "<polygon points=\"\(f(x)),\(f(y - 4.5)) \(f(x + 4.5)),\(f(y + 3.5)) \(f(x - 4.5)),\(f(y + 3.5))\" fill=\"\(color)\"/>"
        case .triangleDown: return "<polygon points=\"\(f(x)),\(f(y + 4.5)) \(f(x + 4.5)),\(f(y - 3.5)) \(f(x - 4.5)),\(f(y - 3.5))\" fill=\"\(color)\"/>"
        case .diamond: return "<polygon points=\"\(f(x)),\(f(y - 5)) \(f(x + 4.5)),\(f(y)) \(f(x)),\(f(y + 5)) \(f(x - 4.5)),\(f(y))\" fill=\"\(color)\"/>"
        case .cross:
            return "<path d=\"M\(f(x - 4)),\(f(y - 4))L\(f(x + 4)),\(f(y + 4))M\(f(x - 4)),\(f(y + 4))L\(f(x + 4)),\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
        }
    }
}

/// One fixed look per rate scenario, derived from its id alone, so that the same scenario
/// has the same colour, dash and symbol in every report. Colours are the Okabe–Ito palette
/// (distinguishable with the common colour-vision deficiencies). Recognised kinds by the
/// id's words: the base (`base`, `curve`, `implied`, `bas…`), shifts down (`minus…`,
/// `down…`, `ned…`), shifts up (`plus…`, `up…`, `upp…`; above 100 bp a darker colour),
/// ramps (`ramp…`) and policy-rate paths (`riksbank…`, `policy…`, `styr…`). Any other id
/// takes a colour and symbol from a stable hash (FNV-1a) of the id.
enum ScenarioStyle {
    static let blue = "#0072B2", green = "#009E73", orange = "#E69F00", vermillion = "#D55E00"
    static let purple = "#CC79A7", sky = "#56B4E9", black = "#000000", brown = "#8C564B"
    /// For ids of no recognised kind.
    static let others: [(String, ChartMarker)] = [(sky, .square), (brown, .diamond), (purple, .circle), ("#7F7F7F", .triangleUp),
                                                   (green, .square), (orange, .diamond), (blue, .triangleDown), (vermillion, .square)]
    static let dashes: [String?] = [nil, "6,3", "2,3"]

    static func style(_ id: String) -> SeriesStyle {
        let s = id.lowercased()
        let magnitude = Int(s.filter(\.isNumber).prefix(4)) ?? 0
        func starts(_ words: [String]) -> Bool { words.contains { s.hasPrefix($0) } }
        if ["base", "curve", "implied", "bas", "basscenario"].contains(s) || starts(["base", "bas-", "bas_"]) {
            return SeriesStyle(color: blue, dash: nil, marker: .circle)
        }
        if s.contains("riksbank") || starts(["policy", "styr"]) { return SeriesStyle(color: black, dash: nil, marker: .diamond) }
        if s.contains("ramp") { return SeriesStyle(color: purple, dash: "2,3", marker: .square) }
        if starts(["minus", "down", "ned"]) || s.hasPrefix("-") {
            return SeriesStyle(color: magnitude > 100 ? "#006B4F" : green, dash: "6,3", marker: .triangleDown)
        }
        if starts(["plus", "up", "upp"]) || s.hasPrefix("+") {
            return SeriesStyle(color: magnitude > 100 ? vermillion : orange, dash: "6,3", marker: .triangleUp)
        }
        let h = fnv1a(id)
        let (color, marker) = others[Int(h % UInt64(others.count))]
        return SeriesStyle(color: color, dash: dashes[Int((h / UInt64(others.count)) % UInt64(dashes.count))], marker: marker)
    }

    /// FNV-1a, 64 bit, over the id's UTF-8 bytes (stable across runs and machines, unlike `hashValue`).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

/// How a chart writes its numbers: the value labels (as the tables, e.g. "1 250,3") and
/// the axis ticks, whose decimals follow the tick step ("1 250", not "1 250,0").
struct ChartFormat {
    var value: (Double) -> String
    /// Given the axis' ticks, the tick formatter.
    var tick: ([Double]) -> (Double) -> String

    /// Decimals a tick needs: none when every tick is whole in the display unit, else as many as the step has.
    static func decimals(_ axis: [Double], scale: Double) -> Int {
        guard axis.count >= 2 else { return 0 }
        let step = abs(axis[1] - axis[0]) * scale
        for d in 0...6 {
            let p = pow(10, Double(d))
            if abs((step * p).rounded() - step * p) < 1e-6 * max(1, step * p) { return d }
        }
        return 6
    }

    /// Amounts in the file's unit.
    static func amount(_ f: ReportFormat) -> ChartFormat {
        ChartFormat(value: { f.amount($0) }, tick: { axis in
            let d = decimals(axis, scale: 1 / f.unit.factor)
            return { f.number($0 / f.unit.factor, decimals: d) }
        })
    }

    /// Rates and shares as percentages, values with `decimals`.
    static func percent(_ f: ReportFormat, decimals valueDecimals: Int) -> ChartFormat {
        ChartFormat(value: { f.percent($0, decimals: valueDecimals) }, tick: { axis in
            let d = decimals(axis, scale: 100)
            return { f.percent($0, decimals: d) }
        })
    }
}
