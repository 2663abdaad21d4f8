extension RouteEngine {
    /// tunnel: a connected Submariner tunnel joins the two clusters directly; their ClusterSet uses
    /// Globalnet everywhere (with disjoint Globalnet ranges) or nowhere (with distinct pod and service
    /// ranges across the set, and node subnets outside the other cluster's ranges).
    ///
    /// Conditions, in order: a tunnel joins the clusters; it is connected; the ClusterSet's ranges
    /// (§7.5, §7.6; without a tunnel only the pair's own overlap is counted); its endpoint is
    /// reachable (without a tunnel: some endpoint kind would be).
    func tunnelPath(_ request: Request) -> Outcome {
        let (consumer, serviceCluster) = (request.from, request.in)
        guard consumer.name != serviceCluster.name else {
            return .rejected(RouteReason(.noTunnel, "\(consumer.name) is the service's own cluster; a tunnel joins two clusters"))
        }
        var conditions = PathConditions()
        let pair = UnorderedPair(consumer.name, serviceCluster.name)
        let tunnel = topology.tunnels[pair]
        conditions.require(
            tunnel != nil,
            RouteReason(
                .noTunnel, "no tunnel joins \(consumer.name) and \(serviceCluster.name) (tunnels do not transit a third cluster): join them with subctl",
                fix: "crosslink tunnel add \(consumer.name) \(serviceCluster.name)"
                    + (consumer.hasInternetEgress || !underlay.connects(consumer.vnet, serviceCluster.vnet) ? "" : " --endpoint private")))
        var usesGlobalnet = false
        if let tunnel {
            conditions.require(
                tunnel.state == .connected,
                RouteReason(.tunnelNotConnected, "tunnel \(pair) is \(tunnel.state.rawValue), not connected: check the gateway nodes (subctl diagnose)"))
            switch clusterSets.globalnet(of: consumer.name) {
            case .mixed(let with, let without):  // 7.5
                conditions.require(
                    false,
                    RouteReason(
                        .globalnetMixed,
                        "\(consumer.name) and \(serviceCluster.name) are in one ClusterSet (clusters joined by tunnels) in which some members use Globalnet (\(with)) and others do not (\(without)), and Globalnet is a ClusterSet-wide setting: give every member a Globalnet CIDR, or none"
                    ))
            case .all:  // 7.5
                let problem = globalnetProblem(consumer, serviceCluster)
                conditions.require(problem == nil, problem ?? RouteReason(.globalnetOverlap, ""))
                usesGlobalnet = true
            case .none:  // 7.6
                let problem = rangeProblem(consumer, serviceCluster)
                conditions.require(problem == nil, problem ?? RouteReason(.clusterCIDROverlap, ""))
            }
        } else {
            // Only counted: the missing tunnel is the reason shown; a new tunnel needs at least the
            // pair's own ranges apart (or Globalnet on both).
            conditions.require(
                Self.cidrOverlap(consumer, serviceCluster) == nil || (consumer.globalnetCIDR != nil && serviceCluster.globalnetCIDR != nil),
                RouteReason(.clusterCIDROverlap, ""))
        }
        var hops = [consumer.name]
        switch tunnel?.endpoint {
        case .private?:
            hops +=
                requireReach(
                    &conditions, from: consumer.vnet, to: serviceCluster.vnet, flows: tunnelFlows(consumer, serviceCluster, endpoint: .private),
                    "tunnel \(pair) uses private endpoints, so \(consumer.vnet) must reach \(serviceCluster.vnet)") ?? []
        case .public?:
            if conditions.require(
                consumer.hasInternetEgress,
                RouteReason(
                    .noInternetEgress,
                    "tunnel \(pair) uses public endpoints, but \(consumer.name) has no internet egress (egress: none): use private endpoints or allow egress",
                    fix: Self.egressFix(consumer)))
            {
                // v1 names no `internet` hop for a public tunnel.
                hops +=
                    (requireInternet(&conditions, flows: tunnelFlows(consumer, serviceCluster, endpoint: .public), "tunnel \(pair) uses public endpoints") ?? [])
                    .dropLast()
            }
        case nil:
            // Only counted: the missing tunnel is the reason shown, and it can use either endpoint.
            conditions.require(consumer.hasInternetEgress || underlay.connects(consumer.vnet, serviceCluster.vnet), RouteReason(.noTunnel, ""))
        }
        guard let tunnel, conditions.rejection == nil else { return conditions.failed(.noTunnel) }
        hops.append("tunnel \(pair) (\(tunnel.cableDriver.rawValue), \(tunnel.endpoint.rawValue)\(usesGlobalnet ? ", globalnet" : ""))")
        hops.append(serviceCluster.name)
        let id = request.service.id
        return .routable(address: "\(id.name).\(id.namespace).svc.clusterset.local", port: request.port.port, hops: hops)
    }

    /// §7.5: the Globalnet CIDR of C or K overlaps another member's (the pair itself first).
    private func globalnetProblem(_ consumer: Cluster, _ serviceCluster: Cluster) -> RouteReason? {
        var colliding: (Cluster, Cluster)?
        if let consumerGlobalnet = consumer.globalnetCIDR, let serviceGlobalnet = serviceCluster.globalnetCIDR, consumerGlobalnet.overlaps(serviceGlobalnet) {
            colliding = (consumer, serviceCluster)
        } else if let name = clusterSets.globalnetConflict(of: consumer.name), let found = topology.clusters[name] {
            colliding = (consumer, found)
        } else if let name = clusterSets.globalnetConflict(of: serviceCluster.name), let found = topology.clusters[name] {
            colliding = (serviceCluster, found)
        }
        guard let (first, second) = colliding, let firstGlobalnet = first.globalnetCIDR, let secondGlobalnet = second.globalnetCIDR,
            let shared = firstGlobalnet.intersection(secondGlobalnet)
        else { return nil }
        return RouteReason(
            .globalnetOverlap,
            "the Globalnet CIDRs of \(first.name) (\(firstGlobalnet)) and \(second.name) (\(secondGlobalnet)) overlap on \(shared), and both are in the ClusterSet of \(consumer.name) and \(serviceCluster.name): give every member a disjoint Globalnet range"
        )
    }

    /// §7.6: without Globalnet, pod and service ranges are distinct across the set (the pair itself
    /// first), and node subnets lie outside the other cluster's pod and service ranges.
    private func rangeProblem(_ consumer: Cluster, _ serviceCluster: Cluster) -> RouteReason? {
        if let overlap = Self.cidrOverlap(consumer, serviceCluster) {
            return RouteReason(
                .clusterCIDROverlap, "\(overlap): renumber one of them, or give every cluster of their ClusterSet a Globalnet CIDR (Submariner Globalnet)")
        }
        for member in [consumer, serviceCluster] {
            guard let name = clusterSets.rangeConflict(of: member.name), let other = topology.clusters[name],
                let overlap = Self.cidrOverlap(member, other)
            else { continue }
            return RouteReason(
                .clusterCIDROverlap,
                "\(overlap), and \(name) is in the ClusterSet of \(consumer.name) and \(serviceCluster.name) (joined by tunnels), where Submariner needs every pod and service CIDR distinct: renumber one of them, or give every member a Globalnet CIDR"
            )
        }
        for (nodeOwner, rangeOwner) in [(consumer, serviceCluster), (serviceCluster, consumer)] {
            for (kind, range) in [("pod", rangeOwner.podCIDR), ("service", rangeOwner.serviceCIDR)] {
                guard let shared = nodeOwner.nodeSubnet.intersection(range) else { continue }
                return RouteReason(
                    .nodeSubnetInRemoteRange,
                    "the node subnet \(nodeOwner.nodeSubnet) of \(nodeOwner.name) overlaps the \(kind) CIDR \(range) of \(rangeOwner.name) on \(shared), and Submariner needs node addresses outside every remote pod and service range: renumber one of them"
                )
            }
        }
        return nil
    }

    /// The first overlap between the pod and service ranges of two clusters, described for a person.
    static func cidrOverlap(_ first: Cluster, _ second: Cluster) -> String? {
        for overlap in ClusterRangeOverlap.allCases {
            let (firstRange, secondRange) = overlap.ranges(of: first, second)
            if let shared = firstRange.intersection(secondRange) { return overlap.describe(first, second, on: shared) }
        }
        return nil
    }
}
