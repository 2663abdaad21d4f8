import CrosslinkTestSupport
import Testing

@testable import CrosslinkCore

/// Spec §9: every §8 rejection whose change is one crosslink command carries it as `fix`.
@Suite struct TrafficFixTests {
    let routes = TrafficRouteTests()

    func rejection(_ builder: TopologyBuilder, _ service: String = "aks-b/shop/api") throws -> RouteReason {
        try #require(routes.reason(try routes.answer(builder, "aks-a", service)))
    }

    @Test("ForwardedTrafficNotAllowed: set allowForwardedTraffic on the peering")
    func forwardedTraffic() throws {
        let why = try rejection(TrafficRouteTests.hub.allowForwardedTraffic("b", "hub", false))
        #expect(why.code == .forwardedTrafficNotAllowed)
        #expect(why.fix == "crosslink peering set b hub --allow-forwarded-traffic true")
    }

    @Test("RouteDropped: the table without the dropping route, or removed when nothing else is in it")
    func routeDropped() throws {
        let peered = TrafficRouteTests.hub.peering("a", "b")
        let only = try rejection(peered.routeTable("rt-a", in: "a", routes: ["10.2.0.0/16": "none"]))
        #expect(only.code == .routeDropped && only.fix == "crosslink route-table remove rt-a")
        let more = try rejection(peered.routeTable("rt-a", in: "a", routes: ["10.2.0.0/16": "none", "10.9.0.0/16": "10.0.1.4"]))
        #expect(more.code == .routeDropped && more.fix == "crosslink route-table set rt-a --routes 10.9.0.0/16=virtual-appliance@10.0.1.4")
        // Removing a table that stops gateway-route propagation would change more than this route.
        let stopping = peered.routeTable("rt-a", in: "a", propagateGatewayRoutes: false, routes: ["10.2.0.0/16": "none"])
        #expect(try rejection(stopping).fix == nil)
    }

    @Test("FirewallDenied: an allow rule for exactly the flow, just before the rule that denies it")
    func firewallDenied() throws {
        let why = try rejection(TrafficRouteTests.hub, "aks-b/data/db")
        #expect(why.code == .firewallDenied)
        #expect(
            why.fix
                == "crosslink firewall set fw-hub --rules 'name=spokes-web action=allow sources=10.1.0.0/16 destinations=10.2.0.0/16 ports=80,8000-8100 protocols=TCP' --rules 'name=<name> action=allow sources=10.1.0.0/20 destinations=10.2.0.60/32 ports=5432 protocols=TCP' --rules 'name=no-db action=deny sources=* destinations=10.2.0.0/16 ports=5432 protocols=*'"
        )
        let fixed = TrafficRouteTests.hub.firewall(
            "fw-hub", in: "hub", ip: "10.0.1.4", rules: [TrafficRouteTests.web, Self.allowDB, TrafficRouteTests.noDB])
        #expect(try routes.answer(fixed, "aks-a", "aks-b/data/db").isRoutable)
        // With the default action denying, the rule goes last.
        let strict = try rejection(TrafficRouteTests.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: []))
        #expect(
            strict.fix
                == "crosslink firewall set fw-hub --rules 'name=<name> action=allow sources=10.1.0.0/20 destinations=10.2.0.50/32 ports=80 protocols=TCP'")
    }

    static let allowDB = FirewallRule(
        name: "allow-db", sources: [TopologyBuilder.rule("10.1.0.0/20")], destinations: [TopologyBuilder.rule("10.2.0.60/32")],
        ports: [PortRange(lower: 5432, upper: 5432)], protocols: [.tcp])

    @Test("SecurityGroupDenied: an allow rule at the highest free priority below the denying one")
    func securityGroupDenied() throws {
        let deny = SecurityRule(name: "deny-web", priority: 200, direction: .inbound, access: .deny, protocol: .tcp, ports: [PortRange(lower: 80, upper: 80)])
        let taken = SecurityRule(name: "other", priority: 199, direction: .inbound, access: .deny, protocol: .udp)
        let denied = TrafficRouteTests.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [deny, taken])
        let why = try rejection(denied)
        #expect(why.code == .securityGroupDenied)
        #expect(
            why.fix
                == "crosslink security-group set nsg-b --rules 'name=deny-web priority=200 direction=inbound access=deny protocol=TCP sources=* destinations=* ports=80' --rules 'name=other priority=199 direction=inbound access=deny protocol=UDP sources=* destinations=* ports=*' --rules 'name=<name> priority=198 direction=inbound access=allow protocol=TCP sources=10.1.0.0/20 destinations=10.2.0.50/32 ports=80'"
        )
        let allow = SecurityRule(
            name: "allow", priority: 198, direction: .inbound, access: .allow, protocol: .tcp, sources: [TopologyBuilder.rule("10.1.0.0/20")],
            destinations: [TopologyBuilder.rule("10.2.0.50/32")], ports: [PortRange(lower: 80, upper: 80)])
        #expect(try routes.answer(TrafficRouteTests.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [deny, taken, allow])).isRoutable)
        // Nothing free below priority 100: no fix.
        let first = SecurityRule(name: "deny-web", priority: 100, direction: .inbound, access: .deny, protocol: .tcp, ports: [PortRange(lower: 80, upper: 80)])
        #expect(try rejection(TrafficRouteTests.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [first])).fix == nil)
    }

    @Test("AsymmetricRouting: a return route through the firewall in the reply's table; a reply that cannot come back keeps that reason's fix")
    func asymmetric() throws {
        let direct = TrafficRouteTests.hub.peering("a", "b").routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: [:])
        let why = try rejection(direct)
        #expect(why.code == .asymmetricRouting)
        #expect(why.fix == "crosslink route-table set rt-b --routes 10.1.0.0/20=virtual-appliance@10.0.1.4")
        let fixed = TrafficRouteTests.hub.peering("a", "b").routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: ["10.1.0.0/20": "10.0.1.4"])
        #expect(try routes.answer(fixed).isRoutable)
        let dropped = try rejection(TrafficRouteTests.hub.routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: ["10.1.0.0/16": "none"]))
        #expect(dropped.code == .asymmetricRouting && dropped.fix == "crosslink route-table remove rt-b")
    }

    @Test("ApplianceUnreachable: the peering that would reach the firewall")
    func applianceUnreachable() throws {
        let far = TrafficRouteTests.hub.vnet("far", "10.9.0.0/16").firewall("fw-far", in: "far", ip: "10.9.0.4", defaultAction: .allow)
            .routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: ["10.2.0.0/16": "10.9.0.4"])
        let why = try rejection(far)
        #expect(why.code == .applianceUnreachable && why.fix == "crosslink peering add a far")
    }
}
