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
    /// The clusters of a VNet (the kubenet node-subnet rule and the address warnings read them).
    case clustersIn(String)
    /// The objects that name this one, and transitively theirs: what `remove` lists or `--cascade`
    /// deletes, and, for a cluster, the imports whose answers read it.
    case referrers(EntityReference)
    /// Every tunnel of the ClusterSets of these clusters (sorted), and every import between two of
    /// their members: what a tunnel answer reads (§7.5, §7.6) and the route impact marks.
    case tunnelSets([String])
    /// Every VPN connection of the islands of these gateways (sorted), the gateways, and the peerings
    /// that borrow one of them: what `RouteImpact.vnetsBehind` reads.
    case gatewayIslands([String])
    /// The VNets with a prefix overlapping this one (the address warnings name the first).
    case vnetsOverlapping(CIDR)
}

extension ScopedLoad {
    /// What a write of `reference` must read beyond the object itself so that validating the scoped
    /// snapshot refuses exactly what validating the whole estate would, and the route impact is the
    /// same: the objects whose validity reads it, and the imports whose answers may move. What the
    /// rules read of the object's new fields (its VNet's other clusters, ...) is `invariants(of:)`.
    static func subject(_ reference: EntityReference) -> [ScopedLoad] {
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
        case .vnet(let name):
            // Its clusters, peerings, gateway and traffic controls check themselves against its
            // address space; a VNet change moves every answer (`RouteImpact.everything`).
            [.vnet(name), .referrers(reference)]
        case .cluster(let name):
            // Its services and imports, and those of its ClusterSet, are the answers it moves.
            [.cluster(name), .referrers(reference), .tunnelSets([name])]
        case .vpnGateway(let name): [.vpnGateway(name), .referrers(reference), .gatewayIslands([name])]
        case .vpnConnection(let pair): [.vpnConnection(pair), .gatewayIslands([pair.first, pair.second])]
        case .tunnel(let pair): [.tunnel(pair), .tunnelSets([pair.first, pair.second])]
        case .routeTable, .firewall, .securityGroup:
            // Unique firewall addresses and one table or group per subnet compare them all; any
            // change to one moves every answer.
            [.trafficControls]
        }
    }

    /// What the rules read of a written object's fields, beyond its references: the other clusters
    /// of a cluster's VNet (kubenet node subnets, §7.11, and the address warnings), the gateway and
    /// peerings of a gateway's VNet (one gateway per VNet, gateway transit), the VNets overlapping
    /// a VNet's prefixes (the address warnings).
    static func invariants(of entity: Entity) -> [ScopedLoad] {
        switch entity {
        case .cluster(let cluster): [.clustersIn(cluster.vnet)]
        case .vpnGateway(let gateway): [.vpnGatewayIn(gateway.vnet), .peeringsOf(gateway.vnet)]
        case .vnet(let vnet): vnet.addressSpace.map(ScopedLoad.vnetsOverlapping)
        default: []
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
            for entity in try fetch(next) {
                // A referrer's own referrers are part of the cascade, even when already loaded.
                if case .referrers = next, !done.contains(.referrers(entity.reference)) { pending.append(.referrers(entity.reference)) }
                guard !topology.contains(entity.reference) else { continue }
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
            return try ingresses + imports(servedFrom: id.cluster, service: id).map(Entity.import)
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
        case .clustersIn(let vnet):
            return try clusters(where: "vnet = ?", [vnet.sqlite]).map(Entity.cluster)
        case .referrers(let reference):
            return try referrers(of: reference)
        case .tunnelSets(let seeds):
            return try tunnelSets(of: seeds)
        case .gatewayIslands(let seeds):
            return try gatewayIslands(of: seeds)
        case .vnetsOverlapping(let prefix):
            return try vnets(overlapping: prefix)
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

    func ingresses(where condition: String, _ values: [SQLiteValue]) throws -> [Ingress] {
        try connection.rows(IngressRow.self, " WHERE \(condition)", values).map(\.ingress)
    }

    func imports(where condition: String, _ values: [SQLiteValue]) throws -> [ServiceImport] {
        try connection.rows(ServiceImportRow.self, " WHERE \(condition)", values).map(\.item)
    }

    func peerings(where condition: String, _ values: [SQLiteValue]) throws -> [Peering] {
        try connection.rows(PeeringRow.self, " WHERE \(condition)", values).map(\.peering)
    }

    func vpnGateways(where condition: String, _ values: [SQLiteValue]) throws -> [VPNGateway] {
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

    /// The scoped snapshot a write of `reference` would validate (see `ScopedLoad.subject(_:)`).
    package func loadTopology(touching reference: EntityReference) throws -> Topology {
        let loads = ScopedLoad.subject(reference)
        return try read { store in
            var topology = Topology()
            var done: Set<ScopedLoad> = []
            try store.load(loads, into: &topology, done: &done)
            return topology
        }
    }
}
