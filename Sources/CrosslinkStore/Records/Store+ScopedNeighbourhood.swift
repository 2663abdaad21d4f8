import CrosslinkCore

/// The reads of a scoped snapshot that gather a neighbourhood rather than one object: referrers,
/// ClusterSets, gateway islands, overlapping VNets (see `ScopedLoad`). Every query goes through a
/// primary key or an index.
extension Store {
    /// The objects that name `reference` directly (`Topology.referrers(of:)`); `load` follows them.
    func referrers(of reference: EntityReference) throws -> [Entity] {
        switch reference {
        case .vnet(let name):
            var controls = Topology()
            try loadTrafficControls(into: &controls, vnets: [name])
            return try clusters(where: "vnet = ?", [name.sqlite]).map(Entity.cluster) + fetch(.peeringsOf(name)) + fetch(.vpnGatewayIn(name))
                + controls.unorderedEntities
        case .cluster(let name):
            let owned = try services(where: "cluster = ?", [name.sqlite]).map(Entity.service)
            let links = try tunnels(of: name).map(Entity.tunnel) + meshLinks(of: name).map(Entity.meshLink)
            return try owned + links + imports(where: "consumer_cluster = ?", [name.sqlite]).map(Entity.import)
        case .service(let id):
            return try fetch(.serviceReferrers(id))
        case .vpnGateway(let name):
            let connections = try vpnConnections(of: name).map(Entity.vpnConnection)
            let vnets = try connection.query("SELECT vnet FROM vpn_gateway WHERE name = ?", [name.sqlite]) { try $0.requiredText(0) }
            let borrowers = try vnets.flatMap { vnet in
                try fetch(.peeringsOf(vnet)).filter { if case .peering(let peering) = $0 { peering.gatewayTransit == vnet } else { false } }
            }
            return connections + borrowers
        case .peering, .vpnConnection, .tunnel, .meshLink, .ingress, .import, .routeTable, .firewall, .securityGroup:
            return []
        }
    }

    /// The tunnels of every ClusterSet with a member in `seeds`, and the imports between two members.
    func tunnelSets(of seeds: [String]) throws -> [Entity] {
        var members = Set(seeds)
        var pending = seeds
        var found: [UnorderedPair: Tunnel] = [:]
        while let next = pending.popLast() {
            for tunnel in try tunnels(of: next) {
                found[tunnel.clusters] = tunnel
                let other = tunnel.clusters.other(than: next)
                if members.insert(other).inserted { pending.append(other) }
            }
        }
        var between: [Entity] = []
        for member in members.sorted() {
            between += try imports(where: "consumer_cluster = ?", [member.sqlite]).filter { members.contains($0.id.service.cluster) }.map(Entity.import)
        }
        return found.values.map(Entity.tunnel) + between
    }

    /// The VPN connections of every island with a gateway in `seeds`, its gateways, and the peerings
    /// that borrow a gateway of the island (gateway transit through its VNet).
    func gatewayIslands(of seeds: [String]) throws -> [Entity] {
        var island = Set(seeds)
        var pending = seeds
        var connections: [UnorderedPair: VPNConnection] = [:]
        while let next = pending.popLast() {
            for item in try vpnConnections(of: next) {
                connections[item.gateways] = item
                let other = item.gateways.other(than: next)
                if island.insert(other).inserted { pending.append(other) }
            }
        }
        var result = connections.values.map(Entity.vpnConnection)
        for name in island.sorted() {
            for gateway in try vpnGateways(where: "name = ?", [name.sqlite]) {
                result.append(.vpnGateway(gateway))
                result += try peerings(where: "vnet_a = ?", [gateway.vnet.sqlite]).filter { $0.gatewayTransit == gateway.vnet }.map(Entity.peering)
                result += try peerings(where: "vnet_b = ?", [gateway.vnet.sqlite]).filter { $0.gatewayTransit == gateway.vnet }.map(Entity.peering)
            }
        }
        return result
    }

    /// The VNets with a prefix overlapping `prefix`: those holding a prefix around it (found by text,
    /// one lookup per enclosing length) and those holding one inside it (a range of first addresses,
    /// migration 0013).
    func vnets(overlapping prefix: CIDR) throws -> [Entity] {
        let around = SQLiteList((0...prefix.prefixLength).map { CIDR(containing: prefix.network, prefixLength: $0).description })
        var names = Set(try connection.query("SELECT vnet FROM vnet_address_prefix WHERE cidr IN \(around.sql)", around.values) { try $0.requiredText(0) })
        names.formUnion(
            try connection.query(
                "SELECT vnet FROM vnet_address_prefix WHERE first_address BETWEEN ? AND ?",
                [.integer(Int64(prefix.network.value)), .integer(Int64(prefix.broadcast.value))]
            ) { try $0.requiredText(0) })
        return try names.sorted().flatMap { try fetch(.vnet($0)) }
    }

    // Two queries, one per index (the primary key's first column, the index on the second), rather
    // than an OR that may scan.

    private func tunnels(of cluster: String) throws -> [Tunnel] {
        try ["cluster_a", "cluster_b"].flatMap { try connection.rows(TunnelRow.self, " WHERE \($0) = ?", [cluster.sqlite]).map(\.tunnel) }
    }

    private func meshLinks(of cluster: String) throws -> [MeshLink] {
        try ["cluster_a", "cluster_b"].flatMap { try connection.rows(MeshLinkRow.self, " WHERE \($0) = ?", [cluster.sqlite]).map(\.link) }
    }

    private func vpnConnections(of gateway: String) throws -> [VPNConnection] {
        try ["gateway_a", "gateway_b"].flatMap { try connection.rows(VPNConnectionRow.self, " WHERE \($0) = ?", [gateway.sqlite]).map(\.connection) }
    }
}

extension Store {
    /// The imports of services of `cluster` (of the one service `service`, when given), without a scan
    /// of `service_import`: it has no index by service (migration 0007 dropped it; at a million
    /// imports a second B-tree in service order made `apply` four times slower). When no full
    /// reconcile is due, every import has a stored answer or is marked dirty (the incremental
    /// reconcile and `routes` rely on the same), so the answers' index by service cluster and the
    /// dirty marks name them all, and each is read by its key; otherwise the table is scanned.
    func imports(servedFrom cluster: String, service: ServiceID? = nil) throws -> [ServiceImport] {
        let condition = service == nil ? "service_cluster = ?" : "service_cluster = ? AND service_namespace = ? AND service_name = ?"
        let values = service?.values ?? [cluster.sqlite]
        guard try !fullPassNeeded() else { return try imports(where: condition, values) }
        let key = "consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name"
        return try connection.rows(
            ServiceImportRow.self,
            " JOIN (SELECT \(key) FROM route WHERE \(condition) UNION SELECT \(key) FROM dirty_import WHERE \(condition)) AS k USING (\(key))",
            values + values
        ).map(\.item)
    }
}
