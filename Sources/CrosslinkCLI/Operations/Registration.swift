import CrosslinkCore
import CrosslinkStore

/// The work behind the registration verbs; each call is one transaction and never prints.
enum Registration {
    static func add(_ entity: Entity, store: Store) throws -> Topology.AddOutcome {
        try store.update { try $0.add(entity) }.0
    }

    /// Changes fields of one stored object in place (`crosslink <kind> set`): `change` gets the
    /// object and the estate and returns the new object, which keeps its key. One transaction, validated
    /// like every write.
    /// - Returns: the fields that changed (empty when nothing did).
    static func set(
        _ resolve: (Topology) throws -> EntityReference, store: Store, _ change: (Entity, Topology) throws -> Entity
    ) throws -> (EntityReference, [FieldChange]) {
        try store.update { topology -> (EntityReference, [FieldChange]) in
            let reference = try resolve(topology)
            guard let before = topology[reference] else { throw CrosslinkError(.notFound, "\(reference) does not exist") }
            let after = try change(before, topology)
            guard after.reference == reference else { throw CrosslinkError(.invalidValue, "\(reference): set cannot change the key") }
            topology.upsert(after)
            return (reference, FieldChange.between(before, after))
        }.0
    }

    static func remove(_ reference: EntityReference, cascade: Bool, store: Store) throws -> [EntityReference] {
        try store.update { try $0.removing(reference, cascade: cascade) }.0
    }

    static func list(_ kind: EntityKind, store: Store) throws -> [Entity] {
        // Only the tables of that kind, not the whole estate.
        try store.loadTopology(scope: .entities(of: kind)).entities(of: kind)
    }

    static func show(_ reference: EntityReference, store: Store) throws -> Entity {
        guard let entity = try store.loadTopology(scope: .entity(reference))[reference] else {
            throw CrosslinkError(.notFound, "\(reference) does not exist")
        }
        return entity
    }
}
