import CrosslinkCore

/// Brings a database up to the binary's schema, one migration per IMMEDIATE transaction.
///
/// Applied migrations are recorded in `crosslink_migration`. A database that records a migration this
/// binary does not know was written by a newer crosslink and is refused untouched, as is an SQLite
/// file that holds other tables but was never a crosslink database.
///
/// Migrations run with foreign-key enforcement off, as SQLite requires for rebuilding a table (a
/// dropped parent would otherwise cascade into its children); every foreign key is checked before
/// each migration commits instead. The store decides on enforcement afterwards (see `Store.init`).
struct Migrator {
    let migrations: [Migration]

    func migrate(_ connection: SQLiteConnection) throws {
        // Most runs find nothing to do: check cheaply before taking the write lock.
        if try isCurrent(connection) { return }
        try connection.execute("PRAGMA foreign_keys = OFF")
        for migration in migrations {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                // Re-read under the lock: a concurrent process may have migrated meanwhile.
                let applied = try appliedIdentifiers(connection)
                if !applied.contains(migration.identifier) {
                    try connection.execute(migration.sql)
                    let dangling = try connection.query("PRAGMA foreign_key_check") { $0.text(0) ?? "" }
                    if let table = dangling.first {
                        throw CrosslinkError(
                            .storage,
                            "schema migration \(migration.name) would leave \(dangling.count) row(s) of \(table) pointing at missing rows; database left unchanged"
                        )
                    }
                    try connection.run(
                        "INSERT INTO crosslink_migration (identifier, name) VALUES (?, ?)",
                        [migration.identifier.sqlite, migration.name.sqlite])
                }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Whether every known migration is applied; throws for a newer or foreign database.
    private func isCurrent(_ connection: SQLiteConnection) throws -> Bool {
        let hasTable = try connection.query(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'crosslink_migration'"
        ) { $0.integer(0) ?? 0 }
        if hasTable.first == 0 {
            let others = try connection.query("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") { $0.integer(0) ?? 0 }
            if others.first ?? 0 > 0 {
                throw CrosslinkError(.storage, "\(connection.path.quoted) is an SQLite database but not a crosslink one; use another --db path")
            }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS crosslink_migration (
                    identifier INTEGER NOT NULL PRIMARY KEY,
                    name       TEXT NOT NULL
                ) STRICT
                """)
            return false
        }
        let applied = try appliedIdentifiers(connection)
        let known = Set(migrations.map(\.identifier))
        if let unknown = applied.subtracting(known).min() {
            throw CrosslinkError(
                .storage,
                "database \(connection.path.quoted) has schema migration \(unknown), newer than this crosslink knows (up to \(known.max() ?? 0)); upgrade crosslink"
            )
        }
        return known.isSubset(of: applied)
    }

    private func appliedIdentifiers(_ connection: SQLiteConnection) throws -> Set<Int> {
        Set(try connection.query("SELECT identifier FROM crosslink_migration") { Int($0.integer(0) ?? 0) })
    }
}
