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
    /// imports consumed by or served from it. `routes` reads them row by row instead (`withRouteRows`).
    package func storedRoutes(cluster: String? = nil) throws -> StoredRoutes {
        try withRouteRows(cluster: cluster) { rows in
            switch rows.freshness {
            case .current:
                var answers: [RouteAnswer] = []
                try rows.forEach { answers.append($0) }
                return .current(answers)
            case .partlyStale, .stale: return .stale
            case .neverReconciled: return .neverReconciled
            case .noSuchCluster: return .noSuchCluster
            }
        }
    }
}
