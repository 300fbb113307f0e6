import Foundation
import Testing
@testable import PrognosCore

/// Rule S9's "same seed, same bytes" across builds, not only across threads and shards:
/// `PrognosCore` is compiled for the machine's vector width (Package.swift: AVX2 where the
/// building machine has it, baseline x86-64 otherwise, or with `PROGNOS_PORTABLE=1`), and a
/// path's values must not depend on that. The digests below were taken from the baseline
/// x86-64 build (SSE2, commit e18980b) on 2026-12-03; a build that fused a multiply and an add
/// (FMA) or reordered the kernel's arithmetic would change them.
@Suite("build reproducibility")
struct BuildReproducibilityTests {
    /// FNV-1a (64-bit) over the bit patterns of every simulated value, in array order.
    static func digest(_ r: SimulationRaw) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for array in [r.yearly, r.stibor, r.funding] {
            for v in array {
                var b = v.bitPattern
                for _ in 0..<8 {
                    h = (h ^ (b & 0xff)) &* 0x0000_0100_0000_01b3
                    b >>= 8
                }
            }
        }
        return h
    }

    /// Digests (vector kernel, scalar kernel) of 1,030 antithetic paths of each simulation,
    /// every yearly, STIBOR and funding value; the peer portfolio only where ../shared/bench is.
    static let pinned: [String: (lanes: UInt64, scalar: UInt64)] = [
        "frontier-2024.yaml": (0x55c2_be9c_13f9_dac9, 0x64c6_ec68_bcf6_0795),
        "internbank-car-2024.yaml": (0x55c2_be9c_13f9_dac9, 0x64c6_ec68_bcf6_0795),
        "linkoping-kommun-2024.yaml": (0x7985_b96c_0f6b_be69, 0x6313_263f_6b29_f8ed),
        "portfolio-15.6bn.yaml": (0xf04f_dc74_5451_7796, 0x4309_fbe9_eebe_9dab),
    ]

    @Test("every shipped simulation's path values have the baseline build's bits, with the vector kernel and the scalar one")
    func pinnedDigests() throws {
        var seen: [String] = []
        for (name, input, settings) in try KernelTests.shippedSimulations(paths: 1030) {
            var s = settings
            s.antithetic = true
            let expected = try #require(Self.pinned[name], "\(name): a new simulation scenario needs its digest pinned here")
            #expect(Self.digest(try KernelTests.raw(input, s, .lanes)) == expected.lanes, "\(name), vector kernel")
            #expect(Self.digest(try KernelTests.raw(input, s, .scalar)) == expected.scalar, "\(name), scalar kernel")
            seen.append(name)
        }
        #expect(Set(seen).isSuperset(of: ["frontier-2024.yaml", "internbank-car-2024.yaml", "linkoping-kommun-2024.yaml"]))
    }
}
