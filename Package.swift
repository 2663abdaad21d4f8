// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "crosslink",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crosslink", targets: ["crosslink"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The system SQLite (Debian: libsqlite3-dev), wrapped thinly by CrosslinkStore.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Pure domain: model, validation, CIDR maths, routability. Standard library only.
        .target(name: "CrosslinkCore"),
        .target(
            name: "CrosslinkStore",
            dependencies: ["CrosslinkCore", "CSQLite"],
            resources: [
                .embedInCode("Migrations/0001_initial.sql"),
                .embedInCode("Migrations/0002_routes.sql"),
            ]
        ),
        .target(name: "CrosslinkTopologyFile", dependencies: ["CrosslinkCore", "Yams"]),
        .target(name: "CrosslinkManifests", dependencies: ["CrosslinkCore", "Yams"]),
        // Translates the JSON that `az` prints into a Topology; Foundation for JSON only.
        .target(name: "CrosslinkAzure", dependencies: ["CrosslinkCore"]),
        .target(
            name: "CrosslinkCLI",
            dependencies: [
                "CrosslinkCore", "CrosslinkStore", "CrosslinkTopologyFile", "CrosslinkManifests", "CrosslinkAzure",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "crosslink", dependencies: ["CrosslinkCLI"]),
        .target(name: "CrosslinkTestSupport", dependencies: ["CrosslinkCore", "CrosslinkStore"], path: "Tests/CrosslinkTestSupport"),
        .testTarget(name: "CrosslinkCoreTests", dependencies: ["CrosslinkCore", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkStoreTests", dependencies: ["CrosslinkStore", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkTopologyFileTests", dependencies: ["CrosslinkTopologyFile", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkManifestsTests", dependencies: ["CrosslinkManifests", "CrosslinkTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "CrosslinkAzureTests", dependencies: ["CrosslinkAzure", "CrosslinkTestSupport"], exclude: ["Fixtures"]),
        // End to end through the built binary; depends on it so `swift test` builds it first.
        .testTarget(name: "CrosslinkCLITests", dependencies: ["CrosslinkTestSupport", "crosslink"]),
    ],
    swiftLanguageModes: [.v6]
)
