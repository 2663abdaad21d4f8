import CrosslinkCore

/// One targeted read of a scoped snapshot: an object by its key, or the rows around one through an
/// index (the objects naming a service, the peerings of a VNet, …). See `Store.update(touching:_:)`.
enum ScopedLoad: Hashable {
    case vnet(String)
    case cluster(String)
    /// The service with its ports.
    case service(ServiceID)
    /// The ingresses and imports that name the service (`Topology.referrers(of: .service)`).
    case serviceReferrers(ServiceID)
    case ingress(IngressID)
    case `import`(ImportID)
    case peering(UnorderedPair)
    /// Every peering with this VNet at one end (the one-remote-gateway rule reads them).
    case peeringsOf(String)
    case vpnGateway(String)
    /// The VPN gateway of a VNet, if any (Azure allows one).
    case vpnGatewayIn(String)
    case vpnConnection(UnorderedPair)
    case tunnel(UnorderedPair)
    case meshLink(UnorderedPair)
    /// The imports from either cluster of the pair to a service of the other.
    case importsBetween(UnorderedPair)
    /// Every route table, firewall and security group (few, and read by the §8 rules as a whole).
    case trafficControls
}

extension ScopedLoad {
    /// What a write of `reference` must read beyond the object itself so that validating the scoped
    /// snapshot refuses exactly what validating the whole estate would, and the route impact is the
    /// same: the objects whose validity reads it, and the imports whose answers may move.
    /// nil for kinds whose invariants or route impact reach across the estate (VNets, clusters,
    /// gateways and connections, tunnels, traffic controls): those writes validate the whole estate.
    static func subject(_ reference: EntityReference) -> [ScopedLoad]? {
        switch reference {
        case .service(let id):
            // Ingresses name a port of the service and imports may name one (ports can change).
            [.service(id), .serviceReferrers(id)]
        case .ingress(let id):
            // The service's other ingresses resolve `ingress set SERVICE` without --host; its
            // imports are the answers an ingress can move.
            [.ingress(id), .service(id.service), .serviceReferrers(id.service)]
        case .import(let id): [.import(id)]
        case .peering(let pair):
            // A VNet may use a remote gateway on one peering only: every peering of both ends.
            [.peering(pair), .peeringsOf(pair.first), .peeringsOf(pair.second)]
        case .meshLink(let pair): [.meshLink(pair), .importsBetween(pair)]
        case .vnet, .cluster, .vpnGateway, .vpnConnection, .tunnel, .routeTable, .firewall, .securityGroup: nil
        }
    }

    /// What validating `entity` reads by reference: every object it names must be in the snapshot,
    /// or the scoped check would report it missing. Applied to every loaded object, this keeps a
    /// scoped snapshot closed, so the whole-estate rules hold on it unchanged.
    static func references(of entity: Entity) -> [ScopedLoad] {
        switch entity {
        case .vnet: []
        case .cluster(let cluster): [.vnet(cluster.vnet)]
        case .service(let service): [.cluster(service.id.cluster)]
        case .ingress(let ingress): [.service(ingress.service)]
        case .import(let item): [.cluster(item.id.consumer.cluster), .service(item.id.service)]
        case .peering(let peering):
            // A peering's gateway transit is checked against the gateways of both ends.
            [.vnet(peering.vnets.first), .vnet(peering.vnets.second), .vpnGatewayIn(peering.vnets.first), .vpnGatewayIn(peering.vnets.second)]
        case .vpnGateway(let gateway): [.vnet(gateway.vnet)]
        case .vpnConnection(let connection): [.vpnGateway(connection.gateways.first), .vpnGateway(connection.gateways.second)]
        case .tunnel(let tunnel): [.cluster(tunnel.clusters.first), .cluster(tunnel.clusters.second)]
        case .meshLink(let link): [.cluster(link.clusters.first), .cluster(link.clusters.second)]
        case .routeTable(let table): [.vnet(table.vnet)]
        case .firewall(let firewall): [.vnet(firewall.vnet)]
        case .securityGroup(let group): [.vnet(group.vnet)]
        }
    }
}

extension Store {
    /// Runs `loads` and, transitively, the references of every object they bring in (see
    /// `ScopedLoad.references(of:)`), skipping what `done` already holds. Call inside a transaction.
    func load(_ loads: [ScopedLoad], into topology: inout Topology, done: inout Set<ScopedLoad>) throws {
        var pending = loads
        while let next = pending.popLast() {
            guard done.insert(next).inserted else { continue }
            for entity in try fetch(next) where !topology.contains(entity.reference) {
                topology.upsert(entity)
                pending += ScopedLoad.references(of: entity).filter { !done.contains($0) }
            }
        }
    }

    /// One targeted read; every query goes through a primary key or an index.
    func fetch(_ load: ScopedLoad) throws -> [Entity] {
        switch load {
        case .vnet(let name):
            let prefixes = try connection.rows(VNetAddressPrefixRow.self, " WHERE vnet = ? ORDER BY position", [name.sqlite]).map(\.cidr)
            return try connection.rows(VNetRow.self, " WHERE name = ?", [name.sqlite]).map { row in
                var vnet = row.vnet
                vnet.addressSpace = prefixes
                return .vnet(vnet)
            }
        case .cluster(let name):
            return try clusters(where: "name = ?", [name.sqlite]).map(Entity.cluster)
        case .service(let id):
            return try services(where: "cluster = ? AND namespace = ? AND name = ?", id.values).map(Entity.service)
        case .serviceReferrers(let id):
            let ingresses = try ingresses(where: "cluster = ? AND namespace = ? AND service = ?", id.values).map(Entity.ingress)
            return try ingresses + imports(where: "service_cluster = ? AND service_namespace = ? AND service_name = ?", id.values).map(Entity.import)
        case .ingress(let id):
            return try ingresses(where: "cluster = ? AND namespace = ? AND service = ? AND host = ?", id.service.values + [id.host.sqlite])
                .map(Entity.ingress)
        case .import(let id):
            return try imports(
                where: "consumer_cluster = ? AND consumer_namespace = ? AND service_cluster = ? AND service_namespace = ? AND service_name = ?",
                id.values
            ).map(Entity.import)
        case .importsBetween(let pair):
            return try [(pair.first, pair.second), (pair.second, pair.first)].flatMap { consumer, owner in
                try imports(where: "consumer_cluster = ? AND service_cluster = ?", [consumer.sqlite, owner.sqlite]).map(Entity.import)
            }
        case .peering(let pair):
            return try peerings(where: "vnet_a = ? AND vnet_b = ?", pair.values).map(Entity.peering)
        case .peeringsOf(let vnet):
            // Two queries, one per index, rather than an OR that may scan.
            return try (peerings(where: "vnet_a = ?", [vnet.sqlite]) + peerings(where: "vnet_b = ?", [vnet.sqlite])).map(Entity.peering)
        case .vpnGateway(let name):
            return try vpnGateways(where: "name = ?", [name.sqlite]).map(Entity.vpnGateway)
        case .vpnGatewayIn(let vnet):
            return try vpnGateways(where: "vnet = ?", [vnet.sqlite]).map(Entity.vpnGateway)
        case .vpnConnection(let pair):
            return try connection.rows(VPNConnectionRow.self, " WHERE gateway_a = ? AND gateway_b = ?", pair.values).map { .vpnConnection($0.connection) }
        case .tunnel(let pair):
            return try connection.rows(TunnelRow.self, " WHERE cluster_a = ? AND cluster_b = ?", pair.values).map { .tunnel($0.tunnel) }
        case .meshLink(let pair):
            return try connection.rows(MeshLinkRow.self, " WHERE cluster_a = ? AND cluster_b = ?", pair.values).map { .meshLink($0.link) }
        case .trafficControls:
            var controls = Topology()
            try loadTrafficControls(into: &controls)
            return controls.unorderedEntities
        }
    }

    // The readers below decode rows with the table's record, as `topologyInTransaction` does, for a
    // WHERE clause built here from constants (values are always bound).

    func clusters(where condition: String, _ values: [SQLiteValue]) throws -> [Cluster] {
        try connection.rows(ClusterRow.self, " WHERE \(condition)", values).map { row in
            var cluster = row.cluster
            let key = [cluster.name.sqlite]
            cluster.isolatedNamespaces = try connection.rows(ClusterIsolatedNamespaceRow.self, " WHERE cluster = ? ORDER BY position", key).map(\.namespace)
            cluster.nodePools = try connection.rows(ClusterNodePoolRow.self, " WHERE cluster = ? ORDER BY position", key).map(\.name)
            return cluster
        }
    }

    func services(where condition: String, _ values: [SQLiteValue]) throws -> [Service] {
        try connection.rows(ServiceRow.self, " WHERE \(condition)", values).map { row in
            var service = row.service
            service.ports = try connection.rows(
                ServicePortRow.self, " WHERE cluster = ? AND namespace = ? AND service = ? ORDER BY position", service.id.values
            ).map(\.port)
            return service
        }
    }

    private func ingresses(where condition: String, _ values: [SQLiteValue]) throws -> [Ingress] {
        try connection.rows(IngressRow.self, " WHERE \(condition)", values).map(\.ingress)
    }

    func imports(where condition: String, _ values: [SQLiteValue]) throws -> [ServiceImport] {
        try connection.rows(ServiceImportRow.self, " WHERE \(condition)", values).map(\.item)
    }

    private func peerings(where condition: String, _ values: [SQLiteValue]) throws -> [Peering] {
        try connection.rows(PeeringRow.self, " WHERE \(condition)", values).map(\.peering)
    }

    private func vpnGateways(where condition: String, _ values: [SQLiteValue]) throws -> [VPNGateway] {
        try connection.rows(VPNGatewayRow.self, " WHERE \(condition)", values).map(\.gateway)
    }
}

extension Store {
    /// The one object `reference` points at, read by its key (`<kind> show`); nil when it does not exist.
    package func loadEntity(_ reference: EntityReference) throws -> Entity? {
        let load: ScopedLoad
        switch reference {
        case .vnet(let name): load = .vnet(name)
        case .cluster(let name): load = .cluster(name)
        case .service(let id): load = .service(id)
        case .ingress(let id): load = .ingress(id)
        case .import(let id): load = .import(id)
        case .peering(let pair): load = .peering(pair)
        case .vpnGateway(let name): load = .vpnGateway(name)
        case .vpnConnection(let pair): load = .vpnConnection(pair)
        case .tunnel(let pair): load = .tunnel(pair)
        case .meshLink(let pair): load = .meshLink(pair)
        case .routeTable, .firewall, .securityGroup:
            return try loadTopology(scope: .entity(reference))[reference]
        }
        return try read { try $0.fetch(load).first }
    }

    /// The scoped snapshot a write of `reference` would validate (see `ScopedLoad.subject(_:)`), or
    /// the whole estate for kinds without one.
    package func loadTopology(touching reference: EntityReference) throws -> Topology {
        guard let loads = ScopedLoad.subject(reference) else { return try loadTopology() }
        return try read { store in
            var topology = Topology()
            var done: Set<ScopedLoad> = []
            try store.load(loads, into: &topology, done: &done)
            return topology
        }
    }
}
