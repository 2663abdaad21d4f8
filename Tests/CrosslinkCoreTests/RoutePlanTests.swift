import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// The route half of `crosslink plan` (spec §9.1): which answers a change would alter, before and after.
@Suite struct RoutePlanTests {
    typealias F = RouteFixtures

    static let estate = F.base.tunnel("aks-a", "aks-b").importing("aks-b/backend/api", into: "aks-a/web", port: 80)
        .importing("aks-b/backend/api", into: "aks-far/app", port: 80)

    @Test("a removed tunnel breaks the route it carried, and nothing else is listed")
    func breaking() throws {
        var after = Self.estate.topology
        after.tunnels = [:]
        let plan = try RoutePlan(from: Self.estate.topology, to: after)
        #expect(plan.changes.map(\.key.consumer.cluster) == ["aks-a"])
        #expect(plan.breakingCount == 1 && plan.changes.first?.before?.via == .tunnel && plan.changes.first?.after?.isRoutable == false)
    }

    @Test("new and removed imports are listed, and neither counts as breaking")
    func importsComeAndGo() throws {
        var after = Self.estate.importing("aks-b/backend/api", into: "aks-b/local", port: 80).topology
        after.imports = after.imports.filter { $0.key.consumer.cluster != "aks-far" }
        let plan = try RoutePlan(from: Self.estate.topology, to: after)
        #expect(plan.changes.count == 2 && plan.breakingCount == 0)
        #expect(plan.changes.contains { $0.before == nil && $0.after?.via == .local })
        #expect(plan.changes.contains { $0.after == nil && $0.key.consumer.cluster == "aks-far" })
    }

    @Test("the plan over affected imports equals a plain diff of every answer", arguments: 0..<4)
    func matchesFullDiff(variant: Int) throws {
        let before = Self.estate.topology
        let changed = [
            Self.estate.peering("vnet-far", "vnet-b"),
            Self.estate.service("aks-b/backend/api", exposure: .internalLB, loadBalancerIP: "10.2.0.9"),
            Self.estate.vnet("vnet-a", "10.1.0.0/16", "10.50.0.0/16"),
            Self.estate.tunnel("aks-a", "aks-b", state: .error),
        ][variant].topology
        let full = try RoutePlan(before: RouteEngine(topology: before).allImportAnswers(), after: RouteEngine(topology: changed).allImportAnswers())
        #expect(try RoutePlan(from: before, to: changed) == full)
    }

    @Test("no change, no route change")
    func nothing() throws {
        #expect(try RoutePlan(from: Self.estate.topology, to: Self.estate.topology).changes.isEmpty)
    }

    @Test("an import naming a service its snapshot lacks is an error, not a route shown as removed", arguments: [false, true])
    func engineError(tunnelRemoved: Bool) throws {
        var before = Self.estate.topology
        let ghost = ImportID(consumer: Consumer(cluster: "aks-a"), service: ServiceID(cluster: "aks-b", namespace: "backend", name: "ghost"))
        before.imports[ghost] = ServiceImport(id: ghost)
        var after = before
        if tunnelRemoved { after.tunnels = [:] } else { after.vnets["vnet-a"]?.addressSpace.append(try CIDR.parse("10.50.0.0/16", field: "")) }
        #expect(throws: CrosslinkError.self) { try RoutePlan(from: before, to: after) }
    }
}
