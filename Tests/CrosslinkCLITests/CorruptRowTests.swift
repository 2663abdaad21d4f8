import CrosslinkTestSupport
import Foundation
import Testing

/// A NOT NULL column read as NULL or as a value of another type is corruption (the file was changed
/// outside crosslink): one line naming the table and column, exit 1, never an empty string or zero.
@Suite struct CorruptRowTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    /// Lifts the NOT NULL, STRICT and CHECK constraints of `table` (as a hand edit of the schema could), then
    /// runs `update` on it, through python3's sqlite3.
    func damage(_ table: String, _ update: String) throws {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("PRAGMA writable_schema = ON")
            db.execute("UPDATE sqlite_schema SET sql = replace(replace(sql, 'NOT NULL', ''), 'STRICT, ', '') WHERE name = ?", (sys.argv[2],))
            db.commit()
            db.close()
            db = sqlite3.connect(sys.argv[1])
            db.execute("PRAGMA ignore_check_constraints = ON")
            assert db.execute(sys.argv[3]).rowcount > 0
            db.commit()
            """
        #expect(try IndependentSQLite.python(script, [cli.database, table, update]).status == 0)
    }

    func expectCorrupt(_ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try cli.run(arguments)
        #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a cluster's region read as NULL")
    func nullText() throws {
        try damage("cluster", "UPDATE cluster SET region = NULL")
        try expectCorrupt(["cluster", "list"], "table cluster, column region holds NULL where it needs text")
    }

    @Test("a service port read as text")
    func textForInteger() throws {
        try damage("service_port", "UPDATE service_port SET port = 'eighty'")
        try expectCorrupt(["service", "list"], "table service_port, column port holds a value of another type where it needs an integer")
    }

    @Test("an import's consumer read as a blob")
    func blobForText() throws {
        try damage("service_import", "UPDATE service_import SET consumer_cluster = X'41'")
        try expectCorrupt(["import", "list"], "table service_import, column consumer_cluster holds a value of another type where it needs text")
    }
}
