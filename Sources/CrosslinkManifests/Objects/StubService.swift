import CrosslinkCore

/// A selector-less Kubernetes `Service` (v1) in the consumer cluster, named like the remote service:
/// the "DNS stub" of Istio's multicluster docs (spec §7.12).
///
/// Kubernetes DNS answers only for Services of its own cluster. The stub gives the name
/// `<svc>.<ns>.svc.<domain>` a cluster IP in the consumer; having no selector, it has no endpoints
/// of its own, and the sidecar routes the connection to the endpoints istiod discovered in the
/// service's cluster.
package struct StubService: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    package static let apiVersion = "v1"
    /// The `kind` written for this object.
    package static let kind = "Service"

    /// Name and namespace of the remote service, labels and annotations.
    package var metadata: ObjectMetadata
    /// The remote service's ports, unique by number and protocol; named whenever there are several.
    package var ports: [ServicePort]

    /// Creates the value from its fields, as written in the manifest.
    package init(metadata: ObjectMetadata, ports: [ServicePort]) {
        self.metadata = metadata
        self.ports = ports
    }
}
