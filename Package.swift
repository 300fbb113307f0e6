// swift-tools-version: 6.1
import PackageDescription
import Foundation

/// The vector build (issue 20): `PrognosCore` compiled for Haswell-level x86-64 (AVX2, 4 doubles
/// per instruction instead of SSE2's 2) when the machine that builds it has every instruction
/// that level may use; the simulation kernel is then ≈ 1.4 × faster with the same bits (no
/// FMA: Swift never fuses a multiply and an add; `BuildReproducibilityTests` pins the bits).
/// Baseline x86-64 elsewhere, on other architectures, or with `PROGNOS_PORTABLE=1` (a
/// binary to copy to other machines). A vector binary on a processor without AVX2 stops at
/// start with exit 70 and a sentence (`Sources/_CPUGuard`). docs/decisions.md, "Vector build".
let vectorBuild: Bool = {
    #if os(Linux) && arch(x86_64)
    if Context.environment["PROGNOS_PORTABLE"] == "1" { return false }
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let flags = Set(line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
    return ["avx", "avx2", "fma", "f16c", "movbe", "popcnt", "bmi1", "bmi2", "abm"].allSatisfy(flags.contains)
    #else
    return false
    #endif
}()

let package = Package(
    name: "Prognos",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PrognosCore", targets: ["PrognosCore"]),
        .executable(name: "prognos", targets: ["prognos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // GNU GSL as a system library; the only C the rest of the code sees goes
        // through `PrognosCore/Numerics/GSL.swift`.
        .systemLibrary(
            name: "_CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // libxlsxwriter (the xlsx workbook); the only C it shows is in `PrognosCore/Output/XLSX.swift`.
        .systemLibrary(
            name: "_CXLSX",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The vector build's start-up check (C, compiled for baseline x86-64).
        .target(
            name: "_CPUGuard",
            cSettings: vectorBuild ? [.define("PROGNOS_VECTOR_BUILD")] : []
        ),
        .target(
            name: "PrognosCore",
            dependencies: [
                "_CGSL",
                "_CXLSX",
                "_CPUGuard",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: vectorBuild ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
        ),
        .executableTarget(
            name: "prognos",
            dependencies: [
                "PrognosCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PrognosCoreTests",
            dependencies: ["PrognosCore"]
        ),
        .testTarget(
            name: "PrognosCLITests",
            dependencies: ["prognos"]
        ),
        // The front end's fuzz target: scripts/fuzz.sh builds it with -sanitize=fuzzer.
        .executableTarget(
            name: "PrognosFuzz",
            dependencies: ["PrognosCore"],
            path: "Fuzz/PrognosFuzz"
        ),
        // Benchmarks (package-benchmark): `swift package benchmark`, release builds.
        .executableTarget(
            name: "TreasuryBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/TreasuryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "OperatingBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/OperatingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SimulationBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/SimulationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "FrontierBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/FrontierBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/LedgerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LoanBenchmarks",
            dependencies: ["PrognosCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/LoanBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
