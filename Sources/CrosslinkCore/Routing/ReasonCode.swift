/// A stable, documented reason code (`ClusterCIDROverlap`, `PeeringNotTransitive`, …): every reason
/// crosslink gives for a path that does not work. Each code is stable; its message names the objects
/// involved and says what to change. docs/routability.md lists them all, and the catalogue tests
/// iterate `allCases`.
package enum ReasonCode: String, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    // Underlay (VNet to VNet), rules N2–N5.
    /// N2: the only peering between the VNets is not `connected`.
    case peeringNotConnected = "PeeringNotConnected"
    /// N3: both VNets peer with a third one, and peering is not transitive.
    case peeringNotTransitive = "PeeringNotTransitive"
    /// Two spokes use the same hub's VPN gateway; Azure does not route spoke to spoke through it.
    case sharedGatewayNoSpokeRouting = "SharedGatewayNoSpokeRouting"
    /// N4: the VPN connection between the effective gateways is not `connected`.
    case vpnNotConnected = "VPNNotConnected"
    /// N4: the gateways are joined only through other gateways, and some hop lacks BGP.
    case vpnChainWithoutBGP = "VPNChainWithoutBGP"
    /// N5: a VPN path exists but the address spaces overlap.
    case vpnAddressOverlap = "VPNAddressOverlap"
    /// No peering and no VPN path at all.
    case noUnderlayPath = "NoUnderlayPath"
    /// §7.7: every BGP chain between the gateways repeats an ASN, so BGP drops the routes.
    case duplicateASN = "DuplicateASN"

    // Consumer-side prerequisites.
    /// The path needs the internet, and the consumer's egress is `none`.
    case noInternetEgress = "NoInternetEgress"
    /// A private address that lies in no registered VNet cannot be reached.
    case addressNotInAnyVNet = "AddressNotInAnyVNet"
    /// §7.3: the private address to dial lies in the consumer's own service or (overlay/kubenet) pod range.
    case addressInConsumerRange = "AddressInConsumerRange"

    // local
    /// `local` needs the consumer in the service's own cluster.
    case notSameCluster = "NotSameCluster"

    // mesh
    /// A cluster is not a member of any mesh.
    case notMeshMember = "NotMeshMember"
    /// The clusters are members of different meshes.
    case differentMeshes = "DifferentMeshes"
    /// The clusters do not share a root of trust, so mTLS between them fails.
    case trustRootMismatch = "TrustRootMismatch"
    /// No mesh link (endpoint discovery) joins the clusters.
    case noMeshLink = "NoMeshLink"
    /// The mesh carries TCP only.
    case meshTCPOnly = "MeshTCPOnly"
    /// N6: same-network mesh traffic goes pod to pod, and a cluster's pod IPs are not VNet addresses.
    case podIPsNotRoutable = "PodIPsNotRoutable"
    /// Different mesh networks need an east-west gateway in the service's cluster.
    case noEastWestGateway = "NoEastWestGateway"
    /// §7.1: the two mesh members use different cluster domains.
    case meshDomainMismatch = "MeshDomainMismatch"

    // tunnel
    /// No tunnel joins the two clusters directly.
    case noTunnel = "NoTunnel"
    /// The tunnel exists but is not `connected`.
    case tunnelNotConnected = "TunnelNotConnected"
    /// Pod or service CIDRs of the two clusters overlap and Globalnet does not cover it.
    case clusterCIDROverlap = "ClusterCIDROverlap"
    /// Both clusters use Globalnet, but their Globalnet CIDRs overlap.
    case globalnetOverlap = "GlobalnetOverlap"
    /// §7.5: some members of the ClusterSet use Globalnet and others do not.
    case globalnetMixed = "GlobalnetMixed"
    /// §7.6: a node subnet of one cluster overlaps a pod or service range of the other.
    case nodeSubnetInRemoteRange = "NodeSubnetInRemoteRange"

    // network
    /// The service has no load balancer.
    case notLoadBalanced = "NotLoadBalanced"
    /// §7.4: Azure load balancers carry TCP and UDP only.
    case loadBalancerProtocol = "LoadBalancerProtocol"

    // ingress
    /// No ingress exposes the service.
    case noIngress = "NoIngress"
    /// The port does not speak HTTP, and an ingress carries HTTP(S) only.
    case portNotHTTP = "PortNotHTTP"
    /// §7.8: the ingress serves another port of the service.
    case ingressOtherPort = "IngressOtherPort"
    /// §7.9: a gRPC backend needs an ingress with TLS (HTTP/2).
    case grpcNeedsTLS = "GRPCNeedsTLS"

    // Route tables, firewalls and security groups (spec §8, rules R1–R5).
    /// R1/R2: the effective route cannot deliver (a private address whose best route is the internet,
    /// or a vnet-local/peering/gateway hop whose VNet does not hold it).
    case noRoute = "NoRoute"
    /// R2: a user-defined route with next hop `none` drops the traffic.
    case routeDropped = "RouteDropped"
    /// R2: a virtual-appliance route names an address that is no registered firewall.
    case applianceUnknown = "ApplianceUnknown"
    /// R2: the firewall a route names is in a VNet the subnet's VNet does not reach.
    case applianceUnreachable = "ApplianceUnreachable"
    /// R2: a firewall's rules (or its default action) deny the flow.
    case firewallDenied = "FirewallDenied"
    /// R2: more than four appliance hops: the route tables send the traffic in a circle.
    case routingLoop = "RoutingLoop"
    /// R2: a firewall forwards the traffic over a peering that does not allow forwarded traffic.
    case forwardedTrafficNotAllowed = "ForwardedTrafficNotAllowed"
    /// R3: the reply does not pass the same firewalls as the request, or cannot be delivered.
    case asymmetricRouting = "AsymmetricRouting"
    /// R5: a network security group on the source or destination subnet denies the flow.
    case securityGroupDenied = "SecurityGroupDenied"

    package var description: String { rawValue }
    package static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
