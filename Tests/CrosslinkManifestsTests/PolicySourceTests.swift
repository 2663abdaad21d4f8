import CrosslinkCore
import CrosslinkManifests
import CrosslinkTestSupport
import Testing

/// Spec §7.15: the source a NetworkPolicy admits for each path into an isolated namespace.
@Suite struct PolicySourceTests {
    /// The peers of the one policy that `answer` needs.
    private func peers(_ answer: RouteAnswer, in topology: Topology = Scenario.topology) throws -> [NetworkPolicy.Peer] {
        let policy = try #require(
            ManifestPlanner.documents(for: [answer], in: topology).lazy.compactMap { document -> NetworkPolicy? in
                if case .networkPolicy(let policy) = document.object { return policy }
                return nil
            }.first)
        return policy.ingress.flatMap(\.peers)
    }

    private static func cidr(_ text: String) -> NetworkPolicy.Peer { .ipBlock(TopologyBuilder.cidr(text)) }

    /// The scenario with the backend's externalTrafficPolicy set.
    private func backend(_ policy: ExternalTrafficPolicy) -> Topology {
        var topology = Scenario.topology
        topology.services[TopologyBuilder.service(Scenario.backend)]?.externalTrafficPolicy = policy
        return topology
    }

    @Test(
        "every path admits its own source",
        arguments: [
            // local: the consumer's namespace, or every namespace for a whole-cluster consumer.
            ("aks-b/frontend", PathKind.local, NetworkPolicy.Peer.namespaces(matchLabels: ["kubernetes.io/metadata.name": "frontend"])),
            ("aks-b", .local, .namespaces(matchLabels: [:])),
            // mesh across networks: K's east-west gateway pods.
            ("aks-a", .mesh, .pods(namespaceLabels: ["kubernetes.io/metadata.name": "istio-system"], podLabels: ["istio": "eastwestgateway"])),
            // tunnel: C's Globalnet CIDR when set, else C's pod CIDR.
            ("aks-a/frontend", .tunnel, cidr("242.0.0.0/16")),
            ("aks-d/web", .tunnel, cidr("10.244.0.0/16")),
            // network, externalTrafficPolicy Cluster (the default): K's node subnet, whoever the consumer.
            ("aks-a/frontend", .network, cidr("10.2.0.0/20")),
            ("aks-d/web", .network, cidr("10.2.0.0/20")),
            // ingress: K's ingress controller pods (class nginx: the ingress-nginx chart's labels).
            (
                "aks-a/frontend", .ingress,
                .pods(
                    namespaceLabels: ["kubernetes.io/metadata.name": "ingress-nginx"],
                    podLabels: ["app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"])
            ),
        ])
    func source(consumer: String, via: PathKind, expected: NetworkPolicy.Peer) throws {
        #expect(try peers(Scenario.answer(consumer, Scenario.backend, 80, via: via)) == [expected])
    }

    @Test("mesh on one network: the consumer's pod CIDR")
    func meshOneNetwork() throws {
        // aks-a and aks-c share net-a; aks-a is azure-cni, so its pod CIDR is its node subnet.
        #expect(try peers(Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)) == [Self.cidr("10.1.0.0/20")])
    }

    @Test("tunnel: the consumer's Globalnet CIDR even when the service's cluster has none")
    func tunnelGlobalnetOfConsumer() throws {
        var topology = Scenario.topology
        topology.clusters["aks-b"]?.globalnetCIDR = nil
        #expect(try peers(Scenario.answer("aks-a/frontend", Scenario.backend, 80, via: .tunnel), in: topology) == [Self.cidr("242.0.0.0/16")])
    }

    @Test(
        "network, externalTrafficPolicy Local: the client address is kept",
        arguments: [
            ("aks-a/frontend", "10.1.0.0/20"),  // azure-cni: the consumer's pod CIDR
            ("aks-d/web", "10.0.0.0/20"),  // kubenet: pods leave through their node, so its node subnet
        ])
    func networkLocal(consumer: String, expected: String) throws {
        let answer = Scenario.answer(consumer, Scenario.backend, 80, via: .network)
        #expect(try peers(answer, in: backend(.local)) == [Self.cidr(expected)])
        // The same route with the default policy admits the service cluster's nodes instead.
        #expect(try peers(answer, in: backend(.cluster)) == [Self.cidr("10.2.0.0/20")])
    }

    @Test("azure-cni-overlay with Local: the consumer's node subnet, not its overlay pod range")
    func networkLocalOverlay() throws {
        var topology = backend(.local)
        topology.clusters["aks-a"]?.networkPlugin = .azureCNIOverlay
        topology.clusters["aks-a"]?.podCIDR = TopologyBuilder.cidr("10.244.0.0/16")
        #expect(try peers(Scenario.answer("aks-a/frontend", Scenario.backend, 80, via: .network), in: topology) == [Self.cidr("10.1.0.0/20")])
    }
}
