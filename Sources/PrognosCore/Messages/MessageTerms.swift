/// The words messages use for the engine's codes: a column, an interpolation, a pricing,
/// an interest basis. The English word is the code the messages always printed.
extension TotalColumn {
    public var term: MessageArg {
        switch self {
        case .actualYTD: return .term(sv: "utfall hittills", en: rawValue)
        case .budgetYTD: return .term(sv: "budget hittills", en: rawValue)
        case .deviationYTD: return .term(sv: "avvikelse hittills", en: rawValue)
        case .actualYTDPrior: return .term(sv: "fjolårets utfall hittills", en: rawValue)
        case .forecast: return .term(sv: "prognos helår", en: rawValue)
        case .budget: return .term(sv: "årsbudget", en: rawValue)
        case .deviation: return .term(sv: "avvikelse helår", en: rawValue)
        case .outcomePrior: return .term(sv: "fjolårets utfall", en: rawValue)
        }
    }
}

extension ZeroCurve.Interpolation {
    public var term: MessageArg {
        switch self {
        case .flatForward: return .term(sv: "konstanta terminsräntor mellan stödpunkterna", en: rawValue)
        case .linearZero: return .term(sv: "linjär interpolation av nollkupongsräntorna", en: rawValue)
        }
    }
}

extension InternalPricing {
    public var term: MessageArg {
        switch self {
        case .passThrough: return .term(sv: "vidarefakturering av den externa kostnaden", en: rawValue)
        case .floating: return .term(sv: "rörlig ränta (STIBOR 3M + marginal)", en: rawValue)
        case .fixed: return .term(sv: "fast ränta", en: rawValue)
        }
    }
}

/// The Swedish words of the investment table's printed totals (`investments.reported_totals`).
enum CapitalTotalTerm {
    static func sv(_ key: String) -> String {
        switch key {
        case "spent_ytd": return "utgifter hittills"
        case "income_ytd": return "inkomster hittills"
        case "forecast_spend": return "prognos utgifter"
        case "forecast_income": return "prognos inkomster"
        case "forecast_net": return "prognos netto"
        case "frame": return "ram"
        case "deviation": return "avvikelse"
        default: return key
        }
    }
}

/// Items numbered from 0 inside the engine (path blocks, grid mixes) as a reader counts them:
/// from 1, both ends included: `0..<72` is "1–72", `5..<6` is "6".
public enum Counted {
    public static func range(_ from: Int, _ to: Int) -> String {
        to <= from + 1 ? "\(from + 1)" : "\(from + 1)–\(to)"
    }
}
