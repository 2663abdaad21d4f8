import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// `routes`, `<kind> list` and `<kind> show` read slices of the store; each must give what the whole
/// estate gives.
@Suite struct StoredReadsTests {
    static func estate() throws -> Store {
        let store = try Store(path: try TemporaryDirectory.make().appendingPathComponent("s.db").path)
        let topology = try EstateGenerator(clusters: 40, servicesPerCluster: 3, importsPerCluster: 5, seed: 3).topology()
        try store.update { $0 = topology }
        return store
    }

    static func answers(_ stored: StoredRoutes) -> [RouteAnswer]? {
        if case .current(let answers) = stored { return answers }
        return nil
    }

    @Test("stored routes: none before the first reconcile, the full computation after it, stale after a change")
    func storedRoutesFollowReconciles() throws {
        let store = try Self.estate()
        guard case .neverReconciled = try store.storedRoutes() else {
            Issue.record("expected no reconcile yet")
            return
        }
        _ = try IncrementalReconcileTests.reconcile(store)
        let expected = RouteEngine(topology: try store.loadTopology()).allImportAnswers()
        #expect(expected.contains { !$0.isRoutable && $0.rejected.contains { $0.reason.fix != nil } }, "the estate has fixes to keep")
        #expect(Self.answers(try store.storedRoutes()) == expected)
        for cluster in ["aks-0", "aks-7", "aks-39"] {
            let slice = expected.filter { $0.consumer.cluster == cluster || $0.service.cluster == cluster }
            #expect(!slice.isEmpty)
            #expect(Self.answers(try store.storedRoutes(cluster: cluster)) == slice, "\(cluster)")
        }
        guard case .noSuchCluster = try store.storedRoutes(cluster: "nope") else {
            Issue.record("expected an unknown cluster")
            return
        }

        // A change that can alter an answer makes the stored ones stale until the next reconcile.
        try store.update { topology in
            if let pair = topology.peerings.keys.sorted().first { topology.peerings[pair]?.state = .disconnected }
        }
        guard case .stale = try store.storedRoutes(cluster: "aks-0") else {
            Issue.record("expected stale answers after a change")
            return
        }
        _ = try IncrementalReconcileTests.reconcile(store)
        #expect(Self.answers(try store.storedRoutes()) == RouteEngine(topology: try store.loadTopology()).allImportAnswers())
    }

    @Test("list and show read only their kind's tables and give what the whole estate gives")
    func scopedListAndShow() throws {
        let store = try Self.estate()
        let whole = try store.loadTopology()
        for kind in EntityKind.allCases {
            let all = whole.entities(of: kind)
            #expect(try store.loadTopology(scope: .entities(of: kind)).entities(of: kind) == all, "list \(kind)")
            // A sample of each kind shown one by one.
            for entity in all.prefix(5) + all.suffix(2) {
                #expect(try store.loadTopology(scope: .entity(entity.reference))[entity.reference] == entity, "show \(entity.reference)")
            }
        }
        #expect(try store.loadTopology(scope: .entity(.cluster("nope")))[.cluster("nope")] == nil)
        #expect(!whole.entities(of: .tunnel).isEmpty && !whole.entities(of: .ingress).isEmpty)
    }
}
