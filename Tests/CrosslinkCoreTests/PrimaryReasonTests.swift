import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §9.3: an unroutable answer leads with the path that came closest (fewest unmet conditions,
/// ties by preference), and reasons whose fix is a crosslink command carry it.
@Suite struct PrimaryReasonTests {
    typealias F = RouteFixtures

    /// aks-a → aks-b/backend/api with nothing but the peering: no mesh, tunnel, load balancer or ingress.
    static let bare = F.base

    @Test("each path counts every unmet condition, not only the first")
    func closenessCounts() throws {
        let answer = try F.answer(Self.bare, port: 80)
        let unmet = Dictionary(uniqueKeysWithValues: answer.rejected.map { ($0.via, $0.closeness.unmet) })
        // mesh: neither cluster is a member and no mesh link joins them; TCP holds.
        #expect(unmet[.mesh] == 3)
        #expect(answer.rejected.first { $0.via == .mesh }?.closeness.met == 1)
        // tunnel, network, ingress: only the missing object.
        #expect(unmet[.tunnel] == 1 && unmet[.network] == 1 && unmet[.ingress] == 1)
        // A UDP port is one more unmet condition for the mesh and the ingress.
        let udp = try F.answer(Self.bare, port: 53)
        #expect(udp.rejected.first { $0.via == .mesh }?.closeness.unmet == 4)
        #expect(udp.rejected.first { $0.via == .ingress }?.closeness.unmet == 2)
    }

    @Test("the first reason of a path is unchanged by counting the rest")
    func firstReasonKept() throws {
        let answer = try F.answer(Self.bare)
        #expect(answer.rejection(.mesh)?.code == .notMeshMember)
        #expect(answer.rejection(.mesh)?.message == "aks-a is not a member of any mesh")
        #expect(answer.rejection(.tunnel)?.code == .noTunnel)
    }

    @Test("the path that came closest leads, not the most preferred one")
    func closestLeads() throws {
        // The mesh is three changes away, the tunnel one: the tunnel leads although the mesh is preferred.
        let answer = try F.answer(Self.bare)
        #expect(answer.primaryRejection?.via == .tunnel)
        // With a tunnel that is not connected and overlapping ranges, the tunnel needs two changes,
        // so the network path (one change) leads.
        let busy = Self.bare
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.100.0.0/16")
            .tunnel("aks-a", "aks-b", state: .error)
        let other = try F.answer(busy)
        #expect(other.rejected.first { $0.via == .tunnel }?.closeness.unmet == 2)
        #expect(other.primaryRejection?.via == .network)
    }

    @Test("ties go to the more preferred path kind")
    func tiesByPreference() throws {
        // Mesh members of one mesh, with one mesh link missing (one change); tunnel missing (one change).
        let members = Self.bare
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: F.mesh)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
        let answer = try F.answer(members)
        #expect(answer.rejected.first { $0.via == .mesh }?.closeness.unmet == 1)
        #expect(answer.primaryRejection?.via == .mesh)
        #expect(answer.primaryRejection?.reason.fix == "crosslink mesh-link add aks-a aks-b")
    }

    @Test("a routable answer has no primary rejection")
    func routableHasNone() throws {
        let answer = try F.answer(Self.bare.tunnel("aks-a", "aks-b"))
        #expect(answer.isRoutable && !answer.rejected.isEmpty)
        #expect(answer.primaryIndex == nil)
    }

    @Test(
        "fixes name the crosslink command that records the change",
        arguments: [
            (PathKind.tunnel, "crosslink tunnel add aks-a aks-b"),
            (.network, "crosslink service set aks-b/backend/api --exposure internal-lb --load-balancer-ip <ip>"),
            (.ingress, "crosslink ingress add aks-b/backend/api --host <host>"),
        ])
    func fixes(kind: PathKind, fix: String) throws {
        #expect(try F.answer(Self.bare).rejection(kind)?.fix == fix)
    }

    @Test("underlay reasons carry the peering that fixes them, unless the spaces overlap")
    func underlayFixes() throws {
        let far = Self.bare.service("aks-b/backend/api", exposure: .internalLB, loadBalancerIP: "10.2.0.9")
        let answer = try F.answer(far, from: "aks-far/app", via: .pinned(.network))
        #expect(answer.rejection(.network)?.code == .noUnderlayPath)
        #expect(answer.rejection(.network)?.fix == "crosslink peering add vnet-far vnet-b")
        let transit = far.peering("vnet-far", "vnet-a")
        let hub = try F.answer(transit, from: "aks-far/app", via: .pinned(.network))
        #expect(hub.rejection(.network)?.code == .peeringNotTransitive)
        #expect(hub.rejection(.network)?.fix == "crosslink peering add vnet-far vnet-b")
        // A state is an observation, not a crosslink change: no fix.
        let down = far.peering("vnet-a", "vnet-b", state: .disconnected)
        #expect(try F.answer(down, via: .pinned(.network)).rejection(.network)?.fix == nil)
    }

    @Test("a tunnel fix asks for private endpoints when the consumer has no egress but reaches the VNet")
    func privateTunnelFix() throws {
        let closed = Self.bare.cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", egress: .none)
        #expect(try F.answer(closed).rejection(.tunnel)?.fix == "crosslink tunnel add aks-a aks-b --endpoint private")
        let publicTunnel = Self.bare.tunnel("aks-a", "aks-b").cluster(
            "aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", egress: .none)
        #expect(try F.answer(publicTunnel).rejection(.tunnel)?.fix == "crosslink cluster set aks-a --egress internet")
    }
}
