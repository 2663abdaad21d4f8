/// Rule R6: the flows each path makes, and the two points where the paths ask for reachability.
/// Without route tables, firewalls and security groups both answer exactly as v1 did.
extension RouteEngine {
    /// §5's "C's VNet reaches K's" for one path: v1's underlay, or rules R1–R5 for the path's flows.
    func reachability(from sourceVNet: String, to targetVNet: String, flows: @autoclosure () -> [Flow]) -> Reachability {
        guard let plane else { return underlay.reachability(from: sourceVNet, to: targetVNet) }
        return plane.reachability(of: flows())
    }

    /// The way out to a public address once the consumer's egress is known to be open: v1's
    /// `internet` hop, or the R1–R5 walk (a 0.0.0.0/0 route may send it through a firewall first).
    func internetReachability(flows: @autoclosure () -> [Flow]) -> Reachability {
        guard let plane else { return .reachable(hops: ["internet"]) }
        return plane.reachability(of: flows())
    }

    /// `PathConditions.requireReach`, or with §8 objects rules R1–R5 for the path's flows.
    func requireReach(
        _ conditions: inout PathConditions, from sourceVNet: String, to targetVNet: String, flows: @autoclosure () -> [Flow],
        _ context: @autoclosure () -> String
    ) -> [String]? {
        guard plane != nil else { return conditions.requireReach(underlay, from: sourceVNet, to: targetVNet, context()) }
        return conditions.require(reachability(from: sourceVNet, to: targetVNet, flows: flows()), context())
    }

    /// The way out to the internet once egress holds: v1's `internet` hop (not a condition of its
    /// own), or with §8 objects one more condition, the R1–R5 walk.
    func requireInternet(_ conditions: inout PathConditions, flows: @autoclosure () -> [Flow], _ context: @autoclosure () -> String) -> [String]? {
        guard plane != nil else { return ["internet"] }
        return conditions.require(internetReachability(flows: flows()), context())
    }

    /// A flow from C's pods (or nodes, without azure-cni) to one address on the service's side.
    func flow(from consumer: Cluster, to address: IPv4Address, port: Int, protocol: PortProtocol, arrivingAt serviceCluster: Cluster) -> Flow {
        flow(from: consumer, to: .range(CIDR(containing: address, prefixLength: 32)), port: port, protocol: `protocol`, arrivingAt: serviceCluster)
    }

    /// A flow from C's pods (or nodes) to an endpoint; a public one arrives at K's node subnet.
    func flow(from consumer: Cluster, to destination: FlowEndpoint, port: Int, protocol: PortProtocol, arrivingAt serviceCluster: Cluster) -> Flow {
        let isPublic = plane?.isPublic(destination) ?? false
        return Flow(
            from: Location(vnet: consumer.vnet, subnet: consumer.nodeSubnet), source: consumer.hasRoutablePodIPs ? consumer.podCIDR : consumer.nodeSubnet,
            destination: destination, port: port, protocol: `protocol`,
            publicArrival: isPublic ? Location(vnet: serviceCluster.vnet, subnet: serviceCluster.nodeSubnet) : nil)
    }

    /// Submariner's gateway traffic (IPsec NAT-T 4500/UDP and the 4490/UDP NAT discovery), in both
    /// directions: between node subnets for private endpoints, over the internet for public ones.
    func tunnelFlows(_ consumer: Cluster, _ serviceCluster: Cluster, endpoint: TunnelEndpoint) -> [Flow] {
        var flows: [Flow] = []
        for (sender, receiver) in [(consumer, serviceCluster), (serviceCluster, consumer)] {
            for port in [4500, 4490] {
                let destination: FlowEndpoint = endpoint == .private ? .range(receiver.nodeSubnet) : .internet
                flows.append(
                    Flow(
                        from: Location(vnet: sender.vnet, subnet: sender.nodeSubnet), source: sender.nodeSubnet, destination: destination, port: port,
                        protocol: .udp,
                        publicArrival: endpoint == .public ? Location(vnet: receiver.vnet, subnet: receiver.nodeSubnet) : nil))
            }
        }
        return flows
    }

    /// Every flow of one path with the effective route at every hop (`route check --explain`); empty
    /// for paths that make no flow between VNets, or when the estate has no §8 objects.
    package func explain(consumer: Consumer, service: ServiceID, port: Int?, via: ImportVia) throws -> [PathExplanation] {
        let answer = try answer(consumer: consumer, service: service, port: port, via: via)
        guard let plane, let consumerCluster = topology.clusters[consumer.cluster], let serviceCluster = topology.clusters[service.cluster],
            let target = topology.services[service], let servicePort = target.ports.first(where: { $0.port == answer.servicePort })
        else { return [] }
        var result: [PathExplanation] = []
        for kind in via.candidates {
            let flows = self.flows(of: kind, from: consumerCluster, to: serviceCluster, service: target, port: servicePort)
            guard !flows.isEmpty else { continue }
            result.append(PathExplanation(via: kind, flows: flows.compactMap { plane.check($0, tracing: true).explanation }))
        }
        return result
    }

    /// The flows a path kind makes between the two clusters (rule R6), whatever else it needs.
    func flows(of kind: PathKind, from consumer: Cluster, to serviceCluster: Cluster, service: Service, port: ServicePort) -> [Flow] {
        switch kind {
        case .local:
            return []
        case .mesh:
            guard consumer.name != serviceCluster.name, let consumerMesh = consumer.mesh, let serviceMesh = serviceCluster.mesh else { return [] }
            if consumerMesh.network == serviceMesh.network {
                return [flow(from: consumer, to: .range(serviceCluster.podCIDR), port: port.targetPort, protocol: .tcp, arrivingAt: serviceCluster)]
            }
            return serviceMesh.eastWestGateway.map { [flow(from: consumer, to: $0, port: 15443, protocol: .tcp, arrivingAt: serviceCluster)] } ?? []
        case .tunnel:
            guard consumer.name != serviceCluster.name, let tunnel = topology.tunnels[UnorderedPair(consumer.name, serviceCluster.name)] else { return [] }
            return tunnelFlows(consumer, serviceCluster, endpoint: tunnel.endpoint)
        case .network:
            return service.loadBalancerIP.map { [flow(from: consumer, to: $0, port: port.port, protocol: port.protocol, arrivingAt: serviceCluster)] } ?? []
        case .ingress:
            guard let ingress = ingressesByService[service.id]?.first(where: { $0.backendPort(of: service) == port }) else { return [] }
            return [ingressFlow(ingress, from: consumer, to: serviceCluster)]
        }
    }

    /// An ingress flow goes to its address; without one, to K's nodes (an internal ingress) or
    /// somewhere on the internet (a public one).
    func ingressFlow(_ ingress: Ingress, from consumer: Cluster, to serviceCluster: Cluster) -> Flow {
        if let address = ingress.address { return flow(from: consumer, to: address, port: ingress.port, protocol: .tcp, arrivingAt: serviceCluster) }
        let destination: FlowEndpoint = ingress.visibility == .internal ? .range(serviceCluster.nodeSubnet) : .internet
        return flow(from: consumer, to: destination, port: ingress.port, protocol: .tcp, arrivingAt: serviceCluster)
    }
}

/// The flows of one path kind, explained.
package struct PathExplanation: Hashable, Sendable {
    package var via: PathKind
    package var flows: [FlowExplanation]
}
