/// A Kubernetes `Namespace` (v1) in the consumer cluster: the namespace of a service it reaches by
/// name (spec §7.12, §7.13).
///
/// Lighthouse resolves `<svc>.<ns>.svc.clusterset.local` only in clusters where `<ns>` exists, and a
/// DNS stub Service needs its namespace; a consumer cluster need not have either.
package struct Namespace: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    package static let apiVersion = "v1"
    /// The `kind` written for this object.
    package static let kind = "Namespace"

    /// Name, labels and annotations. Namespaces are cluster-scoped: `metadata.namespace` equals the
    /// name (it places the file in the output directory) and is not written into the manifest.
    package var metadata: ObjectMetadata

    /// Creates the value from its fields, as written in the manifest.
    package init(metadata: ObjectMetadata) {
        self.metadata = metadata
    }
}
