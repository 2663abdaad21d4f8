/// Rule R6: the flows each path makes, and the two points where the paths ask for reachability.
/// Without route tables, firewalls and security groups both answer exactly as v1 did.
extension RouteEngine {
    /// §5's "C's VNet reaches K's" for one path: v1's underlay, or rules R1–R5 for the path's flows.
    func reachability(from x: String, to y: String, flows: @autoclosure () -> [Flow]) -> Reachability {
        guard let plane else { return underlay.reachability(from: x, to: y) }
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
        _ conditions: inout PathConditions, from x: String, to y: String, flows: @autoclosure () -> [Flow], _ context: @autoclosure () -> String
    ) -> [String]? {
        guard plane != nil else { return conditions.requireReach(underlay, from: x, to: y, context()) }
        return conditions.require(reachability(from: x, to: y, flows: flows()), context())
    }

    /// The way out to the internet once egress holds: v1's `internet` hop (not a condition of its
    /// own), or with §8 objects one more condition, the R1–R5 walk.
    func requireInternet(_ conditions: inout PathConditions, flows: @autoclosure () -> [Flow], _ context: @autoclosure () -> String) -> [String]? {
        guard plane != nil else { return ["internet"] }
        return conditions.require(internetReachability(flows: flows()), context())
    }

    /// A flow from C's pods (or nodes, without azure-cni) to one address on the service's side.
    func flow(from c: Cluster, to address: IPv4Address, port: Int, protocol: PortProtocol, arrivingAt k: Cluster) -> Flow {
        flow(from: c, to: .range(CIDR(containing: address, prefixLength: 32)), port: port, protocol: `protocol`, arrivingAt: k)
    }

    /// A flow from C's pods (or nodes) to an endpoint; a public one arrives at K's node subnet.
    func flow(from c: Cluster, to destination: FlowEndpoint, port: Int, protocol: PortProtocol, arrivingAt k: Cluster) -> Flow {
        let isPublic = plane?.isPublic(destination) ?? false
        return Flow(
            from: Location(vnet: c.vnet, subnet: c.nodeSubnet), source: c.hasRoutablePodIPs ? c.podCIDR : c.nodeSubnet,
            destination: destination, port: port, protocol: `protocol`,
            publicArrival: isPublic ? Location(vnet: k.vnet, subnet: k.nodeSubnet) : nil)
    }

    /// Submariner's gateway traffic (IPsec NAT-T 4500/UDP and the 4490/UDP NAT discovery), in both
    /// directions: between node subnets for private endpoints, over the internet for public ones.
    func tunnelFlows(_ c: Cluster, _ k: Cluster, endpoint: TunnelEndpoint) -> [Flow] {
        var flows: [Flow] = []
        for (a, b) in [(c, k), (k, c)] {
            for port in [4500, 4490] {
                let destination: FlowEndpoint = endpoint == .private ? .range(b.nodeSubnet) : .internet
                flows.append(
                    Flow(
                        from: Location(vnet: a.vnet, subnet: a.nodeSubnet), source: a.nodeSubnet, destination: destination, port: port, protocol: .udp,
                        publicArrival: endpoint == .public ? Location(vnet: b.vnet, subnet: b.nodeSubnet) : nil))
            }
        }
        return flows
    }

    /// Every flow of one path with the effective route at every hop (`route check --explain`); empty
    /// for paths that make no flow between VNets, or when the estate has no §8 objects.
    package func explain(consumer: Consumer, service: ServiceID, port: Int?, via: ImportVia) throws -> [PathExplanation] {
        let answer = try answer(consumer: consumer, service: service, port: port, via: via)
        guard let plane, let c = topology.clusters[consumer.cluster], let k = topology.clusters[service.cluster],
            let target = topology.services[service], let servicePort = target.ports.first(where: { $0.port == answer.servicePort })
        else { return [] }
        var result: [PathExplanation] = []
        for kind in via.candidates {
            let flows = self.flows(of: kind, from: c, to: k, service: target, port: servicePort)
            guard !flows.isEmpty else { continue }
            result.append(PathExplanation(via: kind, flows: flows.compactMap { plane.check($0, tracing: true).explanation }))
        }
        return result
    }

    /// The flows a path kind makes between the two clusters (rule R6), whatever else it needs.
    func flows(of kind: PathKind, from c: Cluster, to k: Cluster, service: Service, port: ServicePort) -> [Flow] {
        switch kind {
        case .local:
            return []
        case .mesh:
            guard c.name != k.name, let cm = c.mesh, let km = k.mesh else { return [] }
            if cm.network == km.network {
                return [flow(from: c, to: .range(k.podCIDR), port: port.targetPort, protocol: .tcp, arrivingAt: k)]
            }
            return km.eastWestGateway.map { [flow(from: c, to: $0, port: 15443, protocol: .tcp, arrivingAt: k)] } ?? []
        case .tunnel:
            guard c.name != k.name, let tunnel = topology.tunnels[UnorderedPair(c.name, k.name)] else { return [] }
            return tunnelFlows(c, k, endpoint: tunnel.endpoint)
        case .network:
            return service.loadBalancerIP.map { [flow(from: c, to: $0, port: port.port, protocol: port.protocol, arrivingAt: k)] } ?? []
        case .ingress:
            guard let ingress = ingressesByService[service.id]?.first(where: { $0.backendPort(of: service) == port }) else { return [] }
            return [ingressFlow(ingress, from: c, to: k)]
        }
    }

    /// An ingress flow goes to its address; without one, to K's nodes (an internal ingress) or
    /// somewhere on the internet (a public one).
    func ingressFlow(_ ingress: Ingress, from c: Cluster, to k: Cluster) -> Flow {
        if let address = ingress.address { return flow(from: c, to: address, port: ingress.port, protocol: .tcp, arrivingAt: k) }
        let destination: FlowEndpoint = ingress.visibility == .internal ? .range(k.nodeSubnet) : .internet
        return flow(from: c, to: destination, port: ingress.port, protocol: .tcp, arrivingAt: k)
    }
}

/// The flows of one path kind, explained.
package struct PathExplanation: Hashable, Sendable {
    package var via: PathKind
    package var flows: [FlowExplanation]
}
