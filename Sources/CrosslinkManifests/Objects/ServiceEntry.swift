/// An Istio `ServiceEntry` (networking.istio.io/v1): adds a host to the consumer's mesh registry.
package struct ServiceEntry: Hashable, Sendable {
    /// The `apiVersion` written for this kind.
    package static let apiVersion = "networking.istio.io/v1"
    /// The `kind` written for this object.
    package static let kind = "ServiceEntry"

    /// Whether the host is part of the mesh (mTLS, identity) or outside it.
    package enum Location: String, Hashable, Sendable {
        case meshInternal = "MESH_INTERNAL"
        case meshExternal = "MESH_EXTERNAL"
    }

    /// How the sidecar finds the endpoints' addresses.
    package enum Resolution: String, Hashable, Sendable {
        /// Endpoint addresses are IPs given here.
        case `static` = "STATIC"
        /// The host (or each endpoint's host name) is resolved with DNS.
        case dns = "DNS"
    }

    /// One port of the host.
    package struct Port: Hashable, Sendable {
        /// The port the host is dialled on.
        package var number: Int
        /// Unique within the entry; endpoints map it to their own port.
        package var name: String
        /// Istio protocol: HTTP, HTTPS, HTTP2, GRPC, TLS or TCP.
        package var `protocol`: String

        /// Creates the value from its fields, as written in the manifest.
        package init(number: Int, name: String, protocol: String) {
            self.number = number
            self.name = name
            self.protocol = `protocol`
        }
    }

    /// One explicit endpoint, such as a remote network's east-west gateway.
    package struct Endpoint: Hashable, Sendable {
        /// An IPv4 address or a host name.
        package var address: String
        /// The Istio network the endpoint sits on.
        package var network: String?
        package var labels: [String: String]
        /// Port name → port on this endpoint (15443 for an east-west gateway).
        package var ports: [String: Int]

        /// Creates the value from its fields, as written in the manifest.
        package init(address: String, network: String? = nil, labels: [String: String] = [:], ports: [String: Int] = [:]) {
            self.address = address
            self.network = network
            self.labels = labels
            self.ports = ports
        }
    }

    /// Name, namespace, labels and annotations.
    package var metadata: ObjectMetadata
    /// The host names the entry adds to the mesh.
    package var hosts: [String]
    /// Namespaces that see the entry: `.` (its own) or `*` (all).
    package var exportTo: [String]
    package var location: Location
    /// The ports, unique by number.
    package var ports: [Port]
    package var resolution: Resolution
    package var endpoints: [Endpoint]

    /// Creates the value from its fields, as written in the manifest.
    package init(
        metadata: ObjectMetadata, hosts: [String], exportTo: [String], location: Location, ports: [Port],
        resolution: Resolution, endpoints: [Endpoint] = []
    ) {
        self.metadata = metadata
        self.hosts = hosts
        self.exportTo = exportTo
        self.location = location
        self.ports = ports
        self.resolution = resolution
        self.endpoints = endpoints
    }
}
