import CrosslinkCore

/// Verbs for spec §8's objects: route tables, firewalls, security groups and their peering and gateway fields.
extension TopologyBuilder {
    package func routeTable(_ name: String, in vnet: String, subnets: [String] = [], propagateGatewayRoutes: Bool = true, routes: [String: String]) -> Self {
        // Routes as prefix → next hop, the next hop an address for a virtual appliance.
        let parsed = routes.keys.sorted().map { prefix -> UserRoute in
            let hop = routes[prefix] ?? "none"
            if let type = NextHopType(rawValue: hop) { return UserRoute(prefix: Self.cidr(prefix), nextHop: type) }
            return UserRoute(prefix: Self.cidr(prefix), nextHop: .virtualAppliance, nextHopIP: Self.address(hop))
        }
        return with {
            $0.routeTables[name] = RouteTable(
                name: name, vnet: vnet, subnets: subnets.map(Self.cidr), propagateGatewayRoutes: propagateGatewayRoutes, routes: parsed)
        }
    }

    package func firewall(_ name: String, in vnet: String, ip: String, defaultAction: RuleAction = .deny, rules: [FirewallRule] = []) -> Self {
        with { $0.firewalls[name] = Firewall(name: name, vnet: vnet, privateIP: Self.address(ip), defaultAction: defaultAction, rules: rules) }
    }

    package func securityGroup(_ name: String, in vnet: String, subnets: [String] = [], rules: [SecurityRule] = []) -> Self {
        with { $0.securityGroups[name] = SecurityGroup(name: name, vnet: vnet, subnets: subnets.map(Self.cidr), rules: rules) }
    }

    package func allowForwardedTraffic(_ a: String, _ b: String, _ allow: Bool = true) -> Self {
        with { $0.peerings[UnorderedPair(a, b)]?.allowForwardedTraffic = allow }
    }

    package func gatewaySubnet(_ gateway: String, _ subnet: String) -> Self {
        with { $0.vpnGateways[gateway]?.subnet = Self.cidr(subnet) }
    }

    package static func rule(_ text: String) -> RuleAddress {
        do { return try RuleAddress.parse(text, field: "test rule address") } catch { preconditionFailure("\(error)") }
    }
}
