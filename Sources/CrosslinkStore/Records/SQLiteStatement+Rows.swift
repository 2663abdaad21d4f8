import CrosslinkCore

/// Rows that several queries share, read one way: the route key.
extension SQLiteStatement {
    /// The import key, then column 5 the service port.
    func routeKey() throws -> RouteKey {
        let id = try importID()
        return RouteKey(consumer: id.consumer, service: id.service, servicePort: Int(try requiredInteger(5)))
    }
}
