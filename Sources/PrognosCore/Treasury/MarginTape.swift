/// How the internal bank's margin (internbanksavgift, rule T10) entered a compiled plan, so
/// that the plan can be rebound to another margin (`PortfolioPlan.rebound(bankMargin:)`)
/// instead of compiled again (issue 20, item 4: `sweep-1000` sweeps the margin over ten
/// values, and each compile walks every schedule again).
///
/// The bank's margin enters a plan in three places, all in `PlanBuilder.addInternalBank`:
/// - margin income per borrower and month (`marginIncome`), and the pass-through loans' part
///   of it (`passThroughMargin`), as sums of terms added in the builder's order;
/// - the margin of each internal floating period (`FloatingPeriods.margin`).
/// An internal rollover's par event (rule T11) adds the loan's own margin or 0: a fixed loan
/// never takes the bank's (rule T10), so par events need no rebinding.
///
/// The builder does not add to the two sums itself: it records each period here, and the
/// sums are this tape replayed (`sums(bankMargin:monthStarts:borrowers:)`), at compile time
/// with the input's margin and at rebind time with another. Both are the same code over the
/// same terms in the same order, so a rebound plan has the bits of a plan compiled with that
/// margin, and those of the builder's direct additions before the tape (`MarginTapeTests`
/// compares both bit for bit).
struct MarginTape: Sendable {
    /// Each period that adds margin income, in the builder's order: its borrower, its factor
    /// (N × dcf, or N for pass-through), its bounds, and its margin: the bank's (`bank`) or
    /// the loan's own, or 0 for a fixed loan (`own`). A period holds no month's values, so
    /// the tape is no larger than the schedules it stands for.
    private(set) var borrower: [Int32] = []
    private(set) var factor: [Double] = []
    private(set) var start: [Day] = []
    private(set) var end: [Day] = []
    private(set) var own: [Double] = []
    private(set) var bank: [Bool] = []
    /// A pass-through period adds N × margin × days/365 per month to both sums; any other adds
    /// factor × margin × (its share of the month) to the margin income only.
    private(set) var passThrough: [Bool] = []
    /// `FloatingPeriods.margin` entries that hold the bank's margin.
    private(set) var floatingIndices: [Int] = []

    /// Whether anything in the plan reads the bank's margin.
    var readsBankMargin: Bool { bank.contains(true) || !floatingIndices.isEmpty }

    /// The margin of an internal loan: its own, else the bank's for pass-through and floating,
    /// none for fixed (rule T10). `bank` tells which.
    static func margin(of loan: InternalLoan, bankMargin: Double) -> (value: Double, bank: Bool) {
        if let own = loan.margin { return (own, false) }
        return loan.pricing == .fixed ? (0, false) : (bankMargin, true)
    }

    mutating func add(borrower b: Int, factor f: Double, start s: Day, end e: Day, margin: (value: Double, bank: Bool),
                      passThrough pass: Bool) {
        borrower.append(Int32(b)); factor.append(f); start.append(s); end.append(e)
        own.append(margin.bank ? 0 : margin.value); bank.append(margin.bank); passThrough.append(pass)
    }

    mutating func floatingPeriod(_ index: Int) { floatingIndices.append(index) }

    /// The margin income and its pass-through part per borrower and month (b × months + m) on
    /// the grid `monthStarts`, with the bank's margin `bankMargin`: each period's months added
    /// in the order the periods were recorded (rule T10).
    func sums(bankMargin: Double, monthStarts: [Int], borrowers: Int) -> (income: [Double], passThrough: [Double]) {
        let nm = monthStarts.count - 1
        var income = [Double](repeating: 0, count: nm * borrowers), pass = income
        for i in borrower.indices {
            let margin = bank[i] ? bankMargin : own[i], b = Int(borrower[i]), f = factor[i]
            if passThrough[i] {
                let s = start[i].serial, e = end[i].serial
                MonthGrid.forEachMonth(monthStarts, start: start[i], end: end[i]) { m, _ in
                    let days = Double(min(e, monthStarts[m + 1]) - max(s, monthStarts[m]))
                    let x = f * margin * days / 365
                    pass[b * nm + m] += x
                    income[b * nm + m] += x
                }
            } else {
                MonthGrid.forEachMonth(monthStarts, start: start[i], end: end[i]) { m, w in income[b * nm + m] += f * margin * w }
            }
        }
        return (income, pass)
    }
}
