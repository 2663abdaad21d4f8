/// Any one object of the model, for code that handles every kind alike (add, diff, store).
package enum Entity: Hashable, Sendable {
    case vnet(VNet)
    // Boxed: a cluster is the largest object by far, and an inline case would size every
    // entity (a million imports in a first apply) for it.
    indirect case cluster(Cluster)
    case service(Service)
    case peering(Peering)
    case vpnGateway(VPNGateway)
    case vpnConnection(VPNConnection)
    case tunnel(Tunnel)
    case meshLink(MeshLink)
    indirect case ingress(Ingress)
    case `import`(ServiceImport)
    indirect case routeTable(RouteTable)
    indirect case firewall(Firewall)
    indirect case securityGroup(SecurityGroup)

    package var reference: EntityReference {
        switch self {
        case .vnet(let value): .vnet(value.name)
        case .cluster(let value): .cluster(value.name)
        case .service(let value): .service(value.id)
        case .peering(let value): .peering(value.vnets)
        case .vpnGateway(let value): .vpnGateway(value.name)
        case .vpnConnection(let value): .vpnConnection(value.gateways)
        case .tunnel(let value): .tunnel(value.clusters)
        case .meshLink(let value): .meshLink(value.clusters)
        case .ingress(let value): .ingress(value.id)
        case .import(let value): .import(value.id)
        case .routeTable(let value): .routeTable(value.name)
        case .firewall(let value): .firewall(value.name)
        case .securityGroup(let value): .securityGroup(value.name)
        }
    }
}

extension Topology {
    /// The object a reference points at, if it exists.
    package subscript(reference: EntityReference) -> Entity? {
        switch reference {
        case .vnet(let key): vnets[key].map(Entity.vnet)
        case .cluster(let key): clusters[key].map(Entity.cluster)
        case .service(let key): services[key].map(Entity.service)
        case .peering(let key): peerings[key].map(Entity.peering)
        case .vpnGateway(let key): vpnGateways[key].map(Entity.vpnGateway)
        case .vpnConnection(let key): vpnConnections[key].map(Entity.vpnConnection)
        case .tunnel(let key): tunnels[key].map(Entity.tunnel)
        case .meshLink(let key): meshLinks[key].map(Entity.meshLink)
        case .ingress(let key): ingresses[key].map(Entity.ingress)
        case .import(let key): imports[key].map(Entity.import)
        case .routeTable(let key): routeTables[key].map(Entity.routeTable)
        case .firewall(let key): firewalls[key].map(Entity.firewall)
        case .securityGroup(let key): securityGroups[key].map(Entity.securityGroup)
        }
    }

    /// Inserts or replaces one object (no checks; call `validate()` after).
    package mutating func upsert(_ entity: Entity) {
        switch entity {
        case .vnet(let value): vnets[value.name] = value
        case .cluster(let value): clusters[value.name] = value
        case .service(let value): services[value.id] = value
        case .peering(let value): peerings[value.vnets] = value
        case .vpnGateway(let value): vpnGateways[value.name] = value
        case .vpnConnection(let value): vpnConnections[value.gateways] = value
        case .tunnel(let value): tunnels[value.clusters] = value
        case .meshLink(let value): meshLinks[value.clusters] = value
        case .ingress(let value): ingresses[value.id] = value
        case .import(let value): imports[value.id] = value
        case .routeTable(let value): routeTables[value.name] = value
        case .firewall(let value): firewalls[value.name] = value
        case .securityGroup(let value): securityGroups[value.name] = value
        }
    }

    /// What `add` did with an object.
    package enum AddOutcome: String, Sendable {
        case created, unchanged
    }

    /// Adds one object the way `crosslink <kind> add` does: creating it, accepting an identical
    /// re-add as unchanged (idempotent), and refusing a different object under the same key.
    /// The caller validates the result (the store does, before it commits).
    package mutating func add(_ entity: Entity) throws -> AddOutcome {
        var entity = entity
        // A cluster added without a region takes its VNet's, so an identical re-add compares equal.
        if case .cluster(var cluster) = entity, cluster.region.isEmpty, let region = vnets[cluster.vnet]?.region {
            cluster.region = region
            entity = .cluster(cluster)
        }
        let reference = entity.reference
        if let existing = self[reference] {
            if existing == entity { return .unchanged }
            throw CrosslinkError(
                .alreadyExists,
                "\(reference) already exists with different settings; change it with 'crosslink \(reference.kind.rawValue) set' or 'crosslink apply'")
        }
        upsert(entity)
        return .created
    }

    /// Every object, in dependency order (what a reference names comes before the reference), sorted by key.
    package var allEntities: [Entity] { allReferences.compactMap { self[$0] } }

    /// The objects of one kind, sorted by key.
    package func entities(of kind: EntityKind) -> [Entity] {
        switch kind {
        case .vnet: vnets.keys.sorted().compactMap { vnets[$0].map(Entity.vnet) }
        case .cluster: clusters.keys.sorted().compactMap { clusters[$0].map(Entity.cluster) }
        case .service: services.keys.sorted().compactMap { services[$0].map(Entity.service) }
        case .peering: peerings.keys.sorted().compactMap { peerings[$0].map(Entity.peering) }
        case .vpnGateway: vpnGateways.keys.sorted().compactMap { vpnGateways[$0].map(Entity.vpnGateway) }
        case .vpnConnection: vpnConnections.keys.sorted().compactMap { vpnConnections[$0].map(Entity.vpnConnection) }
        case .tunnel: tunnels.keys.sorted().compactMap { tunnels[$0].map(Entity.tunnel) }
        case .meshLink: meshLinks.keys.sorted().compactMap { meshLinks[$0].map(Entity.meshLink) }
        case .ingress: ingresses.keys.sorted().compactMap { ingresses[$0].map(Entity.ingress) }
        case .import: imports.keys.sorted().compactMap { imports[$0].map(Entity.import) }
        case .routeTable: routeTables.keys.sorted().compactMap { routeTables[$0].map(Entity.routeTable) }
        case .firewall: firewalls.keys.sorted().compactMap { firewalls[$0].map(Entity.firewall) }
        case .securityGroup: securityGroups.keys.sorted().compactMap { securityGroups[$0].map(Entity.securityGroup) }
        }
    }

    /// Every object in no particular order: for bulk work where order does not matter.
    package var unorderedEntities: [Entity] {
        var result: [Entity] = []
        result.reserveCapacity(objectCount)
        result += vnets.values.map(Entity.vnet)
        result += clusters.values.map(Entity.cluster)
        result += services.values.map(Entity.service)
        result += peerings.values.map(Entity.peering)
        result += vpnGateways.values.map(Entity.vpnGateway)
        result += vpnConnections.values.map(Entity.vpnConnection)
        result += tunnels.values.map(Entity.tunnel)
        result += meshLinks.values.map(Entity.meshLink)
        result += ingresses.values.map(Entity.ingress)
        result += imports.values.map(Entity.import)
        result += routeTables.values.map(Entity.routeTable)
        result += firewalls.values.map(Entity.firewall)
        result += securityGroups.values.map(Entity.securityGroup)
        return result
    }
}

/// The difference between two snapshots: what a store must delete and write to go from one to the other.
package struct TopologyChange: Sendable, Equatable {
    /// Objects present before and absent after (in no particular order).
    package var removed: [EntityReference]
    /// Objects absent before and present after (in no particular order).
    package var created: [Entity]
    /// Objects present before and different after (in no particular order).
    package var updated: [Entity]

    /// Objects new or different after.
    package var written: [Entity] { created + updated }
    package var createdCount: Int { created.count }
    package var updatedCount: Int { updated.count }
    package var isEmpty: Bool { removed.isEmpty && created.isEmpty && updated.isEmpty }

    /// Compares two snapshots object by object.
    ///
    /// Order within the lists carries no meaning for the store (it checks foreign keys at commit), so
    /// the dictionaries are walked as they are: sorting a million keys would cost more than the writes.
    package init(from old: Topology, to new: Topology) {
        var removed: [EntityReference] = []
        var created: [Entity] = []
        var updated: [Entity] = []
        // Entities are large values: growing the array by doubling would copy a first apply's
        // whole estate several times over.
        if old.objectCount == 0 { created.reserveCapacity(new.objectCount) }
        func compare<Key, Value: Equatable>(_ before: [Key: Value], _ after: [Key: Value], _ reference: (Key) -> EntityReference, _ entity: (Value) -> Entity) {
            if before.isEmpty {  // a first apply: everything is new, no key needs looking up
                created.append(contentsOf: after.values.lazy.map(entity))
                return
            }
            for (key, value) in after {
                switch before[key] {
                case nil: created.append(entity(value))
                case .some(let previous) where previous != value: updated.append(entity(value))
                default: break
                }
            }
            for key in before.keys where after[key] == nil { removed.append(reference(key)) }
        }
        compare(old.vnets, new.vnets, EntityReference.vnet, Entity.vnet)
        compare(old.clusters, new.clusters, EntityReference.cluster, Entity.cluster)
        compare(old.services, new.services, EntityReference.service, Entity.service)
        compare(old.peerings, new.peerings, EntityReference.peering, Entity.peering)
        compare(old.vpnGateways, new.vpnGateways, EntityReference.vpnGateway, Entity.vpnGateway)
        compare(old.vpnConnections, new.vpnConnections, EntityReference.vpnConnection, Entity.vpnConnection)
        compare(old.tunnels, new.tunnels, EntityReference.tunnel, Entity.tunnel)
        compare(old.meshLinks, new.meshLinks, EntityReference.meshLink, Entity.meshLink)
        compare(old.ingresses, new.ingresses, EntityReference.ingress, Entity.ingress)
        compare(old.imports, new.imports, EntityReference.import, Entity.import)
        compare(old.routeTables, new.routeTables, EntityReference.routeTable, Entity.routeTable)
        compare(old.firewalls, new.firewalls, EntityReference.firewall, Entity.firewall)
        compare(old.securityGroups, new.securityGroups, EntityReference.securityGroup, Entity.securityGroup)
        self.removed = removed
        self.created = created
        self.updated = updated
    }
}
