// `internal`: GSL's C declarations are visible in this file only, and never part of
// PrognosCore's interface (a public declaration naming a GSL type does not compile).
internal import _CGSL

// The one place Prognos calls GNU GSL. Everything else uses the Swift types below
// (`RandomGenerator`, `Statistics`, `LeastSquares`), so the C API, its error
// handling and its memory ownership stay in this file.

/// Process-wide GSL set-up and the generator-name table.
public enum GSL {
    /// GSL's default error handler calls `abort()`; Prognos checks return codes
    /// instead, so the handler is switched off once, before the first GSL call.
    static let ready: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// Every generator name GSL knows (`mt19937`, `taus2`, `ranlxd2`, …), in GSL's order.
    public static let generatorNames: [String] = {
        _ = ready
        var names: [String] = []
        guard var p = prognos_gsl_rng_types() else { return names }
        while let type = p.pointee {
            names.append(String(cString: type.pointee.name))
            p += 1
        }
        return names
    }()

    static func generatorType(named name: String) -> UnsafePointer<gsl_rng_type>? {
        _ = ready
        guard var p = prognos_gsl_rng_types() else { return nil }
        while let type = p.pointee {
            if String(cString: type.pointee.name) == name { return type }
            p += 1
        }
        return nil
    }
}

/// Errors raised by the numerical layer (bad generator name, singular fit …).
public struct NumericsError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A GSL random-number generator that owns its `gsl_rng` and frees it on deinit.
///
/// Non-copyable: one generator per thread or path block, never shared, so the
/// simulation has no shared mutable state. Seeding is GSL's own `gsl_rng_set`.
public struct RandomGenerator: ~Copyable {
    private let rng: UnsafeMutablePointer<gsl_rng>
    /// The GSL name of the algorithm (`mt19937` by default).
    public let name: String

    /// - Parameters:
    ///   - name: a GSL generator name (see `GSL.generatorNames`).
    ///   - seed: passed to `gsl_rng_set` (GSL maps seed 0 to its own default for some generators).
    public init(name: String = "mt19937", seed: UInt64) throws(NumericsError) {
        guard let type = GSL.generatorType(named: name) else {
            let suggestion = Suggest.closest(to: name, among: GSL.generatorNames)
                .map { " (did you mean '\($0)'?)" } ?? ""
            throw NumericsError("unknown GSL generator '\(name)'\(suggestion)")
        }
        guard let rng = gsl_rng_alloc(type) else {
            throw NumericsError("GSL could not allocate generator '\(name)'")
        }
        gsl_rng_set(rng, UInt(seed))
        self.rng = rng
        self.name = name
    }

    deinit { gsl_rng_free(rng) }

    /// The generator's next raw integer (`gsl_rng_get`), in [min, max] of the algorithm.
    public mutating func nextRaw() -> UInt { gsl_rng_get(rng) }

    /// Uniform on [0, 1) (`gsl_rng_uniform`).
    public mutating func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A standard normal variate by the ziggurat method (`gsl_ran_gaussian_ziggurat`, σ = 1).
    public mutating func normal() -> Double { gsl_ran_gaussian_ziggurat(rng, 1.0) }

    /// Fills `buffer` with standard normals (ziggurat); no allocation.
    public mutating func fillNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = gsl_ran_gaussian_ziggurat(rng, 1.0) }
    }
}

/// Descriptive statistics over samples of doubles, by GSL.
public enum Statistics {
    /// Sorts ascending in place (`gsl_sort`).
    public static func sort(_ values: inout [Double]) {
        _ = GSL.ready
        values.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            gsl_sort(base, 1, b.count)
        }
    }

    /// Sorts a buffer ascending in place (`gsl_sort`).
    public static func sort(_ buffer: UnsafeMutableBufferPointer<Double>) {
        _ = GSL.ready
        guard let base = buffer.baseAddress, buffer.count > 1 else { return }
        gsl_sort(base, 1, buffer.count)
    }

    /// GSL's p-quantiles (`gsl_stats_quantile_from_sorted_data`'s definition: with
    /// h = (n − 1)p, k = ⌊h⌋, δ = h − k, (1 − δ) x₍ₖ₎ + δ x₍ₖ₊₁₎) without sorting: the order
    /// statistics are found by `gsl_stats_select` (quickselect), which reorders `data`.
    /// Equal to sorting and interpolating, bit for bit.
    public static func quantiles(selecting data: inout [Double], _ ps: [Double]) -> [Double] {
        _ = GSL.ready
        let n = data.count
        guard n > 0 else { return ps.map { _ in .nan } }
        // The order statistics needed, ascending. They are selected divide and conquer: the
        // middle one by quickselect in the range still unpartitioned, after which every element
        // before it is ≤ and every element after it ≥, so the lower and upper ones are each
        // selected in their side only (≈ n log₂ m element visits for m order statistics,
        // instead of ≈ n m for one after another in the suffix). The k-th smallest value does
        // not depend on the order the selections are made in, so the result is the same.
        var needed: Set<Int> = []
        for p in ps { needed.insert(Swift.min(Int(p * Double(n - 1)), n - 1)) }
        let ks = needed.sorted()
        var value: [Int: Double] = [:]
        data.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            // Invariant: every element in lo..<hi is ≥ every element before lo and ≤ every
            // element from hi on; ks[kLo..<kHi] lie in lo..<hi.
            func select(_ lo: Int, _ hi: Int, _ kLo: Int, _ kHi: Int) {
                guard kLo < kHi else { return }
                let m = (kLo + kHi) / 2, k = ks[m]
                value[k] = gsl_stats_select(base + lo, 1, hi - lo, k - lo)
                select(lo, k, kLo, m)
                select(k + 1, hi, m + 1, kHi)
            }
            select(0, n, 0, ks.count)
            // x₍ₖ₊₁₎ is the smallest element between x₍ₖ₎ and the next order statistic
            // selected (`gsl_stats_min`), or that statistic itself when they are adjacent.
            for (i, k) in ks.enumerated() where k + 1 < n {
                let next = i + 1 < ks.count ? ks[i + 1] : n
                if next == k + 1 { continue }
                value[k + 1] = gsl_stats_min(base + k + 1, 1, next - k - 1)
            }
        }
        return ps.map { p in
            let index = p * Double(n - 1)
            let k = Int(index)
            let delta = index - Double(k)
            if k >= n - 1 { return value[n - 1]! }
            return (1 - delta) * value[k]! + delta * value[k + 1]!
        }
    }

    /// Smallest and largest value (`gsl_stats_minmax`).
    public static func minMax(_ values: [Double]) -> (min: Double, max: Double)? {
        guard !values.isEmpty else { return nil }
        var lo = 0.0, hi = 0.0
        values.withUnsafeBufferPointer { gsl_stats_minmax(&lo, &hi, $0.baseAddress, 1, $0.count) }
        return (lo, hi)
    }

    /// Arithmetic mean (`gsl_stats_mean`); nil for an empty sample.
    public static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation with n − 1 in the denominator (`gsl_stats_sd`);
    /// nil for fewer than two values.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        return values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation about a known mean (`gsl_stats_sd_m`), one pass fewer.
    public static func standardDeviation(_ values: [Double], mean: Double) -> Double? {
        guard values.count >= 2 else { return nil }
        return values.withUnsafeBufferPointer { gsl_stats_sd_m($0.baseAddress, 1, $0.count, mean) }
    }

    /// The p-quantile of ascending `sorted` data by GSL's linear interpolation
    /// (`gsl_stats_quantile_from_sorted_data`): with h = (n − 1) p, the value
    /// x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). Nil for an empty sample or p outside [0, 1].
    public static func quantile(sorted: [Double], p: Double) -> Double? {
        guard !sorted.isEmpty, p >= 0, p <= 1 else { return nil }
        return sorted.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p)
        }
    }
}

/// Ordinary least squares, y ≈ X c, by GSL's `gsl_multifit_linear` (SVD based).
public enum LeastSquares {
    public struct Fit: Equatable, Sendable {
        /// The fitted coefficients c, one per column of X.
        public let coefficients: [Double]
        /// Σ (y − X c)², the residual sum of squares.
        public let chiSquared: Double
    }

    /// A reusable GSL workspace for many fits of at most `maxRows` × `maxColumns` (one per
    /// thread): no allocation per fit. Rows are given by a closure filling row i.
    public final class Workspace {
        private let work: UnsafeMutablePointer<gsl_multifit_linear_workspace>
        private let X: UnsafeMutablePointer<gsl_matrix>, Y: UnsafeMutablePointer<gsl_vector>
        private let C: UnsafeMutablePointer<gsl_vector>, cov: UnsafeMutablePointer<gsl_matrix>
        private let buffer: UnsafeMutablePointer<Double>
        public let maxRows: Int, maxColumns: Int

        public init(maxRows: Int, maxColumns: Int) {
            _ = GSL.ready
            self.maxRows = maxRows
            self.maxColumns = maxColumns
            work = gsl_multifit_linear_alloc(maxRows, maxColumns)!
            X = gsl_matrix_alloc(maxRows, maxColumns)!
            Y = gsl_vector_alloc(maxRows)!
            C = gsl_vector_alloc(maxColumns)!
            cov = gsl_matrix_alloc(maxColumns, maxColumns)!
            buffer = UnsafeMutablePointer<Double>.allocate(capacity: maxColumns)
        }

        deinit {
            gsl_multifit_linear_free(work)
            gsl_matrix_free(X); gsl_vector_free(Y); gsl_vector_free(C); gsl_matrix_free(cov)
            buffer.deallocate()
        }

        /// Fits y ≈ X c for `rows` observations of `columns` regressors; `row(i, x)` writes
        /// row i of X into `x` (length `columns`) and returns yᵢ. The coefficients go to
        /// `coefficients` (length ≥ `columns`).
        public func fit(rows: Int, columns: Int, coefficients: UnsafeMutablePointer<Double>,
                        row: (Int, UnsafeMutablePointer<Double>) -> Double) throws(NumericsError) {
            guard rows >= columns, rows <= maxRows, columns <= maxColumns, columns > 0 else {
                throw NumericsError("least squares: \(rows) observations for \(columns) coefficients")
            }
            var xv = gsl_matrix_submatrix(X, 0, 0, rows, columns)
            var yv = gsl_vector_subvector(Y, 0, rows)
            var cv = gsl_vector_subvector(C, 0, columns)
            var covv = gsl_matrix_submatrix(cov, 0, 0, columns, columns)
            for i in 0..<rows {
                let y = row(i, buffer)
                gsl_vector_set(&yv.vector, i, y)
                for j in 0..<columns { gsl_matrix_set(&xv.matrix, i, j, buffer[j]) }
            }
            var chisq = 0.0
            let status = gsl_multifit_linear(&xv.matrix, &yv.vector, &cv.vector, &covv.matrix, &chisq, work)
            guard status == GSL_SUCCESS else {
                throw NumericsError("least squares failed: \(String(cString: gsl_strerror(status)))")
            }
            for j in 0..<columns { coefficients[j] = gsl_vector_get(&cv.vector, j) }
        }
    }

    /// Fits `y ≈ X c` where `design[i]` is row i of X. Throws when the system is
    /// under-determined (fewer rows than columns) or rows have unequal length.
    public static func fit(design: [[Double]], y: [Double]) throws(NumericsError) -> Fit {
        _ = GSL.ready
        let n = design.count
        guard n == y.count, n > 0 else { throw NumericsError("least squares: \(n) rows for \(y.count) observations") }
        let p = design[0].count
        guard p > 0, design.allSatisfy({ $0.count == p }) else {
            throw NumericsError("least squares: rows of the design matrix differ in length")
        }
        guard n >= p else { throw NumericsError("least squares: \(n) observations for \(p) coefficients") }

        let X = gsl_matrix_alloc(n, p)!, Y = gsl_vector_alloc(n)!, C = gsl_vector_alloc(p)!
        let cov = gsl_matrix_alloc(p, p)!, work = gsl_multifit_linear_alloc(n, p)!
        defer {
            gsl_matrix_free(X); gsl_vector_free(Y); gsl_vector_free(C)
            gsl_matrix_free(cov); gsl_multifit_linear_free(work)
        }
        for i in 0..<n {
            gsl_vector_set(Y, i, y[i])
            for j in 0..<p { gsl_matrix_set(X, i, j, design[i][j]) }
        }
        var chisq = 0.0
        let status = gsl_multifit_linear(X, Y, C, cov, &chisq, work)
        guard status == GSL_SUCCESS else {
            throw NumericsError("least squares failed: \(String(cString: gsl_strerror(status)))")
        }
        let c = (0..<p).map { gsl_vector_get(C, $0) }
        guard c.allSatisfy(\.isFinite) else { throw NumericsError("least squares gave non-finite coefficients") }
        return Fit(coefficients: c, chiSquared: chisq)
    }
}
