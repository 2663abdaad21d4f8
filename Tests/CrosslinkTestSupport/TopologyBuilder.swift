import CrosslinkCore

/// Builds test topologies with verbs, the way lighthouse's test driver does:
/// `TopologyBuilder().vnet("hub", "10.0.0.0/16").cluster("aks-a", in: "hub", nodeSubnet: "10.0.0.0/20")`.
///
/// Invalid literals crash the test (this is test-only code); the result is not validated so that
/// tests can also build topologies the validator must refuse.
package struct TopologyBuilder: Sendable {
    package private(set) var topology = Topology()

    package init() {}

    package static func cidr(_ text: String) -> CIDR {
        do { return try CIDR.parse(text, field: "test CIDR") } catch { preconditionFailure("\(error)") }
    }

    package static func address(_ text: String) -> IPv4Address {
        guard let address = IPv4Address(text) else { preconditionFailure("bad test address \(text)") }
        return address
    }

    package static func service(_ text: String) -> ServiceID {
        do { return try ServiceID.parse(text, field: "test service") } catch { preconditionFailure("\(error)") }
    }

    package func vnet(_ name: String, _ addressSpace: String..., region: String = "westeurope") -> Self {
        with { $0.vnets[name] = VNet(name: name, region: region, addressSpace: addressSpace.map(Self.cidr)) }
    }

    package func cluster(
        _ name: String, in vnet: String, nodeSubnet: String, plugin: NetworkPlugin = .azureCNI,
        podCIDR: String? = nil, serviceCIDR: String? = nil, egress: Egress = .internet,
        globalnet: String? = nil, mesh: MeshMembership? = nil, isolated: [String] = [],
        clusterDomain: String? = nil
    ) -> Self {
        with {
            $0.clusters[name] = Cluster(
                name: name, vnet: vnet, region: $0.vnets[vnet]?.region ?? "westeurope",
                nodeSubnet: Self.cidr(nodeSubnet), networkPlugin: plugin,
                podCIDR: podCIDR.map(Self.cidr), serviceCIDR: serviceCIDR.map(Self.cidr),
                clusterDomain: clusterDomain, egress: egress, globalnetCIDR: globalnet.map(Self.cidr),
                mesh: mesh, isolatedNamespaces: isolated)
        }
    }

    package func service(
        _ id: String, ports: [ServicePort] = [ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http")],
        exposure: ServiceExposure = .clusterIP, loadBalancerIP: String? = nil, externalTrafficPolicy: ExternalTrafficPolicy = .cluster
    ) -> Self {
        let id = Self.service(id)
        return with {
            $0.services[id] = Service(
                id: id, ports: ports, exposure: exposure, loadBalancerIP: loadBalancerIP.map(Self.address),
                externalTrafficPolicy: externalTrafficPolicy)
        }
    }

    package func peering(_ a: String, _ b: String, state: PeeringState = .connected, gatewayTransit: String? = nil) -> Self {
        with { $0.peerings[UnorderedPair(a, b)] = Peering(vnets: UnorderedPair(a, b), state: state, gatewayTransit: gatewayTransit) }
    }

    package func vpnGateway(_ name: String, in vnet: String, publicIP: String? = nil, bgpASN: UInt32? = nil) -> Self {
        with { $0.vpnGateways[name] = VPNGateway(name: name, vnet: vnet, publicIP: publicIP.map(Self.address), bgpASN: bgpASN) }
    }

    package func vpnConnection(_ a: String, _ b: String, state: VPNConnectionState = .connected, bgp: Bool = false) -> Self {
        with { $0.vpnConnections[UnorderedPair(a, b)] = VPNConnection(gateways: UnorderedPair(a, b), state: state, bgp: bgp) }
    }

    package func tunnel(_ a: String, _ b: String, endpoint: TunnelEndpoint = .public, state: TunnelState = .connected, cableDriver: CableDriver = .libreswan)
        -> Self
    {
        with { $0.tunnels[UnorderedPair(a, b)] = Tunnel(clusters: UnorderedPair(a, b), cableDriver: cableDriver, endpoint: endpoint, state: state) }
    }

    package func meshLink(_ a: String, _ b: String) -> Self {
        with { $0.meshLinks[UnorderedPair(a, b)] = MeshLink(clusters: UnorderedPair(a, b)) }
    }

    package func ingress(
        _ service: String, host: String, port: Int? = nil, tls: Bool = true, visibility: IngressVisibility = .public, address: String? = nil,
        className: String? = nil, servicePort: IngressBackendPort? = nil
    ) -> Self {
        let ingress = Ingress(
            service: Self.service(service), host: host, port: port, tls: tls, visibility: visibility, address: address.map(Self.address),
            className: className, servicePort: servicePort)
        return with { $0.ingresses[ingress.id] = ingress }
    }

    package func importing(_ service: String, into consumer: String, port: Int? = nil, via: ImportVia = .auto) -> Self {
        let id: ImportID
        do { id = ImportID(consumer: try Consumer.parse(consumer, field: "consumer"), service: Self.service(service)) } catch {
            preconditionFailure("\(error)")
        }
        return with { $0.imports[id] = ServiceImport(id: id, port: port, via: via) }
    }

    /// Any change the verbs do not cover.
    package func with(_ change: (inout Topology) -> Void) -> Self {
        var copy = self
        change(&copy.topology)
        return copy
    }
}
