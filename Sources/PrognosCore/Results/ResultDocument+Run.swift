import Foundation

/// Building the document from a computed run: the one place where engine values become the
/// contract's figures (amounts to the öre, figures that are not finite null).
extension ResultDocument {
    /// The document of a run, its sentences (warnings, assumptions, the band's estimator) in
    /// `lang` (the run's `--lang`; the codes beside them do not change with it). The warnings
    /// are the ones standard error shows, in its order: the run's, then the printed totals a
    /// `--set` made differ (`overriddenChecks`), so a what-if workbook says what changed.
    public init(_ run: ScenarioRun, lang: Language = .sv) {
        let s = run.scenario
        self.init(name: s.name, asOf: s.asOf?.description, unit: s.unit.rawValue,
                  warnings: (run.warnings + run.overriddenChecks).map { WarningEntry($0, lang: lang) })
        operating = run.operating.map { OperatingResult($0, lang: lang) }
        treasury = run.treasury.map { TreasuryResult($0, lang: lang) }
        simulation = run.simulation.map { SimulationResult($0, lang: lang) }
        if let inv = run.investments {
            investments = InvestmentsResult(inv, lang: lang)
            if let asOf = s.asOf { investments?.addRounds(inv, asOf: asOf, fiscalYear: s.fiscalYear ?? asOf.year) }
            if inv.computesCapitalCosts {
                var costs = CapitalCostsResult(inv)
                let names = Dictionary((run.operating?.units ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                for i in costs.byUnit.indices {
                    costs.byUnit[i].name = costs.byUnit[i].unit == InvestmentRun.noUnit ? CapitalCostsResult.Unit.noUnitName(lang)
                        : names[costs.byUnit[i].unit]
                }
                capitalCosts = costs
            }
        }
        if let ind = s.indicators, !run.isSimulationOnly { indicators = IndicatorsResult(ind, lang: lang) }
        result = run.result?.section
        if let r = run.result {
            // The section keeps the English sentences (parts carry them); the document states them in --lang.
            result?.assumptions = (r.assumptionMessages + (r.section.simulation == nil ? [] : [Message(.resultMonteCarlo)])).map { $0.text(lang) }
        }
    }

    /// A merged simulation, exactly as `prognos simulate --format json` writes a single run.
    public init(simulation: SimulationRun, name: String, asOf: String?, unit: String, warnings: [String], lang: Language = .sv) {
        self.init(name: name, asOf: asOf, unit: unit, warnings: warnings.map { WarningEntry(line: $0) })
        self.simulation = SimulationResult(simulation, lang: lang)
    }
}

/// A figure of the contract: nil when not finite, never −0.
func figure(_ v: Double?) -> Double? {
    guard let v, v.isFinite else { return nil }
    return v == 0 ? 0 : v
}

/// An amount in kronor: rounded to the öre, half away from zero (docs/decisions.md "Amounts to the öre").
func amount(_ v: Double?) -> Double? { figure(Ore.round(v)) }

extension OperatingResult {
    init(_ s: OperatingStatement, lang: Language) {
        func figures(_ f: StatementFigures) -> Figures {
            Figures(actualYTD: amount(f[.actualYTD]), budgetYTD: amount(f[.budgetYTD]), deviationYTD: amount(f[.deviationYTD]),
                    actualYTDPrior: amount(f[.actualYTDPrior]), forecast: amount(f[.forecast]), budget: amount(f[.budget]),
                    deviation: amount(f[.deviation]), outcomePrior: amount(f[.outcomePrior]))
        }
        func band(_ b: ForecastBand) -> Band { Band(p10: amount(b.p10), p50: amount(b.p50), p90: amount(b.p90)) }
        func backtest(_ b: PrognosCore.Backtest) -> Backtest {
            var methods: [String: MethodResult] = [:]
            for (m, r) in b.methods {
                methods[m.rawValue] = MethodResult(years: r.years, forecasts: r.forecasts.map(amount), outcomes: r.outcomes.map(amount),
                                                   errors: r.errors.map(amount), n: r.n, mae: amount(r.mae), mape: figure(r.mape),
                                                   bias: amount(r.bias))
            }
            return Backtest(methods: methods, recommended: b.recommended?.rawValue)
        }
        asOf = s.asOf.description
        month = s.month
        fiscalYear = s.fiscalYear
        units = s.units.map { p in
            Unit(id: p.id, name: p.name, parent: p.parent, reportedAs: p.reportedAs.rawValue, figures: figures(p.figures),
                 method: p.method?.rawValue, methodValue: amount(p.methodValue),
                 adjustments: p.adjustments.map { Adjustment(amount: amount($0.amount), note: $0.note) },
                 band: p.band.map(band), bandReason: p.bandReason,
                 methods: Dictionary(p.methods.map { ($0.name, amount($0.value)) }, uniquingKeysWith: { a, _ in a }),
                 methodsUnavailable: Dictionary(p.methodsUnavailable.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a }),
                 backtest: p.backtest.map(backtest))
        }
        for (i, p) in s.units.enumerated() { units[i].printed = PrintedFields(p.printed) }
        signConvention = Present(s.signConvention.rawValue)
        comment = s.comment.map(Present.init)
        total = Total(figures: figures(s.total), band: s.totalBand.map(band), bandEstimator: s.totalBandEstimator?.text(lang),
                      bandReason: s.totalBandReason, bandIndependent: s.totalBandIndependent.map(band))
        reconciliation = s.reconciliation.map { r in
            Reconciliation(column: r.columnKey, reported: amount(r.reported), computed: amount(r.computed),
                           difference: amount(r.difference), tolerance: amount(r.tolerance), status: r.status.rawValue, unit: r.unit)
        }
        assumptions = s.assumptions.map { $0.text(lang) }
        gross = s.gross.map { g in
            func part(_ p: GrossFigures.Part) -> GrossPart {
                GrossPart(forecast: amount(p.forecast), budget: amount(p.budget), deviation: amount(p.deviation),
                          outcomePrior: amount(p.outcomePrior))
            }
            return Gross(costs: part(g.costs), income: part(g.income))
        }
        addRounds(s)
    }
}

extension InvestmentsResult {
    init(_ inv: InvestmentRun, lang: Language) {
        func split(_ t: Double, _ s: Double, _ r: Double) -> Split { Split(timing: amount(t), spend: amount(s), rate: amount(r)) }
        projects = inv.projects.map { r in
            let p = r.project, c = r.comparison
            return Project(id: p.id, name: p.name, unit: p.unit, kind: p.kindGiven ? p.kind.rawValue : nil, group: p.group, spentYTD: amount(p.spentYTD),
                           incomeYTD: amount(p.incomeYTD), forecastSpend: amount(p.forecastSpend), forecastIncome: amount(p.forecastIncome),
                           forecastNet: amount(p.forecastNet), frame: amount(p.frame), deviation: amount(r.deviation),
                           carryOver: amount(r.carryOver), activationPlanned: p.plannedActivation?.description,
                           activationForecast: r.forecastActivation?.description,
                           capitalCostBudget: amount(c.budget.fiscalYearTotal), capitalCostForecast: amount(c.forecast.fiscalYearTotal),
                           capitalCostSplit: split(c.timing, c.spend, c.rate), frameLineage: p.frameLineage.map(OperatingResult.Lineage.init))
        }
        let t = inv.total
        total = Total(spentYTD: amount(t.spentYTD), incomeYTD: amount(t.incomeYTD), forecastSpend: amount(t.forecastSpend),
                      forecastIncome: amount(t.forecastIncome), forecastNet: amount(t.forecastNet), frame: amount(t.frame),
                      deviation: amount(t.deviation), carryOver: amount(t.carryOver),
                      ofWhichExpenditure: OfWhich(actualYTD: amount(t.spentYTD), forecast: amount(t.forecastSpend)),
                      ofWhichIncome: OfWhich(actualYTD: amount(t.incomeYTD), forecast: amount(t.forecastIncome)))
        byGroup = inv.byGroup.map { g in
            Group(group: g.group, spentYTD: amount(g.totals.spentYTD), forecastNet: amount(g.totals.forecastNet),
                  frame: amount(g.totals.frame), deviation: amount(g.totals.deviation), incomeYTD: amount(g.totals.incomeYTD),
                  forecastSpend: amount(g.totals.forecastSpend), forecastIncome: amount(g.totals.forecastIncome),
                  carryOver: amount(g.totals.carryOver),
                  frameLineage: inv.groupLineage[g.group].map(OperatingResult.Lineage.init))
        }
        reconciliation = inv.reconciliation.map { r in
            Reconciliation(column: r.key, reported: amount(r.reported), computed: amount(r.computed),
                           difference: amount(r.computed - r.reported), status: r.status.rawValue,
                           group: r.group.map(Present.init), project: r.project.map(Present.init))
        }
        assumptions = inv.assumptions.map { $0.text(lang) }
    }
}

extension CapitalCostsResult {
    init(_ inv: InvestmentRun) {
        func years(_ list: [(year: Int, depreciation: Double, interest: Double)]) -> [Year] {
            list.map { Year(year: $0.year, depreciation: amount($0.depreciation), interest: amount($0.interest),
                            total: amount($0.depreciation + $0.interest)) }
        }
        self.years = years(inv.years)
        self.budgetYears = years(inv.budgetYears)
        byUnit = inv.byUnit.map { u in
            Unit(unit: u.unit, budget: amount(u.budget), forecast: amount(u.forecast), deviation: amount(u.deviation),
                 split: InvestmentsResult.Split(timing: amount(u.timing), spend: amount(u.spend), rate: amount(u.rate)))
        }
        scenario = inv.scenario
    }
}

extension TreasuryResult {
    init(_ t: TreasuryRun, lang: Language) {
        let ids = t.borrowers.map(\.id)
        // Every `[borrower: amount]` map (each year of each scenario, the lending of each
        // metrics date) has the same keys: they are hashed once, into `template`, and each map
        // is a copy of it with its values set in place (the first of a repeated id, as
        // `uniquingKeysWith: { a, _ in a }` keeps it). Hashing the ids again for every map cost
        // 2 % of a `sweep-1000` run.
        let template = Dictionary(ids.map { ($0, Double?.none) }, uniquingKeysWith: { a, _ in a })
        var slots: [(value: Int, index: Dictionary<String, Double?>.Index)] = []
        for (k, id) in ids.enumerated() {
            if let index = template.index(forKey: id), !slots.contains(where: { $0.index == index }) { slots.append((k, index)) }
        }
        func byBorrower(_ values: [Double]) -> [String: Double?] {
            guard values.count == ids.count else { return Dictionary(zip(ids, values.map(amount)), uniquingKeysWith: { a, _ in a }) }
            var map = template
            for slot in slots { map.values[slot.index] = amount(values[slot.value]) }
            return map
        }
        func year(_ y: YearFigures) -> Year {
            Year(year: y.year, externalInterest: amount(y.externalInterest), swapNet: amount(y.swapNet),
                 internalIncome: amount(y.internalIncome), internalIncomeByBorrower: byBorrower(y.internalIncomeByBorrower),
                 marginIncome: amount(y.marginIncome), municipalityNet: amount(y.municipalityNet),
                 averageFundingRate: figure(y.averageFundingRate), averageDebt: amount(y.averageDebt), debtEnd: amount(y.debtEnd))
        }
        func metrics(_ m: PortfolioMetrics) -> Metrics {
            Metrics(date: m.date.description, debt: amount(m.debt), averageRate: figure(m.averageRate), fixingYears: figure(m.fixingYears),
                    maturityYears: figure(m.maturityYears), shareMaturing12m: figure(m.shareMaturing12m),
                    shareFixing12m: figure(m.shareFixing12m),
                    fixingBuckets: Dictionary(zip(PolicySpecs.bucketKeys, m.fixingBuckets.map(figure)), uniquingKeysWith: { a, _ in a }),
                    greenShare: figure(m.greenShare), derivativeRatio: figure(m.derivativeRatio),
                    swapsWithinFloating: figure(m.swapsWithinFloating), maxSingleFixingYears: figure(m.maxSingleFixingYears),
                    internalLending: Lending(total: amount(m.internalLending), byBorrower: byBorrower(m.internalLendingByBorrower)),
                    swapMarketValue: m.date == t.valuationDate ? Present(amount(m.swapMarketValue)) : nil,
                    averageRateExclDerivatives: figure(m.averageRateExclDerivatives),
                    fixingYearsExclDerivatives: figure(m.fixingYearsExclDerivatives),
                    shareFixing12mExclDerivatives: figure(m.shareFixing12mExclDerivatives),
                    fixingBucketsExclDerivatives: Dictionary(zip(PolicySpecs.bucketKeys, m.fixingBucketsExclDerivatives.map(figure)),
                                                             uniquingKeysWith: { a, _ in a }),
                    floatingShare: figure(m.floatingShare), floatingShareExclDerivatives: figure(m.floatingShareExclDerivatives),
                    byLender: Dictionary(m.byLender.map { ($0.name, figure($0.share)) }, uniquingKeysWith: { a, _ in a }),
                    byCounterparty: Dictionary(m.byCounterparty.map { ($0.name, figure($0.share)) }, uniquingKeysWith: { a, _ in a }))
        }
        valuationDate = t.valuationDate.description
        debtAtValuation = amount(t.debtAtValuation)
        baseScenario = t.baseScenario
        borrowers = t.borrowers.map { Borrower(id: $0.id, name: $0.name) }
        scenarios = t.scenarios.map { sc in
            // Without a `rates` section the one scenario is the engine's `base`: named as the
            // report names the forwards' scenario, never by its id (files.md).
            let implicit = t.implicitBase && sc.name == "base" ? TreasuryRun.implicitBaseLabel.text(lang) : nil
            return Scenario(name: sc.name, years: sc.years.map(year), label: (t.scenarioLabels[sc.name] ?? implicit).map { Present($0) },
                     swapMarketValue: (t.swapValues[sc.name] ?? []).map { v in
                         SwapValue(date: v.date.description, total: amount(v.total),
                                   bySwap: Dictionary(zip(t.swapIds, v.bySwap.map(amount)), uniquingKeysWith: { a, _ in a }))
                     })
        }
        comparatives = t.comparatives.map { c in
            Comparatives(date: c.date.description, debt: c.debt.flatMap(amount), averageRate: c.averageRate.flatMap(figure),
                         fixingYears: c.fixingYears.flatMap(figure), maturityYears: c.maturityYears.flatMap(figure),
                         shareMaturing12m: c.shareMaturing12m.flatMap(figure))
        }
        sensitivity = Sensitivity(shift: figure(t.sensitivity.shift), base: t.sensitivity.base, years: t.sensitivity.years.map { y in
            SensitivityYear(year: y.year, group: amount(y.group), municipality: amount(y.municipality), ruleOfThumb: amount(y.ruleOfThumb))
        }, shiftedYears: t.sensitivity.shiftedYears.map { y in
            ShiftedYear(year: y.year, externalInterest: amount(y.externalInterest), internalIncome: amount(y.internalIncome),
                        municipalityNet: amount(y.municipalityNet))
        })
        self.metrics = metrics(t.metrics)
        metricsYearEnd = t.metricsYearEnd.map(metrics)
        maturityLadder = t.ladders.maturity.map { Ladder.Principal(year: $0.year, principal: amount($0.principal)) }
        fixingLadder = t.ladders.fixing.map { Ladder.Notional(year: $0.year, notional: amount($0.notional)) }
        policy = t.policy.map { c in
            Check(rule: c.limit.rule.key, limit: Limit(min: figure(c.limit.min), max: figure(c.limit.max)), value: figure(c.value), ok: c.ok,
                  date: c.date.description)
        }
        policyOK = t.policyOK
        interestBudget = t.interestBudget.keys.sorted().map { BudgetYear(year: $0, amount: amount(t.interestBudget[$0])) }
        assumptions = t.assumptions.map { $0.text(lang) }
        balance = t.balance.map { b in
            Balance(soliditetBefore: figure(b.before), soliditetAfter: figure(b.after), soliditetInclPensionsBefore: figure(b.includingPensionsBefore),
                    soliditetInclPensionsAfter: figure(b.includingPensionsAfter), onLent: amount(b.onLent))
        }
        addPartialYears(t)
        borrowingNeed = t.borrowingNeed.map { Present($0.map { BorrowingNeedYear(year: $0.year, amount: amount($0.amount)) }) }
    }
}

extension SimulationResult {
    init(_ sim: SimulationRun, lang: Language) {
        // Amount series (kronor) to the öre, the rate series in full; prob_over_budget is a probability.
        func stats(_ s: SeriesStatistics, amount isAmount: Bool) -> Statistics {
            let raw: [Statistic: Double?] = [
                .mean: s.mean, .sd: s.sd, .stderr: s.stderr, .min: s.min, .max: s.max, .p01: s.p01, .p05: s.p05, .p10: s.p10,
                .p25: s.p25, .p50: s.p50, .p75: s.p75, .p90: s.p90, .p95: s.p95, .p99: s.p99, .car95: s.car95, .car99: s.car99,
                .es95: s.es95, .probOverBudget: s.probOverBudget,
            ]
            var v: [Statistic: Double?] = [:]
            for (k, x) in raw { v[k] = isAmount && k.inSeriesUnit ? amount(x) : figure(x) }
            return Statistics(values: v)
        }
        func band(_ b: PrognosCore.Band?) -> Band? {
            b.map { Band(p05: figure($0.p05), p25: figure($0.p25), p50: figure($0.p50), p75: figure($0.p75), p95: figure($0.p95)) }
        }
        let st = sim.settings
        model = st.model.rawValue
        paths = st.paths
        seed = st.seed
        rng = st.rng
        antithetic = st.antithetic
        horizonYears = sim.horizonYears
        meanReversion = figure(st.meanReversion)
        volatility = figure(st.volatility)
        bandPaths = sim.bandPaths
        years = sim.years.map { y in
            var series: [SimulationSeries: Statistics] = [:]
            for (name, statistics) in zip(SimulationRun.allSeries, y.series) {
                guard let s = SimulationSeries(rawValue: name) else { continue }
                series[s] = stats(statistics, amount: s.isAmount)
            }
            return Year(year: y.year, series: series)
        }
        bands = sim.bands.map { MonthBand(date: $0.date.description, stibor: band($0.stibor), fundingRate: band($0.fundingRate)) }
        assumptions = sim.assumptions.map { $0.text(lang) }
        if st.model == .vasicek {
            longRun = Present(figure(st.longRun))
            r0 = Present(figure(sim.r0))
            curveGap = Present(sim.curveGap.map { g in
                CurveGap(tenor: g.tenor.description, model: figure(g.model), curve: figure(g.curve), difference: figure(g.model - g.curve))
            })
        }
    }
}

extension IndicatorsResult {
    init(_ input: IndicatorsInput, lang: Language) {
        func series(_ values: [IndicatorValue?], _ periods: [String]) -> [String: Double?] {
            var out: [String: Double?] = [:]
            // A period the file leaves blank is absent; I.U. is null (spec/indicators.md "Input").
            for (p, v) in zip(periods, values) { if let v { out[p] = .some(v.value) } }
            return out
        }
        func decimals(_ values: [IndicatorValue?], _ periods: [String]) -> [String: Int] {
            var d: [String: Int] = [:]
            for (p, v) in zip(periods, values) { if let v, v.value != nil { d[p] = v.decimals } }
            return d
        }
        func target(_ t: IndicatorTarget?) -> Target? {
            switch t {
            case nil: return nil
            case .increase: return Target(direction: "increase")
            case .decrease: return Target(direction: "decrease")
            case .min(let m): return Target(min: m)
            case .below(let b): return Target(below: b)
            case .value(let x, let h): return Target(value: x, better: h ? "higher" : "lower")
            }
        }
        assess = input.assess
        assumptions = IndicatorSpecs.assumptions(input).map { $0.text(lang) }
        periods = input.periods
        areas = input.areas.map { a in
            Area(name: a.name, goal: a.goal, periods: a.periods, boardGoals: a.boardGoals.map { g in
                let s = g.summary
                return BoardGoal(name: g.name, description: g.description,
                                 summary: input.assess ? Summary(met: s[.met]!, notMet: s[.notMet]!, noData: s[.noData]!, noTarget: s[.noTarget]!) : nil,
                                 indicators: g.indicators.map { i in
                    var refers: [String: Int] = [:]
                    for (p, v) in zip(a.periods, i.values) { if let y = v?.refersTo { refers[p] = y } }
                    var breakdown: [String: [String: Double?]] = [:], breakdownDecimals: [String: [String: Int]] = [:]
                    for b in i.breakdown {
                        breakdown[b.group] = series(b.values, a.periods)
                        breakdownDecimals[b.group] = decimals(b.values, a.periods)
                    }
                    return Indicator(id: i.id, name: i.name, unit: i.unit, values: series(i.values, a.periods),
                                     decimals: decimals(i.values, a.periods), targetDecimals: i.targetDecimals, refersTo: refers,
                                     target: target(i.target), status: input.assess ? i.status.rawValue : nil,
                                     trend: input.assess ? i.trend?.rawValue : nil, breakdown: breakdown,
                                     breakdownDecimals: breakdownDecimals, breakdownGroups: i.breakdown.map(\.group), note: i.note)
                })
            })
        }
    }
}
