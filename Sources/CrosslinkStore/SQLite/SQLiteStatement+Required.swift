import CSQLite

/// Reads of NOT NULL columns. The schema never lets crosslink store NULL or a value of another type
/// there, so either means the file was changed outside crosslink: reported as corruption naming the
/// table and column, never read as an empty string or zero.
extension SQLiteStatement {
    /// Column `column` of a row, which must hold text.
    func requiredText(_ column: Int32) throws -> String {
        guard type(of: column) == SQLITE_TEXT, let text = text(column) else { throw corruption(column, expected: "text") }
        return text
    }

    /// Column `column` of a row, which must hold an integer.
    func requiredInteger(_ column: Int32) throws -> Int64 {
        guard type(of: column) == SQLITE_INTEGER, let number = integer(column) else { throw corruption(column, expected: "an integer") }
        return number
    }

    private func corruption(_ column: Int32, expected: String) -> StoreError {
        let found = type(of: column) == SQLITE_NULL ? "NULL" : "a value of another type"
        return StoreError.corrupt("table \(tableName(of: column)), column \(columnName(of: column)) holds \(found) where it needs \(expected)")
    }
}
