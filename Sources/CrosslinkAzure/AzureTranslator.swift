import CrosslinkCore

/// Builds a `Topology` from decoded `az` objects, one command's output at a time.
///
/// VNets come first: peerings, gateways and clusters refer to them (and clusters to their subnets).
/// Peerings and VPN connections arrive as half-links, possibly from several files; `finishPairs()`
/// joins each pair once everything is read.
struct AzureTranslator {
    var topology = Topology()
    var notes: [String] = []

    var vnetNames = NameTable(noun: "vnet")
    var gatewayNames = NameTable(noun: "vpn gateway")
    var clusterNames = NameTable(noun: "cluster")
    /// Lowercased subnet ID → the subnet's VNet (crosslink name) and IPv4 prefix.
    var subnets: [String: (vnet: String, prefix: CIDR)] = [:]
    /// Lowercased gateway ID → crosslink name.
    var gatewayIDs: [String: String] = [:]
    /// Lowercased peering ID → its half-link; a file given twice adds nothing new.
    var peeringHalves: [String: PeeringHalf] = [:]
    /// Lowercased connection ID → its half-link.
    var connectionHalves: [String: ConnectionHalf] = [:]
    /// Lowercased route table / NSG ID → the subnets `az network vnet list` attaches it to (spec §8).
    var routeTableSubnets: [String: [(vnet: String, prefix: CIDR)]] = [:]
    var securityGroupSubnets: [String: [(vnet: String, prefix: CIDR)]] = [:]
    /// Lowercased firewall policy ID → its rule collection groups.
    var policyGroups: [String: [Located<AzureRuleCollectionGroup>]] = [:]
    var routeTableNames = NameTable(noun: "route table")
    var securityGroupNames = NameTable(noun: "nsg")
    var firewallNames = NameTable(noun: "firewall")

    /// One side of a VNet peering, as Azure lists it under the local VNet.
    struct PeeringHalf {
        var place: String
        var local: String
        var remote: String
        var state: PeeringState
        var usesRemoteGateways: Bool
        var allowsForwardedTraffic: Bool
    }

    /// One direction of a VNet-to-VNet connection (Azure creates one connection per side).
    struct ConnectionHalf {
        var place: String
        var gateways: UnorderedPair
        var state: VPNConnectionState
        var bgp: Bool
    }

    // MARK: VNets

    mutating func addVNets(_ entries: [Located<AzureVNet>]) throws {
        for entry in entries {
            let vnet = entry.item
            let place = entry.description("vnet", name: vnet.name)
            let name = try require(vnet.name, "name", at: place)
            let id = ResourceID(try require(vnet.id, "id", at: place))
            let location = try require(vnet.location, "location", at: place)
            let prefixes = try require(vnet.addressSpace?.addressPrefixes, "addressSpace.addressPrefixes", at: place)
            let label = try vnetNames.label(for: name, identity: (id.prefix(through: "virtualNetworks") ?? id).key, at: place)
            var space: [CIDR] = []
            for prefix in prefixes {
                if prefix.contains(":") {
                    notes.append("\(place): IPv6 address prefix \(prefix) skipped; crosslink models IPv4 networks only")
                    continue
                }
                space.append(try CIDR.parse(prefix, field: "\(place): addressSpace.addressPrefixes"))
            }
            guard !space.isEmpty else {
                throw CrosslinkError(.invalidValue, "\(place): addressSpace.addressPrefixes has no IPv4 prefix; crosslink models IPv4 networks only")
            }
            for (index, subnet) in (vnet.subnets ?? []).enumerated() {
                let subnetPlace = "\(place): subnet " + (subnet.name.map(\.quoted) ?? "#\(index + 1)")
                let subnetID = try require(subnet.id, "id", at: subnetPlace)
                let candidates = subnet.addressPrefix.map { [$0] } ?? subnet.addressPrefixes ?? []
                guard !candidates.isEmpty else {
                    throw CrosslinkError(.malformedFile, "\(subnetPlace): missing required field 'addressPrefix'")
                }
                // A subnet of a dual-stack VNet has an IPv6 prefix too; crosslink keeps the IPv4 one.
                guard let text = candidates.first(where: { !$0.contains(":") }) else { continue }
                let prefix = try CIDR.parse(text, field: "\(subnetPlace): addressPrefix")
                subnets[subnetID.lowercased()] = (label, prefix)
                if let table = subnet.routeTable?.id { routeTableSubnets[table.lowercased(), default: []].append((label, prefix)) }
                if let group = subnet.networkSecurityGroup?.id { securityGroupSubnets[group.lowercased(), default: []].append((label, prefix)) }
            }
            topology.vnets[label] = VNet(name: label, region: try region(location, at: place), addressSpace: space)
        }
    }

    /// The crosslink name of the VNet that `id` lies in (a VNet, subnet or peering ID).
    mutating func vnetLabel(in id: String, field: String, at place: String) throws -> String {
        let resource = ResourceID(id)
        guard let vnetID = resource.prefix(through: "virtualNetworks"), let name = vnetID.name(after: "virtualNetworks") else {
            throw CrosslinkError(.invalidValue, "\(place): \(field) \(id.quoted) does not name a virtual network (expected …/virtualNetworks/<name>/…)")
        }
        return try vnetNames.label(for: name, identity: vnetID.key, at: place)
    }

    // MARK: Peerings

    mutating func addPeerings(_ entries: [Located<AzurePeering>]) throws {
        for entry in entries {
            let peering = entry.item
            let place = entry.description("peering", name: peering.name)
            _ = try require(peering.name, "name", at: place)
            let id = try require(peering.id, "id", at: place)
            let remoteID = try require(peering.remoteVirtualNetwork?.id, "remoteVirtualNetwork.id", at: place)
            let stateText = try require(peering.peeringState, "peeringState", at: place)
            let state: PeeringState
            switch stateText.lowercased() {
            case "connected": state = .connected
            case "initiated": state = .initiated
            case "disconnected": state = .disconnected
            default:
                throw CrosslinkError(.invalidValue, "\(place): peeringState \(stateText.quoted) is not one of: Connected | Initiated | Disconnected")
            }
            let local = try vnetLabel(in: id, field: "id", at: place)
            let remote = try vnetLabel(in: remoteID, field: "remoteVirtualNetwork.id", at: place)
            peeringHalves[id.lowercased()] = PeeringHalf(
                place: place, local: local, remote: remote, state: state,
                usesRemoteGateways: peering.useRemoteGateways ?? false, allowsForwardedTraffic: peering.allowForwardedTraffic ?? false)
        }
    }

    // MARK: Pairs

    /// Joins the half-links of every peering and VPN connection into one object per pair.
    mutating func finishPairs() throws {
        var peerings: [UnorderedPair: [PeeringHalf]] = [:]
        for key in peeringHalves.keys.sorted() {
            guard let half = peeringHalves[key] else { continue }
            peerings[UnorderedPair(half.local, half.remote), default: []].append(half)
        }
        for pair in peerings.keys.sorted() {
            guard let halves = peerings[pair] else { continue }
            try topology.peerings[pair] = Self.peering(pair, from: halves)
        }
        var connections: [UnorderedPair: [ConnectionHalf]] = [:]
        for key in connectionHalves.keys.sorted() {
            guard let half = connectionHalves[key] else { continue }
            connections[half.gateways, default: []].append(half)
        }
        for pair in connections.keys.sorted() {
            guard let halves = connections[pair] else { continue }
            // Each side reports its own view: the pair is only as good as its worse side, and BGP
            // runs only when both sides enable it.
            let state = halves.map(\.state).max { Self.rank($0) < Self.rank($1) } ?? .connected
            topology.vpnConnections[pair] = VPNConnection(gateways: pair, state: state, bgp: halves.allSatisfy(\.bgp))
        }
    }

    private static func peering(_ pair: UnorderedPair, from halves: [PeeringHalf]) throws -> Peering {
        for (index, half) in halves.enumerated() {
            if let twin = halves[..<index].first(where: { $0.local == half.local }) {
                throw CrosslinkError(
                    .invalidTopology,
                    "\(half.place): vnet \(half.local) already peers with \(half.remote) through \(twin.place); Azure allows one peering per VNet pair")
            }
        }
        // With both halves the pair is connected only if both are; a single half already reflects
        // the remote side (Azure reports Connected only once the remote half exists).
        let state = halves.map(\.state).max { rank($0) < rank($1) } ?? .connected
        let users = halves.filter(\.usesRemoteGateways)
        if users.count > 1 {
            throw CrosslinkError(
                .invalidTopology, "\(users[1].place): both \(pair.first) and \(pair.second) set useRemoteGateways; Azure allows it on one side only")
        }
        // The side with useRemoteGateways borrows the gateway of the other side.
        // Forwarded traffic is allowed on the pair when every half that was given allows it.
        return Peering(
            vnets: pair, state: state, gatewayTransit: users.first.map { $0.remote }, allowForwardedTraffic: halves.allSatisfy(\.allowsForwardedTraffic))
    }

    private static func rank(_ state: PeeringState) -> Int {
        switch state {
        case .connected: 0
        case .initiated: 1
        case .disconnected: 2
        }
    }

    static func rank(_ state: VPNConnectionState) -> Int {
        switch state {
        case .connected: 0
        case .connecting: 1
        case .notconnected: 2
        }
    }
}

/// The value of a required field, or an error naming the file, the object and the field.
func require<Value>(_ value: Value?, _ field: String, at place: String) throws -> Value {
    let missing = CrosslinkError(.malformedFile, "\(place): missing required field \(field.quoted)")
    guard let value else { throw missing }
    if let text = value as? String, text.isEmpty { throw missing }
    if let list = value as? [String], list.isEmpty { throw missing }
    return value
}

/// An Azure location as crosslink spells regions: `westeurope` (az prints it so; `West Europe` is accepted).
func region(_ location: String, at place: String) throws -> String {
    let region = location.lowercased().filter { $0 != " " }
    guard !region.isEmpty, region.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
        throw CrosslinkError(.invalidValue, "\(place): location \(location.quoted) is not an Azure region name (like westeurope)")
    }
    return region
}
