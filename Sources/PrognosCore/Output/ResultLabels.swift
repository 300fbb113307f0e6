/// The result section's labels (resultaträkning, balanskravsutredning, scenarios, deficits,
/// the Monte Carlo), Swedish and English side by side, for every view.
struct ResultLabels {
    let lang: Language
    private var sv: Bool { lang == .sv }

    var title: String { sv ? "Kommunens resultat och balanskrav" : "The municipality's result and the balanced-budget requirement" }
    func statementTitle(_ year: Int, unit: AmountUnit) -> String {
        sv ? "Resultaträkning, prognos \(year), belopp \(unit.rawValue)" : "Income statement (resultaträkning), forecast \(year), amounts in \(unit.rawValue)"
    }
    var statementColumns: [String] {
        sv ? ["", "Budget", "Prognos", "Avvikelse", "Bokslut\nföregående år"] : ["", "Budget", "Forecast", "Deviation", "Outcome\nprior year"]
    }

    func line(_ key: String) -> String {
        switch key {
        case "verksamhetens_nettokostnad": return sv ? "Verksamhetens nettokostnad" : "Net cost of operations"
        case "skatteintakter": return sv ? "Skatteintäkter" : "Tax revenue"
        case "generella_statsbidrag": return sv ? "Generella statsbidrag och utjämning" : "General government grants and equalisation"
        case "finansiella_intakter": return sv ? "Finansiella intäkter" : "Financial income"
        case "finansiella_kostnader": return sv ? "Finansiella kostnader" : "Financial costs"
        case "realisationsresultat_placeringar": return sv ? "Realisationsresultat placeringar" : "Realised result, placements"
        case "orealiserade_vardeforandringar": return sv ? "Orealiserade värdeförändringar placeringar" : "Unrealised change in value, placements"
        case "extraordinara_poster": return sv ? "Extraordinära poster" : "Extraordinary items"
        // The balanskravsutredning's lines (R2).
        case "arets_resultat": return sv ? "Årets resultat" : "Result for the year"
        case "samtliga_realisationsvinster": return sv ? "Avgår: samtliga realisationsvinster" : "Less: all realised gains"
        case "realisationsvinster_undantag": return sv ? "Realisationsvinster enligt undantagsmöjlighet" : "Realised gains under the exemption"
        case "realisationsforluster_undantag": return sv ? "Realisationsförluster enligt undantagsmöjlighet" : "Realised losses under the exemption"
        case "orealiserade_vinster": return sv ? "Avgår: orealiserade vinster i värdepapper" : "Less: unrealised gains in securities"
        case "orealiserade_forluster": return sv ? "Orealiserade förluster i värdepapper" : "Unrealised losses in securities"
        case "aterforing_orealiserade_forluster": return sv ? "Återföring av orealiserade förluster i värdepapper" : "Reversal of unrealised losses in securities"
        case "reservation_resultatreserv": return sv ? "Reservation till resultatreserv" : "Allocation to the result reserve"
        case "anvandning_resultatreserv": return sv ? "Användning av resultatreserv" : "Use of the result reserve"
        default: return key
        }
    }

    var aretsResultat: String { line("arets_resultat") }
    var excludingItems: String { sv ? "Årets resultat exklusive jämförelsestörande poster" : "Result excluding items affecting comparability" }
    var eliminated: String {
        sv ? "varav eliminerad internränta (lagd tillbaka i nettokostnaden)" : "of which internal interest eliminated (added back to the net cost)"
    }
    var itemsTitle: String { sv ? "Jämförelsestörande poster (ingår i raderna)" : "Items affecting comparability (inside the lines)" }
    var realisedGainsTitle: String { sv ? "Realisationsvinster på anläggningstillgångar (ingår i raderna)" : "Realised gains on fixed assets (inside the lines)" }
    var exempt: String { sv ? "enligt undantagsmöjlighet" : "under the exemption" }
    var amount: String { sv ? "Belopp" : "Amount" }
    var note: String { sv ? "Anmärkning" : "Note" }

    func placementsTitle(unit: AmountUnit) -> String {
        sv ? "Placeringar, belopp \(unit.rawValue)" : "Placements (rule R1), amounts in \(unit.rawValue)"
    }
    var placementColumns: [String] {
        sv ? ["Fond", "Ingående\nvärde", "Marknads\u{AD}värde", "Försäljning", "Andel", "Realiserat", "Värde\n31 dec", "Orealiserat"]
           : ["Fund", "Opening\nvalue", "Market\nvalue", "Sell date", "Share", "Realised", "Value\n31 Dec", "Unrealised"]
    }

    func balanskravTitle(_ year: Int, scenario: String, unit: AmountUnit) -> String {
        sv ? "Balanskravsutredning, prognos \(year) (räntescenario \(scenario)), belopp \(unit.rawValue)"
           : "Balanced-budget reconciliation (balanskravsutredning), forecast \(year) (rate scenario \(scenario)), amounts in \(unit.rawValue)"
    }
    var balanskravColumns: [String] { sv ? ["", "Prognos"] : ["", "Forecast"] }
    var afterAdjustments: String { sv ? "Årets resultat efter balanskravsjusteringar" : "Result after balanced-budget adjustments" }
    var balanskravsresultat: String { sv ? "Balanskravsresultat" : "Balanced-budget result" }

    func scenariosTitle(unit: AmountUnit) -> String {
        sv ? "Årets resultat och balanskravsresultat per räntescenario och år, belopp \(unit.rawValue)"
           : "Result for the year and balanced-budget result by rate scenario and year, amounts in \(unit.rawValue)"
    }
    var scenario: String { sv ? "Räntescenario" : "Rate scenario" }
    var scenarioColumns: [String] {
        sv ? ["Räntescenario", "År", "Årets\nresultat", "Finans\u{AD}netto", "Balanskravs\u{AD}resultat", "Andel av\nskatter och\nbidrag", "Finansiellt\nmål"]
           : ["Rate scenario", "Year", "Result for\nthe year", "Financial\nnet", "Balanced-\nbudget result", "Share of\ntaxes and\ngrants", "Financial\ntarget"]
    }
    func verdict(_ ok: Bool?) -> String {
        guard let ok else { return "–" }
        return ok ? (sv ? "uppfyllt" : "met") : (sv ? "ej uppfyllt" : "not met")
    }
    func target(share: String, value: String, ok: Bool) -> String {
        sv ? "Finansiellt mål: årets resultat \(value) av skatteintäkter och generella statsbidrag, målet \(share): \(verdict(ok))"
           : "Financial target: result for the year \(value) of tax revenue and general grants, the target \(share): \(verdict(ok))"
    }

    var deficitsTitle: String { sv ? "Underskott att återställa (balanskravet, tre år)" : "Deficits to restore (balanced-budget requirement, three years)" }
    var deficitColumns: [String] {
        sv ? ["Räntescenario", "År", "Underskott", "Återställs\nsenast", "Kvar", "Status"] : ["Rate scenario", "Year", "Deficit", "Restore\nby", "Remaining", "Status"]
    }
    func status(_ d: MunicipalResult.Deficit) -> String {
        if d.waived { return sv ? "synnerliga skäl" : "waived (synnerliga skäl)" }
        if d.late { return sv ? "ej återställt inom tre år" : "not restored within three years" }
        if d.restored { return sv ? "återställt" : "restored" }
        return sv ? "öppet" : "open"
    }
    /// R4's finding, shown in every view.
    func finding(scenario: String, year: Int, amount: String, restoreBy: Int) -> String {
        sv ? "Ej återställt inom tre år: underskottet \(year) (\(amount)) i räntescenario \(scenario) skulle ha återställts senast \(restoreBy)."
           : "Not restored within three years: the deficit of \(year) (\(amount)) in rate scenario \(scenario) was to be restored by \(restoreBy)."
    }
    var findingsTitle: String { sv ? "Iakttagelser" : "Findings" }

    func simulationTitle(paths: Int, unit: AmountUnit) -> String {
        sv ? "Monte Carlo: årets resultat och balanskravsresultat per år (\(paths) banor), belopp \(unit.rawValue)"
           : "Monte Carlo: result for the year and balanced-budget result by year (\(paths) paths), amounts in \(unit.rawValue)"
    }
    var simulationColumns: [String] {
        sv ? ["År", "Årets resultat\nmedel", "P05", "P50", "P95", "Balanskravsres.\nmedel", "P05", "P50", "P95", "P(under-\nskott)"]
           : ["Year", "Result\nmean", "P05", "P50", "P95", "Balanced-budget\nmean", "P05", "P50", "P95", "P(deficit)"]
    }
    var chartTitle: String { sv ? "Balanskravsresultat per räntescenario och år (noll markerad)" : "Balanced-budget result by rate scenario and year (zero marked)" }
    var fanTitle: String {
        sv ? "Balanskravsresultat per år: P05–P95 och median, med sannolikheten för underskott"
           : "Balanced-budget result by year: P05–P95, median and the probability of a deficit"
    }
    var probabilityTitle: String { sv ? "Sannolikhet för underskott (balanskravsresultat < 0) per år" : "Probability of a deficit (balanced-budget result < 0) by year" }
}
