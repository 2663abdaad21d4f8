import CrosslinkCore

extension ManifestPlanner {
    /// Istio's root namespace, which every mesh member has: home of entries for whole-cluster consumers.
    static let istioRootNamespace = "istio-system"

    /// The port an Istio east-west gateway listens on for mTLS traffic routed by SNI (AUTO_PASSTHROUGH).
    static let eastWestGatewayPort = 15443

    /// Where a consumer's ServiceEntry lives and who sees it.
    ///
    /// A ServiceEntry is visible to every namespace unless `exportTo` narrows it. A consumer that
    /// names a namespace gets the entry in that namespace, exported to it alone (`.`), so other
    /// namespaces neither see the host nor collide with it. A whole-cluster consumer gets it in
    /// the Istio root namespace, exported everywhere (`*`).
    struct EntryPlacement: Hashable {
        var cluster: String
        var namespace: String

        init(_ route: PlannedRoute) {
            cluster = route.consumer.cluster
            namespace = route.consumer.namespace ?? ManifestPlanner.istioRootNamespace
        }
    }

    /// The ServiceEntries for mesh routes and for ingress routes into mesh members.
    static func serviceEntries(for routes: [PlannedRoute]) -> [ManifestDocument] {
        meshServiceEntries(for: routes) + ingressServiceEntries(for: routes)
    }

    /// One MESH_INTERNAL entry per consumer placement and remote service.
    static func meshServiceEntries(for routes: [PlannedRoute]) -> [ManifestDocument] {
        grouped(routes) { route in route.via == .mesh ? MeshEntryKey(placement: EntryPlacement(route), service: route.service.id) : nil }
            .compactMap { key, routes in
                guard let first = routes.first else { return nil }
                let service = key.service
                let host = "\(service.name).\(service.namespace).svc.\(first.serviceCluster.clusterDomain)"
                let ports = uniquePorts(routes.map { meshPort(for: $0.port) })
                var resolution = ServiceEntry.Resolution.dns
                var endpoints: [ServiceEntry.Endpoint] = []
                if first.crossesMeshNetworks {
                    // Another network: the only way in is K's east-west gateway, which routes the
                    // mTLS connection by SNI on 15443 (Istio's multi-network model). Naming the
                    // endpoint's network lets istiod apply split-horizon routing.
                    guard let mesh = first.serviceCluster.mesh, let gateway = mesh.eastWestGateway else { return nil }
                    resolution = .static
                    endpoints = [
                        ServiceEntry.Endpoint(
                            address: gateway.description, network: mesh.network,
                            labels: ["topology.istio.io/network": mesh.network],
                            ports: Dictionary(ports.map { ($0.name, eastWestGatewayPort) }, uniquingKeysWith: { a, _ in a }))
                    ]
                }
                // Same network: pods are directly routable, so the sidecar resolves the host and
                // dials it; endpoint discovery over the mesh link supplies K's workloads.
                let entry = ServiceEntry(
                    metadata: .managed(
                        name: ObjectName.derive(service.cluster, service.namespace, service.name),
                        namespace: key.placement.namespace, serving: routes.map(\.key)),
                    hosts: [host], exportTo: exportTo(routes), location: .meshInternal, ports: ports,
                    resolution: resolution, endpoints: endpoints)
                return ManifestDocument(cluster: key.placement.cluster, object: .serviceEntry(entry))
            }
    }

    /// One MESH_EXTERNAL entry per consumer placement and ingress host, for consumers in a mesh
    /// (a sidecar with an outbound REGISTRY_ONLY policy reaches only hosts it knows).
    static func ingressServiceEntries(for routes: [PlannedRoute]) -> [ManifestDocument] {
        grouped(routes) { route -> IngressEntryKey? in
            guard route.via == .ingress, route.consumerCluster.mesh != nil, let ingress = route.ingress else { return nil }
            return IngressEntryKey(placement: EntryPlacement(route), host: ingress.host)
        }
        .map { key, routes in
            let ports = uniquePorts(
                routes.compactMap(\.ingress).map { ingress in
                    ingress.tls
                        ? ServiceEntry.Port(number: ingress.port, name: "https-\(ingress.port)", protocol: "HTTPS")
                        : ServiceEntry.Port(number: ingress.port, name: "http-\(ingress.port)", protocol: "HTTP")
                })
            let entry = ServiceEntry(
                metadata: .managed(name: ObjectName.derive("ingress", key.host), namespace: key.placement.namespace, serving: routes.map(\.key)),
                hosts: [key.host], exportTo: exportTo(routes), location: .meshExternal, ports: ports, resolution: .dns)
            return ManifestDocument(cluster: key.placement.cluster, object: .serviceEntry(entry))
        }
    }

    /// `*` when a whole-cluster consumer needs the entry, else `.` (only the entry's namespace).
    static func exportTo(_ routes: [PlannedRoute]) -> [String] {
        routes.contains { $0.consumer.namespace == nil } ? ["*"] : ["."]
    }

    /// The Istio port for a service port: named `<protocol>-<number>` so the name is unique, valid
    /// as an endpoint port key, and free of user text.
    static func meshPort(for port: ServicePort) -> ServiceEntry.Port {
        let istioProtocol = meshProtocol(for: port)
        return ServiceEntry.Port(number: port.port, name: "\(istioProtocol.lowercased())-\(port.port)", protocol: istioProtocol)
    }

    /// Istio's protocol for a port: from appProtocol, else the port-name convention, else TCP.
    static func meshProtocol(for port: ServicePort) -> String {
        let known = ["http": "HTTP", "https": "HTTPS", "http2": "HTTP2", "grpc": "GRPC", "tls": "TLS"]
        if let appProtocol = port.appProtocol?.lowercased(), let value = known[appProtocol] { return value }
        if let name = port.name?.lowercased() {
            // Longest prefix first, so `http2-x` is HTTP2 rather than HTTP.
            for prefix in known.keys.sorted(by: { $0.count > $1.count }) where name == prefix || name.hasPrefix(prefix + "-") {
                return known[prefix] ?? "TCP"
            }
        }
        return "TCP"
    }

    /// One port per number (the CRD refuses duplicates), sorted by number.
    static func uniquePorts(_ ports: [ServiceEntry.Port]) -> [ServiceEntry.Port] {
        var seen: Set<Int> = []
        return ports.sorted { ($0.number, $0.name) < ($1.number, $1.name) }.filter { seen.insert($0.number).inserted }
    }

    struct MeshEntryKey: Hashable {
        var placement: EntryPlacement
        var service: ServiceID
    }

    struct IngressEntryKey: Hashable {
        var placement: EntryPlacement
        var host: String
    }
}
