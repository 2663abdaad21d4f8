import CrosslinkCore
import CrosslinkTestSupport
import Testing

@Suite struct MeshRouteTests {
    typealias F = RouteFixtures
    static func meshed(_ a: MeshMembership?, _ b: MeshMembership?, link: Bool = true) -> TopologyBuilder {
        var builder = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: a)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: b)
        if link { builder = builder.meshLink("aks-a", "aks-b") }
        return builder
    }

    @Test("same mesh, same network, azure-cni and peered VNets: pod to pod")
    func sameNetwork() throws {
        let answer = try F.answer(Self.meshed(F.mesh, F.mesh))
        #expect(answer.via == .mesh && answer.address == "api.backend.svc.cluster.local" && answer.port == 80)
        #expect(answer.hops == ["aks-a", "mesh m1 network net-1", "peering vnet-a~vnet-b", "aks-b"])
    }

    @Test("different networks through a public east-west gateway")
    func eastWestPublic() throws {
        let gateway = MeshMembership(id: "m1", network: "net-2", trustRoot: "root", eastWestGateway: TopologyBuilder.address("20.1.1.1"))
        let answer = try F.answer(Self.meshed(F.mesh, gateway))
        #expect(answer.via == .mesh)
        #expect(answer.hops == ["aks-a", "internet", "east-west gateway 20.1.1.1:15443 (network net-2)", "aks-b"])
    }

    @Test("different networks through a private east-west gateway needs the underlay")
    func eastWestPrivate() throws {
        let gateway = MeshMembership(id: "m1", network: "net-2", trustRoot: "root", eastWestGateway: TopologyBuilder.address("10.2.0.200"))
        #expect(try F.answer(Self.meshed(F.mesh, gateway)).via == .mesh)
        let unpeered = Self.meshed(F.mesh, gateway).peering("vnet-a", "vnet-b", state: .disconnected)
        let reason = try #require(try F.answer(unpeered).rejection(.mesh))
        #expect(reason.code == .peeringNotConnected && reason.message.hasPrefix("aks-a cannot reach aks-b's east-west gateway"))
    }

    @Test(
        "mesh rejections name what to fix",
        arguments: [
            ("not a member", ReasonCode.notMeshMember, "aks-a is not a member of any mesh"),
            ("other mesh", .differentMeshes, "aks-a is in mesh m2 and aks-b in mesh m1"),
            ("other root", .trustRootMismatch, "trust different roots (other-root, root): give them a shared root CA"),
            ("no link", .noMeshLink, "no mesh link joins aks-a and aks-b"),
            ("kubenet", .podIPsNotRoutable, "aks-b uses kubenet and its pod IPs are not routable"),
            ("no east-west gateway", .noEastWestGateway, "has no east-west gateway"),
            ("no egress", .noInternetEgress, "aks-a has no internet egress"),
        ])
    func rejections(name: String, code: ReasonCode, text: String) throws {
        var builder: TopologyBuilder
        switch name {
        case "not a member": builder = Self.meshed(nil, F.mesh, link: false)
        case "other mesh": builder = Self.meshed(MeshMembership(id: "m2", network: "net-1", trustRoot: "root"), F.mesh)
        case "other root": builder = Self.meshed(MeshMembership(id: "m1", network: "net-1", trustRoot: "other-root"), F.mesh)
        case "no link": builder = Self.meshed(F.mesh, F.mesh, link: false)
        case "kubenet":
            builder = Self.meshed(F.mesh, F.mesh)
                .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", plugin: .kubenet, serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
        case "no east-west gateway": builder = Self.meshed(F.mesh, MeshMembership(id: "m1", network: "net-2", trustRoot: "root"))
        default:
            builder = Self.meshed(F.mesh, MeshMembership(id: "m1", network: "net-2", trustRoot: "root", eastWestGateway: TopologyBuilder.address("20.1.1.1")))
                .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", egress: .none, mesh: F.mesh)
        }
        let answer = try F.answer(builder, via: .pinned(.mesh))
        let reason = try #require(answer.rejection(.mesh))
        #expect(answer.via == nil && reason.code == code)
        #expect(reason.message.contains(text), "\(reason.message)")
    }

    @Test("the mesh carries TCP only")
    func tcpOnly() throws {
        let reason = try #require(try F.answer(Self.meshed(F.mesh, F.mesh), port: 53, via: .pinned(.mesh)).rejection(.mesh))
        #expect(reason.code == .meshTCPOnly && reason.message.contains("port 53 of api is UDP"))
    }
}
