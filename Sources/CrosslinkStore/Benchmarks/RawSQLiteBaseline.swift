import CSQLite
import CrosslinkCore

/// The floor the benchmark compares crosslink against: the same number of rows through one prepared
/// statement in one transaction, straight on the C API, with the store's own pragmas.
package enum RawSQLiteBaseline {
    /// Inserts `rows` rows of six columns into a fresh table of the database at `path`; returns seconds.
    package static func insert(rows: Int, path: String) throws -> Double {
        let connection = try open(path)
        try connection.execute("CREATE TABLE raw (a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL, d INTEGER NOT NULL, e TEXT, f TEXT) STRICT")
        let clock = ContinuousClock()
        let start = clock.now
        try connection.execute("BEGIN IMMEDIATE")
        let statement = try connection.statement("INSERT INTO raw (a, b, c, d, e, f) VALUES (?, ?, ?, ?, ?, ?)")
        for index in 0..<rows {
            // The store's own binding, so the floor moves with it.
            try statement.run([
                .text("aks-\(index % 10_000)"), .text("ns-\(index % 5)"), .text("svc-\(index % 50)"),
                .integer(Int64(index)), .text("10.\(index % 256).0.0/16"), .null,
            ])
        }
        try connection.execute("COMMIT")
        return (clock.now - start).seconds
    }

    /// Scans every row of the crosslink tables of the database at `path` and inserts `results` rows
    /// into a fresh result table, in one transaction: the floor for a full reconcile. Returns seconds.
    package static func scanAndInsert(path: String, results: Int) throws -> (seconds: Double, scanned: Int) {
        let connection = try open(path)
        try connection.execute(
            "DROP TABLE IF EXISTS raw_route; CREATE TABLE raw_route (a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL, d TEXT NOT NULL, e TEXT NOT NULL, p INTEGER NOT NULL, via TEXT, address TEXT, hops TEXT NOT NULL, rejected TEXT NOT NULL, PRIMARY KEY (a, b, c, d, e, p)) STRICT"
        )
        let tables = [
            "vnet", "vnet_address_prefix", "cluster", "cluster_isolated_namespace", "cluster_node_pool", "service",
            "service_port", "peering", "vpn_gateway", "vpn_connection", "tunnel", "mesh_link", "ingress", "service_import",
        ]
        let clock = ContinuousClock()
        let start = clock.now
        try connection.execute("BEGIN IMMEDIATE")
        var scanned = 0
        for table in tables {
            // Constant table names; touching every column of every row is what a snapshot load needs.
            let statement = try connection.statement("SELECT * FROM \(table)")
            while try statement.step() {
                scanned += 1
                _ = statement.text(0)
            }
        }
        let insert = try connection.statement("INSERT INTO raw_route VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for index in 0..<results {
            try insert.run([
                .text("aks-\(index % 10_000)"), .text("app-\(index % 7)"), .text("aks-\(index / 100)"), .text("ns-\(index % 5)"),
                .text("svc-\(index)"), .integer(80), .text("tunnel"), .text("svc.ns.svc.clusterset.local"),
                .text("aks-a\ntunnel aks-a~aks-b (libreswan, public)\naks-b"), .text(""),
            ])
        }
        try connection.execute("COMMIT")
        return ((clock.now - start).seconds, scanned)
    }

    private static func open(_ path: String) throws -> SQLiteConnection {
        let file = try DatabaseFile(path)
        file.createPrivately()
        let connection = try SQLiteConnection(file, access: .readWrite)
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        return connection
    }
}

extension Duration {
    package var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

extension Store {
    /// Rows in the estate's tables (child tables included), for rows-per-second figures.
    package func rowCount() throws -> Int {
        let tables = [
            "vnet", "vnet_address_prefix", "cluster", "cluster_isolated_namespace", "cluster_node_pool", "service",
            "service_port", "peering", "vpn_gateway", "vpn_connection", "tunnel", "mesh_link", "ingress", "service_import",
        ]
        return try mappingStoreErrors {
            try tables.reduce(0) { total, table in
                total + Int(try connection.query("SELECT count(*) FROM \(table)") { try $0.requiredInteger(0) }.first ?? 0)
            }
        }
    }
}

extension Store {
    /// Forgets every stored route, so the benchmark can time full reconciles repeatedly.
    package func clearRoutes() throws {
        try mappingStoreErrors {
            try connection.execute("BEGIN IMMEDIATE; DELETE FROM route; UPDATE reconcile_state SET generation = 0; COMMIT")
        }
    }
}
