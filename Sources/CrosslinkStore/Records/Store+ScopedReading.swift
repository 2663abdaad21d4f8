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
            let prefixes = try connection.query("SELECT cidr FROM vnet_address_prefix WHERE vnet = ? ORDER BY position", [name.sqlite]) {
                try scopedCIDR($0.text(0), "vnet address prefix")
            }
            return try connection.query("SELECT region FROM vnet WHERE name = ?", [name.sqlite]) {
                .vnet(VNet(name: name, region: $0.text(0) ?? "", addressSpace: prefixes))
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
            return try connection.query("SELECT state, bgp FROM vpn_connection WHERE gateway_a = ? AND gateway_b = ?", pair.values) {
                .vpnConnection(VPNConnection(gateways: pair, state: try scopedClosed($0.text(0), "vpn connection state"), bgp: $0.integer(1) == 1))
            }
        case .tunnel(let pair):
            return try connection.query("SELECT cable_driver, endpoint, state FROM tunnel WHERE cluster_a = ? AND cluster_b = ?", pair.values) {
                .tunnel(
                    Tunnel(
                        clusters: pair, cableDriver: try scopedClosed($0.text(0), "cable driver"),
                        endpoint: try scopedClosed($0.text(1), "tunnel endpoint"), state: try scopedClosed($0.text(2), "tunnel state")))
            }
        case .meshLink(let pair):
            return try connection.query("SELECT 1 FROM mesh_link WHERE cluster_a = ? AND cluster_b = ?", pair.values) { _ in
                .meshLink(MeshLink(clusters: pair))
            }
        case .trafficControls:
            var controls = Topology()
            try loadTrafficControls(into: &controls)
            return controls.unorderedEntities
        }
    }

    // The readers below decode rows as `topologyInTransaction` does, for a WHERE clause built here
    // from constants (values are always bound).

    func clusters(where condition: String, _ values: [SQLiteValue]) throws -> [Cluster] {
        try connection.query(
            """
            SELECT name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain,
                   egress, globalnet_cidr, mesh_id, mesh_network, mesh_trust_root, mesh_east_west_gateway
            FROM cluster WHERE \(condition)
            """, values
        ) { row -> Cluster in
            let name = row.text(0) ?? ""
            var mesh: MeshMembership?
            if let id = row.text(10) {
                mesh = MeshMembership(
                    id: id, network: row.text(11) ?? "", trustRoot: row.text(12) ?? "",
                    eastWestGateway: try row.text(13).map { try scopedAddress($0, "east-west gateway") })
            }
            return Cluster(
                name: name, vnet: row.text(1) ?? "", region: row.text(2) ?? "",
                nodeSubnet: try scopedCIDR(row.text(3), "node subnet"),
                networkPlugin: try scopedClosed(row.text(4), "network plugin"),
                podCIDR: try scopedCIDR(row.text(5), "pod CIDR"), serviceCIDR: try scopedCIDR(row.text(6), "service CIDR"),
                clusterDomain: row.text(7), egress: try scopedClosed(row.text(8), "egress"),
                globalnetCIDR: try row.text(9).map { try scopedCIDR($0, "globalnet CIDR") }, mesh: mesh)
        }.map { cluster in
            var cluster = cluster
            cluster.isolatedNamespaces = try connection.query(
                "SELECT namespace FROM cluster_isolated_namespace WHERE cluster = ? ORDER BY position", [cluster.name.sqlite]
            ) { $0.text(0) ?? "" }
            cluster.nodePools = try connection.query("SELECT name FROM cluster_node_pool WHERE cluster = ? ORDER BY position", [cluster.name.sqlite]) {
                $0.text(0) ?? ""
            }
            return cluster
        }
    }

    func services(where condition: String, _ values: [SQLiteValue]) throws -> [Service] {
        try connection.query(
            "SELECT cluster, namespace, name, exposure, load_balancer_ip, external_traffic_policy FROM service WHERE \(condition)", values
        ) { row in
            let id = ServiceID(cluster: row.text(0) ?? "", namespace: row.text(1) ?? "", name: row.text(2) ?? "")
            return Service(
                id: id, ports: [], exposure: try scopedClosed(row.text(3), "exposure"),
                loadBalancerIP: try row.text(4).map { try scopedAddress($0, "load balancer IP") },
                externalTrafficPolicy: try scopedClosed(row.text(5), "external traffic policy"))
        }.map { service in
            var service = service
            service.ports = try connection.query(
                """
                SELECT name, port, target_port, protocol, app_protocol FROM service_port
                WHERE cluster = ? AND namespace = ? AND service = ? ORDER BY position
                """, service.id.values
            ) { row in
                ServicePort(
                    name: row.text(0), port: Int(row.integer(1) ?? 0), targetPort: Int(row.integer(2) ?? 0),
                    protocol: try scopedClosed(row.text(3), "port protocol"), appProtocol: row.text(4))
            }
            return service
        }
    }

    private func ingresses(where condition: String, _ values: [SQLiteValue]) throws -> [Ingress] {
        try connection.query(
            """
            SELECT cluster, namespace, service, host, port, tls, visibility, address, class_name,
                service_port_number, service_port_name FROM ingress WHERE \(condition)
            """, values
        ) { row in
            Ingress(
                service: ServiceID(cluster: row.text(0) ?? "", namespace: row.text(1) ?? "", name: row.text(2) ?? ""),
                host: row.text(3) ?? "", port: Int(row.integer(4) ?? 0), tls: row.integer(5) == 1,
                visibility: try scopedClosed(row.text(6), "ingress visibility"),
                address: try row.text(7).map { try scopedAddress($0, "ingress address") }, className: row.text(8),
                servicePort: row.integer(9).map { .number(Int($0)) } ?? row.text(10).map { .name($0) })
        }
    }

    func imports(where condition: String, _ values: [SQLiteValue]) throws -> [ServiceImport] {
        try connection.query(
            """
            SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, port, via
            FROM service_import WHERE \(condition)
            """, values
        ) { try $0.serviceImport() }
    }

    private func peerings(where condition: String, _ values: [SQLiteValue]) throws -> [Peering] {
        try connection.query("SELECT vnet_a, vnet_b, state, gateway_transit, allow_forwarded_traffic FROM peering WHERE \(condition)", values) { row in
            Peering(
                vnets: UnorderedPair(row.text(0) ?? "", row.text(1) ?? ""), state: try scopedClosed(row.text(2), "peering state"),
                gatewayTransit: row.text(3), allowForwardedTraffic: row.integer(4) == 1)
        }
    }

    private func vpnGateways(where condition: String, _ values: [SQLiteValue]) throws -> [VPNGateway] {
        try connection.query("SELECT name, vnet, public_ip, bgp_asn, subnet FROM vpn_gateway WHERE \(condition)", values) { row in
            VPNGateway(
                name: row.text(0) ?? "", vnet: row.text(1) ?? "",
                publicIP: try row.text(2).map { try scopedAddress($0, "public IP") }, bgpASN: row.integer(3).map { UInt32(truncatingIfNeeded: $0) },
                subnet: try row.text(4).map { try scopedCIDR($0, "gateway subnet") })
        }
    }
}

func scopedCIDR(_ text: String?, _ field: String) throws -> CIDR {
    do { return try CIDR.parse(text ?? "", field: field) } catch { throw StoreError.corrupt("\(error)") }
}

func scopedAddress(_ text: String, _ field: String) throws -> IPv4Address {
    do { return try IPv4Address.parse(text, field: field) } catch { throw StoreError.corrupt("\(error)") }
}

func scopedClosed<T: ClosedValue>(_ text: String?, _ field: String) throws -> T {
    do { return try T.parse(text ?? "", field: field) } catch { throw StoreError.corrupt("\(error)") }
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
