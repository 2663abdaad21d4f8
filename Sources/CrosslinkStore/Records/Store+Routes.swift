import CrosslinkCore

/// The outcome of one reconcile as stored.
public struct ReconcileRecord: Sendable {
    /// The route table's generation after this reconcile (unchanged when nothing changed).
    public var generation: Int
    /// Whether only the imports touched since the last reconcile were recomputed.
    public var isIncremental: Bool
    /// What was stored before for the recomputed imports, sorted by key.
    public var previous: [RouteSummary]
    /// The recomputed answers, in the order `compute` returned them.
    public var current: [RouteAnswer]
    /// Rows inserted, updated or deleted.
    public var rowsWritten: Int
    /// Routes stored after the reconcile, and how many of them are routable.
    public var routeCount: Int
    public var routableCount: Int
}

extension Store {
    /// Recomputes routes in one write transaction and stores only the rows that differ, bumping the
    /// generation when anything changed.
    ///
    /// Incremental unless `full` is set or the database asks for a full pass: only the imports that
    /// changes since the last reconcile could affect (see `RouteImpact`) are recomputed, from a slice
    /// of the estate. `compute` receives that slice and the imports to answer (nil: every import).
    /// `beforeCommit` runs last inside the transaction (crosslink writes manifests there): if it
    /// throws, nothing is stored.
    public func reconcile(
        full: Bool = false,
        _ compute: (Topology, Set<ImportID>?) throws -> [RouteAnswer],
        beforeCommit: (ReconcileRecord) throws -> Void = { _ in }
    ) throws -> ReconcileRecord {
        try mappingStoreErrors { try connection.execute("BEGIN IMMEDIATE") }
        do {
            let record = try mappingStoreErrors { () throws -> ReconcileRecord in
                let stored = try connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) ?? 1 }.first ?? 1
                let fullNeeded = full || stored == 1
                let topology: Topology
                let previous: [RouteSummary]
                let scope: Set<ImportID>?
                if fullNeeded {
                    topology = try topologyInTransaction()
                    previous = try routeSummariesInTransaction(dirtyOnly: false)
                    scope = nil
                } else {
                    let dirty = try dirtyImportsInTransaction()
                    scope = dirty
                    previous = dirty.isEmpty ? [] : try routeSummariesInTransaction(dirtyOnly: true)
                    topology = dirty.isEmpty ? Topology() : try topologyInTransaction(scope: .imports(dirty))
                }
                let current = scope?.isEmpty == true ? [] : try compute(topology, scope)
                var generation = try generationInTransaction()
                let rows = try writeRoutes(from: previous, to: current, generation: generation + 1)
                if rows > 0 {
                    generation += 1
                    try connection.run("UPDATE reconcile_state SET generation = ? WHERE singleton = 1", [generation.sqlite])
                }
                try connection.execute("UPDATE reconcile_state SET full_needed = 0; DELETE FROM dirty_import")
                let counts =
                    try connection.query("SELECT count(*), count(via) FROM route") { (Int($0.integer(0) ?? 0), Int($0.integer(1) ?? 0)) }.first ?? (0, 0)
                let record = ReconcileRecord(
                    generation: generation, isIncremental: !fullNeeded, previous: previous, current: current,
                    rowsWritten: rows, routeCount: counts.0, routableCount: counts.1)
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

    /// Remembers what a committed change can affect, for the next incremental reconcile. The impact
    /// is only worked out when it matters: not before the first reconcile, nor when a full one is due.
    func recordImpact(_ impact: () -> RouteImpact) throws {
        let fullNeeded = (try connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) ?? 1 }.first ?? 1) == 1
        if fullNeeded { return }  // the next reconcile recomputes everything anyway
        switch impact() {
        case .everything:
            try connection.execute("UPDATE reconcile_state SET full_needed = 1; DELETE FROM dirty_import")
        case .imports(let ids):
            for id in ids {
                try connection.run(
                    """
                    INSERT OR IGNORE INTO dirty_import (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
                    VALUES (?, ?, ?, ?, ?)
                    """, id.values)
            }
        }
    }

    func dirtyImportsInTransaction() throws -> Set<ImportID> {
        Set(
            try connection.query(
                """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name FROM dirty_import
                """
            ) { row in
                let namespace = row.text(1) ?? ""
                return ImportID(
                    consumer: Consumer(cluster: row.text(0) ?? "", namespace: namespace.isEmpty ? nil : namespace),
                    service: ServiceID(cluster: row.text(2) ?? "", namespace: row.text(3) ?? "", name: row.text(4) ?? ""))
            })
    }

    /// The stored answers of the last reconcile and its generation, in one read transaction.
    public func loadRoutes() throws -> (generation: Int, answers: [RouteAnswer]) {
        try read { store in (try store.generationInTransaction(), try store.routesInTransaction()) }
    }

    func generationInTransaction() throws -> Int {
        Int(try connection.query("SELECT generation FROM reconcile_state WHERE singleton = 1") { $0.integer(0) ?? 0 }.first ?? 0)
    }

    func routesInTransaction() throws -> [RouteAnswer] {
        try connection.query(
            """
            SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                   service_port, port, via, address, hops, rejected
            FROM route
            ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
            """
        ) { row in
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

    /// Keys, path kinds and fingerprints of the stored answers (of the dirty imports only, when
    /// asked): all a reconcile compares against.
    func routeSummariesInTransaction(dirtyOnly: Bool) throws -> [RouteSummary] {
        try connection.query(
            dirtyOnly
                ? """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                       service_port, via, fingerprint
                FROM route JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
                ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
                """
                : """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                       service_port, via, fingerprint
                FROM route
                ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
                """
        ) { row in
            let namespace = row.text(1) ?? ""
            let key = RouteKey(
                consumer: Consumer(cluster: row.text(0) ?? "", namespace: namespace.isEmpty ? nil : namespace),
                service: ServiceID(cluster: row.text(2) ?? "", namespace: row.text(3) ?? "", name: row.text(4) ?? ""),
                servicePort: Int(row.integer(5) ?? 0))
            return RouteSummary(
                key: key, via: row.text(6).flatMap(PathKind.init(rawValue:)),
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
            try connection.run(
                """
                INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                    service_port, port, via, address, hops, rejected, generation, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port)
                DO UPDATE SET port = excluded.port, via = excluded.via, address = excluded.address, hops = excluded.hops,
                    rejected = excluded.rejected, generation = excluded.generation, fingerprint = excluded.fingerprint
                """,
                answer.key.values + [
                    answer.port.sqlite, answer.via?.rawValue.sqlite ?? .null, answer.address.sqlite,
                    answer.hops.joined(separator: "\n").sqlite, Self.encode(answer.rejected).sqlite, generation.sqlite,
                    .integer(Int64(bitPattern: fingerprint)),
                ])
        }
        for answer in previous where !seen.contains(answer.key) {
            rows += 1
            try connection.run(
                """
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
