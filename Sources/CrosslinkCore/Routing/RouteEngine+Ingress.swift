extension RouteEngine {
    /// ingress: an HTTP(S) exposure under a host name; public needs internet egress, internal the underlay.
    func ingressPath(_ request: Request) -> Outcome {
        let (c, k, id) = (request.from, request.in, request.service.id)
        guard let ingress = topology.ingresses[id] else {
            return .rejected(RouteReason(.noIngress, "no ingress exposes \(id): add one, or use another path"))
        }
        guard request.port.isHTTPLike else {
            let name = request.port.name.map { " (\($0))" } ?? ""
            return .rejected(
                RouteReason(
                    .portNotHTTP,
                    "port \(request.port.port)\(name) of \(id.name) is not HTTP (no appProtocol http/https/http2/grpc or http-named port), and an ingress carries HTTP(S) only"
                ))
        }
        var hops = [c.name]
        switch ingress.visibility {
        case .public:
            guard c.hasInternetEgress else {
                return .rejected(RouteReason(.noInternetEgress, "ingress \(ingress.host) is public, but \(c.name) has no internet egress (egress: none)"))
            }
            hops.append("internet")
        case .internal:
            let underlay = underlay.reachability(from: c.vnet, to: k.vnet)
            if let rejection = underlay.rejection("internal ingress \(ingress.host) needs \(c.vnet) to reach \(k.vnet)") { return rejection }
            hops += underlay.hops
        }
        let scheme = ingress.tls ? "https" : "http"
        hops.append("ingress \(scheme)://\(ingress.host):\(ingress.port)\(ingress.className.map { " (\($0))" } ?? "")")
        return .routable(address: ingress.host, port: ingress.port, hops: hops + [k.name])
    }
}
