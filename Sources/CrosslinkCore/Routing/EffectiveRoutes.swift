/// Route tables, firewalls and security groups indexed once per snapshot, and rule R1: the effective
/// route a packet leaving a subnet takes (spec §8).
///
/// Built only when the estate has any of these objects; without them the engine keeps v1's underlay.
struct TrafficPlane: Sendable {
    let topology: Topology
    let underlay: Underlay
    /// Route tables and security groups of each VNet.
    private let tablesByVNet: [String: [RouteTable]]
    /// Each VNet's security groups, with their rules ordered once per snapshot (not per flow).
    let groupsByVNet: [String: [OrderedSecurityGroup]]
    /// The prefixes of every UDR in each VNet's tables: part of its VirtualNetwork service tag.
    let udrPrefixes: [String: [CIDR]]
    let firewallsByIP: [IPv4Address: Firewall]
    /// The hop text of each firewall and of each UDR (by table and prefix), written once per snapshot.
    let applianceHops: [IPv4Address: String]
    let udrHops: [String: [CIDR: String]]
    /// Connected peerings of each VNet, by peer, with the hop text a walk over them records.
    private let peerings: [String: [String: PeerLink]]
    /// Every VNet prefix by length and network (several VNets may share one across VPN).
    private let prefixes: [[UInt32: [String]]]
    /// The prefix lengths that occur, longest first: lookups probe only these.
    private let lengths: [Int]
    /// The gateway whose VPN a VNet's traffic uses: its own, else its transit peer's.
    private let arrivalGateway: [String: VPNGateway]

    init(topology: Topology, underlay: Underlay) {
        self.topology = topology
        self.underlay = underlay
        tablesByVNet = Dictionary(grouping: topology.routeTables.values.sorted { $0.name < $1.name }, by: \.vnet)
        groupsByVNet = Dictionary(grouping: topology.securityGroups.values.sorted { $0.name < $1.name }.map(OrderedSecurityGroup.init), by: \.group.vnet)
        udrPrefixes = tablesByVNet.mapValues { $0.flatMap { $0.routes.map(\.prefix) } }
        firewallsByIP = Dictionary(topology.firewalls.values.map { ($0.privateIP, $0) }, uniquingKeysWith: { a, b in a.name < b.name ? a : b })
        applianceHops = firewallsByIP.mapValues(Self.hop(through:))
        udrHops = Dictionary(
            topology.routeTables.values.map { table in
                (table.name, Dictionary(table.routes.map { ($0.prefix, Self.hop(table.name, $0)) }, uniquingKeysWith: { first, _ in first }))
            }, uniquingKeysWith: { first, _ in first })
        var peers: [String: [String: PeerLink]] = [:]
        for peering in topology.peerings.values where peering.state == .connected {
            let link = PeerLink(peering: peering, hop: "peering \(peering.vnets)")
            peers[peering.vnets.first, default: [:]][peering.vnets.second] = link
            peers[peering.vnets.second, default: [:]][peering.vnets.first] = link
        }
        peerings = peers
        var byLength = Array(repeating: [UInt32: [String]](), count: 33)
        for vnet in topology.vnets.values.sorted(by: { $0.name < $1.name }) {
            for prefix in vnet.addressSpace { byLength[prefix.prefixLength][prefix.network.value, default: []].append(vnet.name) }
        }
        prefixes = byLength
        lengths = (0...32).reversed().filter { !byLength[$0].isEmpty }
        var own: [String: VPNGateway] = [:]
        for gateway in topology.vpnGateways.values { own[gateway.vnet] = gateway }
        var gateways = own
        for peering in topology.peerings.values where peering.state == .connected {
            guard let owner = peering.gatewayTransit, let user = peering.gatewayUser, own[user] == nil, let gateway = own[owner] else { continue }
            gateways[user] = gateway
        }
        arrivalGateway = gateways
    }

    static func hop(through firewall: Firewall) -> String { "firewall \(firewall.name) (\(firewall.privateIP))" }
    static func hop(_ table: String, _ route: UserRoute) -> String { "route \(table) \(route.prefix)" }

    // MARK: - Attachments

    /// The route table on a subnet (or address) of `vnet`: the one with an entry holding it, else the
    /// one attached to the whole VNet. Registration keeps attachments disjoint, so there is one at most.
    func routeTable(in vnet: String, for subnet: CIDR) -> RouteTable? {
        let tables = tablesByVNet[vnet] ?? []
        return tables.first { $0.subnets.contains { $0.contains(subnet) } } ?? tables.first { $0.subnets.isEmpty }
    }

    func peering(_ source: String, _ target: String) -> Peering? { peerings[source]?[target]?.peering }

    /// `peering A~B`, the hop over the connected peering of two VNets (as the underlay writes it).
    func peeringHop(_ source: String, _ target: String) -> String? { peerings[source]?[target]?.hop }

    /// The gateway traffic arrives through when it comes over VPN to `vnet`.
    func arrivalGateway(of vnet: String) -> VPNGateway? { arrivalGateway[vnet] }

    /// The VNets whose address space holds all of `range`, with the matching prefix, longest first.
    func owners(of range: CIDR) -> [(prefix: CIDR, vnet: String)] {
        var result: [(CIDR, String)] = []
        for length in lengths where length <= range.prefixLength {
            let prefix = CIDR(containing: range.network, prefixLength: length)
            for vnet in prefixes[length][prefix.network.value] ?? [] { result.append((prefix, vnet)) }
        }
        return result
    }

    /// Every registered VNet prefix that lies inside `range` (for the rare checks that need them).
    func prefixes(inside range: CIDR) -> [(prefix: CIDR, vnet: String)] {
        var result: [(CIDR, String)] = []
        for length in lengths where length > range.prefixLength {
            for (network, vnets) in prefixes[length] {
                let prefix = CIDR(containing: IPv4Address(value: network), prefixLength: length)
                if range.contains(prefix) { result += vnets.map { (prefix, $0) } }
            }
        }
        return result
    }

    /// The VNets peered with `vnet` by connected peerings, sorted.
    func peers(of vnet: String) -> [String] { (peerings[vnet] ?? [:]).keys.sorted() }

    /// Whether `source` reaches `target` over VPN by N4 (and N5): the VNets its gateway routes lead to.
    func reachesOverVPN(_ source: String, _ target: String) -> Reachability? {
        guard source != target, arrivalGateway[source] != nil, arrivalGateway[target] != nil else { return nil }
        let reachability = underlay.vpnReachability(from: source, to: target)
        return reachability.isReachable ? reachability : nil
    }

    // MARK: - R1

    /// Rule R1: the route a packet leaving `subnet` of `vnet` for `destination` takes. A range
    /// destination follows the routes that hold all of it.
    func effectiveRoute(in vnet: String, from subnet: CIDR, to destination: CIDR) -> EffectiveRoute {
        let table = routeTable(in: vnet, for: subnet)
        let tableName = table?.name
        var best = EffectiveRoute(prefix: CIDR(containing: IPv4Address(value: 0), prefixLength: 0), hop: .internet, table: tableName)
        func beats(_ prefix: CIDR, _ rank: Int) -> Bool { (prefix.prefixLength, rank) > (best.prefix.prefixLength, best.rank) }
        if let table {
            for route in table.routes where route.prefix.contains(destination) && beats(route.prefix, 2) {
                best = EffectiveRoute(prefix: route.prefix, hop: .user(route), table: tableName)
            }
        }
        // The owners of the destination, longest prefix first, probed in place (no array per lookup).
        let peers = peerings[vnet]
        // Azure: the routes to the VNet's own space and its peers' beat gateway routes, even more specific ones.
        var localOrPeered = false
        var gatewayCandidates = false
        for length in lengths where length <= destination.prefixLength {
            let prefix = CIDR(containing: destination.network, prefixLength: length)
            guard let owners = prefixes[length][prefix.network.value] else { continue }
            for owner in owners {
                if owner == vnet || peers?[owner] != nil {
                    localOrPeered = true
                    if beats(prefix, 0) { best = EffectiveRoute(prefix: prefix, hop: owner == vnet ? .vnetLocal : .peering(owner), table: tableName) }
                } else {
                    gatewayCandidates = true
                }
            }
        }
        guard gatewayCandidates, !localOrPeered, table?.propagateGatewayRoutes != false else { return best }
        for length in lengths where length <= destination.prefixLength {
            let prefix = CIDR(containing: destination.network, prefixLength: length)
            // A gateway route that cannot beat the best so far needs no VPN analysis.
            guard beats(prefix, 1), let owners = prefixes[length][prefix.network.value] else { continue }
            for owner in owners where owner != vnet && beats(prefix, 1) {
                if let vpn = reachesOverVPN(vnet, owner) { best = EffectiveRoute(prefix: prefix, hop: .gateway(owner, vpn.hops), table: tableName) }
            }
        }
        return best
    }
}

/// A connected peering as one VNet sees it, with its hop text written once.
struct PeerLink: Sendable {
    let peering: Peering
    let hop: String
}

/// One entry of a subnet's effective routes: where it sends a packet and why it applies.
struct EffectiveRoute {
    enum Hop {
        case vnetLocal
        case peering(String)
        /// A route learned from the VPN gateway: the VNet reached and the VPN hops to it.
        case gateway(String, [String])
        case internet
        case user(UserRoute)
    }

    let prefix: CIDR
    let hop: Hop
    /// The route table on the subnet, if any (it may not be where this route comes from).
    let table: String?

    /// At equal prefix length a UDR beats a gateway route, which beats a system route.
    var rank: Int {
        switch hop {
        case .user: 2
        case .gateway: 1
        default: 0
        }
    }

    /// Azure's name for where the route comes from: User, VirtualNetworkGateway or Default.
    var source: String {
        switch hop {
        case .user: "user"
        case .gateway: "gateway"
        default: "system"
        }
    }

    /// The next hop type as the topology file spells it (peering for a peering's system route).
    var nextHopType: String {
        switch hop {
        case .vnetLocal: NextHopType.vnetLocal.rawValue
        case .peering: "vnet-peering"
        case .gateway: NextHopType.vnetGateway.rawValue
        case .internet: NextHopType.internet.rawValue
        case .user(let route): route.nextHop.rawValue
        }
    }
}
