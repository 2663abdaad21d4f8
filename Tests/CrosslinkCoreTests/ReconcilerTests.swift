import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// The pure reconciler: answers in, stored summaries in, answers and changes out; no database.
@Suite struct ReconcilerTests {
    typealias F = RouteFixtures

    /// Reconciles every import of `topology` against `stored`.
    static func reconcile(_ topology: Topology, stored: [RouteSummary]) throws -> Reconciliation {
        try Reconciler(topology: topology).reconcile(Array(topology.imports.values), stored: stored)
    }

    /// What a reconcile of `topology` against nothing would store.
    static func summaries(_ topology: Topology) throws -> [RouteSummary] {
        try reconcile(topology, stored: []).answers.map(\.summary)
    }

    static let before = F.base.tunnel("aks-a", "aks-b").importing("aks-b/backend/api", into: "aks-a", port: 80)
        .importing("aks-b/backend/api", into: "aks-far", port: 80).topology

    @Test("against nothing stored: every answer, in key order, each a new route with its fingerprint")
    func firstReconcile() throws {
        let result = try Self.reconcile(Self.before, stored: [])
        #expect(try result.answers == RouteEngine(topology: Self.before).allImportAnswers())
        #expect(result.changes.map(\.key) == result.answers.map(\.key))
        #expect(result.changes.allSatisfy { $0.before == nil && $0.fingerprint == $0.after?.fingerprint })
    }

    @Test("nothing changed: the same answers and no change")
    func noChange() throws {
        let result = try Self.reconcile(Self.before, stored: try Self.summaries(Self.before))
        #expect(result.changes.isEmpty && result.answers.count == 2)
        #expect(RouteChangeSet(changes: result.changes).isEmpty)
    }

    @Test("newly routable, newly unroutable, path changed, added and removed")
    func changes() throws {
        let after = F.base
            .service("aks-b/backend/api", ports: [ServicePort(name: "http", port: 80, appProtocol: "http")], exposure: .publicLB, loadBalancerIP: "20.2.0.1")
            .importing("aks-b/backend/api", into: "aks-a", port: 80).importing("aks-b/backend/api", into: "aks-far", port: 80)
            .importing("aks-b/backend/api", into: "aks-b", port: 80).topology
        let result = try Self.reconcile(after, stored: try Self.summaries(Self.before))
        #expect(result.changes.map(\.key) == result.changes.map(\.key).sorted())
        let changes = RouteChangeSet(changes: result.changes)
        #expect(changes.pathChanged.map(\.after.key.description) == ["aks-a -> aks-b/backend/api:80"])
        #expect(changes.pathChanged.first?.before.via == .tunnel && changes.pathChanged.first?.after.via == .network)
        #expect(changes.newlyRoutable.map(\.key.description) == ["aks-b -> aks-b/backend/api:80", "aks-far -> aks-b/backend/api:80"])
        #expect(changes.added.map(\.description) == ["aks-b -> aks-b/backend/api:80"])
        #expect(RouteChangeSet(changes: result.changes.reversed()) == changes, "classified in key order whatever the order given")

        var shrunk = after
        shrunk.imports = shrunk.imports.filter { $0.key.consumer.cluster == "aks-a" }
        let removal = try Self.reconcile(shrunk, stored: try Self.summaries(after))
        #expect(removal.changes.map(\.key.description) == ["aks-b -> aks-b/backend/api:80", "aks-far -> aks-b/backend/api:80"])
        #expect(removal.changes.allSatisfy { $0.after == nil && $0.fingerprint == nil && $0.before != nil })
        #expect(RouteChangeSet(changes: removal.changes).removed.count == 2)

        let broken = try Self.reconcile(F.base.importing("aks-b/backend/api", into: "aks-a", port: 80).topology, stored: try Self.summaries(after))
        #expect(RouteChangeSet(changes: broken.changes).newlyUnroutable.map(\.key.description) == ["aks-a -> aks-b/backend/api:80"])
    }

    @Test("a stored answer that differs only in a reason's text is a change (compared by fingerprint), not a verdict change")
    func fingerprintChange() throws {
        var stored = try Self.summaries(Self.before)
        stored[1].fingerprint ^= 1
        let result = try Self.reconcile(Self.before, stored: stored)
        #expect(result.changes.map(\.key) == [stored[1].key] && result.changes.first?.before == stored[1])
        #expect(RouteChangeSet(changes: result.changes).isEmpty)
    }

    @Test("an import naming a service the snapshot lacks is an error, not an import without routes")
    func engineError() throws {
        var topology = Self.before
        let ghost = ImportID(consumer: Consumer(cluster: "aks-a"), service: ServiceID(cluster: "aks-b", namespace: "backend", name: "ghost"))
        topology.imports[ghost] = ServiceImport(id: ghost)
        #expect(throws: CrosslinkError.self) { try Self.reconcile(topology, stored: try Self.summaries(Self.before)) }
    }
}
