import CrosslinkCore

/// A row of `cluster`: the cluster without its isolated namespaces and node pools (rows of their own).
struct ClusterRow: TableRow {
    static let table = "cluster"
    static let columns = """
        name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain,
        egress, globalnet_cidr, mesh_id, mesh_network, mesh_trust_root, mesh_east_west_gateway
        """
    var cluster: Cluster

    init(row: SQLiteRow) throws {
        var mesh: MeshMembership?
        // The schema CHECKs that the mesh columns are all NULL or all set.
        if let id = row.text(10) {
            mesh = MeshMembership(
                id: id, network: try row.requiredText(11), trustRoot: try row.requiredText(12),
                eastWestGateway: try row.optionalAddress(13, "east-west gateway"))
        }
        cluster = Cluster(
            name: try row.requiredText(0), vnet: try row.requiredText(1), region: try row.requiredText(2),
            nodeSubnet: try row.requiredCIDR(3, "node subnet"), networkPlugin: try row.requiredValue(4, "network plugin"),
            podCIDR: try row.requiredCIDR(5, "pod CIDR"), serviceCIDR: try row.requiredCIDR(6, "service CIDR"),
            clusterDomain: try row.requiredText(7), egress: try row.requiredValue(8, "egress"),
            globalnetCIDR: try row.optionalCIDR(9, "globalnet CIDR"), mesh: mesh)
    }
}

/// A row of `cluster_isolated_namespace`.
struct ClusterIsolatedNamespaceRow: TableRow {
    static let table = "cluster_isolated_namespace"
    static let columns = "cluster, namespace"
    var cluster: String
    var namespace: String

    init(row: SQLiteRow) throws {
        cluster = try row.requiredText(0)
        namespace = try row.requiredText(1)
    }
}

/// A row of `cluster_node_pool`.
struct ClusterNodePoolRow: TableRow {
    static let table = "cluster_node_pool"
    static let columns = "cluster, name"
    var cluster: String
    var name: String

    init(row: SQLiteRow) throws {
        cluster = try row.requiredText(0)
        name = try row.requiredText(1)
    }
}
