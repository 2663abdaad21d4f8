import CrosslinkCore

extension Store {
    /// Writes a snapshot difference; call inside a write transaction, after validating the new snapshot.
    ///
    /// The snapshot was validated whole under the write lock, so every reference it writes resolves:
    /// SQLite does not check the schema's foreign keys again row by row (see `Store.init`), and an
    /// object's child rows are deleted here rather than by `ON DELETE CASCADE`. Removals run first,
    /// which keeps UNIQUE constraints happy when one object replaces another (a VNet's gateway renamed).
    func write(_ difference: TopologyChange) throws {
        for reference in difference.removed { try delete(reference) }
        let bulk = try BulkRowWriter(connection: connection)
        var byCluster = ClusterGroups()
        for entity in difference.created {
            if !byCluster.take(entity) { try save(entity, isNew: true, bulk: bulk) }
        }
        for cluster in Set(byCluster.services.keys).union(byCluster.imports.keys).sorted() {
            for service in byCluster.services.removeValue(forKey: cluster) ?? [] { try bulk.save(service, isNew: true) }
            for item in byCluster.imports.removeValue(forKey: cluster) ?? [] { try bulk.save(item) }
        }
        for entity in difference.updated { try save(entity, isNew: false, bulk: bulk) }
    }

    private func delete(_ reference: EntityReference) throws {
        switch reference {
        case .vnet(let name):
            try connection.run("DELETE FROM vnet_address_prefix WHERE vnet = ?", [name.sqlite])
            try connection.run("DELETE FROM vnet WHERE name = ?", [name.sqlite])
        case .cluster(let name):
            try connection.run("DELETE FROM cluster_isolated_namespace WHERE cluster = ?", [name.sqlite])
            try connection.run("DELETE FROM cluster_node_pool WHERE cluster = ?", [name.sqlite])
            try connection.run("DELETE FROM cluster WHERE name = ?", [name.sqlite])
        case .service(let id):
            try connection.run("DELETE FROM service_port WHERE cluster = ? AND namespace = ? AND service = ?", id.values)
            try connection.run("DELETE FROM service WHERE cluster = ? AND namespace = ? AND name = ?", id.values)
        case .peering(let pair):
            try connection.run("DELETE FROM peering WHERE vnet_a = ? AND vnet_b = ?", pair.values)
        case .vpnGateway(let name):
            try connection.run("DELETE FROM vpn_gateway WHERE name = ?", [name.sqlite])
        case .vpnConnection(let pair):
            try connection.run("DELETE FROM vpn_connection WHERE gateway_a = ? AND gateway_b = ?", pair.values)
        case .tunnel(let pair):
            try connection.run("DELETE FROM tunnel WHERE cluster_a = ? AND cluster_b = ?", pair.values)
        case .meshLink(let pair):
            try connection.run("DELETE FROM mesh_link WHERE cluster_a = ? AND cluster_b = ?", pair.values)
        case .ingress(let id):
            try connection.run("DELETE FROM ingress WHERE cluster = ? AND namespace = ? AND service = ? AND host = ?", id.service.values + [id.host.sqlite])
        case .routeTable(let name):
            try connection.run("DELETE FROM route_table_subnet WHERE route_table = ?", [name.sqlite])
            try connection.run("DELETE FROM route_table_route WHERE route_table = ?", [name.sqlite])
            try connection.run("DELETE FROM route_table WHERE name = ?", [name.sqlite])
        case .firewall(let name):
            try connection.run("DELETE FROM firewall_rule WHERE firewall = ?", [name.sqlite])
            try connection.run("DELETE FROM firewall WHERE name = ?", [name.sqlite])
        case .securityGroup(let name):
            try connection.run("DELETE FROM security_group_subnet WHERE security_group = ?", [name.sqlite])
            try connection.run("DELETE FROM security_group_rule WHERE security_group = ?", [name.sqlite])
            try connection.run("DELETE FROM security_group WHERE name = ?", [name.sqlite])
        case .import(let id):
            try connection.run(
                """
                DELETE FROM service_import WHERE consumer_cluster = ? AND consumer_namespace = ?
                AND service_cluster = ? AND service_namespace = ? AND service_name = ?
                """, id.values)
        }
    }

    /// Inserts or updates one object and its child rows; a new object has no child rows to clear.
    /// Services and imports, the bulk of an estate, go through `bulk`'s held statements.
    private func save(_ entity: Entity, isNew: Bool, bulk: BulkRowWriter) throws {
        switch entity {
        case .vnet(let vnet):
            try connection.run(
                """
                INSERT INTO vnet (name, region) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET region = excluded.region
                """, [vnet.name.sqlite, vnet.region.sqlite])
            try replaceChildren(
                "vnet_address_prefix", owner: "vnet", key: [vnet.name.sqlite], column: "cidr",
                values: vnet.addressSpace.map(\.description), isNew: isNew)
        case .cluster(let cluster):
            try connection.run(
                """
                INSERT INTO cluster (name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr,
                    cluster_domain, egress, globalnet_cidr, mesh_id, mesh_network, mesh_trust_root, mesh_east_west_gateway)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET vnet = excluded.vnet, region = excluded.region,
                    node_subnet = excluded.node_subnet, network_plugin = excluded.network_plugin,
                    pod_cidr = excluded.pod_cidr, service_cidr = excluded.service_cidr,
                    cluster_domain = excluded.cluster_domain, egress = excluded.egress,
                    globalnet_cidr = excluded.globalnet_cidr, mesh_id = excluded.mesh_id,
                    mesh_network = excluded.mesh_network, mesh_trust_root = excluded.mesh_trust_root,
                    mesh_east_west_gateway = excluded.mesh_east_west_gateway
                """,
                [
                    cluster.name.sqlite, cluster.vnet.sqlite, cluster.region.sqlite, cluster.nodeSubnet.description.sqlite,
                    cluster.networkPlugin.rawValue.sqlite, cluster.podCIDR.description.sqlite,
                    cluster.serviceCIDR.description.sqlite, cluster.clusterDomain.sqlite, cluster.egress.rawValue.sqlite,
                    cluster.globalnetCIDR?.description.sqlite ?? .null, cluster.mesh?.id.sqlite ?? .null,
                    cluster.mesh?.network.sqlite ?? .null, cluster.mesh?.trustRoot.sqlite ?? .null,
                    cluster.mesh?.eastWestGateway?.description.sqlite ?? .null,
                ])
            try replaceChildren(
                "cluster_isolated_namespace", owner: "cluster", key: [cluster.name.sqlite],
                column: "namespace", values: cluster.isolatedNamespaces, isNew: isNew)
            try replaceChildren(
                "cluster_node_pool", owner: "cluster", key: [cluster.name.sqlite],
                column: "name", values: cluster.nodePools, isNew: isNew)
        case .service(let service):
            try bulk.save(service, isNew: isNew)
        case .peering(let peering):
            try connection.run(
                """
                INSERT INTO peering (vnet_a, vnet_b, state, gateway_transit, allow_forwarded_traffic) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (vnet_a, vnet_b) DO UPDATE SET state = excluded.state, gateway_transit = excluded.gateway_transit,
                    allow_forwarded_traffic = excluded.allow_forwarded_traffic
                """,
                peering.vnets.values + [
                    peering.state.rawValue.sqlite, peering.gatewayTransit.sqlite, .integer(peering.allowForwardedTraffic ? 1 : 0),
                ])
        case .vpnGateway(let gateway):
            try connection.run(
                """
                INSERT INTO vpn_gateway (name, vnet, public_ip, bgp_asn, subnet) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET vnet = excluded.vnet, public_ip = excluded.public_ip, bgp_asn = excluded.bgp_asn,
                    subnet = excluded.subnet
                """,
                [
                    gateway.name.sqlite, gateway.vnet.sqlite, gateway.publicIP?.description.sqlite ?? .null,
                    gateway.bgpASN.map { .integer(Int64($0)) } ?? .null, gateway.subnet?.description.sqlite ?? .null,
                ])
        case .vpnConnection(let connection):
            try self.connection.run(
                """
                INSERT INTO vpn_connection (gateway_a, gateway_b, state, bgp) VALUES (?, ?, ?, ?)
                ON CONFLICT (gateway_a, gateway_b) DO UPDATE SET state = excluded.state, bgp = excluded.bgp
                """, connection.gateways.values + [connection.state.rawValue.sqlite, .integer(connection.bgp ? 1 : 0)])
        case .tunnel(let tunnel):
            try connection.run(
                """
                INSERT INTO tunnel (cluster_a, cluster_b, cable_driver, endpoint, state) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (cluster_a, cluster_b) DO UPDATE SET cable_driver = excluded.cable_driver,
                    endpoint = excluded.endpoint, state = excluded.state
                """,
                tunnel.clusters.values + [
                    tunnel.cableDriver.rawValue.sqlite, tunnel.endpoint.rawValue.sqlite,
                    tunnel.state.rawValue.sqlite,
                ])
        case .meshLink(let link):
            try connection.run("INSERT OR IGNORE INTO mesh_link (cluster_a, cluster_b) VALUES (?, ?)", link.clusters.values)
        case .ingress(let ingress):
            try connection.run(
                """
                INSERT INTO ingress (cluster, namespace, service, host, port, tls, visibility, address, class_name,
                    service_port_number, service_port_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (cluster, namespace, service, host) DO UPDATE SET port = excluded.port,
                    tls = excluded.tls, visibility = excluded.visibility, address = excluded.address,
                    class_name = excluded.class_name, service_port_number = excluded.service_port_number,
                    service_port_name = excluded.service_port_name
                """,
                ingress.service.values + [
                    ingress.host.sqlite, ingress.port.sqlite, .integer(ingress.tls ? 1 : 0),
                    ingress.visibility.rawValue.sqlite, ingress.address?.description.sqlite ?? .null,
                    ingress.className.sqlite, ingress.servicePortNumber?.sqlite ?? .null, ingress.servicePortName.sqlite,
                ])
        case .routeTable(let table):
            try save(table, isNew: isNew)
        case .firewall(let firewall):
            try save(firewall, isNew: isNew)
        case .securityGroup(let group):
            try save(group, isNew: isNew)
        case .import(let item):
            try bulk.save(item)
        }
    }

    /// Replaces an owner's ordered list stored in a child table.
    func replaceChildren(_ table: String, owner: String, key: [SQLiteValue], column: String, values: [String], isNew: Bool) throws {
        // Table and column names are constants of this file, never user input.
        if !isNew { try connection.run("DELETE FROM \(table) WHERE \(owner) = ?", key) }
        for (position, value) in values.enumerated() {
            try connection.run(
                "INSERT INTO \(table) (\(owner), position, \(column)) VALUES (?, ?, ?)",
                key + [position.sqlite, value.sqlite])
        }
    }
}

/// New services and imports grouped by cluster (the first column of their keys), written cluster by
/// cluster in name order: each cluster's rows then land in a few neighbouring B-tree pages, which
/// stay in cache, instead of all over tables larger than the cache. Grouping costs one hash per row,
/// much less than sorting every key (measured in docs/benchmarks.md). The groups hold the objects
/// themselves, read from the list of created objects in its order: picking them out of that list by
/// index in cluster order missed the cache on every row (docs/benchmarks.md, "Apply floor (issue 13,
/// fifth session)").
private struct ClusterGroups {
    var services: [String: [Service]] = [:]
    var imports: [String: [ServiceImport]] = [:]

    /// Adds a new service or import to its cluster's group; false for any other object.
    mutating func take(_ entity: Entity) -> Bool {
        switch entity {
        case .service(let service): services[service.id.cluster, default: []].append(service)
        case .import(let item): imports[item.id.consumer.cluster, default: []].append(item)
        default: return false
        }
        return true
    }
}

extension ServiceID {
    var values: [SQLiteValue] { [cluster.sqlite, namespace.sqlite, name.sqlite] }
}

extension Ingress {
    /// The backend port as the two columns that store it.
    var servicePortNumber: Int? {
        if case .number(let number) = servicePort { return number }
        return nil
    }

    var servicePortName: String? {
        if case .name(let name) = servicePort { return name }
        return nil
    }
}

extension UnorderedPair {
    var values: [SQLiteValue] { [first.sqlite, second.sqlite] }
}

extension ImportID {
    var values: [SQLiteValue] { [consumer.cluster.sqlite, (consumer.namespace ?? "").sqlite] + service.values }
}
