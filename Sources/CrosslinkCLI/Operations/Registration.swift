import CrosslinkCore
import CrosslinkStore

/// The work behind the registration verbs; each call is one transaction and prints nothing but
/// the address-plan warnings of what it wrote (on stderr).
enum Registration {
    static func add(_ entity: Entity, store: Store) throws -> Topology.AddOutcome {
        // Address warnings concern VNets and clusters, whose writes read the whole estate.
        let (outcome, warnings) = try store.update(touching: [entity.reference]) { topology in
            (try topology.add(entity), topology.addressWarnings(about: entity.reference))
        }.0
        AddressWarnings.print(warnings)
        return outcome
    }

    /// Changes fields of one stored object in place (`crosslink <kind> set`): `change` gets the
    /// object and the estate and returns the new object, which keeps its key. One transaction, validated
    /// like every write. `seed` is the object, or what `resolve` reads to find it (an ingress's service).
    /// - Returns: the fields that changed (empty when nothing did).
    static func set(
        _ resolve: (Topology) throws -> EntityReference, seed: EntityReference, store: Store, _ change: (Entity, Topology) throws -> Entity
    ) throws -> (EntityReference, [FieldChange]) {
        let (reference, changes, warnings) = try store.update(touching: [seed]) { topology -> (EntityReference, [FieldChange], [String]) in
            let reference = try resolve(topology)
            guard let before = topology[reference] else { throw CrosslinkError(.notFound, "\(reference) does not exist") }
            let after = try change(before, topology)
            guard after.reference == reference else { throw CrosslinkError(.invalidValue, "\(reference): set cannot change the key") }
            topology.upsert(after)
            return (reference, FieldChange.between(before, after), topology.addressWarnings(about: reference))
        }.0
        AddressWarnings.print(warnings)
        return (reference, changes)
    }

    static func remove(_ reference: EntityReference, cascade: Bool, store: Store) throws -> [EntityReference] {
        try store.update(touching: [reference]) { try $0.removing(reference, cascade: cascade) }.0
    }

    static func list(_ kind: EntityKind, store: Store) throws -> [Entity] {
        // Only the tables of that kind, not the whole estate.
        try store.loadTopology(scope: .entities(of: kind)).entities(of: kind)
    }

    static func show(_ reference: EntityReference, store: Store) throws -> Entity {
        guard let entity = try store.loadEntity(reference) else {
            throw CrosslinkError(.notFound, "\(reference) does not exist")
        }
        return entity
    }
}
