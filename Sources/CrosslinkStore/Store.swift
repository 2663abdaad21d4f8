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
public final class Store {
    let connection: SQLiteConnection

    /// How long a command waits for another process's write lock before giving up.
    public static let busyTimeoutMilliseconds: Int32 = 60_000

    /// Opens the database at `path`, creating it (mode 0600) and applying migrations as needed.
    /// - Throws: `CrosslinkError` for a file that is not SQLite, not crosslink's, or too new.
    public init(path: String) throws {
        connection = try mappingStoreErrors {
            try Store.createPrivately(path)
            let connection = try SQLiteConnection(path: path)
            connection.setBusyTimeout(milliseconds: Store.busyTimeoutMilliseconds)
            // journal_mode=WAL persists in the file; setting it needs a brief exclusive lock, which
            // the busy timeout covers when several processes open a fresh database at once.
            try connection.execute("PRAGMA journal_mode = WAL")
            // FULL: a commit survives power loss, not just a crashed process.
            // A 64 MiB page cache keeps big transactions (apply of a whole estate) from spilling to disk
            // mid-transaction; SQLite only allocates what it uses.
            try connection.execute("PRAGMA synchronous = FULL; PRAGMA cache_size = -65536")
            try Migrator(migrations: Migration.all).migrate(connection)
            // Foreign keys stay declared (they document the model and `foreignKeyViolations()` checks
            // them) but are not enforced per row: every write validates the whole new snapshot first,
            // under the write lock, so they would only repeat that check, at four times the cost of
            // an import's insert (docs/storage.md).
            try connection.execute("PRAGMA foreign_keys = OFF")
            return connection
        }
    }

    /// Creates an empty file readable by its owner only, so the estate's layout is not world-readable.
    private static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// Runs `body` on a consistent snapshot (one read transaction).
    public func read<T>(_ body: (Store) throws -> T) throws -> T {
        try mappingStoreErrors { try connection.execute("BEGIN DEFERRED") }
        defer { try? connection.execute("COMMIT") }
        return try mappingStoreErrors { try body(self) }
    }

    /// Rows whose declared foreign key points at no row; 0 for every database crosslink wrote.
    public func foreignKeyViolations() throws -> Int {
        try read { store in try store.connection.query("PRAGMA foreign_key_check") { _ in 1 }.count }
    }

    /// Loads the whole estate as one snapshot, in its own read transaction.
    public func loadTopology() throws -> Topology {
        try read { try $0.topologyInTransaction() }
    }

    /// Changes the estate in one write transaction: loads the current snapshot under the write lock,
    /// lets `change` edit it, validates the result, writes only what differs, and commits.
    ///
    /// Nothing is written when `change` or validation throws.
    /// - Returns: `change`'s result and the difference that was written.
    @discardableResult
    public func update<T>(_ change: (inout Topology) throws -> T) throws -> (T, TopologyChange) {
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
