import CrosslinkTestSupport
import Foundation
import Testing

/// An engine error (an import naming a service the database lacks: a file another tool altered) is
/// an error (exit 1, one line) that stores and writes nothing: never "no answers", which would delete
/// the routes of the import it could not answer, or leave its manifests out.
@Suite struct EngineErrorCommandTests {
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

    /// Deletes the service `aks-batch/reporting` imports, leaving the import (and marking it dirty).
    func deleteImportedService() throws {
        try alter(
            """
            DELETE FROM service_port WHERE cluster = 'aks-neu' AND namespace = 'orders' AND service = 'orders-api';
            DELETE FROM service WHERE cluster = 'aks-neu' AND namespace = 'orders' AND name = 'orders-api';
            INSERT OR IGNORE INTO dirty_import SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name
                FROM service_import WHERE service_cluster = 'aks-neu' AND service_namespace = 'orders' AND service_name = 'orders-api';
            """)
    }

    /// Exit 1 and one error line (after the stale-estate note `routes` may print first).
    func expectOneLineError(_ result: CrosslinkProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stdout)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("note: ") }
        #expect(lines.count == 2 && lines[1].isEmpty, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(lines[0].hasPrefix("error: ") && lines[0].contains("aks-neu/orders/orders-api"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test(
        "an imported service gone from the file: reconcile (full, or incremental on that import) exits 1 and keeps every stored route",
        arguments: [true, false])
    func missingService(full: Bool) throws {
        #expect(try cli.run(["reconcile"]).status == 0)
        try deleteImportedService()
        let before = try storedRoutes()
        #expect(before.contains("orders-api"))
        let result = try cli.run(full ? ["reconcile", "--full"] : ["reconcile"])
        expectOneLineError(result)
        #expect(try storedRoutes() == before)
    }

    @Test(
        "an imported service gone: live routes, manifests (printed or written), graph, report and plan exit 1 and write nothing",
        arguments: [false, true])
    func missingServiceElsewhere(reconciledFirst: Bool) throws {
        // Reconciled first, `routes` answers live because the estate is stale; never reconciled, it always does.
        if reconciledFirst { #expect(try cli.run(["reconcile"]).status == 0) }
        try deleteImportedService()
        let out = cli.directory.appendingPathComponent("out")
        let page = cli.directory.appendingPathComponent("estate.html")
        let example = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml").path
        for arguments in [
            ["routes"], ["routes", "--cluster", "aks-batch"], ["manifests"], ["manifests", "--out", out.path], ["graph"],
            ["report", "--html", page.path], ["plan", "-f", example],
        ] {
            let result = try cli.run(arguments)
            expectOneLineError(result)
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path) && !FileManager.default.fileExists(atPath: page.path))
    }
}
