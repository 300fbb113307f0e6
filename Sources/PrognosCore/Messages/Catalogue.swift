/// Every human-facing message that is not a table label, by a stable code (the JSON's
/// `warnings[].code`). The Swedish texts name no rule ids and no file paths (a reader of the
/// committee report has no use for "rule T13"); the English texts keep the rule ids the
/// engine's messages always carried.
public enum MessageCode: String, CaseIterable, Sendable, Hashable, Codable {
    // Operating statement (spec/operating.md): assumptions, warnings, the total's band.
    case operatingMonth = "operating.month"
    case whatIfChanged = "what_if.changed"
    case operatingBudgetToDate = "operating.budget_to_date"
    case operatingTotals = "operating.totals"
    case operatingLedger = "operating.ledger"
    case operatingTotalNull = "operating.total_null"
    case operatingTotalForecastNull = "operating.total_forecast_null"
    case operatingBlankCells = "operating.blank_cells"
    case operatingBlankForecast = "operating.blank_forecast"
    case operatingSignNegative = "operating.sign_net_cost_negative"
    case operatingReconciliationOverridden = "operating.reconciliation_overridden"
    case operatingReconciliationRounding = "operating.reconciliation_rounding"
    case operatingReconciliationError = "operating.reconciliation_error"
    case operatingGrossDiffers = "operating.gross_differs"
    case operatingBandEstimator = "operating.band_estimator"
    case reconciliationNoteRounding = "reconciliation.note_rounding"
    case reconciliationNoteError = "reconciliation.note_error"
    case investmentsReconciliationRounding = "investments.reconciliation_rounding"
    case investmentsReconciliationError = "investments.reconciliation_error"
    case investmentsUnitNotOperating = "investments.unit_not_operating"
    case operatingBandEstimatorHeld = "operating.band_estimator_held"
    case operatingLedgerLateActual = "operating.ledger_late_actual"
    case operatingLedgerLateBudget = "operating.ledger_late_budget"
    case operatingLedgerGap = "operating.ledger_gap"
    case operatingLedgerHistoryGap = "operating.ledger_history_gap"
    // Treasury (spec/treasury.md): treasury.assumptions and its warnings.
    case frontierCommonPaths = "frontier.common_paths"
    case frontierCostRisk = "frontier.cost_risk"
    case frontierPolicy = "frontier.policy"
    case operatingAnnualReport = "operating.annual_report"
    case resultFromOperating = "result.from_operating"
    case resultFromOperatingNoInvestments = "result.from_operating_no_investments"
    case resultFromTreasury = "result.from_treasury"
    case resultPlanYears = "result.plan_years"
    case resultPlacements = "result.placements"
    case resultDeficits = "result.deficits"
    case resultMonteCarlo = "result.monte_carlo"
    case operatingPrintedCheckRounding = "operating.printed_check_rounding"
    case operatingPrintedCheckError = "operating.printed_check_error"
    case treasuryBorrowingNeed = "treasury.borrowing_need"
    case treasuryPartialYear = "treasury.partial_year"
    case treasuryPartialYearFallback = "treasury.partial_year_fallback"
    case treasuryLenderShares = "treasury.lender_shares"
    case treasuryCalendarFixing = "treasury.calendar_fixing"
    case treasurySwapValues = "treasury.swap_values"
    case treasuryChanged = "treasury.changed"
    case treasuryChangedScenario = "treasury.changed_scenario"
    case treasuryRenamedScenario = "treasury.renamed_scenario"
    case treasuryPolicyPath = "treasury.policy_path"
    case treasuryPolicyPathWednesday = "treasury.policy_path_wednesday"
    case treasuryUnadjustedDates = "treasury.unadjusted_dates"
    case treasuryAccrual = "treasury.accrual"
    case treasuryParPricing = "treasury.par_pricing"
    case treasuryBaseScenario = "treasury.base_scenario"
    case treasuryMetricsBase = "treasury.metrics_base"
    case treasuryInitialCurve = "treasury.initial_curve"
    case treasuryNoRefinancing = "treasury.no_refinancing"
    case treasuryNoRefinancingWarning = "treasury.no_refinancing_warning"
    case treasuryRefinanced = "treasury.refinanced"
    case treasuryInternalLoans = "treasury.internal_loans"
    case treasuryFixingFallback = "treasury.fixing_fallback"
    case treasuryOnLendingExceeds = "treasury.on_lending_exceeds"
    // Finance policy (`--check-policy`).
    case policyBreach = "policy.breach"
    case policyNoLimits = "policy.no_limits"
    // Investments and capital costs (spec/capital.md).
    case capitalSpendPlans = "capital.spend_plans"
    case capitalCost = "capital.cost"
    case capitalDeviationSplit = "capital.deviation_split"
    case capitalNone = "capital.none"
    case capitalDefaultComponents = "capital.default_components"
    case capitalMarketInterest = "capital.market_interest"
    case capitalReconciliationRounding = "capital.reconciliation_rounding"
    // Monte Carlo (spec/simulation.md).
    case simulationShortRate = "simulation.short_rate"
    case simulationStreams = "simulation.streams"
    case simulationBands = "simulation.bands"
    case simulationHullWhite = "simulation.hull_white"
    case simulationVasicek = "simulation.vasicek"
    case simulationExtrapolated = "simulation.extrapolated"
    case simulationSwapValues = "simulation.swap_values"
    case simulationDone = "simulation.done"
    case simulationShardWritten = "simulation.shard_written"
    case frontierDone = "frontier.done"
    case frontierShardWritten = "frontier.shard_written"
    case progressBlocks = "progress.blocks"
    // Batch and merge progress and summaries on standard error.
    case progressRuns = "progress.runs"
    case batchProgress = "batch.progress"
    case batchSummary = "batch.summary"
    case batchDamaged = "batch.damaged"
    case batchFailed = "batch.failed"
    case mergeFolders = "merge.folders"
    case mergeFrontierParts = "merge.frontier_parts"
    case mergeParts = "merge.parts"
    // Indicators (spec/indicators.md).
    case indicatorsNotAssessed = "indicators.not_assessed"
    case indicatorsLatest = "indicators.latest"
    case indicatorsNoTarget = "indicators.no_target"
    case indicatorsDirection = "indicators.direction"
    case indicatorsLagging = "indicators.lagging"
    // A warning about the input that has no catalogue entry of its own (the reader's messages).
    case inputWarning = "input.warning"
    // A sentence saved before the catalogue (a part file's header), shown as written.
    case verbatim = "verbatim"
}

public enum MessageCatalogue {
    /// The text of `code` in `lang`, with `{0}`, `{1}`, … for the parameters.
    public static func template(_ code: MessageCode, _ lang: Language) -> String {
        let e = entry(code)
        return lang == .sv ? e.sv : e.en
    }

    /// The month's name: `mars` / `March`.
    public static func monthName(_ m: Int, _ lang: Language) -> String {
        guard (1...12).contains(m) else { return String(m) }
        return lang == .sv
            ? ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"][m - 1]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]
    }

    // swiftlint:disable:next function_body_length
    static func entry(_ code: MessageCode) -> (sv: String, en: String) {
        switch code {
        case .operatingMonth:
            return ("M = {0}: utfallet hittills avser januari–{1} {2} (per {3}).",
                    "M = {0}: actuals to date cover January–{1} {2} (as_of {3}).")
        case .whatIfChanged:
            return ("Ändrat från filen (--set eller en körning i en batch): {0} = {1}.",
                    "Changed from the file (--set or a batch run): {0} = {1}.")
        case .operatingBudgetToDate:
            return ("Budget hittills = årsbudget × {0}/12 för {1} (ingen periodbudget angiven och ingen huvudbok).",
                    "Budget to date = budget × {0}/12 for {1} (no budget_ytd given, no ledger).")
        case .operatingTotals:
            return ("Summan omfattar de {0} nettokostnadsenheterna på lägsta nivå; enheter som redovisas som resultat visas under summan.",
                    "Totals sum the {0} net-cost leaf units; result units are shown below the total (rule O9).")
        case .operatingLedger:
            return ("Huvudboksrader med samma enhet, period och typ summeras; saknad årsbudget, budget hittills och fjolårets siffror hämtas ur huvudboken.",
                    "Ledger rows with the same unit, period and type are summed (rule O2); missing budget, budget to date, last year's figures come from it (rule O1).")
        case .operatingTotalNull:
            return ("Summan för {0} saknas: {0} saknas för {1}.",
                    "total {0} is null: no {0} for {1}")
        case .frontierCommonPaths:
            return ("Varje mix räknas på samma {0} banor (gemensamma slumptal): filens egen mix med simuleringskärnan, varje annan mix som den kostnaden plus skillnaden i refinansieringens nya lån, vars belopp inte beror på räntan.",
                    "Every mix is evaluated on the same {0} paths (common random numbers, rule P2): the file's own mix by the simulation kernel, each other mix as that cost plus the difference of the refinancing tree's new loans, whose amounts do not depend on rates (A(d) = E(d) + Σ_j s_j A(d − T_j)).")
        case .frontierCostRisk:
            return ("Kostnad och risk för {0} summeras över {1}; CaR95 = P95 − medelvärde, ES95 = medelvärdet av utfall ≥ P95.",
                    "Cost and risk of {0} summed over {1}; CaR95 = P95 − mean, ES95 = mean of outcomes ≥ P95 (rule S10).")
        case .frontierPolicy:
            return ("Policy: varje mix portfölj i basscenariot ska hålla varje gräns i finanspolicyn vid varje 31 december under horisonten; ingen gräns beror på räntan.",
                    "Policy: each mix's portfolio in the base scenario must keep every treasury.policy limit at each 31 December of the horizon (rule P2); no limit depends on rates.")
        case .operatingAnnualReport:
            return ("Årsredovisning (per {0}, räkenskapsårets slut): prognosen är utfallet.",
                    "Annual report (as_of {0}, the fiscal year's end): the forecast is the outcome (rule O20).")
        case .resultFromOperating:
            return ("Verksamhetens nettokostnad är driftsammandragets summa med omvänt tecken (filen anger att den omfattar hela kommunen); internräntan som investeringarna belastar enheterna med, {0} {1} år {2}, elimineras (läggs tillbaka).",
                    "Verksamhetens nettokostnad is − the operating statement's total (the file states that it covers the whole municipality); the internal interest the investments charge the units, {0} {1} in {2}, is eliminated (added back).")
        case .resultFromOperatingNoInvestments:
            return ("Verksamhetens nettokostnad är driftsammandragets summa med omvänt tecken (filen anger att den omfattar hela kommunen); ingen internränta att eliminera ({0} {1} år {2}): filen har inga investeringar.",
                    "Verksamhetens nettokostnad is − the operating statement's total (the file states that it covers the whole municipality); the internal interest the investments charge the units, {0} {1} in {2}, is eliminated (added back) — the file has no investments section, so none.")
        case .resultFromTreasury:
            return ("De finansiella posterna följer räntekalkylen: finansiella kostnader = den externa räntekostnaden (lån och swappar), finansiella intäkter = internbankens intäkter från bolagen (vidareutlåning och marginal) + övrigt, per räntescenario och år; placeringarna ingår aldrig i dessa poster.",
                    "The financial lines follow the treasury (from: treasury): finansiella kostnader = − the external interest (loans and swaps), finansiella intäkter = the internal bank's income from the companies (pass-through share and margin) + other, per rate scenario and year; the placements are never inside these lines.")
        case .resultPlanYears:
            return ("Planåren {0}: en post utan planbelopp för ett år ligger kvar på prognosen, nominellt; placeringarnas försäljningar, realisationsvinster, justeringar i balanskravsutredningen och resultatreserven gäller bara prognosåret.",
                    "Plan years {0}: a line without a plan figure for a year stays at its forecast, nominal (R5); the placements' sells, realised gains, balanskrav adjustments and the resultatreserv are the fiscal year's only.")
        case .resultPlacements:
            return ("Placeringar: en fonds värde vid t ≥ prognosdagen är marknadsvärdet × (1 + förväntad avkastning)^((t − prognosdagen)/365); en försäljning realiserar andelen × värdet på försäljningsdagen mot andelen × ingående värde; den orealiserade förändringen är den osålda delens värde 31 december − dess ingående värde (senare år: − värdet ett år tidigare).",
                    "Placements (R1): a fund's value at t ≥ as_of is market_value × (1 + expected_return)^((t − as_of)/365); a sell realises share × value(sell date) against share × opening_value; the unrealised change is the unsold part's value at 31 December − its opening value (later years: − its value a year before).")
        case .resultDeficits:
            return ("Underskott: ett negativt balanskravsresultat återställs inom de tre följande åren, äldst först, ur scenariots senare positiva resultat; ett år utanför körningens år återställer ingenting.",
                    "Deficits (R4): a negative balanskravsresultat is restored within the three following years, oldest first, from the scenario's later positive results; a year outside the run's years restores nothing.")
        case .resultMonteCarlo:
            return ("Monte Carlo: årets resultat och balanskravsresultatet per bana ur banans externa räntekostnad och interna intäkter och placeringarnas lognormala avkastning (en gemensam faktor med angiven korrelation); medelvärde, P05/P50/P95 och sannolikheten för ett negativt balanskravsresultat per år.",
                    "Monte Carlo (R6): årets resultat and the balanskravsresultat per path from the path's external interest and internal income and the placements' lognormal returns (one common factor with the given correlation; normals from each block's stream after all its rate normals, antithetic like the rates); mean, P05/P50/P95 and P(balanskravsresultat < 0) per year.")
        case .operatingPrintedCheckRounding:
            return ("{0}, {1}: rapporten anger {2}, {3} {4}, skillnad {5} (en avrundningsdifferens, inom {6}).",
                    "unit {0} {1}: the report prints {2}, {3} {4}, difference {5} (a rounding difference, within {6})")
        case .operatingPrintedCheckError:
            return ("{0}, {1}: rapporten anger {2}, {3} {4}, skillnad {5} (mer än avrundning, tolerans {6}).",
                    "unit {0} {1}: the report prints {2}, {3} {4}, difference {5} (beyond rounding, tolerance {6})")
        case .treasuryBorrowingNeed:
            return ("Lånebehovet är investeringarnas nettoutgift (utgifter − inkomster) för varje månad efter värderingsdagen som inte täcks av månadens avskrivningar (projekt och befintliga tillgångar), minst 0, och lånas med löptidsfördelningen på månadens sista dag; senare års planbelopp fördelas jämnt över månaderna.",
                    "The borrowing need is the investments' net spend (spend − income) of each month after V not covered by that month's depreciation (projects and existing assets), floored at 0 and borrowed on the tenor mix on the month's last day (rule T25); later years' `plan` amounts are spread evenly over their months.")
        case .treasuryPartialYear:
            return ("{0} börjar före värderingsdagen: utfallsdelen (1 januari – {1}) beräknas ur räntehistoriken, prognosdelen från värderingsdagen.",
                    "{0} starts before V: its realised part (1 January – {1}) accrues from the fixing history, its forecast part from V (rule T26).")
        case .treasuryPartialYearFallback:
            return ("Varning: utfallsdelen av {0} använder räntan vid värderingsdagen för {1} rörliga perioder som fastställdes före värderingsdagen utan angiven räntehistorik.",
                    "Warning: the realised part of {0} uses the fixing at V for {1} floating periods that fixed before V without a fixing_history or last_fixing (rule T26).")
        case .treasuryLenderShares:
            return ("Långivarandelarna räknar ett lån utan angiven långivare, och varje lån i refinansieringen, som \"{0}\"; den största långivarens andel (policyn) räknas bara över namngivna långivare.",
                    "Lender shares count a loan without a lender, and every loan of the refinancing tree, as '{0}'; the largest lender's share (policy max_lender_share) is taken over named lenders only.")
        case .treasuryCalendarFixing:
            return ("Den längsta enskilda räntebindningen mäts i kalendermånader, så ett tioårigt lån är exakt 10,0 år.",
                    "The longest single fixing is measured in calendar months (rule T15), so a 10-year loan is exactly 10.0 years.")
        case .treasuryChanged:
            return ("Ändrat från filen (--set eller en körning i en batch): {0} = {1}; beloppen visar ändringen.",
                    "Changed from the file (--set or a batch run): {0} = {1}; the figures show the change.")
        case .treasuryChangedScenario:
            return ("Räntescenariot {0} är ändrat från filen (--set eller en körning i en batch): {1} = {2}; beloppen visar ändringen{3}.",
                    "The rate scenario {0} is changed from the file (--set or a batch run): {1} = {2}; the figures show the change{3}.")
        case .treasuryRenamedScenario:
            return ("Räntescenariots namn är ändrat från filen (--set eller en körning i en batch): {0} = {1}.",
                    "The rate scenario's name is changed from the file (--set or a batch run): {0} = {1}.")
        case .treasurySwapValues:
            return ("Swapparnas marknadsvärde vid värderingsdagen och varje 31 december i varje scenario diskonteras med scenariots egna räntor, inklusive upplupen ränta; den löpande rörliga perioden till sin fastställda ränta.",
                    "Swap market values at V and each 31 December under every scenario use that scenario's discount factors from its own fixings (rules T4, T24), dirty, the current float period at its fixing.")
        case .treasuryPolicyPath:
            return ("Scenariot {0} är en styrräntebana: STIBOR 3M vid dag d är styrräntans medelvärde över d … d + 3 månader plus {1} punkter.",
                    "Scenario '{0}' is a policy-rate path: STIBOR 3M at d is the average policy rate over d … d + 3 months plus {1} bp (rule T22).")
        case .treasuryPolicyPathWednesday:
            return ("Scenariot {0} är en styrräntebana: STIBOR 3M vid dag d är styrräntans medelvärde över d … d + 3 månader plus {1} punkter; varje beslut gäller från onsdagen efter beslutet.",
                    "Scenario '{0}' is a policy-rate path: STIBOR 3M at d is the average policy rate over d … d + 3 months plus {1} bp (rule T22); each decision applies from the Wednesday after it.")
        case .operatingBlankCells:
            return ("Tomma celler (–) i kolumnen {0} för {1} räknas som 0 i summorna.",
                    "Blank (–) {0} for {1}: counted as 0 in sums (rule O17).")
        case .operatingBlankForecast:
            return ("Tomma celler (–) i kolumnen {0} för {1} räknas som 0 i summorna, utom prognosen, som förblir okänd.",
                    "Blank (–) {0} for {1}: counted as 0 in sums, except the forecast, which stays unknown (rules O10, O17).")
        case .operatingSignNegative:
            return ("Filen skriver beloppen som rapporten: nettokostnader negativa. De läses med omvänt tecken (nettokostnad positiv i beräkningen och i JSON); avvikelser vänds aldrig; tabellerna skrivs som rapporten.",
                    "Sign convention net_cost_negative: the file's amounts are read as printed and negated (net costs positive inside and in JSON); deviations are never flipped; tables print in the file's convention (rule O13).")
        case .operatingReconciliationOverridden:
            return ("Rapportens summa för {0}, {1} {2}, skiljer sig från radernas summa {3} efter ändring med --set (summan stämde i filen som den är skriven).",
                    "reported total {0} {1} {2} against the rows' sum {3}: overridden by --set (the printed total held on the file as written, rule O8)")
        case .operatingTotalForecastNull:
            return ("Summan för {0} saknas: {0} saknas för {1}.",
                    "total {0} is null: no {0} for {1} (rule O10)")
        case .operatingReconciliationRounding:
            return ("Rapportens summa för {0}, {1} {2}, skiljer sig från radernas summa {3}: en avrundningsdifferens (inom {4} för {5} rader).",
                    "reported total {0} {1} {2} against the rows' sum {3}: a rounding difference (within {4} for {5} rows, rule O8)")
        case .operatingReconciliationError:
            return ("Rapportens summa för {0}, {1} {2}, stämmer inte med radernas summa {3} (tolerans {4} för {5} rader).",
                    "reported total {0} {1} {2} against the rows' sum {3}: the rows do not reconcile (tolerance {4} for {5} rows, rule O8)")
        case .operatingGrossDiffers:
            return ("Bruttokostnader + intäkter ({0}) skiljer sig från summans prognos ({1}).",
                    "gross costs + income ({0}) differ from the total forecast ({1})")
        case .operatingBandEstimator:
            return ("hela backtestår: varje års relativa fel för summan, Σ utfall / Σ prognos − 1, över enheterna med intervall (samma års fel adderas före kvantilen), tillämpat på deras prognos; enheter utan intervall hålls vid sin prognos ({0} år: {1})",
                    "whole backtest years: each year's total relative error Σ outcome / Σ forecast − 1 over the units with a band (same-year errors added before the quantile), applied to their forecast; units without a band held at their forecast ({0} years: {1})")
        case .operatingLedgerLateActual:
            return ("Huvudboken har utfall daterat efter prognosdagen {5} för {7}: {0} {1} ({2}, summa {3} {4}), som inte används (utfallet hittills slutar med {6}).",
                    "the ledger has {0} actual {1} ({2}, sum {3} {4}) dated after as_of {5}, for {7}, not used (actuals to date end with {6})")
        case .operatingLedgerLateBudget:
            return ("Huvudboken har budget för år efter budgetåret {5} för {6}: {0} {1} ({2}, summa {3} {4}), som inte används.",
                    "the ledger has {0} budget {1} ({2}, sum {3} {4}) after fiscal year {5}, for {6}, not used")
        case .operatingLedgerGap:
            return ("Huvudboken ({0}) saknar utfallsrad för {1} i {2}, fast den har andra månader av {3} fram till prognosdagen: utfallet hittills räknar {4} som 0.",
                    "the ledger ({0}) has no actual row for {1} in {2}, though it has other months of {3} up to as_of: its actual to date counts {4} as 0")
        case .operatingLedgerHistoryGap:
            return ("Huvudboken ({0}) saknar utfallsrad för {1} i {2}, fast den har andra månader av {3}: året är inte komplett och lämnas utanför metodernas historik (backtest, trend, intervall).",
                    "the ledger ({0}) has no actual row for {1} in {2}, though it has other months of {3}: the year is incomplete and left out of the methods' history (rule O3)")
        case .operatingBandEstimatorHeld:
            return ("hela backtestår: varje års relativa fel för summan, Σ utfall / Σ prognos − 1, över enheterna med intervall (samma års fel adderas före kvantilen), tillämpat på deras prognos; enheter utan intervall hålls vid sin prognos ({0} år: {1}; hålls vid prognos: {2})",
                    "whole backtest years: each year's total relative error Σ outcome / Σ forecast − 1 over the units with a band (same-year errors added before the quantile), applied to their forecast; units without a band held at their forecast ({0} years: {1}; held at forecast: {2})")

        case .reconciliationNoteRounding:
            return ("{0}: rapporten anger {1}, radernas summa är {2} (avrundningsdifferens)",
                    "{0}: the report prints {1}, the rows sum to {2} (a rounding difference, rule O8)")
        case .reconciliationNoteError:
            return ("{0}: rapporten anger {1}, radernas summa är {2}: FEL, raderna stämmer inte",
                    "{0}: the report prints {1}, the rows sum to {2}: ERROR, the rows do not reconcile")
        case .investmentsReconciliationRounding:
            return ("Avstämning: {0} rapporten anger {1}, radernas summa är {2} (avrundningsdifferens)",
                    "Reconciliation: {0} the report prints {1}, the rows sum to {2} (rounding)")
        case .investmentsReconciliationError:
            return ("Avstämning: {0} rapporten anger {1}, radernas summa är {2} (FEL)",
                    "Reconciliation: {0} the report prints {1}, the rows sum to {2} (ERROR)")
        case .investmentsUnitNotOperating:
            return ("{0} {1} bärs av enheten '{2}', som inte finns i driftsammandraget{3}; dess kapitalkostnad redovisas under '{2}'.",
                    "{0} {1} is borne by unit '{2}', which is not a unit of the operating statement{3}; its capital cost is shown under '{2}'")

        case .treasuryUnadjustedDates:
            return ("Betalningsplanerna använder ojusterade datum: ingen justering till bankdag.",
                    "Schedules use unadjusted dates: no business-day adjustment.")
        case .treasuryAccrual:
            return ("Räntan periodiseras till kalendermånader efter antal dagar och summeras per år; åren {0}–{1} omfattar även dagar före värderingsdagen.",
                    "Interest is accrued to calendar months by day overlap and summed to years; years {0}–{1} include days before V (rule T1).")
        case .treasuryParPricing:
            return ("Nya lån med fast ränta prissätts till scenariots swapränta (årlig fast ben 30E/360, diskontering med scenariots egna STIBOR 3M-fixingar) plus upplåningsmarginalen för löptiden.",
                    "Fixed-rate new loans are priced at the scenario's par swap rate (annual 30E/360 fixed leg, discount factors from the scenario's own STIBOR 3M fixings, rules T4–T5) plus the funding spread for the tenor.")
        case .treasuryBaseScenario:
            return ("Basscenariot är {0}; känsligheten höjer alla räntor i det med 1 procentenhet från {1}.",
                    "The base scenario is '{0}' (rule T16); the sensitivity shifts it by +100 bp from {1} (rule T17).")
        case .treasuryMetricsBase:
            return ("Nyckeltalen vid värderingsdagen och vid varje årsskifte beräknas i basscenariot; lån som tas upp vid refinansiering räknas inte som gröna.",
                    "Metrics at V and at each 31 December are taken under the base scenario (rule T13); loans of the refinancing tree count as not green.")
        case .treasuryInitialCurve:
            return ("Startkurva: nollkupongsräntor, kontinuerliga, ACT/365F, {0}.",
                    "Initial curve: zero rates, continuous, ACT/365F, {0} interpolation (rule F8).")
        case .treasuryNoRefinancing:
            return ("Ingen refinansiering: lån som förfaller ersätts inte och skulden minskar.",
                    "No refinancing: maturing loans are not replaced and the debt runs off (rule T6).")
        case .treasuryNoRefinancingWarning:
            return ("Filen har ingen refinansiering: portföljen minskar i takt med att lånen förfaller.",
                    "no refinancing section: the portfolio runs off as loans mature (rule T6)")
        case .treasuryRefinanced:
            return ("Amorteringar och förfall efter {0} till och med {1} refinansieras samma dag enligt löptidsfördelningen, även nya lån som förfaller; sammanlagt lånas {2} mnkr upp på nytt.",
                    "Repayments in ({0}, {1}] are refinanced the same day on the tenor mix, recursively (rule T6); {2} mnkr re-borrowed in all.")
        case .treasuryInternalLoans:
            return ("Internlån: prissättning {0}, marginal {1}; bolagens andelar av den externa kostnaden är lånebelopp / extern skuld, vägda per dag inom månaden; internlån som förfaller inom horisonten förlängs på samma villkor om inte rollover: false.",
                    "Internal loans: default pricing {0}, margin {1}; pass-through shares are N_i / D_ext day-weighted within each month (rule T9); loans maturing inside the horizon roll over on the same terms unless rollover: false (rule T11).")
        case .treasuryFixingFallback:
            return ("{0} rörliga ränteperioder som fastställdes före värderingsdagen saknar fixing_history och last_fixing: de använder respektive scenarios fixing vid värderingsdagen.",
                    "{0} floating periods that fixed before V have no fixing_history or last_fixing: they use each scenario's fixing at V (rule T2).")
        case .treasuryOnLendingExceeds:
            return ("Vidareutlåningen {0} mnkr vid värderingsdagen är större än den externa skulden {1} mnkr: internbanken lånar ut mer än den lånar.",
                    "on-lending {0} mnkr at V exceeds the external debt {1} mnkr: the internal bank lends more than it borrows")

        case .policyBreach:
            return ("finanspolicyn bryts: {0} per {1}: {2}, gränsen är {3}",
                    "policy breach: {0} on {1}: {2} is outside {3}")
        case .policyNoLimits:
            return ("varning: --check-policy: filen har inga gränser i finanspolicyn (treasury.policy) att pröva",
                    "warning: --check-policy: the file has no treasury.policy limits to check")

        case .capitalSpendPlans:
            return ("Utgiftsplaner: prognosen = utgifterna hittills jämnt fördelade på månad 1–{0} och resten av prognosen på återstående månader (eller enligt utgiftsprofilen); budgeten = budgeterade utgifter (annars prognosen) jämnt fördelade över året.",
                    "Spend plans (rule C1): forecast = spent_ytd evenly over months 1–{0}, the rest of forecast_spend over the remaining months (or spend_profile); budget = budget_spend (default forecast_spend) evenly over the year.")
        case .capitalCost:
            return ("Kapitalkostnad = avskrivning per komponent + {0} ränta på bokfört värde från {1}; utgifter efter aktivering läggs till tillgången den 31 december.",
                    "Capital cost = depreciation per component + {0} interest on book value from the {1}; spend after activation joins the asset on 31 December.")
        case .capitalDeviationSplit:
            return ("Avvikelsen delas upp i tur och ordning: tidsförskjutning (prognosens datum med budgetens plan och ränta), utgiftsnivå (prognosens plan) och ränta.",
                    "The deviation is split sequentially (rule C2): timing (forecast dates with the budget plan and rate), spend (forecast plan), rate.")
        case .capitalNone:
            return ("Inga kapitalkostnader: inget projekt har ett aktiveringsdatum och filen har inga befintliga tillgångar (investeringstabellen som den är tryckt).",
                    "No capital costs: no project has an activation date and the file has no existing assets (the investment table as printed).")
        case .capitalDefaultComponents:
            return ("Komponenter enligt Prognos standardvärden för: {0} (byggnad 50 % × 50 år, 20 % × 30 år, 20 % × 20 år, 10 % × 15 år; inventarier och övrigt 10 år; IT 3 år).",
                    "Components from Prognos's defaults for: {0} (building 50 % × 50 y, 20 % × 30 y, 20 % × 20 y, 10 % × 15 y; equipment and other 10 y; it 3 y).")
        case .capitalMarketInterest:
            return ("Marknadsränta: scenariot {0}s månatliga upplåningsränta + {1}; efter horisonten för skuldförvaltningen gäller sista månadens ränta.",
                    "Market interest: scenario '{0}''s monthly funding rate + {1} (rule C9); past the treasury horizon the last month's rate holds.")
        case .capitalReconciliationRounding:
            return ("Rapportens investeringssumma för {0}, {1} {2}, skiljer sig från radernas summa {3}: en avrundningsdifferens (inom {4} för {5} rader).",
                    "reported investment total {0} {1} {2} against the rows' sum {3}: a rounding difference (within {4} for {5} rows, rule C12)")

        case .simulationShortRate:
            return ("Korträntan r = x + α, där x är en Ornstein–Uhlenbeck-process som stegas exakt på ett månadsgitter från värderingsdagen (steg i ACT/365F); fixingar och refinansiering läser tillståndet vid gitterdatumet på eller närmast före sitt datum, med modellens slutna uttryck för P(t,T).",
                    "Short rate r = x + α with x an Ornstein–Uhlenbeck process stepped exactly on the monthly grid from V (ACT/365F steps, rule S2); fixings and refinancing read the state at the last grid date on or before their date (rule S1), from the model's closed-form P(t,T).")
        case .simulationStreams:
            return ("Slumptalsströmmar: block om {0} banor, block b med fröet SplitMix64(frö, b); GSL-generatorn {1}, normalfördelning med ziggurat{2}. Resultatet beror inte på antalet trådar eller delkörningar.",
                    "Streams: blocks of {0} paths, block b seeded with SplitMix64(seed, b) (rule S9); GSL generator {1}, ziggurat normals{2}. Results do not depend on the number of threads or shards.")
        case .simulationBands:
            return ("Månadsintervallen bygger på de första {0} banorna; upplåningsräntans intervall är månadens upplupna externa ränta ÷ (skuld × dagar/365).",
                    "Monthly bands from the first {0} paths (rule S12); the funding-rate band is the month's accrued external interest ÷ (debt × days/365) (rule S7).")
        case .simulationHullWhite:
            return ("Hull–White är anpassad till startkurvan och riskneutral: förväntade fixingar följer terminsräntorna (plus en liten konvexitetsterm), så Cost-at-Risk utgår från den terminsimplicita kostnaden.",
                    "Hull–White is fitted to the initial curve and risk-neutral: expected fixings follow the forwards (plus a small convexity term), so Cost-at-Risk is centred on the forward-implied cost.")
        case .simulationVasicek:
            return ("Vasicek anpassas inte till startkurvan; skillnaden mot kurvans diskonteringsfaktorer vid stödpunkterna visas i tabellen Vasicek mot kurvan.",
                    "Vasicek does not fit the initial curve; its gap to the curve's discount factors at the pillars is in simulation.curve_gap.")
        case .simulationExtrapolated:
            return ("Horisonten och den längsta refinansieringslöptiden når {0} år, bortom kurvans sista stödpunkt ({1} år): kurvan extrapoleras med {2}.",
                    "The horizon and the longest refinancing tenor reach {0} years, beyond the curve's last pillar ({1} years): the curve is extrapolated as rule F8 says ({2}).")
        case .simulationSwapValues:
            return ("Swapparnas marknadsvärde vid varje årsskifte (31 december) värderas på varje bana med modellens diskonteringsfaktorer vid gitterdatumet på eller närmast före årsskiftet (exakt när värderingsdagen är en månadsslutsdag), inklusive upplupen ränta; den löpande rörliga perioden till banans egen fixing. Ett lägre värde är sämre för kommunen, så risken (CaR, ES) är den låga svansen. Vid värderingsdagen är värdet detsamma på alla banor och visas i swapvärdetabellen.",
                    "Swap market value at each year end (31 December) on every path from the model's discount factors at the last grid date on or before it (rules S1, T24; exact when V is a month end), dirty, the current float period at the path's own fixing. A lower value is worse for the municipality, so the risk (CaR, ES) is the low tail (rule S10). At V the value is the same on every path and shown in the swap value table.")
        case .simulationDone:
            return ("simulerade {0} banor på {1} s", "simulated {0} paths in {1} s")
        case .frontierDone:
            return ("beräknade {0} mixar på {1} banor på {2} s", "evaluated {0} mixes on {1} paths in {2} s")
        case .frontierShardWritten:
            return ("delkörning {0}: mixar {1} av {2} skrivna till {3}", "shard {0}: mixes {1} of {2} written to {3}")
        case .simulationShardWritten:
            return ("delkörning {0}: block {1} av {2} skrivna till {3}", "shard {0}: blocks {1} of {2} written to {3}")
        case .progressBlocks:
            return ("{0} av {1} block", "{0}/{1} blocks")
        case .progressRuns:
            return ("{0} av {1} körningar", "{0}/{1} runs")
        case .batchProgress:
            return ("batch: {0} av {1} körningar", "batch: {0}/{1} runs")
        case .batchSummary:
            return ("batch: {0} körningar ({1} klara, {2} misslyckade{3}) på {4} s, {5} körningar/s; {6}",
                    "batch: {0} runs ({1} ok, {2} failed{3}) in {4} s, {5} runs/s; {6}")
        case .batchDamaged:
            return (", {0} skadade körningar omkörda", ", {0} damaged runs rerun")
        case .batchFailed:
            return ("batch: {0} körningar misslyckades: se {1}", "batch: {0} runs failed: see {1}")
        case .mergeFolders:
            return ("sammanslaget: {0} mappar, {1} körningar, {2} misslyckade, till {3}",
                    "merged {0} folders: {1} runs, {2} failed, into {3}")
        case .mergeFrontierParts:
            return ("sammanslaget: {0} delar av lånestrategiberäkningen ({1} mixar) till {2}",
                    "merged {0} frontier parts ({1} mixes) into {2}")
        case .mergeParts:
            return ("sammanslaget: {0} delar ({1} block, {2} banor) till {3}",
                    "merged {0} parts ({1} blocks, {2} paths) into {3}")

        case .indicatorsNotAssessed:
            return ("Ingen bedömning: bara värden och mål; ingen status, trend eller sammanfattning (som rapportens \"Ingen bedömning av måluppfyllelse\").",
                    "assess: false — values and targets only; no status, trend or summary (as the report's \"Ingen bedömning av måluppfyllelse\").")
        case .indicatorsLatest:
            return ("Status och trend utgår från den senaste periodens värde; föregående värde är den senaste tidigare perioden med ett värde.",
                    "Status and trend use the latest period's value; previous = the latest earlier period with a value (spec/indicators.md).")
        case .indicatorsNoTarget:
            return ("En indikator utan mål har status inget mål även när det senaste värdet saknas; med mål och utan senaste värde är status inga uppgifter.",
                    "An indicator without a target is no_target even when its latest value is missing; with a target and no latest value it is no_data.")
        case .indicatorsDirection:
            return ("Ett riktningsmål (öka/minska) utan tidigare värde att jämföra med har status inga uppgifter och ingen trend.",
                    "A direction target (increase/decrease) with no earlier value to compare with is no_data, and its trend null.")
        case .indicatorsLagging:
            return ("Ett eftersläpande värde (ett värde som avser ett tidigare år) räknas i den period det står under.",
                    "A lagging value ({value, refers_to}) counts in the period it is written under.")

        case .inputWarning, .verbatim:
            return ("{0}", "{0}")
        }
    }
}
