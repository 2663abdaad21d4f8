import CrosslinkCore

/// The outcome of one reconcile as stored.
public struct ReconcileRecord: Sendable {
    /// The route table's generation after this reconcile (unchanged when nothing changed).
    public var generation: Int
    /// What was stored before, sorted by key.
    public var previous: [RouteSummary]
    /// The answers stored now, in the order `compute` returned them.
    public var current: [RouteAnswer]
    /// Rows inserted, updated or deleted.
    public var rowsWritten: Int
}

extension Store {
    /// Recomputes the routes in one write transaction: loads the estate and the stored answers, lets
    /// `compute` produce the new answers, writes only the rows that differ, and bumps the generation
    /// when anything changed.
    ///
    /// `beforeCommit` runs last inside the transaction (crosslink writes manifests there): if it
    /// throws, nothing is stored, so a refused output directory leaves the database as it was.
    public func reconcile(
        _ compute: (Topology, [RouteSummary]) throws -> [RouteAnswer],
        beforeCommit: (ReconcileRecord) throws -> Void = { _ in }
    ) throws -> ReconcileRecord {
        try mappingStoreErrors { try connection.execute("BEGIN IMMEDIATE") }
        do {
            let record = try mappingStoreErrors { () throws -> ReconcileRecord in
                let topology = try topologyInTransaction()
                let previous = try routeSummariesInTransaction()
                let current = try compute(topology, previous)
                var generation = try generationInTransaction()
                let rows = try writeRoutes(from: previous, to: current, generation: generation + 1)
                if rows > 0 {
                    generation += 1
                    try connection.run("UPDATE reconcile_state SET generation = ? WHERE singleton = 1", [generation.sqlite])
                }
                let record = ReconcileRecord(generation: generation, previous: previous, current: current, rowsWritten: rows)
                try beforeCommit(record)
                try connection.execute("COMMIT")
                return record
            }
            return record
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The stored answers of the last reconcile and its generation, in one read transaction.
    public func loadRoutes() throws -> (generation: Int, answers: [RouteAnswer]) {
        try read { store in (try store.generationInTransaction(), try store.routesInTransaction()) }
    }

    func generationInTransaction() throws -> Int {
        Int(try connection.query("SELECT generation FROM reconcile_state WHERE singleton = 1") { $0.integer(0) ?? 0 }.first ?? 0)
    }

    func routesInTransaction() throws -> [RouteAnswer] {
        try connection.query("""
            SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                   service_port, port, via, address, hops, rejected
            FROM route
            ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
            """) { row in
            let namespace = row.text(1) ?? ""
            let hops = row.text(9) ?? ""
            return RouteAnswer(
                consumer: Consumer(cluster: row.text(0) ?? "", namespace: namespace.isEmpty ? nil : namespace),
                service: ServiceID(cluster: row.text(2) ?? "", namespace: row.text(3) ?? "", name: row.text(4) ?? ""),
                servicePort: Int(row.integer(5) ?? 0), port: Int(row.integer(6) ?? 0),
                via: try row.text(7).map { text -> PathKind in
                    guard let kind = PathKind(rawValue: text) else { throw StoreError.corrupt("route via \(text.quoted)") }
                    return kind
                },
                address: row.text(8), hops: hops.isEmpty ? [] : hops.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                rejected: try Self.rejections(row.text(10) ?? ""))
        }
    }

    /// Keys, path kinds and fingerprints of the stored answers: all a reconcile compares against.
    func routeSummariesInTransaction() throws -> [RouteSummary] {
        try connection.query("""
            SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                   service_port, via, fingerprint
            FROM route
            ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
            """) { row in
            let namespace = row.text(1) ?? ""
            let key = RouteKey(
                consumer: Consumer(cluster: row.text(0) ?? "", namespace: namespace.isEmpty ? nil : namespace),
                service: ServiceID(cluster: row.text(2) ?? "", namespace: row.text(3) ?? "", name: row.text(4) ?? ""),
                servicePort: Int(row.integer(5) ?? 0))
            return RouteSummary(key: key, via: row.text(6).flatMap(PathKind.init(rawValue:)),
                                fingerprint: UInt64(bitPattern: row.integer(7) ?? 0))
        }
    }

    /// Writes the rows that differ from what is stored; returns how many.
    private func writeRoutes(from previous: [RouteSummary], to current: [RouteAnswer], generation: Int) throws -> Int {
        var before: [RouteKey: UInt64] = [:]
        before.reserveCapacity(previous.count)
        for summary in previous { before[summary.key] = summary.fingerprint }
        var rows = 0
        var seen: Set<RouteKey> = []
        seen.reserveCapacity(current.count)
        for answer in current {
            seen.insert(answer.key)
            let fingerprint = answer.fingerprint
            if before[answer.key] == fingerprint { continue }
            rows += 1
            try connection.run("""
                INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                    service_port, port, via, address, hops, rejected, generation, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port)
                DO UPDATE SET port = excluded.port, via = excluded.via, address = excluded.address, hops = excluded.hops,
                    rejected = excluded.rejected, generation = excluded.generation, fingerprint = excluded.fingerprint
                """, answer.key.values + [
                    answer.port.sqlite, answer.via?.rawValue.sqlite ?? .null, answer.address.sqlite,
                    answer.hops.joined(separator: "\n").sqlite, Self.encode(answer.rejected).sqlite, generation.sqlite,
                    .integer(Int64(bitPattern: fingerprint)),
                ])
        }
        for answer in previous where !seen.contains(answer.key) {
            rows += 1
            try connection.run("""
                DELETE FROM route WHERE consumer_cluster = ? AND consumer_namespace = ? AND service_cluster = ?
                AND service_namespace = ? AND service_name = ? AND service_port = ?
                """, answer.key.values)
        }
        return rows
    }

    private static func encode(_ rejected: [Rejection]) -> String {
        rejected.map { "\($0.via.rawValue)\t\($0.reason.code.rawValue)\t\($0.reason.message.replacingNewlines())" }.joined(separator: "\n")
    }

    private static func rejections(_ text: String) throws -> [Rejection] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let via = PathKind(rawValue: parts[0]) else {
                throw StoreError.corrupt("route rejection \(String(line).quoted)")
            }
            return Rejection(via: via, reason: RouteReason(ReasonCode(rawValue: parts[1]), parts[2]))
        }
    }
}

extension RouteKey {
    var values: [SQLiteValue] {
        [consumer.cluster.sqlite, (consumer.namespace ?? "").sqlite] + service.values + [servicePort.sqlite]
    }
}
