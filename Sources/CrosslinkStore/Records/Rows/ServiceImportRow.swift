import CrosslinkCore

/// A row of `service_import`.
struct ServiceImportRow: TableRow {
    static let table = "service_import"
    static let columns = "consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, port, via"
    var item: ServiceImport

    init(row: SQLiteRow) throws {
        item = ServiceImport(
            id: try row.importID(), port: row.integer(5).map { Int($0) },
            via: try row.parsed(6, try row.requiredText(6)) { try ImportVia.parse($0, field: "import via") })
    }
}

/// A row of `dirty_import`: an import a change since the last reconcile may have moved.
struct DirtyImportRow: TableRow {
    static let table = "dirty_import"
    static let columns = "consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name"
    var id: ImportID

    init(row: SQLiteRow) throws {
        id = try row.importID()
    }
}

extension SQLiteRow {
    /// Columns 0–4: consumer cluster, consumer namespace ('' for the whole cluster), service cluster,
    /// service namespace, service name (the key of `service_import`, `dirty_import` and `route`).
    func importID() throws -> ImportID {
        let namespace = try requiredText(1)
        return ImportID(
            consumer: Consumer(cluster: try requiredText(0), namespace: namespace.isEmpty ? nil : namespace), service: try serviceID(from: 2))
    }
}
