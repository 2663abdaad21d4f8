/// A Kubernetes cluster attached to a VNet, with the address ranges its CNI uses.
public struct Cluster: Hashable, Sendable {
    public var name: String
    public var vnet: String
    public var region: String
    public var nodeSubnet: CIDR
    public var networkPlugin: NetworkPlugin
    public var podCIDR: CIDR
    public var serviceCIDR: CIDR
    public var clusterDomain: String
    public var egress: Egress
    /// Submariner Globalnet range; lets tunnels join clusters whose pod or service CIDRs overlap.
    public var globalnetCIDR: CIDR?
    public var mesh: MeshMembership?
    /// Namespaces with a default-deny ingress policy: routes into them need a NetworkPolicy.
    public var isolatedNamespaces: [String]
    /// Node pool names (an extension of the spec; informational only).
    public var nodePools: [String]

    public static let defaultOverlayPodCIDR = CIDR(containing: IPv4Address(value: 0x0AF4_0000), prefixLength: 16)
    public static let defaultServiceCIDR = CIDR(containing: IPv4Address(value: 0x0A00_0000), prefixLength: 16)
    public static let defaultClusterDomain = "cluster.local"

    public init(
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
    public var hasRoutablePodIPs: Bool { networkPlugin == .azureCNI }

    public var hasInternetEgress: Bool { egress == .internet }
}

/// A cluster's membership in an Istio multi-cluster mesh.
public struct MeshMembership: Hashable, Sendable {
    /// The mesh id; members of one mesh share it.
    public var id: String
    /// The Istio network; pods on one network reach each other directly.
    public var network: String
    /// The identity of the shared root CA; members must agree on it to trust each other.
    public var trustRoot: String
    /// Address of the east-west gateway that admits traffic from other networks.
    public var eastWestGateway: IPv4Address?

    public init(id: String, network: String, trustRoot: String, eastWestGateway: IPv4Address? = nil) {
        self.id = id
        self.network = network
        self.trustRoot = trustRoot
        self.eastWestGateway = eastWestGateway
    }
}
