import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §7.1–§7.4: mesh domains, the mesh inside one cluster, addresses in the consumer's own
/// ranges, and load-balancer protocols.
@Suite struct CorrectedRouteTests {
    typealias F = RouteFixtures

    @Test("7.1: mesh members with different cluster domains cannot reach each other by name")
    func meshDomainMismatch() throws {
        let builder = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: F.mesh, clusterDomain: "corp.local")
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
            .meshLink("aks-a", "aks-b")
        let reason = try #require(try F.answer(builder).rejection(.mesh))
        #expect(reason.code == .meshDomainMismatch)
        #expect(reason.message.hasPrefix("aks-a uses cluster domain corp.local and aks-b uses cluster.local"))
    }

    @Test("7.1: members sharing a domain other than cluster.local route, with that domain in the address")
    func meshSharedDomain() throws {
        let builder = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: F.mesh, clusterDomain: "corp.local")
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: F.mesh, clusterDomain: "corp.local")
            .meshLink("aks-a", "aks-b")
        let answer = try F.answer(builder)
        #expect(answer.via == .mesh && answer.address == "api.backend.svc.corp.local")
    }

    @Test("7.2: inside one cluster the mesh needs only membership, whatever the CNI", arguments: [NetworkPlugin.kubenet, .azureCNIOverlay])
    func meshInsideOneCluster(plugin: NetworkPlugin) throws {
        let builder = F.base.cluster(
            "aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", plugin: plugin, serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
        let answer = try F.answer(builder, from: "aks-b/frontend", via: .pinned(.mesh))
        #expect(answer.via == .mesh && answer.address == "api.backend.svc.cluster.local")
        let local = try F.answer(builder, from: "aks-b/frontend")
        #expect(local.via == .local && local.rejection(.mesh) == nil)
    }

    @Test("7.2: inside one cluster a non-member still has no mesh, and UDP still does not pass")
    func meshInsideOneClusterRejections() throws {
        #expect(try F.answer(F.base, from: "aks-b/frontend", via: .pinned(.mesh)).rejection(.mesh)?.code == .notMeshMember)
        let member = F.base.cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
        #expect(try F.answer(member, from: "aks-b/frontend", port: 53, via: .pinned(.mesh)).rejection(.mesh)?.code == .meshTCPOnly)
    }

    /// aks-a (kubenet, pods 10.244.0.0/16, services 10.100.0.0/16) dials `address`.
    static func dialing(_ address: String) -> TopologyBuilder {
        F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", plugin: .kubenet, serviceCIDR: "10.100.0.0/16")
            .service(
                "aks-b/backend/api", ports: [ServicePort(name: "http", port: 80, appProtocol: "http")], exposure: .internalLB, loadBalancerIP: address)
    }

    @Test("7.3: an internal load balancer inside the consumer's service or overlay pod range never leaves it", arguments: ["10.100.0.50", "10.244.1.5"])
    func internalLBInConsumerRange(address: String) throws {
        let reason = try #require(try F.answer(Self.dialing(address)).rejection(.network))
        #expect(reason.code == .addressInConsumerRange)
        #expect(reason.message.contains("lies in aks-a's own"))
    }

    @Test("7.3: an internal load balancer outside the consumer's ranges routes")
    func internalLBOutside() throws {
        #expect(try F.answer(Self.dialing("10.2.0.50")).via == .network)
    }

    @Test("7.3: an azure-cni consumer's pod range is VNet addresses, so it is not checked")
    func azureCNIPodRange() throws {
        // aks-a's azure-cni pods use 10.1.0.0/20, its node subnet; a load balancer there is a VNet address.
        let builder = F.base.service(
            "aks-b/backend/api", ports: [ServicePort(name: "http", port: 80)], exposure: .internalLB, loadBalancerIP: "10.1.0.50")
        #expect(try F.answer(builder).rejection(.network)?.code != .addressInConsumerRange)
    }

    @Test("7.3: a private east-west gateway and an internal ingress address in the consumer's range")
    func gatewayAndIngressInConsumerRange() throws {
        let gateway = MeshMembership(id: "m1", network: "net-2", trustRoot: "root", eastWestGateway: TopologyBuilder.address("10.100.0.9"))
        let mesh = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: F.mesh)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: gateway)
            .meshLink("aks-a", "aks-b")
        #expect(try F.answer(mesh).rejection(.mesh)?.code == .addressInConsumerRange)
        let ingress = F.base.ingress("aks-b/backend/api", host: "api.internal", visibility: .internal, address: "10.100.0.80")
        #expect(try F.answer(ingress).rejection(.ingress)?.code == .addressInConsumerRange)
        let outside = F.base.ingress("aks-b/backend/api", host: "api.internal", visibility: .internal, address: "10.2.0.80")
        #expect(try F.answer(outside).via == .ingress)
    }

    @Test("7.4: an SCTP port is not carried by an Azure load balancer; TCP and UDP are", arguments: [PortProtocol.sctp, .udp, .tcp])
    func loadBalancerProtocol(protocol: PortProtocol) throws {
        let builder = F.base.service(
            "aks-b/backend/api", ports: [ServicePort(name: "sig", port: 3868, protocol: `protocol`)], exposure: .publicLB, loadBalancerIP: "20.1.2.3")
        let answer = try F.answer(builder, via: .pinned(.network))
        if `protocol` == .sctp {
            #expect(answer.rejection(.network)?.code == .loadBalancerProtocol)
        } else {
            #expect(answer.via == .network)
        }
    }
}
