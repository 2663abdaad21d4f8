/// The whole estate: every registered object, keyed by its identity.
///
/// A `Topology` is a snapshot: the store loads one, the engine reads one, `apply` builds one. It is
/// a value, so comparing two snapshots tells exactly what a command changed.
package struct Topology: Hashable, Sendable {
    package var vnets: [String: VNet] = [:]
    package var clusters: [String: Cluster] = [:]
    package var services: [ServiceID: Service] = [:]
    package var peerings: [UnorderedPair: Peering] = [:]
    package var vpnGateways: [String: VPNGateway] = [:]
    package var vpnConnections: [UnorderedPair: VPNConnection] = [:]
    package var tunnels: [UnorderedPair: Tunnel] = [:]
    package var meshLinks: [UnorderedPair: MeshLink] = [:]
    package var ingresses: [IngressID: Ingress] = [:]
    package var imports: [ImportID: ServiceImport] = [:]
    package var routeTables: [String: RouteTable] = [:]
    package var firewalls: [String: Firewall] = [:]
    package var securityGroups: [String: SecurityGroup] = [:]

    /// Set on a partial snapshot (a routing slice) of an estate with route tables, firewalls or
    /// security groups, which may hold none of them: the §8 rules still decide its flows.
    package var isPartOfControlledEstate = false

    package init() {}

    /// The number of top-level objects, for summaries.
    package var objectCount: Int {
        vnets.count + clusters.count + services.count + peerings.count + vpnGateways.count
            + vpnConnections.count + tunnels.count + meshLinks.count + ingresses.count + imports.count
            + routeTables.count + firewalls.count + securityGroups.count
    }

    /// Every object's reference, in a stable order (dependency order, then by key).
    package var allReferences: [EntityReference] {
        vnets.keys.sorted().map(EntityReference.vnet)
            + clusters.keys.sorted().map(EntityReference.cluster)
            + services.keys.sorted().map(EntityReference.service)
            + peerings.keys.sorted().map(EntityReference.peering)
            + vpnGateways.keys.sorted().map(EntityReference.vpnGateway)
            + vpnConnections.keys.sorted().map(EntityReference.vpnConnection)
            + tunnels.keys.sorted().map(EntityReference.tunnel)
            + meshLinks.keys.sorted().map(EntityReference.meshLink)
            + ingresses.keys.sorted().map(EntityReference.ingress)
            + imports.keys.sorted().map(EntityReference.import)
            + routeTables.keys.sorted().map(EntityReference.routeTable)
            + firewalls.keys.sorted().map(EntityReference.firewall)
            + securityGroups.keys.sorted().map(EntityReference.securityGroup)
    }

    /// Whether the estate has route tables, firewalls or security groups: only then do the §8 rules
    /// (R1–R6) decide private reachability; without them every answer is the v1 one.
    package var hasTrafficControls: Bool {
        isPartOfControlledEstate || !routeTables.isEmpty || !firewalls.isEmpty || !securityGroups.isEmpty
    }

    /// The VPN gateway that lives in `vnet`, if any.
    package func vpnGateway(in vnet: String) -> VPNGateway? {
        vpnGateways.values.first { $0.vnet == vnet }
    }

    /// The ingresses that expose `service`, sorted by host.
    package func ingresses(of service: ServiceID) -> [Ingress] {
        ingresses.values.filter { $0.service == service }.sorted { $0.host < $1.host }
    }

    /// The services of one cluster, sorted by namespace and name.
    package func services(in cluster: String) -> [Service] {
        services.values.filter { $0.id.cluster == cluster }.sorted { $0.id < $1.id }
    }
}
