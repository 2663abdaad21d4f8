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
        let list = SQLiteList(clusters)
        return (" WHERE \(column) IN \(list.sql)", list.values)
    }

    /// `WHERE …` for tables keyed by a cluster pair: both ends among the loaded clusters.
    func pairFilter() -> (sql: String, values: [SQLiteValue]) {
        guard let clusters else { return ("", []) }
        let list = SQLiteList(clusters)
        return (" WHERE cluster_a IN \(list.sql) AND cluster_b IN \(list.sql)", list.values(repeated: 2))
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
            let list = SQLiteList(pending)
            let ends = try connection.query(
                "SELECT cluster_a, cluster_b FROM tunnel WHERE cluster_a IN \(list.sql) OR cluster_b IN \(list.sql)", list.values(repeated: 2),
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
        try loadClusters(scope, into: &topology)
        try loadServices(scope, into: &topology)
        // The underlay: every VNet and peering, or for a routing slice only the VNets the answer can
        // touch (the two clusters' VNets and the VNets holding the addresses it may dial) and their peerings.
        // With route tables, firewalls or security groups, also the VNets the flows can pass (TrafficSlice).
        let controlled = try hasTrafficControls()
        let traffic = try scope.service.flatMap { controlled ? try trafficSlice(for: topology, service: $0) : nil }
        let underlay = scope.service == nil ? nil : try traffic?.vnets ?? underlayVNets(for: topology)
        try loadUnderlay(underlay, peerings: traffic != nil ? underlay.map(TrafficSlice.peeringFilter) : nil, into: &topology)
        try loadLinks(scope, into: &topology)
        if controlled {
            try loadTrafficControls(into: &topology, vnets: traffic?.walked.sorted())
            topology.isPartOfControlledEstate = traffic != nil
        }
        if scope.includesImports { try loadImports(onlyDirty: scope.onlyDirtyImports, into: &topology) }
        return topology
    }

    /// The scope's clusters with their isolated namespaces and node pools.
    private func loadClusters(_ scope: TopologyScope, into topology: inout Topology) throws {
        let byCluster = scope.clusterFilter("cluster")
        let isolated = try grouped(ClusterIsolatedNamespaceRow.self, "\(byCluster.sql) ORDER BY cluster, position", byCluster.values) {
            ($0.cluster, $0.namespace)
        }
        let pools = try grouped(ClusterNodePoolRow.self, "\(byCluster.sql) ORDER BY cluster, position", byCluster.values) { ($0.cluster, $0.name) }
        let byName = scope.clusterFilter("name")
        for row in try connection.rows(ClusterRow.self, byName.sql, byName.values) {
            var cluster = row.cluster
            cluster.isolatedNamespaces = isolated[cluster.name] ?? []
            cluster.nodePools = pools[cluster.name] ?? []
            topology.clusters[cluster.name] = cluster
        }
    }

    /// The scope's services with their ports, and their ingresses.
    private func loadServices(_ scope: TopologyScope, into topology: inout Topology) throws {
        let byPort = scope.serviceFilter(cluster: "cluster", namespace: "namespace", name: "service")
        let ports = try connection.rows(ServicePortRow.self, "\(byPort.sql) ORDER BY cluster, namespace, service, position", byPort.values)
        // Services come in the same key order as their ports: each takes the next run of ports,
        // without a dictionary of every service's ports.
        var portRuns = PortRuns(ports)
        let byService = scope.serviceFilter(cluster: "cluster", namespace: "namespace", name: "name")
        let services = try connection.rows(ServiceRow.self, "\(byService.sql) ORDER BY cluster, namespace, name", byService.values)
        topology.services.reserveCapacity(services.count)
        for row in services {
            var service = row.service
            service.ports = portRuns.ports(of: service.id)
            topology.services[service.id] = service
        }
        for row in try connection.rows(IngressRow.self, byPort.sql, byPort.values) {
            topology.ingresses[row.ingress.id] = row.ingress
        }
    }

    /// `vnets` (nil: every VNet) with their address spaces, and their peerings: those `peerings` selects
    /// when given, else every peering with an end among them.
    private func loadUnderlay(_ vnets: [String]?, peerings: (sql: String, values: [SQLiteValue])?, into topology: inout Topology) throws {
        let list = vnets.map(SQLiteList.init)
        let values = list?.values ?? []
        let prefixes = try grouped(VNetAddressPrefixRow.self, "\(list.map { " WHERE vnet IN \($0.sql)" } ?? "") ORDER BY vnet, position", values) {
            ($0.vnet, $0.cidr)
        }
        for row in try connection.rows(VNetRow.self, list.map { " WHERE name IN \($0.sql)" } ?? "", values) {
            var vnet = row.vnet
            vnet.addressSpace = prefixes[vnet.name] ?? []
            topology.vnets[vnet.name] = vnet
        }
        let byPeering = peerings ?? list.map { (" WHERE vnet_a IN \($0.sql) OR vnet_b IN \($0.sql)", $0.values(repeated: 2)) } ?? ("", [])
        for row in try connection.rows(PeeringRow.self, byPeering.sql, byPeering.values) {
            topology.peerings[row.peering.vnets] = row.peering
        }
    }

    /// Every VPN gateway and connection (few), and the tunnels and mesh links between the scope's clusters.
    private func loadLinks(_ scope: TopologyScope, into topology: inout Topology) throws {
        for row in try connection.rows(VPNGatewayRow.self) {
            topology.vpnGateways[row.gateway.name] = row.gateway
        }
        for row in try connection.rows(VPNConnectionRow.self) {
            topology.vpnConnections[row.connection.gateways] = row.connection
        }
        let byPair = scope.pairFilter()
        for row in try connection.rows(TunnelRow.self, byPair.sql, byPair.values) {
            topology.tunnels[row.tunnel.clusters] = row.tunnel
        }
        for row in try connection.rows(MeshLinkRow.self, byPair.sql, byPair.values) {
            topology.meshLinks[row.link.clusters] = row.link
        }
    }

    /// Every import, or only those marked dirty since the last reconcile.
    private func loadImports(onlyDirty: Bool, into topology: inout Topology) throws {
        // Sized once: growing a dictionary of a million imports rehashes it a dozen times.
        if !onlyDirty { topology.imports.reserveCapacity(try count("service_import")) }
        let dirty = " JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)"
        for row in try connection.rows(ServiceImportRow.self, onlyDirty ? dirty : "") {
            topology.imports[row.item.id] = row.item
        }
    }

    /// The VNets a routing slice needs: its clusters' VNets and the VNets whose address space holds an
    /// address the answer may dial (east-west gateways, load balancers), found through the prefix index.
    private func underlayVNets(for topology: Topology) throws -> [String] {
        var vnets = Set(topology.clusters.values.map(\.vnet))
        let addresses = topology.clusters.values.compactMap { $0.mesh?.eastWestGateway } + topology.services.values.compactMap(\.loadBalancerIP)
        for address in addresses { vnets.formUnion(try self.vnets(holding: address)) }
        return vnets.sorted()
    }

    /// The VNets with a prefix holding `address`: every network that could hold it, one per prefix
    /// length, looked up through the prefix index.
    func vnets(holding address: IPv4Address) throws -> [String] {
        let candidates = SQLiteList((0...32).map { CIDR(containing: address, prefixLength: $0).description })
        return try connection.query("SELECT vnet FROM vnet_address_prefix WHERE cidr IN \(candidates.sql)", candidates.values) { try $0.requiredText(0) }
    }

    /// Rows in `table` (a constant of this file).
    private func count(_ table: StaticString) throws -> Int {
        Int(try connection.query("SELECT count(*) FROM \(table)") { try $0.requiredInteger(0) }.first ?? 0)
    }

    /// The rows of `Row`'s table that `clause` selects, collected by parent key in their stored order.
    private func grouped<Row: TableRow, Key: Hashable, Value>(
        _ type: Row.Type, _ clause: String, _ values: [SQLiteValue], _ entry: (Row) -> (Key, Value)
    ) throws -> [Key: [Value]] {
        var result: [Key: [Value]] = [:]
        for row in try connection.rows(type, clause, values) {
            let (key, value) = entry(row)
            result[key, default: []].append(value)
        }
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

    init(_ ports: [ServicePortRow]) {
        for (id, port) in ports.lazy.map({ ($0.service, $0.port) }) {
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
