import CrosslinkCore
import CrosslinkStore

/// What `apply` did.
struct ApplySummary: Equatable {
    var created: Int
    var updated: Int
    var removed: Int
    var unchanged: Int
}

/// Applies a topology file's objects to the store: an idempotent upsert, all or nothing.
enum TopologyApplication {
    /// Upserts every object of `file`; with `prune`, also removes stored objects the file does not name.
    static func apply(_ file: Topology, prune: Bool, store: Store) throws -> ApplySummary {
        let (_, change) = try store.update { topology in
            if prune {
                for entity in topology.unorderedEntities where !file.contains(entity.reference) {
                    topology.remove(entity.reference)
                }
            }
            for entity in file.unorderedEntities {
                var entity = entity
                // A cluster left without a region in the file keeps the one it already has, if any.
                if case .cluster(var cluster) = entity, cluster.region.isEmpty {
                    cluster.region = topology.clusters[cluster.name]?.region ?? ""
                    entity = .cluster(cluster)
                }
                topology.upsert(entity)
            }
        }
        // Defaulted regions make a changed-looking cluster equal again; count by what was written.
        return ApplySummary(
            created: change.createdCount, updated: change.updatedCount, removed: change.removed.count,
            unchanged: file.objectCount - change.written.count)
    }
}
