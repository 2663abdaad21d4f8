import CrosslinkCore
import CrosslinkGenerator
import Testing

@Suite struct EstateGeneratorTests {
    @Test("generated estates are valid at several sizes", arguments: [1, 2, 7, 100, 600])
    func valid(clusters: Int) throws {
        let topology = try EstateGenerator(clusters: clusters, servicesPerCluster: 6, importsPerCluster: 8, seed: 42).topology()
        try topology.validate()
        #expect(topology.clusters.count == clusters)
        #expect(topology.services.count == clusters * 6)
        #expect(topology.imports.count > 0)
    }

    @Test("the same seed gives the same estate; another seed another")
    func deterministic() throws {
        let a = try EstateGenerator(clusters: 60, seed: 7).topology()
        #expect(a == (try EstateGenerator(clusters: 60, seed: 7).topology()))
        #expect(a != (try EstateGenerator(clusters: 60, seed: 8).topology()))
    }

    @Test("--firewalls adds a hub firewall per region, a route table and NSG per spoke, and a few deliberate mistakes")
    func trafficControls() throws {
        var generator = try EstateGenerator(clusters: 200, servicesPerCluster: 5, importsPerCluster: 10, seed: 3)
        let plain = generator.topology()
        generator.trafficControls = true
        let topology = generator.topology()
        try topology.validate()
        #expect(topology.firewalls.count == 4 && topology.securityGroups.count == 200 && topology.routeTables.count == 196)
        #expect(topology.imports == plain.imports && topology.clusters == plain.clusters)
        let codes = try Set(RouteEngine(topology: topology).allImportAnswers().flatMap { $0.rejected.map(\.reason.code) })
        for code in [ReasonCode.firewallDenied, .asymmetricRouting, .forwardedTrafficNotAllowed, .securityGroupDenied] {
            #expect(codes.contains(code), "\(code) never occurs")
        }
        let withFirewalls = try RouteEngine(topology: topology).allImportAnswers().filter(\.isRoutable).count
        let without = try RouteEngine(topology: plain).allImportAnswers().filter(\.isRoutable).count
        #expect(withFirewalls > without, "spokes reach each other through the hub firewalls")
    }

    @Test("the estate has every kind of link and some deliberate overlaps")
    func variety() throws {
        let topology = try EstateGenerator(clusters: 200, seed: 1).topology()
        #expect(!topology.tunnels.isEmpty && !topology.meshLinks.isEmpty && !topology.vpnConnections.isEmpty)
        #expect(!topology.ingresses.isEmpty && topology.peerings.values.contains { $0.gatewayTransit != nil })
        #expect(Set(topology.clusters.values.map(\.networkPlugin)).count == 3)
        #expect(topology.clusters.values.filter { $0.podCIDR == Cluster.defaultOverlayPodCIDR }.count > 1)
    }

    @Test("sizes out of range are refused")
    func limits() {
        #expect(throws: CrosslinkError.self) { try EstateGenerator(clusters: 0) }
        #expect(throws: CrosslinkError.self) { try EstateGenerator(clusters: 100_000) }
    }
}
