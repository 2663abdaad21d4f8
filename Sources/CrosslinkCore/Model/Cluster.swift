/// A Kubernetes cluster attached to a VNet, with the address ranges its CNI uses.
package struct Cluster: Hashable, Sendable {
    package var name: String
    package var vnet: String
    package var region: String
    package var nodeSubnet: CIDR
    package var networkPlugin: NetworkPlugin
    package var podCIDR: CIDR
    package var serviceCIDR: CIDR
    package var clusterDomain: String
    package var egress: Egress
    /// Submariner Globalnet range; lets tunnels join clusters whose pod or service CIDRs overlap.
    package var globalnetCIDR: CIDR?
    package var mesh: MeshMembership?
    /// Namespaces with a default-deny ingress policy: routes into them need a NetworkPolicy.
    package var isolatedNamespaces: [String]
    /// Node pool names (an extension of the spec; informational only).
    package var nodePools: [String]

    package static let defaultOverlayPodCIDR = CIDR(containing: IPv4Address(value: 0x0AF4_0000), prefixLength: 16)
    package static let defaultServiceCIDR = CIDR(containing: IPv4Address(value: 0x0A00_0000), prefixLength: 16)
    package static let defaultClusterDomain = "cluster.local"

    package init(
        name: String, vnet: String, region: String, nodeSubnet: CIDR, networkPlugin: NetworkPlugin,
        podCIDR: CIDR? = nil, serviceCIDR: CIDR? = nil, clusterDomain: String? = nil,
        egress: Egress = .internet, globalnetCIDR: CIDR? = nil, mesh: MeshMembership? = nil,
        isolatedNamespaces: [String] = [], nodePools: [String] = []
    ) {
        self.name = name
        self.vnet = vnet
        self.region = region
        self.nodeSubnet = nodeSubnet
        self.networkPlugin = networkPlugin
        // azure-cni pods take VNet addresses from the node subnet; overlay CNIs use a private range.
        self.podCIDR = podCIDR ?? (networkPlugin == .azureCNI ? nodeSubnet : Cluster.defaultOverlayPodCIDR)
        self.serviceCIDR = serviceCIDR ?? Cluster.defaultServiceCIDR
        self.clusterDomain = clusterDomain ?? Cluster.defaultClusterDomain
        self.egress = egress
        self.globalnetCIDR = globalnetCIDR
        self.mesh = mesh
        self.isolatedNamespaces = isolatedNamespaces
        self.nodePools = nodePools
    }

    /// Whether pod IPs are VNet addresses, routable outside the cluster (N6).
    package var hasRoutablePodIPs: Bool { networkPlugin == .azureCNI }

    package var hasInternetEgress: Bool { egress == .internet }
}

/// A cluster's membership in an Istio multi-cluster mesh.
package struct MeshMembership: Hashable, Sendable {
    /// The mesh id; members of one mesh share it.
    package var id: String
    /// The Istio network; pods on one network reach each other directly.
    package var network: String
    /// The identity of the shared root CA; members must agree on it to trust each other.
    package var trustRoot: String
    /// Address of the east-west gateway that admits traffic from other networks.
    package var eastWestGateway: IPv4Address?

    package init(id: String, network: String, trustRoot: String, eastWestGateway: IPv4Address? = nil) {
        self.id = id
        self.network = network
        self.trustRoot = trustRoot
        self.eastWestGateway = eastWestGateway
    }
}
