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

    /// Rewinds for another run. Bindings are not cleared: every `bind` sets all of them.
    func reset() throws {
        sqlite3_reset(handle)
    }

    /// Binds every parameter, in order (text copied by SQLite).
    func bind(_ values: [SQLiteValue]) throws {
        try checkParameterCount(values.count)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                // SQLITE_TRANSIENT: SQLite copies the bytes, so the Swift string may go away.
                // withCString lends a native string's own bytes (no intermediate C copy).
                status = text.withCString { bytes in
                    sqlite3_bind_text(handle, index, bytes, Int32(text.utf8.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            }
            try check(status)
        }
    }

    /// Binds every parameter and runs the statement to completion, discarding any rows.
    ///
    /// Text is bound with SQLITE_STATIC, straight from the Swift strings' own bytes: SQLite reads
    /// them only while stepping, which happens inside the scope that lends them, and every later run
    /// binds all parameters again before stepping. No copy per value, unlike `bind`.
    func run(_ values: [SQLiteValue]) throws {
        try checkParameterCount(values.count)
        try bindLending(values, from: 0)
    }

    private func bindLending(_ values: [SQLiteValue], from offset: Int) throws {
        guard offset < values.count else {
            while try step() {}
            return
        }
        let index = Int32(offset + 1)
        switch values[offset] {
        case .null:
            try check(sqlite3_bind_null(handle, index))
            try bindLending(values, from: offset + 1)
        case .integer(let number):
            try check(sqlite3_bind_int64(handle, index, number))
            try bindLending(values, from: offset + 1)
        case .text(let text):
            try text.withCString { bytes in
                try check(sqlite3_bind_text(handle, index, bytes, Int32(text.utf8.count), nil))  // nil: SQLITE_STATIC
                try bindLending(values, from: offset + 1)
            }
        }
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

    /// Binds `text` at `index` (1-based) straight from its UTF-8 bytes; SQLite copies them.
    func bind(_ text: String, at index: Int32) throws {
        var text = text
        try text.withUTF8 { bytes in try bind(utf8: bytes, at: index) }
    }

    /// Binds UTF-8 `bytes` as text at `index` (1-based); SQLite copies them, so the buffer may be reused.
    func bind(utf8 bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let status: Int32
        if let base = bytes.baseAddress, !bytes.isEmpty {
            status = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { start in
                sqlite3_bind_text(handle, index, start, Int32(bytes.count), transient)
            }
        } else {
            // A nil pointer would bind NULL: an empty string is still text.
            status = sqlite3_bind_text(handle, index, "", 0, transient)
        }
        try check(status)
    }

    func bind(_ number: Int64, at index: Int32) throws {
        let status = sqlite3_bind_int64(handle, index, number)
        try check(status)
    }

    func bindNull(at index: Int32) throws {
        let status = sqlite3_bind_null(handle, index)
        try check(status)
    }

    /// Steps a statement that returns no rows to its end, then resets it for the next run (the
    /// bindings stay until rebound).
    func run() throws {
        while try step() {}
        sqlite3_reset(handle)
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

    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }
}
