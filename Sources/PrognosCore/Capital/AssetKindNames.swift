/// The asset kinds by name, for sentences a reader sees (review of issue 16: "names, never
/// ids"): Swedish as spec/glossary.md and the municipalities' reports write them.
extension AssetKind {
    public func name(_ lang: Language) -> String {
        let sv = lang == .sv
        switch self {
        case .building: return sv ? "byggnader" : "buildings"
        case .equipment: return sv ? "inventarier" : "equipment"
        case .it: return "IT"
        case .land: return sv ? "mark" : "land"
        case .shares: return sv ? "aktier och andelar" : "shares"
        case .other: return sv ? "övrigt" : "other"
        }
    }

    /// Kinds (their file codes) as names in a sentence, in the order given ("byggnader,
    /// inventarier och IT" / "buildings, equipment and IT"); an unknown code as written.
    public static func names(_ codes: [String]) -> MessageArg {
        func list(_ lang: Language) -> String { MessageArg.names(codes.map { AssetKind(rawValue: $0)?.name(lang) ?? $0 }).text(lang) }
        return .term(sv: list(.sv), en: list(.en))
    }
}
