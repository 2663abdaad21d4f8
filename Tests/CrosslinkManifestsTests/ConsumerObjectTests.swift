import CrosslinkCore
import CrosslinkManifests
import CrosslinkTestSupport
import Testing

/// Spec §7.12 and §7.13: what mesh and tunnel routes put in the consumer cluster.
@Suite struct ConsumerObjectTests {
    private func plan(_ answers: [RouteAnswer], in topology: Topology = Scenario.topology) -> [ManifestDocument] {
        ManifestPlanner.documents(for: answers, in: topology)
    }

    /// `kind cluster/namespace/name` of every document, for compact expectations.
    private func summary(_ documents: [ManifestDocument]) -> [String] {
        documents.map { "\($0.kind) \($0.cluster)/\($0.namespace)/\($0.name)" }
    }

    private func stubService(in documents: [ManifestDocument]) -> StubService? {
        documents.lazy.compactMap { document -> StubService? in
            if case .stubService(let stub) = document.object { return stub }
            return nil
        }.first
    }

    @Test("a mesh route gets no ServiceEntry, on one network or across networks")
    func noMeshServiceEntry() {
        let same = plan([Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)])
        let across = plan([Scenario.answer("aks-a", Scenario.backend, 80, via: .mesh)])
        #expect(!(same + across).contains { $0.kind == "ServiceEntry" })
    }

    @Test("a mesh route into a consumer without the namespace: the Namespace and a DNS stub in the consumer")
    func meshStubAndNamespace() throws {
        let documents = plan([Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)])
        #expect(
            summary(documents) == [
                "Namespace aks-a/payments/payments", "Service aks-a/payments/ledger", "NetworkPolicy aks-c/payments/crosslink-ledger",
            ])
        let stub = try #require(stubService(in: documents))
        // The service's own ports, name and appProtocol kept: the sidecar picks protocols from them.
        #expect(stub.ports == [ServicePort(name: "https", port: 443, targetPort: 8443)])
        #expect(documents.first?.metadata.annotations["crosslink.io/imports"] == "aks-a/frontend -> aks-c/payments/ledger:443")
    }

    @Test("the consumer has a service in that namespace: the stub, but no Namespace")
    func meshNamespaceExists() {
        let topology = Scenario.adding("aks-a/payments/wallet")
        let documents = plan([Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)], in: topology)
        #expect(summary(documents) == ["Service aks-a/payments/ledger", "NetworkPolicy aks-c/payments/crosslink-ledger"])
    }

    @Test("the consumer has a service of that namespace and name: neither stub nor Namespace")
    func meshServiceExists() {
        let topology = Scenario.adding("aks-a/payments/ledger")
        let documents = plan([Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)], in: topology)
        #expect(summary(documents) == ["NetworkPolicy aks-c/payments/crosslink-ledger"])
    }

    @Test("a tunnel route: the ServiceExport in the service's cluster and the Namespace in the consumer")
    func tunnelNamespace() {
        let answers = [Scenario.answer("aks-d/web", Scenario.backend, 80, via: .tunnel)]
        #expect(
            summary(plan(answers)) == [
                "NetworkPolicy aks-b/backend/crosslink-backend-service", "ServiceExport aks-b/backend/backend-service",
                "Namespace aks-d/backend/backend",
            ])
        // The consumer already has a service in that namespace: no Namespace, and never a stub.
        let topology = Scenario.adding("aks-d/backend/cache")
        #expect(
            summary(plan(answers, in: topology)) == [
                "NetworkPolicy aks-b/backend/crosslink-backend-service", "ServiceExport aks-b/backend/backend-service",
            ])
    }

    @Test("one Namespace per consumer and namespace, serving every mesh and tunnel route that needs it")
    func oneNamespace() throws {
        let topology = Scenario.adding("aks-c/backend/backend-service")
        let answers = [
            Scenario.answer("aks-a/frontend", Scenario.backend, 80, via: .tunnel),
            Scenario.answer("aks-a/frontend", "aks-c/backend/backend-service", 80, via: .mesh),
        ]
        let namespaces = plan(answers, in: topology).filter { $0.kind == "Namespace" }
        #expect(summary(namespaces) == ["Namespace aks-a/backend/backend"])
        #expect(
            namespaces.first?.metadata.annotations["crosslink.io/imports"]
                == "aks-a/frontend -> aks-b/backend/backend-service:80, aks-a/frontend -> aks-c/backend/backend-service:80")
    }

    @Test("services of one namespace and name in two clusters give one stub with their ports merged")
    func mergedStub() throws {
        let topology = Scenario.adding("aks-c/backend/backend-service", ports: [ServicePort(name: "http", port: 80), ServicePort(name: "admin", port: 8081)])
        let answers = [
            Scenario.answer("aks-a", Scenario.backend, 80, via: .mesh),
            Scenario.answer("aks-a", "aks-c/backend/backend-service", 8081, via: .mesh),
        ]
        let documents = plan(answers, in: topology)
        #expect(documents.filter { $0.kind == "Service" }.count == 1)
        let stub = try #require(stubService(in: documents))
        // aks-b's ports first (sorted by service), then aks-c's admin port; aks-c's port 80 is aks-b's.
        #expect(stub.ports.map(\.port) == [80, 9090, 53, 8081])
        #expect(stub.ports.map(\.name) == ["http", "grpc", "dns", "admin"])
    }

    @Test(
        "stub ports are valid Service ports: unique by number and protocol, all named when several",
        arguments: [
            ([ServicePort(port: 80)], [nil]),
            ([ServicePort(port: 80), ServicePort(port: 53, protocol: .udp)], ["port-80", "port-53-udp"]),
            ([ServicePort(name: "http", port: 80), ServicePort(port: 81), ServicePort(name: "http", port: 82)], ["http", "port-81", "port-82"]),
            ([ServicePort(port: 80), ServicePort(name: "port-80", port: 81)], ["port-80-2", "port-80"]),
            ([ServicePort(name: "a", port: 80), ServicePort(name: "b", port: 80)], ["a"]),
        ] as [([ServicePort], [String?])])
    func stubPorts(ports: [ServicePort], names: [String?]) throws {
        let topology = Scenario.adding("aks-c/shop/cart", ports: ports)
        let documents = plan([Scenario.answer("aks-a", "aks-c/shop/cart", ports[0].port, via: .mesh)], in: topology)
        let stub = try #require(stubService(in: documents))
        #expect(stub.ports.map(\.name) == names)
        for name in stub.ports.compactMap(\.name) { try NameRule.dns1123Label.check(name, field: "port name") }
    }

    @Test("the stub renders as a selector-less ClusterIP Service; the Namespace without metadata.namespace")
    func rendering() {
        let documents = plan([Scenario.answer("aks-a/frontend", Scenario.ledger, 443, via: .mesh)])
        #expect(
            ManifestRenderer.yamlStream(documents.filter { $0.cluster == "aks-a" }) == """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: payments
                  labels:
                    app.kubernetes.io/managed-by: crosslink
                  annotations:
                    crosslink.io/imports: "aks-a/frontend -> aks-c/payments/ledger:443"
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: ledger
                  namespace: payments
                  labels:
                    app.kubernetes.io/managed-by: crosslink
                  annotations:
                    crosslink.io/imports: "aks-a/frontend -> aks-c/payments/ledger:443"
                spec:
                  ports:
                  - name: https
                    port: 443
                    targetPort: 8443
                    protocol: TCP

                """)
        #expect(documents.first?.relativePath == "aks-a/payments/namespace-payments.yaml")
        #expect(documents.dropFirst().first?.relativePath == "aks-a/payments/service-ledger.yaml")
    }

    @Test("network, ingress and local routes put nothing in the consumer's namespaces")
    func otherPaths() {
        let answers = [
            Scenario.answer("aks-a/frontend", Scenario.backend, 80, via: .network),
            Scenario.answer("aks-d", Scenario.backend, 80, via: .ingress),
            Scenario.answer("aks-b/frontend", Scenario.backend, 80, via: .local),
        ]
        #expect(!plan(answers).contains { $0.kind == "Namespace" || $0.kind == "Service" })
    }
}
