import CrosslinkCore

/// One reconcile's walk over answers: compares each with what is stored (by fingerprint), writes
/// the rows that differ, and remembers only what changed, so memory does not grow with the estate.
struct RoutePass {
    let store: Store
    let generation: Int
    let keepRoutable: Bool
    /// What is stored for the routes this pass covers; entries left at the end are routes that are gone.
    var previous: [RouteKey: RouteSummary] = [:]
    var changes: [ReconcileRecord.Change] = []
    var routable: [RouteAnswer] = []
    var recomputed = 0
    var rows = 0

    init(store: Store, generation: Int, keepRoutable: Bool) {
        self.store = store
        self.generation = generation
        self.keepRoutable = keepRoutable
    }

    mutating func process(_ answers: [RouteAnswer]) throws {
        for answer in answers {
            recomputed += 1
            if keepRoutable && answer.isRoutable { routable.append(answer) }
            let before = previous.removeValue(forKey: answer.key)
            let fingerprint = answer.fingerprint
            if before?.fingerprint == fingerprint { continue }
            changes.append(ReconcileRecord.Change(key: answer.key, before: before, after: answer))
            rows += 1
            try store.connection.run(
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
                    answer.hops.joined(separator: "\n").sqlite, Store.encode(answer.rejected).sqlite, generation.sqlite,
                    .integer(Int64(bitPattern: fingerprint)),
                ])
        }
    }

    /// Deletes the stored routes no answer claimed: their import or port is gone.
    mutating func finish() throws {
        for (key, before) in previous {
            changes.append(ReconcileRecord.Change(key: key, before: before, after: nil))
            rows += 1
            try store.connection.run(
                """
                DELETE FROM route WHERE consumer_cluster = ? AND consumer_namespace = ? AND service_cluster = ?
                AND service_namespace = ? AND service_name = ? AND service_port = ?
                """, key.values)
        }
        previous = [:]
    }
}
