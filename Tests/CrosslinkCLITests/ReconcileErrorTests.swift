import CrosslinkTestSupport
import Foundation
import Testing

/// An engine error in a reconcile is an error (exit 1, one line) that stores nothing: never "no
/// answers", which would delete the routes of the import it could not answer.
@Suite struct ReconcileErrorTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    /// Runs SQL on the database with Python's sqlite3 (no foreign keys enforced: a file another tool altered).
    func alter(_ sql: String) throws {
        let result = try IndependentSQLite.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", [cli.database, sql])
        #expect(result.status == 0)
    }

    /// Every stored route row and the generation, read with Python's sqlite3 rather than crosslink.
    func storedRoutes() throws -> String {
        try IndependentSQLite.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT generation, full_needed FROM reconcile_state').fetchone(), c.execute('SELECT * FROM route ORDER BY 1, 2, 3, 4, 5, 6').fetchall())",
            [cli.database]
        ).output
    }

    @Test(
        "an imported service gone from the file: reconcile (full, or incremental on that import) exits 1 and keeps every stored route",
        arguments: [true, false])
    func missingService(full: Bool) throws {
        #expect(try cli.run(["reconcile"]).status == 0)
        try alter(
            """
            DELETE FROM service_port WHERE cluster = 'aks-neu' AND namespace = 'orders' AND service = 'orders-api';
            DELETE FROM service WHERE cluster = 'aks-neu' AND namespace = 'orders' AND name = 'orders-api';
            INSERT OR IGNORE INTO dirty_import SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name
                FROM service_import WHERE service_cluster = 'aks-neu' AND service_namespace = 'orders' AND service_name = 'orders-api';
            """)
        let before = try storedRoutes()
        #expect(before.contains("orders-api"))
        let result = try cli.run(full ? ["reconcile", "--full"] : ["reconcile"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("aks-neu/orders/orders-api"), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(try storedRoutes() == before)
    }
}
