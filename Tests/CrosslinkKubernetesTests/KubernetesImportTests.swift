import CrosslinkCore
import CrosslinkKubernetes
import CrosslinkTestSupport
import Foundation
import Testing

/// The kubectl output files under Fixtures/ (see Fixtures/SOURCES).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func document(_ name: String) throws -> KubernetesDocument {
        KubernetesDocument(source: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
    }

    static func cluster() throws -> KubernetesImport {
        try KubernetesImport(cluster: "aks-weu", documents: [document("aks-weu.json"), document("service-checkout.json")])
    }

    /// The estate the fixture cluster lives in: one VNet, the cluster, nothing else.
    static var estate: Topology {
        TopologyBuilder().vnet("vnet-weu", "10.1.0.0/16").cluster("aks-weu", in: "vnet-weu", nodeSubnet: "10.1.0.0/20").topology
    }
}

@Suite struct KubernetesImportTests {
    static func id(_ namespace: String, _ name: String) -> ServiceID { ServiceID(cluster: "aks-weu", namespace: namespace, name: name) }

    @Test("the fixture cluster translates to exactly the expected services")
    func services() throws {
        let imported = try Fixture.cluster()
        let expected: [Service] = [
            Service(id: Self.id("default", "kubernetes"), ports: [ServicePort(name: "https", port: 443)]),
            Service(
                id: Self.id("payments", "payments-api"), ports: [ServicePort(name: "grpc", port: 9090, appProtocol: "grpc")], exposure: .internalLB,
                loadBalancerIP: IPv4Address("10.1.0.60")),
            Service(id: Self.id("shop", "admin"), ports: [ServicePort(name: "http", port: 80, targetPort: 3000)]),
            Service(
                id: Self.id("shop", "cart"), ports: [ServicePort(name: "http", port: 8080)], exposure: .internalLB, loadBalancerIP: IPv4Address("10.1.0.50"),
                externalTrafficPolicy: .local),
            Service(
                id: Self.id("shop", "checkout"),
                ports: [
                    ServicePort(name: "grpc-web", port: 8081, appProtocol: "kubernetes.io/h2c"), ServicePort(name: "metrics", port: 9102),
                    ServicePort(name: "stun", port: 3478, protocol: .udp),
                ]),
            Service(id: Self.id("shop", "queue"), ports: [ServicePort(name: "amqp", port: 5672)]),
            Service(id: Self.id("shop", "search"), ports: [ServicePort(name: "http", port: 9200), ServicePort(name: "transport", port: 9300)]),
            Service(
                id: Self.id("shop", "storefront"),
                ports: [ServicePort(name: "http", port: 80, targetPort: 8080), ServicePort(name: "https", port: 443, targetPort: 8443)],
                exposure: .publicLB, loadBalancerIP: IPv4Address("20.103.4.5")),
            Service(id: Self.id("shop", "web"), ports: [ServicePort(name: "http", port: 80, appProtocol: "http")]),
        ]
        #expect(imported.services.map(\.service) == expected)
        let policies = Dictionary(uniqueKeysWithValues: imported.services.map { ($0.service.id.description, $0.service.externalTrafficPolicy) })
        #expect(policies["aks-weu/shop/cart"] == .local)
        #expect(policies["aks-weu/shop/storefront"] == .cluster)
        #expect(policies["aks-weu/shop/web"] == .cluster)
        #expect(imported.isolatedNamespaces == ["payments"])
    }

    @Test("each ingress rule host and backend service becomes one ingress")
    func ingresses() throws {
        let imported = try Fixture.cluster()
        let rows = imported.ingresses.map { entry in
            let ingress = entry.ingress
            return
                "\(ingress.service) \(ingress.host) \(ingress.servicePort.map(String.init(describing:)) ?? "-") tls=\(ingress.tls) port=\(ingress.port) \(ingress.visibility.rawValue) \(ingress.address.map(String.init(describing:)) ?? "-") \(ingress.className ?? "-")"
        }
        #expect(
            rows == [
                "aks-weu/shop/admin tools.internal.example.com http tls=false port=80 internal 10.1.0.80 nginx-internal",
                "aks-weu/shop/storefront shop.example.com 80 tls=true port=443 public 20.103.4.9 webapprouting.kubernetes.azure.com",
                "aks-weu/shop/web shop.example.com http tls=true port=443 public 20.103.4.9 webapprouting.kubernetes.azure.com",
            ])
    }

    @Test("every skipped or adapted object has a note that names it")
    func notes() throws {
        let notes = try Fixture.cluster().notes
        let text = notes.joined(separator: "\n")
        for fragment in [
            "aks-weu.json: Service 'shop/web': spec.ports[0].targetPort 'http' is a container port name; recorded as the service port 80",
            "aks-weu.json: Service 'shop/queue': load balancer pending",
            "aks-weu.json: Service 'shop/legacy-db': skipped, an ExternalName service is a DNS alias for db01.corp.example.com",
            "aks-weu.json: Service 'shop/search': headless (clusterIP None), imported as cluster-ip",
            "aks-weu.json: Service 'shop/admin': type NodePort imported as cluster-ip",
            "aks-weu.json: Service 'payments/payments-api': no address in status.loadBalancer yet; used spec.loadBalancerIP 10.1.0.60",
            "aks-weu.json: Ingress 'shop/storefront': spec.defaultBackend (service 'web') skipped",
            "aks-weu.json: Ingress 'default/ingress-resource-backend': spec.defaultBackend (a StorageBucket backend) skipped",
            "aks-weu.json: Ingress 'default/ingress-resource-backend': spec.rules[0] has no host, skipped",
            "aks-weu.json: NetworkPolicy 'payments/allow-ingress-controller': skipped, it selects some pods only",
            "aks-weu.json: NetworkPolicy 'shop/allow-all-ingress': skipped, it admits some ingress traffic",
            "aks-weu.json: NetworkPolicy 'shop/default-deny-egress': skipped, it restricts egress only",
            "service-checkout.json: Service 'shop/checkout': spec.ports[0].targetPort 'grpc' is a container port name",
            "skipped 2 objects in system namespaces (kube-system: 2); --include-system imports them",
        ] {
            #expect(text.contains(fragment), "missing note: \(fragment)\n\(text)")
        }
        // Nothing is noted twice, and no object the fixture imports as-is is noted.
        #expect(Set(notes).count == notes.count)
        #expect(!text.contains("'shop/storefront': load balancer") && !text.contains("Service 'default/kubernetes'"))
    }

    @Test("with --include-system, system namespaces are read like any other")
    func includeSystem() throws {
        let imported = try KubernetesImport(cluster: "aks-weu", documents: [Fixture.document("aks-weu.json")], includeSystemNamespaces: true)
        #expect(imported.services.contains { $0.service.id == Self.id("kube-system", "kube-dns") })
        #expect(imported.isolatedNamespaces == ["kube-system", "payments"])
        #expect(!imported.notes.contains { $0.contains("system namespaces") })
    }

    @Test("translation does not depend on the order of the files")
    func deterministic() throws {
        let forward = try Fixture.cluster()
        let backward = try KubernetesImport(cluster: "aks-weu", documents: [Fixture.document("service-checkout.json"), Fixture.document("aks-weu.json")])
        #expect(forward.services == backward.services && forward.ingresses == backward.ingresses)
        #expect(forward.isolatedNamespaces == backward.isolatedNamespaces)
    }

    @Test("the fixture merges into an estate that validates, and merging again changes nothing")
    func mergeTwice() throws {
        let imported = try Fixture.cluster()
        var estate = Fixture.estate
        _ = try imported.apply(to: &estate, prune: false, cascade: false)
        try estate.validate()
        #expect(estate.services.count == 9 && estate.ingresses.count == 3)
        #expect(estate.clusters["aks-weu"]?.isolatedNamespaces == ["payments"])
        let once = estate
        _ = try imported.apply(to: &estate, prune: true, cascade: false)
        #expect(estate == once)
    }
}
