import CrosslinkCore
import CrosslinkTopologyFile

/// `route check --explain` output: every flow of every path with the effective route at each hop,
/// as Network Watcher's next hop and IP flow verify show them.
extension PathExplanation {
    var structuredValue: StructuredValue {
        .object([
            "via": .string(via.rawValue),
            "flows": .list(
                flows.map { flow in
                    .object([
                        "flow": .string(flow.flow),
                        "request": .list(flow.request.map(\.structuredValue)),
                        "reply": .list(flow.reply.map(\.structuredValue)),
                        "checks": .list(flow.checks.map(StructuredValue.string)),
                        "verdict": .string(flow.verdict),
                    ])
                }),
        ])
    }

    /// The explanation for people, after the answer's own lines.
    static func report(_ explanations: [PathExplanation]) -> String {
        guard !explanations.isEmpty else {
            return "explain: no route tables, firewalls or security groups are registered: the underlay rules N1-N5 decide\n"
        }
        var lines = ["explain:"]
        for path in explanations {
            for flow in path.flows {
                lines.append("  \(path.via.rawValue): \(flow.flow)")
                for (label, steps) in [("request", flow.request), ("reply", flow.reply)] where !steps.isEmpty {
                    lines.append("    \(label):")
                    lines += steps.map { "      \($0.line)" }
                }
                lines += flow.checks.map { "    \($0)" }
                lines.append("    verdict: \(flow.verdict)")
            }
        }
        return lines.map { $0.replacingControlCharacters() }.joined(separator: "\n") + "\n"
    }
}

extension RouteStep {
    var structuredValue: StructuredValue {
        .object([
            "vnet": .string(vnet), "from": .string(from), "routeTable": routeTable.map(StructuredValue.string) ?? .null,
            "prefix": .string(prefix), "source": .string(source), "nextHop": .string(nextHop),
            "nextHopAddress": nextHopAddress.map(StructuredValue.string) ?? .null,
        ])
    }

    /// `vnet-a 10.1.0.0/20 [rt-a]: 0.0.0.0/0 (user) -> virtual-appliance 10.0.1.4`
    var line: String {
        "\(vnet) \(from)\(routeTable.map { " [\($0)]" } ?? ""): \(prefix) (\(source)) -> \(nextHop)\(nextHopAddress.map { " \($0)" } ?? "")"
    }
}
