/// Rule matching for firewalls and security groups, and rule R5 (security groups with Azure's
/// default rules). Addresses are matched as spec §8 says: a rule that allows must cover all of the
/// flow's range, a rule that denies matches when it holds any part of it.
extension TrafficPlane {
    /// Azure's default security rules, evaluated after a group's own (priorities 65000 and up).
    static let defaultRules: [TrafficDirection: [SecurityRule]] = [
        .inbound: [
            SecurityRule(
                name: "AllowVnetInBound", priority: 65000, direction: .inbound, access: .allow, sources: [.virtualNetwork], destinations: [.virtualNetwork]),
            SecurityRule(name: "AllowAzureLoadBalancerInBound", priority: 65001, direction: .inbound, access: .allow, sources: [.azureLoadBalancer]),
            SecurityRule(name: "DenyAllInBound", priority: 65500, direction: .inbound, access: .deny),
        ],
        .outbound: [
            SecurityRule(
                name: "AllowVnetOutBound", priority: 65000, direction: .outbound, access: .allow, sources: [.virtualNetwork], destinations: [.virtualNetwork]),
            SecurityRule(name: "AllowInternetOutBound", priority: 65001, direction: .outbound, access: .allow, destinations: [.internet]),
            SecurityRule(name: "DenyAllOutBound", priority: 65500, direction: .outbound, access: .deny),
        ],
    ]

    /// Rule R5 for one side of a flow: the groups on `range` of `vnet`, in `direction`. Nil when every
    /// group allows the flow (or none applies).
    func securityVerdict(
        _ direction: TrafficDirection, in vnet: String, on range: CIDR, flow: Flow, source: FlowEndpoint, decisions: inout [String]?
    ) -> RouteReason? {
        guard let groups = groupsByVNet[vnet] else { return nil }
        for ordered in groups where ordered.applies(to: range) {
            let group = ordered.group
            let rules = ordered.rules(direction)
            // By index: the rules are read in place, not copied one by one (most are skipped by port).
            for index in rules.indices {
                let allows = rules[index].access == .allow
                guard rules[index].protocol.matches(flow.protocol), rules[index].ports.contains(where: { $0.contains(flow.port) }),
                    matches(rules[index].sources, source, vnet: vnet, allows: allows),
                    matches(rules[index].destinations, flow.destination, vnet: vnet, allows: allows)
                else { continue }
                let rule = rules[index]
                decisions?.append(
                    "security-group \(group.name) \(direction.rawValue): rule \(rule.name) (priority \(rule.priority)) \(rule.access == .allow ? "allows" : "denies") \(flow)"
                )
                if allows { break }
                let isDefault = rule.priority > SecurityRule.priorities.upperBound
                let fix =
                    isDefault
                    ? "add an \(direction.rawValue) rule that allows it"
                    : "change or remove that rule, or allow the flow at a lower priority number"
                return RouteReason(
                    .securityGroupDenied,
                    "security-group \(group.name) denies \(flow) \(direction.rawValue) by \(isDefault ? "default rule" : "rule") \(rule.name) (priority \(rule.priority)): \(fix)",
                    fix: Self.securityGroupFix(group, denyingRule: rule, direction: direction, source: source, flow: flow))
            }
        }
        return nil
    }

    /// What a firewall does with a flow: the first rule that matches, else its default action.
    func firewallVerdict(_ firewall: Firewall, flow: Flow) -> (action: RuleAction, rule: FirewallRule?) {
        for rule in firewall.rules {
            let allows = rule.action == .allow
            guard rule.protocols.contains(where: { $0.matches(flow.protocol) }), rule.ports.contains(where: { $0.contains(flow.port) }),
                matches(rule.sources, .range(flow.source), vnet: firewall.vnet, allows: allows),
                matches(rule.destinations, flow.destination, vnet: firewall.vnet, allows: allows)
            else { continue }
            return (rule.action, rule)
        }
        return (firewall.defaultAction, nil)
    }

    /// Whether a rule's address list matches a flow endpoint: covering it all to allow, touching it to deny.
    func matches(_ entries: [RuleAddress], _ endpoint: FlowEndpoint, vnet: String, allows: Bool) -> Bool {
        entries.contains { allows ? covers($0, endpoint, vnet: vnet) : overlaps($0, endpoint, vnet: vnet) }
    }

    func covers(_ entry: RuleAddress, _ endpoint: FlowEndpoint, vnet: String) -> Bool {
        switch (entry, endpoint) {
        case (.any, _): true
        case (.cidr(let cidr), .range(let range)): cidr.contains(range)
        case (.cidr(let cidr), .internet): cidr.prefixLength == 0
        case (.internet, .range(let range)): isEntirelyPublic(range)
        case (.internet, .internet): true
        case (.azureLoadBalancer, .range(let range)): range == RuleAddress.azureLoadBalancerAddress
        case (.azureLoadBalancer, .internet): false
        case (.virtualNetwork, .range(let range)):
            udrPrefixes(of: vnet).contains { $0.contains(range) } || owners(of: range).contains { isVirtualNetwork($0.vnet, of: vnet) }
        case (.virtualNetwork, .internet): udrPrefixes(of: vnet).contains { $0.prefixLength == 0 }
        }
    }

    func overlaps(_ entry: RuleAddress, _ endpoint: FlowEndpoint, vnet: String) -> Bool {
        switch (entry, endpoint) {
        case (.any, _): true
        case (.cidr(let cidr), .range(let range)): cidr.overlaps(range)
        case (.cidr(let cidr), .internet): hasPublicPart(cidr)
        case (.internet, .range(let range)): hasPublicPart(range)
        case (.internet, .internet): true
        case (.azureLoadBalancer, .range(let range)): range.contains(RuleAddress.azureLoadBalancerAddress)
        // The platform's probe address is not an internet client.
        case (.azureLoadBalancer, .internet): false
        case (.virtualNetwork, .range(let range)):
            covers(entry, endpoint, vnet: vnet) || udrPrefixes(of: vnet).contains { $0.overlaps(range) }
                || prefixes(inside: range).contains { isVirtualNetwork($0.vnet, of: vnet) }
        case (.virtualNetwork, .internet):
            udrPrefixes(of: vnet).contains(where: hasPublicPart)
                || ([vnet] + peers(of: vnet)).contains { (topology.vnets[$0]?.addressSpace ?? []).contains(where: hasPublicPart) }
        }
    }

    /// Whether `other`'s space is part of `vnet`'s VirtualNetwork tag: itself, a connected peer, or
    /// reached over its VPN.
    private func isVirtualNetwork(_ other: String, of vnet: String) -> Bool {
        other == vnet || peering(vnet, other) != nil || reachesOverVPN(vnet, other) != nil
    }

    private func udrPrefixes(of vnet: String) -> [CIDR] { udrPrefixes[vnet] ?? [] }

    /// Whether some address of `range` is public (outside the private and special ranges and every VNet).
    func hasPublicPart(_ range: CIDR) -> Bool {
        !IPv4Address.nonPublicRanges.contains { $0.contains(range) } && owners(of: range).isEmpty
    }

    /// Whether every address of `range` is public.
    func isEntirelyPublic(_ range: CIDR) -> Bool {
        !IPv4Address.nonPublicRanges.contains { $0.overlaps(range) } && owners(of: range).isEmpty && prefixes(inside: range).isEmpty
    }
}

/// One end of a flow: a range of addresses (a single address is a /32), or somewhere on the internet.
enum FlowEndpoint: Hashable, Sendable, CustomStringConvertible {
    case range(CIDR)
    case internet

    /// The range a route lookup matches: the internet as a whole follows the default route.
    var lookupRange: CIDR {
        switch self {
        case .range(let range): range
        case .internet: CIDR(containing: IPv4Address(value: 0), prefixLength: 0)
        }
    }

    var description: String {
        switch self {
        case .range(let range): range.prefixLength == 32 ? range.network.description : range.description
        case .internet: "Internet"
        }
    }
}
