extension RouteEngine {
    /// tunnel: a connected Submariner tunnel joins the two clusters directly; their ClusterSet uses
    /// Globalnet everywhere (with disjoint Globalnet ranges) or nowhere (with distinct pod and service
    /// ranges across the set, and node subnets outside the other cluster's ranges).
    ///
    /// Conditions, in order: a tunnel joins the clusters; it is connected; the ClusterSet's ranges
    /// (§7.5, §7.6; without a tunnel only the pair's own overlap is counted); its endpoint is
    /// reachable (without a tunnel: some endpoint kind would be).
    func tunnelPath(_ request: Request) -> Outcome {
        let (c, k) = (request.from, request.in)
        guard c.name != k.name else {
            return .rejected(RouteReason(.noTunnel, "\(c.name) is the service's own cluster; a tunnel joins two clusters"))
        }
        var conditions = PathConditions()
        let pair = UnorderedPair(c.name, k.name)
        let tunnel = topology.tunnels[pair]
        conditions.require(
            tunnel != nil,
            RouteReason(
                .noTunnel, "no tunnel joins \(c.name) and \(k.name) (tunnels do not transit a third cluster): join them with subctl",
                fix: "crosslink tunnel add \(c.name) \(k.name)" + (c.hasInternetEgress || !underlay.connects(c.vnet, k.vnet) ? "" : " --endpoint private")))
        var usesGlobalnet = false
        if let tunnel {
            conditions.require(
                tunnel.state == .connected,
                RouteReason(.tunnelNotConnected, "tunnel \(pair) is \(tunnel.state.rawValue), not connected: check the gateway nodes (subctl diagnose)"))
            switch clusterSets.globalnet(of: c.name) {
            case .mixed(let with, let without):
                conditions.require(
                    false,
                    RouteReason(
                        .globalnetMixed,
                        "\(c.name) and \(k.name) are in one ClusterSet (clusters joined by tunnels) in which some members use Globalnet (\(with)) and others do not (\(without)), and Globalnet is a ClusterSet-wide setting: give every member a Globalnet CIDR, or none"
                    ))
            case .all:
                let problem = globalnetProblem(c, k)
                conditions.require(problem == nil, problem ?? RouteReason(.globalnetOverlap, ""))
                usesGlobalnet = true
            case .none:
                let problem = rangeProblem(c, k)
                conditions.require(problem == nil, problem ?? RouteReason(.clusterCIDROverlap, ""))
            }
        } else {
            // Only counted: the missing tunnel is the reason shown; a new tunnel needs at least the
            // pair's own ranges apart (or Globalnet on both).
            conditions.require(
                Self.cidrOverlap(c, k) == nil || (c.globalnetCIDR != nil && k.globalnetCIDR != nil), RouteReason(.clusterCIDROverlap, ""))
        }
        var hops = [c.name]
        switch tunnel?.endpoint {
        case .private?:
            hops +=
                requireReach(
                    &conditions, from: c.vnet, to: k.vnet, flows: tunnelFlows(c, k, endpoint: .private),
                    "tunnel \(pair) uses private endpoints, so \(c.vnet) must reach \(k.vnet)") ?? []
        case .public?:
            if conditions.require(
                c.hasInternetEgress,
                RouteReason(
                    .noInternetEgress,
                    "tunnel \(pair) uses public endpoints, but \(c.name) has no internet egress (egress: none): use private endpoints or allow egress",
                    fix: Self.egressFix(c)))
            {
                // v1 names no `internet` hop for a public tunnel.
                hops += (requireInternet(&conditions, flows: tunnelFlows(c, k, endpoint: .public), "tunnel \(pair) uses public endpoints") ?? []).dropLast()
            }
        case nil:
            // Only counted: the missing tunnel is the reason shown, and it can use either endpoint.
            conditions.require(c.hasInternetEgress || underlay.connects(c.vnet, k.vnet), RouteReason(.noTunnel, ""))
        }
        guard let tunnel, conditions.rejection == nil else { return conditions.failed(.noTunnel) }
        hops.append("tunnel \(pair) (\(tunnel.cableDriver.rawValue), \(tunnel.endpoint.rawValue)\(usesGlobalnet ? ", globalnet" : ""))")
        hops.append(k.name)
        let id = request.service.id
        return .routable(address: "\(id.name).\(id.namespace).svc.clusterset.local", port: request.port.port, hops: hops)
    }

    /// §7.5: the Globalnet CIDR of C or K overlaps another member's (the pair itself first).
    private func globalnetProblem(_ c: Cluster, _ k: Cluster) -> RouteReason? {
        var other: (Cluster, Cluster)?
        if let cg = c.globalnetCIDR, let kg = k.globalnetCIDR, cg.overlaps(kg) {
            other = (c, k)
        } else if let name = clusterSets.globalnetConflict(of: c.name), let found = topology.clusters[name] {
            other = (c, found)
        } else if let name = clusterSets.globalnetConflict(of: k.name), let found = topology.clusters[name] {
            other = (k, found)
        }
        guard let (a, b) = other, let ag = a.globalnetCIDR, let bg = b.globalnetCIDR, let shared = ag.intersection(bg) else { return nil }
        return RouteReason(
            .globalnetOverlap,
            "the Globalnet CIDRs of \(a.name) (\(ag)) and \(b.name) (\(bg)) overlap on \(shared), and both are in the ClusterSet of \(c.name) and \(k.name): give every member a disjoint Globalnet range"
        )
    }

    /// §7.6: without Globalnet, pod and service ranges are distinct across the set (the pair itself
    /// first), and node subnets lie outside the other cluster's pod and service ranges.
    private func rangeProblem(_ c: Cluster, _ k: Cluster) -> RouteReason? {
        if let overlap = Self.cidrOverlap(c, k) {
            return RouteReason(
                .clusterCIDROverlap, "\(overlap): renumber one of them, or give every cluster of their ClusterSet a Globalnet CIDR (Submariner Globalnet)")
        }
        for member in [c, k] {
            guard let name = clusterSets.rangeConflict(of: member.name), let other = topology.clusters[name],
                let overlap = Self.cidrOverlap(member, other)
            else { continue }
            return RouteReason(
                .clusterCIDROverlap,
                "\(overlap), and \(name) is in the ClusterSet of \(c.name) and \(k.name) (joined by tunnels), where Submariner needs every pod and service CIDR distinct: renumber one of them, or give every member a Globalnet CIDR"
            )
        }
        for (a, b) in [(c, k), (k, c)] {
            for (kind, range) in [("pod", b.podCIDR), ("service", b.serviceCIDR)] {
                guard let shared = a.nodeSubnet.intersection(range) else { continue }
                return RouteReason(
                    .nodeSubnetInRemoteRange,
                    "the node subnet \(a.nodeSubnet) of \(a.name) overlaps the \(kind) CIDR \(range) of \(b.name) on \(shared), and Submariner needs node addresses outside every remote pod and service range: renumber one of them"
                )
            }
        }
        return nil
    }

    /// The first overlap between the pod and service ranges of two clusters, described for a person.
    static func cidrOverlap(_ c: Cluster, _ k: Cluster) -> String? {
        let ranges = [
            ("pod", c.podCIDR, k.podCIDR), ("service", c.serviceCIDR, k.serviceCIDR),
            ("pod/service", c.podCIDR, k.serviceCIDR), ("service/pod", c.serviceCIDR, k.podCIDR),
        ]
        for (kind, a, b) in ranges {
            guard let shared = a.intersection(b) else { continue }
            switch kind {
            case "pod": return "pod CIDRs of \(c.name) and \(k.name) overlap on \(shared)"
            case "service": return "service CIDRs of \(c.name) and \(k.name) overlap on \(shared)"
            case "pod/service": return "the pod CIDR of \(c.name) and the service CIDR of \(k.name) overlap on \(shared)"
            default: return "the service CIDR of \(c.name) and the pod CIDR of \(k.name) overlap on \(shared)"
            }
        }
        return nil
    }
}
