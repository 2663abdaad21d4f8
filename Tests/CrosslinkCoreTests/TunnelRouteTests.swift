import CrosslinkCore
import CrosslinkTestSupport
import Testing

@Suite struct TunnelRouteTests {
    typealias F = RouteFixtures

    static func overlay(globalnetA: String? = nil, globalnetB: String? = nil) -> TopologyBuilder {
        F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", plugin: .azureCNIOverlay, serviceCIDR: "10.100.0.0/16", globalnet: globalnetA)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", plugin: .kubenet, serviceCIDR: "10.101.0.0/16", globalnet: globalnetB)
            .tunnel("aks-a", "aks-b")
    }

    @Test("a connected public tunnel gives the clusterset DNS name")
    func routable() throws {
        let answer = try F.answer(F.base.tunnel("aks-a", "aks-b"))
        #expect(answer.via == .tunnel && answer.address == "api.backend.svc.clusterset.local")
        #expect(answer.hops == ["aks-a", "tunnel aks-a~aks-b (libreswan, public)", "aks-b"])
    }

    // §7.5 made Globalnet a ClusterSet-wide setting: the fix names the whole set, and one member
    // with Globalnet and one without is GlobalnetMixed, not an overlap.
    @Test("overlapping pod CIDRs need Globalnet on every member")
    func podOverlap() throws {
        let reason = try #require(try F.answer(Self.overlay()).rejection(.tunnel))
        #expect(reason.code == .clusterCIDROverlap)
        #expect(
            reason.message
                == "pod CIDRs of aks-a and aks-b overlap on 10.244.0.0/16: renumber one of them, or give every cluster of their ClusterSet a Globalnet CIDR (Submariner Globalnet)"
        )
        let half = try #require(try F.answer(Self.overlay(globalnetA: "242.0.0.0/16")).rejection(.tunnel))
        #expect(half.code == .globalnetMixed && half.message.contains("(aks-a)") && half.message.contains("(aks-b)"))
    }

    @Test("disjoint Globalnet CIDRs make overlapping clusters routable")
    func globalnet() throws {
        let answer = try F.answer(Self.overlay(globalnetA: "242.0.0.0/16", globalnetB: "242.1.0.0/16"))
        #expect(answer.via == .tunnel && answer.hops[1] == "tunnel aks-a~aks-b (libreswan, public, globalnet)")
    }

    @Test("overlapping Globalnet CIDRs are not enough")
    func globalnetOverlap() throws {
        let reason = try #require(try F.answer(Self.overlay(globalnetA: "242.0.0.0/16", globalnetB: "242.0.0.0/24")).rejection(.tunnel))
        #expect(reason.code == .globalnetOverlap && reason.message.contains("242.0.0.0/24"))
    }

    @Test("service CIDRs count too")
    func serviceOverlap() throws {
        let builder = F.base.cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.101.0.0/16").tunnel("aks-a", "aks-b")
        let reason = try #require(try F.answer(builder).rejection(.tunnel))
        #expect(reason.message.hasPrefix("service CIDRs of aks-a and aks-b overlap on 10.101.0.0/16"))
    }

    @Test(
        "tunnel rejections",
        arguments: [
            ("none", ReasonCode.noTunnel, "no tunnel joins aks-a and aks-b"),
            ("error", .tunnelNotConnected, "tunnel aks-a~aks-b is error, not connected"),
            ("private unpeered", .peeringNotConnected, "tunnel aks-a~aks-b uses private endpoints"),
            ("public no egress", .noInternetEgress, "uses public endpoints, but aks-a has no internet egress"),
        ])
    func rejections(name: String, code: ReasonCode, text: String) throws {
        let builder: TopologyBuilder =
            switch name {
            case "none": F.base
            case "error": F.base.tunnel("aks-a", "aks-b", state: .error)
            case "private unpeered": F.base.tunnel("aks-a", "aks-b", endpoint: .private).peering("vnet-a", "vnet-b", state: .initiated)
            default: F.base.tunnel("aks-a", "aks-b").cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", egress: .none)
            }
        let reason = try #require(try F.answer(builder, via: .pinned(.tunnel)).rejection(.tunnel))
        #expect(reason.code == code && reason.message.contains(text), "\(reason.message)")
    }

    @Test("a private tunnel over a peering lists the peering hop")
    func privateEndpoint() throws {
        let answer = try F.answer(F.base.tunnel("aks-a", "aks-b", endpoint: .private, cableDriver: .wireguard))
        #expect(answer.hops == ["aks-a", "peering vnet-a~vnet-b", "tunnel aks-a~aks-b (wireguard, private)", "aks-b"])
    }

    @Test("tunnels do not transit a third cluster")
    func noTransit() throws {
        let builder = F.base.tunnel("aks-a", "aks-far").tunnel("aks-far", "aks-b")
        #expect(try F.answer(builder).rejection(.tunnel)?.code == .noTunnel)
    }
}
