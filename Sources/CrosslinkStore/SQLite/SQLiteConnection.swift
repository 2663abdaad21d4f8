import CSQLite
import CrosslinkCore

/// A thin owner of one `sqlite3` handle: open, execute, prepare, and a cache of prepared statements.
///
/// crosslink talks to the C API directly rather than through GRDB: the store needs a handful of
/// statements, and the measured cost of GRDB (≈2× slower inserts, ≈80 s more release build, ≈7 ms
/// more start-up) buys nothing here. See docs/storage.md.
///
/// Not `Sendable`: a connection belongs to the one command that opened it.
final class SQLiteConnection {
    private let handle: OpaquePointer
    /// Prepared statements by their SQL text, kept for the connection's life.
    private var statements: [String: SQLiteStatement] = [:]
    let path: String

    /// How a connection opens its file.
    enum Access {
        case readWrite
        case readOnly
        /// Read-only, and SQLite may assume nothing changes the file: no locks, no WAL index.
        case immutable
    }

    /// Opens the existing database `file`.
    ///
    /// Never creates the file (`DatabaseFile.createPrivately` does, with mode 0600). The user's path
    /// is never read as a URI: only `.immutable` passes `SQLITE_OPEN_URI`, with a URI crosslink builds
    /// itself from the percent-encoded absolute path.
    init(_ file: DatabaseFile, access: Access) throws {
        var handle: OpaquePointer?
        let status: Int32
        switch access {
        case .readWrite:
            status = sqlite3_open_v2(file.openableName, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        case .readOnly:
            status = sqlite3_open_v2(file.openableName, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        case .immutable:
            let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
            status = sqlite3_open_v2(file.immutableURI, &handle, flags, nil)
        }
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError.cannotOpen(path: file.path, detail: message)
        }
        self.handle = handle
        self.path = file.path
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that bind no values (schema, pragmas, BEGIN/COMMIT).
    func execute(_ sql: String) throws {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw error(status) }
    }

    /// A prepared statement for `sql`, reused across calls, rewound before return (its old bindings
    /// stay until rebound: every `bind` sets all of them).
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var raw: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard status == SQLITE_OK, let raw else { throw error(status) }
        let statement = SQLiteStatement(raw, connection: self)
        statements[sql] = statement
        return statement
    }

    /// Runs `sql` with `values` bound in order and discards any rows. SQL built at run time
    /// interpolates constant table and column names only; values are always bound.
    func run(_ sql: String, _ values: [SQLiteValue]) throws {
        try statement(sql).run(values)
    }

    /// Runs `sql` with `values` and hands each row to `body` as it is read, holding none of them.
    func forEach(_ sql: String, _ values: [SQLiteValue] = [], _ body: (SQLiteStatement) throws -> Void) throws {
        // A statement of its own: `body` may run other statements, including cached ones.
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() { try body(statement) }
    }

    /// A statement for `sql` of its own, not cached: for stepping alongside others (`forEach`, a merge join).
    func prepare(_ sql: String) throws -> SQLiteStatement {
        var raw: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &raw, nil)
        guard status == SQLITE_OK, let raw else { throw error(status) }
        return SQLiteStatement(raw, connection: self)
    }

    /// Runs `sql` with `values` and maps every row.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws -> T) throws -> [T] {
        let statement = try statement(sql)
        try statement.bind(values)
        var result: [T] = []
        while try statement.step() { result.append(try row(statement)) }
        return result
    }

    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The store error for a failed call, carrying SQLite's message but never bound values.
    func error(_ status: Int32) -> StoreError {
        StoreError.sqlite(code: status, message: String(cString: sqlite3_errmsg(handle)), path: path)
    }
}

/// The values crosslink binds and reads.
enum SQLiteValue {
    case null
    case integer(Int64)
    case text(String)
    /// Text already encoded as UTF-8 bytes (stored forms built byte by byte, such as a route's hops).
    case utf8([UInt8])
}

extension Optional<String> {
    var sqlite: SQLiteValue { map(SQLiteValue.text) ?? .null }
}

extension String {
    var sqlite: SQLiteValue { .text(self) }
}

extension Int {
    var sqlite: SQLiteValue { .integer(Int64(self)) }
}
