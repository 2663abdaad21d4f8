import CrosslinkCore

/// The landing-zone layer of a generated estate (spec §8): each regional hub gets a firewall, each
/// spoke a route table sending everything (0.0.0.0/0) to it and a security group. A few are
/// deliberately wrong, as in real estates: every 50th spoke has no route table (no return route),
/// every 40th peering does not allow forwarded traffic, every 30th group denies HTTP from the other
/// spokes, and the firewalls deny gRPC (9090) into the first 256 spokes.
extension EstateGenerator {
    func addTrafficControls(to topology: inout Topology) {
        for region in 0..<regionCount {
            let name = "fw-hub-\(region)"
            topology.firewalls[name] = Firewall(
                name: name, vnet: "vnet-hub-\(region)", privateIP: Self.address(10, 255, UInt32(region), 4),
                rules: [
                    FirewallRule(
                        name: "no-grpc-into-first-spokes", action: .deny, destinations: [.cidr(Self.cidr(10, 0, 0, 0, 16))],
                        ports: [PortRange(lower: 9090, upper: 9090)], protocols: [.tcp]),
                    FirewallRule(name: "spokes", sources: [.cidr(Self.cidr(10, 0, 0, 0, 8))], destinations: [.cidr(Self.cidr(10, 0, 0, 0, 8))]),
                    FirewallRule(name: "internet", sources: [.cidr(Self.cidr(10, 0, 0, 0, 8))], destinations: [.internet]),
                ])
        }
        for index in 0..<clusters {
            let vnet = "vnet-spoke-\(index)"
            let region = index % regionCount
            let hub = "vnet-hub-\(region)"
            if index % 40 != 39 { topology.peerings[UnorderedPair(vnet, hub)]?.allowForwardedTraffic = true }
            if index % 50 != 49 {
                topology.routeTables["rt-spoke-\(index)"] = RouteTable(
                    name: "rt-spoke-\(index)", vnet: vnet, propagateGatewayRoutes: false,
                    routes: [
                        UserRoute(prefix: Self.cidr(0, 0, 0, 0, 0), nextHop: .virtualAppliance, nextHopIP: Self.address(10, 255, UInt32(region), 4))
                    ])
            }
            var rules = [
                SecurityRule(name: "deny-ssh", priority: 100, direction: .inbound, access: .deny, protocol: .tcp, ports: [PortRange(lower: 22, upper: 22)]),
                SecurityRule(name: "allow-internet-in", priority: 200, direction: .inbound, access: .allow, sources: [.internet]),
            ]
            if index % 30 == 29 {
                rules.append(
                    SecurityRule(
                        name: "deny-http-from-spokes", priority: 150, direction: .inbound, access: .deny, protocol: .tcp,
                        sources: [.cidr(Self.cidr(10, 0, 0, 0, 9))], ports: [PortRange(lower: 80, upper: 80)]))
            }
            topology.securityGroups["nsg-spoke-\(index)"] = SecurityGroup(name: "nsg-spoke-\(index)", vnet: vnet, rules: rules)
        }
    }
}
