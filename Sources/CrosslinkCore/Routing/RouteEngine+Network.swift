extension RouteEngine {
    /// network: a load balancer in front of the service; internal ones need the underlay, public
    /// ones internet egress. Azure load balancers carry TCP and UDP only (§7.4).
    ///
    /// Conditions, in order: the service has a load balancer; the port is TCP or UDP; the consumer
    /// reaches it (an internal address outside the consumer's own ranges, §7.3; without a load
    /// balancer: some kind of load balancer would be reachable).
    func networkPath(_ request: Request) -> Outcome {
        let (consumer, serviceCluster, service) = (request.from, request.in, request.service)
        var conditions = PathConditions()
        let address = service.exposure.hasLoadBalancer ? service.loadBalancerIP : nil
        conditions.require(
            address != nil,
            RouteReason(
                .notLoadBalanced,
                "\(service.id.name) is cluster-ip, which is not reachable from outside \(serviceCluster.name): expose it as internal-lb or public-lb",
                fix: Self.exposureFix(
                    service, reachableInternally: underlay.connects(consumer.vnet, serviceCluster.vnet), hasEgress: consumer.hasInternetEgress)))
        // 7.4
        conditions.require(
            request.port.protocol != .sctp,
            RouteReason(
                .loadBalancerProtocol,
                "port \(request.port.label) of \(service.id.name) is SCTP, and Azure load balancers carry TCP and UDP only: use the tunnel path, or serve the port over TCP or UDP"
            ))
        guard let address else {
            // Only counted: the missing load balancer is the reason shown.
            conditions.require(consumer.hasInternetEgress || underlay.connects(consumer.vnet, serviceCluster.vnet), RouteReason(.notLoadBalanced, ""))
            return conditions.failed(.notLoadBalanced)
        }
        var hops = [consumer.name]
        if service.exposure == .internalLB {
            // 7.3
            let problem = consumerRangeProblem(address, from: consumer, what: "the internal load balancer")
            conditions.require(problem == nil, problem ?? RouteReason(.addressInConsumerRange, ""))
            guard
                let underlayHops = requireReach(
                    &conditions, from: consumer.vnet, to: serviceCluster.vnet,
                    flows: [flow(from: consumer, to: address, port: request.port.port, protocol: request.port.protocol, arrivingAt: serviceCluster)],
                    "the internal load balancer \(address) needs \(consumer.vnet) to reach \(serviceCluster.vnet)")
            else { return conditions.failed(.noUnderlayPath) }
            hops += underlayHops + ["internal load balancer \(address)"]
        } else {
            guard
                conditions.require(
                    consumer.hasInternetEgress,
                    RouteReason(
                        .noInternetEgress,
                        "\(service.id.name) is behind the public load balancer \(address), but \(consumer.name) has no internet egress (egress: none)",
                        fix: Self.egressFix(consumer)))
            else { return conditions.failed(.noInternetEgress) }
            guard
                let internet = requireInternet(
                    &conditions,
                    flows: [flow(from: consumer, to: address, port: request.port.port, protocol: request.port.protocol, arrivingAt: serviceCluster)],
                    "the public load balancer \(address)")
            else { return conditions.failed(.noInternetEgress) }
            hops += internet + ["public load balancer \(address)"]
        }
        if let rejection = conditions.rejection { return rejection }
        return .routable(address: address.description, port: request.port.port, hops: hops + [serviceCluster.name])
    }

    /// The command that puts a load balancer in front of a service: internal when the consumer's VNet
    /// reaches the service's, else public when the consumer has egress.
    static func exposureFix(_ service: Service, reachableInternally: Bool, hasEgress: Bool) -> String {
        let exposure = !reachableInternally && hasEgress ? "public-lb" : "internal-lb"
        return "crosslink service set \(service.id) --exposure \(exposure) --load-balancer-ip <ip>"
    }
}
