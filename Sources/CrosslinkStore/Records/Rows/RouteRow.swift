import CrosslinkCore

/// A row of `route`: one stored answer.
struct RouteRow: TableRow {
    static let table = "route"
    static let columns = """
        consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
        service_port, port, via, address, hops, rejected
        """
    var answer: RouteAnswer

    init(row: SQLiteRow) throws {
        let key = try row.routeKey()
        let hops = try row.requiredText(9)
        answer = RouteAnswer(
            consumer: key.consumer, service: key.service, servicePort: key.servicePort, port: try row.requiredInt(6), via: try row.pathKind(7),
            address: row.text(8), hops: hops.isEmpty ? [] : hops.pieces(at: "\n", omittingEmpty: false).map(String.init),
            rejected: try Self.rejections(try row.requiredText(10)))
    }

    /// The stored form of rejections (see `Store.encode(_:into:)`) read back.
    private static func rejections(_ text: String) throws -> [Rejection] {
        guard !text.isEmpty else { return [] }
        return try text.pieces(at: "\n", omittingEmpty: true).map { line in
            let parts = line.pieces(at: "\t", omittingEmpty: false).map(String.init)
            guard parts.count == 3 || parts.count == 6, let via = PathKind(rawValue: parts[0]) else {
                throw StoreError.corrupt("route rejection \(String(line).quoted)")
            }
            guard let code = ReasonCode(rawValue: parts[1]) else { throw StoreError.corrupt("route rejection \(String(line).quoted)") }
            guard parts.count == 6 else { return Rejection(via: via, reason: RouteReason(code, parts[2])) }
            guard let met = Int(parts[3]), let unmet = Int(parts[4]) else { throw StoreError.corrupt("route rejection \(String(line).quoted)") }
            return Rejection(
                via: via, reason: RouteReason(code, parts[2], fix: parts[5].isEmpty ? nil : parts[5]),
                closeness: PathCloseness(met: met, unmet: unmet))
        }
    }
}

/// The columns of a `route` row a reconcile compares against: its key, path kind and fingerprint.
struct RouteSummaryRow: TableRow {
    static let table = "route"
    static let columns = """
        consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port, via, fingerprint
        """
    var summary: RouteSummary

    init(row: SQLiteRow) throws {
        summary = RouteSummary(key: try row.routeKey(), via: try row.pathKind(6), fingerprint: UInt64(bitPattern: try row.requiredInteger(7)))
    }
}

/// The row of `reconcile_state`: the route table's generation and whether a full pass is due.
struct ReconcileStateRow: TableRow {
    static let table = "reconcile_state"
    static let columns = "generation, full_needed"
    var generation: Int
    var fullNeeded: Bool

    init(row: SQLiteRow) throws {
        generation = try row.requiredInt(0)
        fullNeeded = try row.requiredFlag(1)
    }
}

extension SQLiteRow {
    /// The import key, then column 5 the service port (the key of `route`).
    func routeKey() throws -> RouteKey {
        let id = try importID()
        return RouteKey(consumer: id.consumer, service: id.service, servicePort: try requiredInt(5))
    }

    /// Column `column`, nullable, as the kind of path an answer took.
    func pathKind(_ column: Int32) throws -> PathKind? {
        guard let text = text(column) else { return nil }
        return try parsed(column, text) { try PathKind.parse($0, field: "route via") }
    }
}

extension StringProtocol {
    /// The text cut at an ASCII separator, by bytes: cutting by Character took half of
    /// `routes -o json` at 10,000 clusters (docs/benchmarks.md, "Streaming output").
    fileprivate func pieces(at separator: Unicode.Scalar, omittingEmpty: Bool) -> [Substring] {
        let text = Substring(self)
        return text.utf8.split(separator: UInt8(ascii: separator), omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}
