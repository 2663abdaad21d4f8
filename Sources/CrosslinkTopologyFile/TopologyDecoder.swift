import CrosslinkCore
import Yams

/// Reads a topology file (spec §2) into a snapshot of everything it names.
package enum TopologyDecoder {
    package static let apiVersion = "crosslink.io/v1alpha1"
    package static let kind = "Topology"

    /// Parses `text`; `source` names the file in error messages (`estate.yaml:12:5: …`).
    ///
    /// Cluster regions left out of the file are empty, to be filled from their VNet by
    /// `Topology.fillingDefaultRegions()` once the file is merged with the stored estate.
    /// - Throws: `CrosslinkError` with line and column for malformed YAML, unknown fields, wrong types,
    ///   invalid values and objects named twice.
    package static func decode(_ text: String, source: String) throws -> Topology {
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the document; dropping it
        // before parsing keeps line 1's columns counting from the first real character.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        try YAMLGuard.check(text, source: source)
        let root: Node?
        do {
            // The basic resolver skips Yams' per-scalar regex tag resolution (most of the parse time on
            // large files); the reader types scalars itself, and only unquoted values count as numbers.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw CrosslinkError(.malformedFile, "\(source):\(YAMLGuard.describe(error))")
        }
        guard let root else {
            throw CrosslinkError(.malformedFile, "\(source): the file is empty; expected a Topology document")
        }
        try YAMLGuard.refuseExplicitTags(root, text: text, source: source, budget: text.utf8.count + 1_000)
        var decoder = Decoder(reader: YAMLReader(source: source, nodeBudget: text.utf8.count + 1_000))
        return try decoder.topology(root)
    }

    private struct Decoder {
        var reader: YAMLReader
        var topology = Topology()

        mutating func topology(_ root: Node) throws -> Topology {
            let fields = try reader.fields(
                root, "the topology",
                allowed: [
                    "apiVersion", "kind", "vnets", "clusters", "peerings", "vpnGateways", "vpnConnections",
                    "tunnels", "meshLinks", "ingresses", "imports", "routeTables", "firewalls", "securityGroups",
                ])
            let version = try reader.string(try fields.required("apiVersion", reader), "apiVersion")
            guard version == TopologyDecoder.apiVersion else {
                throw reader.error(fields["apiVersion"], "apiVersion \(version.quotedExcerpt) is not supported; expected \(TopologyDecoder.apiVersion)")
            }
            let kind = try reader.string(try fields.required("kind", reader), "kind")
            guard kind == TopologyDecoder.kind else {
                throw reader.error(fields["kind"], "kind \(kind.quotedExcerpt) is not supported; expected \(TopologyDecoder.kind)")
            }
            for (index, node) in try reader.items(fields["vnets"], "vnets").enumerated() {
                try add(.vnet(try vnet(node, "vnets[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["clusters"], "clusters").enumerated() {
                try cluster(node, "clusters[\(index)]")
            }
            for (index, node) in try reader.items(fields["peerings"], "peerings").enumerated() {
                try add(.peering(try peering(node, "peerings[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["vpnGateways"], "vpnGateways").enumerated() {
                try add(.vpnGateway(try vpnGateway(node, "vpnGateways[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["vpnConnections"], "vpnConnections").enumerated() {
                try add(.vpnConnection(try vpnConnection(node, "vpnConnections[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["tunnels"], "tunnels").enumerated() {
                try add(.tunnel(try tunnel(node, "tunnels[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["meshLinks"], "meshLinks").enumerated() {
                let what = "meshLinks[\(index)]"
                let fields = try reader.fields(node, what, allowed: ["between"])
                try add(.meshLink(MeshLink(clusters: try pair(fields, what, rule: .dns1123Label))), at: node)
            }
            for (index, node) in try reader.items(fields["ingresses"], "ingresses").enumerated() {
                try add(.ingress(try ingress(node, "ingresses[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["imports"], "imports").enumerated() {
                try add(.import(try serviceImport(node, "imports[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["routeTables"], "routeTables").enumerated() {
                try add(.routeTable(try routeTable(node, "routeTables[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["firewalls"], "firewalls").enumerated() {
                try add(.firewall(try firewall(node, "firewalls[\(index)]")), at: node)
            }
            for (index, node) in try reader.items(fields["securityGroups"], "securityGroups").enumerated() {
                try add(.securityGroup(try securityGroup(node, "securityGroups[\(index)]")), at: node)
            }
            return topology
        }

        /// Adds an object, refusing a second one with the same identity.
        private mutating func add(_ entity: Entity, at node: Node) throws {
            guard topology[entity.reference] == nil else {
                throw reader.error(node, "\(entity.reference) is listed twice")
            }
            topology.upsert(entity)
        }

        private mutating func name(_ fields: Fields, _ key: String, _ rule: NameRule = .dns1123Label) throws -> String {
            let node = try fields.required(key, reader)
            let value = try reader.string(node, "\(fields.what).\(key)")
            try reader.located(node) { try rule.check(value, field: "\(fields.what).\(key)") }
            return value
        }

        private mutating func optionalString(_ fields: Fields, _ key: String) throws -> String? {
            guard let node = fields[key] else { return nil }
            return try reader.string(node, "\(fields.what).\(key)")
        }

        private mutating func cidr(_ node: Node, _ what: String) throws -> CIDR {
            let text = try reader.string(node, what)
            return try reader.located(node) { try CIDR.parse(text, field: what) }
        }

        private mutating func optionalCIDR(_ fields: Fields, _ key: String) throws -> CIDR? {
            guard let node = fields[key] else { return nil }
            return try cidr(node, "\(fields.what).\(key)")
        }

        private mutating func optionalAddress(_ fields: Fields, _ key: String) throws -> IPv4Address? {
            guard let node = fields[key] else { return nil }
            let text = try reader.string(node, "\(fields.what).\(key)")
            return try reader.located(node) { try IPv4Address.parse(text, field: "\(fields.what).\(key)") }
        }

        private mutating func closed<T: ClosedValue>(_ fields: Fields, _ key: String, default value: T) throws -> T {
            guard let node = fields[key] else { return value }
            let text = try reader.string(node, "\(fields.what).\(key)")
            return try reader.located(node) { try T.parse(text, field: "\(fields.what).\(key)") }
        }

        private mutating func optionalPort(_ fields: Fields, _ key: String) throws -> Int? {
            guard let node = fields[key] else { return nil }
            let port = try reader.int(node, "\(fields.what).\(key)")
            try reader.located(node) { try checkPort(port, field: "\(fields.what).\(key)") }
            return port
        }

        private mutating func optionalBool(_ fields: Fields, _ key: String) throws -> Bool? {
            guard let node = fields[key] else { return nil }
            return try reader.bool(node, "\(fields.what).\(key)")
        }

        private mutating func names(_ fields: Fields, _ key: String) throws -> [String] {
            var result: [String] = []
            for (index, node) in try reader.items(fields[key], "\(fields.what).\(key)").enumerated() {
                let value = try reader.string(node, "\(fields.what).\(key)[\(index)]")
                try reader.located(node) { try NameRule.dns1123Label.check(value, field: "\(fields.what).\(key)[\(index)]") }
                guard !result.contains(value) else { throw reader.error(node, "\(value.quotedExcerpt) is listed twice in \(fields.what).\(key)") }
                result.append(value)
            }
            return result
        }

        private mutating func pair(_ fields: Fields, _ what: String, rule: NameRule) throws -> UnorderedPair {
            let node = try fields.required("between", reader)
            let ends = try reader.items(node, "\(what).between")
            guard ends.count == 2 else {
                throw reader.error(node, "\(what).between must list exactly two names")
            }
            var names: [String] = []
            for end in ends {
                let value = try reader.string(end, "\(what).between")
                try reader.located(end) { try rule.check(value, field: "\(what).between") }
                names.append(value)
            }
            guard names[0] != names[1] else {
                throw reader.error(node, "\(what).between names \(names[0]) twice; a link joins two different objects")
            }
            return UnorderedPair(names[0], names[1])
        }

        private mutating func vnet(_ node: Node, _ what: String) throws -> VNet {
            let fields = try reader.fields(node, what, allowed: ["name", "region", "addressSpace"])
            let name = try name(fields, "name")
            let what = "vnet \(name)"
            let regionNode = try fields.required("region", reader)
            let region = try reader.string(regionNode, "\(what): region")
            try reader.located(regionNode) { try AzureRegion.check(region, of: what) }
            var space: [CIDR] = []
            let spaceNode = try fields.required("addressSpace", reader)
            for (index, item) in try reader.items(spaceNode, "\(what): addressSpace").enumerated() {
                space.append(try cidr(item, "\(what): addressSpace[\(index)]"))
            }
            guard !space.isEmpty else { throw reader.error(spaceNode, "\(what): addressSpace needs at least one CIDR") }
            return VNet(name: name, region: region, addressSpace: space)
        }

        private mutating func cluster(_ node: Node, _ what: String) throws {
            let fields = try reader.fields(
                node, what,
                allowed: [
                    "name", "vnet", "region", "nodeSubnet", "networkPlugin", "podCIDR", "serviceCIDR", "clusterDomain",
                    "egress", "globalnetCIDR", "mesh", "isolatedNamespaces", "nodePools", "services",
                ])
            let name = try name(fields, "name")
            let what = "cluster \(name)"
            let named = Fields(node: fields.node, what: what, values: fields.values)
            let pluginNode = try named.required("networkPlugin", reader)
            let pluginText = try reader.string(pluginNode, "\(what): networkPlugin")
            let plugin = try reader.located(pluginNode) { try NetworkPlugin.parse(pluginText, field: "\(what): networkPlugin") }
            var mesh: MeshMembership?
            if let meshNode = named["mesh"] {
                let meshFields = try reader.fields(meshNode, "\(what): mesh", allowed: ["id", "network", "trustRoot", "eastWestGateway"])
                mesh = MeshMembership(
                    id: try self.name(meshFields, "id"), network: try self.name(meshFields, "network"),
                    trustRoot: try self.name(meshFields, "trustRoot"),
                    eastWestGateway: try optionalAddress(meshFields, "eastWestGateway"))
            }
            let region = try optionalString(named, "region") ?? ""
            // An empty region, like a missing one, means the VNet's (filled in after merging).
            if let regionNode = named["region"], !region.isEmpty {
                try reader.located(regionNode) { try AzureRegion.check(region, of: what) }
            }
            let cluster = Cluster(
                name: name, vnet: try self.name(named, "vnet"), region: region,
                nodeSubnet: try cidr(try named.required("nodeSubnet", reader), "\(what): nodeSubnet"),
                networkPlugin: plugin, podCIDR: try optionalCIDR(named, "podCIDR"),
                serviceCIDR: try optionalCIDR(named, "serviceCIDR"), clusterDomain: try optionalString(named, "clusterDomain"),
                egress: try closed(named, "egress", default: .internet), globalnetCIDR: try optionalCIDR(named, "globalnetCIDR"),
                mesh: mesh, isolatedNamespaces: try names(named, "isolatedNamespaces"), nodePools: try names(named, "nodePools"))
            try add(.cluster(cluster), at: node)
            for (index, serviceNode) in try reader.items(named["services"], "\(what): services").enumerated() {
                try add(.service(try service(serviceNode, in: name, "\(what): services[\(index)]")), at: serviceNode)
            }
        }

        private mutating func service(_ node: Node, in cluster: String, _ what: String) throws -> Service {
            let fields = try reader.fields(node, what, allowed: ["namespace", "name", "ports", "exposure", "loadBalancerIP", "externalTrafficPolicy"])
            let id = ServiceID(cluster: cluster, namespace: try name(fields, "namespace"), name: try name(fields, "name", .dns1035Label))
            let what = "service \(id)"
            let named = Fields(node: fields.node, what: what, values: fields.values)
            var ports: [ServicePort] = []
            let portsNode = try named.required("ports", reader)
            for (index, portNode) in try reader.items(portsNode, "\(what): ports").enumerated() {
                let portFields = try reader.fields(portNode, "\(what): ports[\(index)]", allowed: ["name", "port", "targetPort", "protocol", "appProtocol"])
                guard let port = try optionalPort(portFields, "port") else {
                    throw reader.error(portNode, "\(what): ports[\(index)] needs field 'port'")
                }
                var portName: String?
                if portFields["name"] != nil { portName = try name(portFields, "name") }
                ports.append(
                    ServicePort(
                        name: portName, port: port, targetPort: try optionalPort(portFields, "targetPort"),
                        protocol: try closed(portFields, "protocol", default: .tcp),
                        appProtocol: try optionalString(portFields, "appProtocol")))
            }
            guard !ports.isEmpty else { throw reader.error(portsNode, "\(what): needs at least one port") }
            return Service(
                id: id, ports: ports, exposure: try closed(named, "exposure", default: .clusterIP),
                loadBalancerIP: try optionalAddress(named, "loadBalancerIP"),
                externalTrafficPolicy: try closed(named, "externalTrafficPolicy", default: .cluster))
        }

        private mutating func peering(_ node: Node, _ what: String) throws -> Peering {
            let fields = try reader.fields(node, what, allowed: ["between", "state", "gatewayTransit", "allowForwardedTraffic"])
            let vnets = try pair(fields, what, rule: .dns1123Label)
            let named = Fields(node: fields.node, what: "peering \(vnets)", values: fields.values)
            var transit: String?
            if named["gatewayTransit"] != nil { transit = try name(named, "gatewayTransit") }
            return Peering(
                vnets: vnets, state: try closed(named, "state", default: .connected), gatewayTransit: transit,
                allowForwardedTraffic: try optionalBool(named, "allowForwardedTraffic") ?? false)
        }

        private mutating func vpnGateway(_ node: Node, _ what: String) throws -> VPNGateway {
            let fields = try reader.fields(node, what, allowed: ["name", "vnet", "publicIP", "bgpASN", "subnet"])
            let name = try name(fields, "name")
            let named = Fields(node: fields.node, what: "vpn-gateway \(name)", values: fields.values)
            var asn: UInt32?
            if let asnNode = named["bgpASN"] {
                let value = try reader.int(asnNode, "\(named.what): bgpASN")
                guard let valid = UInt32(exactly: value), valid > 0 else {
                    throw reader.error(asnNode, "\(named.what): bgpASN \(value) is out of range (1 to 4294967295)")
                }
                asn = valid
            }
            return VPNGateway(
                name: name, vnet: try self.name(named, "vnet"), publicIP: try optionalAddress(named, "publicIP"), bgpASN: asn,
                subnet: try optionalCIDR(named, "subnet"))
        }

        private mutating func vpnConnection(_ node: Node, _ what: String) throws -> VPNConnection {
            let fields = try reader.fields(node, what, allowed: ["between", "state", "bgp"])
            let gateways = try pair(fields, what, rule: .dns1123Label)
            let named = Fields(node: fields.node, what: "vpn-connection \(gateways)", values: fields.values)
            return VPNConnection(
                gateways: gateways, state: try closed(named, "state", default: .connected),
                bgp: try optionalBool(named, "bgp") ?? false)
        }

        private mutating func tunnel(_ node: Node, _ what: String) throws -> Tunnel {
            let fields = try reader.fields(node, what, allowed: ["between", "cableDriver", "endpoint", "state"])
            let clusters = try pair(fields, what, rule: .dns1123Label)
            let named = Fields(node: fields.node, what: "tunnel \(clusters)", values: fields.values)
            return Tunnel(
                clusters: clusters, cableDriver: try closed(named, "cableDriver", default: .libreswan),
                endpoint: try closed(named, "endpoint", default: .public), state: try closed(named, "state", default: .connected))
        }

        private mutating func ingress(_ node: Node, _ what: String) throws -> Ingress {
            let fields = try reader.fields(
                node, what, allowed: ["cluster", "service", "host", "port", "tls", "visibility", "address", "className", "servicePort"])
            let cluster = try name(fields, "cluster")
            let serviceNode = try fields.required("service", reader)
            let serviceText = try reader.string(serviceNode, "\(what).service")
            let service = try reader.located(serviceNode) { try ServiceID.parse("\(cluster)/\(serviceText)", field: "\(what).service") }
            let named = Fields(node: fields.node, what: "ingress \(service)", values: fields.values)
            let hostNode = try named.required("host", reader)
            let host = try reader.string(hostNode, "\(named.what): host")
            try reader.located(hostNode) { try checkHostName(host, field: "\(named.what): host") }
            let tls = try optionalBool(named, "tls") ?? true
            var servicePort: IngressBackendPort?
            if let portNode = named["servicePort"] {
                // A port number or a port name of the service (spec §7.8); digits are a number.
                let text = try reader.string(portNode, "\(named.what): servicePort")
                servicePort = try reader.located(portNode) { try IngressBackendPort.parse(text, field: "\(named.what): servicePort") }
            }
            return Ingress(
                service: service, host: host, port: try optionalPort(named, "port"), tls: tls,
                visibility: try closed(named, "visibility", default: .public),
                address: try optionalAddress(named, "address"), className: try optionalString(named, "className"),
                servicePort: servicePort)
        }

        private mutating func serviceImport(_ node: Node, _ what: String) throws -> ServiceImport {
            let fields = try reader.fields(node, what, allowed: ["consumer", "service", "port", "via"])
            let consumerNode = try fields.required("consumer", reader)
            let consumerText = try reader.string(consumerNode, "\(what).consumer")
            let consumer = try reader.located(consumerNode) { try Consumer.parse(consumerText, field: "\(what).consumer") }
            let serviceNode = try fields.required("service", reader)
            let serviceText = try reader.string(serviceNode, "\(what).service")
            let service = try reader.located(serviceNode) { try ServiceID.parse(serviceText, field: "\(what).service") }
            var via = ImportVia.auto
            if let viaNode = fields["via"] {
                let text = try reader.string(viaNode, "\(what).via")
                via = try reader.located(viaNode) { try ImportVia.parse(text, field: "\(what).via") }
            }
            return ServiceImport(id: ImportID(consumer: consumer, service: service), port: try optionalPort(fields, "port"), via: via)
        }

        // MARK: - Route tables, firewalls and security groups (spec §8)

        private mutating func cidrs(_ fields: Fields, _ key: String) throws -> [CIDR] {
            try reader.items(fields[key], "\(fields.what): \(key)").enumerated().map { index, node in
                try cidr(node, "\(fields.what): \(key)[\(index)]")
            }
        }

        /// A list of strings parsed one by one; absent means `["*"]` (any), as Azure's portal defaults.
        private mutating func list<T>(_ fields: Fields, _ key: String, _ parse: (String, String) throws -> T, whenAbsent: [T]) throws -> [T] {
            guard fields[key] != nil else { return whenAbsent }
            var result: [T] = []
            for (index, node) in try reader.items(fields[key], "\(fields.what): \(key)").enumerated() {
                let field = "\(fields.what): \(key)[\(index)]"
                let text = try reader.string(node, field)
                result.append(try reader.located(node) { try parse(text, field) })
            }
            guard !result.isEmpty else { throw reader.error(fields[key], "\(fields.what): \(key) needs at least one entry") }
            return result
        }

        private mutating func routeTable(_ node: Node, _ what: String) throws -> RouteTable {
            let fields = try reader.fields(node, what, allowed: ["name", "vnet", "subnets", "propagateGatewayRoutes", "routes"])
            let name = try name(fields, "name")
            let named = Fields(node: fields.node, what: "route-table \(name)", values: fields.values)
            var routes: [UserRoute] = []
            for (index, routeNode) in try reader.items(named["routes"], "\(named.what): routes").enumerated() {
                let route = try reader.fields(routeNode, "\(named.what): routes[\(index)]", allowed: ["prefix", "nextHop", "nextHopIP"])
                let nextHopNode = try route.required("nextHop", reader)
                let nextHopText = try reader.string(nextHopNode, "\(route.what).nextHop")
                routes.append(
                    UserRoute(
                        prefix: try cidr(try route.required("prefix", reader), "\(route.what).prefix"),
                        nextHop: try reader.located(nextHopNode) { try NextHopType.parse(nextHopText, field: "\(route.what).nextHop") },
                        nextHopIP: try optionalAddress(route, "nextHopIP")))
            }
            return RouteTable(
                name: name, vnet: try self.name(named, "vnet"), subnets: try cidrs(named, "subnets"),
                propagateGatewayRoutes: try optionalBool(named, "propagateGatewayRoutes") ?? true, routes: routes)
        }

        private mutating func firewall(_ node: Node, _ what: String) throws -> Firewall {
            let fields = try reader.fields(node, what, allowed: ["name", "vnet", "privateIP", "defaultAction", "rules"])
            let name = try name(fields, "name")
            let named = Fields(node: fields.node, what: "firewall \(name)", values: fields.values)
            guard let address = try optionalAddress(named, "privateIP") else { throw reader.error(named.node, "\(named.what) needs field 'privateIP'") }
            var rules: [FirewallRule] = []
            for (index, ruleNode) in try reader.items(named["rules"], "\(named.what): rules").enumerated() {
                let rule = try reader.fields(
                    ruleNode, "\(named.what): rules[\(index)]", allowed: ["name", "action", "sources", "destinations", "ports", "protocols"])
                rules.append(
                    FirewallRule(
                        name: try ruleName(rule), action: try closed(rule, "action", default: .allow),
                        sources: try list(rule, "sources", RuleAddress.parse, whenAbsent: [.any]),
                        destinations: try list(rule, "destinations", RuleAddress.parse, whenAbsent: [.any]),
                        ports: try list(rule, "ports", PortRange.parse, whenAbsent: [.any]),
                        protocols: try list(rule, "protocols", RuleProtocol.parse, whenAbsent: [.any])))
            }
            return Firewall(
                name: name, vnet: try self.name(named, "vnet"), privateIP: address, defaultAction: try closed(named, "defaultAction", default: .deny),
                rules: rules)
        }

        private mutating func securityGroup(_ node: Node, _ what: String) throws -> SecurityGroup {
            let fields = try reader.fields(node, what, allowed: ["name", "vnet", "subnets", "rules"])
            let name = try name(fields, "name")
            let named = Fields(node: fields.node, what: "security-group \(name)", values: fields.values)
            var rules: [SecurityRule] = []
            for (index, ruleNode) in try reader.items(named["rules"], "\(named.what): rules").enumerated() {
                let rule = try reader.fields(
                    ruleNode, "\(named.what): rules[\(index)]",
                    allowed: ["name", "priority", "direction", "access", "protocol", "sources", "destinations", "ports"])
                let priorityNode = try rule.required("priority", reader)
                let directionNode = try rule.required("direction", reader)
                let directionText = try reader.string(directionNode, "\(rule.what).direction")
                let accessNode = try rule.required("access", reader)
                let accessText = try reader.string(accessNode, "\(rule.what).access")
                rules.append(
                    SecurityRule(
                        name: try ruleName(rule), priority: try reader.int(priorityNode, "\(rule.what).priority"),
                        direction: try reader.located(directionNode) { try TrafficDirection.parse(directionText, field: "\(rule.what).direction") },
                        access: try reader.located(accessNode) { try RuleAction.parse(accessText, field: "\(rule.what).access") },
                        protocol: try closed(rule, "protocol", default: .any),
                        sources: try list(rule, "sources", RuleAddress.parse, whenAbsent: [.any]),
                        destinations: try list(rule, "destinations", RuleAddress.parse, whenAbsent: [.any]),
                        ports: try list(rule, "ports", PortRange.parse, whenAbsent: [.any])))
            }
            return SecurityGroup(name: name, vnet: try self.name(named, "vnet"), subnets: try cidrs(named, "subnets"), rules: rules)
        }

        private mutating func ruleName(_ fields: Fields) throws -> String {
            let node = try fields.required("name", reader)
            return try reader.string(node, "\(fields.what).name")
        }
    }
}
