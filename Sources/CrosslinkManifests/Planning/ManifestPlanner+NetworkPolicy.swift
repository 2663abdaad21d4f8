import CrosslinkCore

extension ManifestPlanner {
    /// One NetworkPolicy per service in an isolated namespace, admitting exactly the routes' sources
    /// on exactly their target ports.
    static func networkPolicies(for routes: [PlannedRoute]) -> [ManifestDocument] {
        grouped(routes) { $0.entersIsolatedNamespace ? $0.service.id : nil }.map { service, routes in
            let policy = NetworkPolicy(
                metadata: .managed(name: ObjectName.derive(service.name), namespace: service.namespace, serving: routes.map(\.key)),
                podSelector: [PolicyConvention.serviceLabel: service.name],
                ingress: exactRules(for: routes.map { ($0.policyPeer, $0.policyPort) }))
            return ManifestDocument(cluster: service.cluster, object: .networkPolicy(policy))
        }
    }

    /// Rules admitting exactly the given (peer, port) pairs and nothing more.
    ///
    /// A rule admits every peer on every port it lists, so two peers share a rule only when they
    /// need the very same ports; otherwise one of them would gain a port no route asked for.
    static func exactRules(for pairs: [(NetworkPolicy.Peer, NetworkPolicy.Port)]) -> [NetworkPolicy.Rule] {
        var portsByPeer: [NetworkPolicy.Peer: Set<NetworkPolicy.Port>] = [:]
        for (peer, port) in pairs { portsByPeer[peer, default: []].insert(port) }
        var peersByPorts: [[NetworkPolicy.Port]: [NetworkPolicy.Peer]] = [:]
        for (peer, ports) in portsByPeer { peersByPorts[ports.sorted(), default: []].append(peer) }
        return
            peersByPorts
            .map { ports, peers in NetworkPolicy.Rule(peers: peers.sorted(), ports: ports) }
            // Never iterate a Dictionary into output: order rules by their first peer (peers are
            // in exactly one rule, so this is a total order).
            .sorted { ($0.peers.first?.sortKey ?? "") < ($1.peers.first?.sortKey ?? "") }
    }
}
