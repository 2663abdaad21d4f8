import CrosslinkAzure
import CrosslinkCore
import CrosslinkTestSupport
import Foundation
import Testing

/// The az output files under Fixtures/, written after the shapes Azure documents for each command.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func document(_ name: String) throws -> AzureDocument {
        AzureDocument(source: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
    }

    /// Every fixture, as `crosslink import azure` would be given them.
    static func estate() throws -> AzureInput {
        AzureInput(
            vnets: [try document("vnets.json")],
            peerings: try ["peerings-hub.json", "peerings-spoke-a.json", "peerings-spoke-b.json"].map(document),
            vpnGateways: [try document("vpn-gateways.json")],
            vpnConnections: [try document("vpn-connections.json")],
            clusters: [try document("aks-list.json"), try document("aks-show-neu.json")])
    }
}

@Suite struct AzureImportTests {
    @Test("the fixture estate translates to exactly the expected topology")
    func estate() throws {
        let imported = try AzureImport(try Fixture.estate())
        var expected = TopologyBuilder()
            .vnet("hub-vnet", "10.0.0.0/16")
            .vnet("spoke-a", "10.1.0.0/16")
            .vnet("spoke-b", "10.2.0.0/16")
            .vnet("vnet-neu", "10.20.0.0/16", region: "northeurope")
            .peering("hub-vnet", "spoke-a", gatewayTransit: "hub-vnet")
            .peering("hub-vnet", "spoke-b")
            // Spec §8: both halves of each fixture peering allow forwarded traffic.
            .allowForwardedTraffic("hub-vnet", "spoke-a").allowForwardedTraffic("hub-vnet", "spoke-b")
            .vpnGateway("vgw-hub", in: "hub-vnet", bgpASN: 65010)
            .vpnGateway("vgw-neu", in: "vnet-neu")
            .vpnConnection("vgw-hub", "vgw-neu")
            .cluster("aks-weu-a", in: "spoke-a", nodeSubnet: "10.1.0.0/20", plugin: .azureCNI, podCIDR: "10.1.16.0/20", serviceCIDR: "172.16.0.0/16")
            .cluster("aks-weu-b", in: "spoke-b", nodeSubnet: "10.2.0.0/20", plugin: .azureCNIOverlay, podCIDR: "10.244.0.0/16", serviceCIDR: "172.17.0.0/16")
            .cluster("aks-neu", in: "vnet-neu", nodeSubnet: "10.20.0.0/20", plugin: .kubenet, podCIDR: "10.244.0.0/16", serviceCIDR: "10.0.0.0/16")
            .topology
        expected.clusters["aks-weu-a"]?.nodePools = ["system", "user1"]
        expected.clusters["aks-weu-b"]?.nodePools = ["nodepool1"]
        expected.clusters["aks-neu"]?.nodePools = ["nodepool1"]
        #expect(imported.topology == expected)
        try imported.topology.validate()

        let notes = imported.notes.joined(separator: "\n")
        #expect(imported.notes.count == 6, "\(notes)")
        for fragment in [
            "IPv6 address prefix fd00:db8:deca::/48 skipped", "vpn gateway 'ergw-hub': skipped, gatewayType ExpressRoute",
            "vpn connection 'hub-to-onprem': skipped, an IPsec connection to local network gateway 'lgw-onprem'",
            "vpn connection 'neu-to-hub': no connectionStatus", "cluster 'aks-byocni': skipped, networkPlugin none",
            "cluster 'aks-sandbox': skipped, it uses an AKS-managed VNet",
        ] {
            #expect(notes.contains(fragment), "missing note: \(fragment)")
        }
    }

    @Test("translation is deterministic whatever the file order")
    func deterministic() throws {
        let input = try Fixture.estate()
        var reversed = input
        reversed.peerings.reverse()
        reversed.clusters.reverse()
        #expect(try AzureImport(input).topology == AzureImport(reversed).topology)
    }

    @Test(
        "Azure names map to DNS-1123 labels",
        arguments: [
            ("Hub_VNet", "hub-vnet"), ("vnet.prod.WEU", "vnet-prod-weu"), ("_aks_", "aks"), ("spoke-a", "spoke-a"),
            ("AKS--Dev", "aks--dev"), (String(repeating: "a", count: 62) + "_b", String(repeating: "a", count: 62)),
        ])
    func label(azure: String, expected: String) {
        #expect(AzureNames.label(for: azure) == expected)
    }

    @Test("a name with no letters or digits maps to nothing")
    func emptyLabel() {
        #expect(AzureNames.label(for: "__.") == nil)
    }
}
