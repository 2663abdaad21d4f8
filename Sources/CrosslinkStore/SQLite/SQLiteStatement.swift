import CSQLite

/// A prepared statement: bind, step, read columns.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Rewinds for another run. Bindings are not cleared: every `bind(_:)` sets all of them.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Binds every parameter, in order.
    func bind(_ values: [SQLiteValue]) throws {
        try checkParameterCount(values.count)
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds `value` at `index` (1-based): the one way a value reaches SQLite.
    ///
    /// Text goes over from its own contiguous UTF-8 bytes with their length (no C string is made)
    /// and SQLite copies it (`SQLITE_TRANSIENT`), so nothing bound has to outlive this call.
    func bind(_ value: SQLiteValue, at index: Int32) throws {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(handle, index)
        case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
        case .text(var text): status = text.withUTF8 { bindText($0, at: index) }
        case .utf8(let bytes): status = bytes.withUnsafeBufferPointer { bindText($0, at: index) }
        }
        try check(status)
    }

    private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) -> Int32 {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        // A nil pointer would bind NULL: an empty string is still text.
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
        return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient) }
    }

    /// Binds every parameter and runs the statement to completion, discarding any rows.
    func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        try run()
    }

    /// Steps a statement that returns no rows to its end, then rewinds it for the next run (the
    /// bindings stay until rebound).
    func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw connection.error(status) }
    }

    /// Every run binds every parameter: a count that does not match the SQL is a programming error,
    /// reported as a storage error rather than a value silently left over from the previous run.
    private func checkParameterCount(_ count: Int) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard count == expected else {
            throw StoreError.sqlite(code: SQLITE_RANGE, message: "\(count) values for \(expected) parameters", path: connection.path)
        }
    }

    /// Advances one row; false when done.
    func step() throws -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(status)
            sqlite3_reset(handle)
            throw error
        }
    }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }

    /// The storage class of column `column` in the current row (`SQLITE_TEXT`, `SQLITE_NULL`, …).
    func type(of column: Int32) -> Int32 {
        sqlite3_column_type(handle, column)
    }

    /// The table a result column comes from, for messages.
    func tableName(of column: Int32) -> String {
        sqlite3_column_table_name(handle, column).map { String(cString: $0) } ?? "?"
    }

    /// The name of a result column, for messages.
    func columnName(of column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "?"
    }

    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }
}
