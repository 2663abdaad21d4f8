extension RouteEngine {
    /// network: a load balancer in front of the service; internal ones need the underlay, public
    /// ones internet egress.
    func networkPath(_ request: Request) -> Outcome {
        let (c, k, service) = (request.from, request.in, request.service)
        guard service.exposure.hasLoadBalancer, let address = service.loadBalancerIP else {
            return .rejected(
                RouteReason(
                    .notLoadBalanced, "\(service.id.name) is cluster-ip, which is not reachable from outside \(k.name): expose it as internal-lb or public-lb"))
        }
        var hops = [c.name]
        if service.exposure == .internalLB {
            let underlay = underlay.reachability(from: c.vnet, to: k.vnet)
            if let rejection = underlay.rejection("the internal load balancer \(address) needs \(c.vnet) to reach \(k.vnet)") { return rejection }
            hops += underlay.hops + ["internal load balancer \(address)"]
        } else {
            guard c.hasInternetEgress else {
                return .rejected(
                    RouteReason(
                        .noInternetEgress,
                        "\(service.id.name) is behind the public load balancer \(address), but \(c.name) has no internet egress (egress: none)"))
            }
            hops += ["internet", "public load balancer \(address)"]
        }
        return .routable(address: address.description, port: request.port.port, hops: hops + [k.name])
    }
}
