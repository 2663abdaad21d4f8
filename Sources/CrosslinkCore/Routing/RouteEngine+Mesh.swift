extension RouteEngine {
    /// mesh: same mesh, same trust root, a mesh link, one cluster domain; pod to pod on one network,
    /// or through the service cluster's east-west gateway across networks. TCP only. Inside one
    /// cluster only membership (and TCP) counts (§7.2).
    ///
    /// Conditions, in order: each cluster is a mesh member; one mesh; one trust root; a mesh link;
    /// one cluster domain (§7.1); TCP; then (one mesh) pod IPs routable in both clusters and the VNets
    /// reachable on one network, or an east-west gateway the consumer reaches across networks.
    func meshPath(_ request: Request) -> Outcome {
        let (c, k) = (request.from, request.in)
        var conditions = PathConditions()
        let address = "\(request.service.id.name).\(request.service.id.namespace).svc.\(k.clusterDomain)"
        if c.name == k.name {
            // Pod IPs are routable inside their own cluster whatever the CNI: no network checks.
            conditions.require(c.mesh != nil, RouteReason(.notMeshMember, "\(c.name) is not a member of any mesh"))
            requireTCP(request, &conditions)
            guard let cm = c.mesh, conditions.rejection == nil else { return conditions.failed(.notMeshMember) }
            return .routable(address: address, port: request.port.port, hops: [c.name, "mesh \(cm.id) network \(cm.network)", k.name])
        }
        conditions.require(c.mesh != nil, RouteReason(.notMeshMember, "\(c.name) is not a member of any mesh"))
        conditions.require(k.mesh != nil, RouteReason(.notMeshMember, "\(k.name) is not a member of any mesh"))
        var sameMesh: (consumer: MeshMembership, service: MeshMembership)?
        if let cm = c.mesh, let km = k.mesh,
            conditions.require(
                cm.id == km.id, RouteReason(.differentMeshes, "\(c.name) is in mesh \(cm.id) and \(k.name) in mesh \(km.id): put both in one mesh"))
        {
            sameMesh = (cm, km)
            conditions.require(
                cm.trustRoot == km.trustRoot,
                RouteReason(
                    .trustRootMismatch,
                    "\(c.name) and \(k.name) are in mesh \(cm.id) but trust different roots (\(cm.trustRoot), \(km.trustRoot)): give them a shared root CA"))
        }
        conditions.require(
            topology.meshLinks[UnorderedPair(c.name, k.name)] != nil,
            RouteReason(
                .noMeshLink, "no mesh link joins \(c.name) and \(k.name): add one (istioctl create-remote-secret in both directions)",
                fix: "crosslink mesh-link add \(c.name) \(k.name)"))
        if let (cm, _) = sameMesh {
            conditions.require(
                c.clusterDomain == k.clusterDomain,
                RouteReason(
                    .meshDomainMismatch,
                    "\(c.name) uses cluster domain \(c.clusterDomain) and \(k.name) uses \(k.clusterDomain), and Istio names every remote service with the consumer's own domain, so \(c.name) cannot reach \(k.name)'s services by name: give every member of mesh \(cm.id) one clusterDomain"
                ))
        }
        requireTCP(request, &conditions)
        guard let (cm, km) = sameMesh else { return conditions.failed(.differentMeshes) }
        if cm.network == km.network {
            for cluster in [c, k] {
                conditions.require(
                    cluster.hasRoutablePodIPs,
                    RouteReason(
                        .podIPsNotRoutable,
                        "\(c.name) and \(k.name) share mesh network \(cm.network), which needs pod-to-pod routing, but \(cluster.name) uses \(cluster.networkPlugin.rawValue) and its pod IPs are not routable outside the cluster: put them on different networks with an east-west gateway"
                    ))
            }
            let hops = requireReach(
                &conditions, from: c.vnet, to: k.vnet, flows: flows(of: .mesh, from: c, to: k, service: request.service, port: request.port),
                "mesh network \(cm.network) needs \(c.vnet) to reach \(k.vnet)")
            if let rejection = conditions.rejection { return rejection }
            return .routable(
                address: address, port: request.port.port,
                hops: [c.name, "mesh \(cm.id) network \(cm.network)"] + (hops ?? []) + [k.name])
        }
        guard
            conditions.require(
                km.eastWestGateway != nil,
                RouteReason(
                    .noEastWestGateway,
                    "\(k.name) is on mesh network \(km.network), not \(c.name)'s \(cm.network), and has no east-west gateway: install one and set eastWestGateway"
                )),
            let gateway = km.eastWestGateway
        else { return conditions.failed(.noEastWestGateway) }
        let problem = consumerRangeProblem(gateway, from: c, what: "\(k.name)'s east-west gateway")
        conditions.require(problem == nil, problem ?? RouteReason(.addressInConsumerRange, ""))
        let hops = conditions.require(
            reach(
                gateway, from: c, preferring: k.vnet, what: "\(k.name)'s east-west gateway",
                flows: [flow(from: c, to: gateway, port: 15443, protocol: .tcp, arrivingAt: k)]),
            "\(c.name) cannot reach \(k.name)'s east-west gateway")
        if let rejection = conditions.rejection { return rejection }
        return .routable(
            address: address, port: request.port.port,
            hops: [c.name] + (hops ?? []) + ["east-west gateway \(gateway):15443 (network \(km.network))", k.name])
    }

    /// The mesh carries TCP only.
    private func requireTCP(_ request: Request, _ conditions: inout PathConditions) {
        conditions.require(
            request.port.protocol == .tcp,
            RouteReason(
                .meshTCPOnly, "the mesh carries TCP only, and port \(request.port.port) of \(request.service.id.name) is \(request.port.protocol.rawValue)"))
    }
}
