/// Where a user-defined route sends matching traffic (Azure's next hop types, spec §8).
package enum NextHopType: String, ClosedValue {
    case virtualAppliance = "virtual-appliance"
    case vnetGateway = "vnet-gateway"
    case vnetLocal = "vnet-local"
    case internet
    case none
}

/// One user-defined route (UDR) of a route table.
package struct UserRoute: Hashable, Sendable {
    package var prefix: CIDR
    package var nextHop: NextHopType
    /// The appliance's private address; set exactly when `nextHop` is virtual-appliance.
    package var nextHopIP: IPv4Address?

    package init(prefix: CIDR, nextHop: NextHopType, nextHopIP: IPv4Address? = nil) {
        self.prefix = prefix
        self.nextHop = nextHop
        self.nextHopIP = nextHopIP
    }
}

/// An Azure route table attached to subnets of one VNet.
package struct RouteTable: Hashable, Sendable {
    package var name: String
    package var vnet: String
    /// The subnets it is attached to; empty means every subnet of the VNet.
    package var subnets: [CIDR]
    /// False is Azure's "disable gateway route propagation": the subnet learns no VPN routes.
    package var propagateGatewayRoutes: Bool
    package var routes: [UserRoute]

    package init(name: String, vnet: String, subnets: [CIDR] = [], propagateGatewayRoutes: Bool = true, routes: [UserRoute] = []) {
        self.name = name
        self.vnet = vnet
        self.subnets = subnets
        self.propagateGatewayRoutes = propagateGatewayRoutes
        self.routes = routes
    }
}
