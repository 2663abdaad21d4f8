import CrosslinkCore

/// A Service as kubectl printed it, translated, with where it came from.
package struct KubernetesService: Hashable, Sendable {
    /// The service, `spec.externalTrafficPolicy` included (Cluster unless a load-balanced or
    /// NodePort service says Local).
    package var service: Service
    /// Where it came from, as notes name it.
    package var place: String
}

/// One host and backend service of an Ingress rule, translated; the ingress's `servicePort` is the
/// rule's `port.number` or `port.name`.
package struct KubernetesIngress: Hashable, Sendable {
    package var ingress: Ingress
    /// Where it came from, as notes name it.
    package var place: String
}

/// The services, ingresses and isolated namespaces of one cluster that `kubectl get … -o json`
/// output describes, translated without touching any store.
///
/// The translation follows Kubernetes' own semantics (see docs/ecosystem.md): what crosslink cannot
/// model is skipped or adapted, always with a note; objects in system namespaces are skipped unless
/// asked for.
package struct KubernetesImport: Hashable, Sendable {
    /// Namespaces that belong to the platform, not to workloads: skipped unless asked for.
    package static let systemNamespaces: Set<String> = [
        "kube-system", "kube-public", "kube-node-lease", "gatekeeper-system", "calico-system", "tigera-operator",
        "istio-system", "submariner-operator",
    ]

    /// The crosslink cluster the objects belong to.
    package var cluster: String
    /// Whether objects in system namespaces were read (and so may be pruned).
    package var includesSystemNamespaces: Bool
    /// The translated services, sorted by identity.
    package var services: [KubernetesService]
    /// One entry per ingress host and backend service, sorted by the ingress's identity.
    package var ingresses: [KubernetesIngress]
    /// Namespaces with a default-deny ingress NetworkPolicy, sorted.
    package var isolatedNamespaces: [String]
    /// One sentence per object that was skipped or adapted, in input order.
    package var notes: [String]

    /// Translates every document for `cluster`.
    /// - Throws: `CrosslinkError` naming the file and the object, for JSON that is malformed, is not
    ///   Kubernetes objects, misses a required field, or holds a value crosslink cannot record.
    package init(cluster: String, documents: [KubernetesDocument], includeSystemNamespaces: Bool = false) throws {
        try NameRule.dns1123Label.check(cluster, field: "--cluster")
        var translator = KubernetesTranslator(cluster: cluster, includesSystemNamespaces: includeSystemNamespaces)
        for document in documents {
            try translator.add(document.objects(), from: document.source)
        }
        translator.finish()
        self.cluster = cluster
        includesSystemNamespaces = includeSystemNamespaces
        services = translator.services.keys.sorted().compactMap { translator.services[$0] }
        ingresses = translator.ingresses.keys.sorted().compactMap { translator.ingresses[$0] }
        isolatedNamespaces = translator.isolatedNamespaces.sorted()
        notes = translator.notes
    }

    /// Whether the import speaks for objects in `namespace`: what `--prune` may remove.
    package func covers(namespace: String) -> Bool {
        includesSystemNamespaces || !Self.systemNamespaces.contains(namespace)
    }
}
