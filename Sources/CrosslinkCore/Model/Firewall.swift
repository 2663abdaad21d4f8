/// Allow or deny, for firewall and security-group rules.
package enum RuleAction: String, ClosedValue {
    case allow, deny
}

/// The protocols a rule names; `*` matches every protocol.
package enum RuleProtocol: String, ClosedValue {
    case tcp = "TCP"
    case udp = "UDP"
    case icmp = "ICMP"
    case any = "*"

    /// Whether the rule protocol covers a flow's port protocol (SCTP only by `*`).
    package func matches(_ flow: PortProtocol) -> Bool {
        switch self {
        case .any: true
        case .tcp: flow == .tcp
        case .udp: flow == .udp
        case .icmp: false
        }
    }
}

/// A source or destination entry of a rule: a CIDR or one of the service tags crosslink models.
package enum RuleAddress: Hashable, Sendable, CustomStringConvertible {
    case any
    /// The VNet's own space, its peers', what it reaches over VPN, and its route tables' UDR prefixes.
    case virtualNetwork
    /// Every public address.
    case internet
    /// Azure's health-probe source, 168.63.129.16.
    case azureLoadBalancer
    case cidr(CIDR)

    /// Parses `*`, a service tag (any letter case, as Azure accepts) or a canonical CIDR; a bare
    /// address means its /32.
    package static func parse(_ text: String, field: String) throws -> RuleAddress {
        switch text.lowercased() {
        case "*": return .any
        case "virtualnetwork": return .virtualNetwork
        case "internet": return .internet
        case "azureloadbalancer": return .azureLoadBalancer
        default:
            if !text.contains("/"), let address = IPv4Address(Substring(text)) { return .cidr(CIDR(containing: address, prefixLength: 32)) }
            do {
                return .cidr(try CIDR.parse(text, field: field))
            } catch {
                throw CrosslinkError.invalid("\(field) \(text.quoted) is not a CIDR or one of: *, VirtualNetwork, Internet, AzureLoadBalancer")
            }
        }
    }

    package var description: String {
        switch self {
        case .any: "*"
        case .virtualNetwork: "VirtualNetwork"
        case .internet: "Internet"
        case .azureLoadBalancer: "AzureLoadBalancer"
        case .cidr(let cidr): cidr.description
        }
    }

    /// The address Azure's load balancer probes come from.
    package static let azureLoadBalancerAddress = CIDR(containing: IPv4Address(value: 0xA83F_8110), prefixLength: 32)
}

/// A port entry of a rule: one port, a range `a-b`, or `*`.
package struct PortRange: Hashable, Sendable, CustomStringConvertible {
    package var lower: Int
    package var upper: Int

    package init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    package static let any = PortRange(lower: 0, upper: 65535)

    package static func parse(_ text: String, field: String) throws -> PortRange {
        if text == "*" { return .any }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let lower = Int(parts[0]), let upper = Int(parts[parts.count - 1]),
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } })
        else {
            throw CrosslinkError.invalid("\(field) \(text.quoted) is not a port, a range a-b, or *")
        }
        try checkPort(lower, field: field)
        try checkPort(upper, field: field)
        guard lower <= upper else { throw CrosslinkError.invalid("\(field) \(text.quoted) runs backwards") }
        return PortRange(lower: lower, upper: upper)
    }

    package func contains(_ port: Int) -> Bool { (lower...upper).contains(port) }

    package var description: String {
        if self == .any { return "*" }
        return lower == upper ? "\(lower)" : "\(lower)-\(upper)"
    }
}

/// One rule of a firewall: evaluated in order, the first that matches decides.
package struct FirewallRule: Hashable, Sendable {
    package var name: String
    package var action: RuleAction
    package var sources: [RuleAddress]
    package var destinations: [RuleAddress]
    package var ports: [PortRange]
    package var protocols: [RuleProtocol]

    package init(
        name: String, action: RuleAction = .allow, sources: [RuleAddress] = [.any], destinations: [RuleAddress] = [.any], ports: [PortRange] = [.any],
        protocols: [RuleProtocol] = [.any]
    ) {
        self.name = name
        self.action = action
        self.sources = sources
        self.destinations = destinations
        self.ports = ports
        self.protocols = protocols
    }
}

/// An Azure Firewall or network virtual appliance: a stateful forwarder at a private address.
package struct Firewall: Hashable, Sendable {
    package var name: String
    package var vnet: String
    package var privateIP: IPv4Address
    /// What happens to a flow no rule matches: deny (Azure Firewall) or allow (a permissive NVA).
    package var defaultAction: RuleAction
    package var rules: [FirewallRule]

    package init(name: String, vnet: String, privateIP: IPv4Address, defaultAction: RuleAction = .deny, rules: [FirewallRule] = []) {
        self.name = name
        self.vnet = vnet
        self.privateIP = privateIP
        self.defaultAction = defaultAction
        self.rules = rules
    }
}
