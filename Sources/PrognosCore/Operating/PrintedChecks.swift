import Foundation

extension StatementFigures {
    /// Column-wise sums of units, blank cells counting 0 (rule O17); a column is nil when a
    /// row lacks it without being blank, and a blank forecast keeps the forecast unknown (O10).
    static func sum(_ rows: [UnitProjection]) -> StatementFigures {
        func value(_ r: UnitProjection, _ c: TotalColumn) -> Double? {
            if let v = r.figures[c] { return v }
            let blanks = r.printed.blanks
            switch c {
            case .forecast: return nil
            case .deviation, .deviationYTD:
                // A deviation left blank by a blank operand: the printed one, else the operands with blanks as 0.
                if let printed = c == .deviation ? r.printed.deviation : r.printed.deviationYTD { return printed }
                let (a, b): (TotalColumn, TotalColumn) = c == .deviation ? (.forecast, .budget) : (.actualYTD, .budgetYTD)
                if a == .forecast && r.figures.forecast == nil { return nil }
                guard (r.figures[a] != nil || blanks.contains(a)), (r.figures[b] != nil || blanks.contains(b)) else { return nil }
                return OperatingStatement.deviation(actual: r.figures[a] ?? 0, budget: r.figures[b] ?? 0, r.reportedAs)
            default: return blanks.contains(c) ? 0 : nil
            }
        }
        func total(_ c: TotalColumn) -> Double? {
            var s = 0.0
            for r in rows { guard let v = value(r, c) else { return nil }; s += v }
            return s
        }
        return StatementFigures(actualYTD: total(.actualYTD), budgetYTD: total(.budgetYTD), deviationYTD: total(.deviationYTD),
                                actualYTDPrior: total(.actualYTDPrior), budget: total(.budget), forecast: total(.forecast),
                                deviation: total(.deviation), outcomePrior: total(.outcomePrior))
    }
}

extension GrossFigures {
    /// "varav kostnader / varav intäkter" of the total from the leaf units' gross lines, where the
    /// file gives no total `gross` (operating.md "Real reports as printed"); nil when no leaf has any.
    static func summing(_ leaves: [UnitProjection]) -> GrossFigures? {
        let withGross = leaves.compactMap(\.printed.gross)
        guard !withGross.isEmpty else { return nil }
        func part(_ side: KeyPath<UnitGross, [TotalColumn: Double]>) -> Part {
            func sum(_ c: TotalColumn) -> Double? {
                let values = withGross.compactMap { $0[keyPath: side][c] }
                return values.isEmpty ? nil : values.reduce(0, +)
            }
            return Part(forecast: sum(.forecast), budget: sum(.budget), outcomePrior: sum(.outcomePrior))
        }
        return GrossFigures(costs: part(\.costs), income: part(\.income))
    }
}

extension OperatingStatement {
    /// The row checks of a printed report: a parent's subtotals against its net-cost leaves
    /// (rule O14), printed row deviations (O15), gross lines against the net (O16) and budget
    /// lineages (O21). Differences count whole digits of figures rounded to the last printed
    /// digit; a rounding difference is also a warning in `log`.
    static func printedChecks(_ units: [UnitProjection], tree: UnitTree, digit: PrintedDigit, unit amountUnit: AmountUnit,
                              sign: SignConvention = .netCostPositive, log: DiagnosticLog) -> [Reconciliation] {
        // Messages quote the figures as the file prints them (rule O13); deviations are never flipped.
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Reconciliation] = []
        /// Compares `reported` with `parts` summed, each rounded to the digit; `halfDigits` is the tolerance.
        func check(_ u: UnitProjection, _ column: TotalColumn, label: String? = nil, reported: Double, parts: [Double],
                   halfDigits: Double, at location: SourceLocation, rule: String, what: String, whatSV: String) {
            let k = digit.digits(reported) - parts.reduce(0) { $0 + digit.digits($1) }
            guard k != 0 else { return }
            let printedSign = column == .deviation || column == .deviationYTD || u.reportedAs == .result ? 1 : sign.factor
            let computed = parts.reduce(0, +)
            let status: Reconciliation.Status = abs(k) <= halfDigits / 2 + 1e-9 ? .rounding : .error
            let tolerance = halfDigits * digit.kronor / 2
            let name = label ?? column.rawValue
            func f(_ x: Double) -> String { Format.plain(x * printedSign, amountUnit) }
            /// A tolerance: half digits shown in full (0.15, not 0.2).
            func g(_ x: Double) -> String {
                var t = Format.grouped(x / amountUnit.factor, decimals: amountUnit.decimals + 2, decimalMark: ".", groupMark: "")
                while t.hasSuffix("0") && t.split(separator: ".").last.map({ $0.count > amountUnit.decimals }) == true { t.removeLast() }
                if t.hasSuffix(".") { t.removeLast() }
                return t
            }
            let detail = "unit '\(u.id)' (\(u.name)) \(name): the report prints \(f(reported)), \(what) \(f(computed)), difference \(f(computed - reported)) "
                + (status == .rounding ? "(a rounding difference, within \(g(tolerance)), rule \(rule))"
                                       : "(beyond rounding, tolerance \(g(tolerance)), rule \(rule))")
            let message = Message(status == .rounding ? .operatingPrintedCheckRounding : .operatingPrintedCheckError,
                                  .text(u.name), label.map(Self.labelTerm) ?? column.term, .amount(reported * printedSign, amountUnit),
                                  .term(sv: whatSV, en: what), .amount(computed * printedSign, amountUnit),
                                  .amount((computed - reported) * printedSign, amountUnit),
                                  .term(sv: g(tolerance).replacingOccurrences(of: ".", with: ","), en: g(tolerance) + ", rule " + rule))
            var item = Reconciliation(column: column, reported: reported, computed: computed, difference: computed - reported,
                                      tolerance: tolerance, status: status, location: location, unit: u.id, label: label, detail: detail)
            item.detailMessage = message
            out.append(item)
            if status == .rounding { log.warning(message, at: location) }
        }
        for u in units {
            let p = u.printed
            let location = { (key: String) in p.locations[key] ?? p.gross?.location ?? p.lineage?.location ?? p.locations["(row)"] ?? SourceLocation(file: "", line: 0, column: 0) }
            // O14: a parent's printed subtotals against the sum of its net-cost leaves.
            if !u.isLeaf && u.reportedAs == .netCost {
                let leaves = tree.leaves(under: u.id).compactMap { byID[$0] }.filter { $0.reportedAs == .netCost }
                for column in TotalColumn.allCases {
                    guard let printed = p.subtotals[column] else { continue }
                    let values = leaves.map { $0.figures[column] ?? leafDeviation($0, column) }
                    guard values.contains(where: { $0 != nil }) else { continue }
                    check(u, column, reported: printed, parts: values.map { $0 ?? 0 }, halfDigits: Double(leaves.count),
                          at: location(key(column)), rule: "O14", what: "its \(leaves.count) units sum to", whatSV: "dess \(leaves.count) enheter summerar till")
                }
                if let g = p.gross {
                    for (side, name) in [(\UnitGross.costs, "costs"), (\UnitGross.income, "income")] {
                        for column in UnitGross.columns {
                            guard let printed = g[keyPath: side][column] else { continue }
                            let values = leaves.compactMap { $0.printed.gross?[keyPath: side][column] }
                            guard !values.isEmpty else { continue }
                            check(u, column, label: "gross.\(name).\(column.rawValue)", reported: printed, parts: values,
                                  halfDigits: Double(leaves.count), at: g.location, rule: "O14", what: "its units' \(name) sum to", whatSV: "enheternas \(name == "costs" ? "kostnader" : name == "income" ? "intäkter" : name) summerar till")
                        }
                    }
                }
            }
            // O15: a printed row deviation against the one computed from the printed amounts.
            if u.isLeaf {
                for (column, printed) in [(TotalColumn.deviation, p.deviation), (.deviationYTD, p.deviationYTD)] {
                    guard let printed else { continue }
                    let (a, b): (TotalColumn, TotalColumn) = column == .deviation ? (.forecast, .budget) : (.actualYTD, .budgetYTD)
                    guard let actual = u.figures[a], let budget = u.figures[b] else { continue }
                    let parts = u.reportedAs == .netCost ? [budget, -actual] : [actual, -budget]
                    check(u, column, reported: printed, parts: parts, halfDigits: 3, at: location(key(column)), rule: "O15",
                          what: "its amounts give", whatSV: "dess belopp ger")
                }
            }
            // O16: costs + income = the unit's net figure, per column.
            if let g = p.gross {
                for column in UnitGross.columns {
                    guard let c = g.costs[column], let i = g.income[column] else { continue }
                    guard let net = u.isLeaf ? u.figures[column] : (p.subtotals[column] ?? u.figures[column]) else { continue }
                    check(u, column, label: "gross.\(column.rawValue)", reported: net, parts: [c, i], halfDigits: 3,
                          at: g.location, rule: "O16", what: "costs \(Format.plain(c * (u.reportedAs == .result ? 1 : sign.factor), amountUnit)) + income \(Format.plain(i * (u.reportedAs == .result ? 1 : sign.factor), amountUnit)) make",
                          whatSV: "kostnader \(Format.amount(c * (u.reportedAs == .result ? 1 : sign.factor), amountUnit, .sv)) + intäkter \(Format.amount(i * (u.reportedAs == .result ? 1 : sign.factor), amountUnit, .sv)) ger")
                }
            }
            // O21: a lineage's printed budget against original + Σ changes.
            if let l = p.lineage, let printed = l.printed {
                check(u, .budget, label: "budget.printed", reported: printed, parts: [l.original] + l.changes.map(\.amount),
                      halfDigits: Double(l.changes.count + 1), at: l.location, rule: "O21", what: "original + changes make", whatSV: "ursprunglig budget + ombudgeteringar ger")
            }
        }
        return out
    }

    /// A leaf's deviation for a parent's sum: computed, else printed, else none.
    private static func leafDeviation(_ u: UnitProjection, _ column: TotalColumn) -> Double? {
        switch column {
        case .deviation: return u.printed.deviation
        case .deviationYTD: return u.printed.deviationYTD
        default: return nil
        }
    }

    private static func key(_ c: TotalColumn) -> String { c.rawValue }

    /// A printed check's label in words for a reader: `gross.costs.outcome_prior` is "brutto
    /// (kostnader, fjolårets utfall)", `budget.printed` "budget (ursprunglig + ombudgetering)";
    /// the English text keeps the key, as the catalogue's English does (docs/decisions.md).
    static func labelTerm(_ label: String) -> MessageArg {
        let parts = label.split(separator: ".").map(String.init)
        var sv = label
        if parts.first == "gross", let column = parts.last.flatMap(TotalColumn.init(rawValue:)) {
            let side = parts.count == 3 ? (parts[1] == "costs" ? "kostnader, " : "intäkter, ") : ""
            sv = "brutto (" + side + column.term.text(.sv) + ")"
        } else if label == "budget.printed" {
            sv = "budget (ursprunglig + ombudgetering)"
        }
        return .term(sv: sv, en: label)
    }
}

extension Reconciliation {
    /// Identity of a check across a run and its what-if: unit and column.
    var identity: String { (unit ?? "") + "|" + columnKey }
}

extension OperatingStatement {
    /// What-if (operating.md): a check that failed only because a `--set` changed a figure under it
    /// becomes `overridden`; one that failed on the file as written stays `error`. A difference
    /// within rounding that the `--set` made (the check held exactly on the file as written, or
    /// its difference moved) is the `--set`'s too: `overridden`, not "avrundningsdifferens".
    /// Returns the checks whose rounding status was replaced (their warnings are withdrawn).
    @discardableResult
    mutating func markOverridden(against base: OperatingStatement) -> [Reconciliation] {
        let failedBefore = Set(base.reconciliation.filter { $0.status == .error }.map(\.identity))
        let before = Dictionary(base.reconciliation.map { ($0.identity, $0) }, uniquingKeysWith: { a, _ in a })
        var replaced: [Reconciliation] = []
        for i in reconciliation.indices where !failedBefore.contains(reconciliation[i].identity) {
            let now = reconciliation[i]
            switch now.status {
            case .error:
                reconciliation[i].status = .overridden
            case .rounding:
                // The file's own rounding difference, unmoved by the --set, stays rounding.
                if let d = before[now.identity]?.difference, let e = now.difference, abs(e - d) <= 1e-6 { continue }
                replaced.append(now)
                reconciliation[i].status = .overridden
            default:
                continue
            }
        }
        return replaced
    }
}
