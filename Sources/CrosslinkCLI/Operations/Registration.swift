import CrosslinkCore
import CrosslinkStore

/// The work behind the registration verbs; each call is one transaction and never prints.
enum Registration {
    static func add(_ entity: Entity, store: Store) throws -> Topology.AddOutcome {
        try store.update { try $0.add(entity) }.0
    }

    static func remove(_ reference: EntityReference, cascade: Bool, store: Store) throws -> [EntityReference] {
        try store.update { try $0.removing(reference, cascade: cascade) }.0
    }

    static func list(_ kind: EntityKind, store: Store) throws -> [Entity] {
        try store.loadTopology().entities(of: kind)
    }

    static func show(_ reference: EntityReference, store: Store) throws -> Entity {
        guard let entity = try store.loadTopology()[reference] else {
            throw CrosslinkError(.notFound, "\(reference) does not exist")
        }
        return entity
    }
}
