import CrosslinkCore
import CrosslinkStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `apply` would do (`crosslink plan`, `apply --dry-run`; spec §9.1): the object changes and
/// the route changes, computed without writing anything.
struct TopologyPlan {
    /// One object that would be created, updated (with its changed fields) or removed.
    struct ObjectChange {
        enum Action: String { case create, update, remove }
        var action: Action
        var reference: EntityReference
        var fields: [FieldChange] = []
    }

    var objects: [ObjectChange]
    var unchanged: Int
    var routes: RoutePlan
}

enum Planning {
    /// Plans applying `file` to the database at `path` (an absent database is an empty estate, which
    /// is what `apply` would start from). Opens the database read-only: nothing is written, nothing created.
    /// - Throws: what `apply` would throw for an invalid result, with the same message.
    static func plan(_ file: Topology, prune: Bool, global: GlobalOptions) throws -> TopologyPlan {
        let exists = access(global.databasePath, F_OK) == 0
        let before = exists ? try global.openStoreForReading().loadTopology() : Topology()
        var after = before
        after.apply(file, prune: prune)
        after.fillDefaultRegions()
        try after.validate()
        let change = TopologyChange(from: before, to: after)
        var objects: [TopologyPlan.ObjectChange] = []
        objects += change.created.map { TopologyPlan.ObjectChange(action: .create, reference: $0.reference) }
        objects += change.updated.compactMap { entity in
            before[entity.reference].map { TopologyPlan.ObjectChange(action: .update, reference: entity.reference, fields: FieldChange.between($0, entity)) }
        }
        objects += change.removed.map { TopologyPlan.ObjectChange(action: .remove, reference: $0) }
        objects.sort { $0.reference < $1.reference }
        return TopologyPlan(
            objects: objects, unchanged: file.objectCount - change.written.count, routes: try RoutePlan(from: before, to: after))
    }
}
