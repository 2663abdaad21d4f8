// The JSON objects `az` prints, reduced to the fields crosslink reads. Every field is optional here
// (az prints `null` for unset values and drops fields between versions); the translation decides
// which ones are required and names them in its errors. Unknown fields are ignored by `Decodable`.

/// A `{"id": "..."}` reference to another Azure resource.
struct AzureReference: Decodable {
    var id: String?
}

/// One object of `az network vnet list`.
struct AzureVNet: Decodable {
    struct AddressSpace: Decodable {
        var addressPrefixes: [String]?
    }

    struct Subnet: Decodable {
        var id: String?
        var name: String?
        var addressPrefix: String?
        /// Newer API versions print a list instead of `addressPrefix` when a subnet has several.
        var addressPrefixes: [String]?
        /// The route table and NSG attached to the subnet (spec §8).
        var routeTable: AzureReference?
        var networkSecurityGroup: AzureReference?
    }

    var id: String?
    var name: String?
    var location: String?
    var addressSpace: AddressSpace?
    var subnets: [Subnet]?
}

/// One half-link of `az network vnet peering list --vnet-name X`.
struct AzurePeering: Decodable {
    var id: String?
    var name: String?
    var remoteVirtualNetwork: AzureReference?
    var peeringState: String?
    var allowGatewayTransit: Bool?
    var useRemoteGateways: Bool?
    var allowForwardedTraffic: Bool?
}

/// One object of `az network vnet-gateway list`.
struct AzureGateway: Decodable {
    struct IPConfiguration: Decodable {
        var subnet: AzureReference?
    }

    struct BGPSettings: Decodable {
        var asn: UInt32?
    }

    var id: String?
    var name: String?
    var gatewayType: String?
    var enableBgp: Bool?
    var bgpSettings: BGPSettings?
    var ipConfigurations: [IPConfiguration]?
}

/// One object of `az network vpn-connection list`.
struct AzureConnection: Decodable {
    var id: String?
    var name: String?
    var connectionType: String?
    var connectionStatus: String?
    var enableBgp: Bool?
    var virtualNetworkGateway1: AzureReference?
    var virtualNetworkGateway2: AzureReference?
    var localNetworkGateway2: AzureReference?
}

/// One object of `az aks list` or `az aks show`.
struct AzureCluster: Decodable {
    struct AgentPool: Decodable {
        var name: String?
        var vnetSubnetId: String?
        /// Azure CNI with dynamic pod IPs: pods take addresses from this subnet, not the node subnet.
        var podSubnetId: String?
    }

    struct NetworkProfile: Decodable {
        var networkPlugin: String?
        var networkPluginMode: String?
        var podCidr: String?
        var podCidrs: [String]?
        var serviceCidr: String?
        var serviceCidrs: [String]?
        var outboundType: String?
    }

    var id: String?
    var name: String?
    var location: String?
    var agentPoolProfiles: [AgentPool]?
    var networkProfile: NetworkProfile?
}
