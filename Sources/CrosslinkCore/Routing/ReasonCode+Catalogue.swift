/// Every reason crosslink gives for a path that does not work. Each code is stable; its message
/// names the objects involved and says what to change. docs/routability.md lists them all.
extension ReasonCode {
    // Underlay (VNet to VNet), rules N2–N5.
    /// N2: the only peering between the VNets is not `connected`.
    public static let peeringNotConnected = ReasonCode(rawValue: "PeeringNotConnected")
    /// N3: both VNets peer with a third one, and peering is not transitive.
    public static let peeringNotTransitive = ReasonCode(rawValue: "PeeringNotTransitive")
    /// Two spokes use the same hub's VPN gateway; Azure does not route spoke to spoke through it.
    public static let sharedGatewayNoSpokeRouting = ReasonCode(rawValue: "SharedGatewayNoSpokeRouting")
    /// N4: the VPN connection between the effective gateways is not `connected`.
    public static let vpnNotConnected = ReasonCode(rawValue: "VPNNotConnected")
    /// N4: the gateways are joined only through other gateways, and some hop lacks BGP.
    public static let vpnChainWithoutBGP = ReasonCode(rawValue: "VPNChainWithoutBGP")
    /// N5: a VPN path exists but the address spaces overlap.
    public static let vpnAddressOverlap = ReasonCode(rawValue: "VPNAddressOverlap")
    /// No peering and no VPN path at all.
    public static let noUnderlayPath = ReasonCode(rawValue: "NoUnderlayPath")
    /// §7.7: every BGP chain between the gateways repeats an ASN, so BGP drops the routes.
    public static let duplicateASN = ReasonCode(rawValue: "DuplicateASN")

    // Consumer-side prerequisites.
    /// The path needs the internet, and the consumer's egress is `none`.
    public static let noInternetEgress = ReasonCode(rawValue: "NoInternetEgress")
    /// A private address that lies in no registered VNet cannot be reached.
    public static let addressNotInAnyVNet = ReasonCode(rawValue: "AddressNotInAnyVNet")
    /// §7.3: the private address to dial lies in the consumer's own service or (overlay/kubenet) pod range.
    public static let addressInConsumerRange = ReasonCode(rawValue: "AddressInConsumerRange")

    // local
    /// `local` needs the consumer in the service's own cluster.
    public static let notSameCluster = ReasonCode(rawValue: "NotSameCluster")

    // mesh
    /// A cluster is not a member of any mesh.
    public static let notMeshMember = ReasonCode(rawValue: "NotMeshMember")
    /// The clusters are members of different meshes.
    public static let differentMeshes = ReasonCode(rawValue: "DifferentMeshes")
    /// The clusters do not share a root of trust, so mTLS between them fails.
    public static let trustRootMismatch = ReasonCode(rawValue: "TrustRootMismatch")
    /// No mesh link (endpoint discovery) joins the clusters.
    public static let noMeshLink = ReasonCode(rawValue: "NoMeshLink")
    /// The mesh carries TCP only.
    public static let meshTCPOnly = ReasonCode(rawValue: "MeshTCPOnly")
    /// N6: same-network mesh traffic goes pod to pod, and a cluster's pod IPs are not VNet addresses.
    public static let podIPsNotRoutable = ReasonCode(rawValue: "PodIPsNotRoutable")
    /// Different mesh networks need an east-west gateway in the service's cluster.
    public static let noEastWestGateway = ReasonCode(rawValue: "NoEastWestGateway")
    /// §7.1: the two mesh members use different cluster domains.
    public static let meshDomainMismatch = ReasonCode(rawValue: "MeshDomainMismatch")

    // tunnel
    /// No tunnel joins the two clusters directly.
    public static let noTunnel = ReasonCode(rawValue: "NoTunnel")
    /// The tunnel exists but is not `connected`.
    public static let tunnelNotConnected = ReasonCode(rawValue: "TunnelNotConnected")
    /// Pod or service CIDRs of the two clusters overlap and Globalnet does not cover it.
    public static let clusterCIDROverlap = ReasonCode(rawValue: "ClusterCIDROverlap")
    /// Both clusters use Globalnet, but their Globalnet CIDRs overlap.
    public static let globalnetOverlap = ReasonCode(rawValue: "GlobalnetOverlap")
    /// §7.5: some members of the ClusterSet use Globalnet and others do not.
    public static let globalnetMixed = ReasonCode(rawValue: "GlobalnetMixed")
    /// §7.6: a node subnet of one cluster overlaps a pod or service range of the other.
    public static let nodeSubnetInRemoteRange = ReasonCode(rawValue: "NodeSubnetInRemoteRange")

    // network
    /// The service has no load balancer.
    public static let notLoadBalanced = ReasonCode(rawValue: "NotLoadBalanced")
    /// §7.4: Azure load balancers carry TCP and UDP only.
    public static let loadBalancerProtocol = ReasonCode(rawValue: "LoadBalancerProtocol")

    // ingress
    /// No ingress exposes the service.
    public static let noIngress = ReasonCode(rawValue: "NoIngress")
    /// The port does not speak HTTP, and an ingress carries HTTP(S) only.
    public static let portNotHTTP = ReasonCode(rawValue: "PortNotHTTP")
    /// §7.8: the ingress serves another port of the service.
    public static let ingressOtherPort = ReasonCode(rawValue: "IngressOtherPort")
    /// §7.9: a gRPC backend needs an ingress with TLS (HTTP/2).
    public static let grpcNeedsTLS = ReasonCode(rawValue: "GRPCNeedsTLS")

    /// Every reason code the engine gives, for documentation checks and tools.
    public static let catalogue: [ReasonCode] = [
        .peeringNotConnected,
        .peeringNotTransitive,
        .sharedGatewayNoSpokeRouting,
        .vpnNotConnected,
        .vpnChainWithoutBGP,
        .vpnAddressOverlap,
        .noUnderlayPath,
        .duplicateASN,
        .noInternetEgress,
        .addressNotInAnyVNet,
        .addressInConsumerRange,
        .notSameCluster,
        .notMeshMember,
        .differentMeshes,
        .trustRootMismatch,
        .noMeshLink,
        .meshTCPOnly,
        .podIPsNotRoutable,
        .noEastWestGateway,
        .meshDomainMismatch,
        .noTunnel,
        .tunnelNotConnected,
        .clusterCIDROverlap,
        .globalnetOverlap,
        .globalnetMixed,
        .nodeSubnetInRemoteRange,
        .notLoadBalanced,
        .loadBalancerProtocol,
        .noIngress,
        .portNotHTTP,
        .ingressOtherPort,
        .grpcNeedsTLS,
        .noRoute,
        .routeDropped,
        .applianceUnknown,
        .applianceUnreachable,
        .firewallDenied,
        .routingLoop,
        .forwardedTrafficNotAllowed,
        .asymmetricRouting,
        .securityGroupDenied,
    ]
}
