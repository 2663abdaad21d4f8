import CrosslinkCore

/// Identifies a database and brings it up to the binary's schema, one migration per IMMEDIATE transaction.
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

    /// What a database holds, as far as the schema goes.
    enum State {
        /// No tables at all: a new file, crosslink's to set up.
        case empty
        /// A crosslink database some of whose migrations are not applied yet.
        case behind
        /// A crosslink database with every migration this binary knows.
        case current
    }

    /// Identifies the database from one consistent snapshot, reading only: a file that belongs to
    /// another application (or a newer crosslink) is refused before anything could change it.
    func identify(_ connection: SQLiteConnection) throws -> State {
        try connection.execute("BEGIN DEFERRED")
        do {
            let state = try self.state(connection)
            try connection.execute("COMMIT")
            return state
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Applies every missing migration, each in its own IMMEDIATE transaction that decides what to do
    /// only after taking the write lock: several processes may open a fresh file at the same moment,
    /// and whatever one of them saw before the lock may be stale by the time it holds it.
    func migrate(_ connection: SQLiteConnection) throws {
        try connection.execute("PRAGMA foreign_keys = OFF")
        for migration in migrations {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                switch try state(connection) {
                case .current:
                    try connection.execute("COMMIT")
                    return
                case .empty:
                    // Created in the same transaction as the first migration's tables, so no snapshot
                    // ever shows crosslink's tables without the table that marks them as crosslink's.
                    try connection.execute(
                        """
                        CREATE TABLE crosslink_migration (
                            identifier INTEGER NOT NULL PRIMARY KEY,
                            name       TEXT NOT NULL
                        ) STRICT
                        """)
                case .behind:
                    break
                }
                if !(try appliedIdentifiers(connection)).contains(migration.identifier) {
                    try connection.execute(migration.sql)
                    let dangling = try connection.query("PRAGMA foreign_key_check") { try $0.requiredText(0) }
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

    /// The schema state, read inside the caller's transaction; throws for a newer or foreign database.
    private func state(_ connection: SQLiteConnection) throws -> State {
        let hasTable = try connection.query(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'crosslink_migration'"
        ) { try $0.requiredInteger(0) }
        if hasTable.first == 0 {
            let others = try connection.query("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") { try $0.requiredInteger(0) }
            if others.first ?? 0 > 0 {
                throw CrosslinkError(.storage, "\(connection.path.quoted) is an SQLite database but not a crosslink one; use another --db path")
            }
            return .empty
        }
        let applied = try appliedIdentifiers(connection)
        let known = Set(migrations.map(\.identifier))
        if let unknown = applied.subtracting(known).min() {
            throw CrosslinkError(
                .storage,
                "database \(connection.path.quoted) has schema migration \(unknown), newer than this crosslink knows (up to \(known.max() ?? 0)); upgrade crosslink"
            )
        }
        return known.isSubset(of: applied) ? .current : .behind
    }

    private func appliedIdentifiers(_ connection: SQLiteConnection) throws -> Set<Int> {
        Set(try connection.query("SELECT identifier FROM crosslink_migration") { Int(try $0.requiredInteger(0)) })
    }
}
