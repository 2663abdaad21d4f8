import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §7.7: BGP peers need different ASNs, and no ASN may appear twice on a chain that relies on BGP.
@Suite struct DuplicateASNTests {
    /// Three regions x, y, z with gateways gx, gy, gz; x–y and y–z connected with BGP.
    static func chain(_ x: UInt32?, _ y: UInt32?, _ z: UInt32?) -> TopologyBuilder {
        TopologyBuilder()
            .vnet("x", "10.1.0.0/16").vnet("y", "10.2.0.0/16").vnet("z", "10.3.0.0/16")
            .vpnGateway("gx", in: "x", bgpASN: x).vpnGateway("gy", in: "y", bgpASN: y).vpnGateway("gz", in: "z", bgpASN: z)
            .vpnConnection("gx", "gy", bgp: true).vpnConnection("gy", "gz", bgp: true)
    }

    func reach(_ builder: TopologyBuilder, _ from: String, _ to: String) -> Reachability {
        RouteEngine(topology: builder.topology).reachability(from: from, to: to)
    }

    @Test("a chain whose gateways repeat an ASN is rejected, naming the gateways and the ASN")
    func repeatedOnChain() throws {
        guard case .unreachable(let reason) = reach(Self.chain(65515, 65020, 65515), "x", "z") else {
            Issue.record("expected unreachable")
            return
        }
        #expect(reason.code == .duplicateASN)
        #expect(reason.message.contains("gx and gz both have ASN 65515"))
    }

    @Test("distinct ASNs on the chain route")
    func distinctChain() {
        #expect(reach(Self.chain(65010, 65020, 65030), "x", "z").isReachable)
    }

    @Test("one BGP connection between two gateways with the same ASN is rejected; without BGP it is static and routes")
    func direct() {
        let same = Self.chain(65515, 65515, 65030)
        guard case .unreachable(let reason) = reach(same, "x", "y") else {
            Issue.record("expected unreachable")
            return
        }
        #expect(reason.code == .duplicateASN && reason.message.contains("gx and gy both have ASN 65515"))
        let staticRoutes = same.vpnConnection("gx", "gy", bgp: false)
        #expect(reach(staticRoutes, "x", "y").isReachable)
    }

    @Test("some chain without a repeated ASN is enough, even when the shortest one repeats")
    func alternativeChain() {
        // x–y–z repeats 65515 (gx and gy); x–w–v–z does not.
        let builder = Self.chain(65515, 65515, 65030)
            .vnet("w", "10.4.0.0/16").vnet("v", "10.5.0.0/16")
            .vpnGateway("gw", in: "w", bgpASN: 65040).vpnGateway("gv", in: "v", bgpASN: 65050)
            .vpnConnection("gx", "gw", bgp: true).vpnConnection("gw", "gv", bgp: true).vpnConnection("gv", "gz", bgp: true)
        guard case .reachable(let hops) = reach(builder, "x", "z") else {
            Issue.record("expected reachable")
            return
        }
        #expect(hops == ["vpn gw~gx (bgp)", "vpn gv~gw (bgp)", "vpn gv~gz (bgp)"])
    }

    @Test("a gateway without an ASN uses static routes: its direct connection routes even with bgp on")
    func noASNIsStatic() {
        #expect(reach(Self.chain(nil, 65515, 65515), "x", "y").isReachable)
    }
}
