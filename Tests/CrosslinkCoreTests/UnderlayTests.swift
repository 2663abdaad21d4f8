import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Rules N1–N5: VNet-to-VNet reachability.
@Suite struct UnderlayTests {
    /// hub (gw-hub, BGP) with spokes a (uses the hub's gateway) and b (does not) and c (uses it too);
    /// a remote region r (gw-r, BGP) connected to the hub; a third region s chained behind r.
    static let estate = TopologyBuilder()
        .vnet("hub", "10.0.0.0/16").vnet("a", "10.1.0.0/16").vnet("b", "10.2.0.0/16").vnet("c", "10.3.0.0/16")
        .vnet("r", "10.10.0.0/16").vnet("s", "10.20.0.0/16").vnet("lonely", "10.30.0.0/16")
        .vpnGateway("gw-hub", in: "hub", bgpASN: 65010).vpnGateway("gw-r", in: "r", bgpASN: 65020).vpnGateway("gw-s", in: "s", bgpASN: 65030)
        .peering("a", "hub", gatewayTransit: "hub").peering("b", "hub").peering("c", "hub", gatewayTransit: "hub")
        .vpnConnection("gw-hub", "gw-r", bgp: true).vpnConnection("gw-r", "gw-s", bgp: true)

    func reach(_ topology: Topology, _ x: String, _ y: String) -> Reachability {
        RouteEngine(topology: topology).reachability(from: x, to: y)
    }

    func reason(_ reachability: Reachability) -> RouteReason? {
        if case .unreachable(let reason) = reachability { return reason }
        return nil
    }

    @Test("N1: a VNet reaches itself with no hops")
    func sameVNet() {
        #expect(reach(Self.estate.topology, "a", "a") == .reachable(hops: []))
    }

    @Test("N2: a connected peering connects; any other state does not, and says which", arguments: [PeeringState.initiated, .disconnected])
    func peeringState(state: PeeringState) throws {
        #expect(reach(Self.estate.topology, "b", "hub") == .reachable(hops: ["peering b~hub"]))
        let broken = Self.estate.peering("b", "hub", state: state).topology
        let why = try #require(reason(reach(broken, "b", "hub")))
        #expect(why.code == .peeringNotConnected)
        #expect(why.message.contains("peering b~hub is \(state.rawValue), not connected"))
    }

    @Test("N3: peering is not transitive, and the reason names the middle VNet")
    func notTransitive() throws {
        // b does not use the hub's gateway, so only the peerings matter.
        let why = try #require(reason(reach(Self.estate.topology, "b", "a")))
        #expect(why.code == .peeringNotTransitive)
        #expect(why.message.contains("b and a are both peered to hub, but peering is not transitive"))
    }

    @Test("spokes sharing the hub's gateway do not reach each other through it")
    func sharedGateway() throws {
        let why = try #require(reason(reach(Self.estate.topology, "a", "c")))
        #expect(why.code == .sharedGatewayNoSpokeRouting)
        #expect(why.message.contains("hub's gateway gw-hub"))
    }

    @Test("N4: gateway transit plus a direct VPN connection reaches the remote VNet")
    func gatewayTransit() {
        #expect(reach(Self.estate.topology, "a", "r") == .reachable(hops: ["peering a~hub (gateway transit)", "vpn gw-hub~gw-r"]))
        #expect(reach(Self.estate.topology, "r", "a") == .reachable(hops: ["vpn gw-hub~gw-r", "peering a~hub (gateway transit)"]))
    }

    @Test("N4: a spoke without gateway transit has no VPN path")
    func noTransit() throws {
        let why = try #require(reason(reach(Self.estate.topology, "b", "r")))
        #expect(why.code == .noUnderlayPath)
    }

    @Test("N4: a chain of BGP connections is transitive")
    func bgpChain() {
        #expect(reach(Self.estate.topology, "hub", "s") == .reachable(hops: ["vpn gw-hub~gw-r (bgp)", "vpn gw-r~gw-s (bgp)"]))
    }

    @Test("N4: without BGP on every hop only directly connected networks are known", arguments: ["no-bgp-flag", "no-asn"])
    func chainWithoutBGP(variant: String) throws {
        var builder = Self.estate
        builder = variant == "no-bgp-flag" ? builder.vpnConnection("gw-r", "gw-s", bgp: false) : builder.vpnGateway("gw-r", in: "r")
        let why = try #require(reason(reach(builder.topology, "hub", "s")))
        #expect(why.code == .vpnChainWithoutBGP)
        // The direct connection still works.
        #expect(reach(builder.topology, "hub", "r").isReachable)
    }

    @Test("N4: a VPN connection that is not connected says so", arguments: [VPNConnectionState.connecting, .notconnected])
    func connectionState(state: VPNConnectionState) throws {
        let topology = Self.estate.vpnConnection("gw-hub", "gw-r", state: state, bgp: true).topology
        let why = try #require(reason(reach(topology, "hub", "r")))
        #expect(why.code == .vpnNotConnected && why.message.contains(state.rawValue))
    }

    @Test("N5: a VPN path between overlapping address spaces is unroutable")
    func vpnOverlap() throws {
        let topology = Self.estate.vnet("r", "10.0.128.0/17").topology
        let why = try #require(reason(reach(topology, "hub", "r")))
        #expect(why.code == .vpnAddressOverlap && why.message.contains("10.0.128.0/17"))
    }

    @Test("N5: peering overlapping VNets is refused at registration")
    func peeringOverlapRefused() {
        let topology = Self.estate.vnet("r", "10.0.128.0/17").peering("r", "hub").topology
        #expect(throws: CrosslinkError.self) { try topology.validate() }
    }

    @Test("no link at all")
    func nothing() throws {
        #expect(try #require(reason(reach(Self.estate.topology, "lonely", "hub"))).code == .noUnderlayPath)
    }
}
