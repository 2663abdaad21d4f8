/// Rules R3 and R5 around the R1/R2 walk: security groups on both ends, and a reply that passes the
/// same firewalls as the request.
extension TrafficPlane {
    /// What checking one flow found; `explanation` only when asked for.
    struct FlowCheck {
        var hops: [String] = []
        var failure: RouteReason?
        var explanation: FlowExplanation?
    }

    func check(_ flow: Flow, tracing: Bool = false) -> FlowCheck {
        var result = FlowCheck()
        var decisions: [String]? = tracing ? [] : nil
        var requestSteps: [RouteStep] = []
        var replySteps: [RouteStep] = []
        func finish(_ failure: RouteReason?) -> FlowCheck {
            result.failure = failure
            if tracing {
                result.explanation = FlowExplanation(
                    flow: flow.description, request: requestSteps, reply: replySteps, checks: decisions ?? [],
                    verdict: failure.map { "\($0.code): \($0.message)" } ?? "passes")
            }
            return result
        }
        if let reason = securityVerdict(.outbound, in: flow.from.vnet, on: flow.from.subnet, flow: flow, source: .range(flow.source), decisions: &decisions) {
            return finish(reason)
        }
        let request = walk(flow, from: flow.from, to: flow.destination, isReply: false, tracing: tracing)
        requestSteps = request.steps
        result.hops = request.hops
        if let failure = request.failure { return finish(failure) }
        if decisions != nil {
            for firewall in request.firewalls {
                let rule = firewallVerdict(firewall, flow: flow).rule.map { "rule \($0.name)" } ?? "defaultAction"
                decisions?.append("firewall \(firewall.name): \(rule) allows \(flow)")
            }
        }

        // R5 inbound: where the request arrived, or for the internet the subnet behind the public address.
        let arrival = request.arrival ?? flow.publicArrival
        let arrivingFrom: FlowEndpoint = request.arrival == nil ? .internet : .range(flow.source)
        if let arrival,
            let reason = securityVerdict(.inbound, in: arrival.vnet, on: arrival.subnet, flow: flow, source: arrivingFrom, decisions: &decisions)
        {
            return finish(reason)
        }

        // R3: the reply goes back from the destination's subnet, or from the firewall that sent the
        // request out to the internet; without one, C's nodes sent it and get the reply directly.
        var reply: Walk
        var replyFirewalls: [Firewall] = []
        if let delivered = request.arrival {
            reply = walk(flow, from: delivered, to: .range(flow.source), isReply: true, tracing: tracing)
        } else if let egress = request.egressFirewall {
            reply = walk(
                flow, from: Location(vnet: egress.vnet, subnet: CIDR(containing: egress.privateIP, prefixLength: 32)), to: .range(flow.source),
                isReply: true, forwardedBy: egress, tracing: tracing)
            replyFirewalls.append(egress)
        } else {
            return finish(nil)
        }
        replySteps = reply.steps
        let replyFrom = request.arrival.map { FlowEndpoint.range($0.subnet).description } ?? "the internet"
        if let failure = reply.failure {
            return finish(
                RouteReason(
                    .asymmetricRouting, "the reply to \(flow) cannot get back from \(replyFrom) to \(FlowEndpoint.range(flow.source)): \(failure.message)",
                    fix: failure.fix))
        }
        replyFirewalls += reply.firewalls
        // A path passes at most 4 appliances each way: comparing the lists beats building sets.
        if let missed = request.firewalls.first(where: { firewall in !replyFirewalls.contains { $0.name == firewall.name } }) {
            return finish(
                RouteReason(
                    .asymmetricRouting,
                    "firewall \(missed.name) (\(missed.privateIP)) passes \(flow), but the reply from \(replyFrom) does not go back through it, so the stateful firewall drops the connection: add a user-defined route for \(FlowEndpoint.range(flow.source)) to \(missed.privateIP) in the route table of \(replyFrom)'s subnet",
                    fix: request.arrival.flatMap { returnRouteFix(from: $0, to: flow.source, through: missed) }))
        }
        if let extra = replyFirewalls.first(where: { firewall in !request.firewalls.contains { $0.name == firewall.name } }) {
            return finish(
                RouteReason(
                    .asymmetricRouting,
                    "the reply to \(flow) goes back through firewall \(extra.name) (\(extra.privateIP)), which never saw the request, so the stateful firewall drops it: send the request through \(extra.name) too, or remove the route that sends the reply there"
                ))
        }
        return finish(nil)
    }

    /// Every flow of one path must pass; the hops are the first flow's (the request as the consumer sends it).
    func reachability(of flows: [Flow]) -> Reachability {
        var hops: [String]?
        for flow in flows {
            let result = check(flow)
            if let failure = result.failure { return .unreachable(failure) }
            if hops == nil { hops = result.hops }
        }
        return .reachable(hops: hops ?? [])
    }
}

/// How one flow fared, hop by hop, for `route check --explain` (Network Watcher's next hop and IP
/// flow verify in one).
package struct FlowExplanation: Hashable, Sendable {
    /// `PROTOCOL/PORT from SOURCE to DESTINATION`.
    package var flow: String
    /// The effective route at every hop of the request, and of its reply.
    package var request: [RouteStep]
    package var reply: [RouteStep]
    /// Security-group and firewall decisions, in the order they were made.
    package var checks: [String]
    /// `passes`, or the reason code and message that stopped it.
    package var verdict: String
}
