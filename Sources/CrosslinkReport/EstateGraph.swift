import CrosslinkCore

/// The estate as a graph, independent of how it is drawn: VNets as groups holding their clusters and
/// gateway, links as typed edges, imports as arrows (unroutable ones highlighted).
package struct EstateGraph: Sendable {
    package enum EdgeKind: String, Sendable, CaseIterable {
        case peering, vpn, tunnel, mesh, ingress, routable, unroutable
    }

    package struct Node: Sendable, Hashable {
        package var id: String
        package var label: String
        package var isGateway: Bool
        package var isIngress: Bool
    }

    package struct Group: Sendable {
        package var id: String
        package var label: String
        package var nodes: [Node]
    }

    package struct Edge: Sendable, Hashable {
        package var from: String
        package var to: String
        package var kind: EdgeKind
        package var label: String
    }

    package var groups: [Group] = []
    /// Nodes outside every VNet (ingress hosts).
    package var looseNodes: [Node] = []
    package var edges: [Edge] = []

    /// Builds the graph of `topology`, with one arrow per imported service (worst verdict over its ports).
    package init(topology: Topology, answers: [RouteAnswer]) {
        for vnet in topology.vnets.values.sorted(by: { $0.name < $1.name }) {
            var nodes = [
                Node(
                    id: "vnet:\(vnet.name)", label: "\(vnet.name)\n\(vnet.addressSpace.map(\.description).joined(separator: ", "))", isGateway: false,
                    isIngress: false)
            ]
            for gateway in topology.vpnGateways.values.filter({ $0.vnet == vnet.name }).sorted(by: { $0.name < $1.name }) {
                nodes.append(
                    Node(id: "gw:\(gateway.name)", label: gateway.name + (gateway.bgpASN.map { "\nASN \($0)" } ?? ""), isGateway: true, isIngress: false))
            }
            // Spec §8: firewalls (drawn like gateways: traffic passes them) and route tables with their UDRs.
            for firewall in topology.firewalls.values.filter({ $0.vnet == vnet.name }).sorted(by: { $0.name < $1.name }) {
                nodes.append(
                    Node(
                        id: "fw:\(firewall.name)", label: "firewall \(firewall.name)\n\(firewall.privateIP), default \(firewall.defaultAction.rawValue)",
                        isGateway: true, isIngress: false))
            }
            for table in topology.routeTables.values.filter({ $0.vnet == vnet.name }).sorted(by: { $0.name < $1.name }) {
                let routes = table.routes.prefix(4).map { "\($0.prefix) -> \($0.nextHopIP?.description ?? $0.nextHop.rawValue)" }
                nodes.append(
                    Node(id: "rt:\(table.name)", label: (["route table \(table.name)"] + routes).joined(separator: "\n"), isGateway: false, isIngress: false))
            }
            for cluster in topology.clusters.values.filter({ $0.vnet == vnet.name }).sorted(by: { $0.name < $1.name }) {
                let mesh = cluster.mesh.map { "\nmesh \($0.id)/\($0.network)" } ?? ""
                nodes.append(
                    Node(id: "cluster:\(cluster.name)", label: "\(cluster.name)\n\(cluster.networkPlugin.rawValue)\(mesh)", isGateway: false, isIngress: false))
            }
            groups.append(Group(id: "group:\(vnet.name)", label: "\(vnet.name) (\(vnet.region))", nodes: nodes))
        }
        for peering in topology.peerings.values.sorted(by: { $0.vnets < $1.vnets }) {
            let transit = peering.gatewayTransit.map { ", transit via \($0)" } ?? ""
            edges.append(
                Edge(
                    from: "vnet:\(peering.vnets.first)", to: "vnet:\(peering.vnets.second)", kind: .peering,
                    label: "peering (\(peering.state.rawValue)\(transit))"))
        }
        for connection in topology.vpnConnections.values.sorted(by: { $0.gateways < $1.gateways }) {
            edges.append(
                Edge(
                    from: "gw:\(connection.gateways.first)", to: "gw:\(connection.gateways.second)", kind: .vpn,
                    label: "vpn (\(connection.state.rawValue)\(connection.bgp ? ", bgp" : ""))"))
        }
        for tunnel in topology.tunnels.values.sorted(by: { $0.clusters < $1.clusters }) {
            edges.append(
                Edge(
                    from: "cluster:\(tunnel.clusters.first)", to: "cluster:\(tunnel.clusters.second)", kind: .tunnel,
                    label: "tunnel (\(tunnel.cableDriver.rawValue), \(tunnel.state.rawValue))"))
        }
        for link in topology.meshLinks.keys.sorted() {
            edges.append(Edge(from: "cluster:\(link.first)", to: "cluster:\(link.second)", kind: .mesh, label: "mesh link"))
        }
        for ingress in topology.ingresses.values.sorted(by: { $0.id < $1.id }) {
            let id = "ingress:\(ingress.host)"
            if !looseNodes.contains(where: { $0.id == id }) {
                looseNodes.append(Node(id: id, label: "\(ingress.host)\n\(ingress.visibility.rawValue)", isGateway: false, isIngress: true))
            }
            edges.append(
                Edge(from: id, to: "cluster:\(ingress.service.cluster)", kind: .ingress, label: "\(ingress.service.namespace)/\(ingress.service.name)"))
        }
        // One arrow per consumer cluster and service: unroutable if any imported port is.
        var verdicts: [String: (from: String, to: String, routable: Bool, label: String)] = [:]
        for answer in answers {
            let key = "\(answer.consumer.cluster)>\(answer.service)"
            let label = "\(answer.service.namespace)/\(answer.service.name)" + (answer.via.map { " (\($0.rawValue))" } ?? " (unroutable)")
            if let existing = verdicts[key], !existing.routable { continue }
            verdicts[key] = ("cluster:\(answer.consumer.cluster)", "cluster:\(answer.service.cluster)", answer.isRoutable, label)
        }
        for key in verdicts.keys.sorted() {
            guard let verdict = verdicts[key], verdict.from != verdict.to else { continue }
            edges.append(Edge(from: verdict.from, to: verdict.to, kind: verdict.routable ? .routable : .unroutable, label: verdict.label))
        }
    }
}
