/// A VNet peering. Azure peerings are two half-links; crosslink records the pair as one.
package struct Peering: Hashable, Sendable {
    package var vnets: UnorderedPair
    package var state: PeeringState
    /// The VNet whose VPN gateway the other side uses (Azure: allowGatewayTransit/useRemoteGateways).
    package var gatewayTransit: String?
    /// Whether traffic a firewall forwards may enter over this peering (spec §8; Azure's default is no).
    package var allowForwardedTraffic: Bool

    package init(vnets: UnorderedPair, state: PeeringState = .connected, gatewayTransit: String? = nil, allowForwardedTraffic: Bool = false) {
        self.vnets = vnets
        self.state = state
        self.gatewayTransit = gatewayTransit
        self.allowForwardedTraffic = allowForwardedTraffic
    }

    /// The VNet that borrows the transit gateway, if the peering has one.
    package var gatewayUser: String? { gatewayTransit.map { vnets.other(than: $0) } }
}

/// A virtual network gateway of type VPN; at most one per VNet.
package struct VPNGateway: Hashable, Sendable {
    package var name: String
    package var vnet: String
    package var publicIP: IPv4Address?
    /// BGP autonomous system number; nil means static routes only.
    package var bgpASN: UInt32?
    /// The GatewaySubnet: traffic arriving over VPN continues from it with its route table (spec §8).
    package var subnet: CIDR?

    package init(name: String, vnet: String, publicIP: IPv4Address? = nil, bgpASN: UInt32? = nil, subnet: CIDR? = nil) {
        self.name = name
        self.vnet = vnet
        self.publicIP = publicIP
        self.bgpASN = bgpASN
        self.subnet = subnet
    }
}

/// A site-to-site or VNet-to-VNet connection between two VPN gateways.
package struct VPNConnection: Hashable, Sendable {
    package var gateways: UnorderedPair
    package var state: VPNConnectionState
    package var bgp: Bool

    package init(gateways: UnorderedPair, state: VPNConnectionState = .connected, bgp: Bool = false) {
        self.gateways = gateways
        self.state = state
        self.bgp = bgp
    }
}

/// A Submariner-style gateway-to-gateway tunnel between two clusters.
package struct Tunnel: Hashable, Sendable {
    package var clusters: UnorderedPair
    package var cableDriver: CableDriver
    package var endpoint: TunnelEndpoint
    package var state: TunnelState

    package init(clusters: UnorderedPair, cableDriver: CableDriver = .libreswan, endpoint: TunnelEndpoint = .public, state: TunnelState = .connected) {
        self.clusters = clusters
        self.cableDriver = cableDriver
        self.endpoint = endpoint
        self.state = state
    }
}

/// Endpoint discovery between two mesh members (Istio remote secrets in both directions).
package struct MeshLink: Hashable, Sendable {
    package var clusters: UnorderedPair

    package init(clusters: UnorderedPair) { self.clusters = clusters }
}

/// Identifies an ingress: the service it exposes and its host (spec §7.8: a service may sit behind
/// several hosts), written `cluster/namespace/service@host`.
package struct IngressID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var service: ServiceID
    package var host: String

    package init(service: ServiceID, host: String) {
        self.service = service
        self.host = host
    }

    package var description: String { "\(service)@\(host)" }

    package static func < (lhs: IngressID, rhs: IngressID) -> Bool {
        (lhs.service, lhs.host) < (rhs.service, rhs.host)
    }
}

/// The backend port an ingress sends to: a port number or a port name of its service (spec §7.8).
package enum IngressBackendPort: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case name(String)

    /// Parses a command-line value: digits are a port number, anything else a port name.
    package static func parse(_ text: String, field: String) throws -> IngressBackendPort {
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard let number = Int(text) else { throw CrosslinkError.invalid("\(field) \(text.quoted) is out of range (1 to 65535)") }
            try checkPort(number, field: field)
            return .number(number)
        }
        try NameRule.dns1123Label.check(text, field: field)
        return .name(text)
    }

    package var description: String {
        switch self {
        case .number(let number): String(number)
        case .name(let name): name
        }
    }

    /// The port of `service` this names, if the service has it.
    package func port(of service: Service) -> ServicePort? {
        switch self {
        case .number(let number): service.ports.first { $0.port == number }
        case .name(let name): service.ports.first { $0.name == name }
        }
    }
}

/// An ingress or API-gateway exposure of one service port under a host name.
package struct Ingress: Hashable, Sendable {
    package var service: ServiceID
    package var host: String
    package var port: Int
    package var tls: Bool
    package var visibility: IngressVisibility
    package var address: IPv4Address?
    package var className: String?
    /// The one backend port of the service it serves; nil means the service's first port.
    package var servicePort: IngressBackendPort?

    package init(
        service: ServiceID, host: String, port: Int? = nil, tls: Bool = true, visibility: IngressVisibility = .public, address: IPv4Address? = nil,
        className: String? = nil, servicePort: IngressBackendPort? = nil
    ) {
        self.service = service
        self.host = host
        self.port = port ?? (tls ? 443 : 80)
        self.tls = tls
        self.visibility = visibility
        self.address = address
        self.className = className
        self.servicePort = servicePort
    }

    package var id: IngressID { IngressID(service: service, host: host) }

    /// The port of `service` (the service this ingress exposes) that it sends to; nil when the
    /// service lacks the named port (refused at registration).
    package func backendPort(of service: Service) -> ServicePort? {
        guard let servicePort else { return service.ports.first }
        return servicePort.port(of: service)
    }
}
