// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "crosslink",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crosslink", targets: ["crosslink"])
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
                .embedInCode("Migrations/0003_route_fingerprint.sql"),
                .embedInCode("Migrations/0004_dirty_imports.sql"),
                .embedInCode("Migrations/0005_prefix_lookup.sql"),
                .embedInCode("Migrations/0006_lean_tables.sql"),
                .embedInCode("Migrations/0007_no_import_service_index.sql"),
                .embedInCode("Migrations/0008_ingress_by_host.sql"),
                .embedInCode("Migrations/0009_external_traffic_policy.sql"),
                .embedInCode("Migrations/0011_traffic_controls.sql"),
                .embedInCode("Migrations/0012_route_by_service_cluster.sql"),
                .embedInCode("Migrations/0013_integer_addresses.sql"),
            ]
        ),
        .target(name: "CrosslinkTopologyFile", dependencies: ["CrosslinkCore", "Yams"]),
        // Pictures and reports of the estate: DOT, Mermaid, a self-contained HTML page.
        .target(name: "CrosslinkReport", dependencies: ["CrosslinkCore", "CrosslinkManifests"]),
        // Synthetic estates for demos, load tests and the benchmark (pure, seeded).
        .target(name: "CrosslinkGenerator", dependencies: ["CrosslinkCore"]),
        .target(name: "CrosslinkManifests", dependencies: ["CrosslinkCore", "Yams"]),
        // Translates the JSON that `az` prints into a Topology; Foundation for JSON only.
        .target(name: "CrosslinkAzure", dependencies: ["CrosslinkCore"]),
        // Translates the JSON that `kubectl get` prints into one cluster's services, ingresses and isolated namespaces.
        .target(name: "CrosslinkKubernetes", dependencies: ["CrosslinkCore"]),
        .target(
            name: "CrosslinkCLI",
            dependencies: [
                "CrosslinkCore", "CrosslinkStore", "CrosslinkTopologyFile", "CrosslinkManifests", "CrosslinkGenerator", "CrosslinkReport",
                "CrosslinkAzure", "CrosslinkKubernetes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "crosslink", dependencies: ["CrosslinkCLI"]),
        // The fleet-scale benchmark: swift run -c release crosslink-bench (docs/benchmarks.md).
        .executableTarget(
            name: "crosslink-bench",
            dependencies: ["CrosslinkCore", "CrosslinkStore", "CrosslinkGenerator", "CrosslinkManifests"]
        ),
        .target(name: "CrosslinkTestSupport", dependencies: ["CrosslinkCore", "CrosslinkStore"], path: "Tests/CrosslinkTestSupport"),
        .testTarget(name: "CrosslinkCoreTests", dependencies: ["CrosslinkCore", "CrosslinkGenerator", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkGeneratorTests", dependencies: ["CrosslinkGenerator", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkStoreTests", dependencies: ["CrosslinkStore", "CrosslinkGenerator", "CrosslinkTestSupport", "CrosslinkTopologyFile"]),
        // Table-driven routability scenarios from Tests/Scenarios/*.yaml.
        .testTarget(name: "CrosslinkScenarioTests", dependencies: ["CrosslinkCore", "CrosslinkTopologyFile", "CrosslinkTestSupport", "Yams"]),
        .testTarget(name: "CrosslinkTopologyFileTests", dependencies: ["CrosslinkTopologyFile", "CrosslinkGenerator", "CrosslinkTestSupport"]),
        .testTarget(name: "CrosslinkManifestsTests", dependencies: ["CrosslinkManifests", "CrosslinkGenerator", "CrosslinkTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "CrosslinkAzureTests", dependencies: ["CrosslinkAzure", "CrosslinkTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CrosslinkKubernetesTests", dependencies: ["CrosslinkKubernetes", "CrosslinkTestSupport"], exclude: ["Fixtures"]),
        // End to end through the built binary; depends on it so `swift test` builds it first.
        .testTarget(
            name: "CrosslinkCLITests", dependencies: ["CrosslinkCLI", "CrosslinkTestSupport", "CrosslinkTopologyFile", "CrosslinkReport", "Yams", "crosslink"]),
    ],
    swiftLanguageModes: [.v6]
)
