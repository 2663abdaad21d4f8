import CrosslinkCore

/// Typed reads of stored values. Stored values were validated when written: one that no longer parses
/// means the file was changed outside crosslink, reported as corruption naming the table and column.
extension SQLiteRow {
    /// Column `column`, NOT NULL, as a CIDR; `field` names it in the message.
    func requiredCIDR(_ column: Int32, _ field: String) throws -> CIDR {
        try parsed(column, try requiredText(column)) { try CIDR.parse($0, field: field) }
    }

    /// Column `column`, nullable, as a CIDR.
    func optionalCIDR(_ column: Int32, _ field: String) throws -> CIDR? {
        guard let text = text(column) else { return nil }
        return try parsed(column, text) { try CIDR.parse($0, field: field) }
    }

    /// Column `column`, NOT NULL, as an IPv4 address.
    func requiredAddress(_ column: Int32, _ field: String) throws -> IPv4Address {
        try parsed(column, try requiredText(column)) { try IPv4Address.parse($0, field: field) }
    }

    /// Column `column`, nullable, as an IPv4 address.
    func optionalAddress(_ column: Int32, _ field: String) throws -> IPv4Address? {
        guard let text = text(column) else { return nil }
        return try parsed(column, text) { try IPv4Address.parse($0, field: field) }
    }

    /// Column `column`, NOT NULL, as one of a closed set of values.
    func requiredValue<T: ClosedValue>(_ column: Int32, _ field: String) throws -> T {
        try parsed(column, try requiredText(column)) { try T.parse($0, field: field) }
    }

    /// Column `column`, NOT NULL, holding 0 or 1 (the schema CHECKs it).
    func requiredFlag(_ column: Int32) throws -> Bool {
        try requiredInteger(column) == 1
    }

    /// Column `column`, NOT NULL, as a port or other small number.
    func requiredInt(_ column: Int32) throws -> Int {
        Int(try requiredInteger(column))
    }

    /// `text` parsed by `parse`, its failure reported as corruption of column `column`.
    func parsed<T>(_ column: Int32, _ text: String, _ parse: (String) throws -> T) throws -> T {
        do { return try parse(text) } catch {
            throw StoreError.corrupt("table \(tableName(of: column)), column \(columnName(of: column)): \(error)")
        }
    }
}
