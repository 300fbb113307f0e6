/// `Schedule.dates` remembered by terms while a plan is built (issue 20 item 5): a loans file
/// of a million rows has few distinct (start, maturity, frequency) triples, and loans of the
/// same terms then share one array (the same dates: the schedule depends on nothing else).
struct ScheduleCache {
    private struct Terms: Hashable { let start: Int, maturity: Int, months: Int }
    private var known: [Terms: [Day]] = [:]

    mutating func dates(_ start: Day, _ maturity: Day, _ months: Int) -> [Day] {
        let terms = Terms(start: start.serial, maturity: maturity.serial, months: months)
        if let d = known[terms] { return d }
        let d = Schedule.dates(start: start, maturity: maturity, months: months)
        known[terms] = d
        return d
    }
}

extension ScheduledDebt {
    /// The repayments on or before `date`, summed in order from 0 (the additions of
    /// `repayments.filter { $0.0 <= date }.reduce(0) { $0 + $1.1 }`, without the array).
    @inline(__always)
    func repaid(by date: Day) -> Double {
        var sum = 0.0
        for (d, x) in repayments where d <= date { sum += x }
        return sum
    }
}
