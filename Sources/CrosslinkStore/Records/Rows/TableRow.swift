/// A statement positioned on a result row, as a record's `init(row:)` reads it.
typealias SQLiteRow = SQLiteStatement

/// One row of one table, decoded in one place (GRDB's `FetchableRecord` pattern): every reader of the
/// table selects `columns` and hands each row to `init(row:)`, which reads them by position. A NULL or
/// wrong-typed value in a NOT NULL column is reported as corruption naming the table and column
/// (`requiredText`, `requiredInteger`), never read as an empty string or zero.
protocol TableRow {
    /// The table the rows come from.
    static var table: String { get }
    /// The select list, in the order `init(row:)` reads it.
    static var columns: String { get }
    init(row: SQLiteRow) throws
}

extension TableRow {
    /// `SELECT columns FROM table` and then `clause` (WHERE, JOIN, ORDER BY; built from constants).
    static func select(_ clause: String = "") -> String {
        "SELECT \(columns) FROM \(table)\(clause)"
    }
}

extension SQLiteConnection {
    /// The rows of `Row`'s table that `clause` selects with `values` bound, in the order it gives.
    func rows<Row: TableRow>(_: Row.Type, _ clause: String = "", _ values: [SQLiteValue] = []) throws -> [Row] {
        try query(Row.select(clause), values, Row.init(row:))
    }
}
