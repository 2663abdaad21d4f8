import CrosslinkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite database that holds the estate: open, migrate, read snapshots, write changes.
///
/// Every command runs inside one transaction: `read` for queries, `update` for changes, so a
/// crashed or refused command leaves the database exactly as it was. WAL mode lets readers run while
/// one writer commits; the busy timeout makes concurrent writers queue instead of failing.
package final class Store {
    let connection: SQLiteConnection

    /// How long a command waits for another process's write lock before giving up.
    package static let busyTimeoutMilliseconds: Int32 = 60_000

    /// Warnings about the file worth telling the user (one line each), e.g. a mode that could not be
    /// made private.
    package let warnings: [String]

    /// How a command uses the database.
    package enum Access: Sendable {
        /// Reads and writes; creates the database (mode 0600) when the file does not exist.
        case readWrite
        /// Reads only (`SQLITE_OPEN_READONLY`): works on a read-only file, directory or medium, and
        /// never creates a database; a missing file is an error naming it.
        case readOnly
    }

    /// Opens the database at `path`, a file path (never an SQLite URI, `:memory:` or empty), and
    /// applies migrations as needed. A file is identified, reading only, before anything is written
    /// to it; only then is it switched to WAL, made private (0600) and migrated.
    /// - Throws: `CrosslinkError` for a bad or missing path, a file that is not SQLite, not
    ///   crosslink's, or too new.
    package init(path: String, access: Access = .readWrite) throws {
        let file = try DatabaseFile(path)
        let migrator = Migrator(migrations: Migration.all)
        (connection, warnings) = try mappingStoreErrors {
            if access == .readOnly {
                guard file.exists else {
                    throw CrosslinkError(.notFound, "database \(path.quoted) does not exist; only commands that write create it")
                }
                let (connection, state) = try Store.openReadOnly(file, migrator)
                if state == .current {
                    return (connection, [file.tightenPermissions()].compactMap { $0 })
                }
                // Empty, or written by an older crosslink: only a writer can bring it up to date.
            }
            file.createPrivately()
            let connection = try Store.retryingWhileBusy { try Store.openForWriting(file, migrator) }
            return (connection, [file.tightenPermissions()].compactMap { $0 })
        }
    }

    /// Opens `file` for reading and writing, identifies it, switches it to WAL and migrates it.
    private static func openForWriting(_ file: DatabaseFile, _ migrator: Migrator) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(file, access: .readWrite)
        try configure(connection)
        let state = try migrator.identify(connection)
        // journal_mode=WAL persists in the file; setting it needs a brief exclusive lock.
        try connection.execute("PRAGMA journal_mode = WAL")
        if state != .current { try migrator.migrate(connection) }
        return connection
    }

    /// Runs `open` again while it fails with SQLITE_BUSY. While several processes open a fresh file at
    /// once, one switching it to WAL or recovering its log makes the others' reads fail with BUSY
    /// at once, without the busy handler (16 processes on a new file: 2 of 4 runs had one such
    /// failure). Every step of opening is safe to repeat: identification only reads, the WAL switch
    /// is idempotent, and each migration decides under the write lock.
    private static func retryingWhileBusy<T>(_ open: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try open()
            } catch let error as StoreError where error.isBusy && attempt < 100 {
                attempt += 1
                // 10 ms, growing to 100 ms: at most about 9 s in all, well inside the busy timeout.
                usleep(UInt32(min(attempt, 10)) * 10_000)
            }
        }
    }

    /// Opens `file` read-only and identifies it.
    ///
    /// A WAL database needs its index file (`-shm`); where that cannot be created (a read-only
    /// directory or medium) or grown (a full disk) SQLite refuses even to read. If no write-ahead log
    /// holds changes, the file alone is the whole database, and opening it immutable reads it without
    /// any index or lock.
    private static func openReadOnly(_ file: DatabaseFile, _ migrator: Migrator) throws -> (SQLiteConnection, Migrator.State) {
        do {
            let connection = try SQLiteConnection(file, access: .readOnly)
            try configure(connection)
            return (connection, try migrator.identify(connection))
        } catch let error as StoreError where error.isWALIndexFailure && !file.hasWriteAheadLog {
            let connection = try SQLiteConnection(file, access: .immutable)
            try configure(connection)
            return (connection, try migrator.identify(connection))
        }
    }

    /// The page cache of every connection, in KiB (see `configure`).
    static let pageCacheKiB = 65_536

    /// Connection settings that change nothing in the file.
    private static func configure(_ connection: SQLiteConnection) throws {
        connection.setBusyTimeout(milliseconds: Store.busyTimeoutMilliseconds)
        // FULL: a commit survives power loss, not just a crashed process.
        // A 64 MiB page cache keeps big transactions (apply of a whole estate) from spilling to disk
        // mid-transaction; SQLite only allocates what it uses.
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA cache_size = -\(pageCacheKiB)")
        // Foreign keys stay declared (they document the model and `foreignKeyViolations()` checks
        // them) but are not enforced per row: every write validates the whole new snapshot first,
        // under the write lock, so they would only repeat that check, at four times the cost of
        // an import's insert (docs/storage.md).
        try connection.execute("PRAGMA foreign_keys = OFF")
    }

    /// Runs `body` on a consistent snapshot (one read transaction).
    package func read<T>(_ body: (Store) throws -> T) throws -> T {
        try mappingStoreErrors { try connection.execute("BEGIN DEFERRED") }
        defer { try? connection.execute("COMMIT") }
        return try mappingStoreErrors { try body(self) }
    }

    /// Rows whose declared foreign key points at no row; 0 for every database crosslink wrote.
    package func foreignKeyViolations() throws -> Int {
        try read { store in try store.connection.query("PRAGMA foreign_key_check") { _ in 1 }.count }
    }

    /// Loads the whole estate as one snapshot, in its own read transaction.
    package func loadTopology() throws -> Topology {
        try read { try $0.topologyInTransaction() }
    }

    /// Changes the estate in one write transaction: loads the current snapshot under the write lock,
    /// lets `change` edit it, validates the result, writes only what differs, and commits.
    ///
    /// Nothing is written when `change` or validation throws.
    /// - Returns: `change`'s result and the difference that was written.
    @discardableResult
    package func update<T>(_ change: (inout Topology) throws -> T) throws -> (T, TopologyChange) {
        try mappingStoreErrors { try connection.execute("BEGIN IMMEDIATE") }
        do {
            let before = try mappingStoreErrors { try topologyInTransaction() }
            var after = before
            let result = try change(&after)
            after.fillDefaultRegions()
            // Validation (pure) runs on a second thread while the difference is written; nothing
            // commits before it passes. A write that fails on an invalid estate reports the
            // validation's message, which says what to fix, rather than SQLite's.
            let snapshot = after
            let validation = BackgroundWork { try snapshot.validate() }
            let difference = TopologyChange(from: before, to: after)
            do {
                try mappingStoreErrors { try write(difference) }
            } catch {
                try validation.wait()
                throw error
            }
            try validation.wait()
            try mappingStoreErrors {
                if !difference.isEmpty { try recordImpact { RouteImpact(from: before, to: after, change: difference) } }
                try connection.execute("COMMIT")
            }
            return (result, difference)
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
