public enum TrafficDirection: String, ClosedValue {
    case inbound, outbound
}

/// One rule of a network security group: rules run by priority, lowest number first.
public struct SecurityRule: Hashable, Sendable {
    public var name: String
    /// 100 to 4096, unique per direction within its group.
    public var priority: Int
    public var direction: TrafficDirection
    public var access: RuleAction
    public var `protocol`: RuleProtocol
    public var sources: [RuleAddress]
    public var destinations: [RuleAddress]
    public var ports: [PortRange]

    public init(
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

    public static let priorities = 100...4096
}

/// An Azure network security group attached to subnets of one VNet.
public struct SecurityGroup: Hashable, Sendable {
    public var name: String
    public var vnet: String
    /// The subnets it is attached to; empty means every subnet of the VNet.
    public var subnets: [CIDR]
    public var rules: [SecurityRule]

    public init(name: String, vnet: String, subnets: [CIDR] = [], rules: [SecurityRule] = []) {
        self.name = name
        self.vnet = vnet
        self.subnets = subnets
        self.rules = rules
    }
}
