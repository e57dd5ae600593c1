// swift-tools-version:6.1
// Anima: a creature that draws on a Raspberry Pi display, and the governance host its devices sync to.
// Dependency shape (arrows point down only) is documented in docs/architecture.md.
import PackageDescription

let package = Package(
    name: "Anima",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "anima", targets: ["anima"]),
        .executable(name: "governance-host", targets: ["governance-host"]),
        .executable(name: "anima-bench", targets: ["anima-bench"]),
        .executable(name: "governance-bench", targets: ["governance-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // MARK: System libraries and the C shim
        // libgpiod is dlopen()ed at run time (v2 libgpiod.so.3 or v1 libgpiod.so.2), never linked: one binary for both.
        .target(name: "CAnimaGPIOD", path: "Sources/CAnimaGPIOD", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CAnimaCurl", path: "Sources/CAnimaCurl", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(
            name: "CAnimaLibPQ", path: "Sources/CAnimaLibPQ",
            pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CAnimaZlib", path: "Sources/CAnimaZlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CAnimaLinuxIO", path: "Sources/CAnimaLinuxIO"),
        // The build's version (scripts/version.sh writes it before `make` builds); shared by both programs.
        .target(name: "CAnimaVersion", path: "Sources/CAnimaVersion"),
        .target(name: "AnimaVersion", dependencies: ["CAnimaVersion"]),

        // MARK: Small shared pieces: an image value + PNG encoder (pure), and crash-safe file writes
        .target(name: "AnimaImage", dependencies: ["CAnimaZlib"]),
        .target(name: "AnimaFiles"),
        .target(name: "SHA256Digest"),
        .target(name: "JSONDocument"),
        .target(name: "CommandOutput", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "ServiceLog", dependencies: [.product(name: "Logging", package: "swift-log")]),

        // MARK: Pi side
        .target(
            name: "AnimaHAL",
            dependencies: ["CAnimaGPIOD", "CAnimaLinuxIO"]),
        .target(
            name: "AnimaDisplay",
            dependencies: ["AnimaHAL", "AnimaImage", "AnimaFiles", "CAnimaLinuxIO"]),
        .target(name: "DriverST7789", dependencies: ["AnimaDisplay"], path: "Drivers/ST7789"),
        .target(name: "DriverST7735R", dependencies: ["AnimaDisplay"], path: "Drivers/ST7735R"),
        .target(name: "DriverILI9341", dependencies: ["AnimaDisplay"], path: "Drivers/ILI9341"),
        .target(name: "DriverGC9A01", dependencies: ["AnimaDisplay"], path: "Drivers/GC9A01"),
        .target(name: "DriverSSD1306", dependencies: ["AnimaDisplay"], path: "Drivers/SSD1306"),
        .target(
            name: "AnimaDrivers",
            dependencies: ["AnimaDisplay", "DriverST7789", "DriverST7735R", "DriverILI9341", "DriverGC9A01", "DriverSSD1306"],
            path: "Drivers/Registry"),
        .target(
            name: "AnimaBoards",
            dependencies: ["AnimaHAL", "AnimaDisplay", "AnimaDrivers", "AnimaFiles", "SHA256Digest", "Yams"],
            resources: [.embedInCode("Resources/schema.yaml"), .embedInCode("Resources/simulator.yaml")]),
        .target(name: "AnimaDrawing", dependencies: ["AnimaImage", "JSONDocument"]),
        .target(
            name: "AnimaStore",
            dependencies: ["AnimaDrawing", "AnimaFiles", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .target(name: "GovernanceCore", dependencies: ["JSONDocument"]),
        .target(
            name: "AnimaGovernanceClient",
            dependencies: [
                "GovernanceCore", "JSONDocument", "AnimaStore", "AnimaVersion", "CAnimaCurl", .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "AnimaRuntime",
            dependencies: [
                "AnimaHAL", "AnimaDisplay", "AnimaDrivers", "AnimaBoards", "AnimaDrawing", "AnimaStore", "AnimaFiles", "AnimaImage",
                "AnimaGovernanceClient", "GovernanceCore", "SHA256Digest", .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "anima",
            dependencies: [
                "AnimaRuntime", "AnimaBoards", "AnimaDisplay", "AnimaHAL", "AnimaFiles", "AnimaStore", "AnimaGovernanceClient", "AnimaVersion",
                "ServiceLog", "CommandOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Governance host (PostgreSQL only; never links SQLite)
        .target(
            name: "GovernanceHost",
            dependencies: [
                "GovernanceCore", "JSONDocument", "CAnimaLibPQ", "SHA256Digest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("Resources/openapi.json")]),
        .executableTarget(
            name: "governance-host",
            dependencies: [
                "GovernanceHost", "AnimaVersion", "ServiceLog", "CommandOutput", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Benchmarks (release builds only; `make bench`)
        .executableTarget(
            name: "governance-bench",
            dependencies: ["GovernanceHost", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "anima-bench",
            dependencies: ["AnimaRuntime", "AnimaDisplay", "AnimaDrawing", "AnimaStore", "AnimaImage"]),

        // MARK: Tests — one target per module, plus end-to-end
        .testTarget(name: "AnimaImageTests", dependencies: ["AnimaImage", "AnimaFiles"]),
        .testTarget(name: "SHA256DigestTests", dependencies: ["SHA256Digest"]),
        .testTarget(name: "JSONDocumentTests", dependencies: ["JSONDocument"]),
        .testTarget(name: "CommandOutputTests", dependencies: ["CommandOutput"]),
        .testTarget(name: "ServiceLogTests", dependencies: ["ServiceLog", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "AnimaHALTests", dependencies: ["AnimaHAL"]),
        .testTarget(name: "AnimaDisplayTests", dependencies: ["AnimaDisplay", "AnimaDrivers"]),
        .testTarget(name: "AnimaBoardsTests", dependencies: ["AnimaBoards", "AnimaDisplay", "SHA256Digest"]),
        .testTarget(name: "AnimaDrawingTests", dependencies: ["AnimaDrawing", "JSONDocument"]),
        .testTarget(name: "AnimaStoreTests", dependencies: ["AnimaStore"]),
        .testTarget(name: "GovernanceCoreTests", dependencies: ["GovernanceCore"]),
        .testTarget(name: "AnimaGovernanceClientTests", dependencies: ["AnimaGovernanceClient", "AnimaVersion", "CAnimaCurl"]),
        .testTarget(name: "AnimaRuntimeTests", dependencies: ["AnimaRuntime", "AnimaBoards", "AnimaDisplay", "AnimaImage"]),
        .testTarget(name: "GovernanceHostTests", dependencies: ["GovernanceHost", "JSONDocument"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AnimaStore", "AnimaBoards", "AnimaDisplay", "AnimaImage", "GovernanceHost"]),
    ],
    swiftLanguageModes: [.v6]
)
