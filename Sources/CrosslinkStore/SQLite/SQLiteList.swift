/// Values bound as one `IN` list: `sql` is `(?, ?, …)` with a mark per value. The one place such a
/// list is built; SQL text stays constant per length and every value is bound.
struct SQLiteList {
    let sql: String
    let values: [SQLiteValue]

    init(_ values: [SQLiteValue]) {
        self.values = values
        sql = "(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
    }

    init(_ texts: some Collection<String>) {
        self.init(texts.map(\.sqlite))
    }

    /// The values bound `times` times over, for SQL that uses the list `times` times.
    func values(repeated times: Int) -> [SQLiteValue] {
        Array(repeating: values, count: times).flatMap { $0 }
    }
}
