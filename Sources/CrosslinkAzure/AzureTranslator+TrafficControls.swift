import CrosslinkCore

/// Route tables, NSGs and firewalls from `az` output (spec §8). Attachments come from the subnets of
/// `az network vnet list` (and the table's or NSG's own `subnets`); a table or NSG attached to nothing
/// is skipped with a note, one attached in several VNets becomes one per VNet named `<name>-<vnet>`.
/// NAT and application rules, FQDN and IP-group addresses and service tags other than `*`,
/// VirtualNetwork, Internet and AzureLoadBalancer are skipped with a note.
extension AzureTranslator {
    // MARK: Route tables

    mutating func addRouteTables(_ entries: [Located<AzureRouteTable>]) throws {
        for entry in entries {
            let table = entry.item
            let place = entry.description("route table", name: table.name)
            let name = try require(table.name, "name", at: place)
            let id = try require(table.id, "id", at: place)
            let label = try routeTableNames.label(for: name, identity: id.lowercased(), at: place)
            var routes: [UserRoute] = []
            for route in table.routes ?? [] {
                let routePlace = "\(place): route \(route.name.map(\.quoted) ?? "?")"
                let prefixText = try require(route.addressPrefix, "addressPrefix", at: routePlace)
                guard let prefix = try? CIDR.parse(prefixText, field: "addressPrefix") else {
                    notes.append("\(routePlace): address prefix \(prefixText) skipped (a service tag or IPv6; crosslink routes IPv4 CIDRs)")
                    continue
                }
                let hopText = try require(route.nextHopType, "nextHopType", at: routePlace)
                let hop: NextHopType
                switch hopText.lowercased() {
                case "virtualappliance": hop = .virtualAppliance
                case "virtualnetworkgateway": hop = .vnetGateway
                case "vnetlocal": hop = .vnetLocal
                case "internet": hop = .internet
                case "none": hop = .none
                default:
                    throw CrosslinkError(
                        .invalidValue,
                        "\(routePlace): nextHopType \(hopText.quoted) is not one of: VirtualAppliance | VirtualNetworkGateway | VnetLocal | Internet | None")
                }
                let ip =
                    try hop == .virtualAppliance
                    ? IPv4Address.parse(try require(route.nextHopIpAddress, "nextHopIpAddress", at: routePlace), field: "\(routePlace): nextHopIpAddress") : nil
                routes.append(UserRoute(prefix: prefix, nextHop: hop, nextHopIP: ip))
            }
            for (vnet, subnets) in attachments(of: id, listed: table.subnets, in: routeTableSubnets, place: place) {
                let key = attachedName(label, vnet: vnet, shared: attachmentCount(of: id, listed: table.subnets, in: routeTableSubnets) > 1)
                topology.routeTables[key] = RouteTable(
                    name: key, vnet: vnet, subnets: subnets, propagateGatewayRoutes: !(table.disableBgpRoutePropagation ?? false), routes: routes)
            }
        }
    }

    // MARK: Network security groups

    mutating func addSecurityGroups(_ entries: [Located<AzureSecurityGroup>]) throws {
        for entry in entries {
            let group = entry.item
            let place = entry.description("nsg", name: group.name)
            let name = try require(group.name, "name", at: place)
            let id = try require(group.id, "id", at: place)
            let label = try securityGroupNames.label(for: name, identity: id.lowercased(), at: place)
            var rules: [SecurityRule] = []
            // defaultSecurityRules are Azure's own; crosslink applies them itself (R5).
            for rule in group.securityRules ?? [] {
                let rulePlace = "\(place): rule \(rule.name.map(\.quoted) ?? "?")"
                let protocolText = try require(rule.protocol, "protocol", at: rulePlace)
                guard let ruleProtocol = Self.protocolValue(protocolText) else {
                    notes.append("\(rulePlace): protocol \(protocolText) skipped with its rule (crosslink models TCP, UDP, ICMP and *)")
                    continue
                }
                let sources = addresses(rule.sourceAddressPrefixes ?? [], rule.sourceAddressPrefix, at: rulePlace)
                let destinations = addresses(rule.destinationAddressPrefixes ?? [], rule.destinationAddressPrefix, at: rulePlace)
                guard !sources.isEmpty, !destinations.isEmpty else {
                    notes.append("\(rulePlace) skipped: none of its addresses is one crosslink models")
                    continue
                }
                let portTexts = (rule.destinationPortRanges ?? []) + (rule.destinationPortRange.map { [$0] } ?? [])
                rules.append(
                    SecurityRule(
                        name: Self.ruleName(try require(rule.name, "name", at: rulePlace)),
                        priority: try require(rule.priority, "priority", at: rulePlace),
                        direction: try TrafficDirection.parse(
                            try require(rule.direction, "direction", at: rulePlace).lowercased(), field: "\(rulePlace): direction"),
                        access: try RuleAction.parse(try require(rule.access, "access", at: rulePlace).lowercased(), field: "\(rulePlace): access"),
                        protocol: ruleProtocol, sources: sources, destinations: destinations,
                        ports: try (portTexts.isEmpty ? ["*"] : portTexts).map { try PortRange.parse($0, field: "\(rulePlace): destinationPortRange") }))
            }
            for (vnet, subnets) in attachments(of: id, listed: group.subnets, in: securityGroupSubnets, place: place) {
                let key = attachedName(label, vnet: vnet, shared: attachmentCount(of: id, listed: group.subnets, in: securityGroupSubnets) > 1)
                topology.securityGroups[key] = SecurityGroup(name: key, vnet: vnet, subnets: subnets, rules: rules)
            }
        }
    }

    // MARK: Firewalls

    mutating func addRuleCollectionGroups(_ entries: [Located<AzureRuleCollectionGroup>]) throws {
        for entry in entries {
            let place = entry.description("rule collection group", name: entry.item.name)
            let id = ResourceID(try require(entry.item.id, "id", at: place))
            guard let policy = id.prefix(through: "firewallPolicies") else {
                throw CrosslinkError(.invalidValue, "\(place): id \(id.text.quoted) does not name a firewall policy (expected …/firewallPolicies/<name>/…)")
            }
            policyGroups[policy.key, default: []].append(entry)
        }
    }

    mutating func addFirewalls(_ entries: [Located<AzureFirewall>]) throws {
        for entry in entries {
            let firewall = entry.item
            let place = entry.description("firewall", name: firewall.name)
            let name = try require(firewall.name, "name", at: place)
            let id = try require(firewall.id, "id", at: place)
            guard let configuration = firewall.ipConfigurations?.first(where: { $0.privateIpAddress != nil && $0.subnet?.id != nil }),
                let addressText = configuration.privateIpAddress, let subnetID = configuration.subnet?.id
            else {
                notes.append("\(place) skipped: it has no IP configuration in a VNet (a Virtual WAN hub firewall?)")
                continue
            }
            let label = try firewallNames.label(for: name, identity: id.lowercased(), at: place)
            let vnet = try vnetLabel(in: subnetID, field: "ipConfigurations.subnet.id", at: place)
            var rules: [FirewallRule] = []
            for collection in (firewall.networkRuleCollections ?? []).sorted(by: { ($0.priority ?? 0) < ($1.priority ?? 0) }) {
                let action = try ruleAction(collection.action, at: "\(place): rule collection \(collection.name.map(\.quoted) ?? "?")")
                for rule in collection.rules ?? [] { if let rule = try firewallRule(rule, action: action, at: place) { rules.append(rule) } }
            }
            for skipped in (firewall.natRuleCollections ?? []) + (firewall.applicationRuleCollections ?? []) {
                notes.append("\(place): NAT or application rule collection \(skipped.name.map(\.quoted) ?? "?") skipped (crosslink models network rules)")
            }
            if let policyID = firewall.firewallPolicy?.id {
                let groups = (policyGroups[ResourceID(policyID).key] ?? []).sorted { ($0.item.priority ?? 0) < ($1.item.priority ?? 0) }
                if groups.isEmpty { notes.append("\(place): its firewall policy's rule collection groups were not given; no policy rules imported") }
                for group in groups {
                    for collection in (group.item.ruleCollections ?? []).sorted(by: { ($0.priority ?? 0) < ($1.priority ?? 0) }) {
                        let collectionPlace =
                            "\(group.description("rule collection group", name: group.item.name)): rule collection \(collection.name.map(\.quoted) ?? "?")"
                        guard collection.ruleCollectionType?.lowercased() != "firewallpolicynatrulecollection" else {
                            notes.append("\(collectionPlace) skipped (NAT rules)")
                            continue
                        }
                        let action = try ruleAction(collection.action, at: collectionPlace)
                        for rule in collection.rules ?? [] {
                            guard rule.ruleType == nil || rule.ruleType?.lowercased() == "networkrule" else {
                                notes.append(
                                    "\(collectionPlace): \(rule.ruleType ?? "") \(rule.name.map(\.quoted) ?? "?") skipped (crosslink models network rules)")
                                continue
                            }
                            if let rule = try firewallRule(rule, action: action, at: collectionPlace) { rules.append(rule) }
                        }
                    }
                }
            }
            topology.firewalls[label] = Firewall(
                name: label, vnet: vnet, privateIP: try IPv4Address.parse(addressText, field: "\(place): privateIpAddress"), defaultAction: .deny,
                rules: rules)
        }
    }

    private mutating func firewallRule(_ rule: AzureNetworkRule, action: RuleAction, at place: String) throws -> FirewallRule? {
        let rulePlace = "\(place): rule \(rule.name.map(\.quoted) ?? "?")"
        if !(rule.sourceIpGroups ?? []).isEmpty || !(rule.destinationIpGroups ?? []).isEmpty || !(rule.destinationFqdns ?? []).isEmpty {
            notes.append("\(rulePlace): IP-group and FQDN addresses skipped")
        }
        let sources = addresses(rule.sourceAddresses ?? [], nil, at: rulePlace)
        let destinations = addresses(rule.destinationAddresses ?? [], nil, at: rulePlace)
        guard !sources.isEmpty, !destinations.isEmpty else {
            notes.append("\(rulePlace) skipped: none of its addresses is one crosslink models")
            return nil
        }
        let protocols = (rule.protocols?.compactMap(\.text) ?? rule.ipProtocols ?? ["Any"]).compactMap { Self.protocolValue($0) }
        let ports = try (rule.destinationPorts ?? ["*"]).map { try PortRange.parse($0, field: "\(rulePlace): destinationPorts") }
        return FirewallRule(
            name: Self.ruleName(try require(rule.name, "name", at: rulePlace)), action: action, sources: sources, destinations: destinations,
            ports: ports.isEmpty ? [.any] : ports, protocols: protocols.isEmpty ? [.any] : protocols)
    }

    private func ruleAction(_ action: AzureAction?, at place: String) throws -> RuleAction {
        try RuleAction.parse(try require(action?.type, "action.type", at: place).lowercased(), field: "\(place): action.type")
    }

    /// CIDRs, addresses and the four modelled service tags; anything else is noted and left out.
    private mutating func addresses(_ list: [String], _ single: String?, at place: String) -> [RuleAddress] {
        var result: [RuleAddress] = []
        for text in list + (single.map { [$0] } ?? []) where !text.isEmpty {
            if let address = try? RuleAddress.parse(text, field: "address") {
                result.append(address)
            } else {
                notes.append("\(place): address \(text) skipped (crosslink models CIDRs, *, VirtualNetwork, Internet and AzureLoadBalancer)")
            }
        }
        return result
    }

    static func protocolValue(_ text: String) -> RuleProtocol? {
        switch text.lowercased() {
        case "tcp": .tcp
        case "udp": .udp
        case "icmp": .icmp
        case "*", "any": .any
        default: nil
        }
    }

    /// Rule names as crosslink accepts them (letters, digits, `_`, `.`, `-`; at most 80).
    static func ruleName(_ name: String) -> String {
        let mapped = String(
            name.unicodeScalars.map { scalar -> Character in
                let v = scalar.value
                let ok = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x2D || v == 0x2E || v == 0x5F
                return ok ? Character(scalar) : "-"
            }
        ).prefix(80)
        return mapped.isEmpty ? "rule" : String(mapped)
    }

    // MARK: Attachments

    /// The subnets a table or NSG is attached to, grouped by VNet and sorted; notes one attached to nothing.
    private mutating func attachments(
        of id: String, listed: [AzureReference]?, in recorded: [String: [(vnet: String, prefix: CIDR)]], place: String
    ) -> [(String, [CIDR])] {
        var byVNet: [String: [CIDR]] = [:]
        for (vnet, prefix) in recorded[id.lowercased()] ?? [] { byVNet[vnet, default: []].append(prefix) }
        for reference in listed ?? [] {
            guard let subnet = reference.id.flatMap({ subnets[$0.lowercased()] }) else { continue }
            byVNet[subnet.vnet, default: []].append(subnet.prefix)
        }
        if byVNet.isEmpty { notes.append("\(place) skipped: it is attached to no subnet of the VNets given") }
        return byVNet.keys.sorted().map { vnet in (vnet, Array(Set(byVNet[vnet] ?? [])).sorted()) }
    }

    private func attachmentCount(of id: String, listed: [AzureReference]?, in recorded: [String: [(vnet: String, prefix: CIDR)]]) -> Int {
        var vnets = Set((recorded[id.lowercased()] ?? []).map(\.vnet))
        for reference in listed ?? [] { if let subnet = reference.id.flatMap({ subnets[$0.lowercased()] }) { vnets.insert(subnet.vnet) } }
        return vnets.count
    }

    private func attachedName(_ label: String, vnet: String, shared: Bool) -> String {
        guard shared else { return label }
        return AzureNames.label(for: "\(label)-\(vnet)") ?? label
    }
}
