extension RouteEngine {
    /// ingress: an HTTP(S) exposure under a host name; public needs internet egress, internal the underlay.
    ///
    /// Conditions, in order: an ingress exposes the service; the port speaks HTTP; the consumer
    /// reaches the ingress (without one: some visibility would be reachable).
    func ingressPath(_ request: Request) -> Outcome {
        let (c, k, id) = (request.from, request.in, request.service.id)
        var conditions = PathConditions()
        let ingress = topology.ingresses[id]
        conditions.require(
            ingress != nil,
            RouteReason(.noIngress, "no ingress exposes \(id): add one, or use another path", fix: "crosslink ingress add \(id) --host <host>"))
        conditions.require(
            request.port.isHTTPLike,
            RouteReason(
                .portNotHTTP,
                "port \(request.port.port)\(request.port.name.map { " (\($0))" } ?? "") of \(id.name) is not HTTP (no appProtocol http/https/http2/grpc or http-named port), and an ingress carries HTTP(S) only"
            ))
        guard let ingress else {
            // Only counted: the missing ingress is the reason shown.
            conditions.require(c.hasInternetEgress || underlay.connects(c.vnet, k.vnet), RouteReason(.noIngress, ""))
            return conditions.failed
        }
        var hops = [c.name]
        switch ingress.visibility {
        case .public:
            if conditions.require(
                c.hasInternetEgress,
                RouteReason(
                    .noInternetEgress, "ingress \(ingress.host) is public, but \(c.name) has no internet egress (egress: none)", fix: Self.egressFix(c)))
            {
                hops += requireInternet(&conditions, flows: [ingressFlow(ingress, from: c, to: k)], "public ingress \(ingress.host)") ?? []
            }
        case .internal:
            hops +=
                requireReach(
                    &conditions, from: c.vnet, to: k.vnet, flows: [ingressFlow(ingress, from: c, to: k)],
                    "internal ingress \(ingress.host) needs \(c.vnet) to reach \(k.vnet)") ?? []
        }
        if let rejection = conditions.rejection { return rejection }
        let scheme = ingress.tls ? "https" : "http"
        hops.append("ingress \(scheme)://\(ingress.host):\(ingress.port)\(ingress.className.map { " (\($0))" } ?? "")")
        return .routable(address: ingress.host, port: ingress.port, hops: hops + [k.name])
    }
}
