/// The monthly accrual grid the portfolio plan and the frontier's refinancing ledger share.
enum MonthGrid {
    /// Calls `body(month index, share of [start, end) in that month)` for each month of
    /// the grid the period overlaps (share = overlap days / period days).
    static func forEachMonth(_ monthStarts: [Int], start: Day, end: Day, _ body: (Int, Double) -> Void) {
        let days = end.serial - start.serial
        let count = monthStarts.count - 1
        guard days > 0, end.serial > monthStarts[0], start.serial < monthStarts[count] else { return }
        // Months are 28–31 days: jump close, then step.
        var m = max(0, min(count - 1, (start.serial - monthStarts[0]) / 31))
        while m > 0 && monthStarts[m] > start.serial { m -= 1 }
        while m < count && monthStarts[m + 1] <= start.serial { m += 1 }
        while m < count && monthStarts[m] < end.serial {
            let overlap = min(end.serial, monthStarts[m + 1]) - max(start.serial, monthStarts[m])
            if overlap > 0 { body(m, Double(overlap) / Double(days)) }
            m += 1
        }
    }
}
