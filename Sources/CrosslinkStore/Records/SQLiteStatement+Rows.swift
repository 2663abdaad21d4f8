import CrosslinkCore

/// Rows that several queries share, read one way: the import key columns and an import row.
extension SQLiteStatement {
    /// Columns 0–4: consumer cluster, consumer namespace ('' for the whole cluster), service cluster,
    /// service namespace, service name (the key of `service_import`, `dirty_import` and `route`).
    func importID() -> ImportID {
        let namespace = text(1) ?? ""
        return ImportID(
            consumer: Consumer(cluster: text(0) ?? "", namespace: namespace.isEmpty ? nil : namespace),
            service: ServiceID(cluster: text(2) ?? "", namespace: text(3) ?? "", name: text(4) ?? ""))
    }

    /// The import key, then column 5 the port and column 6 `via`.
    func serviceImport() throws -> ServiceImport {
        guard let via = try? ImportVia.parse(text(6) ?? "", field: "import via") else {
            throw StoreError.corrupt("import via \((text(6) ?? "").quoted)")
        }
        return ServiceImport(id: importID(), port: integer(5).map { Int($0) }, via: via)
    }

    /// The import key, then column 5 the service port.
    func routeKey() -> RouteKey {
        let id = importID()
        return RouteKey(consumer: id.consumer, service: id.service, servicePort: Int(integer(5) ?? 0))
    }
}
