package enum TrafficDirection: String, ClosedValue {
    case inbound, outbound
}

/// One rule of a network security group: rules run by priority, lowest number first.
package struct SecurityRule: Hashable, Sendable {
    package var name: String
    /// 100 to 4096, unique per direction within its group.
    package var priority: Int
    package var direction: TrafficDirection
    package var access: RuleAction
    package var `protocol`: RuleProtocol
    package var sources: [RuleAddress]
    package var destinations: [RuleAddress]
    package var ports: [PortRange]

    package init(
        name: String, priority: Int, direction: TrafficDirection, access: RuleAction, protocol: RuleProtocol = .any,
        sources: [RuleAddress] = [.any], destinations: [RuleAddress] = [.any], ports: [PortRange] = [.any]
    ) {
        self.name = name
        self.priority = priority
        self.direction = direction
        self.access = access
        self.protocol = `protocol`
        self.sources = sources
        self.destinations = destinations
        self.ports = ports
    }

    package static let priorities = 100...4096
}

/// An Azure network security group attached to subnets of one VNet.
package struct SecurityGroup: Hashable, Sendable {
    package var name: String
    package var vnet: String
    /// The subnets it is attached to; empty means every subnet of the VNet.
    package var subnets: [CIDR]
    package var rules: [SecurityRule]

    package init(name: String, vnet: String, subnets: [CIDR] = [], rules: [SecurityRule] = []) {
        self.name = name
        self.vnet = vnet
        self.subnets = subnets
        self.rules = rules
    }
}
