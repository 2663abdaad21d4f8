import CrosslinkCore

/// The `metadata` of one emitted object: where it lives, and how crosslink marks it as its own.
package struct ObjectMetadata: Hashable, Sendable {
    /// The object name, a DNS-1123 subdomain (see ``ObjectName``).
    package var name: String
    /// The namespace, a DNS-1123 label.
    package var namespace: String
    /// Labels, rendered sorted by key.
    package var labels: [String: String]
    /// Annotations, rendered sorted by key.
    package var annotations: [String: String]

    /// Creates the value from its fields, as written in the manifest.
    package init(name: String, namespace: String, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The label every crosslink object carries, so `kubectl get -l` finds them all.
    package static let managedByLabel = ("app.kubernetes.io/managed-by", "crosslink")

    /// The annotation naming the imports an object serves (`consumer -> cluster/ns/svc:port`, sorted).
    package static let importsAnnotation = "crosslink.io/imports"

    /// Metadata marked as crosslink's, serving `routes`.
    static func managed(name: String, namespace: String, serving routes: some Sequence<RouteKey>) -> ObjectMetadata {
        // Sorted and de-duplicated so that the same routes always give the same bytes.
        let imports = Set(routes).sorted().map(\.description).joined(separator: ", ")
        return ObjectMetadata(
            name: name, namespace: namespace,
            labels: [managedByLabel.0: managedByLabel.1],
            annotations: [importsAnnotation: imports])
    }
}
