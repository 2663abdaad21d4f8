import CrosslinkCore

/// Route tables, firewalls and security groups as the topology file writes them (spec §8).
extension RouteTable {
    var structuredValue: StructuredValue {
        .object([
            "name": .string(name), "vnet": .string(vnet),
            "subnets": .nonEmptyList(subnets.map { .string($0.description) }),
            "propagateGatewayRoutes": .bool(propagateGatewayRoutes),
            "routes": .nonEmptyList(
                routes.map { route in
                    .object([
                        "prefix": .string(route.prefix.description), "nextHop": .string(route.nextHop.rawValue),
                        "nextHopIP": route.nextHopIP.map { .string($0.description) },
                    ])
                }),
        ])
    }
}

extension Firewall {
    var structuredValue: StructuredValue {
        .object([
            "name": .string(name), "vnet": .string(vnet), "privateIP": .string(privateIP.description),
            "defaultAction": .string(defaultAction.rawValue),
            "rules": .nonEmptyList(
                rules.map { rule in
                    .object([
                        "name": .string(rule.name), "action": .string(rule.action.rawValue),
                        "sources": strings(rule.sources), "destinations": strings(rule.destinations),
                        "ports": strings(rule.ports), "protocols": .list(rule.protocols.map { .string($0.rawValue) }),
                    ])
                }),
        ])
    }
}

extension SecurityGroup {
    var structuredValue: StructuredValue {
        .object([
            "name": .string(name), "vnet": .string(vnet),
            "subnets": .nonEmptyList(subnets.map { .string($0.description) }),
            "rules": .nonEmptyList(
                rules.map { rule in
                    .object([
                        "name": .string(rule.name), "priority": .int(rule.priority), "direction": .string(rule.direction.rawValue),
                        "access": .string(rule.access.rawValue), "protocol": .string(rule.protocol.rawValue),
                        "sources": strings(rule.sources), "destinations": strings(rule.destinations), "ports": strings(rule.ports),
                    ])
                }),
        ])
    }
}

private func strings(_ values: [some CustomStringConvertible]) -> StructuredValue {
    .list(values.map { .string($0.description) })
}
