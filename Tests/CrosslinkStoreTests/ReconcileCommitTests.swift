import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// `reconcile`'s `beforeCommit` may commit itself (reconcile --out commits while it can still undo
/// its files); what it throws before committing stores nothing.
@Suite struct ReconcileCommitTests {
    static func store() throws -> (Store, String) {
        let path = try TemporaryDirectory.make().appendingPathComponent("c.db").path
        let store = try Store(path: path)
        try store.update { $0 = try EstateGenerator(clusters: 10, servicesPerCluster: 2, importsPerCluster: 2, seed: 5).topology() }
        return (store, path)
    }

    @Test("committing inside beforeCommit stores the routes once, and runs the rest after the commit")
    func commitsInside() throws {
        let (store, path) = try Self.store()
        var committedBeforeReturning = false
        let record = try store.reconcile(full: true) { _, _, commit in
            try commit()
            // Another connection sees the new routes already: the commit happened here.
            committedBeforeReturning = try Store(path: path).loadRoutes().generation == 1
        }
        #expect(committedBeforeReturning)
        #expect(try store.loadRoutes().generation == record.generation && record.generation == 1)
        #expect(try store.loadRoutes().answers.count == record.routeCount && record.routeCount > 0)
    }

    @Test("a failure in beforeCommit before committing stores nothing")
    func failureBeforeCommit() throws {
        let (store, _) = try Self.store()
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.reconcile(full: true) { _, _, _ in throw Refused() }
        }
        #expect(try store.loadRoutes().generation == 0)
        #expect(try store.loadRoutes().answers.isEmpty)
        // Not committing at all still commits after beforeCommit returns.
        let record = try store.reconcile(full: true) { _, _, _ in }
        #expect(try store.loadRoutes().generation == record.generation && record.generation == 1)
    }
}
