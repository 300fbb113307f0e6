/// Shares of external debt per lender and of swap notional per counterparty (treasury.md,
/// "What treasury reports also need"): an instrument without one counts as "okänd".
public enum LenderShares {
    /// The name of an instrument without a lender or counterparty (the JSON key too).
    public static let unknown = "okänd"

    static func name(_ given: String?) -> String {
        guard let t = given?.trimmingSpaces(), !t.isEmpty else { return unknown }
        return t
    }

    /// Each name's amount ÷ total, in name order; empty when the total is 0.
    static func shares(_ amounts: [String: Double], of total: Double) -> [(name: String, share: Double)] {
        guard total > 0 else { return [] }
        return amounts.keys.sorted().map { ($0, amounts[$0]! / total) }
    }
}
