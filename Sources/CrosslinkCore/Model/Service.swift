/// Names a service: cluster, namespace and name, written `cluster/namespace/name`.
package struct ServiceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var cluster: String
    package var namespace: String
    package var name: String

    package init(cluster: String, namespace: String, name: String) {
        self.cluster = cluster
        self.namespace = namespace
        self.name = name
    }

    /// Parses `cluster/namespace/name`.
    package static func parse(_ text: String, field: String) throws -> ServiceID {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not cluster/namespace/service")
        }
        let id = ServiceID(cluster: parts[0], namespace: parts[1], name: parts[2])
        try id.validate(field: field)
        return id
    }

    package func validate(field: @autoclosure () -> String) throws {
        try NameRule.dns1123Label.check(cluster, field: "\(field()) cluster")
        try NameRule.dns1123Label.check(namespace, field: "\(field()) namespace")
        try NameRule.dns1035Label.check(name, field: "\(field()) name")
    }

    package var description: String { "\(cluster)/\(namespace)/\(name)" }

    package static func < (lhs: ServiceID, rhs: ServiceID) -> Bool {
        (lhs.cluster, lhs.namespace, lhs.name) < (rhs.cluster, rhs.namespace, rhs.name)
    }
}

/// One port of a Kubernetes Service.
package struct ServicePort: Hashable, Sendable {
    package var name: String?
    package var port: Int
    package var targetPort: Int
    package var `protocol`: PortProtocol
    package var appProtocol: String?

    package init(name: String? = nil, port: Int, targetPort: Int? = nil, protocol: PortProtocol = .tcp, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.targetPort = targetPort ?? port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}

/// A Kubernetes Service in one cluster.
package struct Service: Hashable, Sendable {
    package var id: ServiceID
    package var ports: [ServicePort]
    package var exposure: ServiceExposure
    package var loadBalancerIP: IPv4Address?
    /// Which source address the service's pods see for traffic through its load balancer (spec §7.15).
    package var externalTrafficPolicy: ExternalTrafficPolicy

    package init(
        id: ServiceID, ports: [ServicePort], exposure: ServiceExposure = .clusterIP, loadBalancerIP: IPv4Address? = nil,
        externalTrafficPolicy: ExternalTrafficPolicy = .cluster
    ) {
        self.id = id
        self.ports = ports
        self.exposure = exposure
        self.loadBalancerIP = loadBalancerIP
        self.externalTrafficPolicy = externalTrafficPolicy
    }
}
