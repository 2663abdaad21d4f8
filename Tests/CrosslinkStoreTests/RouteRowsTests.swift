import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// `routes` between reconciles: the stored rows of the clean imports merged with fresh answers for the
/// dirty ones must be exactly what answering every import of the current estate gives.
@Suite struct RouteRowsTests {
    /// What `routes` would print (nil when it computes everything instead), read twice in the one
    /// transaction as a table does; the two passes must agree.
    static func printed(_ store: Store, cluster: String? = nil) throws -> (RouteFreshness, [RouteAnswer]?) {
        try store.withRouteRows(cluster: cluster) { rows in
            guard rows.freshness == .current || rows.freshness == .partlyStale else { return (rows.freshness, nil) }
            var first: [RouteAnswer] = []
            try rows.forEach { first.append($0) }
            var second: [RouteAnswer] = []
            try rows.forEach { second.append($0) }
            #expect(first == second, "a second pass reads the same rows")
            return (rows.freshness, first)
        }
    }

    @Test(
        "random changes between reconciles: stored rows and the dirty imports answered equal answering every import",
        arguments: [(21, false), (22, false), (23, true)])
    func randomChanges(seed: Int, trafficControls: Bool) throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("r.db").path)
        var generator = try EstateGenerator(clusters: 80, servicesPerCluster: 3, importsPerCluster: 4, seed: UInt64(seed))
        generator.trafficControls = trafficControls
        let estate = generator.topology()
        try store.update { $0 = estate }
        _ = try store.reconcile()
        var random = SplitMix64(seed: UInt64(seed))
        var counts: [RouteFreshness: Int] = [:]
        for step in 0..<30 {
            do {
                try store.update { IncrementalReconcileTests.mutate(&$0, &random, step: step) }
            } catch let error as CrosslinkError {
                Issue.record("step \(step): mutation refused: \(error.message)")
                continue
            }
            let topology = try store.loadTopology()
            let expected = try RouteEngine(topology: topology).allImportAnswers()
            let (freshness, answers) = try Self.printed(store)
            counts[freshness, default: 0] += 1
            if let answers { #expect(answers == expected, "step \(step), \(freshness): \(answers.count) printed, \(expected.count) expected") }
            // A few clusters' slices, among them one an answer changed in.
            let clusters = topology.clusters.keys.sorted()
            for cluster in [clusters[random.below(clusters.count)], clusters[step % clusters.count]] {
                let (sliceFreshness, slice) = try Self.printed(store, cluster: cluster)
                #expect(sliceFreshness == freshness)
                if let slice {
                    #expect(slice == expected.filter { $0.consumer.cluster == cluster || $0.service.cluster == cluster }, "step \(step), \(cluster)")
                }
            }
            // Changes pile up between reconciles, as they do between a user's commands.
            if random.below(3) == 0 { _ = try store.reconcile() }
        }
        #expect(counts[.partlyStale, default: 0] >= 10, "most steps answer only the dirty imports: \(counts)")
    }

    @Test("routes reads the stored rows alone when nothing changed, and says a full pass is due when one is")
    func freshness() throws {
        let store = try StoredReadsTests.estate()
        #expect(try Self.printed(store).0 == .neverReconciled)
        _ = try store.reconcile()
        let stored = try Self.printed(store)
        #expect(stored.0 == .current)
        #expect(try stored.1 == RouteEngine(topology: store.loadTopology()).allImportAnswers())
        // A VNet's address space can change any answer: a full pass is due.
        try store.update { topology in
            if let name = topology.vnets.keys.sorted().first, let first = topology.vnets[name]?.addressSpace.first {
                topology.vnets[name]?.addressSpace = [first, CIDR(containing: IPv4Address(value: 0xC0A8_0100), prefixLength: 24)]
            }
        }
        #expect(try Self.printed(store).0 == .stale)
        #expect(try Self.printed(store, cluster: "nope").0 == .noSuchCluster)
    }
}
