import Foundation
import Testing
@testable import PrognosCore

@Suite("Portfolio input: loans inline and from CSV, and every bad input rejected")
struct PortfolioInputTests {
    static let head = """
    prognos: 1
    unit: mnkr
    treasury:
      valuation_date: 2024-03-31

    """

    @Test("a Swedish Excel CSV: ';', decimal comma, space thousands separators (rule F3), defaults for empty cells")
    func swedishCSV() throws {
        let csv = "id;type;notional;start;maturity;rate;margin;floor;amortization_amount;amortization_frequency;green;lender\n"
            + "C1;fixed;1 234,5;2024-01-15;2030-01-15;3,25%;;;;;true;Kommuninvest\n"
            + "C2;floating;1\u{00A0}000;2024-01-31;2029-01-31;;0,30%;0%;200;12;;bank\n"
        let s = try #require(try load(Self.head + "  loans_file: loans.csv\n", extra: ["loans.csv": csv]).value)
        let loans = try #require(s.treasury?.loans)
        #expect(loans.count == 2)
        #expect(loans[0].notional == 1_234_500_000)
        #expect(loans[0].rate == 0.0325)
        #expect(loans[0].dayCount == .thirty360 && loans[0].frequencyMonths == 12)   // fixed defaults
        #expect(loans[0].green && loans[0].lender == "Kommuninvest")
        #expect(loans[1].notional == 1e9 && loans[1].margin == 0.003 && loans[1].floor == 0)
        #expect(loans[1].dayCount == .act360 && loans[1].frequencyMonths == 3)       // floating defaults
        #expect(loans[1].amortization == Amortization(amount: 200e6, frequencyMonths: 12))
    }

    @Test("a comma CSV takes decimal points; a rate without a unit is an error there too")
    func commaCSV() throws {
        let csv = "id,type,notional,start,maturity,rate\nC1,fixed,100.5,2024-01-15,2030-01-15,3.25\n"
        let failure = try #require(try load(Self.head + "  loans_file: loans.csv\n", extra: ["loans.csv": csv]).failure)
        let d = try #require(failure.diagnostics.first)
        // "C1,fixed,100.5,2024-01-15,2030-01-15," is 37 characters: the rate cell starts at column 38.
        #expect(d.description.hasSuffix("loans.csv:2:38: error: rate '3.25' has no unit; write 3.25% or 325bp in column 'rate' for loan C1"))
    }

    @Test("every bad portfolio input is an error with its position, and all are reported")
    func badInputs() throws {
        let yaml = Self.head + """
          loans_file: loans.csv
          loans:
            - {id: L1, type: fixed, notional: 100, start: 2024-01-15, maturity: 2023-01-15, rate: 3%}
            - {id: L2, type: fixed, notional: -5, start: 2024-01-15, maturity: 2026-01-15, rate: 3%}
            - {id: L3, type: floating, notional: 100, start: 2024-01-15, maturity: 2026-01-15, day_count: ACT/366}
            - {id: L4, type: fixed, notional: 100, start: 2024-01-15, maturity: 2026-01-15, rate: 4}
            - {id: L1, type: fixed, notional: 100, start: 2024-01-15, maturity: 2026-01-15, rate: 3%}
            - {id: L5, type: fixd, notional: 100, start: 2024-01-15, maturity: 2026-01-15, rate: 3%}
            - {id: L6, type: floating, notional: 100, start: 2024-01-15, maturity: 2026-01-15, rate: 3%}
          swaps:
            - {id: S1, pay: fixed, notional: 100, start: 2024-01-15, maturity: 2026-01-15}
        """
        let csv = "id;type;notional;start;maturity;rate;margin\nC1;fixed;100;2024-01-15;2030-01-15;3,25%;\n"
            + "C2;floating;100;2024-01-15\nC3;floating;100;2024-01-15;2023-01-15;;0,3%\nC1;fixed;1;2024-01-15;2025-01-15;1%;\n"
        let failure = try #require(try load(yaml, name: "p.yaml", extra: ["loans.csv": csv]).failure)
        #expect(failure.kind == .badInput)
        let lines = failure.diagnostics.map { d in
            "\(d.location.map { URL(fileURLWithPath: $0.file).lastPathComponent + ":\($0.line)" + ($0.column > 0 ? ":\($0.column)" : "") } ?? ""): \(d.message)"
        }
        let expected = [
            "p.yaml:7:73: maturity 2023-01-15 is not after start 2024-01-15 for loan L1",
            "p.yaml:8:39: notional must be positive, found '-5' mnkr for loan L2",
            "p.yaml:9:99: unknown day count 'ACT/366'; expected one of ACT/360, ACT/365F, 30/360 (did you mean 'ACT/360'?) (treasury.loans[L3])",
            "p.yaml:10:91: rate '4' has no unit; write 4% or 400bp (key 'rate' in treasury.loans[L4])",
            "p.yaml:11:12: duplicate instrument id 'L1' (first at ",
            "p.yaml:12:22: 'fixd' is not one of fixed, floating (did you mean 'fixed'?) (key 'type' in treasury.loans[L5])",
            "p.yaml:13:94: 'rate' is for fixed loans; a floating loan has 'margin' over STIBOR 3M for loan L6",
            "p.yaml:15:7: missing required key 'fixed_rate' in treasury.swaps[S1]",
            "loans.csv:3: row has 4 fields; the header has 7",
            "loans.csv:4:28: maturity 2023-01-15 is not after start 2024-01-15 for loan C3",   // "C3;floating;100;2024-01-15;" is 27
            "loans.csv:5: duplicate instrument id 'C1' (first at ",
        ]
        #expect(lines.count == expected.count, "\(lines.joined(separator: "\n"))")
        for e in expected {
            #expect(lines.contains { $0.hasPrefix(e) }, "\(e)\n— got:\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test("tenor-mix shares must sum to 100 %; a mix entry needs a real tenor")
    func tenorMix() throws {
        let yaml = Self.head + """
          refinancing:
            tenor_mix: [{tenor: 3Y, type: fixed, share: 50%}, {tenor: 5X, type: fixed, share: 30%}]
        """
        let failure = try #require(try load(yaml).failure)
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("expected a tenor such as 3Y or 18M, found '5X'"))
        #expect(messages.contains("tenor_mix shares sum to 50.00 %, not 100 %"))
    }

    @Test("rate scenarios: a key of another type, an unknown base, a base cycle, a curve scenario without a curve")
    func scenarioErrors() throws {
        let yaml = Self.head + """
        rates:
          scenarios:
            - {name: base, type: curve}
            - {name: a, type: flat, level: 3%, shift: 1%}
            - {name: b, type: shift, base: bas, shift: 1%}
            - {name: c, type: shift, base: d, shift: 1%}
            - {name: d, type: shift, base: c, shift: 1%}
        """
        let s = try load(yaml)
        let messages: [String]
        switch s {
        case .failure(let f): messages = f.diagnostics.map(\.message)
        case .success(let scenario):
            do { _ = try ScenarioRun.compute(scenario); messages = [] } catch { messages = error.diagnostics.map(\.message) }
        }
        #expect(messages.contains("'shift' is not used by a scenario of type flat"))
    }

    @Test("scenario labels: blank, shared by two scenarios, or another scenario's name are errors at the label; a label equal to its own name is fine")
    func scenarioLabels() throws {
        // docs/decisions.md "Scenario labels": tables show the label, so two scenarios must never print alike.
        let yaml = Self.head + """
        rates:
          scenarios:
            - {name: base, type: curve, label: base}
            - {name: a, type: shift, shift: 1%, label: "  "}
            - {name: b, type: shift, shift: 2%, label: Höjning}
            - {name: c, type: shift, shift: 3%, label: "Höjning "}
            - {name: d, type: shift, shift: 4%, label: b}
            - {name: e, type: shift, shift: 5%, label: Sänkning}
        """
        let failure = try #require(try load(yaml).failure)
        let errors = failure.diagnostics.map { ($0.location?.line ?? 0, $0.message) }
        #expect(errors.count == 3, "\(errors)")
        // Line numbers: the header is 4 lines, rates: is line 5, base line 7, a line 8.
        #expect(errors.contains { $0.0 == 8 && $0.1.contains("a blank label would show the scenario without a name; leave 'label' out to show the name 'a'") }, "\(errors)")
        #expect(errors.contains { $0.0 == 10 && $0.1.contains("label 'Höjning ' of scenario 'c' is already the label of scenario 'b' (at ") && $0.1.contains("s.yaml:9:48)") }, "\(errors)")
        #expect(errors.contains { $0.0 == 11 && $0.1.contains("label 'b' of scenario 'd' is the name of another scenario (at ") && $0.1.contains("s.yaml:9:14)") }, "\(errors)")
        // A unique label, and a label equal to its own name, load.
        let fine = Self.head + """
        rates:
          scenarios:
            - {name: base, type: curve, label: base}
            - {name: b, type: shift, shift: 2%, label: Höjning}
        """
        #expect(try load(fine).value != nil)
    }

    @Test("scenario bases are checked when the run builds them")
    func scenarioBases() throws {
        let yaml = Self.head + """
        rates:
          scenarios:
            - {name: base, type: curve}
            - {name: b, type: shift, base: bas, shift: 1%}
            - {name: c, type: shift, base: d, shift: 1%}
            - {name: d, type: shift, base: c, shift: 1%}
        """
        let scenario = try #require(try load(yaml).value)
        do {
            _ = try ScenarioRun.compute(scenario)
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains("this scenario needs the initial curve (treasury.curve)"))
            #expect(messages.contains("scenario 'b' has base 'bas', which is not a scenario (did you mean 'base'?)"))
            #expect(messages.contains { $0.hasPrefix("scenario bases form a cycle: c → d → c") })
        }
    }

    @Test("the shipped treasury scenario runs: 15.6 bn at V, every scenario, sensitivity beside the rule of thumb")
    func shippedScenario() throws {
        let path = repositoryRoot.appendingPathComponent("Scenarios/treasury-2024.yaml").path
        let run = try ScenarioRun.compute(try Scenario.load(path: path))
        let t = try #require(run.treasury)
        #expect(abs(t.debtAtValuation - 15_600e6) < 1)
        #expect(t.scenarios.map(\.name) == ["base", "minus100", "plus100", "plus200", "ramp200", "riksbank-2024-2025"])
        #expect(t.sensitivity.years.count == 3)
        // With refinancing the debt stays at 15.6 bn at every year end.
        #expect(t.scenarios[0].years.allSatisfy { abs($0.debtEnd - 15_600e6) < 1 })
        // Higher rates cost more, every year; the Riksbank's cuts cost less than the
        // curve's forwards in 2025–2026.
        let byName = Dictionary(uniqueKeysWithValues: t.scenarios.map { ($0.name, $0.years) })
        for i in 0..<10 {
            #expect(byName["minus100"]![i].externalInterest < byName["base"]![i].externalInterest)
            #expect(byName["base"]![i].externalInterest < byName["plus100"]![i].externalInterest)
        }
        #expect(byName["riksbank-2024-2025"]![1].externalInterest < byName["base"]![1].externalInterest)
        // The 100 bp sensitivity is below the D × 1 pp rule of thumb: fixed debt does not reprice.
        #expect(t.sensitivity.years.allSatisfy { $0.group > 0 && $0.group < $0.ruleOfThumb })
        // The plus100 scenario and the sensitivity shift agree in year 2 (both +100 bp on the curve).
        #expect(abs((byName["plus100"]![1].externalInterest - byName["base"]![1].externalInterest) - t.sensitivity.years[1].group) < 1)
    }
}
