import Foundation

/// The `result` section computed (spec/result.md R1–R5, R7): the resultaträkning of the
/// forecast year, the balanskravsutredning, every rate scenario's years and deficits.
/// The Monte Carlo (R6) adds `section.simulation` from the same `model` (`ResultSimulation`).
public struct ResultRun: Sendable {
    /// The figures, amounts to the öre (the document's `result`).
    public var section: MunicipalResult
    /// What the Monte Carlo evaluates per path.
    public var model: ResultModel
    /// The assumptions as catalogue messages (the section keeps their English text, as parts carry it).
    public var assumptionMessages: [Message] = []

    /// The line keys of the placements' two lines (R1), beside the input lines.
    static let realisedKey = "realisationsresultat_placeringar", unrealisedKey = "orealiserade_vardeforandringar"

    static func compute(_ input: ResultInput, fiscalYear: Int, asOf: Day?, operating: OperatingStatement?, investments: InvestmentRun?,
                        treasury: TreasuryRun?, unit: AmountUnit, log: DiagnosticLog) -> ResultRun? {
        let years = input.years(fiscalYear: fiscalYear)
        var assumptions: [Message] = []
        var ok = true
        // `from: operating`: the net cost = − the statement's total, the internal interest added back.
        var eliminated: MunicipalResult.Figures?
        var figures: [ResultInput.LineKey: (budget: Double?, forecast: Double?, prior: Double?)] = [:]
        for line in input.lines {
            var f = (budget: line.budget, forecast: line.forecast, prior: line.outcomePrior)
            switch line.from {
            case .operating?:
                guard let o = operating else {
                    log.error("'from: operating' needs an operating section that computes (as_of and units)", at: line.location)
                    ok = false
                    continue
                }
                let interest = investments?.years.first { $0.year == fiscalYear }?.interest ?? 0
                let budgetInterest = investments?.budgetYears.first { $0.year == fiscalYear }?.interest ?? 0
                f.forecast = o.total.forecast.map { -$0 + interest }
                if line.budget == nil { f.budget = o.total.budget.map { -$0 + budgetInterest } }
                if line.outcomePrior == nil { f.prior = o.total.outcomePrior.map { -$0 } }
                eliminated = MunicipalResult.Figures(budget: amount(line.budget == nil ? budgetInterest : nil), forecast: amount(interest),
                                                     outcomePrior: nil)
                assumptions.append(Message(investments == nil ? .resultFromOperatingNoInvestments : .resultFromOperating,
                                           .amount(interest, unit), .text(unit.rawValue), .int(fiscalYear)))
            case .treasury?:
                guard let t = treasury else { ok = false; continue }
                let base = t.scenarios.first { $0.name == t.baseScenario } ?? t.scenarios[0]
                guard let y = base.years.first(where: { $0.year == fiscalYear }) else {
                    log.error("'from: treasury': the fiscal year \(fiscalYear) is outside the treasury's years \(base.years.first?.year ?? 0)–\(base.years.last?.year ?? 0)",
                              at: line.location)
                    ok = false
                    continue
                }
                f.forecast = (line.key == .finansiellaKostnader ? -y.externalInterest : y.internalIncome) + line.other
            case nil: break
            }
            figures[line.key] = f
        }
        guard ok else { return nil }
        if input.lines.contains(where: { $0.from == .treasury }) {
            assumptions.append(Message(.resultFromTreasury))
        }
        if years.count > 1 {
            assumptions.append(Message(.resultPlanYears, .list(years.dropFirst().map(String.init))))
        }
        // The value of a line in result year y (the treasury's part is added per scenario).
        func value(_ line: ResultInput.Line, _ y: Int) -> Double {
            if line.from == .treasury { return line.other }
            let forecast = figures[line.key]?.forecast ?? 0
            return y == fiscalYear ? forecast : line.plan[y] ?? forecast
        }
        let fixedGains = input.realisedGains.reduce(0) { $0 + $1.amount }
        let exemptGains = input.realisedGains.filter(\.exempt).reduce(0) { $0 + $1.amount } + input.balanskrav.realisedGainsExempt
        let bk = input.balanskrav
        let modelYears = years.map { y -> ResultModel.Year in
            let isFiscal = y == fiscalYear
            let base = input.lines.filter { $0.key == .skatteintakter || $0.key == .generellaStatsbidrag }.reduce(0) { $0 + value($1, y) }
            return ResultModel.Year(year: y, constant: input.lines.reduce(0) { $0 + value($1, y) },
                                    financialConstant: input.lines.filter(\.key.isFinancial).reduce(0) { $0 + value($1, y) },
                                    adjustment: isFiscal ? -fixedGains + exemptGains + bk.realisedLossesExempt + bk.reversalOfUnrealisedLosses : 0,
                                    reserve: isFiscal ? -bk.reserveIn + bk.reserveOut : 0, base: base)
        }
        let funds = input.placements?.funds ?? []
        let start = asOf ?? Day(year: fiscalYear, month: 1, day: 1)!
        func tau(_ d: Day) -> Double { Double(d.serial - start.serial) / 365 }
        let model = ResultModel(
            fiscalYear: fiscalYear, years: modelYears,
            costFromTreasury: input.line(.finansiellaKostnader)?.from == .treasury,
            incomeFromTreasury: input.line(.finansiellaIntakter)?.from == .treasury,
            funds: funds.map { f in
                ResultModel.Fund(opening: f.openingValue, market: f.marketValue, expectedReturn: f.expectedReturn, volatility: f.volatility,
                                 sellShare: f.sell?.share ?? 0, sellTau: f.sell.map { tau($0.date) } ?? 0)
            },
            correlation: input.placements?.correlation ?? 0.8,
            yearEndTau: (fiscalYear...(years.last ?? fiscalYear)).map { tau(Day(year: $0, month: 12, day: 31)!) })
        if !funds.isEmpty {
            assumptions.append(Message(.resultPlacements))
        }
        let events = model.deterministicEvents()

        // Scenarios (R5): the treasury's, else one `base`.
        let scenarios: [(name: String, years: [YearFigures])] = treasury?.scenarios ?? [("base", [])]
        let baseName = treasury?.baseScenario ?? "base"
        func outcomes(_ s: [YearFigures]) -> [ResultModel.Outcome] {
            model.years.indices.map { i in
                let f = s.first { $0.year == model.years[i].year }
                return model.outcome(i, external: f?.externalInterest ?? 0, income: f?.internalIncome ?? 0, events: events)
            }
        }
        let baseYears = (scenarios.first { $0.name == baseName } ?? scenarios[0]).years
        let baseOutcomes = outcomes(baseYears)
        let fy = baseOutcomes[0], fyModel = model.years[0]

        // R3: the reserve's limits, against the base scenario's forecast year.
        let b = fyModel.base
        let floorShare = bk.negativeEquityInclPensions ? 0.02 : 0.01
        if bk.reserveIn > 0 {
            let allowed = fy.afterAdjustments - floorShare * b
            if bk.reserveIn > allowed + 0.005 {
                log.error("reserve_in \(Format.plain(bk.reserveIn, unit)) \(unit.rawValue) exceeds what R3 allows: årets resultat efter balanskravsjusteringar \(Format.plain(fy.afterAdjustments, unit)) − \(Int(floorShare * 100)) % of B (\(Format.plain(b, unit))) = \(Format.plain(allowed, unit)) \(unit.rawValue) (base scenario, \(fiscalYear))",
                          at: bk.reserveInLocation)
            }
            let after = (bk.reserveBalance ?? 0) + bk.reserveIn
            if after > 0.05 * b + 0.005 {
                log.error("the resultatreserv after reserve_in would be \(Format.plain(after, unit)) \(unit.rawValue), above 5 % of B = \(Format.plain(0.05 * b, unit)) \(unit.rawValue) (rule R3)",
                          at: bk.reserveInLocation)
            }
        }

        // R4: deficits per scenario, oldest restored first from later positive results.
        func deficits(_ list: [ResultModel.Outcome]) -> [MunicipalResult.Deficit] {
            struct Open { var year: Int; var amount: Double; var waived: Bool; var remaining: Double; var late = false }
            var open = bk.deficits.sorted { $0.year < $1.year }.map { Open(year: $0.year, amount: $0.amount, waived: $0.waived, remaining: -$0.amount) }
            for d in open.indices where open[d].year + 3 < years[0] && !open[d].waived { open[d].late = true }
            for (i, y) in years.enumerated() {
                let r = list[i].balanskravsresultat
                if r > 0 {
                    var surplus = r
                    for d in open.indices where open[d].year < y && !open[d].waived && open[d].remaining > 0 && surplus > 0 {
                        let use = min(surplus, open[d].remaining)
                        open[d].remaining -= use
                        surplus -= use
                    }
                }
                // A year between two result years restores nothing (its result is not computed).
                let next = i + 1 < years.count ? years[i + 1] : y + 1
                for d in open.indices where !open[d].waived && open[d].remaining > 0.005 && open[d].year + 3 >= y && open[d].year + 3 < next {
                    open[d].late = true
                }
                if r < 0 { open.append(Open(year: y, amount: r, waived: false, remaining: -r)) }
            }
            return open.map { d in
                MunicipalResult.Deficit(year: d.year, amount: amount(d.amount), restoreBy: d.year + 3, restored: d.remaining <= 0.005,
                                        waived: d.waived, remaining: amount(max(0, d.remaining)), late: d.late)
            }
        }
        let target = input.financialTarget
        func share(_ o: ResultModel.Outcome, _ i: Int) -> Double? { model.years[i].base != 0 ? o.aretsResultat / model.years[i].base : nil }
        let byScenario = scenarios.map { s -> MunicipalResult.Scenario in
            let list = s.name == baseName ? baseOutcomes : outcomes(s.years)
            return MunicipalResult.Scenario(name: s.name, years: list.enumerated().map { i, o in
                let sh = share(o, i)
                return MunicipalResult.ScenarioYear(year: model.years[i].year, aretsResultat: amount(o.aretsResultat),
                                                    balanskravsresultat: amount(o.balanskravsresultat), financialNet: amount(o.financialNet),
                                                    targetShare: figure(sh), targetOk: target.flatMap { t in sh.map { $0 >= t } })
            }, deficits: deficits(list), label: treasury?.scenarioLabels[s.name].map { Present($0) })
        }

        // The resultaträkning (forecast year, base scenario).
        var lines: [MunicipalResult.Line] = []
        for key in ResultInput.LineKey.allCases {
            if let line = input.line(key), let f = figures[line.key] {
                lines.append(.init(key: key.rawValue, budget: amount(f.budget), forecast: amount(f.forecast), outcomePrior: amount(f.prior)))
            }
            if key == .finansiellaKostnader && !funds.isEmpty {
                lines.append(.init(key: realisedKey, budget: nil, forecast: amount(fy.realisedPlacements), outcomePrior: nil))
                lines.append(.init(key: unrealisedKey, budget: nil, forecast: amount(fy.unrealised), outcomePrior: nil))
            }
        }
        func sum(_ k: KeyPath<(budget: Double?, forecast: Double?, prior: Double?), Double?>) -> Double? {
            let values = input.lines.map { figures[$0.key]?[keyPath: k] }
            return values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! }
        }
        let items = input.items.reduce(0) { $0 + $1.amount }
        let placementsOut = funds.map { f -> MunicipalResult.Fund in
            let growth = { (t: Double) in pow(1 + f.expectedReturn, t) }
            let share = f.sell?.share ?? 0
            let proceeds = f.sell.map { share * f.marketValue * growth(tau($0.date)) }
            let yearEnd = (1 - share) * f.marketValue * growth(model.yearEndTau[0])
            return MunicipalResult.Fund(id: f.id, name: f.name, openingValue: amount(f.openingValue), marketValue: amount(f.marketValue),
                                        sellDate: f.sell?.date.description, sellShare: f.sell.map { figure($0.share) } ?? nil,
                                        proceeds: amount(proceeds), realised: amount(proceeds.map { $0 - share * f.openingValue }),
                                        valueYearEnd: amount(yearEnd), unrealised: amount(yearEnd - (1 - share) * f.openingValue))
        }
        let balanskrav = MunicipalResult.Balanskrav(lines: [
            .init(key: "arets_resultat", amount: amount(fy.aretsResultat)),
            .init(key: "samtliga_realisationsvinster", amount: amount(fy.placementGainsDeducted - fixedGains)),
            .init(key: "realisationsvinster_undantag", amount: amount(exemptGains)),
            .init(key: "realisationsforluster_undantag", amount: amount(bk.realisedLossesExempt)),
            .init(key: "orealiserade_vinster", amount: amount(fy.unrealisedGainsDeducted)),
            .init(key: "orealiserade_forluster", amount: amount(fy.unrealisedLossesAdded)),
            .init(key: "aterforing_orealiserade_forluster", amount: amount(bk.reversalOfUnrealisedLosses)),
            .init(key: "reservation_resultatreserv", amount: amount(-bk.reserveIn)),
            .init(key: "anvandning_resultatreserv", amount: amount(bk.reserveOut)),
        ], afterAdjustments: amount(fy.afterAdjustments), balanskravsresultat: amount(fy.balanskravsresultat))
        let fyShare = share(fy, 0)
        if !bk.deficits.isEmpty || byScenario.contains(where: { !$0.deficits.isEmpty }) {
            assumptions.append(Message(.resultDeficits))
        }
        let section = MunicipalResult(
            fiscalYear: fiscalYear, baseScenario: baseName, lines: lines,
            aretsResultat: .init(budget: amount(sum(\.budget)), forecast: amount(fy.aretsResultat), outcomePrior: amount(sum(\.prior))),
            excludingItems: .init(forecast: amount(fy.aretsResultat - items)),
            itemsAffectingComparability: input.items.map { .init(amount: amount($0.amount), note: $0.note) },
            realisedGains: input.realisedGains.map { .init(amount: amount($0.amount), note: $0.note, exempt: $0.exempt) },
            placements: placementsOut, eliminatedInternalInterest: eliminated, balanskrav: balanskrav,
            target: target.map { t in MunicipalResult.Target(share: figure(t), value: figure(fyShare), ok: (fyShare ?? -.infinity) >= t) },
            byScenario: byScenario, simulation: nil, assumptions: assumptions.map { $0.text(.en) })
        return ResultRun(section: section, model: model, assumptionMessages: assumptions)
    }
}
