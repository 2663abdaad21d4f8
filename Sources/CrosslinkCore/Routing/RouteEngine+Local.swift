extension RouteEngine {
    /// local: consumer and service in one cluster; the short name works from the service's namespace.
    func localPath(_ request: Request) -> Outcome {
        guard request.from.name == request.in.name else {
            return .rejected(RouteReason(.notSameCluster, "local needs the consumer in \(request.in.name), the service's cluster, not \(request.from.name)"))
        }
        let id = request.service.id
        let address = request.consumer.namespace == id.namespace ? id.name : "\(id.name).\(id.namespace).svc.\(request.in.clusterDomain)"
        return .routable(address: address, port: request.port.port, hops: [request.from.name])
    }
}
