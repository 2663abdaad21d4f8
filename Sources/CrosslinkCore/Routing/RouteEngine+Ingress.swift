extension RouteEngine {
    /// ingress: an HTTP(S) exposure of one backend port under a host name; public needs internet
    /// egress, internal the underlay. Of several ingresses serving the port, the first by host that
    /// works is used (else the first one's rejection is given).
    ///
    /// Conditions, in order: an ingress exposes the service; one serves the imported port (§7.8); the
    /// port speaks HTTP (§7.9); a gRPC port has TLS; the consumer reaches the ingress (an internal
    /// address outside its own ranges, §7.3; without an ingress: some visibility would be reachable).
    func ingressPath(_ request: Request) -> Outcome {
        let ingresses = ingressesByService[request.service.id] ?? []
        let serving = ingresses.filter { $0.backendPort(of: request.service) == request.port }
        var first: Outcome?
        for ingress in serving {
            let outcome = ingressPath(request, ingresses: ingresses, through: ingress)
            if case .routable = outcome { return outcome }
            if first == nil { first = outcome }
        }
        return first ?? ingressPath(request, ingresses: ingresses, through: nil)
    }

    private func ingressPath(_ request: Request, ingresses: [Ingress], through ingress: Ingress?) -> Outcome {
        let (consumer, serviceCluster, service, port) = (request.from, request.in, request.service, request.port)
        let id = service.id
        var conditions = PathConditions()
        conditions.require(
            !ingresses.isEmpty,
            RouteReason(.noIngress, "no ingress exposes \(id): add one, or use another path", fix: "crosslink ingress add \(id) --host <host>"))
        if !ingresses.isEmpty {
            // 7.8
            conditions.require(
                ingress != nil,
                RouteReason(
                    .ingressOtherPort,
                    "an ingress sends to one backend port, and none serves port \(port.label) of \(id.name) (\(ingresses.map { "\($0.host) serves port \($0.backendPort(of: service)?.label ?? "?")" }.joined(separator: ", "))): add an ingress with servicePort \(port.name ?? String(port.port)), or use another path",
                    fix: "crosslink ingress add \(id) --host <host> --service-port \(port.name ?? String(port.port))"))
        }
        // 7.9
        let httpProblem = Self.httpProblem(port, of: service)
        conditions.require(httpProblem == nil, httpProblem ?? RouteReason(.portNotHTTP, ""))
        if let ingress {
            // 7.9
            conditions.require(
                !port.isGRPC || ingress.tls,
                RouteReason(
                    .grpcNeedsTLS,
                    "port \(port.label) of \(id.name) speaks gRPC, which needs HTTP/2, and ingress \(ingress.host) serves plain HTTP (tls: false): turn on TLS for the ingress"
                ))
        }
        guard let ingress else {
            // Only counted: the missing ingress is the reason shown.
            conditions.require(consumer.hasInternetEgress || underlay.connects(consumer.vnet, serviceCluster.vnet), RouteReason(.noIngress, ""))
            return conditions.failed(.noIngress)
        }
        var hops = [consumer.name]
        switch ingress.visibility {
        case .public:
            if conditions.require(
                consumer.hasInternetEgress,
                RouteReason(
                    .noInternetEgress, "ingress \(ingress.host) is public, but \(consumer.name) has no internet egress (egress: none)",
                    fix: Self.egressFix(consumer)))
            {
                hops += requireInternet(&conditions, flows: [ingressFlow(ingress, from: consumer, to: serviceCluster)], "public ingress \(ingress.host)") ?? []
            }
        case .internal:
            if let address = ingress.address {
                // 7.3
                let problem = consumerRangeProblem(address, from: consumer, what: "the internal ingress \(ingress.host) at")
                conditions.require(problem == nil, problem ?? RouteReason(.addressInConsumerRange, ""))
            }
            hops +=
                requireReach(
                    &conditions, from: consumer.vnet, to: serviceCluster.vnet, flows: [ingressFlow(ingress, from: consumer, to: serviceCluster)],
                    "internal ingress \(ingress.host) needs \(consumer.vnet) to reach \(serviceCluster.vnet)") ?? []
        }
        if let rejection = conditions.rejection { return rejection }
        let scheme = ingress.tls ? "https" : "http"
        hops.append("ingress \(scheme)://\(ingress.host):\(ingress.port)\(ingress.className.map { " (\($0))" } ?? "")")
        return .routable(address: ingress.host, port: ingress.port, hops: hops + [serviceCluster.name])
    }

    /// §7.9: why an HTTP ingress cannot carry `port`, or nil when it can.
    static func httpProblem(_ port: ServicePort, of service: Service) -> RouteReason? {
        guard !port.isHTTP else { return nil }
        let why: String
        if port.protocol != .tcp {
            why = "is \(port.protocol.rawValue), and an ingress carries HTTP(S) over TCP only"
        } else if let appProtocol = port.appProtocol {
            why = "has appProtocol \(appProtocol), and an ingress carries only http, https, http2, h2c, grpc, grpc-web and kubernetes.io/h2c, ws, wss"
        } else {
            why = "is named for a protocol other than HTTP, and an ingress carries HTTP(S) only"
        }
        return RouteReason(
            .portNotHTTP, "port \(port.label) of \(service.id.name) \(why): use the network or tunnel path, or set appProtocol if it does speak HTTP")
    }
}
