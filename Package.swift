// swift-tools-version: 6.1
import PackageDescription

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
        .target(
            name: "PrognosCore",
            dependencies: [
                "_CGSL",
                "_CXLSX",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
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
