/// An MCS `ServiceExport` (multicluster.x-k8s.io/v1alpha1): asks the tunnel (Submariner Lighthouse)
/// to publish the Service of the same name and namespace as `<svc>.<ns>.svc.clusterset.local`.
///
/// It has no spec: the copy of the CRD that submariner-operator installs has none, and kubectl's
/// strict field validation would refuse one there.
public struct ServiceExport: Hashable, Sendable {
    public static let apiVersion = "multicluster.x-k8s.io/v1alpha1"
    public static let kind = "ServiceExport"

    /// The name must equal the exported Service's name (MCS requires it).
    public var metadata: ObjectMetadata

    public init(metadata: ObjectMetadata) {
        self.metadata = metadata
    }
}
