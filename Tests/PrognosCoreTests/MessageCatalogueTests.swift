import Foundation
import Testing
@testable import PrognosCore

/// The message catalogue (issue 16 items 1–2, spec/files.md "Human-facing text follows
/// `--lang` everywhere"): every code in both languages with the same parameters, Swedish texts
/// without rule ids, and the parameters in each language's number style.
@Suite("message catalogue")
struct MessageCatalogueTests {
    /// The `{n}` placeholders of a template (not `{value, refers_to}`, which is text).
    static func placeholders(_ s: String) -> Set<Int> {
        let regex = try! NSRegularExpression(pattern: #"\{([0-9]+)\}"#)
        return Set(regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { m in
            Range(m.range(at: 1), in: s).flatMap { Int(s[$0]) }
        })
    }

    @Test("every code has a non-empty Swedish and English text with the same placeholders")
    func complete() {
        for code in MessageCode.allCases {
            let sv = MessageCatalogue.template(code, .sv), en = MessageCatalogue.template(code, .en)
            #expect(!sv.trimmingCharacters(in: .whitespaces).isEmpty, "\(code.rawValue): no Swedish text")
            #expect(!en.trimmingCharacters(in: .whitespaces).isEmpty, "\(code.rawValue): no English text")
            #expect(Self.placeholders(sv) == Self.placeholders(en), "\(code.rawValue): \(Self.placeholders(sv)) vs \(Self.placeholders(en))")
            // Placeholders are numbered from 0 without gaps, so no parameter is dropped silently.
            let p = Self.placeholders(en)
            #expect(p == Set(0..<p.count), "\(code.rawValue): placeholders \(p.sorted())")
        }
        // Codes are stable JSON values: unique and dotted lower case.
        let codes = MessageCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.range(of: #"^[a-z_]+(\.[a-z_0-9]+)?$"#, options: .regularExpression) != nil })
    }

    @Test("Swedish texts name no rule ids and no spec files; they differ from the English")
    func swedishForReaders() {
        for code in MessageCode.allCases where code != .inputWarning && code != .verbatim {
            let sv = MessageCatalogue.template(code, .sv)
            #expect(sv.range(of: #"\b(rule|rules|regel) [A-Z][0-9]"#, options: .regularExpression) == nil, "\(code.rawValue): \(sv)")
            #expect(!sv.contains("spec/"), "\(code.rawValue): \(sv)")
            #expect(sv != MessageCatalogue.template(code, .en), "\(code.rawValue) is not translated")
        }
    }

    /// The Character-by-Character rendering `Message.text` did until 2026-12-02, kept as the
    /// reference for the byte-wise one.
    static func reference(_ template: String, _ args: [String]) -> String {
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{", let close = template[i...].firstIndex(of: "}"),
               let n = Int(template[template.index(after: i)..<close]), n >= 0, n < args.count {
                out += args[n]
                i = template.index(after: close)
            } else {
                out.append(c)
                i = template.index(after: i)
            }
        }
        return out
    }

    @Test("the byte-wise rendering gives the Character-wise text for every code, language and argument count")
    func byteWiseRendering() {
        // Arguments that hold braces and a placeholder of their own (not expanded again) and
        // non-ASCII letters.
        let args: [MessageArg] = [.text("å{1}"), .text("}{"), .text("Stångåstaden"), .text(""), .text("{0}"), .text("ä")]
        var compared = 0
        for code in MessageCode.allCases {
            for lang in [Language.sv, .en] {
                for count in [0, 1, 3, args.count] {
                    let m = Message(code, args: Array(args.prefix(count)))
                    let expected = Self.reference(MessageCatalogue.template(code, lang), m.args.map { $0.text(lang) })
                    #expect(m.text(lang) == expected, "\(code.rawValue) \(lang) \(count)")
                    compared += 1
                }
            }
        }
        #expect(compared == MessageCode.allCases.count * 8)
        // By hand: `verbatim` is "{0}" in both languages; its argument as it is, braces and
        // all; without an argument the placeholder stays as written.
        #expect(Message(.verbatim, .text("å{1}ö")).text(.sv) == "å{1}ö")
        #expect(Message(.verbatim, args: []).text(.en) == "{0}")
    }

    @Test("parameters in the language's number style (hand-checked)")
    func numberStyle() {
        // 0.368 = 36.8 %: decimal comma and a space before % in Swedish.
        #expect(MessageArg.percent(0.368, decimals: 1).text(.sv) == "36,8 %")
        #expect(MessageArg.percent(0.368, decimals: 1).text(.en) == "36.8 %")
        // A limit as a reader writes it: an en dash between the bounds, one decimal, the unit once.
        #expect(MessageArg.limit(min: 1.5, max: 4, years: true).text(.sv) == "1,5–4,0 år")
        #expect(MessageArg.limit(min: 0.10, max: 0.30, years: false).text(.sv) == "10,0–30,0 %")
        #expect(MessageArg.limit(min: 2, max: nil, years: true).text(.sv) == "minst 2,0 år")
        #expect(MessageArg.limit(min: nil, max: 0.30, years: false).text(.sv) == "högst 30,0 %")
        #expect(MessageArg.limit(min: 1.5, max: 4, years: true).text(.en) == "[1.50 years, 4.00 years]")
        // 42 719 100 000 kr = 42 719,1 mnkr: a space between thousands in Swedish, none in English.
        #expect(MessageArg.amount(42_719_100_000, .mnkr).text(.sv) == "42 719,1")
        #expect(MessageArg.amount(42_719_100_000, .mnkr).text(.en) == "42719.1")
        #expect(MessageArg.amount(-1_234_567_000, .mnkr).text(.sv) == "-1 234,6")   // 1234.567 to one decimal
        #expect(MessageArg.number(15, decimals: 1).text(.sv) == "15,0")
        #expect(MessageArg.policyValue(1.953, years: true).text(.sv) == "1,95 år")
        #expect(MessageArg.policyValue(nil, years: false).text(.sv) == "ingen")
        #expect(MessageArg.month(3).text(.sv) == "mars")
        #expect(MessageArg.month(3).text(.en) == "March")
        #expect(MessageArg.int(100_000).text(.sv) == "100 000")
        #expect(MessageArg.int(1024).text(.sv) == "1024")
    }

    @Test("whole messages: a policy breach, the month, a reconciliation (hand-written expectations)")
    func messages() {
        let rule = PolicyRule.fixingBucket("1-3")
        let breach = Message(.policyBreach, .term(sv: rule.name(.sv), en: rule.name(.en)), .text("2025-12-31"),
                             .policyValue(0.368, years: false), .limit(min: 0.10, max: 0.30, years: false))
        #expect(breach.text(.sv) == "finanspolicyn bryts: Räntebindning 1–3 år per 2025-12-31: 36,8 %, gränsen är 10,0–30,0 %")
        #expect(breach.text(.en) == "policy breach: Fixing 1–3 years on 2025-12-31: 36.8 % is outside [10.0 %, 30.0 %]")
        let month = Message(.operatingMonth, .int(3), .month(3), .text("2024"), .text("2024-03-31"))
        #expect(month.text(.sv) == "M = 3: utfallet hittills avser januari–mars 2024 (per 2024-03-31).")
        #expect(month.text(.en) == "M = 3: actuals to date cover January–March 2024 (as_of 2024-03-31).")
        // The seed's printed budget_ytd 160.5 against the rows' 160.4; tolerance 8 rows × 0.05 = 0.4 (rule O8).
        let recon = Message(.operatingReconciliationRounding, TotalColumn.budgetYTD.term, .amount(160.5e6, .mnkr), .text("mnkr"),
                            .amount(160.4e6, .mnkr), .amount(0.4e6, .mnkr), .int(8))
        #expect(recon.text(.sv) == "Rapportens summa för budget hittills, 160,5 mnkr, skiljer sig från radernas summa 160,4: en avrundningsdifferens (inom 0,4 för 8 rader).")
        #expect(recon.text(.en) == "reported total budget_ytd 160.5 mnkr against the rows' sum 160.4: a rounding difference (within 0.4 for 8 rows, rule O8)")
    }

    @Test("names, not codes: methods, models, policy rules, buckets with an en dash")
    func names() {
        #expect(MethodTerm.allCases.map { $0.name(.sv) } == ["Manuell", "Budget återstår", "Takt", "Säsongsprofil", "Trend"])
        #expect(MethodTerm.name(key: "budget_remaining", .sv) == "Budget återstår")
        #expect(MethodTerm.name(key: nil, .sv) == nil)
        #expect(ModelTerm.name(key: "hull_white", .sv) == "Hull–White")
        #expect(ModelTerm.name(key: "vasicek", .en) == "Vasicek")
        #expect(PolicyRule.name(key: "share_maturing_12m", .sv) == "Kapitalförfall inom 12 mån")
        #expect(PolicyRule.name(key: "fixing_buckets.0-1", .sv) == "Räntebindning 0–1 år")
        #expect(PolicyRule.name(key: "maturity_years", .sv) == "Kapitalbindningstid")
        // Every rule has a Swedish name that is not its key.
        for r in PolicyRule.fixed { #expect(r.name(.sv) != r.key && !r.name(.sv).contains("_")) }
    }

    @Test("a message survives a part file's header (Codable); a sentence saved before the catalogue stays as written")
    func codable() throws {
        let m = Message(.treasuryRefinanced, .text("2024-03-31"), .text("2034-03-31"), .amount(42_719_100_000, .mnkr))
        let back = try JSONDecoder().decode(Message.self, from: JSONEncoder().encode(m))
        #expect(back == m)
        #expect(back.text(.sv).hasSuffix("sammanlagt lånas 42 719,1 mnkr upp på nytt."))
        let legacy = try JSONDecoder().decode([Message].self, from: Data(#"["Old sentence."]"#.utf8))
        #expect(legacy.first?.text(.sv) == "Old sentence.")
        let warning = try JSONDecoder().decode([WarningEntry].self, from: Data(#"["x.yaml:1:2: warning: old"]"#.utf8))
        #expect(warning.first == WarningEntry(code: "input.warning", message: "x.yaml:1:2: warning: old", file: nil, line: nil, column: nil))
    }

    @Test("a warning's line for standard error: Swedish word and text, location kept")
    func diagnosticLine() {
        let d = Diagnostic(.warning, Message(.treasuryNoRefinancingWarning), at: SourceLocation(file: "a.yaml", line: 4, column: 3))
        #expect(d.line(.sv) == "a.yaml:4:3: varning: Filen har ingen refinansiering: portföljen minskar i takt med att lånen förfaller.")
        #expect(d.line(.en) == "a.yaml:4:3: warning: no refinancing section: the portfolio runs off as loans mature (rule T6)")
        #expect(d.code == .treasuryNoRefinancingWarning)
        let entry = WarningEntry(d, lang: .sv)
        #expect(entry.code == "treasury.no_refinancing_warning" && entry.file == "a.yaml" && entry.line == 4 && entry.column == 3)
    }
}
