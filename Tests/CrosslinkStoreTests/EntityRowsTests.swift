import CrosslinkCore
import CrosslinkGenerator
import CrosslinkTestSupport
import Foundation
import Testing

@testable import CrosslinkStore

/// `<kind> list` reads its objects row by row from SQLite; it must hand out exactly what the whole
/// estate's snapshot lists, in the same order.
@Suite struct EntityRowsTests {
    static func listed(_ store: Store, _ kind: EntityKind) throws -> [Entity] {
        try store.withEntities(of: kind) { rows in
            var first: [Entity] = []
            try rows.forEach { first.append($0) }
            var second: [Entity] = []
            try rows.forEach { second.append($0) }
            #expect(first == second, "a second pass reads the same objects")
            return first
        }
    }

    @Test("every kind, row by row, equals the whole estate's list", arguments: [false, true])
    func everyKind(trafficControls: Bool) throws {
        let store = try Store(path: try TemporaryDirectory.make().appendingPathComponent("e.db").path)
        var generator = try EstateGenerator(clusters: 60, servicesPerCluster: 3, importsPerCluster: 4, seed: 5)
        generator.trafficControls = trafficControls
        var estate = generator.topology()
        // Child rows on several parents, some with more than one, and parents without any.
        for (index, name) in estate.clusters.keys.sorted().enumerated() where index % 3 == 0 {
            estate.clusters[name]?.isolatedNamespaces = (0...(index / 3 % 2)).map { "iso-\($0)" }
            estate.clusters[name]?.nodePools = (0...(index / 3 % 3)).map { "pool-\($0)" }
        }
        try store.update { $0 = estate }
        let whole = try store.loadTopology()
        #expect(whole.clusters.values.contains { $0.nodePools.count > 1 } && whole.services.values.contains { $0.ports.count > 1 })
        for kind in EntityKind.allCases {
            let expected = whole.entities(of: kind)
            #expect(try Self.listed(store, kind) == expected, "\(kind)")
        }
    }

    @Test("an empty estate lists nothing of any kind")
    func empty() throws {
        let store = try Store(path: try TemporaryDirectory.make().appendingPathComponent("e.db").path)
        for kind in EntityKind.allCases { #expect(try Self.listed(store, kind).isEmpty, "\(kind)") }
    }

    @Test("a streamed read runs with a small page cache and gives the connection its big one back")
    func pageCache() throws {
        let store = try StoredReadsTests.estate()
        func cacheSize() throws -> Int64? { try store.connection.query("PRAGMA cache_size") { $0.integer(0) }.first ?? nil }
        let big = try cacheSize()
        #expect(big == -Int64(Store.pageCacheKiB))
        var during: [Int64?] = []
        try store.withEntities(of: .cluster) { _ in during.append(try cacheSize()) }
        _ = try store.reconcile()
        try store.withRouteRows { _ in during.append(try cacheSize()) }
        #expect(during == [-2_048, -2_048])
        #expect(try cacheSize() == big)
        // Also when the body throws.
        struct Stop: Error {}
        #expect(throws: Stop.self) { try store.withEntities(of: .vnet) { _ in throw Stop() } }
        #expect(try cacheSize() == big)
    }
}
