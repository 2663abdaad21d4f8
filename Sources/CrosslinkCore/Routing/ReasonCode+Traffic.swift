/// Reasons from route tables, firewalls and security groups (spec §8, rules R1–R5).
extension ReasonCode {
    /// R1/R2: the effective route cannot deliver (a private address whose best route is the internet,
    /// or a vnet-local/peering/gateway hop whose VNet does not hold it).
    public static let noRoute = ReasonCode(rawValue: "NoRoute")
    /// R2: a user-defined route with next hop `none` drops the traffic.
    public static let routeDropped = ReasonCode(rawValue: "RouteDropped")
    /// R2: a virtual-appliance route names an address that is no registered firewall.
    public static let applianceUnknown = ReasonCode(rawValue: "ApplianceUnknown")
    /// R2: the firewall a route names is in a VNet the subnet's VNet does not reach.
    public static let applianceUnreachable = ReasonCode(rawValue: "ApplianceUnreachable")
    /// R2: a firewall's rules (or its default action) deny the flow.
    public static let firewallDenied = ReasonCode(rawValue: "FirewallDenied")
    /// R2: more than four appliance hops: the route tables send the traffic in a circle.
    public static let routingLoop = ReasonCode(rawValue: "RoutingLoop")
    /// R2: a firewall forwards the traffic over a peering that does not allow forwarded traffic.
    public static let forwardedTrafficNotAllowed = ReasonCode(rawValue: "ForwardedTrafficNotAllowed")
    /// R3: the reply does not pass the same firewalls as the request, or cannot be delivered.
    public static let asymmetricRouting = ReasonCode(rawValue: "AsymmetricRouting")
    /// R5: a network security group on the source or destination subnet denies the flow.
    public static let securityGroupDenied = ReasonCode(rawValue: "SecurityGroupDenied")
}
