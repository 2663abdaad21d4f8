/// Where a user-defined route sends matching traffic (Azure's next hop types, spec §8).
public enum NextHopType: String, ClosedValue {
    case virtualAppliance = "virtual-appliance"
    case vnetGateway = "vnet-gateway"
    case vnetLocal = "vnet-local"
    case internet
    case none
}

/// One user-defined route (UDR) of a route table.
public struct UserRoute: Hashable, Sendable {
    public var prefix: CIDR
    public var nextHop: NextHopType
    /// The appliance's private address; set exactly when `nextHop` is virtual-appliance.
    public var nextHopIP: IPv4Address?

    public init(prefix: CIDR, nextHop: NextHopType, nextHopIP: IPv4Address? = nil) {
        self.prefix = prefix
        self.nextHop = nextHop
        self.nextHopIP = nextHopIP
    }
}

/// An Azure route table attached to subnets of one VNet.
public struct RouteTable: Hashable, Sendable {
    public var name: String
    public var vnet: String
    /// The subnets it is attached to; empty means every subnet of the VNet.
    public var subnets: [CIDR]
    /// False is Azure's "disable gateway route propagation": the subnet learns no VPN routes.
    public var propagateGatewayRoutes: Bool
    public var routes: [UserRoute]

    public init(name: String, vnet: String, subnets: [CIDR] = [], propagateGatewayRoutes: Bool = true, routes: [UserRoute] = []) {
        self.name = name
        self.vnet = vnet
        self.subnets = subnets
        self.propagateGatewayRoutes = propagateGatewayRoutes
        self.routes = routes
    }
}
