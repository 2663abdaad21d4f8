import CrosslinkCore
import CrosslinkKubernetes
import CrosslinkTestSupport
import Testing

/// Merging an import into a stored estate: upsert, prune within the cluster, refuse vanished services in use.
@Suite struct KubernetesMergeTests {
    /// Two clusters, each with a service in `shop`, an ingress, and an import of aks-a's service.
    static var estate: Topology {
        TopologyBuilder()
            .vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.2.0.0/16")
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", isolated: ["legacy", "kube-system"])
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20")
            .service("aks-a/shop/old")
            .service("aks-a/kube-system/metrics")
            .service("aks-b/shop/old")
            .ingress("aks-a/shop/old", host: "old.example.com")
            .importing("aks-a/shop/old", into: "aks-b")
            .topology
    }

    static func imported(_ items: String...) throws -> KubernetesImport {
        try KubernetesImport(cluster: "aks-a", documents: [KubernetesDocument(source: "in.json", text: Kubectl.list(items.joined(separator: ", ")))])
    }

    @Test("without --prune, nothing is removed and isolated namespaces are added to the stored ones")
    func upsertOnly() throws {
        var estate = Self.estate
        let imported = try Self.imported(Kubectl.service(), Kubectl.policy(namespace: "shop", spec: #"{"podSelector": {}}"#))
        _ = try imported.apply(to: &estate, prune: false, cascade: false)
        #expect(estate.services.keys.map(\.description).sorted() == ["aks-a/kube-system/metrics", "aks-a/shop/api", "aks-a/shop/old", "aks-b/shop/old"])
        #expect(estate.clusters["aks-a"]?.isolatedNamespaces == ["kube-system", "legacy", "shop"])
        try estate.validate()
    }

    @Test("--prune refuses to remove a service that an import uses, naming the import")
    func pruneRefused() throws {
        var estate = Self.estate
        let imported = try Self.imported(Kubectl.service())
        let error = try #require(throws: CrosslinkError.self) { try imported.apply(to: &estate, prune: true, cascade: false) }
        #expect(error.code == .referenced)
        #expect(
            error.message
                == "--prune would remove service aks-a/shop/old, which imports use: import aks-b -> aks-a/shop/old; pass --cascade to remove those imports too")
    }

    @Test("--prune --cascade removes only this cluster's missing objects, outside system namespaces, and the imports of removed services")
    func pruneCascade() throws {
        var estate = Self.estate
        let imported = try Self.imported(Kubectl.service())
        _ = try imported.apply(to: &estate, prune: true, cascade: true)
        // aks-a/shop/old, its ingress and its import are gone; aks-b and kube-system are untouched.
        #expect(estate.services.keys.map(\.description).sorted() == ["aks-a/kube-system/metrics", "aks-a/shop/api", "aks-b/shop/old"])
        #expect(estate.ingresses.isEmpty && estate.imports.isEmpty)
        #expect(estate.clusters["aks-a"]?.isolatedNamespaces == ["kube-system"])
        try estate.validate()
    }

    @Test("--prune with --include-system also prunes system namespaces")
    func pruneSystem() throws {
        var estate = Self.estate
        let imported = try KubernetesImport(
            cluster: "aks-a", documents: [KubernetesDocument(source: "in.json", text: Kubectl.list(Kubectl.service("old")))], includeSystemNamespaces: true)
        _ = try imported.apply(to: &estate, prune: true, cascade: false)
        #expect(estate.services.keys.map(\.description).sorted() == ["aks-a/shop/old", "aks-b/shop/old"])
        #expect(estate.clusters["aks-a"]?.isolatedNamespaces == [])
    }

    @Test("--prune removes a stale ingress of a service the input still holds")
    func pruneIngress() throws {
        var estate = Self.estate
        estate.imports = [:]
        let imported = try Self.imported(Kubectl.service("old", ports: #"[{"name": "http", "port": 80}]"#))
        _ = try imported.apply(to: &estate, prune: true, cascade: false)
        #expect(estate.ingresses.isEmpty)
        #expect(estate.services[TopologyBuilder.service("aks-a/shop/old")] != nil)
    }

    @Test("an ingress whose backend service is missing, or lacks the port, is skipped with a note")
    func ingressBackends() throws {
        var estate = Self.estate
        let spec = #"{"rules": [\#(Kubectl.rule("a.example.com", "nowhere")), \#(Kubectl.rule("b.example.com", "api", port: #"{"name": "grpc"}"#))]}"#
        let imported = try Self.imported(Kubectl.service(), Kubectl.ingress(spec: spec))
        let notes = try imported.apply(to: &estate, prune: false, cascade: false)
        #expect(
            notes == [
                "in.json: Ingress 'shop/web': host b.example.com skipped; backend port grpc is not a port of service aks-a/shop/api (ports: http)",
                "in.json: Ingress 'shop/web': host a.example.com skipped; its backend service shop/nowhere is neither in the input nor registered",
            ])
        #expect(estate.ingresses.count == 1)
    }

    @Test("an unknown cluster is refused")
    func unknownCluster() throws {
        var estate = Topology()
        let error = try #require(throws: CrosslinkError.self) { try Self.imported(Kubectl.service()).apply(to: &estate, prune: false, cascade: false) }
        #expect(error.message == "cluster 'aks-a' does not exist; register it first with 'crosslink import azure' or 'crosslink cluster add'")
    }
}
