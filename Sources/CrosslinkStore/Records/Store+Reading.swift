import CrosslinkCore

/// Which part of the estate to load. Routing one pair needs the whole underlay (VNets, peerings,
/// gateways) but only two clusters and one service: loading just that keeps `route check` fast at
/// any estate size.
package struct TopologyScope: Sendable {
    /// Clusters to load with their tunnels, mesh links and services; nil for every cluster.
    package var clusters: [String]?
    /// The one service to load (with its ingress); nil for every service of the loaded clusters.
    package var service: ServiceID?
    package var includesImports: Bool
    /// Load only the imports recorded as dirty (for an incremental reconcile).
    var onlyDirtyImports = false
    /// Whether services, their ports and ingresses are loaded (`cluster list` needs none of them).
    var includesServices = true

    package static let everything = TopologyScope(clusters: nil, service: nil, includesImports: true)

    /// What routing `consumer` to `service` reads.
    package static func routing(consumer: String, service: ServiceID) -> TopologyScope {
        TopologyScope(clusters: Array(Set([consumer, service.cluster])).sorted(), service: service, includesImports: false)
    }

    /// What answering `imports` reads: the underlay, their clusters (with all their services), and
    /// the dirty imports themselves.
    static func imports(_ imports: Set<ImportID>) -> TopologyScope {
        let clusters = Set(imports.flatMap { [$0.consumer.cluster, $0.service.cluster] })
        // Beyond SQLite's bound-parameter limit a full load is simpler and not much slower.
        return TopologyScope(
            clusters: clusters.count > 4_000 ? nil : clusters.sorted(), service: nil,
            includesImports: true, onlyDirtyImports: true)
    }

    /// `WHERE …` for a table whose rows belong to a cluster in column `column`, with its values.
    func clusterFilter(_ column: String) -> (sql: String, values: [SQLiteValue]) {
        guard let clusters else { return ("", []) }
        let marks = Array(repeating: "?", count: clusters.count).joined(separator: ", ")
        return (" WHERE \(column) IN (\(marks))", clusters.map(\.sqlite))
    }

    /// `WHERE …` for tables keyed by a cluster pair: both ends among the loaded clusters.
    func pairFilter() -> (sql: String, values: [SQLiteValue]) {
        guard let clusters else { return ("", []) }
        let marks = Array(repeating: "?", count: clusters.count).joined(separator: ", ")
        return (" WHERE cluster_a IN (\(marks)) AND cluster_b IN (\(marks))", (clusters + clusters).map(\.sqlite))
    }

    /// `WHERE …` for tables keyed by (cluster, namespace, service).
    func serviceFilter(cluster: String, namespace: String, name: String) -> (sql: String, values: [SQLiteValue]) {
        if !includesServices { return (" WHERE 0", []) }
        if let service {
            return (" WHERE \(cluster) = ? AND \(namespace) = ? AND \(name) = ?", service.values)
        }
        return clusterFilter(cluster)
    }
}

extension Store {
    /// `scope` widened to every member of its clusters' ClusterSets (spec §7.5, §7.6): a tunnel
    /// answer depends on the ranges and Globalnet settings of every cluster joined to its two by
    /// tunnels, whatever their state. Follows the tunnels from the scope's clusters through the
    /// tunnel table's indexes, one query per step outwards, instead of reading all of them.
    func withClusterSets(_ scope: TopologyScope) throws -> TopologyScope {
        guard let clusters = scope.clusters else { return scope }
        var members = Set(clusters)
        var pending = clusters
        while !pending.isEmpty, members.count <= 4_000 {
            let marks = Array(repeating: "?", count: pending.count).joined(separator: ", ")
            let ends = try connection.query(
                "SELECT cluster_a, cluster_b FROM tunnel WHERE cluster_a IN (\(marks)) OR cluster_b IN (\(marks))", (pending + pending).map(\.sqlite),
                { [try $0.requiredText(0), try $0.requiredText(1)] })
            pending = ends.joined().filter { members.insert($0).inserted }
        }
        guard members.count > clusters.count else { return scope }
        var widened = scope
        // Beyond SQLite's bound-parameter limit a full load is simpler and not much slower.
        widened.clusters = members.count > 4_000 ? nil : members.sorted()
        return widened
    }

    /// Loads one part of the estate in one read transaction (see `TopologyScope`).
    package func loadTopology(scope: TopologyScope) throws -> Topology {
        try read { try $0.topologyInTransaction(scope: scope) }
    }

    /// Reads the tables into a snapshot; call inside a transaction.
    func topologyInTransaction(scope: TopologyScope = .everything) throws -> Topology {
        var topology = Topology()
        let scope = try withClusterSets(scope)
        let byCluster = scope.clusterFilter("cluster")
        let isolated = try grouped("SELECT cluster, namespace FROM cluster_isolated_namespace\(byCluster.sql) ORDER BY cluster, position", byCluster.values) {
            (try $0.requiredText(0), try $0.requiredText(1))
        }
        let pools = try grouped("SELECT cluster, name FROM cluster_node_pool\(byCluster.sql) ORDER BY cluster, position", byCluster.values) {
            (try $0.requiredText(0), try $0.requiredText(1))
        }
        let byName = scope.clusterFilter("name")
        for cluster in try connection.query(
            """
            SELECT name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain,
                   egress, globalnet_cidr, mesh_id, mesh_network, mesh_trust_root, mesh_east_west_gateway
            FROM cluster\(byName.sql)
            """, byName.values,
            { row -> Cluster in
                let name = try row.requiredText(0)
                var mesh: MeshMembership?
                if let id = row.text(10) {
                    mesh = MeshMembership(
                        id: id, network: try row.requiredText(11), trustRoot: try row.requiredText(12),
                        eastWestGateway: try row.text(13).map { try address($0, "east-west gateway") })
                }
                return Cluster(
                    name: name, vnet: try row.requiredText(1), region: try row.requiredText(2),
                    nodeSubnet: try cidr(try row.requiredText(3), "node subnet"),
                    networkPlugin: try closed(try row.requiredText(4), "network plugin"),
                    podCIDR: try cidr(try row.requiredText(5), "pod CIDR"), serviceCIDR: try cidr(try row.requiredText(6), "service CIDR"),
                    clusterDomain: row.text(7), egress: try closed(try row.requiredText(8), "egress"),
                    globalnetCIDR: try row.text(9).map { try cidr($0, "globalnet CIDR") }, mesh: mesh,
                    isolatedNamespaces: isolated[name] ?? [], nodePools: pools[name] ?? [])
            })
        {
            topology.clusters[cluster.name] = cluster
        }

        let byPort = scope.serviceFilter(cluster: "cluster", namespace: "namespace", name: "service")
        let ports = try connection.query(
            """
            SELECT cluster, namespace, service, name, port, target_port, protocol, app_protocol
            FROM service_port\(byPort.sql) ORDER BY cluster, namespace, service, position
            """, byPort.values
        ) { row in
            (
                ServiceID(cluster: try row.requiredText(0), namespace: try row.requiredText(1), name: try row.requiredText(2)),
                ServicePort(
                    name: row.text(3), port: Int(try row.requiredInteger(4)), targetPort: Int(try row.requiredInteger(5)),
                    protocol: try closed(try row.requiredText(6), "port protocol"), appProtocol: row.text(7))
            )
        }
        // Services come in the same key order as their ports: each takes the next run of ports,
        // without a dictionary of every service's ports.
        var portRuns = PortRuns(ports)
        let byService = scope.serviceFilter(cluster: "cluster", namespace: "namespace", name: "name")
        let services = try connection.query(
            """
            SELECT cluster, namespace, name, exposure, load_balancer_ip, external_traffic_policy
            FROM service\(byService.sql) ORDER BY cluster, namespace, name
            """,
            byService.values,
            { row in
                let id = ServiceID(cluster: try row.requiredText(0), namespace: try row.requiredText(1), name: try row.requiredText(2))
                return Service(
                    id: id, ports: portRuns.ports(of: id), exposure: try closed(try row.requiredText(3), "exposure"),
                    loadBalancerIP: try row.text(4).map { try address($0, "load balancer IP") },
                    externalTrafficPolicy: try closed(try row.requiredText(5), "external traffic policy"))
            })
        topology.services.reserveCapacity(services.count)
        for service in services {
            topology.services[service.id] = service
        }

        // The underlay: every VNet and peering, or for a routing slice only the VNets the answer can
        // touch (the two clusters' VNets and the VNets holding the addresses it may dial) and their peerings.
        // With route tables, firewalls or security groups, also the VNets the flows can pass (TrafficSlice).
        let controlled = try hasTrafficControls()
        let traffic = try scope.service.flatMap { controlled ? try trafficSlice(for: topology, service: $0) : nil }
        let underlay = scope.service == nil ? nil : try traffic?.vnets ?? underlayVNets(for: topology)
        let byVNet = underlay.map { Self.filter("name", $0) } ?? (sql: "", values: [])
        let prefixFilter = underlay.map { Self.filter("vnet", $0) } ?? (sql: "", values: [])
        let prefixes = try grouped("SELECT vnet, cidr FROM vnet_address_prefix\(prefixFilter.sql) ORDER BY vnet, position", prefixFilter.values) {
            (try $0.requiredText(0), try cidr(try $0.requiredText(1), "vnet address prefix"))
        }
        for vnet in try connection.query(
            "SELECT name, region FROM vnet\(byVNet.sql)", byVNet.values,
            { row in
                let name = try row.requiredText(0)
                return VNet(name: name, region: try row.requiredText(1), addressSpace: prefixes[name] ?? [])
            })
        {
            topology.vnets[vnet.name] = vnet
        }
        var byPeering = ("", [SQLiteValue]())
        if let underlay {
            let marks = Array(repeating: "?", count: underlay.count).joined(separator: ", ")
            byPeering = (" WHERE vnet_a IN (\(marks)) OR vnet_b IN (\(marks))", (underlay + underlay).map(\.sqlite))
            if traffic != nil { byPeering = TrafficSlice.peeringFilter(underlay) }
        }
        for peering in try connection.query(
            "SELECT vnet_a, vnet_b, state, gateway_transit, allow_forwarded_traffic FROM peering\(byPeering.0)", byPeering.1,
            { row in
                Peering(
                    vnets: UnorderedPair(try row.requiredText(0), try row.requiredText(1)), state: try closed(try row.requiredText(2), "peering state"),
                    gatewayTransit: row.text(3), allowForwardedTraffic: row.integer(4) == 1)
            })
        {
            topology.peerings[peering.vnets] = peering
        }
        for gateway in try connection.query(
            "SELECT name, vnet, public_ip, bgp_asn, subnet FROM vpn_gateway", [],
            { row in
                VPNGateway(
                    name: try row.requiredText(0), vnet: try row.requiredText(1),
                    publicIP: try row.text(2).map { try address($0, "public IP") }, bgpASN: row.integer(3).map { UInt32(truncatingIfNeeded: $0) },
                    subnet: try row.text(4).map { try cidr($0, "gateway subnet") })
            })
        {
            topology.vpnGateways[gateway.name] = gateway
        }
        for connection in try connection.query(
            "SELECT gateway_a, gateway_b, state, bgp FROM vpn_connection", [],
            { row in
                VPNConnection(
                    gateways: UnorderedPair(try row.requiredText(0), try row.requiredText(1)),
                    state: try closed(try row.requiredText(2), "vpn connection state"), bgp: try row.requiredInteger(3) == 1)
            })
        {
            topology.vpnConnections[connection.gateways] = connection
        }
        let byPair = scope.pairFilter()
        for tunnel in try connection.query(
            "SELECT cluster_a, cluster_b, cable_driver, endpoint, state FROM tunnel\(byPair.sql)", byPair.values,
            { row in
                Tunnel(
                    clusters: UnorderedPair(try row.requiredText(0), try row.requiredText(1)), cableDriver: try closed(try row.requiredText(2), "cable driver"),
                    endpoint: try closed(try row.requiredText(3), "tunnel endpoint"), state: try closed(try row.requiredText(4), "tunnel state"))
            })
        {
            topology.tunnels[tunnel.clusters] = tunnel
        }
        for link in try connection.query(
            "SELECT cluster_a, cluster_b FROM mesh_link\(byPair.sql)", byPair.values,
            { row in
                MeshLink(clusters: UnorderedPair(try row.requiredText(0), try row.requiredText(1)))
            })
        {
            topology.meshLinks[link.clusters] = link
        }
        for ingress in try connection.query(
            """
            SELECT cluster, namespace, service, host, port, tls, visibility, address, class_name,
                service_port_number, service_port_name FROM ingress\(byPort.sql)
            """, byPort.values,
            { row in
                Ingress(
                    service: ServiceID(cluster: try row.requiredText(0), namespace: try row.requiredText(1), name: try row.requiredText(2)),
                    host: try row.requiredText(3), port: Int(try row.requiredInteger(4)), tls: try row.requiredInteger(5) == 1,
                    visibility: try closed(try row.requiredText(6), "ingress visibility"),
                    address: try row.text(7).map { try address($0, "ingress address") }, className: row.text(8),
                    servicePort: row.integer(9).map { .number(Int($0)) } ?? row.text(10).map { .name($0) })
            })
        {
            topology.ingresses[ingress.id] = ingress
        }
        if controlled {
            try loadTrafficControls(into: &topology, vnets: traffic?.walked.sorted())
            topology.isPartOfControlledEstate = traffic != nil
        }
        guard scope.includesImports else { return topology }
        // Sized once: growing a dictionary of a million imports rehashes it a dozen times.
        if !scope.onlyDirtyImports { topology.imports.reserveCapacity(try count("service_import")) }
        for item in try connection.query(
            scope.onlyDirtyImports
                ? """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, port, via
                FROM service_import JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
                """
                : """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, port, via
                FROM service_import
                """, [],
            { try $0.serviceImport() })
        {
            topology.imports[item.id] = item
        }
        return topology
    }

    /// The VNets a routing slice needs: its clusters' VNets and the VNets whose address space holds an
    /// address the answer may dial (east-west gateways, load balancers), found through the prefix index.
    private func underlayVNets(for topology: Topology) throws -> [String] {
        var vnets = Set(topology.clusters.values.map(\.vnet))
        let addresses = topology.clusters.values.compactMap { $0.mesh?.eastWestGateway } + topology.services.values.compactMap(\.loadBalancerIP)
        for address in addresses {
            // Every network that could hold the address, one per prefix length: an indexed lookup.
            let candidates = (0...32).map { CIDR(containing: address, prefixLength: $0).description.sqlite }
            let marks = Array(repeating: "?", count: candidates.count).joined(separator: ", ")
            for owner in try connection.query("SELECT vnet FROM vnet_address_prefix WHERE cidr IN (\(marks))", candidates, { try $0.requiredText(0) }) {
                vnets.insert(owner)
            }
        }
        return vnets.sorted()
    }

    /// Rows in `table` (a constant of this file).
    private func count(_ table: StaticString) throws -> Int {
        Int(try connection.query("SELECT count(*) FROM \(table)") { $0.integer(0) ?? 0 }.first ?? 0)
    }

    private static func filter(_ column: String, _ values: [String]) -> (sql: String, values: [SQLiteValue]) {
        (" WHERE \(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))", values.map(\.sqlite))
    }

    /// Collects child rows by parent key, keeping their stored order.
    private func grouped<Key: Hashable, Value>(_ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws -> (Key, Value)) throws -> [Key:
        [Value]]
    {
        var result: [Key: [Value]] = [:]
        for (key, value) in try connection.query(sql, values, row) { result[key, default: []].append(value) }
        return result
    }
}

/// The ports of services read in key order, handed out service by service in that same order.
private struct PortRuns {
    private var runs: [(id: ServiceID, ports: [ServicePort])] = []
    private var next = 0
    /// Built only if services are asked for out of step with the ports (never, for rows read in one
    /// order): then the ports are found by key, as a dictionary would.
    private var byID: [ServiceID: [ServicePort]]?

    init(_ ports: [(ServiceID, ServicePort)]) {
        for (id, port) in ports {
            if let last = runs.indices.last, runs[last].id == id {
                runs[last].ports.append(port)
            } else {
                runs.append((id, [port]))
            }
        }
    }

    mutating func ports(of id: ServiceID) -> [ServicePort] {
        if next < runs.count, runs[next].id == id {
            next += 1
            return runs[next - 1].ports
        }
        if byID == nil {
            byID = Dictionary(runs.map { ($0.id, $0.ports) }, uniquingKeysWith: { first, _ in first })
        }
        return byID?[id] ?? []
    }
}

// Stored values were validated when written; a failure here means the file was edited by hand.
private func cidr(_ text: String?, _ field: String) throws -> CIDR {
    do { return try CIDR.parse(text ?? "", field: field) } catch { throw StoreError.corrupt("\(error)") }
}

private func address(_ text: String, _ field: String) throws -> IPv4Address {
    do { return try IPv4Address.parse(text, field: field) } catch { throw StoreError.corrupt("\(error)") }
}

private func closed<T: ClosedValue>(_ text: String?, _ field: String) throws -> T {
    do { return try T.parse(text ?? "", field: field) } catch { throw StoreError.corrupt("\(error)") }
}
