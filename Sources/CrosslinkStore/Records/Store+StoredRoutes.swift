import CrosslinkCore

/// What `routes` can read from the route table instead of answering every import again.
package enum StoredRoutes: Sendable {
    /// The stored answers are those of the current estate, in route key order.
    case current([RouteAnswer])
    /// The estate changed since the last reconcile in a way that can change some answer.
    case stale
    /// No reconcile has run on this database yet.
    case neverReconciled
    /// The cluster asked for does not exist.
    case noSuchCluster
}

extension Store {
    /// The answers of the last reconcile, when they still hold for the estate: nothing changed since
    /// that could change an answer (no import marked dirty, no full pass due). With `cluster`, only the
    /// imports consumed by or served from it, read through the primary key and the
    /// `route_by_service_cluster` index. One read transaction, so a concurrent write is seen whole or not at all.
    package func storedRoutes(cluster: String? = nil) throws -> StoredRoutes {
        try read { store in
            let connection = store.connection
            if let cluster, try connection.query("SELECT 1 FROM cluster WHERE name = ?", [cluster.sqlite], { _ in 1 }).isEmpty {
                return .noSuchCluster
            }
            let state =
                try connection.query("SELECT full_needed, generation FROM reconcile_state WHERE singleton = 1") {
                    ($0.integer(0) ?? 1, $0.integer(1) ?? 0)
                }.first ?? (1, 0)
            // Before the first reconcile a full pass is due and nothing was ever stored (a reconcile that
            // stores a row bumps the generation).
            if state.0 == 1 { return state.1 == 0 ? .neverReconciled : .stale }
            if try !connection.query("SELECT 1 FROM dirty_import LIMIT 1", [], { _ in 1 }).isEmpty { return .stale }
            let columns = """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                       service_port, port, via, address, hops, rejected
                FROM route
                """
            guard let cluster else { return .current(try store.routesInTransaction()) }
            var answers = try connection.query("\(columns) WHERE consumer_cluster = ?", [cluster.sqlite], Self.routeAnswer)
            answers += try connection.query(
                "\(columns) WHERE service_cluster = ? AND consumer_cluster <> ?", [cluster.sqlite, cluster.sqlite], Self.routeAnswer)
            // The order `routes` has always printed: by route key, as a reconcile answers them.
            answers.sort { $0.key < $1.key }
            return .current(answers)
        }
    }
}
