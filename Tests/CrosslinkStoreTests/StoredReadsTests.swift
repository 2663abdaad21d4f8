import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// `routes`, `<kind> list` and `<kind> show` read slices of the store; each must give what the whole
/// estate gives.
@Suite struct StoredReadsTests {
    static func estate(at path: String? = nil) throws -> Store {
        let store = try Store(path: try path ?? TemporaryDirectory.make().appendingPathComponent("s.db").path)
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
        let expected = try RouteEngine(topology: try store.loadTopology()).allImportAnswers()
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
        #expect(try Self.answers(store.storedRoutes()) == RouteEngine(topology: store.loadTopology()).allImportAnswers())
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

    @Test(
        "schema 12 asks for a full reconcile when a stored rejection predates closeness and fixes, so routes never prints one",
        arguments: [true, false])
    func oldRejectionRowsAreNotPrinted(oldRow: Bool) throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("old.db").path
        let store = try Self.estate(at: path)
        _ = try IncrementalReconcileTests.reconcile(store)
        // Back to schema 11, with one row (or none) rewritten the way crosslink stored rejections before:
        // via, code and message only.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP INDEX route_by_service_cluster")
            db.execute("DELETE FROM crosslink_migration WHERE identifier = 12")
            if sys.argv[2] == "old":
                rowid, rejected = db.execute("SELECT rowid, rejected FROM route WHERE rejected <> '' ORDER BY rowid LIMIT 1").fetchone()
                old = "\\n".join("\\t".join(line.split("\\t")[:3]) for line in rejected.split("\\n"))
                db.execute("UPDATE route SET rejected = ? WHERE rowid = ?", (old, rowid))
            db.commit()
            """
        #expect(try IndependentSQLite.python(script, [path, oldRow ? "old" : "new"]).status == 0)
        switch try Store(path: path).storedRoutes() {
        case .stale: #expect(oldRow)
        case .current: #expect(!oldRow)
        default: Issue.record("unexpected state")
        }
    }
}
