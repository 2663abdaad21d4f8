import CrosslinkCore

extension ManifestPlanner {
    /// A namespace of one cluster.
    struct ClusterNamespace: Hashable {
        var cluster: String
        var namespace: String
    }

    /// In each consumer cluster, the namespace of every service that mesh and tunnel routes reach by
    /// name, unless the consumer has a registered service in it (spec §7.12, §7.13).
    ///
    /// Lighthouse imports a service only into clusters where its namespace exists (MCS KEP-1645:
    /// "A multi-cluster service will be imported only by clusters in which the service's namespace
    /// exists"), and the mesh's DNS stub needs its namespace too. A registered service is the only
    /// proof crosslink has that a namespace exists; applying a Namespace that does exist only adds
    /// crosslink's label and annotation to it.
    static func consumerNamespaces(for routes: [PlannedRoute], in topology: Topology) -> [ManifestDocument] {
        let byName = routes.filter { $0.via == .mesh || $0.via == .tunnel }
        guard !byName.isEmpty else { return [] }
        let existing = registeredNamespaces(of: Set(byName.map(\.consumer.cluster)), in: topology)
        return grouped(byName) { route in
            let key = ClusterNamespace(cluster: route.consumer.cluster, namespace: route.service.id.namespace)
            return existing.contains(key) ? nil : key
        }
        .map { key, routes in
            let metadata = ObjectMetadata.managed(name: key.namespace, namespace: key.namespace, serving: routes.map(\.key))
            return ManifestDocument(cluster: key.cluster, object: .namespace(Namespace(metadata: metadata)))
        }
    }

    /// The namespaces of `clusters` that hold a registered service: one pass over the services.
    static func registeredNamespaces(of clusters: Set<String>, in topology: Topology) -> Set<ClusterNamespace> {
        var namespaces: Set<ClusterNamespace> = []
        for id in topology.services.keys where clusters.contains(id.cluster) {
            namespaces.insert(ClusterNamespace(cluster: id.cluster, namespace: id.namespace))
        }
        return namespaces
    }
}
