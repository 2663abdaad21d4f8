import CrosslinkCore

/// Rows that several queries share, read one way: the import key columns and an import row.
extension SQLiteStatement {
    /// Columns 0–4: consumer cluster, consumer namespace ('' for the whole cluster), service cluster,
    /// service namespace, service name (the key of `service_import`, `dirty_import` and `route`).
    func importID() throws -> ImportID {
        let namespace = try requiredText(1)
        return ImportID(
            consumer: Consumer(cluster: try requiredText(0), namespace: namespace.isEmpty ? nil : namespace),
            service: ServiceID(cluster: try requiredText(2), namespace: try requiredText(3), name: try requiredText(4)))
    }

    /// The import key, then column 5 the port and column 6 `via`.
    func serviceImport() throws -> ServiceImport {
        let stored = try requiredText(6)
        guard let via = try? ImportVia.parse(stored, field: "import via") else { throw StoreError.corrupt("import via \(stored.quoted)") }
        return ServiceImport(id: try importID(), port: integer(5).map { Int($0) }, via: via)
    }

    /// The import key, then column 5 the service port.
    func routeKey() throws -> RouteKey {
        let id = try importID()
        return RouteKey(consumer: id.consumer, service: id.service, servicePort: Int(try requiredInteger(5)))
    }
}
