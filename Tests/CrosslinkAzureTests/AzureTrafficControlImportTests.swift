import CrosslinkAzure
import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §8 in `import azure`: route tables, NSGs, firewalls (classic rule collections and policy rule
/// collection groups), forwarded traffic on peerings and subnet attachments from `az network vnet list`.
@Suite struct AzureTrafficControlImportTests {
    static func imported() throws -> AzureImport {
        var input = AzureInput(vnets: [try Fixture.document("lz-vnets.json")], peerings: [try Fixture.document("lz-peerings.json")])
        input.routeTables = [try Fixture.document("route-tables.json")]
        input.securityGroups = [try Fixture.document("nsgs.json")]
        input.firewalls = [try Fixture.document("firewalls.json")]
        input.firewallPolicies = [try Fixture.document("firewall-policy-rcgs.json")]
        return try AzureImport(input)
    }

    static func cidr(_ text: String) -> CIDR { TopologyBuilder.cidr(text) }
    static func ports(_ texts: String...) -> [PortRange] { texts.compactMap { try? PortRange.parse($0, field: "test") } }

    @Test("route tables: attachments from the VNet list, one table per VNet when shared, propagation, next hops")
    func routeTables() throws {
        let imported = try Self.imported()
        try imported.topology.validate()
        let routes = [
            UserRoute(prefix: Self.cidr("0.0.0.0/0"), nextHop: .virtualAppliance, nextHopIP: TopologyBuilder.address("10.0.1.4")),
            UserRoute(prefix: Self.cidr("10.9.0.0/16"), nextHop: .none),
        ]
        #expect(
            imported.topology.routeTables["rt-spokes-vnet-spoke-a"]
                == RouteTable(
                    name: "rt-spokes-vnet-spoke-a", vnet: "vnet-spoke-a", subnets: [Self.cidr("10.1.0.0/20")], propagateGatewayRoutes: false, routes: routes))
        #expect(imported.topology.routeTables["rt-spokes-vnet-spoke-b"]?.subnets == [Self.cidr("10.2.0.0/20")])
        let gateway = try #require(imported.topology.routeTables["rt-gatewaysubnet"])
        #expect(gateway.vnet == "vnet-hub" && gateway.propagateGatewayRoutes && gateway.routes.count == 2)
        #expect(imported.topology.routeTables.count == 3)
        let notes = imported.notes.joined(separator: "\n")
        #expect(notes.contains("address prefix AzureCloud.westeurope skipped"))
        #expect(notes.contains("route table 'rt-unused' skipped: it is attached to no subnet"))
    }

    @Test("peerings allow forwarded traffic only when both halves do")
    func forwardedTraffic() throws {
        let peerings = try Self.imported().topology.peerings
        #expect(peerings[UnorderedPair("vnet-hub", "vnet-spoke-a")]?.allowForwardedTraffic == true)
        #expect(peerings[UnorderedPair("vnet-hub", "vnet-spoke-b")]?.allowForwardedTraffic == false)
    }

    @Test("NSGs: own rules only (Azure's defaults are applied by the engine), tags and protocols crosslink cannot model noted")
    func securityGroups() throws {
        let imported = try Self.imported()
        let group = try #require(imported.topology.securityGroups["nsg-aks"])
        #expect(group.vnet == "vnet-spoke-a" && group.subnets == [Self.cidr("10.1.0.0/20")])
        #expect(
            group.rules == [
                SecurityRule(name: "deny-ssh", priority: 100, direction: .inbound, access: .deny, protocol: .tcp, ports: Self.ports("22")),
                SecurityRule(
                    name: "web-from-spokes", priority: 200, direction: .inbound, access: .allow, protocol: .tcp, sources: [.cidr(Self.cidr("10.2.0.0/16"))],
                    destinations: [.cidr(Self.cidr("10.1.0.0/20"))], ports: Self.ports("80", "443", "8000-8100")),
            ])
        let notes = imported.notes.joined(separator: "\n")
        #expect(notes.contains("address AzureCloud skipped") && notes.contains("protocol Esp skipped"))
    }

    @Test("firewalls: classic collections by priority, policy rule collection groups by priority, NAT/application rules and IP groups noted")
    func firewalls() throws {
        let imported = try Self.imported()
        let hub = try #require(imported.topology.firewalls["fw-hub"])
        #expect(hub.vnet == "vnet-hub" && hub.privateIP.description == "10.0.1.4" && hub.defaultAction == .deny)
        #expect(hub.rules.map(\.name) == ["no-postgres", "east-west", "dns-out"])
        #expect(hub.rules[0].action == .deny && hub.rules[0].protocols == [.any] && hub.rules[2].protocols == [.udp, .tcp])
        #expect(hub.rules[2].destinations == [.cidr(Self.cidr("168.63.129.16/32"))])
        let premium = try #require(imported.topology.firewalls["fw-premium"])
        #expect(premium.rules.map(\.name) == ["no-smb", "spokes-https"])
        #expect(premium.rules[1].ports == Self.ports("443", "8000-8100"))
        #expect(imported.topology.firewalls["fw-vwan"] == nil)
        let notes = imported.notes.joined(separator: "\n")
        for fragment in ["'web-fqdns' skipped", "fw-vwan' skipped", "ApplicationRule 'www' skipped", "IP-group and FQDN addresses skipped", "(NAT rules)"] {
            #expect(notes.contains(fragment), "missing note: \(fragment)\n\(notes)")
        }
    }

    @Test("the imported landing zone routes spoke to spoke through the firewall")
    func routes() throws {
        var topology = try Self.imported().topology
        topology.firewalls["fw-premium"] = nil
        topology.peerings[UnorderedPair("vnet-hub", "vnet-spoke-b")]?.allowForwardedTraffic = true
        topology.clusters["aks-a"] = Cluster(
            name: "aks-a", vnet: "vnet-spoke-a", region: "westeurope", nodeSubnet: Self.cidr("10.1.0.0/20"), networkPlugin: .azureCNI)
        topology.clusters["aks-b"] = Cluster(
            name: "aks-b", vnet: "vnet-spoke-b", region: "westeurope", nodeSubnet: Self.cidr("10.2.0.0/20"), networkPlugin: .azureCNI)
        let api = ServiceID(cluster: "aks-a", namespace: "web", name: "api")
        topology.services[api] = Service(
            id: api, ports: [ServicePort(name: "http", port: 80)], exposure: .internalLB, loadBalancerIP: TopologyBuilder.address("10.1.0.50"))
        try topology.validate()
        let answer = try RouteEngine(topology: topology).answer(consumer: Consumer(cluster: "aks-b"), service: api, port: nil, via: .pinned(.network))
        #expect(answer.hops.contains("firewall fw-hub (10.0.1.4)"), "\(answer)")
    }
}
