/// What a service port speaks, as an ingress controller and Istio see it (spec §7.9).
///
/// One place for the classification: the ingress path uses it for `PortNotHTTP` and `GRPCNeedsTLS`,
/// and the manifests use it for the protocol of an ingress ServiceEntry's port (§7.14).
extension ServicePort {
    /// `appProtocol` values an HTTP ingress carries (compared lowercased, as Istio parses them).
    package static let httpAppProtocols: Set<String> = [
        "http", "https", "http2", "h2c", "grpc", "grpc-web", "kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/wss",
    ]

    /// Port names (or their part before the first `-`) that declare a protocol other than HTTP, for
    /// a port without `appProtocol`.
    package static let nonHTTPPortNames: Set<String> = [
        "tcp", "tls", "udp", "mongo", "mongodb", "mysql", "redis", "postgres", "postgresql", "amqp", "kafka", "mqtt",
        "ldap", "smtp", "ssh", "dns", "memcached", "cassandra", "nats", "zookeeper", "mssql",
    ]

    /// Whether an HTTP ingress can carry this port: TCP, and neither its `appProtocol` nor (without
    /// one) its name says it speaks something else. A port that says nothing is taken as HTTP.
    package var isHTTP: Bool {
        guard self.protocol == .tcp else { return false }
        if let appProtocol { return Self.httpAppProtocols.contains(appProtocol.lowercased()) }
        guard let name else { return true }
        let prefix = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        return !Self.nonHTTPPortNames.contains(prefix)
    }

    /// Whether the port speaks gRPC (HTTP/2 end to end): `appProtocol: grpc`, or without an
    /// `appProtocol` a name `grpc` or `grpc-…` other than `grpc-web` (which is HTTP/1-compatible).
    package var isGRPC: Bool {
        guard self.protocol == .tcp else { return false }
        if let appProtocol { return appProtocol.lowercased() == "grpc" }
        guard let name else { return false }
        return name == "grpc" || (name.hasPrefix("grpc-") && name != "grpc-web")
    }

    /// The port's name and number as messages write it: `80 (http)`, or `80` when unnamed.
    package var label: String { name.map { "\(port) (\($0))" } ?? String(port) }
}
