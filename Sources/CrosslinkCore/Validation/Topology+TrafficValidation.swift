/// The refusals of spec §8: route tables, firewalls and security groups as Azure would refuse them.
extension Topology {
    func validateTrafficControls(sorted: Bool) throws {
        func each<Value>(_ table: [String: Value], _ check: (Value) throws -> Void) rethrows {
            if sorted {
                for key in table.keys.sorted() { if let value = table[key] { try check(value) } }
            } else {
                for value in table.values { try check(value) }
            }
        }
        for gateway in vpnGateways.keys.sorted() {
            guard let gateway = vpnGateways[gateway], let subnet = gateway.subnet else { continue }
            try requireInside(subnet, of: gateway.vnet, what: "vpn-gateway \(gateway.name): subnet")
        }
        try each(routeTables, validate)
        try each(firewalls, validate)
        try each(securityGroups, validate)
        try requireDisjointAttachments(routeTables.values.map { ($0.name, $0.vnet, $0.subnets) }, kind: "route-table", sorted: sorted)
        try requireDisjointAttachments(securityGroups.values.map { ($0.name, $0.vnet, $0.subnets) }, kind: "security-group", sorted: sorted)
    }

    private func validate(_ table: RouteTable) throws {
        let what = "route-table \(table.name)"
        try NameRule.dns1123Label.check(table.name, field: "route-table name")
        try requireVNet(table.vnet, what: what)
        for subnet in table.subnets { try requireInside(subnet, of: table.vnet, what: "\(what): subnet") }
        for (index, route) in table.routes.enumerated() {
            switch (route.nextHop, route.nextHopIP) {
            case (.virtualAppliance, nil):
                throw CrosslinkError.invalid("\(what): route \(route.prefix) to virtual-appliance needs a nextHopIP")
            case (.virtualAppliance, _), (_, nil):
                break
            case (_, .some(let ip)):
                throw CrosslinkError.invalid(
                    "\(what): route \(route.prefix) to \(route.nextHop.rawValue) cannot have a nextHopIP (\(ip)); only virtual-appliance routes do")
            }
            for earlier in table.routes[..<index] where earlier.prefix == route.prefix {
                throw CrosslinkError.invalid("\(what): prefix \(route.prefix) has two routes; Azure allows one route per prefix in a table")
            }
        }
    }

    private func validate(_ firewall: Firewall) throws {
        let what = "firewall \(firewall.name)"
        try NameRule.dns1123Label.check(firewall.name, field: "firewall name")
        try requireVNet(firewall.vnet, what: what)
        guard let vnet = vnets[firewall.vnet], vnet.addressSpace.contains(address: firewall.privateIP) else {
            throw CrosslinkError.topology("\(what): privateIP \(firewall.privateIP) is outside vnet \(firewall.vnet)'s address space")
        }
        if let other = firewalls.values.first(where: { $0.name != firewall.name && $0.privateIP == firewall.privateIP }) {
            let names = [firewall.name, other.name].sorted()
            throw CrosslinkError.topology("firewalls \(names[0]) and \(names[1]) both have privateIP \(firewall.privateIP)")
        }
        for rule in firewall.rules { try checkRuleName(rule.name, field: "\(what): rule name") }
    }

    private func validate(_ group: SecurityGroup) throws {
        let what = "security-group \(group.name)"
        try NameRule.dns1123Label.check(group.name, field: "security-group name")
        try requireVNet(group.vnet, what: what)
        for subnet in group.subnets { try requireInside(subnet, of: group.vnet, what: "\(what): subnet") }
        for (index, rule) in group.rules.enumerated() {
            try checkRuleName(rule.name, field: "\(what): rule name")
            guard SecurityRule.priorities.contains(rule.priority) else {
                throw CrosslinkError.invalid("\(what): rule \(rule.name) has priority \(rule.priority), outside 100 to 4096")
            }
            for earlier in group.rules[..<index] where earlier.direction == rule.direction && earlier.priority == rule.priority {
                throw CrosslinkError.invalid(
                    "\(what): rules \(earlier.name) and \(rule.name) both have \(rule.direction.rawValue) priority \(rule.priority); priorities are unique per direction"
                )
            }
        }
    }

    private func requireVNet(_ name: String, what: String) throws {
        guard vnets[name] != nil else { throw CrosslinkError.notFound("\(what): vnet \(name.quoted) does not exist") }
    }

    private func requireInside(_ subnet: CIDR, of vnetName: String, what: String) throws {
        guard let vnet = vnets[vnetName] else { throw CrosslinkError.notFound("\(what): vnet \(vnetName.quoted) does not exist") }
        guard vnet.addressSpace.contains(where: { $0.contains(subnet) }) else {
            let space = vnet.addressSpace.map(\.description).joined(separator: ", ")
            throw CrosslinkError.topology("\(what) \(subnet) is outside vnet \(vnetName)'s address space (\(space))")
        }
    }

    /// Two tables (or two groups) on overlapping subnets of one VNet: Azure attaches one per subnet.
    /// No `subnets` means the whole VNet, which overlaps every other attachment there.
    private func requireDisjointAttachments(_ items: [(name: String, vnet: String, subnets: [CIDR])], kind: String, sorted: Bool) throws {
        let byVNet = Dictionary(grouping: sorted ? items.sorted { $0.name < $1.name } : items, by: \.vnet)
        for vnet in byVNet.keys.sorted() {
            let group = (byVNet[vnet] ?? []).sorted { $0.name < $1.name }
            for (index, item) in group.enumerated() {
                for other in group[(index + 1)...] {
                    var overlap: String?
                    if item.subnets.isEmpty || other.subnets.isEmpty {
                        overlap = "every subnet of \(vnet)"
                    } else if let shared = item.subnets.firstOverlap(with: other.subnets) {
                        overlap = shared.description
                    }
                    if let overlap {
                        throw CrosslinkError.topology(
                            "\(kind)s \(item.name) and \(other.name) are both attached to \(overlap); Azure attaches one \(kind) per subnet")
                    }
                }
            }
        }
    }
}

/// Azure rule names: 1 to 80 letters, digits, '_', '.' or '-'.
func checkRuleName(_ name: String, field: @autoclosure () -> String) throws {
    let valid =
        !name.isEmpty && name.utf8.count <= 80
        && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 || $0 == 95 }
    guard valid else {
        throw CrosslinkError.invalid("\(field()) \(name.quoted) is not a rule name (1 to 80 letters, digits, '_', '.' or '-')")
    }
}
