/// A value from a fixed set, spelled in the topology file and on the command line as its raw value.
package protocol ClosedValue: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension ClosedValue {
    /// Parses `text`, or throws an error that lists every accepted spelling.
    package static func parse(_ text: String, field: String) throws -> Self {
        guard let value = Self(rawValue: text) else {
            let accepted = allCases.map(\.rawValue).joined(separator: " | ")
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not one of: \(accepted)")
        }
        return value
    }
}

/// How pods get their addresses, which decides whether pod IPs mean anything outside the cluster (N6).
package enum NetworkPlugin: String, ClosedValue {
    case azureCNI = "azure-cni"
    case azureCNIOverlay = "azure-cni-overlay"
    case kubenet
}

/// Whether a cluster's workloads may open connections to the internet.
package enum Egress: String, ClosedValue {
    case internet
    case none
}

package enum PeeringState: String, ClosedValue {
    case connected, initiated, disconnected
}

package enum VPNConnectionState: String, ClosedValue {
    case connected, connecting, notconnected
}

package enum TunnelState: String, ClosedValue {
    case connected, connecting, error
}

/// Submariner's cable drivers.
package enum CableDriver: String, ClosedValue {
    case libreswan, wireguard, vxlan
}

/// Which address of the gateway node a tunnel uses: public needs internet egress, private the underlay.
package enum TunnelEndpoint: String, ClosedValue {
    case `public`, `private`
}

package enum IngressVisibility: String, ClosedValue {
    case `public`, `internal`
}

/// How a service is reachable from outside its cluster without crosslink's help.
package enum ServiceExposure: String, ClosedValue {
    case clusterIP = "cluster-ip"
    case internalLB = "internal-lb"
    case publicLB = "public-lb"

    /// Whether the service carries a load-balancer address.
    package var hasLoadBalancer: Bool { self != .clusterIP }
}

/// Whether a load-balanced service keeps the client's address (Kubernetes `spec.externalTrafficPolicy`).
///
/// `Cluster` (the Kubernetes default) may forward to a pod on another node and SNATs the packet to the
/// forwarding node's address; `Local` delivers only to pods on the receiving node and keeps the source.
package enum ExternalTrafficPolicy: String, ClosedValue {
    case cluster = "Cluster"
    case local = "Local"
}

package enum PortProtocol: String, ClosedValue {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
}

/// The ways one cluster can reach a service in another, in `via: auto` preference order.
package enum PathKind: String, ClosedValue, Comparable {
    case local, mesh, tunnel, network, ingress

    package static func < (lhs: PathKind, rhs: PathKind) -> Bool {
        allCases.firstIndex(of: lhs).map { l in allCases.firstIndex(of: rhs).map { l < $0 } ?? false } ?? false
    }
}

/// Which path an import may use: any (preferring the earliest kind) or one pinned kind.
package enum ImportVia: Hashable, Sendable, CustomStringConvertible {
    case auto
    case pinned(PathKind)

    package static func parse(_ text: String, field: String) throws -> ImportVia {
        if text == "auto" { return .auto }
        guard let kind = PathKind(rawValue: text) else {
            let accepted = (["auto"] + PathKind.allCases.map(\.rawValue)).joined(separator: " | ")
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not one of: \(accepted)")
        }
        return .pinned(kind)
    }

    package var description: String {
        switch self {
        case .auto: "auto"
        case .pinned(let kind): kind.rawValue
        }
    }

    /// The path kinds this import may use, most preferred first.
    package var candidates: [PathKind] {
        switch self {
        case .auto: PathKind.allCases
        case .pinned(let kind): [kind]
        }
    }
}
