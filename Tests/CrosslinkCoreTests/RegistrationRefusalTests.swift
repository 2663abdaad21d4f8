import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §7.11: registration refuses reserved address spaces, a service CIDR inside its own VNet, and
/// kubenet clusters sharing a node subnet.
@Suite struct RegistrationRefusalTests {
    func refusal(_ builder: TopologyBuilder) -> String? {
        do {
            try builder.topology.validate()
            return nil
        } catch let error as CrosslinkError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "a VNet address space overlapping a reserved range is refused",
        arguments: [
            ("0.0.0.0/0", "0.0.0.0/8"), ("0.0.0.0/8", "0.0.0.0/8"), ("127.0.0.0/8", "127.0.0.0/8"), ("169.254.0.0/16", "169.254.0.0/16"),
            ("168.63.128.0/22", "168.63.129.16/32"), ("224.0.0.0/4", "224.0.0.0/4"), ("255.255.255.255/32", "240.0.0.0/4"),
            ("128.0.0.0/1", "169.254.0.0/16"),
        ])
    func reserved(space: String, named: String) {
        let message = refusal(TopologyBuilder().vnet("v", space))
        #expect(message?.hasPrefix("vnet v: address prefix \(space) overlaps \(named)") == true, "\(message ?? "accepted")")
    }

    @Test("ordinary private and public VNet ranges are accepted", arguments: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "20.1.0.0/16"])
    func notReserved(space: String) {
        #expect(refusal(TopologyBuilder().vnet("v", space)) == nil)
    }

    @Test("a service CIDR overlapping the cluster's own VNet is refused")
    func serviceCIDRInVNet() {
        let vnet = TopologyBuilder().vnet("v", "10.0.0.0/16", "10.1.0.0/16")
        let message = refusal(vnet.cluster("aks", in: "v", nodeSubnet: "10.1.0.0/20"))
        #expect(message?.hasPrefix("cluster aks: serviceCIDR 10.0.0.0/16 overlaps vnet v's address space on 10.0.0.0/16") == true)
        #expect(refusal(vnet.cluster("aks", in: "v", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.2.0.0/16")) == nil)
    }

    @Test("two kubenet clusters with overlapping node subnets in one VNet are refused; disjoint, other CNIs or other VNets are not")
    func kubenetNodeSubnets() {
        let base = TopologyBuilder().vnet("v", "10.1.0.0/16").vnet("w", "10.2.0.0/16")
        func pair(_ a: String, _ b: String, plugin: NetworkPlugin = .kubenet, vnetB: String = "v") -> TopologyBuilder {
            base.cluster("ka", in: "v", nodeSubnet: a, plugin: .kubenet, serviceCIDR: "172.16.0.0/16")
                .cluster("kb", in: vnetB, nodeSubnet: b, plugin: plugin, serviceCIDR: "172.17.0.0/16")
        }
        let message = refusal(pair("10.1.0.0/20", "10.1.0.0/24"))
        #expect(message?.contains("kubenet node subnet 10.1.0.0/24 overlaps the node subnet 10.1.0.0/20 of kubenet cluster ka in vnet v") == true)
        #expect(refusal(pair("10.1.0.0/20", "10.1.16.0/20")) == nil)
        #expect(refusal(pair("10.1.0.0/20", "10.1.0.0/20", plugin: .azureCNIOverlay)) == nil)
        #expect(refusal(pair("10.1.0.0/20", "10.2.0.0/20", vnetB: "w")) == nil)
    }
}
