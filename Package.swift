// swift-tools-version:6.0
import PackageDescription

// Release executables link the Swift runtime and Foundation statically on Linux: the dynamic loader's symbol
// look-ups and relocations for the shared Swift libraries were a quarter of `slant-score`'s start-up (31 -> 24 ms
// of CPU on an empty input, 15 interleaved runs), and calls into the runtime no longer go through the PLT (the
// default analysis of the AllSides dev articles 0.565 -> 0.527 s). The flag goes to the modules that import
// Foundation on the programs' side (their autolink entries name the static libraries), not to the `Slant`
// library, which `Benchmarks/` links into a program of its own the usual, dynamic way.
let staticStdlib: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let staticStdlibSwift: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "Slant",
    products: [
        .library(name: "Slant", targets: ["Slant"]),
        .executable(name: "slant-train", targets: ["slant-train"]),
        .executable(name: "slant-score", targets: ["slant-score"]),
        .executable(name: "slant-eval", targets: ["slant-eval"]),
        .executable(name: "slant-report", targets: ["slant-report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // CBLAS from the system: Debian's reference `libblas-dev`, or OpenBLAS, which replaces it at run time.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "blas",
            providers: [.apt(["libblas-dev"])]
        ),
        // zlib, for gzip-compressed input.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Small C kernels Swift cannot express efficiently (SSE2 scans over an article's scalars).
        .target(name: "CKernels"),
        .target(
            name: "Slant",
            dependencies: ["CBLAS", "CZlib", "CKernels"]
        ),
        .target(
            name: "SlantCLI",
            dependencies: [
                "Slant",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticStdlibSwift
        ),
        .executableTarget(name: "slant-train", dependencies: ["SlantCLI"], swiftSettings: staticStdlibSwift, linkerSettings: staticStdlib),
        .executableTarget(name: "slant-score", dependencies: ["SlantCLI"], swiftSettings: staticStdlibSwift, linkerSettings: staticStdlib),
        .executableTarget(name: "slant-eval", dependencies: ["SlantCLI"], swiftSettings: staticStdlibSwift, linkerSettings: staticStdlib),
        .executableTarget(name: "slant-report", dependencies: ["SlantCLI"], swiftSettings: staticStdlibSwift, linkerSettings: staticStdlib),
        .testTarget(name: "SlantTests", dependencies: ["Slant"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Slant"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
