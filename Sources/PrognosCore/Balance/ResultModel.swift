import Foundation

/// The arithmetic of the resultaträkning and the balanskravsutredning that does not depend on
/// a rate scenario or a path, fixed once from the input: per result year a constant part of
/// årets resultat, which financial lines follow the treasury, the fixed balanskrav
/// adjustments, and the placements' parameters. The deterministic run (per scenario) and the
/// Monte Carlo (per path) evaluate the same `outcome`, so they cannot disagree on a rule.
/// Codable: it travels in a simulation part's header to `prognos merge`.
public struct ResultModel: Codable, Sendable, Equatable {
    public struct Year: Codable, Sendable, Equatable {
        public var year: Int
        /// Σ of every line not taken from the treasury (+ the `other` of the treasury lines).
        public var constant: Double
        /// The financial lines' part of `constant` (figures, and `other` beside `from: treasury`).
        public var financialConstant: Double
        /// The fixed balanskrav adjustments of the year before the reserve (R2): − realised gains
        /// on fixed assets, + gains and losses enligt undantagsmöjlighet, + reversal (the fiscal year only).
        public var adjustment: Double
        /// − reservation + use of the resultatreserv (the fiscal year only).
        public var reserve: Double
        /// B = skatteintäkter + generella statsbidrag och utjämning (R3, R7).
        public var base: Double
    }
    public struct Fund: Codable, Sendable, Equatable {
        public var opening: Double, market: Double, expectedReturn: Double, volatility: Double
        /// The sell's share (0 without a sell) and its time from as_of in years (ACT/365).
        public var sellShare: Double, sellTau: Double
    }

    public var fiscalYear: Int
    public var years: [Year]
    /// − external interest is in finansiella kostnader; internal income in finansiella intäkter.
    public var costFromTreasury: Bool, incomeFromTreasury: Bool
    public var funds: [Fund]
    public var correlation: Double
    /// τ (years from as_of, ACT/365) of 31 December of each calendar year from the fiscal year to the last result year.
    public var yearEndTau: [Double]

    /// Placements' events given each fund's growth factor value(t)/market_value at its sell
    /// date and at each year end (`yearEnds[f][k]` for calendar year fiscalYear + k).
    public struct PlacementEvents: Sendable, Equatable {
        /// Realised result of the fiscal year's sells: net, and the sum of the positive ones (R2's realisationsvinster).
        public var realised = 0.0, realisedGains = 0.0
        /// Per calendar year from the fiscal year: the unsold parts' value change.
        public var unrealised: [Double]
    }

    public func placementEvents(sellFactor: (Int) -> Double, yearEndFactor: (Int, Int) -> Double) -> PlacementEvents {
        var e = PlacementEvents(unrealised: Array(repeating: 0, count: yearEndTau.count))
        for (i, f) in funds.enumerated() {
            if f.sellShare > 0 {
                let r = f.sellShare * f.market * sellFactor(i) - f.sellShare * f.opening
                e.realised += r
                if r > 0 { e.realisedGains += r }
            }
            let kept = 1 - f.sellShare
            var previous = kept * f.opening
            for k in yearEndTau.indices {
                let value = kept * f.market * yearEndFactor(i, k)
                e.unrealised[k] += value - previous
                previous = value
            }
        }
        return e
    }

    /// The deterministic growth factors of rule R1: (1 + r)^τ.
    public func deterministicEvents() -> PlacementEvents {
        placementEvents(sellFactor: { pow(1 + funds[$0].expectedReturn, funds[$0].sellTau) },
                        yearEndFactor: { pow(1 + funds[$0].expectedReturn, yearEndTau[$1]) })
    }

    /// The R2 lines of result year `y` (index into `years`), in the balanskravsutredning's order.
    public struct Outcome: Sendable, Equatable {
        public var aretsResultat: Double
        public var financialNet: Double
        public var realisedPlacements: Double, unrealised: Double
        /// − the placements' positive realised results (R2's realisationsvinster; the fixed assets' are in `Year.adjustment`).
        public var placementGainsDeducted: Double
        public var unrealisedGainsDeducted: Double, unrealisedLossesAdded: Double
        public var afterAdjustments: Double
        public var balanskravsresultat: Double
    }

    /// Årets resultat and the balanskravsresultat of result year index `y` from the year's
    /// external interest and internal income (used where the lines follow the treasury) and
    /// the placements' events (R1, R2).
    public func outcome(_ y: Int, external: Double, income: Double, events e: PlacementEvents) -> Outcome {
        let year = years[y]
        let k = year.year - fiscalYear
        let isFiscal = k == 0
        let treasury = (costFromTreasury ? -external : 0) + (incomeFromTreasury ? income : 0)
        let realised = isFiscal ? e.realised : 0
        let unrealised = k >= 0 && k < e.unrealised.count ? e.unrealised[k] : 0
        let arets = year.constant + treasury + realised + unrealised
        let placementGains = isFiscal ? e.realisedGains : 0
        let uGain = -max(0, unrealised), uLoss = max(0, -unrealised)
        let after = arets - placementGains + uGain + uLoss + year.adjustment
        return Outcome(aretsResultat: arets, financialNet: year.financialConstant + treasury + realised + unrealised,
                       realisedPlacements: realised, unrealised: unrealised, placementGainsDeducted: -placementGains,
                       unrealisedGainsDeducted: uGain, unrealisedLossesAdded: uLoss, afterAdjustments: after,
                       balanskravsresultat: after + year.reserve)
    }
}
