import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// A small estate every path test starts from, changed with builder verbs per case.
///
/// vnet-a and vnet-b are peered; aks-a (azure-cni) and aks-b (azure-cni) live in them; aks-b serves
/// backend/api (http 80 -> 8080, dns 53/UDP, db 5432).
enum RouteFixtures {
    static let base = TopologyBuilder()
        .vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.2.0.0/16").vnet("vnet-far", "10.9.0.0/16")
        .peering("vnet-a", "vnet-b")
        .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16")
        .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16")
        .cluster("aks-far", in: "vnet-far", nodeSubnet: "10.9.0.0/20", serviceCIDR: "10.109.0.0/16")
        .service(
            "aks-b/backend/api",
            ports: [
                ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http"),
                ServicePort(name: "dns", port: 53, protocol: .udp),
                ServicePort(name: "postgres", port: 5432),
            ])

    static let mesh = MeshMembership(id: "m1", network: "net-1", trustRoot: "root")

    static func answer(
        _ builder: TopologyBuilder, from consumer: String = "aks-a/frontend", to service: String = "aks-b/backend/api",
        port: Int? = nil, via: ImportVia = .auto
    ) throws -> RouteAnswer {
        try RouteEngine(topology: builder.topology)
            .answer(consumer: try Consumer.parse(consumer, field: "consumer"), service: TopologyBuilder.service(service), port: port, via: via)
    }
}

extension RouteAnswer {
    /// The rejection of one path kind, if it was rejected.
    func rejection(_ kind: PathKind) -> RouteReason? { rejected.first { $0.via == kind }?.reason }
}
