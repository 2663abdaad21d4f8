extension RouteEngine {
    /// mesh: same mesh, same trust root, a mesh link; pod to pod on one network, or through the
    /// service cluster's east-west gateway across networks. TCP only.
    func meshPath(_ request: Request) -> Outcome {
        let (c, k) = (request.from, request.in)
        guard let cm = c.mesh else { return .rejected(RouteReason(.notMeshMember, "\(c.name) is not a member of any mesh")) }
        guard let km = k.mesh else { return .rejected(RouteReason(.notMeshMember, "\(k.name) is not a member of any mesh")) }
        guard cm.id == km.id else {
            return .rejected(RouteReason(.differentMeshes, "\(c.name) is in mesh \(cm.id) and \(k.name) in mesh \(km.id): put both in one mesh"))
        }
        guard cm.trustRoot == km.trustRoot else {
            return .rejected(
                RouteReason(
                    .trustRootMismatch,
                    "\(c.name) and \(k.name) are in mesh \(cm.id) but trust different roots (\(cm.trustRoot), \(km.trustRoot)): give them a shared root CA"))
        }
        if c.name != k.name && topology.meshLinks[UnorderedPair(c.name, k.name)] == nil {
            return .rejected(RouteReason(.noMeshLink, "no mesh link joins \(c.name) and \(k.name): add one (istioctl create-remote-secret in both directions)"))
        }
        guard request.port.protocol == .tcp else {
            return .rejected(
                RouteReason(
                    .meshTCPOnly, "the mesh carries TCP only, and port \(request.port.port) of \(request.service.id.name) is \(request.port.protocol.rawValue)")
            )
        }
        let address = "\(request.service.id.name).\(request.service.id.namespace).svc.\(k.clusterDomain)"
        if cm.network == km.network {
            for cluster in [c, k] where !cluster.hasRoutablePodIPs {
                return .rejected(
                    RouteReason(
                        .podIPsNotRoutable,
                        "\(c.name) and \(k.name) share mesh network \(cm.network), which needs pod-to-pod routing, but \(cluster.name) uses \(cluster.networkPlugin.rawValue) and its pod IPs are not routable outside the cluster: put them on different networks with an east-west gateway"
                    ))
            }
            let underlay = underlay.reachability(from: c.vnet, to: k.vnet)
            if let rejection = underlay.rejection("mesh network \(cm.network) needs \(c.vnet) to reach \(k.vnet)") { return rejection }
            return .routable(
                address: address, port: request.port.port,
                hops: [c.name, "mesh \(cm.id) network \(cm.network)"] + underlay.hops + [k.name])
        }
        guard let gateway = km.eastWestGateway else {
            return .rejected(
                RouteReason(
                    .noEastWestGateway,
                    "\(k.name) is on mesh network \(km.network), not \(c.name)'s \(cm.network), and has no east-west gateway: install one and set eastWestGateway"
                ))
        }
        let path = reach(gateway, from: c, preferring: k.vnet, what: "\(k.name)'s east-west gateway")
        if let rejection = path.rejection("\(c.name) cannot reach \(k.name)'s east-west gateway") { return rejection }
        return .routable(
            address: address, port: request.port.port,
            hops: [c.name] + path.hops + ["east-west gateway \(gateway):15443 (network \(km.network))", k.name])
    }
}
