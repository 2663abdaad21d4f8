public import CrosslinkCore

/// A Kubernetes `NetworkPolicy` (networking.k8s.io/v1) admitting ingress to one service's pods.
public struct NetworkPolicy: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    public static let apiVersion = "networking.k8s.io/v1"
    /// The `kind` written for this object.
    public static let kind = "NetworkPolicy"

    /// Where admitted traffic comes from.
    public enum Peer: Hashable, Sendable, Comparable {
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
        public static func < (lhs: Peer, rhs: Peer) -> Bool { lhs.sortKey < rhs.sortKey }
    }

    /// A target port of the selected pods.
    public struct Port: Hashable, Sendable, Comparable {
        /// The pod (target) port.
        public var port: Int
        public var `protocol`: PortProtocol

        /// Creates the value from its fields, as written in the manifest.
        public init(port: Int, protocol: PortProtocol) {
            self.port = port
            self.protocol = `protocol`
        }

        /// Orders values for deterministic output.
        public static func < (lhs: Port, rhs: Port) -> Bool {
            (lhs.port, lhs.protocol.rawValue) < (rhs.port, rhs.protocol.rawValue)
        }
    }

    /// One ingress rule: any of `peers` may reach any of `ports`.
    public struct Rule: Hashable, Sendable {
        /// Who may connect.
        public var peers: [Peer]
        /// The ports, unique by number.
        public var ports: [Port]

        /// Creates the value from its fields, as written in the manifest.
        public init(peers: [Peer], ports: [Port]) {
            self.peers = peers
            self.ports = ports
        }
    }

    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMetadata
    /// Labels choosing the service's pods.
    public var podSelector: [String: String]
    /// Ingress rules; a peer appears in one rule only.
    public var ingress: [Rule]

    /// Creates the value from its fields, as written in the manifest.
    public init(metadata: ObjectMetadata, podSelector: [String: String], ingress: [Rule]) {
        self.metadata = metadata
        self.podSelector = podSelector
        self.ingress = ingress
    }
}
