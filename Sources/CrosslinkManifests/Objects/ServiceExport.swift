/// An MCS `ServiceExport` (multicluster.x-k8s.io/v1alpha1): asks the tunnel (Submariner Lighthouse)
/// to publish the Service of the same name and namespace as `<svc>.<ns>.svc.clusterset.local`.
///
/// It has no spec: the copy of the CRD that submariner-operator installs has none, and kubectl's
/// strict field validation would refuse one there.
package struct ServiceExport: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    package static let apiVersion = "multicluster.x-k8s.io/v1alpha1"
    /// The `kind` written for this object.
    package static let kind = "ServiceExport"

    /// The name must equal the exported Service's name (MCS requires it).
    package var metadata: ObjectMetadata

    /// Creates the value from its fields, as written in the manifest.
    package init(metadata: ObjectMetadata) {
        self.metadata = metadata
    }
}
