import CrosslinkCore

/// A Kubernetes `NetworkPolicy` (networking.k8s.io/v1) admitting ingress to one service's pods.
package struct NetworkPolicy: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    package static let apiVersion = "networking.k8s.io/v1"
    /// The `kind` written for this object.
    package static let kind = "NetworkPolicy"

    /// Where admitted traffic comes from.
    package enum Peer: Hashable, Sendable, Comparable {
        /// Addresses in a CIDR (pod, node or Globalnet range of the consumer cluster).
        case ipBlock(CIDR)
        /// Every pod of the namespaces whose labels match (empty: every namespace).
        case namespaces(matchLabels: [String: String])
        /// Pods with `podLabels` in namespaces matching `namespaceLabels`.
        case pods(namespaceLabels: [String: String], podLabels: [String: String])

        /// A total order for deterministic output: kind first, then content.
        var sortKey: String {
            func text(_ labels: [String: String]) -> String {
                labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            }
            switch self {
            case .ipBlock(let cidr):
                // Zero-padded so that 9.0.0.0/8 sorts before 10.0.0.0/8.
                let address = String(cidr.network.value, radix: 16)
                return "0 \(String(repeating: "0", count: 8 - address.count))\(address)/\(cidr.prefixLength)"
            case .namespaces(let labels): return "1 \(text(labels))"
            case .pods(let namespaces, let pods): return "2 \(text(namespaces)) \(text(pods))"
            }
        }

        /// Orders values for deterministic output.
        package static func < (lhs: Peer, rhs: Peer) -> Bool { lhs.sortKey < rhs.sortKey }
    }

    /// A target port of the selected pods.
    package struct Port: Hashable, Sendable, Comparable {
        /// The pod (target) port.
        package var port: Int
        package var `protocol`: PortProtocol

        /// Creates the value from its fields, as written in the manifest.
        package init(port: Int, protocol: PortProtocol) {
            self.port = port
            self.protocol = `protocol`
        }

        /// Orders values for deterministic output.
        package static func < (lhs: Port, rhs: Port) -> Bool {
            (lhs.port, lhs.protocol.rawValue) < (rhs.port, rhs.protocol.rawValue)
        }
    }

    /// One ingress rule: any of `peers` may reach any of `ports`.
    package struct Rule: Hashable, Sendable {
        /// Who may connect.
        package var peers: [Peer]
        /// The ports, unique by number.
        package var ports: [Port]

        /// Creates the value from its fields, as written in the manifest.
        package init(peers: [Peer], ports: [Port]) {
            self.peers = peers
            self.ports = ports
        }
    }

    /// Name, namespace, labels and annotations.
    package var metadata: ObjectMetadata
    /// Labels choosing the service's pods.
    package var podSelector: [String: String]
    /// Ingress rules; a peer appears in one rule only.
    package var ingress: [Rule]

    /// Creates the value from its fields, as written in the manifest.
    package init(metadata: ObjectMetadata, podSelector: [String: String], ingress: [Rule]) {
        self.metadata = metadata
        self.podSelector = podSelector
        self.ingress = ingress
    }
}
