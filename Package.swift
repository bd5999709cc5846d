// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Slant",
    products: [
        .library(name: "Slant", targets: ["Slant"]),
        .executable(name: "slant-train", targets: ["slant-train"]),
        .executable(name: "slant-score", targets: ["slant-score"]),
        .executable(name: "slant-eval", targets: ["slant-eval"]),
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
            ]
        ),
        .executableTarget(name: "slant-train", dependencies: ["SlantCLI"]),
        .executableTarget(name: "slant-score", dependencies: ["SlantCLI"]),
        .executableTarget(name: "slant-eval", dependencies: ["SlantCLI"]),
        .testTarget(name: "SlantTests", dependencies: ["Slant"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Slant"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
