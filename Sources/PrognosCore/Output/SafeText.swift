/// Text that a person sees: made safe for a terminal or a spreadsheet without changing
/// what it says (issue 14, "What a person sees is safe"). Machine outputs (JSON, the
/// rfc4180 CSV) keep the real strings.
public enum TerminalText {
    /// Whether a character is shown escaped in a terminal: C0 controls, DEL, C1 controls
    /// (ESC starts colour codes and cursor moves, BEL rings, CR overwrites a line) and the
    /// bidirectional overrides and isolates that reorder what is displayed ("Trojan Source").
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `s` with every control character written as Swift writes it in a string literal:
    /// `\t`, `\n`, `\r`, otherwise `\u{1B}` (hexadecimal, upper case, no leading zeros).
    /// Backslashes themselves are kept as they are (a name that contains the six characters
    /// `\u{1B}` reads the same as one with an ESC: a price paid for readable paths).
    /// `keepNewlines` keeps `\n` for multi-line text (a rendered table).
    public static func escaped(_ s: String, keepNewlines: Bool = false) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard needsEscape(u) else { out.append(u); continue }
            switch u {
            case "\n" where keepNewlines: out.append(u)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// A piece of input quoted in a message: escaped, and cut to `limit` characters with `…`
    /// so that a file that is not YAML is not echoed back line by line.
    public static func quoted(_ s: String, limit: Int = 40) -> String {
        let e = escaped(s)
        return e.count <= limit ? e : String(e.prefix(limit - 1)) + "…"
    }
}

/// Text cells of Excel-bound outputs (the excel-sv CSV; the batch results.csv): a cell that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by a spreadsheet
/// as a formula (CSV injection, OWASP). Such a cell gets a leading `'` and is quoted, so it
/// shows as the text it is. Only text cells go through this: numbers (a negative amount
/// `-3,0`) are written as they are.
public enum SpreadsheetText {
    /// First characters that start a formula (OWASP's list, with line feed and the full-width
    /// ＝ ＋ － ＠ that some spreadsheets also accept).
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n",
                                                "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether `cell` would start a formula in a spreadsheet (judged on its first Unicode scalar,
    /// so a combining mark after `=` does not hide it).
    public static func isFormulaLike(_ cell: String) -> Bool {
        cell.unicodeScalars.first.map(triggers.contains) ?? false
    }

    /// `cell` made inert: `'` + cell when it begins like a formula, else unchanged. The writer
    /// also quotes such a cell (`"'=1+1"`), as OWASP recommends.
    public static func neutralized(_ cell: String) -> String {
        isFormulaLike(cell) ? "'" + cell : cell
    }
}
