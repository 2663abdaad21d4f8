@testable import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// The cheap `connects` the paths use to count conditions must decide exactly what `reachability` does.
@Suite struct UnderlayInternalTests {
    static let variants: [TopologyBuilder] = {
        let estate = UnderlayTests.estate
        return [
            estate,
            estate.vpnConnection("gw-r", "gw-s", bgp: false),
            estate.vpnGateway("gw-r", in: "r"),
            estate.vpnConnection("gw-hub", "gw-r", state: .connecting, bgp: true),
            estate.vnet("r", "10.0.128.0/17"),
            estate.peering("b", "hub", state: .initiated).peering("a", "b"),
            estate.vpnConnection("gw-hub", "gw-s", bgp: false),
        ]
    }()

    @Test("connects equals reachability for every pair of VNets", arguments: variants.indices)
    func connectsMatchesReachability(variant: Int) {
        let topology = Self.variants[variant].topology
        let underlay = Underlay(topology)
        for x in topology.vnets.keys.sorted() {
            for y in topology.vnets.keys.sorted() {
                #expect(underlay.connects(x, y) == underlay.reachability(from: x, to: y).isReachable, "\(x) -> \(y)")
            }
        }
    }
}
