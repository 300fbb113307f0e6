import Foundation

/// The paths the simulation kernel evaluates together, one per lane (structure of arrays:
/// element i of a `Lanes` value belongs to path p₀ + i of the group).
typealias Lanes = SIMD8<Double>
typealias LaneBits = SIMD8<UInt64>

/// e^x over SIMD lanes, in plain IEEE double arithmetic (no table, no FMA, no libm call on
/// the fast range), so the result of a lane depends only on that lane's input: the same on
/// every machine and whatever the neighbouring lanes hold. (libm's own `exp` is not: glibc
/// picks an FMA or a non-FMA variant by CPU at load time.) The same bits in the baseline
/// (SSE2) and the vector (AVX2) build of Package.swift: Swift never fuses a multiply and an add.
///
/// Method (fdlibm's `__ieee754_exp`, Sun Microsystems 1993, evaluated lane by lane):
/// n = round(x/ln 2) (ties to even, by adding and subtracting 1.5·2⁵²), r = hi − lo with
/// hi = x − n·ln2hi (exact: ln2hi has 32 significant bits and |n| ≤ 1000) and lo = n·ln2lo;
/// on |r| ≤ ln2/2 the Remez rational form
///     R(r²) = r² (P1 + r² (P2 + r² (P3 + r² (P4 + r² P5)))),  c = r − R,
///     e^r = 1 − ((lo − r c / (2 − c)) − hi),
/// then e^x = e^r · 2ⁿ with 2ⁿ built from its exponent bits.
///
/// Accuracy: every finite, non-zero result is within 1 ulp of libm's `exp`, a relative
/// error of at most 2⁻⁵² ≈ 2.2·10⁻¹⁶ (fdlibm bounds its own error below 1 ulp, glibc's exp
/// is within 0.52 ulp of e^x, and two doubles less than 1.52 ulp apart are at most 1 ulp
/// apart). Tested on 10⁶ points over the kernel's range [−10, 10], the whole range
/// [−746, 710] and [−10⁻⁶, 10⁻⁶], and on the range ends (`KernelTests.expAccuracy`):
/// worst 1 ulp, about 8 % of results 1 ulp from libm, the rest equal; mean relative
/// difference 1.3·10⁻¹⁷. Off the fast range [`lower`, `upper`] (and for NaN and ±∞) a lane
/// takes libm's `exp` exactly: overflow to +∞ above 709.78, gradual underflow below −708.4.
/// The simulation's arguments are ln P(t, T) and −ln P(t, t+3M): they would leave the fast
/// range only for a rate path averaging below −16/(T − t) (−50 % a year over 32 years) or
/// above 693/(T − t), so in practice the kernel never takes the slow lane.
enum VectorExp {
    /// The fast range: every x whose n = round(x / ln 2) lies in −1000 … 23, which includes
    /// [−693, 16] (e^x from 10⁻³⁰¹ to 8.9·10⁶). For those n, 2ⁿ and e^r · 2ⁿ are normal numbers.
    static let lower = -693.0
    static let upper = 16.0

    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        let shifter = Lanes(repeating: 6_755_399_441_055_744.0)          // 1.5 · 2⁵²
        let t = x * 1.44269504088896338700e+00 + shifter                 // x / ln 2 rounded to an integer, in t's low bits
        let n = t - shifter
        let hi = x - n * 6.93147180369123816490e-01                      // ln2hi = 0x3FE62E42FEE00000
        let lo = n * 1.90821492927058770002e-10                          // ln2lo = 0x3DEA39EF35793C76
        let r = hi - lo
        let s = r * r
        var p = s * 4.13813679705723846039e-08 + -1.65339022054652515390e-06
        p = s * p + 6.61375632143793436117e-05
        p = s * p + -2.77777777770155933842e-03
        p = s * p + 1.66666666666666019037e-01
        let c = r - s * p
        let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
        // m = n + 1000 = bits(t) − bits(1.5 · 2⁵²) + 1000 while |x / ln 2| < 2⁵¹ (and some
        // value ≥ 1024 as an unsigned number when n < −1000, n > 23, x = ±∞ or NaN);
        // 2ⁿ has the exponent field n + 1023 = m + 23.
        let m = unsafeBitCast(t, to: LaneBits.self) &- (0x4338_0000_0000_0000 - 1000)
        var result = y * unsafeBitCast((m &+ 23) &<< 52, to: Lanes.self)
        // Every lane on the fast range iff the OR of the m's is below 1024; otherwise the
        // lanes off it take libm's value (rare: never for the simulation's arguments).
        let any = m.lowHalf | m.highHalf, two = any.lowHalf | any.highHalf
        if _slowPath(two[0] | two[1] >= 1024) {
            for i in 0..<Lanes.scalarCount where m[i] >= 1024 { result[i] = Foundation.exp(x[i]) }
        }
        return result
    }

    /// e^x of one value by the same arithmetic (lane 0 of `exp(Lanes)`).
    static func exp(_ x: Double) -> Double {
        exp(Lanes(repeating: x))[0]
    }
}
