import CrosslinkCore

/// Writes a snapshot as a topology file (spec §2) that `apply` reads back to the same snapshot.
///
/// Every field is written, defaults included, so an export documents the estate completely; only
/// absent optional values and empty lists are left out. Objects are sorted by key: the same estate
/// always gives the same bytes.
package enum TopologyEncoder {
    package static func encode(_ topology: Topology) throws -> String {
        var text = ""
        try encode(topology, to: &text)
        return text
    }

    /// The topology file written to `output` object by object: the same bytes as `encode`, without
    /// holding the document (the CLI streams it to standard output).
    package static func encode(_ topology: Topology, to output: inout some TextOutputStream) throws {
        var writer = YAMLBlockWriter()
        output.write(try writer.rootField("apiVersion", .string(TopologyDecoder.apiVersion)))
        output.write(try writer.rootField("kind", .string(TopologyDecoder.kind)))
        for section in sections(topology) where section.count > 0 {
            try writer.rootList(section.key, count: section.count, item: section.item, to: &output)
        }
    }

    /// The topology file as compact JSON and a newline, object by object: the bytes of
    /// `structuredValue(topology).json()`.
    package static func encodeJSON(_ topology: Topology, to output: inout some TextOutputStream) {
        output.write("{\"apiVersion\": \"\(TopologyDecoder.apiVersion)\", \"kind\": \"\(TopologyDecoder.kind)\"")
        for section in sections(topology) where section.count > 0 {
            output.write(", \"\(section.key)\": ")
            StructuredValue.writeJSONList(count: section.count, item: section.item, to: &output)
        }
        output.write("}\n")
    }

    /// The topology file as a structured value (for `export -o json`).
    package static func structuredValue(_ topology: Topology) -> StructuredValue {
        let header: [StructuredValue.Field] = [
            .init("apiVersion", .string(TopologyDecoder.apiVersion)), .init("kind", .string(TopologyDecoder.kind)),
        ]
        return .object(
            header
                + sections(topology).compactMap { section in
                    section.count == 0 ? nil : .init(section.key, .list((0..<section.count).map(section.item)))
                })
    }

    /// One list of the file: its key, and its objects in key order, each built when asked for.
    private struct Section {
        var key: String
        var count: Int
        var item: (Int) -> StructuredValue
    }

    private static func sections(_ topology: Topology) -> [Section] {
        func section(_ key: String, _ references: [EntityReference]) -> Section {
            Section(key: key, count: references.count) { topology[references[$0]]?.structuredValue ?? .null }
        }
        let clusters = topology.clusters.values.sorted { $0.name < $1.name }
        // Grouped once: asking the topology for each cluster's services scans every service.
        var services: [String: [Service]] = [:]
        for service in topology.services.values { services[service.id.cluster, default: []].append(service) }
        return [
            section("vnets", topology.vnets.keys.sorted().map(EntityReference.vnet)),
            Section(key: "clusters", count: clusters.count) { index in
                let cluster = clusters[index]
                return cluster.structuredValue(services: (services[cluster.name] ?? []).sorted { $0.id < $1.id })
            },
            section("peerings", topology.peerings.keys.sorted().map(EntityReference.peering)),
            section("vpnGateways", topology.vpnGateways.keys.sorted().map(EntityReference.vpnGateway)),
            section("vpnConnections", topology.vpnConnections.keys.sorted().map(EntityReference.vpnConnection)),
            section("tunnels", topology.tunnels.keys.sorted().map(EntityReference.tunnel)),
            section("meshLinks", topology.meshLinks.keys.sorted().map(EntityReference.meshLink)),
            section("ingresses", topology.ingresses.keys.sorted().map(EntityReference.ingress)),
            section("imports", topology.imports.keys.sorted().map(EntityReference.import)),
            section("routeTables", topology.routeTables.keys.sorted().map(EntityReference.routeTable)),
            section("firewalls", topology.firewalls.keys.sorted().map(EntityReference.firewall)),
            section("securityGroups", topology.securityGroups.keys.sorted().map(EntityReference.securityGroup)),
        ]
    }
}

extension Entity {
    /// The object as the topology file writes it (a service also carries its `cluster`).
    package var structuredValue: StructuredValue {
        switch self {
        case .vnet(let vnet):
            return .object([
                "name": .string(vnet.name), "region": .string(vnet.region),
                "addressSpace": .list(vnet.addressSpace.map { .string($0.description) }),
            ])
        case .cluster(let cluster):
            return cluster.structuredValue(services: [])
        case .service(let service):
            guard case .object(let fields) = service.structuredValue else { return service.structuredValue }
            return .object([StructuredValue.Field("cluster", .string(service.id.cluster))] + fields)
        case .peering(let peering):
            return .object([
                "between": peering.vnets.structuredValue, "state": .string(peering.state.rawValue),
                "gatewayTransit": peering.gatewayTransit.map(StructuredValue.string),
                // Written only when set: a v1 estate exports byte for byte as before.
                "allowForwardedTraffic": peering.allowForwardedTraffic ? .bool(true) : nil,
            ])
        case .vpnGateway(let gateway):
            return .object([
                "name": .string(gateway.name), "vnet": .string(gateway.vnet),
                "publicIP": gateway.publicIP.map { .string($0.description) },
                "bgpASN": gateway.bgpASN.map { .int(Int($0)) },
                "subnet": gateway.subnet.map { .string($0.description) },
            ])
        case .vpnConnection(let connection):
            return .object([
                "between": connection.gateways.structuredValue, "state": .string(connection.state.rawValue),
                "bgp": .bool(connection.bgp),
            ])
        case .tunnel(let tunnel):
            return .object([
                "between": tunnel.clusters.structuredValue, "cableDriver": .string(tunnel.cableDriver.rawValue),
                "endpoint": .string(tunnel.endpoint.rawValue), "state": .string(tunnel.state.rawValue),
            ])
        case .meshLink(let link):
            return .object(["between": link.clusters.structuredValue])
        case .ingress(let ingress):
            return .object([
                "cluster": .string(ingress.service.cluster),
                "service": .string("\(ingress.service.namespace)/\(ingress.service.name)"),
                "host": .string(ingress.host), "port": .int(ingress.port), "tls": .bool(ingress.tls),
                "visibility": .string(ingress.visibility.rawValue),
                "address": ingress.address.map { .string($0.description) },
                "className": ingress.className.map(StructuredValue.string),
                "servicePort": ingress.servicePort.map { port in
                    switch port {
                    case .number(let number): .int(number)
                    case .name(let name): .string(name)
                    }
                },
            ])
        case .routeTable(let table):
            return table.structuredValue
        case .firewall(let firewall):
            return firewall.structuredValue
        case .securityGroup(let group):
            return group.structuredValue
        case .import(let item):
            return .object([
                "consumer": .string(item.id.consumer.description), "service": .string(item.id.service.description),
                "port": item.port.map(StructuredValue.int), "via": .string(item.via.description),
            ])
        }
    }
}

extension Cluster {
    func structuredValue(services: [Service]) -> StructuredValue {
        .object([
            "name": .string(name), "vnet": .string(vnet), "region": .string(region),
            "nodeSubnet": .string(nodeSubnet.description), "networkPlugin": .string(networkPlugin.rawValue),
            "podCIDR": .string(podCIDR.description), "serviceCIDR": .string(serviceCIDR.description),
            "clusterDomain": .string(clusterDomain), "egress": .string(egress.rawValue),
            "globalnetCIDR": globalnetCIDR.map { .string($0.description) },
            "mesh": mesh.map { mesh in
                .object([
                    "id": .string(mesh.id), "network": .string(mesh.network), "trustRoot": .string(mesh.trustRoot),
                    "eastWestGateway": mesh.eastWestGateway.map { .string($0.description) },
                ])
            },
            "isolatedNamespaces": .nonEmptyList(isolatedNamespaces.map(StructuredValue.string)),
            "nodePools": .nonEmptyList(nodePools.map(StructuredValue.string)),
            "services": .nonEmptyList(services.map(\.structuredValue)),
        ])
    }
}

extension Service {
    var structuredValue: StructuredValue {
        .object([
            "namespace": .string(id.namespace), "name": .string(id.name),
            "ports": .list(
                ports.map { port in
                    .object([
                        "name": port.name.map(StructuredValue.string), "port": .int(port.port),
                        "targetPort": .int(port.targetPort), "protocol": .string(port.protocol.rawValue),
                        "appProtocol": port.appProtocol.map(StructuredValue.string),
                    ])
                }),
            "exposure": .string(exposure.rawValue),
            "loadBalancerIP": loadBalancerIP.map { .string($0.description) },
            // Written only when not the default, so v1 estates export byte for byte as before.
            "externalTrafficPolicy": externalTrafficPolicy == .cluster ? nil : .string(externalTrafficPolicy.rawValue),
        ])
    }
}

extension UnorderedPair {
    var structuredValue: StructuredValue { .list([.string(first), .string(second)]) }
}
