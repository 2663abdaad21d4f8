import CrosslinkCore

extension KubernetesImport {
    /// Merges the imported objects into `topology`: upserts every service and ingress, adds the
    /// isolated namespaces to the cluster's, and with `prune` removes what the input no longer holds.
    ///
    /// Pruning touches only this cluster, and only namespaces the import speaks for (system namespaces
    /// only with `includesSystemNamespaces`): its services, its ingresses and its isolated-namespace
    /// entries. It never removes an import by itself: a service that imports still use is refused
    /// unless `cascade` is set, which removes those imports too.
    /// - Returns: notes on ingresses that could not be merged (their backend service or port is missing).
    /// - Throws: `.notFound` when the cluster is not registered; `.referenced` listing the imports of
    ///   services that `prune` would remove, without `cascade`.
    package func apply(to topology: inout Topology, prune: Bool, cascade: Bool) throws -> [String] {
        guard var stored = topology.clusters[cluster] else {
            throw CrosslinkError(
                .notFound,
                "cluster \(cluster.quoted) does not exist; register it first with 'crosslink import azure' or 'crosslink cluster add'")
        }
        var notes: [String] = []
        for entry in services {
            topology.upsert(.service(entry.service))
        }
        var merged: Set<EntityReference> = []
        for entry in ingresses {
            guard let service = topology.services[entry.ingress.service] else {
                notes.append(
                    "\(entry.place): host \(entry.ingress.host) skipped; its backend service \(entry.ingress.service.namespace)/\(entry.ingress.service.name) is neither in the input nor registered"
                )
                continue
            }
            guard entry.ingress.backendPort(of: service) != nil else {
                notes.append(
                    "\(entry.place): host \(entry.ingress.host) skipped; backend port \(entry.ingress.servicePort?.description ?? "-") is not a port of service \(service.id) (ports: \(service.ports.map { $0.name ?? String($0.port) }.joined(separator: ", ")))"
                )
                continue
            }
            topology.upsert(.ingress(entry.ingress))
            merged.insert(Entity.ingress(entry.ingress).reference)
        }

        var namespaces = Set(stored.isolatedNamespaces)
        if prune { namespaces = namespaces.filter { !covers(namespace: $0) } }
        namespaces.formUnion(isolatedNamespaces)
        // Rewritten only when the set changes, so a stored order does not look like an update.
        if namespaces != Set(stored.isolatedNamespaces) {
            stored.isolatedNamespaces = namespaces.sorted()
            topology.upsert(.cluster(stored))
        }
        if prune { try self.prune(&topology, keeping: merged, cascade: cascade) }
        return notes
    }

    /// Removes this cluster's services and ingresses that the input does not hold.
    private func prune(_ topology: inout Topology, keeping ingresses: Set<EntityReference>, cascade: Bool) throws {
        let kept = Set(services.map(\.service.id))
        let doomed = topology.services.keys.filter { $0.cluster == cluster && covers(namespace: $0.namespace) && !kept.contains($0) }.sorted()
        let doomedSet = Set(doomed)
        let users = topology.imports.keys.filter { doomedSet.contains($0.service) }.sorted()
        if !users.isEmpty && !cascade {
            let used = Set(users.map(\.service)).sorted()
            let services = used.map(\.description).joined(separator: ", ")
            let list = users.map { EntityReference.import($0).description }.joined(separator: ", ")
            throw CrosslinkError(
                .referenced,
                "--prune would remove service\(used.count == 1 ? "" : "s") \(services), which imports use: \(list); pass --cascade to remove those imports too"
            )
        }
        let staleIngresses = topology.ingresses.values
            .filter { $0.service.cluster == cluster && covers(namespace: $0.service.namespace) }
            .map { Entity.ingress($0).reference }
            .filter { !ingresses.contains($0) }
        for reference in staleIngresses { topology.remove(reference) }
        for id in doomed {
            // Its ingresses and (with cascade) the imports of it go with it.
            for reference in topology.cascade(from: .service(id)) { topology.remove(reference) }
        }
    }
}
