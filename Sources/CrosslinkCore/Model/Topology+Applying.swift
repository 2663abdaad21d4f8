extension Topology {
    /// What `apply -f FILE` does to the estate: upserts every object of `file` and, with `prune`,
    /// removes the objects the file does not name. The caller validates the result (the store does
    /// before it commits; `plan` does before it answers).
    package mutating func apply(_ file: Topology, prune: Bool) {
        if prune {
            for entity in unorderedEntities where !file.contains(entity.reference) {
                remove(entity.reference)
            }
        }
        for entity in file.unorderedEntities {
            var entity = entity
            // A cluster left without a region in the file keeps the one it already has, if any.
            if case .cluster(var cluster) = entity, cluster.region.isEmpty {
                cluster.region = clusters[cluster.name]?.region ?? ""
                entity = .cluster(cluster)
            }
            upsert(entity)
        }
    }
}
