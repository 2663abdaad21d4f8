import CrosslinkCore

/// Every object of one kind, in key order, read from SQLite one row at a time for `<kind> list`; valid
/// only inside the closure given to `Store.withEntities`, whose read transaction they are read in.
package struct EntityRows {
    fileprivate let store: Store
    package let kind: EntityKind

    /// Hands every object of the kind to `body` in key order (the order of `Topology.entities(of:)`:
    /// SQLite's byte order of the key columns is the keys' order, names being ASCII labels), holding
    /// none: a row and its child rows (a cluster's node pools, a service's ports, a VNet's prefixes)
    /// are read side by side, both in key order. Route tables, firewalls and security groups, few and
    /// made of several tables each, are read whole first. May run more than once in the transaction
    /// (a table measures its columns first), giving the same objects each time.
    package func forEach(_ body: (Entity) throws -> Void) throws {
        let connection = store.connection
        switch kind {
        case .vnet:
            var prefixes = try ChildRows<VNetAddressPrefixRow, String>(connection, " ORDER BY vnet, position", key: \.vnet)
            try connection.forEach(VNetRow.select(" ORDER BY name")) { row in
                var vnet = try VNetRow(row: row).vnet
                vnet.addressSpace = try prefixes.take(vnet.name).map(\.cidr)
                try body(.vnet(vnet))
            }
        case .cluster:
            var isolated = try ChildRows<ClusterIsolatedNamespaceRow, String>(connection, " ORDER BY cluster, position", key: \.cluster)
            var pools = try ChildRows<ClusterNodePoolRow, String>(connection, " ORDER BY cluster, position", key: \.cluster)
            try connection.forEach(ClusterRow.select(" ORDER BY name")) { row in
                var cluster = try ClusterRow(row: row).cluster
                cluster.isolatedNamespaces = try isolated.take(cluster.name).map(\.namespace)
                cluster.nodePools = try pools.take(cluster.name).map(\.name)
                try body(.cluster(cluster))
            }
        case .service:
            var ports = try ChildRows<ServicePortRow, ServiceID>(connection, " ORDER BY cluster, namespace, service, position", key: \.service)
            try connection.forEach(ServiceRow.select(" ORDER BY cluster, namespace, name")) { row in
                var service = try ServiceRow(row: row).service
                service.ports = try ports.take(service.id).map(\.port)
                try body(.service(service))
            }
        case .peering:
            try connection.forEach(PeeringRow.select(" ORDER BY vnet_a, vnet_b")) { try body(.peering(try PeeringRow(row: $0).peering)) }
        case .vpnGateway:
            try connection.forEach(VPNGatewayRow.select(" ORDER BY name")) { try body(.vpnGateway(try VPNGatewayRow(row: $0).gateway)) }
        case .vpnConnection:
            try connection.forEach(VPNConnectionRow.select(" ORDER BY gateway_a, gateway_b")) {
                try body(.vpnConnection(try VPNConnectionRow(row: $0).connection))
            }
        case .tunnel:
            try connection.forEach(TunnelRow.select(" ORDER BY cluster_a, cluster_b")) { try body(.tunnel(try TunnelRow(row: $0).tunnel)) }
        case .meshLink:
            try connection.forEach(MeshLinkRow.select(" ORDER BY cluster_a, cluster_b")) { try body(.meshLink(try MeshLinkRow(row: $0).link)) }
        case .ingress:
            try connection.forEach(IngressRow.select(" ORDER BY cluster, namespace, service, host")) { try body(.ingress(try IngressRow(row: $0).ingress)) }
        case .import:
            let order = " ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name"
            try connection.forEach(ServiceImportRow.select(order)) { try body(.import(try ServiceImportRow(row: $0).item)) }
        case .routeTable, .firewall, .securityGroup:
            for entity in try store.topologyInTransaction(scope: .entities(of: kind)).entities(of: kind) { try body(entity) }
        }
    }
}

extension Store {
    /// Runs `body` in one read transaction with every object of `kind` (see `EntityRows`), so a
    /// concurrent write is seen whole or not at all, however many passes `body` makes.
    package func withEntities<T>(of kind: EntityKind, _ body: (EntityRows) throws -> T) throws -> T {
        try scan { store in try body(EntityRows(store: store, kind: kind)) }
    }
}

/// Child rows read alongside their parents, both in key order (a merge join): each parent takes the
/// run of rows with its key, and only that run is held.
private struct ChildRows<Row: TableRow, Key: Comparable> {
    private let statement: SQLiteStatement
    private let key: (Row) -> Key
    private var next: Row?

    init(_ connection: SQLiteConnection, _ order: String, key: @escaping (Row) -> Key) throws {
        statement = try connection.prepare(Row.select(order))
        self.key = key
        next = try statement.step() ? try Row(row: statement) : nil
    }

    /// The rows of `parent`, which comes after every parent asked for before.
    mutating func take(_ parent: Key) throws -> [Row] {
        var run: [Row] = []
        while let row = next, key(row) <= parent {
            // A row whose parent is gone (the foreign keys forbid it) belongs to no one.
            if key(row) == parent { run.append(row) }
            next = try statement.step() ? try Row(row: statement) : nil
        }
        return run
    }
}
