/// Random streams for reproducible simulation (rule S9).
///
/// Paths are generated in blocks of `blockSize` (1,024) paths; block b draws from its own
/// GSL generator seeded with `blockSeed(seed, b)`:
///
///     z = seed &+ (b &+ 1) &* 0x9E3779B97F4A7C15          // SplitMix64's increment, b + 1 times
///     z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
///     z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
///     return z ^ (z >> 31)                               // SplitMix64's output function
///
/// i.e. the (b + 1)-th output of a SplitMix64 generator started at `seed` (Steele, Lea &
/// Flood 2014). A block's paths therefore do not depend on which thread (or, later, which
/// shard) computes it, so results are bit-identical for any thread count.
public enum Streams {
    public static let blockSize = 1024

    @inline(__always)
    public static func blockSeed(_ seed: UInt64, _ block: Int) -> UInt64 {
        var z = seed &+ (UInt64(block) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Number of blocks for `paths` paths.
    public static func blockCount(_ paths: Int) -> Int { (paths + blockSize - 1) / blockSize }
}

extension Streams {
    /// The normals of one group of SIMD lanes: lane j is path p0 + j, its `scratch.count`
    /// normals drawn in path order; an antithetic partner (odd j) reuses the previous lane's,
    /// negated; lanes at or past `count` are zero. The one place the simulation kernel and
    /// the frontier's shared basis draw, so both see the same paths (rule S9).
    static func drawLanes(_ rng: inout RandomGenerator, antithetic: Bool, count n: Int,
                          scratch buffer: UnsafeMutableBufferPointer<Double>, into z: UnsafeMutablePointer<Lanes>) {
        let K = buffer.count
        for j in 0..<Lanes.scalarCount {
            if j < n {
                let sign: Double
                if antithetic && j % 2 == 1 {
                    sign = -1
                } else {
                    rng.fillNormals(buffer)
                    sign = 1
                }
                for i in 0..<K { z[i][j] = sign * buffer[i] }
            } else {
                for i in 0..<K { z[i][j] = 0 }
            }
        }
    }
}
