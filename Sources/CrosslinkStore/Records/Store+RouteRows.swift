import CrosslinkCore

/// How far the stored answers of the last reconcile hold for the current estate.
package enum RouteFreshness: Sendable, Equatable {
    /// Nothing changed since that could change an answer: every answer is a stored row.
    case current
    /// Some imports changed since (marked dirty) and no full pass is due: their answers are computed,
    /// every other one is a stored row, which those changes cannot have altered (see `RouteImpact`).
    case partlyStale
    /// A full pass is due: no stored row can be trusted.
    case stale
    /// No reconcile has run on this database yet.
    case neverReconciled
    /// The cluster asked for does not exist.
    case noSuchCluster
}

/// The current estate's answers for `routes`, in route key order, handed out one at a time; valid only
/// inside the closure given to `Store.withRouteRows`, whose read transaction they are read in.
package struct RouteRows {
    package let freshness: RouteFreshness
    fileprivate let store: Store
    fileprivate let cluster: String?
    /// Imports whose stored rows no longer count (changed, added or removed since the last reconcile).
    fileprivate let dirty: Set<ImportID>
    /// The answers of the dirty imports that still exist, in key order.
    fileprivate let answered: [RouteAnswer]

    /// Imports answered afresh because they changed since the last reconcile.
    package var dirtyCount: Int { dirty.count }

    /// Hands every answer to `body` in route key order: the stored rows of the clean imports (read one at
    /// a time, none held) merged with the dirty imports' fresh answers. With `cluster`, only the imports
    /// consumed by or served from it. May run more than once in the same transaction (a table measures
    /// its columns first), seeing the same rows each time. Only for `.current` and `.partlyStale`.
    package func forEach(_ body: (RouteAnswer) throws -> Void) throws {
        var pending = answered[...]
        try store.forEachStoredRoute(cluster: cluster) { stored in
            if !dirty.isEmpty, dirty.contains(ImportID(consumer: stored.consumer, service: stored.service)) { return }
            while let next = pending.first, next.key < stored.key {
                try body(next)
                pending.removeFirst()
            }
            try body(stored)
        }
        for answer in pending { try body(answer) }
    }
}

extension Store {
    /// Runs `body` in one read transaction with what `routes` prints (see `RouteRows`), so a concurrent
    /// write is seen whole or not at all, however many passes `body` makes. With `cluster`, only the
    /// imports consumed by or served from it, read through the primary key and the
    /// `route_by_service_cluster` index. When only some imports are dirty, each is answered from the
    /// slice `route check` reads (its two clusters, its service, the underlay it can touch), or from one
    /// slice of all of them when they are many.
    package func withRouteRows<T>(cluster: String? = nil, _ body: (RouteRows) throws -> T) throws -> T {
        try scan { store in
            func rows(_ freshness: RouteFreshness, dirty: Set<ImportID> = [], answered: [RouteAnswer] = []) -> RouteRows {
                RouteRows(freshness: freshness, store: store, cluster: cluster, dirty: dirty, answered: answered)
            }
            let connection = store.connection
            if let cluster, try connection.query("SELECT 1 FROM cluster WHERE name = ?", [cluster.sqlite], { _ in 1 }).isEmpty {
                return try body(rows(.noSuchCluster))
            }
            let state = try connection.rows(ReconcileStateRow.self, " WHERE singleton = 1").first
            // Before the first reconcile a full pass is due and nothing was ever stored (a reconcile that
            // stores a row bumps the generation).
            if state?.fullNeeded ?? true { return try body(rows((state?.generation ?? 0) == 0 ? .neverReconciled : .stale)) }
            let dirty = try store.dirtyImportsInTransaction()
            if dirty.isEmpty { return try body(rows(.current)) }
            return try body(rows(.partlyStale, dirty: dirty, answered: try store.answersInTransaction(dirty: dirty, cluster: cluster)))
        }
    }

    /// Beyond this many (consumer cluster, service) pairs one slice of every dirty import is read
    /// instead of one routing slice per pair: each slice reads the underlay it can touch again.
    private static let routingSlicesLimit = 16

    /// The answers of the dirty imports that exist (those consumed by or served from `cluster`, when given),
    /// computed from slices of the estate, in route key order.
    private func answersInTransaction(dirty: Set<ImportID>, cluster: String?) throws -> [RouteAnswer] {
        let dirtyOnly = " JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)"
        let imports = try connection.rows(ServiceImportRow.self, dirtyOnly).map(\.item)
            .filter { item in cluster.map { item.id.consumer.cluster == $0 || item.id.service.cluster == $0 } ?? true }
            .sorted { $0.id < $1.id }
        let groups = Dictionary(grouping: imports) { Pair(consumer: $0.id.consumer.cluster, service: $0.id.service) }
        var answers: [RouteAnswer] = []
        if groups.count > Self.routingSlicesLimit {
            let engine = RouteEngine(topology: try topologyInTransaction(scope: .imports(Set(imports.map(\.id)))))
            for item in imports { answers += try engine.answers(for: item) }
            return answers
        }
        for (pair, items) in groups {
            let engine = RouteEngine(topology: try topologyInTransaction(scope: .routing(consumer: pair.consumer, service: pair.service)))
            for item in items { answers += try engine.answers(for: item) }
        }
        // Ports come in numeric order within an import: a stable sort by key keeps them.
        answers.sort { $0.key < $1.key }
        return answers
    }

    private struct Pair: Hashable {
        var consumer: String
        var service: ServiceID
    }

    /// Every stored answer in route key order, read one row at a time; with `cluster`, those of the
    /// imports consumed by or served from it (a cluster's few rows, gathered and sorted).
    fileprivate func forEachStoredRoute(cluster: String?, _ body: (RouteAnswer) throws -> Void) throws {
        let order = " ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port"
        guard let cluster else {
            try connection.forEach(RouteRow.select(order)) { row in try body(try RouteRow(row: row).answer) }
            return
        }
        var answers = try connection.rows(RouteRow.self, " WHERE consumer_cluster = ?", [cluster.sqlite]).map(\.answer)
        answers += try connection.rows(RouteRow.self, " WHERE service_cluster = ? AND consumer_cluster <> ?", [cluster.sqlite, cluster.sqlite]).map(\.answer)
        answers.sort { $0.key < $1.key }
        for answer in answers { try body(answer) }
    }
}
