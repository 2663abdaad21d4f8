import CrosslinkCore

/// A routable answer joined with the model objects its manifests are made from.
struct PlannedRoute: Hashable, Sendable {
    var key: RouteKey
    var via: PathKind
    var consumer: Consumer
    var consumerCluster: Cluster
    var serviceCluster: Cluster
    var service: Service
    var port: ServicePort
    /// The ingress that exposes the service, for ingress routes.
    var ingress: Ingress?

    /// Joins `answer` with `topology`, or nil when the answer is unroutable or names something the
    /// topology lacks (a stale answer cannot be turned into a correct manifest, so none is made).
    init?(_ answer: RouteAnswer, in topology: Topology) {
        guard let via = answer.via,
            let consumerCluster = topology.clusters[answer.consumer.cluster],
            let serviceCluster = topology.clusters[answer.service.cluster],
            let service = topology.services[answer.service],
            let port = service.ports.first(where: { $0.port == answer.servicePort })
        else { return nil }
        // An ingress route's address is its ingress's host (a service may have several ingresses);
        // else the first ingress that serves the port.
        let ingress =
            via != .ingress
            ? nil
            : answer.address.flatMap { topology.ingresses[IngressID(service: answer.service, host: $0)] }
                ?? topology.ingresses(of: answer.service).first { $0.backendPort(of: service) == port }
        if via == .ingress, ingress == nil { return nil }
        self.key = answer.key
        self.via = via
        self.consumer = answer.consumer
        self.consumerCluster = consumerCluster
        self.serviceCluster = serviceCluster
        self.service = service
        self.port = port
        self.ingress = ingress
    }

    /// Whether the mesh route crosses networks, and so goes through K's east-west gateway.
    var crossesMeshNetworks: Bool {
        guard let consumerMesh = consumerCluster.mesh, let serviceMesh = serviceCluster.mesh else { return false }
        return consumerMesh.network != serviceMesh.network
    }

    /// Whether the target namespace has a default-deny ingress policy, so the route needs a NetworkPolicy.
    var entersIsolatedNamespace: Bool {
        serviceCluster.isolatedNamespaces.contains(service.id.namespace)
    }
}
