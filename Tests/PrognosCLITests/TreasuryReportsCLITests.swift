import Foundation
import Testing

/// The shipped internal-bank scenario prints what a treasurer's report needs (issue 19):
/// in Swedish, metrics with and without derivatives, lender shares against the policy,
/// swap values per scenario, the Riksbank policy path as a labelled scenario.
@Suite("prognos CLI: treasury reports (issue 19)", .serialized)
struct TreasuryReportsCLITests {
    @Test("linkoping-internbank-2024: labelled policy path, without derivatives, lenders against policy, swap values per scenario")
    func shippedInternalBank() throws {
        let r = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        for text in ["Riksbankens bana 2024–2025", "Genomsnittlig ränta, exkl. derivat", "Räntebindningstid, exkl. derivat",
                     "Andel rörlig ränta", "Långivare: Kommuninvest", "Största långivarens andel", "≤ 70 %",
                     "Swapmotpart: SEB", "Swapparnas marknadsvärde per scenario", "Marknadsvärde per swap vid 2024-03-31",
                     "Föreg. år", "2023-12-31"] {
            #expect(r.stdout.contains(text), "missing: \(text)")
        }
        // The id is not what a reader sees in the scenario columns.
        #expect(!r.stdout.contains("| riksbank-2024-2025 |"))

        let json = try CLITests.prognos(["run", "Scenarios/linkoping-internbank-2024.yaml", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let treasury = try #require(object["treasury"] as? [String: Any])
        let scenarios = try #require(treasury["scenarios"] as? [[String: Any]])
        let riksbank = try #require(scenarios.first { $0["name"] as? String == "riksbank-2024-2025" })
        #expect(riksbank["label"] as? String == "Riksbankens bana 2024–2025")
        // Swap values at V and each of the 10 year ends, under every scenario (T24).
        for sc in scenarios { #expect((sc["swap_market_value"] as? [[String: Any]])?.count == 11) }
        let metrics = try #require(treasury["metrics"] as? [String: Any])
        for key in ["average_rate_excl_derivatives", "fixing_years_excl_derivatives", "share_fixing_12m_excl_derivatives",
                    "fixing_buckets_excl_derivatives", "floating_share", "floating_share_excl_derivatives", "by_lender", "by_counterparty"] {
            #expect(metrics[key] != nil, "\(key)")
        }
        // The pay-fixed swaps lengthen the fixing period (spec: derivatives lengthen it, about 1.35 → 2.7 years here).
        #expect((metrics["fixing_years"] as! Double) > (metrics["fixing_years_excl_derivatives"] as! Double) + 1)
        let lenders = try #require(metrics["by_lender"] as? [String: Double])
        #expect(abs(lenders.values.reduce(0, +) - 1) < 1e-9)
        #expect((treasury["comparatives"] as? [String: Any])?["date"] as? String == "2023-12-31")
        let policy = try #require(treasury["policy"] as? [[String: Any]])
        #expect(policy.contains { $0["rule"] as? String == "max_lender_share" })
        #expect(policy.contains { $0["rule"] as? String == "max_counterparty_swaps" })
    }
}
