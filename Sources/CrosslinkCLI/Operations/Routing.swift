import CrosslinkCore
import CrosslinkManifests
import CrosslinkStore

/// The work behind `reconcile`, `routes`, `route check` and `manifests`; never prints.
enum Routing {
    struct ReconcileResult {
        var record: ReconcileRecord
        var changes: RouteChangeSet
        var manifests: ManifestWriteSummary?
    }

    /// Thrown inside the reconcile transaction to roll a dry run back.
    private struct DryRunRollback: Error {}

    /// Computes every import's route, stores the answers, and writes manifests under `outputDirectory`.
    /// Incremental unless `full` or `outputDirectory` is given: manifests need every route. With
    /// `dryRun` the same work is done and reported, then rolled back: nothing stored, nothing written.
    static func reconcile(store: Store, outputDirectory: String?, full: Bool = false, dryRun: Bool = false) throws -> ReconcileResult {
        var summary: ManifestWriteSummary?
        var planned: ReconcileRecord?
        let record: ReconcileRecord
        do {
            record = try store.reconcile(full: full || outputDirectory != nil, keepRoutable: outputDirectory != nil) { record, topology, commit in
                // Inside the transaction: a refused directory (foreign file, symlink) stores nothing,
                // and a failed commit puts every file back (see ManifestSwitch).
                if let outputDirectory {
                    let documents = ManifestPlanner.documents(for: record.routable, in: topology)
                    let directory = ManifestDirectory(path: outputDirectory)
                    summary = dryRun ? try directory.plan(documents) : try directory.write(documents, committing: commit)
                }
                if dryRun {
                    planned = record
                    throw DryRunRollback()
                }
            }
        } catch is DryRunRollback {
            guard let planned else { throw CrosslinkError(.io, "the dry run stopped before its end") }
            record = planned
        }
        return ReconcileResult(record: record, changes: RouteChangeSet(changes: record.changes), manifests: summary)
    }

    /// Hands `body` a reader of the answers `routes` prints, in route key order (see docs/routability.md,
    /// "Stored answers"): the rows the last reconcile stored, read as printed, with the imports changed
    /// since answered afresh from slices of the estate; when a full pass is due, every import answered
    /// from the current estate. `note` says when the estate changed since the last reconcile (before any
    /// reconcile there is nothing stale to warn about). With `cluster`, only the imports consumed by or
    /// served from it, which must exist (spec §9.5).
    static func withRoutes(store: Store, cluster: String? = nil, note: (String) -> Void, _ body: (RowReader<RouteAnswer>) throws -> Void) throws {
        let stale = "note: the estate changed since the last reconcile; answers computed from the current estate (`crosslink reconcile` stores them)"
        let freshness = try store.withRouteRows(cluster: cluster) { rows in
            switch rows.freshness {
            case .noSuchCluster: throw CrosslinkError(.notFound, "cluster \(cluster?.quoted ?? "") does not exist")
            case .current: try body(rows.forEach)
            case .partlyStale:
                note(stale)
                try body(rows.forEach)
            case .neverReconciled, .stale: break
            }
            return rows.freshness
        }
        switch freshness {
        case .current, .partlyStale, .noSuchCluster: return
        case .stale: note(stale)
        case .neverReconciled: break
        }
        let answers = try routes(store: store, cluster: cluster)
        try body { each in for answer in answers { try each(answer) } }
    }

    /// Every import's answer, computed from the current estate; with `cluster`, only the imports
    /// consumed by or served from it, which must exist (spec §9.5).
    static func routes(store: Store, cluster: String? = nil) throws -> [RouteAnswer] {
        let topology = try store.loadTopology()
        try requireCluster(cluster, in: topology)
        let answers = try RouteEngine(topology: topology).allImportAnswers()
        guard let cluster else { return answers }
        return answers.filter { $0.consumer.cluster == cluster || $0.service.cluster == cluster }
    }

    /// The answer for any consumer and service, imported or not.
    /// With `explaining`, also every flow of every path with its effective routes (spec §8 R7).
    static func check(consumer: Consumer, service: ServiceID, port: Int?, via: ImportVia, explaining: Bool = false, store: Store) throws -> (
        RouteAnswer, [PathExplanation]?
    ) {
        // Only the underlay, the two clusters and the service: fast whatever the estate's size.
        let topology = try store.loadTopology(scope: .routing(consumer: consumer.cluster, service: service))
        let engine = RouteEngine(topology: topology)
        let answer = try engine.answer(consumer: consumer, service: service, port: port, via: via)
        return (answer, explaining ? try engine.explain(consumer: consumer, service: service, port: port, via: via) : nil)
    }

    /// The manifests the current estate's routable imports need, optionally for one cluster, and
    /// when there are none, why.
    static func manifests(store: Store, cluster: String?) throws -> ManifestSelection {
        let topology = try store.loadTopology()
        try requireCluster(cluster, in: topology)
        let answers = try RouteEngine(topology: topology).allImportAnswers()
        let documents = ManifestPlanner.documents(for: answers, in: topology)
        return ManifestSelection(
            documents: cluster.map { documents.filter(cluster: $0) } ?? documents,
            imports: answers.count, routable: answers.filter(\.isRoutable).count, cluster: cluster)
    }

    /// A name given to filter by is a name of something that exists: a typo is an error, not an empty answer.
    private static func requireCluster(_ cluster: String?, in topology: Topology) throws {
        if let cluster, topology.clusters[cluster] == nil {
            throw CrosslinkError(.notFound, "cluster \(cluster.quoted) does not exist")
        }
    }
}
