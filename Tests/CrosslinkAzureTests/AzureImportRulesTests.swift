import CrosslinkAzure
import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Rules of the translation, one table row per case, on small inline az outputs.
@Suite struct AzureImportRulesTests {
    static let subscription = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network"

    static func vnet(_ name: String, _ prefix: String, subnet: String? = nil) -> String {
        let subnets = subnet.map { #"[{"name": "s", "id": "\#(subscription)/virtualNetworks/\#(name)/subnets/s", "addressPrefix": "\#($0)"}]"# } ?? "[]"
        return
            #"{"name": "\#(name)", "id": "\#(subscription)/virtualNetworks/\#(name)", "location": "westeurope", "addressSpace": {"addressPrefixes": ["\#(prefix)"]}, "subnets": \#(subnets)}"#
    }

    static func peering(_ local: String, _ remote: String, state: String, useRemoteGateways: Bool = false) -> String {
        #"{"name": "\#(local)-to-\#(remote)", "id": "\#(subscription)/virtualNetworks/\#(local)/virtualNetworkPeerings/\#(local)-to-\#(remote)", "remoteVirtualNetwork": {"id": "\#(subscription)/virtualNetworks/\#(remote)"}, "peeringState": "\#(state)", "allowGatewayTransit": \#(!useRemoteGateways), "useRemoteGateways": \#(useRemoteGateways)}"#
    }

    static func connection(_ name: String, _ from: String, _ to: String, status: String?, bgp: Bool) -> String {
        let statusField = status.map { #""connectionStatus": "\#($0)", "# } ?? ""
        return
            #"{"name": "\#(name)", "id": "\#(subscription)/connections/\#(name)", "connectionType": "Vnet2Vnet", \#(statusField)"enableBgp": \#(bgp), "virtualNetworkGateway1": {"id": "\#(subscription)/virtualNetworkGateways/\#(from)"}, "virtualNetworkGateway2": {"id": "\#(subscription)/virtualNetworkGateways/\#(to)"}}"#
    }

    static let twoVNets = AzureDocument(source: "vnets.json", text: "[\(vnet("a", "10.1.0.0/16")), \(vnet("b", "10.2.0.0/16"))]")

    @Test(
        "the two halves of a peering become one; connected only if both sides are",
        arguments: [
            ("Connected", "Connected", PeeringState.connected),
            ("Connected", "Initiated", .initiated),
            ("Initiated", "Disconnected", .disconnected),
            ("Connected", nil, .connected),
            ("Initiated", nil, .initiated),
        ] as [(String, String?, PeeringState)])
    func peeringState(a: String, b: String?, expected: PeeringState) throws {
        var documents = [AzureDocument(source: "a.json", text: "[\(Self.peering("a", "b", state: a))]")]
        if let b { documents.append(AzureDocument(source: "b.json", text: "[\(Self.peering("b", "a", state: b))]")) }
        let imported = try AzureImport(AzureInput(vnets: [Self.twoVNets], peerings: documents))
        #expect(imported.topology.peerings.count == 1)
        #expect(imported.topology.peerings[UnorderedPair("a", "b")]?.state == expected)
    }

    @Test("the side with useRemoteGateways uses the other side's gateway")
    func gatewayTransit() throws {
        let documents = [
            AzureDocument(source: "a.json", text: "[\(Self.peering("a", "b", state: "Connected", useRemoteGateways: true))]"),
            AzureDocument(source: "b.json", text: "[\(Self.peering("b", "a", state: "Connected"))]"),
        ]
        let imported = try AzureImport(AzureInput(vnets: [Self.twoVNets], peerings: documents))
        #expect(imported.topology.peerings[UnorderedPair("a", "b")]?.gatewayTransit == "b")
    }

    @Test(
        "a VPN pair's state is its worse side's; BGP only when both sides enable it",
        arguments: [
            ("Connected", "Connected", true, true, VPNConnectionState.connected, true),
            ("Connected", "Connecting", true, false, .connecting, false),
            ("Unknown", "Connected", false, false, .notconnected, false),
            ("NotConnected", nil, true, true, .notconnected, true),
            (nil, nil, false, false, .connected, false),
        ] as [(String?, String?, Bool, Bool, VPNConnectionState, Bool)])
    func connectionPair(first: String?, second: String?, bgpFirst: Bool, bgpSecond: Bool, state: VPNConnectionState, bgp: Bool) throws {
        let text =
            "[\(Self.connection("g1-to-g2", "g1", "g2", status: first, bgp: bgpFirst)), \(Self.connection("g2-to-g1", "g2", "g1", status: second, bgp: bgpSecond))]"
        let imported = try AzureImport(AzureInput(vpnConnections: [AzureDocument(source: "c.json", text: text)]))
        #expect(imported.topology.vpnConnections[UnorderedPair("g1", "g2")] == VPNConnection(gateways: UnorderedPair("g1", "g2"), state: state, bgp: bgp))
    }

    @Test(
        "bad input is one clear line naming the file and the object",
        arguments: [
            (
                #"[{"name": "a", "id": "/x/virtualNetworks/a", "location": "westeurope"}]"#,
                "vnets.json: vnet 'a': missing required field 'addressSpace.addressPrefixes'"
            ),
            (
                #"[{"id": "/x/virtualNetworks/a", "location": "westeurope", "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}]"#,
                "vnets.json: vnet #1: missing required field 'name'"
            ),
            (
                #"[{"name": "a", "id": "/x/virtualNetworks/a", "location": "westeurope", "addressSpace": {"addressPrefixes": ["10.0.0.1/16"]}}]"#,
                "vnets.json: vnet 'a': addressSpace.addressPrefixes '10.0.0.1/16' has host bits set; did you mean 10.0.0.0/16?"
            ),
            (
                #"[{"name": "a", "id": "/x/virtualNetworks/a", "location": "westeurope", "addressSpace": {"addressPrefixes": "10.0.0.0/16"}}]"#,
                "vnets.json: vnet #1 field 'addressSpace.addressPrefixes' is not an array"
            ),
            (#"[{"name": "a", "#, "vnets.json: not valid JSON"),
            ("name: a", "vnets.json: not JSON; expected the array or object that az prints with '-o json'"),
            ("", "vnets.json: empty; expected the JSON that az prints"),
            (
                "[\(vnet("Hub_VNet", "10.1.0.0/16")), \(vnet("hub.vnet", "10.2.0.0/16"))]",
                "vnets.json: vnet 'hub.vnet': Azure vnets 'Hub_VNet' and 'hub.vnet' both map to the crosslink name 'hub-vnet'"
            ),
        ])
    func badVNets(text: String, message: String) {
        let error = #expect(throws: CrosslinkError.self) { try AzureImport(AzureInput(vnets: [AzureDocument(source: "vnets.json", text: text)])) }
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    @Test(
        "bad cluster input names the file and the cluster",
        arguments: [
            (
                #"{"name": "aks-x", "location": "westeurope", "agentPoolProfiles": [{"name": "p", "vnetSubnetId": "/x/virtualNetworks/a/subnets/s"}]}"#,
                "aks.json: cluster 'aks-x': missing required field 'networkProfile'"
            ),
            (
                #"{"name": "aks-x", "location": "westeurope", "agentPoolProfiles": [{"name": "p", "vnetSubnetId": "/x/virtualNetworks/a/subnets/nope"}], "networkProfile": {"networkPlugin": "azure"}}"#,
                "aks.json: cluster 'aks-x': agentPoolProfiles[].vnetSubnetId '/x/virtualNetworks/a/subnets/nope' is not a subnet of any VNet in the vnets input"
            ),
            (
                #"{"name": "aks-x", "location": "westeurope", "agentPoolProfiles": [{"name": "p", "vnetSubnetId": "/x/virtualNetworks/a/subnets/s"}], "networkProfile": {"networkPlugin": "calico"}}"#,
                "aks.json: cluster 'aks-x': networkProfile.networkPlugin 'calico' is not one of: azure | kubenet | none"
            ),
        ])
    func badClusters(text: String, message: String) {
        let vnets = AzureDocument(source: "vnets.json", text: "[\(Self.vnet("a", "10.1.0.0/16", subnet: "10.1.0.0/20"))]")
        let error = #expect(throws: CrosslinkError.self) {
            try AzureImport(AzureInput(vnets: [vnets], clusters: [AzureDocument(source: "aks.json", text: text)]))
        }
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test("both sides using remote gateways is refused")
    func bothUseRemoteGateways() {
        let documents = [
            AzureDocument(source: "a.json", text: "[\(Self.peering("a", "b", state: "Connected", useRemoteGateways: true))]"),
            AzureDocument(source: "b.json", text: "[\(Self.peering("b", "a", state: "Connected", useRemoteGateways: true))]"),
        ]
        let error = #expect(throws: CrosslinkError.self) { try AzureImport(AzureInput(vnets: [Self.twoVNets], peerings: documents)) }
        #expect(error?.message.contains("both a and b set useRemoteGateways") == true, "\(error?.message ?? "")")
    }

    @Test(
        "outboundType none or block means no egress; everything else internet",
        arguments: [
            ("loadBalancer", Egress.internet), ("userDefinedRouting", .internet), ("managedNATGateway", .internet), ("none", .none), ("block", .none),
        ])
    func egress(outboundType: String, expected: Egress) throws {
        let vnets = AzureDocument(source: "vnets.json", text: "[\(Self.vnet("a", "10.1.0.0/16", subnet: "10.1.0.0/20"))]")
        let cluster =
            #"{"name": "aks-x", "location": "westeurope", "agentPoolProfiles": [{"name": "p", "vnetSubnetId": "\#(Self.subscription)/virtualNetworks/a/subnets/s"}], "networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "podCidr": "10.244.0.0/16", "outboundType": "\#(outboundType)"}}"#
        let imported = try AzureImport(AzureInput(vnets: [vnets], clusters: [AzureDocument(source: "aks.json", text: cluster)]))
        #expect(imported.topology.clusters["aks-x"]?.egress == expected)
    }

    @Test("re-importing keeps what only crosslink records, and changes nothing else")
    func mergeKeepsCrosslinkSettings() throws {
        let imported = try AzureImport(try Fixture.estate())
        var stored = Topology()
        imported.apply(to: &stored)
        stored.clusters["aks-weu-a"]?.mesh = MeshMembership(id: "mesh1", network: "net-a", trustRoot: "root")
        stored.clusters["aks-weu-a"]?.isolatedNamespaces = ["payments"]
        stored.vpnGateways["vgw-hub"]?.publicIP = TopologyBuilder.address("20.50.1.2")
        var again = stored
        imported.apply(to: &again)
        #expect(again == stored)
    }
}
