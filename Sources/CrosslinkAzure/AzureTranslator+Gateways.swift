import CrosslinkCore

extension AzureTranslator {
    mutating func addGateways(_ entries: [Located<AzureGateway>]) throws {
        for entry in entries {
            let gateway = entry.item
            let place = entry.description("vpn gateway", name: gateway.name)
            let name = try require(gateway.name, "name", at: place)
            let id = ResourceID(try require(gateway.id, "id", at: place))
            let type = try require(gateway.gatewayType, "gatewayType", at: place)
            guard type.lowercased() == "vpn" else {
                notes.append("\(place): skipped, gatewayType \(type) is not Vpn; crosslink models VPN gateways only")
                continue
            }
            let configurations = gateway.ipConfigurations ?? []
            guard let subnetID = configurations.lazy.compactMap({ $0.subnet?.id }).first else {
                throw CrosslinkError(.malformedFile, "\(place): missing required field 'ipConfigurations[].subnet.id'")
            }
            let vnet = try vnetLabel(in: subnetID, field: "ipConfigurations[].subnet.id", at: place)
            // Azure prints bgpSettings (ASN 65515) even on gateways without BGP; only enableBgp counts.
            var asn: UInt32?
            if gateway.enableBgp == true {
                asn = try require(gateway.bgpSettings?.asn, "bgpSettings.asn", at: place)
            }
            let label = try gatewayNames.label(for: name, identity: id.key, at: place)
            gatewayIDs[id.key] = label
            // az prints only the ID of the public IP resource, not the address: publicIP stays unset.
            topology.vpnGateways[label] = VPNGateway(name: label, vnet: vnet, publicIP: nil, bgpASN: asn)
        }
    }

    mutating func addConnections(_ entries: [Located<AzureConnection>]) throws {
        for entry in entries {
            let connection = entry.item
            let place = entry.description("vpn connection", name: connection.name)
            let name = try require(connection.name, "name", at: place)
            let type = try require(connection.connectionType, "connectionType", at: place)
            switch type.lowercased() {
            case "vnet2vnet":
                break
            case "ipsec":
                let local = connection.localNetworkGateway2?.id.flatMap { ResourceID($0).name(after: "localNetworkGateways") }
                let target = local.map { "local network gateway \($0.quoted)" } ?? "a local network gateway"
                notes.append(
                    "\(place): skipped, an IPsec connection to \(target) has no second VPN gateway; register the other side with 'crosslink vpn-gateway add' and 'crosslink vpn-connection add'"
                )
                continue
            default:
                notes.append("\(place): skipped, connectionType \(type) is not Vnet2Vnet or IPsec")
                continue
            }
            let first = try gatewayLabel(
                try require(connection.virtualNetworkGateway1?.id, "virtualNetworkGateway1.id", at: place),
                field: "virtualNetworkGateway1.id", at: place)
            let second = try gatewayLabel(
                try require(connection.virtualNetworkGateway2?.id, "virtualNetworkGateway2.id", at: place),
                field: "virtualNetworkGateway2.id", at: place)
            let state: VPNConnectionState
            switch connection.connectionStatus?.lowercased() {
            case nil:
                // `az network vpn-connection list` leaves the runtime status out; `show` prints it.
                notes.append("\(place): no connectionStatus (az network vpn-connection list omits it; 'show' prints it); assumed Connected")
                state = .connected
            case "connected": state = .connected
            case "connecting": state = .connecting
            // Unknown: Azure could not confirm the tunnel, so crosslink does not route over it.
            case "notconnected", "unknown": state = .notconnected
            case .some:
                throw CrosslinkError(
                    .invalidValue,
                    "\(place): connectionStatus \((connection.connectionStatus ?? "").quoted) is not one of: Connected | Connecting | NotConnected | Unknown")
            }
            let key = connection.id?.lowercased() ?? "\(entry.source)#\(name)"
            connectionHalves[key] = ConnectionHalf(
                place: place, gateways: UnorderedPair(first, second), state: state,
                bgp: connection.enableBgp ?? false)
        }
    }

    /// The crosslink name of the gateway with `id`: the imported gateway's, else one made from the ID.
    private mutating func gatewayLabel(_ id: String, field: String, at place: String) throws -> String {
        let resource = ResourceID(id)
        if let label = gatewayIDs[resource.key] { return label }
        guard let name = resource.name(after: "virtualNetworkGateways") else {
            throw CrosslinkError(.invalidValue, "\(place): \(field) \(id.quoted) does not name a virtual network gateway")
        }
        return try gatewayNames.label(for: name, identity: resource.key, at: place)
    }
}
