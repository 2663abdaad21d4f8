extension Topology {
    /// Checks every object and every reference between objects; throws the first problem found,
    /// visiting objects in a stable order so the same input always gives the same message.
    ///
    /// These are the refusals of spec §1 and rule N5: what Azure, AKS or Kubernetes would refuse.
    package func validate() throws {
        // A valid estate (the common case) is checked without sorting a million keys; only when
        // something is wrong is it checked again in key order, so the message is always the same.
        do {
            try validate(sorted: false)
        } catch {
            try validate(sorted: true)
            throw error
        }
    }

    private func validate(sorted: Bool) throws {
        func each<Key: Comparable, Value>(_ table: [Key: Value], _ check: (Value) throws -> Void) rethrows {
            if sorted {
                for key in table.keys.sorted() { if let value = table[key] { try check(value) } }
            } else {
                for value in table.values { try check(value) }
            }
        }
        try each(vnets, validate)
        try each(clusters, validate)
        try validateKubenetNodeSubnets()
        try each(services, validate)
        try each(vpnGateways, validate)
        try each(peerings, validate)
        try validateGatewayUse()
        try each(vpnConnections) { try requirePair($0.gateways, kind: "vpn-connection", in: vpnGateways, noun: "vpn-gateway") }
        try each(tunnels) { try requirePair($0.clusters, kind: "tunnel", in: clusters, noun: "cluster") }
        try each(meshLinks) { try requirePair($0.clusters, kind: "mesh-link", in: clusters, noun: "cluster") }
        try each(ingresses, validate)
        try each(imports, validate)
        if hasTrafficControls || vpnGateways.values.contains(where: { $0.subnet != nil }) { try validateTrafficControls(sorted: sorted) }
    }

    private func validate(_ vnet: VNet) throws {
        var what: String { "vnet \(vnet.name)" }  // only for messages
        try NameRule.dns1123Label.check(vnet.name, field: "vnet name")
        try checkRegion(vnet.region, field: "\(what): region")
        guard !vnet.addressSpace.isEmpty else {
            throw CrosslinkError.invalid("\(what): addressSpace needs at least one CIDR")
        }
        for (index, prefix) in vnet.addressSpace.enumerated() {
            if let reserved = ReservedRange.all.first(where: { $0.cidr.overlaps(prefix) }) {
                throw CrosslinkError.topology(
                    "\(what): address prefix \(prefix) overlaps \(reserved.cidr), \(reserved.purpose), which Azure reserves and a VNet cannot use: choose a private range such as 10.0.0.0/8"
                )
            }
            for other in vnet.addressSpace[(index + 1)...] where prefix.overlaps(other) {
                throw CrosslinkError.topology("\(what): address prefixes \(prefix) and \(other) overlap")
            }
        }
    }

    private func validate(_ cluster: Cluster) throws {
        var what: String { "cluster \(cluster.name)" }  // only for messages
        try NameRule.dns1123Label.check(cluster.name, field: "cluster name")
        guard let vnet = vnets[cluster.vnet] else {
            throw CrosslinkError.notFound("\(what): vnet \(cluster.vnet.quoted) does not exist")
        }
        try checkRegion(cluster.region, field: "\(what): region")
        try checkHostName(cluster.clusterDomain, field: "\(what): clusterDomain")
        for namespace in cluster.isolatedNamespaces {
            try NameRule.dns1123Label.check(namespace, field: "\(what): isolated namespace")
        }
        for pool in cluster.nodePools {
            try NameRule.dns1123Label.check(pool, field: "\(what): node pool")
        }
        if let mesh = cluster.mesh {
            try NameRule.dns1123Label.check(mesh.id, field: "\(what): mesh id")
            try NameRule.dns1123Label.check(mesh.network, field: "\(what): mesh network")
            try NameRule.dns1123Label.check(mesh.trustRoot, field: "\(what): mesh trustRoot")
        }
        var space: String { vnet.addressSpace.map(\.description).joined(separator: ", ") }  // only for messages
        guard vnet.addressSpace.contains(where: { $0.contains(cluster.nodeSubnet) }) else {
            throw CrosslinkError.topology("\(what): nodeSubnet \(cluster.nodeSubnet) is outside vnet \(vnet.name)'s address space (\(space))")
        }
        if let shared = [cluster.serviceCIDR].firstOverlap(with: vnet.addressSpace) {
            throw CrosslinkError.topology(
                "\(what): serviceCIDR \(cluster.serviceCIDR) overlaps vnet \(vnet.name)'s address space on \(shared), which AKS refuses (ClusterIPs would shadow VNet addresses): choose a service range outside the VNet"
            )
        }
        switch cluster.networkPlugin {
        case .azureCNI:
            guard vnet.addressSpace.contains(where: { $0.contains(cluster.podCIDR) }) else {
                throw CrosslinkError.topology(
                    "\(what): azure-cni pods take VNet addresses, but podCIDR \(cluster.podCIDR) is outside vnet \(vnet.name)'s address space (\(space))")
            }
        case .azureCNIOverlay, .kubenet:
            if let shared = [cluster.podCIDR].firstOverlap(with: vnet.addressSpace) {
                throw CrosslinkError.topology(
                    "\(what): \(cluster.networkPlugin.rawValue) podCIDR \(cluster.podCIDR) overlaps vnet \(vnet.name)'s address space on \(shared); choose a pod range outside the VNet"
                )
            }
        }
    }

    /// §7.11: kubenet clusters of one VNet need disjoint node subnets (each has its own route table
    /// for its pod ranges, and AKS supports one kubenet cluster per subnet).
    private func validateKubenetNodeSubnets() throws {
        var byVNet: [String: [Cluster]] = [:]
        for cluster in clusters.values where cluster.networkPlugin == .kubenet {
            byVNet[cluster.vnet, default: []].append(cluster)
        }
        for vnet in byVNet.keys.sorted() {
            guard let members = byVNet[vnet], members.count > 1 else { continue }
            // Sorted by subnet, two CIDRs that overlap are next to each other or nest around their
            // neighbours, so comparing neighbours finds an overlap if there is one.
            let sorted = members.sorted { ($0.nodeSubnet, $0.name) < ($1.nodeSubnet, $1.name) }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.nodeSubnet.overlaps(b.nodeSubnet) {
                throw CrosslinkError.topology(
                    "cluster \(b.name): kubenet node subnet \(b.nodeSubnet) overlaps the node subnet \(a.nodeSubnet) of kubenet cluster \(a.name) in vnet \(vnet); AKS does not support two kubenet clusters in one subnet: give each its own subnet"
                )
            }
        }
    }

    private func validate(_ service: Service) throws {
        var what: String { "service \(service.id)" }  // only for messages
        try service.id.validate(field: "service")
        guard clusters[service.id.cluster] != nil else {
            throw CrosslinkError.notFound("\(what): cluster \(service.id.cluster.quoted) does not exist")
        }
        guard !service.ports.isEmpty else {
            throw CrosslinkError.invalid("\(what): needs at least one port")
        }
        for (index, port) in service.ports.enumerated() {
            try checkPort(port.port, field: "\(what): port")
            try checkPort(port.targetPort, field: "\(what): targetPort")
            if let name = port.name {
                try NameRule.dns1123Label.check(name, field: "\(what): port name")
            }
            if let appProtocol = port.appProtocol, !isProtocolName(appProtocol) {
                throw CrosslinkError.invalid("\(what): appProtocol \(appProtocol.quotedExcerpt) is not a protocol name")
            }
            // A service has a handful of ports: comparing with the earlier ones beats hashing.
            for earlier in service.ports[..<index] {
                if let name = port.name, earlier.name == name {
                    throw CrosslinkError.invalid("\(what): port name \(name.quoted) is used twice")
                }
                if earlier.port == port.port && earlier.protocol == port.protocol {
                    throw CrosslinkError.invalid("\(what): port \(port.port)/\(port.protocol.rawValue) is listed twice")
                }
            }
        }
        switch (service.exposure.hasLoadBalancer, service.loadBalancerIP) {
        case (true, nil):
            throw CrosslinkError.invalid("\(what): exposure \(service.exposure.rawValue) needs a loadBalancerIP")
        case (false, .some):
            throw CrosslinkError.invalid("\(what): loadBalancerIP needs exposure internal-lb or public-lb")
        default:
            break
        }
    }

    private func validate(_ gateway: VPNGateway) throws {
        var what: String { "vpn-gateway \(gateway.name)" }  // only for messages
        try NameRule.dns1123Label.check(gateway.name, field: "vpn-gateway name")
        guard vnets[gateway.vnet] != nil else {
            throw CrosslinkError.notFound("\(what): vnet \(gateway.vnet.quoted) does not exist")
        }
        if vpnGateways.count > 1, let other = vpnGateways.values.filter({ $0.vnet == gateway.vnet && $0.name != gateway.name }).map(\.name).min() {
            throw CrosslinkError.topology("\(what): vnet \(gateway.vnet) already has vpn-gateway \(other); Azure allows one VPN gateway per VNet")
        }
        if let asn = gateway.bgpASN, asn == 0 {
            throw CrosslinkError.invalid("\(what): bgpASN must be 1 to 4294967295")
        }
    }

    private func validate(_ peering: Peering) throws {
        var what: String { "peering \(peering.vnets)" }  // only for messages
        let pair = peering.vnets
        guard pair.first != pair.second else {
            throw CrosslinkError.invalid("\(what): a VNet cannot peer with itself")
        }
        for name in [pair.first, pair.second] where vnets[name] == nil {
            throw CrosslinkError.notFound("\(what): vnet \(name.quoted) does not exist")
        }
        if let a = vnets[pair.first], let b = vnets[pair.second],
            let shared = a.addressSpace.firstOverlap(with: b.addressSpace)
        {
            throw CrosslinkError.topology("\(what): address spaces overlap on \(shared); Azure refuses to peer overlapping VNets")
        }
        guard let transit = peering.gatewayTransit else { return }
        guard pair.contains(transit) else {
            throw CrosslinkError.invalid("\(what): gatewayTransit \(transit.quoted) must name one of the peered VNets")
        }
        guard vpnGateway(in: transit) != nil else {
            throw CrosslinkError.topology("\(what): gatewayTransit names \(transit), which has no vpn-gateway")
        }
        let user = pair.other(than: transit)
        if let own = vpnGateway(in: user) {
            throw CrosslinkError.topology(
                "\(what): \(user) has its own vpn-gateway \(own.name) and cannot use \(transit)'s (Azure refuses useRemoteGateways there)")
        }
    }

    /// A VNet may borrow a peer's gateway on one peering only (Azure allows one remote gateway).
    private func validateGatewayUse() throws {
        var usedBy: [String: UnorderedPair] = [:]
        for pair in peerings.values.filter({ $0.gatewayTransit != nil }).map(\.vnets).sorted() {
            guard let user = peerings[pair]?.gatewayUser else { continue }
            if let earlier = usedBy[user] {
                throw CrosslinkError.topology(
                    "peering \(pair): \(user) already uses a remote gateway through peering \(earlier); a VNet can use a peer's gateway on one peering only")
            }
            usedBy[user] = pair
        }
    }

    private func validate(_ ingress: Ingress) throws {
        var what: String { "ingress \(ingress.id)" }  // only for messages
        try ingress.service.validate(field: "ingress service")
        guard let service = services[ingress.service] else {
            throw CrosslinkError.notFound("\(what): service \(ingress.service) does not exist")
        }
        try checkHostName(ingress.host, field: "\(what): host")
        try checkPort(ingress.port, field: "\(what): port")
        if let className = ingress.className {
            try checkSubdomain(className, field: "\(what): className")
        }
        if let servicePort = ingress.servicePort, servicePort.port(of: service) == nil {
            let ports = service.ports.map(\.label).joined(separator: ", ")
            throw CrosslinkError.invalid("\(what): servicePort \(servicePort.description.quoted) is not a port of \(service.id) (ports: \(ports))")
        }
    }

    private func validate(_ item: ServiceImport) throws {
        var what: String { "import \(item.id)" }  // only for messages
        guard clusters[item.id.consumer.cluster] != nil else {
            throw CrosslinkError.notFound("\(what): consumer cluster \(item.id.consumer.cluster.quoted) does not exist")
        }
        guard let service = services[item.id.service] else {
            throw CrosslinkError.notFound("\(what): service \(item.id.service) does not exist")
        }
        if let port = item.port, !service.ports.contains(where: { $0.port == port }) {
            let ports = service.ports.map { String($0.port) }.joined(separator: ", ")
            throw CrosslinkError.invalid("\(what): service \(service.id) has no port \(port) (ports: \(ports))")
        }
    }

    private func requirePair<Value>(_ pair: UnorderedPair, kind: String, in table: [String: Value], noun: String) throws {
        guard pair.first != pair.second else {
            throw CrosslinkError.invalid("\(kind) \(pair): both ends are \(pair.first)")
        }
        for name in [pair.first, pair.second] where table[name] == nil {
            throw CrosslinkError.notFound("\(kind) \(pair): \(noun) \(name.quoted) does not exist")
        }
    }
}

/// Azure region names are lowercase letters and digits (`westeurope`, `eastus2`).
package func checkRegion(_ region: String, field: @autoclosure () -> String) throws {
    guard !region.isEmpty, region.utf8.count <= 63,
        region.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
    else {
        throw CrosslinkError.invalid("\(field()) \(region.quotedExcerpt) is not a region name (lowercase letters and digits, like westeurope)")
    }
}

/// Not empty, no whitespace, no control characters (bytes first; Characters only for non-ASCII).
private func isProtocolName(_ text: String) -> Bool {
    guard !text.isEmpty, !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return false }
    return text.utf8.allSatisfy { $0 < 0x80 } || !text.contains(where: \.isWhitespace)
}

/// Ports are 1 to 65535.
package func checkPort(_ port: Int, field: @autoclosure () -> String) throws {
    guard (1...65535).contains(port) else {
        throw CrosslinkError.invalid("\(field()) \(port) is out of range (1 to 65535)")
    }
}
