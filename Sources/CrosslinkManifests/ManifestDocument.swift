/// One Kubernetes object crosslink wants applied, and the cluster it must be applied to.
package struct ManifestDocument: Hashable, Sendable {
    /// The object, as a typed value.
    package enum Object: Hashable, Sendable {
        case serviceExport(ServiceExport)
        case serviceEntry(ServiceEntry)
        case networkPolicy(NetworkPolicy)
        case namespace(Namespace)
        case stubService(StubService)
    }

    /// The cluster whose API server receives the object.
    package var cluster: String
    /// The object to apply.
    package var object: Object

    /// Creates the value from its fields, as written in the manifest.
    package init(cluster: String, object: Object) {
        self.cluster = cluster
        self.object = object
    }

    /// The object's metadata.
    package var metadata: ObjectMetadata {
        switch object {
        case .serviceExport(let value): value.metadata
        case .serviceEntry(let value): value.metadata
        case .networkPolicy(let value): value.metadata
        case .namespace(let value): value.metadata
        case .stubService(let value): value.metadata
        }
    }

    /// The object's `kind` (`ServiceExport`, `ServiceEntry`, `NetworkPolicy`, `Namespace`, `Service`).
    package var kind: String {
        switch object {
        case .serviceExport: ServiceExport.kind
        case .serviceEntry: ServiceEntry.kind
        case .networkPolicy: NetworkPolicy.kind
        case .namespace: Namespace.kind
        case .stubService: StubService.kind
        }
    }

    /// The object's `apiVersion`.
    package var apiVersion: String {
        switch object {
        case .serviceExport: ServiceExport.apiVersion
        case .serviceEntry: ServiceEntry.apiVersion
        case .networkPolicy: NetworkPolicy.apiVersion
        case .namespace: Namespace.apiVersion
        case .stubService: StubService.apiVersion
        }
    }

    /// The object's namespace; for a `Namespace`, its own name.
    package var namespace: String { metadata.namespace }
    /// The object's name.
    package var name: String { metadata.name }

    /// Where the document lives in an output directory: `<cluster>/<namespace>/<kind>-<name>.yaml`
    /// (a `Namespace` sits in its own directory: `aks-a/payments/namespace-payments.yaml`).
    ///
    /// Every part is a validated DNS-1123 name, so the path cannot climb out of the directory.
    package var relativePath: String {
        "\(cluster)/\(namespace)/\(kind.lowercased())-\(name).yaml"
    }

    /// The order documents are emitted in: cluster, namespace, kind, name.
    static func precedes(_ lhs: ManifestDocument, _ rhs: ManifestDocument) -> Bool {
        (lhs.cluster, lhs.namespace, lhs.kind, lhs.name) < (rhs.cluster, rhs.namespace, rhs.kind, rhs.name)
    }
}

extension Sequence<ManifestDocument> {
    /// The documents meant for one cluster (`crosslink manifests --cluster NAME`).
    package func filter(cluster: String) -> [ManifestDocument] {
        filter { $0.cluster == cluster }
    }
}
