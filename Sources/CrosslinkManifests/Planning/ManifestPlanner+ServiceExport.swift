import CrosslinkCore

extension ManifestPlanner {
    /// One `ServiceExport` per service that tunnel routes reach, however many imports use it.
    static func serviceExports(for routes: [PlannedRoute]) -> [ManifestDocument] {
        grouped(routes) { $0.via == .tunnel ? $0.service.id : nil }.map { service, routes in
            // MCS matches the export to the Service by name, so the name is the service's own
            // (a DNS-1035 label, already valid).
            let metadata = ObjectMetadata.managed(name: service.name, namespace: service.namespace, serving: routes.map(\.key))
            return ManifestDocument(cluster: service.cluster, object: .serviceExport(ServiceExport(metadata: metadata)))
        }
    }
}
