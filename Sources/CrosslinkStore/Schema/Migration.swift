/// One numbered schema change, embedded from `migrations/NNNN_name.sql`.
struct Migration: Sendable {
    let identifier: Int
    let name: String
    let sql: String

    /// Every migration the binary knows, in order. A new file in migrations/ needs a line here and an
    /// `.embedInCode` line in Package.swift; a test checks that the three agree.
    static let all: [Migration] = [
        Migration(identifier: 1, name: "0001_initial", bytes: PackageResources._001_initial_sql),
        Migration(identifier: 2, name: "0002_routes", bytes: PackageResources._002_routes_sql),
        Migration(identifier: 3, name: "0003_route_fingerprint", bytes: PackageResources._003_route_fingerprint_sql),
        Migration(identifier: 4, name: "0004_dirty_imports", bytes: PackageResources._004_dirty_imports_sql),
        Migration(identifier: 5, name: "0005_prefix_lookup", bytes: PackageResources._005_prefix_lookup_sql),
        Migration(identifier: 6, name: "0006_lean_tables", bytes: PackageResources._006_lean_tables_sql),
        Migration(identifier: 7, name: "0007_no_import_service_index", bytes: PackageResources._007_no_import_service_index_sql),
        Migration(identifier: 8, name: "0008_ingress_by_host", bytes: PackageResources._008_ingress_by_host_sql),
        Migration(identifier: 9, name: "0009_external_traffic_policy", bytes: PackageResources._009_external_traffic_policy_sql),
        Migration(identifier: 11, name: "0011_traffic_controls", bytes: PackageResources._011_traffic_controls_sql),
        Migration(identifier: 12, name: "0012_route_by_service_cluster", bytes: PackageResources._012_route_by_service_cluster_sql),
        Migration(identifier: 13, name: "0013_integer_addresses", bytes: PackageResources._013_integer_addresses_sql),
    ]

    init(identifier: Int, name: String, bytes: [UInt8]) {
        self.identifier = identifier
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
    }
}
