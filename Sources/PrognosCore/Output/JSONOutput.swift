import Foundation

/// The JSON contract of files.md: snake_case keys, amounts in kronor, rates as
/// decimals, dates ISO, null where a figure is unknown. Keys are sorted so the same
/// run gives byte-identical output.
public enum JSONOutput {
    public static func render(_ run: ScenarioRun) throws -> String {
        serialize(object(run))
    }

    /// The JSON object of a run (before it is written).
    public static func object(_ run: ScenarioRun) -> [String: Any] {
        var top = header(name: run.scenario.name, asOf: run.scenario.asOf?.description, unit: run.scenario.unit.rawValue,
                         warnings: run.warnings.map(\.description))
        if let o = run.operating { top["operating"] = operating(o) }
        if let t = run.treasury { top["treasury"] = treasury(t) }
        if let sim = run.simulation { top["simulation"] = simulation(sim) }
        if let inv = run.investments {
            top["investments"] = investments(inv)
            top["capital_costs"] = capitalCosts(inv)
        }
        if let ind = run.scenario.indicators, !run.isSimulationOnly { top["indicators"] = indicators(ind) }
        return top
    }

    /// spec/indicators.md "Output": values by period (null for I.U., absent for a blank cell),
    /// `refers_to` by period for lagging values, `decimals` as written (for printing), the target as written, status and trend
    /// (null with `assess: false`), a summary per board goal.
    static func indicators(_ input: IndicatorsInput) -> [String: Any] {
        func series(_ values: [IndicatorValue?], _ periods: [String]) -> [String: Any] {
            var out: [String: Any] = [:]
            // A period the file leaves blank is absent; I.U. is null (spec/indicators.md "Input").
            for (p, v) in zip(periods, values) { if let v { out[p] = v.value.map { $0 as Any } ?? NSNull() } }
            return out
        }
        return [
            "assess": input.assess,
            "assumptions": IndicatorSpecs.assumptions(input),
            "periods": input.periods,
            "areas": input.areas.map { a -> [String: Any] in
                ["name": a.name, "goal": str(a.goal), "periods": a.periods,
                 "board_goals": a.boardGoals.map { g -> [String: Any] in
                    let s = g.summary
                    return ["name": g.name, "description": str(g.description),
                            "summary": input.assess ? ["met": s[.met]!, "not_met": s[.notMet]!, "no_data": s[.noData]!,
                                                       "no_target": s[.noTarget]!] as [String: Any] : NSNull(),
                            "indicators": g.indicators.map { i -> [String: Any] in
                                var refers: [String: Any] = [:]
                                for (p, v) in zip(a.periods, i.values) { if let y = v?.refersTo { refers[p] = y } }
                                var breakdown: [String: Any] = [:]
                                var breakdownDecimals: [String: Any] = [:]
                                for b in i.breakdown {
                                    breakdown[b.group] = series(b.values, a.periods)
                                    var d: [String: Any] = [:]
                                    for (p, v) in zip(a.periods, b.values) { if let v, v.value != nil { d[p] = v.decimals } }
                                    breakdownDecimals[b.group] = d
                                }
                                var decimals: [String: Any] = [:]
                                for (p, v) in zip(a.periods, i.values) { if let v, v.value != nil { decimals[p] = v.decimals } }
                                return ["id": i.id, "name": i.name, "unit": str(i.unit), "values": series(i.values, a.periods),
                                        "decimals": decimals, "target_decimals": i.targetDecimals,
                                        "refers_to": refers, "target": i.target.map { $0.json as Any } ?? NSNull(),
                                        "status": input.assess ? i.status.rawValue as Any : NSNull(),
                                        "trend": input.assess ? (i.trend?.rawValue).map { $0 as Any } ?? NSNull() : NSNull(),
                                        "breakdown": breakdown, "breakdown_decimals": breakdownDecimals, "note": str(i.note)]
                            }]
                 }]
            },
        ]
    }

    /// A merged simulation, exactly as `prognos simulate --format json` writes a single run.
    public static func render(simulation: SimulationRun, name: String, asOf: String?, unit: String, warnings: [String]) throws -> String {
        var top = header(name: name, asOf: asOf, unit: unit, warnings: warnings)
        top["simulation"] = self.simulation(simulation)
        return serialize(top)
    }

    static func header(name: String, asOf: String?, unit: String, warnings: [String]) -> [String: Any] {
        ["name": name, "as_of": asOf.map { $0 as Any } ?? NSNull(), "unit": unit, "warnings": warnings]
    }

    public static func serialize(_ top: [String: Any]) -> String { JSONWriter.write(top) }

    static func n(_ v: Double?) -> Any {
        guard let v, v.isFinite else { return NSNull() }
        return v == 0 ? 0.0 : v   // no "-0"
    }

    /// An amount in kronor: rounded to the öre, half away from zero (docs/decisions.md "Amounts
    /// to the öre"). Rates, shares, probabilities, years and factors use `n` (full precision).
    static func a(_ v: Double?) -> Any { n(Ore.round(v)) }

    /// The simulation's series in kronor (all but the rate, `average_funding_rate`).
    static func isAmountSeries(_ name: String) -> Bool { name != "average_funding_rate" }

    static func str(_ v: String?) -> Any { v.map { $0 as Any } ?? NSNull() }

    static func amounts(_ f: StatementFigures) -> [String: Any] {
        var d: [String: Any] = [:]
        for c in TotalColumn.allCases { d[c.rawValue] = a(f[c]) }
        return d
    }

    static func treasury(_ t: TreasuryRun) -> [String: Any] {
        let ids = t.borrowers.map(\.id)
        func byBorrower(_ values: [Double]) -> [String: Any] {
            Dictionary(zip(ids, values.map(a)), uniquingKeysWith: { a, _ in a })
        }
        func year(_ y: YearFigures) -> [String: Any] {
            ["year": y.year, "external_interest": a(y.externalInterest), "swap_net": a(y.swapNet),
             "internal_income": a(y.internalIncome), "internal_income_by_borrower": byBorrower(y.internalIncomeByBorrower),
             "margin_income": a(y.marginIncome), "municipality_net": a(y.municipalityNet),
             "average_funding_rate": n(y.averageFundingRate), "average_debt": a(y.averageDebt), "debt_end": a(y.debtEnd)]
        }
        func metrics(_ m: PortfolioMetrics) -> [String: Any] {
            var out: [String: Any] = [
                "date": m.date.description, "debt": a(m.debt), "average_rate": n(m.averageRate),
                "fixing_years": n(m.fixingYears), "maturity_years": n(m.maturityYears),
                "share_maturing_12m": n(m.shareMaturing12m), "share_fixing_12m": n(m.shareFixing12m),
                "fixing_buckets": Dictionary(zip(PolicySpecs.bucketKeys, m.fixingBuckets.map(n)), uniquingKeysWith: { a, _ in a }),
                "green_share": n(m.greenShare), "derivative_ratio": n(m.derivativeRatio),
                "swaps_within_floating": n(m.swapsWithinFloating), "max_single_fixing_years": n(m.maxSingleFixingYears),
                "internal_lending": ["total": a(m.internalLending), "by_borrower": byBorrower(m.internalLendingByBorrower)] as [String: Any],
            ]
            if m.date == t.valuationDate { out["swap_market_value"] = a(m.swapMarketValue) }
            return out
        }
        var out: [String: Any] = [
            "valuation_date": t.valuationDate.description,
            "debt_at_valuation": a(t.debtAtValuation),
            "base_scenario": t.baseScenario,
            "borrowers": t.borrowers.map { ["id": $0.id, "name": $0.name] },
            "scenarios": t.scenarios.map { s -> [String: Any] in ["name": s.name, "years": s.years.map(year)] },
            "sensitivity": [
                "shift": n(t.sensitivity.shift),
                "base": t.sensitivity.base,
                "years": t.sensitivity.years.map { y -> [String: Any] in
                    ["year": y.year, "group": a(y.group), "municipality": a(y.municipality), "rule_of_thumb": a(y.ruleOfThumb)]
                },
            ] as [String: Any],
            "metrics": metrics(t.metrics),
            "metrics_year_end": t.metricsYearEnd.map(metrics),
            "maturity_ladder": t.ladders.maturity.map { ["year": $0.year, "principal": a($0.principal)] as [String: Any] },
            "fixing_ladder": t.ladders.fixing.map { ["year": $0.year, "notional": a($0.notional)] as [String: Any] },
            "policy": t.policy.map { c -> [String: Any] in
                ["rule": c.limit.rule, "limit": ["min": n(c.limit.min), "max": n(c.limit.max)] as [String: Any],
                 "value": n(c.value), "ok": c.ok, "date": c.date.description]
            },
            "policy_ok": t.policyOK,
            "assumptions": t.assumptions,
        ]
        if let b = t.balance {
            out["balance"] = ["soliditet_before": n(b.before), "soliditet_after": n(b.after),
                              "soliditet_incl_pensions_before": n(b.includingPensionsBefore),
                              "soliditet_incl_pensions_after": n(b.includingPensionsAfter), "on_lent": a(b.onLent)]
        }
        return out
    }

    static func simulation(_ sim: SimulationRun) -> [String: Any] {
        // Amount series (kronor) to the öre, the rate series (average_funding_rate) in full;
        // prob_over_budget is a probability.
        func stats(_ s: SeriesStatistics, amount: Bool) -> [String: Any] {
            func v(_ x: Double?) -> Any { amount ? a(x) : n(x) }
            return ["mean": v(s.mean), "sd": v(s.sd), "stderr": v(s.stderr), "min": v(s.min), "max": v(s.max),
                    "p01": v(s.p01), "p05": v(s.p05), "p10": v(s.p10), "p25": v(s.p25), "p50": v(s.p50), "p75": v(s.p75),
                    "p90": v(s.p90), "p95": v(s.p95), "p99": v(s.p99), "car95": v(s.car95), "car99": v(s.car99),
                    "es95": v(s.es95), "prob_over_budget": n(s.probOverBudget)]
        }
        func band(_ b: Band?) -> Any {
            guard let b else { return NSNull() }
            return ["p05": n(b.p05), "p25": n(b.p25), "p50": n(b.p50), "p75": n(b.p75), "p95": n(b.p95)]
        }
        let st = sim.settings
        var out: [String: Any] = [
            "model": st.model.rawValue, "paths": st.paths, "seed": st.seed, "rng": st.rng,
            "antithetic": st.antithetic, "horizon_years": sim.horizonYears,
            "mean_reversion": n(st.meanReversion), "volatility": n(st.volatility), "band_paths": sim.bandPaths,
            "years": sim.years.map { y -> [String: Any] in
                var d: [String: Any] = ["year": y.year]
                for (k, name) in SimulationRun.series.enumerated() { d[name] = stats(y.series[k], amount: isAmountSeries(name)) }
                return d
            },
            "bands": sim.bands.map { b -> [String: Any] in
                ["date": b.date.description, "stibor": band(b.stibor), "funding_rate": band(b.fundingRate)]
            },
            "assumptions": sim.assumptions,
        ]
        if st.model == .vasicek {
            out["long_run"] = n(st.longRun)
            out["r0"] = n(sim.r0)
            out["curve_gap"] = sim.curveGap.map { g -> [String: Any] in
                ["tenor": g.tenor.description, "model": n(g.model), "curve": n(g.curve), "difference": n(g.model - g.curve)]
            }
        }
        return out
    }

    static func investments(_ inv: InvestmentRun) -> [String: Any] {
        func totals(_ t: InvestmentRun.Totals) -> [String: Any] {
            ["spent_ytd": a(t.spentYTD), "income_ytd": a(t.incomeYTD), "forecast_spend": a(t.forecastSpend),
             "forecast_income": a(t.forecastIncome), "forecast_net": a(t.forecastNet), "frame": a(t.frame),
             "deviation": a(t.deviation), "carry_over": a(t.carryOver)]
        }
        var total = totals(inv.total)
        total["of_which_expenditure"] = ["actual_ytd": a(inv.total.spentYTD), "forecast": a(inv.total.forecastSpend)]
        total["of_which_income"] = ["actual_ytd": a(inv.total.incomeYTD), "forecast": a(inv.total.forecastIncome)]
        return [
            "projects": inv.projects.map { r -> [String: Any] in
                let p = r.project, c = r.comparison
                return ["id": p.id, "name": p.name, "unit": str(p.unit), "kind": p.kind.rawValue, "group": str(p.group),
                        "spent_ytd": a(p.spentYTD), "income_ytd": a(p.incomeYTD), "forecast_spend": a(p.forecastSpend),
                        "forecast_income": a(p.forecastIncome), "forecast_net": a(p.forecastNet), "frame": a(p.frame),
                        "deviation": a(r.deviation), "carry_over": a(r.carryOver),
                        "activation_planned": str(p.plannedActivation?.description),
                        "activation_forecast": str(r.forecastActivation?.description),
                        "capital_cost_budget": a(c.budget.fiscalYearTotal), "capital_cost_forecast": a(c.forecast.fiscalYearTotal),
                        "capital_cost_split": ["timing": a(c.timing), "spend": a(c.spend), "rate": a(c.rate)]]
            },
            "total": total,
            "by_group": inv.byGroup.map { g -> [String: Any] in
                ["group": g.group, "spent_ytd": a(g.totals.spentYTD), "forecast_net": a(g.totals.forecastNet),
                 "frame": a(g.totals.frame), "deviation": a(g.totals.deviation)]
            },
            "reconciliation": inv.reconciliation.map { r -> [String: Any] in
                ["column": r.key, "reported": a(r.reported), "computed": a(r.computed), "difference": a(r.computed - r.reported),
                 "status": r.status.rawValue]
            },
            "assumptions": inv.assumptions,
        ]
    }

    static func capitalCosts(_ inv: InvestmentRun) -> [String: Any] {
        func years(_ list: [(year: Int, depreciation: Double, interest: Double)]) -> [[String: Any]] {
            list.map { ["year": $0.year, "depreciation": a($0.depreciation), "interest": a($0.interest),
                        "total": a($0.depreciation + $0.interest)] }
        }
        return [
            "years": years(inv.years),
            "budget_years": years(inv.budgetYears),
            "by_unit": inv.byUnit.map { u -> [String: Any] in
                ["unit": u.unit, "budget": a(u.budget), "forecast": a(u.forecast), "deviation": a(u.deviation),
                 "split": ["timing": a(u.timing), "spend": a(u.spend), "rate": a(u.rate)]]
            },
            "scenario": str(inv.scenario),
        ]
    }

    static func band(_ b: ForecastBand) -> Any { ["p10": a(b.p10), "p50": a(b.p50), "p90": a(b.p90)] }

    static func backtest(_ b: Backtest) -> Any {
        var methods: [String: Any] = [:]
        for (m, r) in b.methods {
            methods[m.rawValue] = ["years": r.years, "forecasts": r.forecasts.map(a), "outcomes": r.outcomes.map(a),
                                   "errors": r.errors.map(a), "n": r.n, "mae": a(r.mae), "mape": n(r.mape), "bias": a(r.bias)]
        }
        return ["methods": methods, "recommended": str(b.recommended?.rawValue)]
    }

    static func operating(_ s: OperatingStatement) -> [String: Any] {
        let units: [[String: Any]] = s.units.map { p in
            var u = amounts(p.figures)
            u["id"] = p.id
            u["name"] = p.name
            u["parent"] = str(p.parent)
            u["reported_as"] = p.reportedAs.rawValue
            u["method"] = str(p.method?.rawValue)
            u["method_value"] = a(p.methodValue)
            u["adjustments"] = p.adjustments.map { ["amount": a($0.amount), "note": $0.note] as [String: Any] }
            u["band"] = p.band.map(band) ?? NSNull()
            u["band_reason"] = p.bandReason
            u["methods"] = Dictionary(p.methods.map { ($0.name, a($0.value)) }, uniquingKeysWith: { a, _ in a })
            u["methods_unavailable"] = Dictionary(p.methodsUnavailable.map { ($0.name, $0.reason as Any) },
                                                  uniquingKeysWith: { a, _ in a })
            u["backtest"] = p.backtest.map(backtest) ?? NSNull()
            return u
        }
        var total = amounts(s.total)
        total["band"] = s.totalBand.map(band) ?? NSNull()
        total["band_estimator"] = str(s.totalBandEstimator)
        total["band_reason"] = str(s.totalBandReason)
        total["band_independent"] = s.totalBandIndependent.map(band) ?? NSNull()
        var out: [String: Any] = [
            "as_of": s.asOf.description,
            "month": s.month,
            "fiscal_year": s.fiscalYear,
            "units": units,
            "total": total,
            "reconciliation": s.reconciliation.map { r -> [String: Any] in
                ["column": r.column.rawValue, "reported": a(r.reported), "computed": a(r.computed),
                 "difference": a(r.difference), "tolerance": a(r.tolerance), "status": r.status.rawValue]
            },
            "assumptions": s.assumptions,
        ]
        if let g = s.gross {
            func part(_ p: GrossFigures.Part) -> [String: Any] {
                ["forecast": a(p.forecast), "budget": a(p.budget), "deviation": a(p.deviation), "outcome_prior": a(p.outcomePrior)]
            }
            out["gross"] = ["costs": part(g.costs), "income": part(g.income)]
        }
        return out
    }
}
