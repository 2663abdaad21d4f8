import CrosslinkCore

extension ManifestPlanner {
    /// For mesh routes, a selector-less Service in the consumer cluster named like the service, with
    /// its ports: the DNS stub (spec §7.12). None when the consumer has a registered service of that
    /// namespace and name: its own Service already gives the name an address.
    ///
    /// Services of one namespace and name in several clusters are one service to the mesh (namespace
    /// sameness), so a consumer importing more than one of them gets one stub with their ports merged.
    static func dnsStubs(for routes: [PlannedRoute], in topology: Topology) -> [ManifestDocument] {
        grouped(routes) { route -> ServiceID? in
            guard route.via == .mesh else { return nil }
            let stub = ServiceID(cluster: route.consumer.cluster, namespace: route.service.id.namespace, name: route.service.id.name)
            return topology.services[stub] == nil ? stub : nil
        }
        .map { stub, routes in
            var services: [ServiceID: Service] = [:]
            for route in routes { services[route.service.id] = route.service }
            let ports = stubPorts(services.values.sorted { $0.id < $1.id }.flatMap(\.ports))
            let metadata = ObjectMetadata.managed(name: stub.name, namespace: stub.namespace, serving: routes.map(\.key))
            return ManifestDocument(cluster: stub.cluster, object: .stubService(StubService(metadata: metadata, ports: ports)))
        }
    }

    /// `ports` as one valid Service's ports: the first of each number and protocol kept, in order;
    /// when there are several, every one named (Kubernetes requires it), each name used once.
    ///
    /// Names and `appProtocol` are copied as they are: the consumer's sidecar picks the protocol of
    /// the port from them. A port without a usable name is called `port-<number>` (`-<protocol>` for
    /// UDP and SCTP), which selects no protocol, as no name would.
    static func stubPorts(_ ports: [ServicePort]) -> [ServicePort] {
        var seen: Set<String> = []
        let kept = ports.filter { seen.insert("\($0.port)/\($0.protocol.rawValue)").inserted }
        guard kept.count > 1 else { return kept }
        var used: Set<String> = []
        var named = kept.map { port -> ServicePort in
            var port = port
            if let name = port.name, !used.insert(name).inserted { port.name = nil }
            return port
        }
        for index in named.indices where named[index].name == nil {
            let port = named[index]
            let base = port.protocol == .tcp ? "port-\(port.port)" : "port-\(port.port)-\(port.protocol.rawValue.lowercased())"
            var name = base
            var attempt = 1
            while used.contains(name) {
                attempt += 1
                name = "\(base)-\(attempt)"
            }
            used.insert(name)
            named[index].name = name
        }
        return named
    }
}
