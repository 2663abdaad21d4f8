import CrosslinkCore
import CrosslinkStore

/// What `apply` did.
struct ApplySummary: Equatable {
    var created: Int
    var updated: Int
    var removed: Int
    var unchanged: Int
    /// What `--prune` removed, sorted.
    var removedObjects: [EntityReference] = []
    /// Address-plan warnings about the VNets and clusters written (`AddressWarnings`).
    var warnings: [String] = []
}

/// Applies a topology file's objects to the store: an idempotent upsert, all or nothing.
enum TopologyApplication {
    /// Upserts every object of `file`; with `prune`, also removes stored objects the file does not name.
    static func apply(_ file: Topology, prune: Bool, store: Store) throws -> ApplySummary {
        let (warnings, change) = try store.update { topology in
            topology.apply(file, prune: prune)
            return topology.addressWarnings(namedIn: file)
        }
        // Defaulted regions make a changed-looking cluster equal again; count by what was written.
        return ApplySummary(
            created: change.createdCount, updated: change.updatedCount, removed: change.removed.count,
            unchanged: file.objectCount - change.written.count, removedObjects: change.removed.sorted(), warnings: warnings)
    }
}
