import CrosslinkTestSupport
import Testing

@testable import CrosslinkCore

/// Spec §8, rules R1–R7: route tables, firewalls and security groups in the hub.
@Suite struct TrafficRouteTests {
    static let web = FirewallRule(
        name: "spokes-web", sources: [TopologyBuilder.rule("10.1.0.0/16")], destinations: [TopologyBuilder.rule("10.2.0.0/16")],
        ports: [PortRange(lower: 80, upper: 80), PortRange(lower: 8000, upper: 8100)], protocols: [.tcp])
    static let noDB = FirewallRule(
        name: "no-db", action: .deny, destinations: [TopologyBuilder.rule("10.2.0.0/16")], ports: [PortRange(lower: 5432, upper: 5432)])

    /// A landing zone: spokes a and b peered to the hub, each sending the other's space to the hub
    /// firewall; b serves api (80) and db (5432) behind internal load balancers.
    static let hub = TopologyBuilder()
        .vnet("hub", "10.0.0.0/16").vnet("a", "10.1.0.0/16").vnet("b", "10.2.0.0/16")
        .cluster("aks-a", in: "a", nodeSubnet: "10.1.0.0/20").cluster("aks-b", in: "b", nodeSubnet: "10.2.0.0/20")
        .service("aks-b/shop/api", ports: [ServicePort(name: "http", port: 80)], exposure: .internalLB, loadBalancerIP: "10.2.0.50")
        .service("aks-b/data/db", ports: [ServicePort(name: "tcp-pg", port: 5432)], exposure: .internalLB, loadBalancerIP: "10.2.0.60")
        .peering("a", "hub").peering("b", "hub").allowForwardedTraffic("a", "hub").allowForwardedTraffic("b", "hub")
        .firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: [web, noDB])
        .routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: ["10.2.0.0/16": "10.0.1.4"])
        .routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: ["10.1.0.0/16": "10.0.1.4"])

    func answer(_ builder: TopologyBuilder, _ consumer: String = "aks-a", _ service: String = "aks-b/shop/api", via: PathKind = .network) throws -> RouteAnswer
    {
        try RouteEngine(topology: builder.topology).answer(
            consumer: Consumer(cluster: consumer), service: TopologyBuilder.service(service), port: nil, via: .pinned(via))
    }

    func reason(_ answer: RouteAnswer) -> RouteReason? { answer.rejected.first?.reason }

    @Test("R4: spokes reach each other through the hub firewall, and the hops name the route and the firewall (R7)")
    func throughFirewall() throws {
        try Self.hub.topology.validate()
        let answer = try answer(Self.hub)
        #expect(answer.isRoutable)
        #expect(
            answer.hops == [
                "aks-a", "route rt-a 10.2.0.0/16", "peering a~hub", "firewall fw-hub (10.0.1.4)", "peering b~hub", "internal load balancer 10.2.0.50", "aks-b",
            ])
    }

    @Test("without route tables the same spokes are v1's PeeringNotTransitive")
    func withoutControls() throws {
        var plain = Self.hub.topology
        (plain.routeTables, plain.firewalls, plain.securityGroups) = ([:], [:], [:])
        #expect(RouteEngine(topology: plain).plane == nil)
        #expect(reason(try answer(TopologyBuilder().with { $0 = plain }))?.code == .peeringNotTransitive)
    }

    @Test("R1/R2: with controls elsewhere, spokes without a route have NoRoute, naming the hub")
    func noRoute() throws {
        let builder = Self.hub.routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: [:])
        let why = try #require(reason(try answer(builder)))
        #expect(why.code == .noRoute)
        #expect(why.message.contains("both peered to hub, but peering is not transitive"))
    }

    @Test("R1: at equal prefix length a UDR beats the system route; a longer system route beats a shorter UDR")
    func tieBreak() throws {
        let peered = Self.hub.peering("a", "b")
        #expect(reason(try answer(peered.routeTable("rt-a", in: "a", routes: ["10.2.0.0/16": "none"])))?.code == .routeDropped)
        let shorter = peered.routeTable("rt-a", in: "a", routes: ["10.0.0.0/8": "none"]).routeTable("rt-b", in: "b", routes: [:])
        #expect(try answer(shorter).hops == ["aks-a", "peering a~b", "internal load balancer 10.2.0.50", "aks-b"])
    }

    @Test("R1: the peered VNet's system route beats a more specific gateway route; the gateway route beats 0.0.0.0/0")
    func gatewayRoutes() throws {
        let builder = TopologyBuilder().vnet("x", "10.1.0.0/16").vnet("y", "10.2.0.0/16").vnet("onprem", "10.2.5.0/24", "192.168.0.0/16")
            .peering("x", "y").vpnGateway("gw-x", in: "x").vpnGateway("gw-o", in: "onprem").vpnConnection("gw-x", "gw-o")
            .routeTable("rt-x", in: "x", routes: [:])
        let plane = try #require(RouteEngine(topology: builder.topology).plane)
        let subnet = TopologyBuilder.cidr("10.1.0.0/24")
        let peered = plane.effectiveRoute(in: "x", from: subnet, to: TopologyBuilder.cidr("10.2.5.7/32"))
        #expect(peered.prefix.description == "10.2.0.0/16" && peered.nextHopType == "vnet-peering")
        let onprem = plane.effectiveRoute(in: "x", from: subnet, to: TopologyBuilder.cidr("192.168.1.1/32"))
        #expect(onprem.nextHopType == "vnet-gateway" && onprem.source == "gateway")
        let stopped = builder.routeTable("rt-x", in: "x", propagateGatewayRoutes: false, routes: [:])
        let withoutGateway = try #require(RouteEngine(topology: stopped.topology).plane)
        #expect(withoutGateway.effectiveRoute(in: "x", from: subnet, to: TopologyBuilder.cidr("192.168.1.1/32")).nextHopType == "internet")
        // A UDR to the gateway still delivers what the VPN reaches.
        let udr = builder.routeTable("rt-x", in: "x", propagateGatewayRoutes: false, routes: ["192.168.0.0/16": "vnet-gateway"])
        let viaUDR = try #require(RouteEngine(topology: udr.topology).plane)
        let flow = Flow(
            from: Location(vnet: "x", subnet: subnet), source: subnet, destination: .range(TopologyBuilder.cidr("192.168.1.1/32")), port: 80, protocol: .tcp,
            publicArrival: nil)
        #expect(viaUDR.walk(flow, from: flow.from, to: flow.destination, isReply: false).failure == nil)
    }

    @Test("R2: a firewall rule that denies names the firewall and the rule")
    func firewallDenied() throws {
        let why = try #require(reason(try answer(Self.hub, "aks-a", "aks-b/data/db")))
        #expect(why.code == .firewallDenied)
        #expect(why.message.contains("firewall fw-hub (10.0.1.4)") && why.message.contains("rule no-db"))
        let allowed = Self.hub.firewall(
            "fw-hub", in: "hub", ip: "10.0.1.4", rules: [Self.web, FirewallRule(name: "db", ports: [PortRange(lower: 5432, upper: 5432)])])
        #expect(try answer(allowed, "aks-a", "aks-b/data/db").isRoutable)
    }

    @Test("R2: defaultAction deny drops what no rule allows; allow lets it through")
    func defaultAction() throws {
        let strict = Self.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: [])
        #expect(reason(try answer(strict))?.message.contains("defaultAction is deny") == true)
        #expect(try answer(Self.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", defaultAction: .allow)).isRoutable)
    }

    @Test("R2: an allow rule must cover the whole source range; a deny rule matches any part of it")
    func ranges() throws {
        let partial = FirewallRule(name: "half", sources: [TopologyBuilder.rule("10.1.0.0/21")])
        #expect(reason(try answer(Self.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: [partial])))?.code == .firewallDenied)
        let denyPart = FirewallRule(name: "deny-half", action: .deny, sources: [TopologyBuilder.rule("10.1.8.0/21")])
        let rules = [denyPart, FirewallRule(name: "all")]
        #expect(reason(try answer(Self.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: rules)))?.message.contains("deny-half") == true)
    }

    @Test("R2: an appliance address that is no firewall, and a firewall the spoke does not reach")
    func appliances() throws {
        let unknown = Self.hub.routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: ["10.2.0.0/16": "10.0.1.5"])
        #expect(reason(try answer(unknown))?.code == .applianceUnknown)
        let far = Self.hub.vnet("far", "10.9.0.0/16").firewall("fw-far", in: "far", ip: "10.9.0.4", defaultAction: .allow)
            .routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: ["10.2.0.0/16": "10.9.0.4"])
        let why = try #require(reason(try answer(far)))
        #expect(why.code == .applianceUnreachable && why.message.contains("fw-far"))
    }

    @Test("R2: traffic a firewall forwards enters a spoke only over a peering that allows forwarded traffic")
    func forwardedTraffic() throws {
        let why = try #require(reason(try answer(Self.hub.allowForwardedTraffic("b", "hub", false))))
        #expect(why.code == .forwardedTrafficNotAllowed && why.message.contains("peering b~hub"))
    }

    @Test("R2: more than four appliance hops is a loop")
    func loop() throws {
        let looping = Self.hub.firewall("fw-hub", in: "hub", ip: "10.0.1.4", defaultAction: .allow)
            .routeTable("rt-fw", in: "hub", subnets: ["10.0.1.0/24"], routes: ["10.2.0.0/16": "10.0.1.4"])
        #expect(reason(try answer(looping))?.code == .routingLoop)
    }

    @Test("R3: a reply that bypasses the firewall, or cannot come back, is AsymmetricRouting")
    func symmetry() throws {
        let direct = Self.hub.peering("a", "b").routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: [:])
        let why = try #require(reason(try answer(direct)))
        #expect(why.code == .asymmetricRouting && why.message.contains("fw-hub"))
        let noReturn = Self.hub.routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: [:])
        #expect(reason(try answer(noReturn))?.code == .asymmetricRouting)
        let dropped = Self.hub.routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: ["10.1.0.0/16": "none"])
        #expect(reason(try answer(dropped))?.message.contains("cannot get back") == true)
    }

    @Test("R5: an NSG rule denies by priority, a lower number allows first, and the default rules apply")
    func securityGroups() throws {
        let deny = SecurityRule(name: "deny-web", priority: 200, direction: .inbound, access: .deny, protocol: .tcp, ports: [PortRange(lower: 80, upper: 80)])
        let denied = Self.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [deny])
        let why = try #require(reason(try answer(denied)))
        #expect(why.code == .securityGroupDenied && why.message.contains("nsg-b") && why.message.contains("deny-web"))
        let allowFirst = SecurityRule(name: "allow-a", priority: 100, direction: .inbound, access: .allow, sources: [TopologyBuilder.rule("10.1.0.0/16")])
        #expect(try answer(Self.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [deny, allowFirst])).isRoutable)
        // Default rules: VirtualNetwork covers a's space only through the UDR to it (rt-b); a group on
        // a VNet without one denies the spoke's traffic by DenyAllInBound.
        #expect(try answer(Self.hub.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"])).isRoutable)
        let noUDR = Self.hub.peering("a", "b").routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: [:])
            .routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: [:])
        #expect(try answer(noUDR.securityGroup("nsg-b", in: "b")).isRoutable, "a peered VNet is VirtualNetwork")
        let outbound = SecurityRule(name: "no-out", priority: 4096, direction: .outbound, access: .deny)
        #expect(reason(try answer(Self.hub.securityGroup("nsg-a", in: "a", rules: [outbound])))?.message.contains("outbound") == true)
    }

    @Test("R6: a public load balancer is reached through a 0.0.0.0/0 firewall, and its NSG sees an Internet source")
    func publicFlows() throws {
        let builder = Self.hub.service("aks-b/shop/web", ports: [ServicePort(name: "http", port: 443)], exposure: .publicLB, loadBalancerIP: "20.1.2.3")
            .routeTable("rt-a", in: "a", subnets: ["10.1.0.0/20"], routes: ["0.0.0.0/0": "10.0.1.4"])
            .firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: [FirewallRule(name: "out", destinations: [.internet])])
        let answer = try answer(builder, "aks-a", "aks-b/shop/web")
        #expect(
            answer.hops == [
                "aks-a", "route rt-a 0.0.0.0/0", "peering a~hub", "firewall fw-hub (10.0.1.4)", "internet", "public load balancer 20.1.2.3", "aks-b",
            ])
        let closed = builder.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"])
        let why = try #require(reason(try self.answer(closed, "aks-a", "aks-b/shop/web")))
        #expect(why.code == .securityGroupDenied && why.message.contains("DenyAllInBound"))
        let open = SecurityRule(name: "web", priority: 100, direction: .inbound, access: .allow, sources: [.internet])
        #expect(try self.answer(builder.securityGroup("nsg-b", in: "b", subnets: ["10.2.0.0/20"], rules: [open]), "aks-a", "aks-b/shop/web").isRoutable)
    }

    @Test("R6: tunnels need 4500/UDP and 4490/UDP both ways; mesh on one network goes to K's pod CIDR on the target port")
    func tunnelAndMesh() throws {
        let tunnel = Self.hub.cluster("aks-a", in: "a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "172.20.0.0/16").tunnel("aks-a", "aks-b", endpoint: .private)
        let blocked = try answer(tunnel, via: .tunnel)
        #expect(reason(blocked)?.code == .firewallDenied, "fw-hub allows TCP web traffic only: \(blocked)")
        let udp = FirewallRule(name: "submariner", ports: [PortRange(lower: 4490, upper: 4500)], protocols: [.udp])
        #expect(try answer(tunnel.firewall("fw-hub", in: "hub", ip: "10.0.1.4", rules: [udp]), via: .tunnel).isRoutable)
        let mesh = MeshMembership(id: "m", network: "n", trustRoot: "r")
        let meshEstate = Self.hub.cluster("aks-a", in: "a", nodeSubnet: "10.1.0.0/20", mesh: mesh).cluster(
            "aks-b", in: "b", nodeSubnet: "10.2.0.0/20", mesh: mesh
        )
        .meshLink("aks-a", "aks-b").service("aks-b/shop/api", ports: [ServicePort(name: "http", port: 80, targetPort: 9090)])
        let meshAnswer = try answer(meshEstate, via: .mesh)
        let why = try #require(reason(meshAnswer), "\(meshAnswer)")
        #expect(why.code == .firewallDenied && why.message.contains("TCP/9090 from 10.1.0.0/20 to 10.2.0.0/20"))
    }

    @Test("a VPN gateway's subnet sends what arrives over VPN through its route table")
    func gatewaySubnet() throws {
        let builder = Self.hub.vnet("onprem", "192.168.0.0/16").cluster("aks-o", in: "onprem", nodeSubnet: "192.168.0.0/20")
            .vpnGateway("gw-hub", in: "hub").vpnGateway("gw-o", in: "onprem").vpnConnection("gw-hub", "gw-o")
            .peering("b", "hub", gatewayTransit: "hub").allowForwardedTraffic("b", "hub")
            .routeTable("rt-b", in: "b", subnets: ["10.2.0.0/20"], routes: ["10.1.0.0/16": "10.0.1.4", "192.168.0.0/16": "10.0.1.4"])
        let direct = try answer(builder, "aks-o")
        #expect(reason(direct)?.code == .asymmetricRouting, "the request skips the firewall but the reply goes through it")
        let steered = builder.gatewaySubnet("gw-hub", "10.0.255.0/27")
            .routeTable("rt-gw", in: "hub", subnets: ["10.0.255.0/27"], routes: ["10.2.0.0/16": "10.0.1.4"])
            .firewall("fw-hub", in: "hub", ip: "10.0.1.4", defaultAction: .allow)
        let answer = try answer(steered, "aks-o")
        #expect(answer.isRoutable, "\(answer.rejected)")
        #expect(answer.hops.contains("firewall fw-hub (10.0.1.4)"))
    }

    @Test("every answer v1 routes is routed the same way when a route table elsewhere switches R1–R6 on", arguments: [11, 29])
    func transparentControls(seed: Int) throws {
        var estate = TopologyBuilder().vnet("hub", "10.0.0.0/16").vnet("a", "10.1.0.0/16").vnet("b", "10.2.0.0/16").vnet("c", "10.3.0.0/16")
            .vnet("unused", "172.31.0.0/16")
            .cluster("aks-a", in: "a", nodeSubnet: "10.1.0.0/20").cluster("aks-b", in: "b", nodeSubnet: "10.2.0.0/20")
            .cluster("aks-c", in: "c", nodeSubnet: "10.3.0.0/20", plugin: .kubenet)
            .service("aks-a/x/api", exposure: .internalLB, loadBalancerIP: "10.1.0.9").service("aks-b/x/api", exposure: .internalLB, loadBalancerIP: "10.2.0.9")
            .service("aks-c/x/api", exposure: .publicLB, loadBalancerIP: "20.3.0.9")
            .peering("a", "hub").peering("b", "hub").peering("a", "b", state: seed == 11 ? .connected : .initiated).peering("c", "hub")
            .tunnel("aks-a", "aks-c", endpoint: .public).tunnel("aks-b", "aks-c", endpoint: .private)
            .topology
        let v1 = RouteEngine(topology: estate)
        estate.routeTables["rt-unused"] = RouteTable(name: "rt-unused", vnet: "unused")
        let v2 = RouteEngine(topology: estate)
        for consumer in estate.clusters.keys.sorted() {
            for service in estate.services.keys.sorted() {
                let before = try v1.answer(consumer: Consumer(cluster: consumer), service: service, port: nil, via: .auto)
                let after = try v2.answer(consumer: Consumer(cluster: consumer), service: service, port: nil, via: .auto)
                #expect(before.isRoutable == after.isRoutable, "\(consumer) -> \(service)")
                // Closeness may count the walk as one more condition; what is chosen must not change.
                if before.isRoutable {
                    #expect((before.via, before.address, before.hops) == (after.via, after.address, after.hops), "\(consumer) -> \(service)")
                }
                #expect(before.rejected.map(\.via) == after.rejected.map(\.via), "\(consumer) -> \(service)")
            }
        }
    }

    @Test("registration refuses what Azure refuses (spec §8)")
    func refusals() throws {
        let cases: [(TopologyBuilder, String)] = [
            (Self.hub.routeTable("rt-x", in: "a", subnets: ["10.2.0.0/24"], routes: [:]), "outside vnet a"),
            (Self.hub.firewall("fw-x", in: "a", ip: "10.2.0.4"), "outside vnet a"),
            (Self.hub.routeTable("rt-x", in: "a", subnets: ["10.1.0.0/24"], routes: [:]), "both attached to 10.1.0.0/24"),
            (Self.hub.routeTable("rt-x", in: "a", routes: [:]), "every subnet of a"),
            (Self.hub.securityGroup("n1", in: "b").securityGroup("n2", in: "b", subnets: ["10.2.0.0/24"]), "both attached"),
            (Self.hub.securityGroup("n1", in: "b", rules: [SecurityRule(name: "r", priority: 99, direction: .inbound, access: .allow)]), "outside 100 to 4096"),
            (
                Self.hub.securityGroup(
                    "n1", in: "b",
                    rules: [
                        SecurityRule(name: "r1", priority: 100, direction: .inbound, access: .allow),
                        SecurityRule(name: "r2", priority: 100, direction: .inbound, access: .deny),
                    ]), "priorities are unique per direction"
            ),
            (
                TopologyBuilder().with {
                    $0 = Self.hub.topology;
                    $0.routeTables["rt-a"]?.routes = [UserRoute(prefix: TopologyBuilder.cidr("10.2.0.0/16"), nextHop: .virtualAppliance)]
                }, "needs a nextHopIP"
            ),
            (
                TopologyBuilder().with {
                    $0 = Self.hub.topology
                    $0.routeTables["rt-a"]?.routes = [
                        UserRoute(prefix: TopologyBuilder.cidr("10.2.0.0/16"), nextHop: .internet, nextHopIP: TopologyBuilder.address("10.0.1.4"))
                    ]
                }, "cannot have a nextHopIP"
            ),
        ]
        for (builder, text) in cases {
            #expect(throws: CrosslinkError.self) { try builder.topology.validate() }
            do { try builder.topology.validate() } catch let error as CrosslinkError { #expect(error.message.contains(text), "\(error.message)") }
        }
        let both = SecurityRule(name: "out", priority: 100, direction: .outbound, access: .deny)
        let fine = Self.hub.securityGroup("n1", in: "b", rules: [SecurityRule(name: "in", priority: 100, direction: .inbound, access: .allow), both])
        try fine.topology.validate()
    }
}
