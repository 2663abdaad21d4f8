import CrosslinkCore
import CrosslinkKubernetes
import CrosslinkStore

/// Registers what `kubectl get … -o json` printed for one cluster: translate, then merge into the
/// store in one transaction (or, for a dry run, into a copy that is never written).
enum KubernetesImporting {
    /// What an import did, or would do.
    struct Outcome {
        var summary: ApplySummary
        /// The translation's and the merge's notes (what was skipped or adapted).
        var notes: [String]
        /// What changed, sorted: `+` created, `~` updated, `-` removed.
        var changes: [(mark: Character, reference: EntityReference)]
    }

    static func run(_ imported: KubernetesImport, prune: Bool, cascade: Bool, dryRun: Bool, store: Store) throws -> Outcome {
        let notes: [String]
        let change: TopologyChange
        if dryRun {
            let before = try store.loadTopology()
            var after = before
            notes = try imported.apply(to: &after, prune: prune, cascade: cascade)
            try after.validate()
            change = TopologyChange(from: before, to: after)
        } else {
            (notes, change) = try store.update { topology in try imported.apply(to: &topology, prune: prune, cascade: cascade) }
        }
        // The cluster is updated only for its isolated namespaces; it is not one of the objects named.
        let named = imported.services.count + imported.ingresses.count
        let writtenObjects = change.written.filter { if case .cluster = $0 { false } else { true } }.count
        let summary = ApplySummary(
            created: change.createdCount, updated: change.updatedCount, removed: change.removed.count,
            unchanged: max(0, named - writtenObjects))
        let changes =
            change.created.map { (Character("+"), $0.reference) } + change.updated.map { (Character("~"), $0.reference) }
            + change.removed.map { (Character("-"), $0) }
        return Outcome(
            summary: summary, notes: imported.notes + notes,
            changes: changes.sorted { ($0.1, $0.0) < ($1.1, $1.0) })
    }
}
