import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §7.5 and §7.6: Submariner ClusterSets (every cluster joined by tunnels, whatever their state).
@Suite struct ClusterSetTests {
    typealias F = RouteFixtures

    /// aks-a – aks-b (the pair under test) plus aks-c joined to aks-b only, by a tunnel in `state`.
    static func chain(c: (pod: String, service: String, globalnet: String?), a: String? = nil, b: String? = nil, state: TunnelState = .error)
        -> TopologyBuilder
    {
        F.base
            .vnet("vnet-c", "10.3.0.0/16")
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", globalnet: a)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", globalnet: b)
            .cluster(
                "aks-c", in: "vnet-c", nodeSubnet: "10.3.0.0/20", plugin: .azureCNIOverlay, podCIDR: c.pod, serviceCIDR: c.service,
                globalnet: c.globalnet
            )
            .tunnel("aks-a", "aks-b").tunnel("aks-b", "aks-c", state: state)
    }

    @Test("7.6: a CIDR that collides with a third member of the set rejects the pair, even over a tunnel in error")
    func setWideDistinctness() throws {
        // aks-c's service range holds aks-a's pods; aks-c is joined only to aks-b, by a broken tunnel.
        let reason = try #require(try F.answer(Self.chain(c: ("10.244.0.0/16", "10.1.0.0/16", nil))).rejection(.tunnel))
        #expect(reason.code == .clusterCIDROverlap)
        #expect(
            reason.message.hasPrefix(
                "the pod CIDR of aks-a and the service CIDR of aks-c overlap on 10.1.0.0/20, and aks-c is in the ClusterSet of aks-a and aks-b"))
    }

    @Test("7.6: distinct CIDRs across the set route")
    func setWideDistinct() throws {
        let answer = try F.answer(Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", nil)))
        #expect(answer.via == .tunnel && answer.hops == ["aks-a", "tunnel aks-a~aks-b (libreswan, public)", "aks-b"])
    }

    @Test("7.6: without a tunnel path to the third cluster, its ranges do not matter")
    func separateSets() throws {
        var builder = Self.chain(c: ("10.244.0.0/16", "10.1.0.0/16", nil))
        builder = builder.with { $0.tunnels[UnorderedPair("aks-b", "aks-c")] = nil }
        #expect(try F.answer(builder).via == .tunnel)
    }

    @Test("7.5: Globalnet on some members but not others rejects every tunnel path of the set")
    func globalnetMixed() throws {
        let builder = Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", "242.2.0.0/16"), a: "242.0.0.0/16", b: "242.1.0.0/16", state: .connected)
        #expect(try F.answer(builder).via == .tunnel)
        let mixed = Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", nil), a: "242.0.0.0/16", b: "242.1.0.0/16")
        let reason = try #require(try F.answer(mixed).rejection(.tunnel))
        #expect(reason.code == .globalnetMixed)
        #expect(reason.message.contains("some members use Globalnet (aks-a) and others do not (aks-c)"))
    }

    @Test("7.5: a Globalnet set routes through Globalnet even where the ranges are distinct")
    func globalnetHop() throws {
        let builder = Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", "242.2.0.0/16"), a: "242.0.0.0/16", b: "242.1.0.0/16")
        #expect(try F.answer(builder).hops[1] == "tunnel aks-a~aks-b (libreswan, public, globalnet)")
    }

    @Test("7.5: overlapping Globalnet CIDRs within the set reject the paths of the clusters concerned")
    func globalnetOverlapInSet() throws {
        let builder = Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", "242.0.0.0/24"), a: "242.0.0.0/16", b: "242.1.0.0/16")
        let reason = try #require(try F.answer(builder).rejection(.tunnel))
        #expect(reason.code == .globalnetOverlap)
        #expect(reason.message.hasPrefix("the Globalnet CIDRs of aks-a (242.0.0.0/16) and aks-c (242.0.0.0/24) overlap on 242.0.0.0/24"))
        // aks-b's own range collides with no one, but its path to aks-a does (aks-a is concerned).
        let other = Self.chain(c: ("10.244.0.0/16", "10.102.0.0/16", "242.1.0.0/24"), a: "242.0.0.0/16", b: "242.1.0.0/16", state: .connected)
        #expect(try F.answer(other, from: "aks-a/x", to: "aks-b/backend/api").rejection(.tunnel)?.code == .globalnetOverlap)
    }

    @Test("7.6: a node subnet inside the other cluster's pod or service range", arguments: ["pod", "service"])
    func nodeSubnetInRemoteRange(kind: String) throws {
        // aks-b (overlay, pods elsewhere) has node subnet 10.2.0.0/20; aks-a (overlay) puts that range in
        // its pod or service CIDR.
        let builder = F.base
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", plugin: .azureCNIOverlay, podCIDR: "10.245.0.0/16", serviceCIDR: "10.101.0.0/16")
            .cluster(
                "aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", plugin: .azureCNIOverlay,
                podCIDR: kind == "pod" ? "10.2.0.0/16" : "10.244.0.0/16", serviceCIDR: kind == "pod" ? "10.100.0.0/16" : "10.2.0.0/16"
            )
            .tunnel("aks-a", "aks-b")
        let reason = try #require(try F.answer(builder).rejection(.tunnel))
        #expect(reason.code == .nodeSubnetInRemoteRange)
        #expect(reason.message.hasPrefix("the node subnet 10.2.0.0/20 of aks-b overlaps the \(kind) CIDR 10.2.0.0/16 of aks-a"))
    }

    @Test("7.6: node subnets outside the other cluster's ranges route")
    func nodeSubnetOutside() throws {
        let builder = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", plugin: .azureCNIOverlay, podCIDR: "10.244.0.0/16", serviceCIDR: "10.100.0.0/16")
            .tunnel("aks-a", "aks-b")
        #expect(try F.answer(builder).via == .tunnel)
    }

    @Test("a large ClusterSet finds the same collisions as comparing every pair")
    func largeSet() throws {
        // 80 clusters in one set (a chain of tunnels), each with its own ranges, plus one collision
        // between members 10 and 70 (far apart on the chain).
        var builder = TopologyBuilder().vnet("v", "10.0.0.0/8")
        for index in 0..<80 {
            let service = index == 70 ? "172.16.10.0/24" : "172.16.\(index).0/24"
            builder = builder.cluster(
                "k\(index)", in: "v", nodeSubnet: "10.\(index).0.0/16", plugin: .kubenet, podCIDR: "100.64.\(index).0/24", serviceCIDR: service)
            if index > 0 { builder = builder.tunnel("k\(index - 1)", "k\(index)") }
        }
        builder = builder.service("k11/ns/s", ports: [ServicePort(port: 80)]).service("k31/ns/s", ports: [ServicePort(port: 80)])
        let engine = RouteEngine(topology: builder.topology)
        let hit = try engine.answer(consumer: Consumer(cluster: "k10"), service: TopologyBuilder.service("k11/ns/s"), port: nil, via: .pinned(.tunnel))
        #expect(hit.rejected.first?.reason.message.hasPrefix("service CIDRs of k10 and k70 overlap on 172.16.10.0/24") == true)
        let clear = try engine.answer(consumer: Consumer(cluster: "k30"), service: TopologyBuilder.service("k31/ns/s"), port: nil, via: .pinned(.tunnel))
        #expect(clear.via == .tunnel)
    }
}
