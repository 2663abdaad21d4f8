/// One flow a path makes (rule R6): from a subnet and a range of source addresses to an endpoint,
/// on one port and protocol.
struct Flow: Sendable, CustomStringConvertible {
    /// Where the request leaves: its route table and outbound security group.
    let from: Location
    /// The source addresses (a cluster's pods or nodes).
    let source: CIDR
    let destination: FlowEndpoint
    let port: Int
    let `protocol`: PortProtocol
    /// Where a public destination arrives from the internet (the subnet whose inbound group sees it).
    let publicArrival: Location?

    var description: String { "\(self.protocol.rawValue)/\(port) from \(FlowEndpoint.range(source)) to \(destination)" }
}

/// A subnet (or one address) of a VNet: where a packet is when the next route is looked up.
struct Location: Hashable, Sendable {
    let vnet: String
    let subnet: CIDR
}

/// What walking one direction of a flow by R1/R2 found.
struct Walk {
    var hops: [String] = []
    var firewalls: [Firewall] = []
    var steps: [RouteStep] = []
    /// The VNet and range where the packet was delivered; nil when it went to the internet.
    var arrival: Location?
    /// The firewall that handed a packet to the internet, which the reply comes back to.
    var egressFirewall: Firewall?
    var failure: RouteReason?
}

extension TrafficPlane {
    /// Rules R1 and R2: follows effective routes from `start` until the packet is delivered, dropped
    /// or loops. A reply (`isReply`) is not checked against firewall rules: the connection is established.
    func walk(
        _ flow: Flow, from start: Location, to destination: FlowEndpoint, isReply: Bool, forwardedBy firstForwarder: Firewall? = nil, tracing: Bool = false
    )
        -> Walk
    {
        var result = Walk()
        var location = start
        var forwarder = firstForwarder
        var appliances: [Firewall] = []
        let range = destination.lookupRange
        func fail(_ code: ReasonCode, _ message: String, fix: String? = nil) -> Walk {
            result.failure = RouteReason(code, message, fix: fix)
            return result
        }
        func deliver(in vnet: String) -> Walk {
            result.arrival = Location(vnet: vnet, subnet: range)
            return result
        }
        func toInternet(_ route: EffectiveRoute) -> Walk {
            guard isPublic(destination) else { return fail(.noRoute, noRouteMessage(location, destination, route, forwarder: forwarder)) }
            result.hops.append("internet")
            result.egressFirewall = forwarder
            return result
        }
        // Gateway-subnet continuations can cycle without appliances; no real path is this long.
        for _ in 0..<32 {
            let route = effectiveRoute(in: location.vnet, from: location.subnet, to: range)  // R1
            if tracing { result.steps.append(RouteStep(location, route)) }
            // R2: the next hop decides.
            switch route.hop {
            case .vnetLocal:
                return deliver(in: location.vnet)
            case .peering(let peer):
                if let reason = forwardedTrafficProblem(location.vnet, peer, forwarder) {
                    return fail(.forwardedTrafficNotAllowed, reason, fix: peering(location.vnet, peer).map(Self.forwardedTrafficFix))
                }
                result.hops.append(peeringHop(location.vnet, peer) ?? "peering \(UnorderedPair(location.vnet, peer))")
                return deliver(in: peer)
            case .gateway(let vnet, let vpnHops):
                guard let next = arriveOverVPN(at: vnet, vpnHops, &result) else { return deliver(in: vnet) }
                location = next
                forwarder = nil
            case .internet:
                return toInternet(route)
            case .user(let udr):
                let table = route.table ?? ""
                result.hops.append(udrHops[table]?[udr.prefix] ?? Self.hop(table, udr))
                switch udr.nextHop {
                case .none:
                    return fail(
                        .routeDropped,
                        "route-table \(table) sends \(udr.prefix) to none, which drops \(flow): remove that route, or point it at a firewall or gateway",
                        fix: topology.routeTables[table].flatMap { Self.droppedRouteFix($0, dropping: udr) })
                case .internet:
                    return toInternet(route)
                case .vnetLocal:
                    guard topology.vnets[location.vnet]?.addressSpace.contains(where: { $0.contains(range) }) == true else {
                        return fail(.noRoute, noRouteMessage(location, destination, route, forwarder: forwarder))
                    }
                    return deliver(in: location.vnet)
                case .vnetGateway:
                    guard
                        let (vnet, vpn) = owners(of: range).lazy.compactMap({ owner in reachesOverVPN(location.vnet, owner.vnet).map { (owner.vnet, $0) } })
                            .first
                    else {
                        return fail(.noRoute, noRouteMessage(location, destination, route, forwarder: forwarder))
                    }
                    guard let next = arriveOverVPN(at: vnet, vpn.hops, &result) else { return deliver(in: vnet) }
                    location = next
                    forwarder = nil
                case .virtualAppliance:
                    guard let ip = udr.nextHopIP, let firewall = firewallsByIP[ip] else {
                        return fail(
                            .applianceUnknown,
                            "route-table \(table) sends \(udr.prefix) to virtual appliance \(udr.nextHopIP?.description ?? "?"), which is no registered firewall: register it (crosslink firewall add) or correct the route's nextHopIP"
                        )
                    }
                    // R2: at most 4 appliances.
                    guard appliances.count < 4 else {
                        let names = (appliances + [firewall]).map(\.name).joined(separator: " -> ")
                        return fail(
                            .routingLoop,
                            "\(flow) passes more than 4 virtual appliances (\(names)): the route tables send it in a circle; fix route-table \(table)'s route for \(udr.prefix)"
                        )
                    }
                    if firewall.vnet != location.vnet {
                        let reachHops: [String]
                        if let hop = peeringHop(location.vnet, firewall.vnet) {
                            // A connected peering is what the underlay would answer (N2), without writing its text per flow.
                            reachHops = [hop]
                        } else {
                            let reach = underlay.reachability(from: location.vnet, to: firewall.vnet)
                            guard case .reachable(let hops) = reach else {
                                let underlayReason: RouteReason? = if case .unreachable(let reason) = reach { reason } else { nil }
                                let why = underlayReason.map { ": \($0.message)" } ?? ""
                                return fail(
                                    .applianceUnreachable,
                                    "route-table \(table) sends \(udr.prefix) to firewall \(firewall.name) (\(ip)) in \(firewall.vnet), which \(location.vnet) does not reach\(why)",
                                    fix: underlayReason?.fix)
                            }
                            reachHops = hops
                        }
                        if let reason = forwardedTrafficProblem(location.vnet, firewall.vnet, forwarder) {
                            return fail(.forwardedTrafficNotAllowed, reason, fix: peering(location.vnet, firewall.vnet).map(Self.forwardedTrafficFix))
                        }
                        result.hops += reachHops
                    }
                    // R2: the firewall's rules decide; a reply is not checked against them (R3).
                    if !isReply {
                        let verdict = firewallVerdict(firewall, flow: flow)
                        if verdict.action == .deny {
                            let why =
                                verdict.rule.map { "its rule \($0.name) denies it: change or remove that rule" }
                                ?? "no rule allows it and its defaultAction is deny: add a rule that allows it"
                            return fail(
                                .firewallDenied, "firewall \(firewall.name) (\(ip)) drops \(flow): \(why)",
                                fix: Self.firewallFix(firewall, denyingRule: verdict.rule, flow: flow))
                        }
                    }
                    result.hops.append(applianceHops[ip] ?? Self.hop(through: firewall))
                    result.firewalls.append(firewall)
                    appliances.append(firewall)
                    forwarder = firewall
                    location = Location(vnet: firewall.vnet, subnet: CIDR(containing: ip, prefixLength: 32))
                }
            }
        }
        return fail(.routingLoop, "\(flow) does not arrive after 32 route lookups: the route tables send it in a circle")
    }

    /// A VPN hop: the packet arrives through the destination's gateway, and continues from its
    /// GatewaySubnet by R1 when the gateway has one. Returns that subnet, or nil when delivered.
    private func arriveOverVPN(at vnet: String, _ vpnHops: [String], _ result: inout Walk) -> Location? {
        guard let gateway = arrivalGateway(of: vnet), let subnet = gateway.subnet else {
            result.hops += vpnHops
            return nil
        }
        var hops = vpnHops
        // The walk from the gateway's VNet finds its own way on (the transit peering, or a firewall).
        if gateway.vnet != vnet, hops.last?.hasSuffix("(gateway transit)") == true { hops.removeLast() }
        result.hops += hops
        return Location(vnet: gateway.vnet, subnet: subnet)
    }

    /// A firewall's traffic may enter a VNet over a peering only if the peering allows forwarded traffic.
    private func forwardedTrafficProblem(_ from: String, _ to: String, _ forwarder: Firewall?) -> String? {
        guard let forwarder, let peering = peering(from, to), !peering.allowForwardedTraffic else { return nil }
        return
            "firewall \(forwarder.name) forwards the traffic into \(to) over peering \(peering.vnets), which does not allow forwarded traffic: set allowForwardedTraffic on that peering"
    }

    private func noRouteMessage(_ location: Location, _ destination: FlowEndpoint, _ route: EffectiveRoute, forwarder: Firewall?) -> String {
        let table = route.table.map { " (route-table \($0))" } ?? ""
        var text =
            "\(location.vnet) has no route to \(destination) from \(FlowEndpoint.range(location.subnet))\(table): its effective route \(route.prefix) goes to \(route.nextHopType), which cannot deliver it"
        if forwarder == nil, let owner = owners(of: destination.lookupRange).first?.vnet, owner != location.vnet,
            case .unreachable(let reason) = underlay.reachability(from: location.vnet, to: owner)
        {
            text += "; \(reason.message), or send it through a hub firewall with a user-defined route"
        } else {
            text += "; add a user-defined route for it (to a firewall or gateway that reaches it)"
        }
        return text
    }

    func isPublic(_ endpoint: FlowEndpoint) -> Bool {
        switch endpoint {
        case .internet: true
        case .range(let range): range.prefixLength == 32 ? underlay.isPublic(range.network) : isEntirelyPublic(range)
        }
    }
}

/// One effective route used on a flow's way, as `route check --explain` shows it (Network Watcher's next hop).
package struct RouteStep: Hashable, Sendable {
    package var vnet: String
    /// The subnet or address the packet leaves from.
    package var from: String
    package var routeTable: String?
    package var prefix: String
    /// user, gateway or system.
    package var source: String
    package var nextHop: String
    /// The appliance address, peered VNet or VNet reached over VPN, when the hop has one.
    package var nextHopAddress: String?

    init(_ location: Location, _ route: EffectiveRoute) {
        vnet = location.vnet
        from = location.subnet.prefixLength == 32 ? location.subnet.network.description : location.subnet.description
        routeTable = route.table
        prefix = route.prefix.description
        source = route.source
        nextHop = route.nextHopType
        switch route.hop {
        case .peering(let peer): nextHopAddress = peer
        case .gateway(let vnet, _): nextHopAddress = vnet
        case .user(let udr): nextHopAddress = udr.nextHopIP?.description
        case .vnetLocal, .internet: nextHopAddress = nil
        }
    }
}
