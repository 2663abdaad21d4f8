/// VNet-to-VNet reachability (rules N1–N5), analysed once per snapshot.
///
/// Construction indexes peerings, works out each VNet's effective VPN gateway and groups gateways
/// into BGP islands, in time linear in the estate; each query is then a few dictionary lookups (plus a
/// walk over the few gateways of one island when a multi-hop VPN path is used).
struct Underlay: Sendable {
    private let vnets: [String: VNet]
    private let peerings: [UnorderedPair: Peering]
    /// Connected peers of each VNet, sorted, for the transitivity check.
    private let connectedPeers: [String: [String]]
    private let gateways: [String: VPNGateway]
    /// The gateway a VNet's traffic uses, and the peering it borrows it through (nil when its own).
    private let effectiveGateway: [String: (gateway: String, transit: UnorderedPair?)]
    private let connections: [UnorderedPair: VPNConnection]
    /// Connected, BGP-enabled links between gateways that both have an ASN: routes propagate over these.
    private let bgpNeighbors: [String: [String]]
    private let bgpIsland: [String: Int]
    /// BGP islands in which some ASN appears on two gateways: only there must a chain be searched
    /// for one without a repeated ASN (§7.7).
    private let islandsWithRepeatedASN: Set<Int>
    /// Islands over every connected link, BGP or not: to explain a chain that lacks BGP.
    private let anyIsland: [String: Int]
    /// The shortest BGP chain between every two gateways of a small island, found once: a hub's
    /// traffic asks for them per flow (spec §8). Larger islands are searched per query.
    private let bgpPaths: [String: [String: [String]]]
    private let addresses: AddressIndex

    init(_ topology: Topology) {
        vnets = topology.vnets
        peerings = topology.peerings
        gateways = topology.vpnGateways
        connections = topology.vpnConnections
        addresses = AddressIndex(topology.vnets.values)
        var peers: [String: [String]] = [:]
        for peering in topology.peerings.values where peering.state == .connected {
            peers[peering.vnets.first, default: []].append(peering.vnets.second)
            peers[peering.vnets.second, default: []].append(peering.vnets.first)
        }
        connectedPeers = peers.mapValues { $0.sorted() }

        var effective: [String: (gateway: String, transit: UnorderedPair?)] = [:]
        for gateway in topology.vpnGateways.values { effective[gateway.vnet] = (gateway.name, nil) }
        for peering in topology.peerings.values where peering.state == .connected {
            guard let owner = peering.gatewayTransit, let user = peering.gatewayUser,
                effective[user] == nil, let gateway = topology.vpnGateway(in: owner)
            else { continue }
            effective[user] = (gateway.name, peering.vnets)
        }
        effectiveGateway = effective

        var bgp: [String: [String]] = [:]
        var any: [String: [String]] = [:]
        for connection in topology.vpnConnections.values where connection.state == .connected {
            let (first, second) = (connection.gateways.first, connection.gateways.second)
            any[first, default: []].append(second)
            any[second, default: []].append(first)
            if connection.bgp, topology.vpnGateways[first]?.bgpASN != nil, topology.vpnGateways[second]?.bgpASN != nil {
                bgp[first, default: []].append(second)
                bgp[second, default: []].append(first)
            }
        }
        let neighbors = bgp.mapValues { $0.sorted() }
        bgpNeighbors = neighbors
        let bgpIsland = Self.islands(bgp)
        self.bgpIsland = bgpIsland
        var paths: [String: [String: [String]]] = [:]
        for members in Dictionary(grouping: bgpIsland.keys, by: { bgpIsland[$0] ?? 0 }).values where members.count <= Self.smallIsland {
            for start in members {
                let previous = Self.breadthFirst(from: start, until: nil, neighbors: neighbors)
                for goal in members { paths[start, default: [:]][goal] = Self.chain(from: start, to: goal, previous: previous) }
            }
        }
        bgpPaths = paths
        anyIsland = Self.islands(any)
        var seenASNs: [Int: Set<UInt32>] = [:]
        var repeated: Set<Int> = []
        for (gateway, island) in bgpIsland {
            guard let asn = topology.vpnGateways[gateway]?.bgpASN else { continue }
            if !seenASNs[island, default: []].insert(asn).inserted { repeated.insert(island) }
        }
        islandsWithRepeatedASN = repeated
    }

    /// Labels the connected components of a graph.
    private static func islands(_ neighbors: [String: [String]]) -> [String: Int] {
        var label: [String: Int] = [:]
        var next = 0
        for start in neighbors.keys.sorted() where label[start] == nil {
            var stack = [start]
            label[start] = next
            while let node = stack.popLast() {
                for neighbor in neighbors[node] ?? [] where label[neighbor] == nil {
                    label[neighbor] = next
                    stack.append(neighbor)
                }
            }
            next += 1
        }
        return label
    }

    func reachability(from source: String, to target: String) -> Reachability {
        if source == target { return .reachable(hops: []) }  // N1
        let pair = UnorderedPair(source, target)
        var peeringProblem: RouteReason?
        if let peering = peerings[pair] {  // N2
            if peering.state == .connected { return .reachable(hops: ["peering \(pair)"]) }
            peeringProblem = RouteReason(.peeringNotConnected, "peering \(pair) is \(peering.state.rawValue), not connected: finish the peering on both sides")
        }
        let vpn = vpnReachability(from: source, to: target)  // N4, N5
        if case .reachable = vpn { return vpn }
        if let peeringProblem { return .unreachable(peeringProblem) }
        if case .unreachable(let reason) = vpn, reason.code != .noUnderlayPath { return vpn }
        // N3: peering is not transitive.
        if let hub = (connectedPeers[source] ?? []).first(where: { (connectedPeers[target] ?? []).contains($0) }) {
            return .unreachable(
                RouteReason(
                    .peeringNotTransitive,
                    "\(source) and \(target) are both peered to \(hub), but peering is not transitive: peer \(source) with \(target) directly",
                    fix: peeringFix(source, target)))
        }
        return .unreachable(
            RouteReason(
                .noUnderlayPath, "\(source) and \(target) have no peering and no VPN path between them: peer them or connect their VPN gateways",
                fix: peeringFix(source, target)))
    }

    /// The command that peers two VNets, unless their address spaces overlap (Azure refuses that, N5).
    private func peeringFix(_ source: String, _ target: String) -> String? {
        if let sourceVNet = vnets[source], let targetVNet = vnets[target], sourceVNet.addressSpace.firstOverlap(with: targetVNet.addressSpace) != nil {
            return nil
        }
        return "crosslink peering add \(source) \(target)"
    }

    /// Whether `source` reaches `target`: what `reachability(from:to:)` decides, without building its text.
    func connects(_ source: String, _ target: String) -> Bool {
        if source == target || peerings[UnorderedPair(source, target)]?.state == .connected { return true }  // N1, N2
        // N4
        guard let (sourceGateway, _) = effectiveGateway[source], let (targetGateway, _) = effectiveGateway[target], sourceGateway != targetGateway else {
            return false
        }
        if let connection = connections[UnorderedPair(sourceGateway, targetGateway)], connection.state == .connected {
            // §7.7: a BGP connection between gateways with one ASN carries nothing.
            if repeatedASN(in: [sourceGateway, targetGateway], bgp: connection.bgp) != nil { return false }
        } else {
            guard let island = bgpIsland[sourceGateway], island == bgpIsland[targetGateway] else { return false }
            if islandsWithRepeatedASN.contains(island) {
                let distinct = bgpPath(from: sourceGateway, to: targetGateway).map { repeatedASN(in: $0, bgp: true) == nil } ?? false
                guard distinct || chainWithDistinctASNs(from: sourceGateway, to: targetGateway) != nil else { return false }
            }
        }
        // N5
        guard let sourceVNet = vnets[source], let targetVNet = vnets[target] else { return true }
        return sourceVNet.addressSpace.firstOverlap(with: targetVNet.addressSpace) == nil
    }

    /// The VPN part of rule N4 (with N5 for overlapping address spaces).
    func vpnReachability(from source: String, to target: String) -> Reachability {
        let none = Reachability.unreachable(RouteReason(.noUnderlayPath, "no VPN path"))
        // N4: the effective gateways.
        guard let (sourceGateway, sourceTransit) = effectiveGateway[source], let (targetGateway, targetTransit) = effectiveGateway[target] else { return none }
        if sourceGateway == targetGateway {  // N3
            // Both borrow one hub's gateway (the owner would be directly peered, handled by N2).
            let hub = gateways[sourceGateway]?.vnet ?? sourceGateway
            return .unreachable(
                RouteReason(
                    .sharedGatewayNoSpokeRouting,
                    "\(source) and \(target) are both peered to \(hub), but peering is not transitive and Azure does not route spoke to spoke through \(hub)'s gateway \(sourceGateway) without user-defined routes: peer \(source) with \(target) directly",
                    fix: peeringFix(source, target)))
        }
        var vpnHops: [String]
        let direct = UnorderedPair(sourceGateway, targetGateway)
        if let connection = connections[direct], connection.state == .connected {
            if let repeated = repeatedASN(in: [sourceGateway, targetGateway], bgp: connection.bgp) {  // 7.7
                return .unreachable(
                    RouteReason(
                        .duplicateASN,
                        "vpn-connection \(direct) between the gateways of \(source) and \(target) uses BGP, but \(repeated): BGP peers need different ASNs (Azure gateways default to 65515): give one gateway another bgpASN, or turn bgp off on the connection"
                    ))
            }
            vpnHops = ["vpn \(direct)"]
        } else if let island = bgpIsland[sourceGateway], island == bgpIsland[targetGateway], let path = bgpPath(from: sourceGateway, to: targetGateway) {
            // §7.7: a chain through other gateways relies on BGP, and a gateway drops routes whose AS
            // path holds its own ASN: some chain must have no ASN twice.
            var chain = path
            if let repeated = repeatedASN(in: path, bgp: true) {
                guard islandsWithRepeatedASN.contains(island), let other = chainWithDistinctASNs(from: sourceGateway, to: targetGateway) else {
                    return .unreachable(
                        RouteReason(
                            .duplicateASN,
                            "every BGP chain between gateways \(sourceGateway) and \(targetGateway) repeats an ASN (on \(path.joined(separator: ", ")): \(repeated)), and a gateway drops routes whose AS path holds its own ASN: give each gateway a distinct bgpASN (Azure's default is 65515)"
                        ))
                }
                chain = other
            }
            vpnHops = zip(chain, chain.dropFirst()).map { "vpn \(UnorderedPair($0, $1)) (bgp)" }
        } else if let connection = connections[direct] {  // N4
            return .unreachable(
                RouteReason(
                    .vpnNotConnected, "vpn-connection \(direct) between the gateways of \(source) and \(target) is \(connection.state.rawValue), not connected")
            )
        } else if let island = anyIsland[sourceGateway], island == anyIsland[targetGateway] {  // N4: no BGP, no chain
            return .unreachable(
                RouteReason(
                    .vpnChainWithoutBGP,
                    "gateways \(sourceGateway) and \(targetGateway) are joined only through other gateways, and without BGP (bgp: true and a bgpASN on every gateway of the chain) only directly connected networks are known"
                ))
        } else {
            return none
        }
        // N5
        if let sourceVNet = vnets[source], let targetVNet = vnets[target], let shared = sourceVNet.addressSpace.firstOverlap(with: targetVNet.addressSpace) {
            return .unreachable(
                RouteReason(.vpnAddressOverlap, "\(source) and \(target) are joined by VPN but their address spaces overlap on \(shared): renumber one of them")
            )
        }
        var hops: [String] = []
        if let sourceTransit { hops.append("peering \(sourceTransit) (gateway transit)") }
        hops += vpnHops
        if let targetTransit { hops.append("peering \(targetTransit) (gateway transit)") }
        return .reachable(hops: hops)
    }

    /// The shortest chain of BGP links between two gateways of one island (fewest hops, then by name).
    private func bgpPath(from start: String, to goal: String) -> [String]? {
        if let known = bgpPaths[start]?[goal] { return known }
        return Self.bgpPath(from: start, to: goal, neighbors: bgpNeighbors)
    }

    /// Islands of at most this many gateways have their chains found up front.
    private static let smallIsland = 32

    private static func bgpPath(from start: String, to goal: String, neighbors bgpNeighbors: [String: [String]]) -> [String]? {
        chain(from: start, to: goal, previous: breadthFirst(from: start, until: goal, neighbors: bgpNeighbors))
    }

    /// Breadth-first from `start` (neighbours in name order) until `goal` is reached, or over the
    /// whole island: each node's predecessor on a shortest chain. Stopping at `goal` changes no
    /// predecessor already found, so one search serves every goal.
    private static func breadthFirst(from start: String, until goal: String?, neighbors bgpNeighbors: [String: [String]]) -> [String: String] {
        var previous: [String: String] = [start: start]
        var queue = [start]
        var index = 0
        while index < queue.count {
            let node = queue[index]
            index += 1
            if node == goal { break }
            for neighbor in bgpNeighbors[node] ?? [] where previous[neighbor] == nil {
                previous[neighbor] = node
                queue.append(neighbor)
            }
        }
        return previous
    }

    private static func chain(from start: String, to goal: String, previous: [String: String]) -> [String]? {
        guard previous[goal] != nil else { return nil }
        var path = [goal]
        while let last = path.last, last != start, let before = previous[last] { path.append(before) }
        return path.reversed()
    }

    /// The first ASN held by two gateways of a chain that relies on BGP, described ("gw-a and gw-b both
    /// have ASN 65515"); nil when the ASNs are distinct or the chain does not use BGP (one connection
    /// without bgp, or a gateway without an ASN, which means static routes).
    private func repeatedASN(in chain: [String], bgp: Bool) -> String? {
        guard bgp else { return nil }
        var holder: [UInt32: String] = [:]
        for gateway in chain {
            guard let asn = gateways[gateway]?.bgpASN else { return nil }
            if let earlier = holder[asn] { return "\(earlier) and \(gateway) both have ASN \(asn)" }
            holder[asn] = gateway
        }
        return nil
    }

    /// A chain of BGP links from `start` to `goal` whose gateways all have distinct ASNs, found by a
    /// depth-first search over the island (neighbours in name order, so the answer is stable). Such
    /// islands are a handful of gateways; the search gives up after a fixed number of steps.
    private func chainWithDistinctASNs(from start: String, to goal: String) -> [String]? {
        var budget = 100_000
        var path = [start]
        var used: Set<UInt32> = []
        var onPath: Set<String> = [start]
        guard let startASN = gateways[start]?.bgpASN else { return nil }
        used.insert(startASN)
        func search(_ node: String) -> Bool {
            if node == goal { return true }
            for neighbor in bgpNeighbors[node] ?? [] where !onPath.contains(neighbor) {
                budget -= 1
                guard budget > 0 else { return false }
                guard let asn = gateways[neighbor]?.bgpASN, !used.contains(asn) else { continue }
                used.insert(asn)
                onPath.insert(neighbor)
                path.append(neighbor)
                if search(neighbor) { return true }
                path.removeLast()
                onPath.remove(neighbor)
                used.remove(asn)
            }
            return false
        }
        return search(start) ? path : nil
    }

    /// The VNet whose address space holds `address`: `preferred` first, then the most specific prefix.
    func owner(of address: IPv4Address, preferring preferred: String?) -> String? {
        if let preferred, vnets[preferred]?.addressSpace.contains(address: address) == true { return preferred }
        return addresses.owner(of: address)
    }

    /// Whether `address` is public: outside every private or special range and every registered VNet.
    func isPublic(_ address: IPv4Address) -> Bool {
        !address.isInNonPublicRange && addresses.owner(of: address) == nil
    }
}
