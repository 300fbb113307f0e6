import Testing
@testable import PrognosCore

/// Issue 20 item 5: the byte-level readings of plain numbers and months give exactly what the
/// general (Character by Character) parsers give. The general path is reached by a leading
/// space, which plain text never has and which the general parsers trim (`trimmingSpaces`).
@Suite("Plain CSV literals (issue 20)")
struct PlainLiteralsTests {
    static func strings(_ alphabet: [String], count: Int, seed: UInt64) -> [String] {
        var s = seed
        func next() -> Int {   // SplitMix64
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000_003)
        }
        return (0..<count).map { _ in (0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    @Test("csvNumber and decimal: the plain reading equals the general one on 20,000 generated cells (both delimiters)")
    func numbersAgree() {
        let cells = Self.strings(["0", "1", "7", "9", ".", ",", "-", "+", "e", "%", " ", "\u{00A0}", "x", "٣"], count: 20_000, seed: 5)
            + ["1.854", "-0.000231", "1,5", "+3", "-", ".", ",", "1.", ",5", "1,234", "1.234", "007", "-,5",
               "0,47%", "-1.5%", "%", "5%%", ",%", "1.234%", "1,5 %"]
        var plain = 0
        for c in cells {
            for semicolon in [false, true] {
                #expect(Literal.csvNumber(c, semicolon: semicolon) == Literal.csvNumber(" " + c, semicolon: semicolon), "\(c)")
                if Literal.plainCSVNumber(c, semicolon: semicolon) != nil { plain += 1 }
            }
            let a = Literal.decimal(c, shift: 6), b = Literal.decimal(" " + c, shift: 6)
            #expect(a == b || (a?.isNaN == true && b?.isNaN == true), "\(c)")
        }
        #expect(plain > 1_000)   // the fast path was taken often enough to be tested
        // Values by hand: 1,5 under ';' is 1.5; 1.854 mnkr is 1,854,000 kr.
        #expect(Literal.csvNumber("1,5", semicolon: true) == .success("1.5"))
        #expect(Literal.csvNumber("0,47%", semicolon: true) == .success("0.47%"))   // a rate cell of a ';' loan file
        #expect(Literal.decimal("1.854", shift: 6) == 1_854_000)
    }

    @Test("Month(iso:): the byte reading accepts exactly DDDD-DD, as the general check does")
    func monthsAgree() {
        func general(_ text: String) -> Month? {   // the check as it was before issue 20
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            return Month(year: y, month: m)
        }
        let texts = Self.strings(["2", "0", "1", "3", "9", "-", "-", "-", " ", "٣", "\u{301}"], count: 20_000, seed: 7)
            + ["2024-03", "2024-13", "0000-01", "2024-3", "2024-003", "2024-03 ", "२०२४-03"]
        for t in texts { #expect(Month(iso: t) == general(t), "\(t)") }
        #expect(Month(iso: "2024-03") == Month(year: 2024, month: 3))
    }
}
