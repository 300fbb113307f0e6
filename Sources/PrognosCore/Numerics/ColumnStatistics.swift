/// The statistics of one simulated column (100,000 paths of one series and year, or the
/// band paths at one grid date) in passes over the column where it lies, no copy, each a
/// loop of its own:
///
/// 1. sum, min, max and the count above a budget, in SIMD lanes (`extremes`);
/// 2. for a series, the deviations d = x − m₀ from m₀ = sum / n: Σd, Σd² (and the same for the
///    antithetic pair averages), in SIMD lanes (`deviations`);
/// 3. a histogram of the values over [min, max] (`histogram`);
/// 4. the values of the few histogram bins that hold a wanted order statistic (and, for the
///    expected shortfall, the values of the tail's bins, in path order) are gathered (`gather`).
///
/// The order statistics are then GSL's own on the gathered candidates (`gsl_sort` of each
/// bin, `Statistics.sort`), so every quantile is, bit for bit, the one of sorting the whole
/// column and interpolating (`gsl_stats_quantile_from_sorted_data`): the bin map
/// b(x) = min(⌊(x − min) · scale⌋, bins − 1) is monotone (IEEE subtraction, multiplication by
/// a positive number and truncation never reverse an order), so the k-th smallest value lies
/// in the bin where the cumulative count passes k, and its rank there is k minus the count of
/// the bins below.
///
/// Mean and standard deviation are the corrected two-pass formulas (Chan, Golub & LeVeque
/// 1983): mean = m₀ + Σd / n, s² = (Σd² − (Σd)² / n) / (n − 1); they agree with GSL's
/// running-mean `gsl_stats_mean` / `gsl_stats_sd_m` to about 10⁻¹⁵ relative, not always
/// in the last bit (docs/decisions.md, "Column statistics"). The lanes are added in a fixed
/// order, so the result depends only on the column, never on the threads.
///
/// A column holding a NaN or an infinity returns nil; the caller then takes GSL's routines
/// as before (the same numbers as ever for such a column).
enum ColumnStatistics {
    typealias V = SIMD8<Double>

    /// Which tail's values are gathered in path order (the expected shortfall, rule S10).
    enum Tail { case none, high, low }

    struct Result {
        var n: Int
        var mean, sd, min, max: Double
        /// sd of the antithetic pair averages (nil when not asked or fewer than 4 values).
        var pairSD: Double?
        var pairCount: Int
        /// Values > budget (0 without a budget).
        var above: Int
        /// The asked quantiles, in the order asked.
        var quantiles: [Double]
        /// Σ and count of the tail values (≥ the quantile `tailP` for `.high`, ≤ it for
        /// `.low`), summed in path order.
        var tailSum: Double
        var tailCount: Int
    }

    /// - Parameters:
    ///   - x: the column, NaN-free and finite for a result.
    ///   - moments: false for a band (quantiles only).
    ///   - antithetic: the pair averages' sd is wanted (pairs adjacent in path order).
    ///   - tailP: the quantile (one of `ps`) bounding the tail.
    static func compute(_ x: UnsafeBufferPointer<Double>, ps: [Double], moments: Bool, antithetic: Bool,
                        budget: Double?, tail: Tail, tailP: Double = 0) -> Result? {
        let n = x.count
        guard n > 0, let base = x.baseAddress else { return nil }

        // Pass 1. A NaN or ±∞ anywhere makes the sum non-finite (also an overflowing sum): GSL's way.
        let first = extremes(x, budget: budget ?? .infinity)
        let sum = first.sum, lo = first.lo, hi = first.hi
        guard sum.isFinite, lo.isFinite, hi.isFinite else { return nil }
        let pairCount = antithetic && n >= 4 ? n / 2 : 0

        // The bin map. A constant column has everything in bin 0 (and needs no gathering).
        // A range too wide (overflowing) or too narrow (an infinite scale) to map returns nil.
        let bins = Swift.max(1, Swift.min(1 << 14, n / 8))
        let range = hi - lo
        guard range.isFinite else { return nil }
        let scale = range > 0 ? Double(bins) / range : 0
        guard scale.isFinite else { return nil }
        let map = BinMap(lo: lo, scale: scale, bins: bins)

        // Passes 2 and 3: the deviations (and the pairs'), and the histogram.
        let m0 = sum / Double(n)
        // The pairs' shift: the mean of the paired values (all but an odd last one), so that
        // Σe² − (Σe)²/n loses nothing when the pair averages hardly differ (a pair-symmetric
        // series: GSL gives sd 0 there, and so does this).
        let mp = pairCount > 0 && 2 * pairCount < n ? (sum - base[n - 1]) / Double(2 * pairCount) : m0
        var counts = [Int32](repeating: 0, count: bins)
        counts.withUnsafeMutableBufferPointer { histogram(x, map: map, counts: $0) }
        let dev = moments ? deviations(x, m0: m0, pairShift: pairCount > 0 ? mp : nil) : (d: 0, q: 0, pd: 0, pq: 0)
        var sd = 0.0, mean = m0, pairSD: Double?
        if moments {
            if lo == hi {
                // A constant column: its mean is the constant, its spread none (as GSL's).
                mean = lo; sd = 0
                pairSD = pairCount > 0 ? 0 : nil
            } else {
                mean = Swift.min(Swift.max(m0 + dev.d / Double(n), lo), hi)
                if n >= 2 { sd = Swift.max(0, (dev.q - dev.d * dev.d / Double(n)) / Double(n - 1)).squareRoot() }
                if pairCount > 0 {
                    let np = Double(pairCount)
                    pairSD = Swift.max(0, (dev.pq - dev.pd * dev.pd / np) / (np - 1)).squareRoot()
                }
            }
        }

        // The order statistics wanted: x₍ₖ₎ and x₍ₖ₊₁₎ for k = ⌊(n − 1)p⌋ (GSL's definition).
        var ranks: [Int] = []
        for p in ps {
            let k = Swift.min(Int(p * Double(n - 1)), n - 1)
            ranks.append(k)
            if k + 1 < n { ranks.append(k + 1) }
        }
        // The bin of each rank and the count of the bins below it.
        var start = [Int](repeating: 0, count: bins + 1)
        for j in 0..<bins { start[j + 1] = start[j] + Int(counts[j]) }
        func binOf(rank r: Int) -> Int {
            // The last bin whose start is ≤ r (start is non-decreasing; the bin is non-empty).
            var a = 0, z = bins - 1
            while a < z {
                let m = (a + z + 1) / 2
                if start[m] <= r { a = m } else { z = m - 1 }
            }
            return a
        }
        // Slots: one per wanted bin, each a range of one gather buffer.
        var slot = [Int16](repeating: -1, count: bins)
        var slotBins: [Int] = []
        for r in ranks {
            let bb = binOf(rank: r)
            if slot[bb] < 0 { slot[bb] = Int16(slotBins.count); slotBins.append(bb) }
        }
        var offset = [Int](repeating: 0, count: slotBins.count + 1)
        for (s, bb) in slotBins.enumerated() { offset[s + 1] = offset[s] + Int(counts[bb]) }
        var gathered = [Double](repeating: 0, count: offset[slotBins.count])
        var fill = Array(offset.dropLast())

        // The tail's bins: every value in the tail lies in them (monotone map), and some
        // values next to the tail too; the exact test follows once the quantile is known.
        // High tail: v ≥ q ≥ x₍ₖ₎ ⇒ b(v) ≥ b(x₍ₖ₎). Low tail: v ≤ q ≤ x₍ₖ₊₁₎ ⇒ b(v) ≤ b(x₍ₖ₊₁₎).
        var tailBins: ClosedRange<Int>? = nil
        if tail != .none {
            let k = Swift.min(Int(tailP * Double(n - 1)), n - 1)
            tailBins = tail == .high ? binOf(rank: k)...(bins - 1) : 0...binOf(rank: Swift.min(k + 1, n - 1))
        }
        // The tail's values, and room for the eight a lane group writes before it counts them.
        let tailCount = tailBins.map { start[$0.upperBound + 1] - start[$0.lowerBound] } ?? 0
        var tailValues = [Double](repeating: 0, count: tailCount + V.scalarCount)

        // Pass 4: the wanted bins' values, and the tail's in path order.
        slot.withUnsafeBufferPointer { sl in
            fill.withUnsafeMutableBufferPointer { f in
                gathered.withUnsafeMutableBufferPointer { g in
                    tailValues.withUnsafeMutableBufferPointer { tv in
                        gather(x, map: map, slot: sl, fill: f, into: g, tailBins: tailBins, tail: tv)
                    }
                }
            }
        }
        // Each wanted bin sorted by GSL; x₍ᵣ₎ is element r − start[bin] of its bin.
        gathered.withUnsafeMutableBufferPointer { g in
            for s in slotBins.indices {
                Statistics.sort(UnsafeMutableBufferPointer(rebasing: g[offset[s]..<offset[s + 1]]))
            }
        }
        func order(_ r: Int) -> Double {
            let bb = binOf(rank: r)
            return gathered[offset[Int(slot[bb])] + r - start[bb]]
        }
        let quantiles = ps.map { p -> Double in
            // gsl_stats_quantile_from_sorted_data, term for term.
            let index = p * Double(n - 1)
            let k = Int(index)
            let delta = index - Double(k)
            if k >= n - 1 { return order(n - 1) }
            return (1 - delta) * order(k) + delta * order(k + 1)
        }

        var tailSum = 0.0, inTail = 0
        if tail != .none, let qi = ps.firstIndex(of: tailP) {
            let q = quantiles[qi]
            for v in tailValues.prefix(tailCount) where tail == .high ? v >= q : v <= q { tailSum += v; inTail += 1 }
        }
        return Result(n: n, mean: mean, sd: sd, min: lo, max: hi, pairSD: pairSD, pairCount: pairCount, above: first.above,
                      quantiles: quantiles, tailSum: tailSum, tailCount: inTail)
    }

    // MARK: The passes
    //
    // Each pass is a function of its own whose sums are local variables, and the histogram's
    // increments have a loop of their own. Written as closures over the caller's variables,
    // or with the deviations in the histogram's loop, the sums were kept in memory among the
    // increments' stores and the statistics took 3 × as long (0.085 s against 0.027 s for
    // `treasury-car`'s 50 columns and 242 band dates, one thread; issue 20, 2026-12-03).

    /// b(x) = min(⌊(x − lo) · scale⌋, bins − 1), for one value and for eight at once.
    struct BinMap {
        let lo, scale, top: Double
        let loV, scaleV, topV: V
        static let magic = V(repeating: 0x1p52)

        init(lo: Double, scale: Double, bins: Int) {
            self.lo = lo; self.scale = scale; top = Double(bins - 1)
            loV = V(repeating: lo); scaleV = V(repeating: scale); topV = V(repeating: top)
        }

        @inline(__always) func bin(_ v: Double) -> Int { Int(Swift.min((v - lo) * scale, top)) }

        /// t = (v − lo) · scale clamped to top (≥ 0: lo is the column's minimum).
        @inline(__always) func clamped(_ v: V) -> V {
            var t = (v - loV) * scaleV
            t.replace(with: topV, where: t .> topV)
            return t
        }

        /// ⌊t⌋ of eight values without a trapping conversion and with SSE2 operations only
        /// (no `trunc` call in the portable build): r = (t + 2⁵²) − 2⁵² is t rounded to an
        /// integer (exact), one less where that rounded up, so r = ⌊t⌋, and the low bits of
        /// r + 2⁵² are ⌊t⌋ (t < 2¹⁴), equal to `bin(_:)` value for value.
        @inline(__always) func bins(_ t: V) -> SIMD8<UInt64> {
            var r = (t + Self.magic) - Self.magic
            r.replace(with: r - 1, where: r .> t)
            return unsafeBitCast(r + Self.magic, to: SIMD8<UInt64>.self) & 0xF_FFFF
        }
    }

    /// Pass 1: Σx, min, max and the count above `budget`, in SIMD lanes (a lane's minimum
    /// keeps its first value among equals, as `Swift.min` does), the lanes added in order.
    static func extremes(_ x: UnsafeBufferPointer<Double>, budget b: Double) -> (sum: Double, lo: Double, hi: Double, above: Int) {
        let n = x.count, base = x.baseAddress!, vn = n / V.scalarCount * V.scalarCount
        var sumV = V(), minV = V(repeating: .infinity), maxV = V(repeating: -.infinity)
        var aboveV = SIMD8<Int64>()
        let bV = V(repeating: b)
        var i = 0
        while i < vn {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: V.self)
            sumV += v
            minV.replace(with: v, where: v .< minV)
            maxV.replace(with: v, where: v .> maxV)
            // A true lane of a mask is all ones: −1.
            aboveV &-= unsafeBitCast(v .> bV, to: SIMD8<Int64>.self)
            i += V.scalarCount
        }
        var sum = 0.0
        for j in 0..<V.scalarCount { sum += sumV[j] }
        var lo = minV.min(), hi = maxV.max()
        var above = Int(aboveV.wrappedSum())
        while i < n {
            let v = base[i]
            sum += v; lo = Swift.min(lo, v); hi = Swift.max(hi, v)
            if v > b { above += 1 }
            i += 1
        }
        return (sum, lo, hi, above)
    }

    /// Pass 3: the histogram, the count of values in each bin.
    static func histogram(_ x: UnsafeBufferPointer<Double>, map: BinMap, counts c: UnsafeMutableBufferPointer<Int32>) {
        let n = x.count, base = x.baseAddress!, vn = n / V.scalarCount * V.scalarCount
        var i = 0
        while i < vn {
            let k = map.bins(map.clamped(UnsafeRawPointer(base + i).loadUnaligned(as: V.self)))
            for j in 0..<V.scalarCount { c[Int(truncatingIfNeeded: k[j])] &+= 1 }
            i += V.scalarCount
        }
        while i < n { c[map.bin(base[i])] &+= 1; i += 1 }
    }

    /// Pass 2 (a series): Σd, Σd² of d = x − m₀ and (with the pairs' shift mₚ, when the pair averages' spread is
    /// wanted) Σe, Σe² of e = (x₂ⱼ + x₂ⱼ₊₁)/2 − mₚ, in SIMD lanes added in order, then the values
    /// past the last whole lane group.
    static func deviations(_ x: UnsafeBufferPointer<Double>, m0: Double, pairShift mp: Double?) -> (d: Double, q: Double, pd: Double, pq: Double) {
        let n = x.count, base = x.baseAddress!, vn = n / V.scalarCount * V.scalarCount
        var dV = V(), qV = V(), pdV = SIMD4<Double>(), pqV = SIMD4<Double>()
        let m0V = V(repeating: m0)
        let half = SIMD4<Double>(repeating: 0.5), mpV = SIMD4<Double>(repeating: mp ?? 0)
        var i = 0
        if mp != nil {
            while i < vn {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: V.self)
                let d = v - m0V
                dV += d
                qV += d * d
                // (x₂ⱼ + x₂ⱼ₊₁) / 2, as the pair average always was.
                let e = (v.evenHalf + v.oddHalf) * half - mpV
                pdV += e
                pqV += e * e
                i += V.scalarCount
            }
        } else {
            while i < vn {
                let d = UnsafeRawPointer(base + i).loadUnaligned(as: V.self) - m0V
                dV += d
                qV += d * d
                i += V.scalarCount
            }
        }
        var ds = 0.0, qs = 0.0
        for j in 0..<V.scalarCount { ds += dV[j]; qs += qV[j] }
        var ps = 0.0, pq = 0.0
        for j in 0..<4 { ps += pdV[j]; pq += pqV[j] }
        while i < n {
            let d = base[i] - m0
            ds += d; qs += d * d
            i += 1
        }
        if let mp {
            var j = vn / 2
            while j < n / 2 {
                let e = (base[2 * j] + base[2 * j + 1]) / 2 - mp
                ps += e; pq += e * e
                j += 1
            }
        }
        return (ds, qs, ps, pq)
    }

    /// Pass 4: each value whose bin has a slot goes to that slot's next place (`fill`), and
    /// each value whose bin is in `tailBins` to `tail`, in path order (`tail` holds eight more
    /// places than the tail's values). The tail's bins are
    /// tested on the clamped t (⌊t⌋ ≥ B ⇔ t ≥ B and ⌊t⌋ ≤ B ⇔ t < B + 1 for an integer B).
    static func gather(_ x: UnsafeBufferPointer<Double>, map: BinMap, slot: UnsafeBufferPointer<Int16>,
                       fill: UnsafeMutableBufferPointer<Int>, into g: UnsafeMutableBufferPointer<Double>,
                       tailBins: ClosedRange<Int>?, tail: UnsafeMutableBufferPointer<Double>) {
        let n = x.count, base = x.baseAddress!, vn = n / V.scalarCount * V.scalarCount
        // The tail as a range of t: [B₀, ∞) above, (−∞, B₁ + 1) below (the other end is every bin).
        let tailFrom = Double(tailBins?.lowerBound ?? Int.max), tailBelow = Double((tailBins?.upperBound ?? -1) + 1)
        let fromV = V(repeating: tailFrom), belowV = V(repeating: tailBelow)
        var tc = 0
        @inline(__always) func take(_ v: Double, _ bb: Int) {
            let s = Int(slot[bb])
            if s >= 0 { g[fill[s]] = v; fill[s] += 1 }
        }
        var i = 0
        while i < vn {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: V.self)
            let t = map.clamped(v)
            let k = map.bins(t)
            var wanted: Int16 = -1
            for j in 0..<V.scalarCount { wanted &= slot[Int(truncatingIfNeeded: k[j])] }
            // All lanes −1 ⇔ no wanted lane (a slot is ≥ 0, its sign bit clear).
            if wanted >= 0 {
                for j in 0..<V.scalarCount { take(v[j], Int(truncatingIfNeeded: k[j])) }
            }
            if tailBins != nil {
                // Every lane is written, and counted only when in the tail: no branch (a third
                // of the lane groups hold a tail value, unpredictably).
                let m = (t .>= fromV) .& (t .< belowV)
                for j in 0..<V.scalarCount { tail[tc] = v[j]; tc += m[j] ? 1 : 0 }
            }
            i += V.scalarCount
        }
        while i < n {
            let v = base[i], bb = map.bin(v)
            take(v, bb)
            if let tailBins, tailBins.contains(bb) { tail[tc] = v; tc += 1 }
            i += 1
        }
    }
}
