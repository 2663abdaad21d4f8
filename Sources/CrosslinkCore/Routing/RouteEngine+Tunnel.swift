extension RouteEngine {
    /// tunnel: a connected Submariner tunnel joins the two clusters directly; their pod and service
    /// ranges must not overlap unless both use disjoint Globalnet ranges.
    ///
    /// Conditions, in order: a tunnel joins the clusters; it is connected; their ranges do not overlap
    /// (or both have Globalnet ranges, which do not overlap); its endpoint is reachable (without a
    /// tunnel: some endpoint kind would be).
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
        if let tunnel {
            conditions.require(
                tunnel.state == .connected,
                RouteReason(.tunnelNotConnected, "tunnel \(pair) is \(tunnel.state.rawValue), not connected: check the gateway nodes (subctl diagnose)"))
        }
        var usesGlobalnet = false
        if let overlap = Self.cidrOverlap(c, k) {
            let missing = [c, k].filter { $0.globalnetCIDR == nil }.map(\.name)
            if conditions.require(
                missing.isEmpty,
                RouteReason(
                    .clusterCIDROverlap,
                    "\(overlap): give both clusters Globalnet CIDRs (\(missing.joined(separator: " and ")) \(missing.count == 1 ? "has" : "have") none)",
                    fix: missing.count == 1 ? "crosslink cluster set \(missing[0]) --globalnet-cidr <cidr>" : nil)),
                let cg = c.globalnetCIDR, let kg = k.globalnetCIDR
            {
                let shared = cg.intersection(kg)
                conditions.require(
                    shared == nil,
                    RouteReason(
                        .globalnetOverlap,
                        "\(overlap), and their Globalnet CIDRs overlap on \(shared.map(\.description) ?? "-") too: give them disjoint Globalnet ranges"))
                usesGlobalnet = true
            }
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
        guard let tunnel, conditions.rejection == nil else { return conditions.failed }
        hops.append("tunnel \(pair) (\(tunnel.cableDriver.rawValue), \(tunnel.endpoint.rawValue)\(usesGlobalnet ? ", globalnet" : ""))")
        hops.append(k.name)
        let id = request.service.id
        return .routable(address: "\(id.name).\(id.namespace).svc.clusterset.local", port: request.port.port, hops: hops)
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
