/// Which imports a change to the estate can affect: the index incremental reconciles use.
///
/// An import's answer reads its consumer and service clusters, the service (ports, exposure,
/// ingress), the tunnel and mesh link between the two clusters, and the underlay between the VNets
/// involved (the two clusters' VNets, and the VNets holding the east-west gateway or load balancer it
/// dials). So a change affects exactly the imports that read a changed object. A peering affects the
/// pairs that have one of its ends; a VPN gateway or connection can change reachability between any
/// VNets behind its island of connections, which this over-approximates by the whole island.
package enum RouteImpact: Hashable, Sendable {
    /// Every import may have changed (a VNet's address space changed, say).
    case everything
    /// Only these imports (present or removed) may have changed.
    case imports(Set<ImportID>)

    /// The imports `change` (from `before` to `after`) can affect.
    package init(from before: Topology, to after: Topology, change: TopologyChange) {
        // With route tables, firewalls or security groups, any route may pass any hub (R1–R6): a change
        // to the underlay or to those objects can move any answer.
        let controlled = before.hasTrafficControls || after.hasTrafficControls
        var vnets: Set<String> = []
        var clusters: Set<String> = []
        var pairs: Set<UnorderedPair> = []
        var services: Set<ServiceID> = []
        var imports: Set<ImportID> = []
        var gateways: Set<String> = []
        // Clusters whose ClusterSet's tunnel answers may change (§7.5, §7.6: set-wide checks).
        var setSeeds: Set<String> = []
        for reference in change.removed + change.written.map(\.reference) {
            switch reference {
            case .routeTable, .firewall, .securityGroup:
                self = .everything
                return
            case .peering where controlled, .vpnGateway where controlled, .vpnConnection where controlled:
                self = .everything
                return
            case .vnet:
                // Address spaces decide overlaps and which VNet owns an address: anything may move.
                self = .everything
                return
            case .peering(let pair):
                // A peering (gateway transit included) changes what its two VNets reach, and nothing
                // between other VNets: every affected pair has one of the two ends in it.
                vnets.formUnion([pair.first, pair.second])
            case .vpnGateway(let name):
                gateways.insert(name)
            case .vpnConnection(let pair):
                gateways.formUnion([pair.first, pair.second])
            case .cluster(let name):
                clusters.insert(name)
                setSeeds.insert(name)
            case .service(let id):
                services.insert(id)
            case .ingress(let id):
                services.insert(id.service)
            case .tunnel(let pair):
                pairs.insert(pair)
                setSeeds.formUnion([pair.first, pair.second])
            case .meshLink(let pair):
                pairs.insert(pair)
            case .import(let id):
                imports.insert(id)
            }
        }
        if !gateways.isEmpty { vnets.formUnion(Self.vnetsBehind(gateways, before: before, after: after)) }
        let setMembers = setSeeds.isEmpty ? [] : Self.clusterSets(of: setSeeds, before: before, after: after)

        // Only underlay changes need address ownership; most changes (a service, an import) do not.
        let indexes = vnets.isEmpty ? [] : [before, after].map { AddressIndex($0.vnets.values) }
        func touches(_ cluster: Cluster?, _ service: Service?) -> Bool {
            guard let cluster else { return false }
            if clusters.contains(cluster.name) || vnets.contains(cluster.vnet) { return true }
            // Addresses dialled outside the cluster's own VNet depend on the VNet that holds them.
            let addresses = [cluster.mesh?.eastWestGateway, service?.loadBalancerIP].compactMap { $0 }
            return addresses.contains { address in indexes.contains { $0.owner(of: address).map(vnets.contains) ?? false } }
        }
        for topology in [before, after] {
            for id in topology.imports.keys where !imports.contains(id) {
                let consumer = topology.clusters[id.consumer.cluster]
                let owner = topology.clusters[id.service.cluster]
                let inChangedSet = setMembers.contains(id.consumer.cluster) && setMembers.contains(id.service.cluster)
                if services.contains(id.service) || pairs.contains(UnorderedPair(id.consumer.cluster, id.service.cluster)) || inChangedSet
                    || touches(consumer, nil) || touches(owner, topology.services[id.service])
                {
                    imports.insert(id)
                }
            }
        }
        self = .imports(imports)
    }

    /// Every cluster joined to `seeds` by tunnels (any state), before or after the change: a tunnel
    /// answer between two of them reads the whole set's ranges.
    static func clusterSets(of seeds: Set<String>, before: Topology, after: Topology) -> Set<String> {
        var members = seeds
        for topology in [before, after] {
            var neighbors: [String: [String]] = [:]
            for pair in topology.tunnels.keys {
                neighbors[pair.first, default: []].append(pair.second)
                neighbors[pair.second, default: []].append(pair.first)
            }
            var pending = Array(seeds)
            var seen = seeds
            while let next = pending.popLast() {
                for neighbor in neighbors[next] ?? [] where seen.insert(neighbor).inserted { pending.append(neighbor) }
            }
            members.formUnion(seen)
        }
        return members
    }

    /// The VNets whose routes can pass through `gateways`: every VNet that owns or borrows a gateway
    /// of the same island of VPN connections (any state), before or after the change.
    package static func vnetsBehind(_ gateways: Set<String>, before: Topology, after: Topology) -> Set<String> {
        var island = gateways
        var pending = Array(gateways)
        while let gateway = pending.popLast() {
            for topology in [before, after] {
                for pair in topology.vpnConnections.keys where pair.contains(gateway) {
                    let other = pair.other(than: gateway)
                    if island.insert(other).inserted { pending.append(other) }
                }
            }
        }
        var vnets: Set<String> = []
        for topology in [before, after] {
            let owners = Set(topology.vpnGateways.values.filter { island.contains($0.name) }.map(\.vnet))
            vnets.formUnion(owners)
            for peering in topology.peerings.values {
                if let owner = peering.gatewayTransit, owners.contains(owner), let user = peering.gatewayUser { vnets.insert(user) }
            }
        }
        return vnets
    }
}
