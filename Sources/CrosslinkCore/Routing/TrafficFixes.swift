/// The crosslink commands that remove a §8 rejection (`RouteReason.fix`), where one command does.
/// A `set` of a list replaces the whole list, so each fix repeats the entries that stay.
extension TrafficPlane {
    /// Lets a firewall's traffic enter over the peering (`ForwardedTrafficNotAllowed`).
    static func forwardedTrafficFix(_ peering: Peering) -> String {
        "crosslink peering set \(peering.vnets.first) \(peering.vnets.second) --allow-forwarded-traffic true"
    }

    /// The table without the route that drops (`RouteDropped`); a table left with no route and no
    /// other effect is removed instead. Nil when removing it would stop gateway-route propagation's
    /// being disabled.
    static func droppedRouteFix(_ table: RouteTable, dropping route: UserRoute) -> String? {
        let kept = table.routes.filter { $0 != route }
        if kept.isEmpty { return table.propagateGatewayRoutes ? "crosslink route-table remove \(table.name)" : nil }
        return "crosslink route-table set \(table.name)" + kept.map { " --routes \($0.commandLineText)" }.joined()
    }

    /// A rule allowing exactly this flow, placed just before the rule that denies it (or last, when
    /// the default action does): the rules before it did not match, so the new one decides.
    static func firewallFix(_ firewall: Firewall, denyingRule rule: FirewallRule?, flow: Flow) -> String {
        let allow = FirewallRule(
            name: "<name>", sources: [.cidr(flow.source)], destinations: [ruleAddress(flow.destination)],
            ports: [PortRange(lower: flow.port, upper: flow.port)], protocols: [RuleProtocol(flow.protocol)])
        var rules = firewall.rules
        rules.insert(allow, at: rule.flatMap { rules.firstIndex(of: $0) } ?? rules.endIndex)
        return "crosslink firewall set \(firewall.name)" + rules.map { " --rules \(quoted($0.commandLineText))" }.joined()
    }

    /// A rule allowing exactly this flow at the highest free priority below the denying rule's (for a
    /// default rule, below 4096): the group's earlier rules did not match, so the new one decides.
    /// Nil when no priority is free there.
    static func securityGroupFix(_ group: SecurityGroup, denyingRule rule: SecurityRule, direction: TrafficDirection, source: FlowEndpoint, flow: Flow)
        -> String?
    {
        let used = Set(group.rules.filter { $0.direction == direction }.map(\.priority))
        let ceiling = min(rule.priority - 1, SecurityRule.priorities.upperBound)
        guard ceiling >= SecurityRule.priorities.lowerBound,
            let priority = stride(from: ceiling, through: SecurityRule.priorities.lowerBound, by: -1).first(where: { !used.contains($0) })
        else { return nil }
        let allow = SecurityRule(
            name: "<name>", priority: priority, direction: direction, access: .allow, protocol: RuleProtocol(flow.protocol),
            sources: [ruleAddress(source)], destinations: [ruleAddress(flow.destination)], ports: [PortRange(lower: flow.port, upper: flow.port)])
        return "crosslink security-group set \(group.name)" + (group.rules + [allow]).map { " --rules \(quoted($0.commandLineText))" }.joined()
    }

    /// A UDR sending the reply back through the firewall the request passed (`AsymmetricRouting`): in
    /// the table of the reply's subnet, or a new table on its VNet when the VNet has none.
    func returnRouteFix(from location: Location, to source: CIDR, through firewall: Firewall) -> String? {
        let route = UserRoute(prefix: source, nextHop: .virtualAppliance, nextHopIP: firewall.privateIP)
        if let table = routeTable(in: location.vnet, for: location.subnet) {
            guard !table.routes.contains(where: { $0.prefix == source }) else { return nil }
            return "crosslink route-table set \(table.name)" + (table.routes + [route]).map { " --routes \($0.commandLineText)" }.joined()
        }
        guard topology.routeTables.values.allSatisfy({ $0.vnet != location.vnet }) else { return nil }
        return "crosslink route-table add <name> --vnet \(location.vnet) --routes \(route.commandLineText)"
    }

    private static func ruleAddress(_ endpoint: FlowEndpoint) -> RuleAddress {
        switch endpoint {
        case .range(let range): .cidr(range)
        case .internet: .internet
        }
    }

    /// Single quotes for the shell: rule texts hold spaces and `*`.
    private static func quoted(_ text: String) -> String { "'\(text)'" }
}

extension RuleProtocol {
    /// The rule protocol that matches exactly `protocol`.
    init(_ protocol: PortProtocol) {
        switch `protocol` {
        case .tcp: self = .tcp
        case .udp: self = .udp
        default: self = .any
        }
    }
}

extension UserRoute {
    /// `PREFIX=NEXTHOP[@IP]`, as `route-table add/set --routes` reads it.
    var commandLineText: String {
        "\(prefix)=\(nextHop.rawValue)" + (nextHopIP.map { "@\($0)" } ?? "")
    }
}

extension FirewallRule {
    /// `name=… action=… sources=… destinations=… ports=… protocols=…`, as `firewall add/set --rules` reads it.
    var commandLineText: String {
        "name=\(name) action=\(action.rawValue) sources=\(list(sources)) destinations=\(list(destinations)) ports=\(list(ports)) protocols=\(list(protocols.map(\.rawValue)))"
    }
}

extension SecurityRule {
    /// `name=… priority=… direction=… access=… protocol=… sources=… destinations=… ports=…`, as
    /// `security-group add/set --rules` reads it.
    var commandLineText: String {
        "name=\(name) priority=\(priority) direction=\(direction.rawValue) access=\(access.rawValue) protocol=\(self.protocol.rawValue) sources=\(list(sources)) destinations=\(list(destinations)) ports=\(list(ports))"
    }
}

private func list(_ values: [some CustomStringConvertible]) -> String {
    values.map(\.description).joined(separator: ",")
}
