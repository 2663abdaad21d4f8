import CrosslinkCore

extension ManifestPlanner {
    /// Istio's root namespace, which every mesh member has: home of entries for whole-cluster consumers.
    static let istioRootNamespace = "istio-system"

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

    /// One MESH_EXTERNAL entry per consumer placement and ingress host, for ingress routes into mesh
    /// members (a sidecar with an outbound REGISTRY_ONLY policy reaches only hosts it knows).
    ///
    /// Mesh routes get no ServiceEntry (spec §7.12): istiod already discovers the service over the
    /// mesh link, and an entry for the same host would shadow that discovery; see ``dnsStubs(for:in:)``.
    static func serviceEntries(for routes: [PlannedRoute]) -> [ManifestDocument] {
        grouped(routes) { route -> IngressEntryKey? in
            guard route.via == .ingress, route.consumerCluster.mesh != nil, let ingress = route.ingress else { return nil }
            return IngressEntryKey(placement: EntryPlacement(route), host: ingress.host)
        }
        .map { key, routes in
            let ports = uniquePorts(
                routes.compactMap { route in
                    route.ingress.map { ingress in
                        let istioProtocol = ingressProtocol(tls: ingress.tls, backend: route.port)
                        return ServiceEntry.Port(number: ingress.port, name: "\(istioProtocol.lowercased())-\(ingress.port)", protocol: istioProtocol)
                    }
                })
            let entry = ServiceEntry(
                metadata: .managed(name: ObjectName.derive("ingress", key.host), namespace: key.placement.namespace, serving: routes.map(\.key)),
                hosts: [key.host], exportTo: exportTo(routes), location: .meshExternal, ports: ports, resolution: .dns)
            return ManifestDocument(cluster: key.placement.cluster, object: .serviceEntry(entry))
        }
    }

    /// The Istio protocol of the ingress host's port (spec §7.14): `HTTPS` when the ingress
    /// terminates TLS (the sidecar sees TLS bytes, whatever they carry), `GRPC` for a gRPC backend
    /// reached in the clear, else `HTTP`.
    static func ingressProtocol(tls: Bool, backend: ServicePort) -> String {
        if tls { return "HTTPS" }
        return backend.isGRPC ? "GRPC" : "HTTP"
    }

    /// `*` when a whole-cluster consumer needs the entry, else `.` (only the entry's namespace).
    static func exportTo(_ routes: [PlannedRoute]) -> [String] {
        routes.contains { $0.consumer.namespace == nil } ? ["*"] : ["."]
    }

    /// One port per number (the CRD refuses duplicates), sorted by number.
    static func uniquePorts(_ ports: [ServiceEntry.Port]) -> [ServiceEntry.Port] {
        var seen: Set<Int> = []
        return ports.sorted { ($0.number, $0.name) < ($1.number, $1.name) }.filter { seen.insert($0.number).inserted }
    }

    struct IngressEntryKey: Hashable {
        var placement: EntryPlacement
        var host: String
    }
}
