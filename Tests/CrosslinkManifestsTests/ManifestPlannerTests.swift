import CrosslinkCore
import CrosslinkGenerator
import CrosslinkManifests
import CrosslinkTestSupport
import Testing

@Suite struct ManifestPlannerTests {
    private func plan(_ answers: [RouteAnswer]) -> [ManifestDocument] {
        ManifestPlanner.documents(for: answers, in: Scenario.topology)
    }

    @Test("same input gives the same bytes, whatever the order of answers")
    func determinism() {
        let expected = ManifestRenderer.yamlStream(plan(Scenario.allAnswers))
        var generator = SplitMix64(seed: 42)
        for _ in 0..<20 {
            let shuffled = Scenario.allAnswers.shuffled(using: &generator) + Scenario.allAnswers.prefix(3)
            #expect(ManifestRenderer.yamlStream(plan(shuffled)) == expected)
        }
    }

    @Test("unroutable answers and answers the topology does not know produce nothing")
    func unroutable() {
        let stale = Scenario.answer("aks-a/frontend", "aks-z/ns/gone", 80, via: .tunnel)
        let wrongPort = Scenario.answer("aks-a/frontend", Scenario.backend, 81, via: .tunnel)
        #expect(plan([Scenario.unroutable("aks-a/frontend", Scenario.backend, 80), stale, wrongPort]).isEmpty)
    }

    @Test("one ServiceExport per service however many imports need it")
    func oneExportPerService() {
        let documents = plan(Scenario.cases[0].answers).filter { $0.kind == "ServiceExport" }
        #expect(documents.count == 1)
        #expect(documents.first?.relativePath == "aks-b/backend/serviceexport-backend-service.yaml")
    }

    @Test("routes into namespaces that are not isolated get no NetworkPolicy")
    func noPolicyOutsideIsolation() {
        let answers = [Scenario.answer("aks-b/frontend", "aks-b/backend/backend-service", 80, via: .tunnel)]
        var topology = Scenario.topology
        topology.clusters["aks-b"]?.isolatedNamespaces = []
        #expect(ManifestPlanner.documents(for: answers, in: topology).map(\.kind) == ["ServiceExport"])
    }

    @Test("an ingress route into a consumer outside any mesh needs no ServiceEntry")
    func ingressOutsideMesh() {
        let documents = plan([Scenario.answer("aks-d", Scenario.backend, 80, via: .ingress)])
        #expect(documents.map(\.kind) == ["NetworkPolicy"])
    }

    @Test("filter(cluster:) keeps one cluster's documents")
    func filterByCluster() {
        let documents = plan(Scenario.allAnswers)
        #expect(documents.filter(cluster: "aks-a").allSatisfy { $0.cluster == "aks-a" })
        // aks-a: the ingress ServiceEntry, and for its mesh routes two Namespaces and two DNS stubs.
        #expect(documents.filter(cluster: "aks-a").count == 5)
        #expect(documents.filter(cluster: "nope").isEmpty)
    }

    @Test("a policy rule never grants a peer a port that none of its routes asked for")
    func exactAdmission() throws {
        let documents = plan(Scenario.allAnswers)
        let policy = try #require(
            documents.compactMap { document -> NetworkPolicy? in
                if case .networkPolicy(let policy) = document.object, policy.metadata.name == "crosslink-backend-service" { return policy }
                return nil
            }.first)
        // Every (peer, port) admitted appears exactly once: peers sit in one rule each.
        let peers = policy.ingress.flatMap(\.peers)
        #expect(Set(peers).count == peers.count)
        // The Globalnet source (tunnel from aks-a) gets 8080/TCP and 5353/UDP, not 9090.
        let global = NetworkPolicy.Peer.ipBlock(TopologyBuilder.cidr("242.0.0.0/16"))
        let globalPorts = policy.ingress.first { $0.peers.contains(global) }?.ports.map(\.port)
        #expect(globalPorts == [5353, 8080])
    }

    @Test(
        "names are valid DNS-1123 labels whatever the input",
        arguments: [
            ["aks-b", "backend", "backend-service"],
            ["*.Example.COM"],
            [String(repeating: "very-long-name-", count: 10)],
            ["a\"b\nc: d", "--", ""],
            ["ünïcødé"],
        ])
    func safeNames(parts: [String]) throws {
        let name = ObjectName.derive(parts)
        #expect(name.utf8.count <= 63)
        try NameRule.dns1123Label.check(name, field: "derived name")
        #expect(ObjectName.derive(parts) == name)
    }

    @Test("names that clean up alike stay distinct")
    func distinctNames() {
        #expect(ObjectName.derive("a.b") != ObjectName.derive("a-b"))
        #expect(ObjectName.derive("a-b") == "crosslink-a-b")
        let long = ObjectName.derive(String(repeating: "x", count: 80) + "1")
        #expect(long != ObjectName.derive(String(repeating: "x", count: 80) + "2"))
    }
}

/// Spec §7.14: the protocol of an ingress ServiceEntry's port.
@Suite struct IngressEntryProtocolTests {
    @Test(
        "HTTPS on a TLS ingress, GRPC for a gRPC backend in the clear, else HTTP",
        arguments: [(true, 80, "HTTPS"), (true, 9090, "HTTPS"), (false, 9090, "GRPC"), (false, 80, "HTTP")])
    func entryProtocol(tls: Bool, backendPort: Int, expected: String) throws {
        // The scenario's backend: 80 is `http` (appProtocol http), 9090 is named `grpc`; an ingress
        // serves one backend port (spec §7.8).
        let topology = Scenario.builder
            .ingress(
                Scenario.backend, host: "api.example.com", port: tls ? 443 : 80, tls: tls, address: "20.5.6.7", className: "nginx",
                servicePort: .number(backendPort)
            ).topology
        let documents = ManifestPlanner.documents(for: [Scenario.answer("aks-a/frontend", Scenario.backend, backendPort, via: .ingress)], in: topology)
        let entry = try #require(
            documents.lazy.compactMap { document -> ServiceEntry? in
                if case .serviceEntry(let entry) = document.object { return entry }
                return nil
            }.first)
        let number = tls ? 443 : 80
        #expect(entry.ports == [ServiceEntry.Port(number: number, name: "\(expected.lowercased())-\(number)", protocol: expected)])
        #expect(entry.location == .meshExternal && entry.hosts == ["api.example.com"])
    }
}
