import CrosslinkTestSupport
import Foundation
import Testing

/// `routes` after a change and before the next reconcile prints what the reconcile will store, in the
/// same bytes, with one note on standard error.
@Suite struct StaleRoutesCommandTests {
    static let note = "note: the estate changed since the last reconcile; answers computed from the current estate (`crosslink reconcile` stores them)\n"

    @Test("after a service change: the note, then exactly what routes prints once the change is reconciled", arguments: ["table", "json", "yaml"])
    func staleRoutesMatchReconciled(format: String) throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        #expect(try cli.run(["reconcile"]).status == 0)
        let before = try cli.run(["routes", "-o", format])
        #expect(before.status == 0 && before.stderr.isEmpty)
        // Changes only the imports of this service: they are answered again, the others read as stored.
        #expect(try cli.run(["service", "set", "aks-weu/backend/inventory", "--exposure", "cluster-ip"]).status == 0)
        #expect(try cli.run(["import", "add", "aks-edge/shop", "aks-neu/orders/orders-api"]).status == 0)
        let stale = try cli.run(["routes", "-o", format])
        let staleSlice = try cli.run(["routes", "--cluster", "aks-weu", "-o", format])
        #expect(stale.status == 0 && stale.stderr == Self.note)
        #expect(staleSlice.status == 0 && staleSlice.stderr == Self.note)
        #expect(stale.stdout != before.stdout, "the change shows before the reconcile")
        #expect(try cli.run(["reconcile"]).status == 0)
        let reconciled = try cli.run(["routes", "-o", format])
        #expect(reconciled.stderr.isEmpty)
        #expect(stale.stdout == reconciled.stdout)
        #expect(staleSlice.stdout == (try cli.run(["routes", "--cluster", "aks-weu", "-o", format]).stdout))
    }
}
