import Testing
@testable import PrognosCore

@Suite("Literals: amounts, rates, dates, booleans")
struct LiteralTests {
    @Test("units convert to kronor exactly: 6.8 mnkr = 6,800,000 kr, 1.5 tkr = 1,500 kr")
    func unitConversion() {
        #expect(Literal.amount("6.8", unit: .mnkr) == .success(6_800_000))
        #expect(Literal.amount("146.6", unit: .mnkr) == .success(146_600_000))
        #expect(Literal.amount("-7.6", unit: .mnkr) == .success(-7_600_000))
        #expect(Literal.amount("1.5", unit: .tkr) == .success(1_500))
        #expect(Literal.amount("1234", unit: .kr) == .success(1_234))
        #expect(Literal.amount("1e9", unit: .kr) == .success(1_000_000_000))
        #expect(Literal.amount("15.6e3", unit: .mnkr) == .success(15_600_000_000))
        // 0.1 + 0.2 style drift does not happen: the decimal text is scaled before rounding.
        #expect(Literal.amount("0.3", unit: .mnkr) == .success(300_000))
    }

    @Test("bad amounts are errors: text, non-finite, absurd")
    func badAmounts() {
        #expect(Literal.amount("abc", unit: .mnkr) == .failure("expected an amount (a number in mnkr), found 'abc'"))
        #expect(Literal.amount(".inf", unit: .mnkr) == .failure("amount '.inf' is not a finite number"))
        #expect(Literal.amount(".nan", unit: .tkr) == .failure("amount '.nan' is not a finite number"))
        #expect(Literal.amount("1e20", unit: .mnkr).failure != nil)
        #expect(Literal.amount("1_000", unit: .kr).failure != nil)
        #expect(Literal.amount("4%", unit: .kr).failure != nil)
    }

    @Test("rates need % or bp: 4 is rejected, 4% and 400bp are equal")
    func rates() {
        #expect(Literal.rate("4") == .failure("rate '4' has no unit; write 4% or 400bp"))
        #expect(Literal.rate("0.03") == .failure("rate '0.03' has no unit; write 0.03% or 3bp"))
        #expect(Literal.rate("4%") == .success(0.04))
        #expect(Literal.rate("400bp") == .success(0.04))
        #expect(Literal.rate("4%") == Literal.rate("400bp"))
        #expect(Literal.rate("3.25%") == .success(0.0325))
        #expect(Literal.rate("25bp") == .success(0.0025))
        #expect(Literal.rate("-0.5%") == .success(-0.005))
        #expect(Literal.rate("4 pct").failure != nil)
        #expect(Literal.rate("250%") == .failure("rate '250%' is outside −100 % … 100 %"))
    }

    @Test("booleans are true/false only (rule F1)")
    func booleans() {
        #expect(Literal.bool("true") == .success(true))
        #expect(Literal.bool("false") == .success(false))
        for word in ["yes", "no", "on", "off", "True", "1"] {
            #expect(Literal.bool(word) == .failure(LiteralError(stringLiteral: "expected true or false, found '\(word)'")))
        }
    }

    @Test("ISO dates and months; impossible dates are errors")
    func dates() {
        #expect(Literal.date("2024-03-31").value == Day(year: 2024, month: 3, day: 31))
        #expect(Literal.date("2024-02-29").value != nil)
        #expect(Literal.date("2023-02-29") == .failure("'2023-02-29' is not a real date"))
        #expect(Literal.date("2024-02-30") == .failure("'2024-02-30' is not a real date"))
        #expect(Literal.date("31/03/2024") == .failure("expected an ISO date YYYY-MM-DD, found '31/03/2024'"))
        #expect(Literal.month("2024-03").value == Month(year: 2024, month: 3))
        #expect(Literal.month("2024-13").failure != nil)
    }

    @Test("day arithmetic: serials count days (1970-01-01 = 0, leap years)")
    func daySerials() throws {
        #expect(Day(year: 1970, month: 1, day: 1)?.serial == 0)
        // 2024-03-31 − 2024-01-01 = 31 + 29 + 30 = 90 days (2024 is a leap year).
        let a = try #require(Day(year: 2024, month: 1, day: 1)), b = try #require(Day(year: 2024, month: 3, day: 31))
        #expect(b.serial - a.serial == 90)
        // 2000-03-01 is day 11017 since the epoch (30 years incl. 7 leap days + 59 + 1 − 1).
        #expect(Day(year: 2000, month: 3, day: 1)?.serial == 11017)
        #expect(Day(serial: 19813).description == "2024-03-31")
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
    }
}
