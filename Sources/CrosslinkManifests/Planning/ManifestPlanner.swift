import CrosslinkCore

/// Turns route answers into the Kubernetes objects that make those routes work (spec §6, §7.12–7.16).
///
/// Pure: the same answers and topology give the same documents in the same order, whatever the
/// order of `answers`. Only routable answers count; each path kind asks for its own objects:
///
/// | route | object | cluster |
/// |---|---|---|
/// | tunnel | `ServiceExport` for the service | service's |
/// | tunnel, mesh | `Namespace` of the service, unless the consumer has a service in it | consumer's |
/// | mesh | selector-less `Service` named like the service (DNS stub), unless the consumer has it | consumer's |
/// | ingress into a mesh member | `ServiceEntry` MESH_EXTERNAL for the ingress host | consumer's |
/// | any, into an isolated namespace | `NetworkPolicy` admitting the route's sources | service's |
///
/// docs/manifests.md explains each choice.
package enum ManifestPlanner {
    /// The documents the routable `answers` need, sorted by cluster, namespace, kind and name.
    ///
    /// Answers that name a cluster, service, port or ingress missing from `topology` are skipped:
    /// they come from an older snapshot and the next reconcile will answer them again.
    package static func documents(for answers: [RouteAnswer], in topology: Topology) -> [ManifestDocument] {
        // De-duplicated and sorted first, so that grouping below never depends on input order.
        let routes = Set(answers.compactMap { PlannedRoute($0, in: topology) }).sorted { $0.key < $1.key }
        let documents =
            serviceExports(for: routes) + consumerNamespaces(for: routes, in: topology) + dnsStubs(for: routes, in: topology)
            + serviceEntries(for: routes) + networkPolicies(for: routes)
        return documents.sorted(by: ManifestDocument.precedes)
    }

    /// Groups `routes` by `key` (in first-seen order, which is sorted order here).
    static func grouped<Key: Hashable>(_ routes: [PlannedRoute], by key: (PlannedRoute) -> Key?) -> [(Key, [PlannedRoute])] {
        var order: [Key] = []
        var groups: [Key: [PlannedRoute]] = [:]
        for route in routes {
            guard let groupKey = key(route) else { continue }
            if groups[groupKey] == nil { order.append(groupKey) }
            groups[groupKey, default: []].append(route)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}
