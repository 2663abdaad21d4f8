extension RouteEngine {
    /// mesh: same mesh, same trust root, a mesh link, one cluster domain; pod to pod on one network,
    /// or through the service cluster's east-west gateway across networks. TCP only. Inside one
    /// cluster only membership (and TCP) counts (§7.2).
    ///
    /// Conditions, in order: each cluster is a mesh member; one mesh; one trust root; a mesh link;
    /// one cluster domain (§7.1); TCP; then (one mesh) pod IPs routable in both clusters and the VNets
    /// reachable on one network, or an east-west gateway the consumer reaches across networks.
    func meshPath(_ request: Request) -> Outcome {
        let (consumer, serviceCluster) = (request.from, request.in)
        var conditions = PathConditions()
        let address = "\(request.service.id.name).\(request.service.id.namespace).svc.\(serviceCluster.clusterDomain)"
        // 7.2: inside one cluster only membership and TCP count.
        if consumer.name == serviceCluster.name {
            // Pod IPs are routable inside their own cluster whatever the CNI: no network checks.
            conditions.require(consumer.mesh != nil, RouteReason(.notMeshMember, "\(consumer.name) is not a member of any mesh"))
            requireTCP(request, &conditions)
            guard let consumerMesh = consumer.mesh, conditions.rejection == nil else { return conditions.failed(.notMeshMember) }
            return .routable(
                address: address, port: request.port.port,
                hops: [consumer.name, "mesh \(consumerMesh.id) network \(consumerMesh.network)", serviceCluster.name])
        }
        conditions.require(consumer.mesh != nil, RouteReason(.notMeshMember, "\(consumer.name) is not a member of any mesh"))
        conditions.require(serviceCluster.mesh != nil, RouteReason(.notMeshMember, "\(serviceCluster.name) is not a member of any mesh"))
        var sameMesh: (consumer: MeshMembership, service: MeshMembership)?
        if let consumerMesh = consumer.mesh, let serviceMesh = serviceCluster.mesh,
            conditions.require(
                consumerMesh.id == serviceMesh.id,
                RouteReason(
                    .differentMeshes,
                    "\(consumer.name) is in mesh \(consumerMesh.id) and \(serviceCluster.name) in mesh \(serviceMesh.id): put both in one mesh"))
        {
            sameMesh = (consumerMesh, serviceMesh)
            conditions.require(
                consumerMesh.trustRoot == serviceMesh.trustRoot,
                RouteReason(
                    .trustRootMismatch,
                    "\(consumer.name) and \(serviceCluster.name) are in mesh \(consumerMesh.id) but trust different roots (\(consumerMesh.trustRoot), \(serviceMesh.trustRoot)): give them a shared root CA"
                ))
        }
        conditions.require(
            topology.meshLinks[UnorderedPair(consumer.name, serviceCluster.name)] != nil,
            RouteReason(
                .noMeshLink, "no mesh link joins \(consumer.name) and \(serviceCluster.name): add one (istioctl create-remote-secret in both directions)",
                fix: "crosslink mesh-link add \(consumer.name) \(serviceCluster.name)"))
        if let (consumerMesh, _) = sameMesh {
            // 7.1
            conditions.require(
                consumer.clusterDomain == serviceCluster.clusterDomain,
                RouteReason(
                    .meshDomainMismatch,
                    "\(consumer.name) uses cluster domain \(consumer.clusterDomain) and \(serviceCluster.name) uses \(serviceCluster.clusterDomain), and Istio names every remote service with the consumer's own domain, so \(consumer.name) cannot reach \(serviceCluster.name)'s services by name: give every member of mesh \(consumerMesh.id) one clusterDomain"
                ))
        }
        requireTCP(request, &conditions)
        guard let (consumerMesh, serviceMesh) = sameMesh else { return conditions.failed(.differentMeshes) }
        if consumerMesh.network == serviceMesh.network {
            for cluster in [consumer, serviceCluster] {
                // N6
                conditions.require(
                    cluster.hasRoutablePodIPs,
                    RouteReason(
                        .podIPsNotRoutable,
                        "\(consumer.name) and \(serviceCluster.name) share mesh network \(consumerMesh.network), which needs pod-to-pod routing, but \(cluster.name) uses \(cluster.networkPlugin.rawValue) and its pod IPs are not routable outside the cluster: put them on different networks with an east-west gateway"
                    ))
            }
            let hops = requireReach(
                &conditions, from: consumer.vnet, to: serviceCluster.vnet,
                flows: flows(of: .mesh, from: consumer, to: serviceCluster, service: request.service, port: request.port),
                "mesh network \(consumerMesh.network) needs \(consumer.vnet) to reach \(serviceCluster.vnet)")
            if let rejection = conditions.rejection { return rejection }
            return .routable(
                address: address, port: request.port.port,
                hops: [consumer.name, "mesh \(consumerMesh.id) network \(consumerMesh.network)"] + (hops ?? []) + [serviceCluster.name])
        }
        guard
            conditions.require(
                serviceMesh.eastWestGateway != nil,
                RouteReason(
                    .noEastWestGateway,
                    "\(serviceCluster.name) is on mesh network \(serviceMesh.network), not \(consumer.name)'s \(consumerMesh.network), and has no east-west gateway: install one and set eastWestGateway"
                )),
            let gateway = serviceMesh.eastWestGateway
        else { return conditions.failed(.noEastWestGateway) }
        // 7.3
        let problem = consumerRangeProblem(gateway, from: consumer, what: "\(serviceCluster.name)'s east-west gateway")
        conditions.require(problem == nil, problem ?? RouteReason(.addressInConsumerRange, ""))
        let hops = conditions.require(
            reach(
                gateway, from: consumer, preferring: serviceCluster.vnet, what: "\(serviceCluster.name)'s east-west gateway",
                flows: [flow(from: consumer, to: gateway, port: 15443, protocol: .tcp, arrivingAt: serviceCluster)]),
            "\(consumer.name) cannot reach \(serviceCluster.name)'s east-west gateway")
        if let rejection = conditions.rejection { return rejection }
        return .routable(
            address: address, port: request.port.port,
            hops: [consumer.name] + (hops ?? []) + ["east-west gateway \(gateway):15443 (network \(serviceMesh.network))", serviceCluster.name])
    }

    /// The mesh carries TCP only.
    private func requireTCP(_ request: Request, _ conditions: inout PathConditions) {
        conditions.require(
            request.port.protocol == .tcp,
            RouteReason(
                .meshTCPOnly, "the mesh carries TCP only, and port \(request.port.port) of \(request.service.id.name) is \(request.port.protocol.rawValue)"))
    }
}
