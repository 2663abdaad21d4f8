import CrosslinkCore
import CrosslinkTestSupport

/// The estate every manifest test plans against, and hand-built route answers (the engine that
/// produces real ones is tested elsewhere; manifests depend only on the answer type).
enum Scenario {
    static let topology = builder.topology

    static let builder = TopologyBuilder()
        .vnet("vnet-hub", "10.0.0.0/16")
        .vnet("vnet-a", "10.1.0.0/16")
        .vnet("vnet-b", "10.2.0.0/16")
        // Mesh member on net-a, Globalnet, azure-cni: the usual consumer.
        .cluster(
            "aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", globalnet: "242.0.0.0/16",
            mesh: MeshMembership(id: "mesh1", network: "net-a", trustRoot: "root-2026", eastWestGateway: TopologyBuilder.address("10.1.0.200"))
        )
        // Mesh member on net-b with an east-west gateway; backend is isolated.
        .cluster(
            "aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", globalnet: "242.1.0.0/16",
            mesh: MeshMembership(id: "mesh1", network: "net-b", trustRoot: "root-2026", eastWestGateway: TopologyBuilder.address("10.2.0.200")),
            isolated: ["backend"]
        )
        // Same mesh network as aks-a, its own cluster domain; payments is isolated.
        .cluster(
            "aks-c", in: "vnet-a", nodeSubnet: "10.1.16.0/20",
            mesh: MeshMembership(id: "mesh1", network: "net-a", trustRoot: "root-2026"),
            isolated: ["payments"], clusterDomain: "cluster-c.local"
        )
        // Kubenet, no mesh, no Globalnet: sources are nodes or the overlay pod range.
        .cluster("aks-d", in: "vnet-hub", nodeSubnet: "10.0.0.0/20", plugin: .kubenet)
        .service(
            "aks-b/backend/backend-service",
            ports: [
                ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http"),
                ServicePort(name: "grpc", port: 9090, targetPort: 9090),
                ServicePort(name: "dns", port: 53, targetPort: 5353, protocol: .udp),
            ],
            exposure: .internalLB, loadBalancerIP: "10.2.0.50"
        )
        .service("aks-c/payments/ledger", ports: [ServicePort(name: "https", port: 443, targetPort: 8443)])
        // Keeps the client address at its load balancer (externalTrafficPolicy Local).
        .service(
            "aks-b/backend/reports", ports: [ServicePort(name: "http", port: 80, targetPort: 8000)], exposure: .internalLB,
            loadBalancerIP: "10.2.0.51", externalTrafficPolicy: .local
        )
        .ingress("aks-b/backend/backend-service", host: "api.example.com", address: "20.5.6.7", className: "nginx")

    static let backend = "aks-b/backend/backend-service"
    static let ledger = "aks-c/payments/ledger"
    static let reports = "aks-b/backend/reports"

    /// A routable answer as the engine would give it (hops and address do not matter here).
    static func answer(_ consumer: String, _ service: String, _ port: Int, via: PathKind) -> RouteAnswer {
        let consumer = (try? Consumer.parse(consumer, field: "test consumer")) ?? Consumer(cluster: consumer)
        return RouteAnswer(
            consumer: consumer, service: TopologyBuilder.service(service), servicePort: port, port: port,
            via: via, address: "test", hops: [consumer.cluster], rejected: [])
    }

    static func unroutable(_ consumer: String, _ service: String, _ port: Int) -> RouteAnswer {
        var answer = answer(consumer, service, port, via: .tunnel)
        answer.via = nil
        answer.address = nil
        return answer
    }

    /// One golden case per path kind, each a list of answers.
    static let cases: [(name: String, answers: [RouteAnswer])] = [
        // Globalnet on both sides (aks-a), and neither (aks-d): the source ranges differ.
        (
            "tunnel",
            [
                answer("aks-a/frontend", backend, 80, via: .tunnel),
                answer("aks-a/frontend", backend, 53, via: .tunnel),
                answer("aks-d/web", backend, 80, via: .tunnel),
            ]
        ),
        ("mesh-same-network", [answer("aks-a/frontend", ledger, 443, via: .mesh)]),
        (
            "mesh-multi-network",
            [
                answer("aks-a", backend, 80, via: .mesh),
                answer("aks-a", backend, 9090, via: .mesh),
            ]
        ),
        ("ingress", [answer("aks-a/frontend", backend, 80, via: .ingress), answer("aks-d", backend, 80, via: .ingress)]),
        // externalTrafficPolicy Cluster (backend): both consumers arrive from aks-b's nodes, one peer.
        // Local (reports): each keeps its address, azure-cni pods (aks-a) or kubenet nodes (aks-d).
        (
            "network",
            [
                answer("aks-a/frontend", backend, 80, via: .network), answer("aks-d/web", backend, 80, via: .network),
                answer("aks-a/frontend", reports, 80, via: .network), answer("aks-d/web", reports, 80, via: .network),
            ]
        ),
        ("local", [answer("aks-b/frontend", backend, 80, via: .local), answer("aks-b", backend, 9090, via: .local)]),
    ]

    static var allAnswers: [RouteAnswer] { cases.flatMap(\.answers) }

    /// The scenario's topology with one more service.
    static func adding(_ service: String, ports: [ServicePort] = [ServicePort(name: "http", port: 80)]) -> Topology {
        var topology = Scenario.topology
        let id = TopologyBuilder.service(service)
        topology.services[id] = Service(id: id, ports: ports)
        return topology
    }
}
